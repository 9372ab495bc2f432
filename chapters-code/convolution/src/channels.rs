//! Images with several channels: a `(height, width, channels)` image and a
//! `(kh, kw, channels)` kernel give one 2-D map.

use ndarray::{Array2, ArrayBase, Axis, Data, Ix3, LinalgScalar};

use crate::direct::into_dim;
use crate::window::window_dyn;
use crate::{ConvError, Remedy, Window};

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
/// Integer sums (over all taps and channels together) are exact, as in
/// [`convolve`](crate::convolve).
///
/// # Errors
/// [`ConvError::ChannelsFirst`] if the image looks like `(C, H, W)` (its first
/// axis is the kernel's channel count), else [`ConvError::ChannelMismatch`] if
/// the last axes differ; [`ConvError::Empty`], [`ConvError::KernelTooLarge`] when
/// the kernel is larger than the image, [`ConvError::Overflow`].
pub fn correlate_channels<T, S1, S2>(
    image: &ArrayBase<S1, Ix3>,
    kernel: &ArrayBase<S2, Ix3>,
) -> Result<Array2<T>, ConvError>
where
    T: LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
{
    let (h, _, c) = image.dim();
    let (_, _, kc) = kernel.dim();
    if c != kc {
        if h == kc {
            // (C, H, W): the fix is to move the channels last, not to change the kernel.
            return Err(ConvError::ChannelsFirst {
                shape: image.shape().to_vec(),
                channels: kc,
                permutation: vec![1, 2, 0],
            });
        }
        return Err(ConvError::ChannelMismatch {
            image: c,
            kernel: kc,
        });
    }
    // One 3-D sliding sum whose channel axis has a single position: the sum
    // over channels is part of the same exact sum, not added up afterwards.
    let out = window_dyn(
        &image.view().into_dyn(),
        &kernel.view().into_dyn(),
        Window::default(),
        Remedy::PadImage,
    )?;
    let out = into_dim::<T, Ix3>(out)?;
    Ok(out.index_axis_move(Axis(2), 0))
}
