//! Images with several channels: a `(height, width, channels)` image and a
//! `(kh, kw, channels)` kernel give one 2-D map.

use ndarray::{Array2, ArrayBase, Axis, Data, Ix3, LinalgScalar};

use crate::{ConvError, Mode, correlate};

/// Cross-correlate a multi-channel image with a kernel of the same depth and
/// sum over the channels, in `Valid` mode: the output has shape
/// `(h - kh + 1, w - kw + 1)`. This is one output channel of a convolution layer
/// (without bias or activation).
///
/// ```
/// use convolution::correlate_channels;
/// use ndarray::Array3;
/// let image = Array3::from_shape_fn((4, 4, 3), |(i, j, c)| (i + j + c) as i64);
/// let kernel = Array3::<i64>::ones((3, 3, 3));
/// let out = correlate_channels(&image, &kernel)?;
/// assert_eq!(out.dim(), (2, 2));
/// assert_eq!(out[[0, 0]], 3 * (9 * 2) + 9 * (0 + 1 + 2)); // 27 taps
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// [`ConvError::ChannelMismatch`] if the last axes differ, and the errors of
/// [`correlate`] in `Valid` mode, including [`ConvError::KernelTooLarge`] when the
/// kernel is larger than the image.
pub fn correlate_channels<T, S1, S2>(
    image: &ArrayBase<S1, Ix3>,
    kernel: &ArrayBase<S2, Ix3>,
) -> Result<Array2<T>, ConvError>
where
    T: LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
{
    let (h, w, c) = image.dim();
    let (kh, kw, kc) = kernel.dim();
    if c != kc {
        return Err(ConvError::ChannelMismatch {
            image: c,
            kernel: kc,
        });
    }
    crate::check_not_empty(image, kernel)?;
    for (axis, (i, k)) in [(h, kh), (w, kw)].into_iter().enumerate() {
        if k > i {
            return Err(ConvError::KernelTooLarge {
                axis,
                kernel: k,
                input: i,
                missing_padding: (k - i).div_ceil(2),
            });
        }
    }
    let mut out = Array2::zeros((h - kh + 1, w - kw + 1));
    for (plane, taps) in image.axis_iter(Axis(2)).zip(kernel.axis_iter(Axis(2))) {
        out = out + correlate(&plane, &taps, Mode::Valid)?;
    }
    Ok(out)
}
