//! The course chapter's ReLU demonstration: one edge kernel and its negation,
//! each followed by a ReLU, keep one direction of edge each. The kernel is the
//! core's [`convolution::kernels::row_difference_2x2`] (bottom row minus top
//! row); without a flip, as a layer applies it, it is positive where the image
//! gets brighter downwards.

use book_figures::FigureResult;
use convolution::kernels::{row_difference_2x2, to_f64};
use convolution::{Activation, Conv2dLayer, ConvError, Padding};
use ndarray::{Array1, Array2, Array4, s};

use crate::photo;

/// A one-channel layer from a 2-D kernel: weights `(kh, kw, 1, 1)`, zero bias.
pub fn single_channel_layer(
    kernel: &Array2<f64>,
    padding: Padding,
    activation: Activation,
) -> Result<Conv2dLayer, ConvError> {
    let (kh, kw) = kernel.dim();
    let weights = kernel
        .to_shape((kh, kw, 1, 1))
        .expect("a 2-D kernel has kh * kw values")
        .to_owned();
    Conv2dLayer::new(weights, Array1::zeros(1), padding, activation)
}

/// A gray image as a batch of one image with one channel, `(1, h, w, 1)`.
pub fn as_batch(image: &Array2<f64>) -> Array4<f64> {
    let (h, w) = image.dim();
    image
        .to_shape((1, h, w, 1))
        .expect("h * w values")
        .to_owned()
}

/// Run a one-channel layer on a gray image and return the single output map.
pub fn apply(layer: &Conv2dLayer, image: &Array2<f64>) -> Result<Array2<f64>, ConvError> {
    Ok(layer
        .forward(&as_batch(image))?
        .slice(s![0, .., .., 0])
        .to_owned())
}

/// The input of the ReLU figure and the two rectified edge maps.
pub struct EdgeMaps {
    pub image: Array2<f64>,
    /// `ReLU(k ⋆ x)` (correlation): edges where the image gets brighter downwards.
    pub rising: Array2<f64>,
    /// `ReLU(-k ⋆ x)`: edges where it gets darker downwards.
    pub falling: Array2<f64>,
}

/// Both rectified maps ('valid', as in the course chapter) on the halved camera photo.
pub fn edge_maps() -> FigureResult<EdgeMaps> {
    let image = photo::gray_input()?;
    let kernel = to_f64(&row_difference_2x2());
    let rising = apply(
        &single_channel_layer(&kernel, Padding::valid(), Activation::Relu)?,
        &image,
    )?;
    let falling = apply(
        &single_channel_layer(&(-&kernel), Padding::valid(), Activation::Relu)?,
        &image,
    )?;
    Ok(EdgeMaps {
        image,
        rising,
        falling,
    })
}
