//! Images with several channels: a `(height, width, channels)` image and a
//! `(kh, kw, channels)` kernel give one 2-D map.

use ndarray::{Array2, ArrayBase, Axis, Data, Ix3, LinalgScalar, Zip};

use crate::direct::into_dim;
use crate::engine::try_zeros;
use crate::exact::{is_integer, plain_sum};
use crate::window::{window_dyn, window_geometry};
use crate::{Allocation, ConvError, Remedy, Window};

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
    let image = image.view().into_dyn();
    let kernel = kernel.view().into_dyn();
    if is_integer::<T>() {
        // One exact 3-D sum whose channel axis has a single position: the sum
        // over channels is part of the same checked sum.
        let out = window_dyn(&image, &kernel, &Window::default(), Remedy::PadImage)?;
        let out = into_dim::<T, Ix3>(out)?;
        return Ok(out.index_axis_move(Axis(2), 0));
    }
    // Floats: channel by channel, summed in channel order, the order this
    // function has always used (so results keep every bit).
    let (axes, shape) = window_geometry(&image, &kernel, &Window::default(), Remedy::PadImage)?;
    let mut out = try_zeros::<T>(&shape[..2], Allocation::WindowOutput)?;
    let mut partial = try_zeros::<T>(&shape[..2], Allocation::WindowOutput)?;
    for (plane, taps) in image.axis_iter(Axis(2)).zip(kernel.axis_iter(Axis(2))) {
        partial.fill(T::zero());
        plain_sum(&plane, &taps, &axes[..2], &mut partial.view_mut(), true);
        Zip::from(&mut out)
            .and(&partial)
            .for_each(|o, &p| *o = *o + p);
    }
    into_dim::<T, ndarray::Ix2>(out)
}
