//! Sliding a window the deep-learning way: explicit zero padding, stride and
//! dilation, and the output-size formula `floor((i + 2p - k) / s) + 1`.

use ndarray::{Array, ArrayBase, Data, Dimension, LinalgScalar, Slice, Zip};

use crate::{ConvError, PadMode, flip, pad};

/// Padding, stride and dilation, the same along every axis.
///
/// The default (`padding 0, stride 1, dilation 1`) slides the kernel over every
/// position where it fits, like [`Mode::Valid`](crate::Mode::Valid).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    /// Zeros added before and after the input along each axis.
    pub padding: usize,
    /// How far the window moves between outputs (at least 1).
    pub stride: usize,
    /// Spacing between kernel taps (1 for an ordinary kernel, 2 skips every other sample).
    pub dilation: usize,
}

impl Default for Window {
    fn default() -> Self {
        Window {
            padding: 0,
            stride: 1,
            dilation: 1,
        }
    }
}

impl Window {
    /// A window with the given stride and no padding.
    pub fn stride(stride: usize) -> Self {
        Window {
            stride,
            ..Window::default()
        }
    }

    /// The same window with `padding` zeros on every side.
    pub fn with_padding(self, padding: usize) -> Self {
        Window { padding, ..self }
    }

    /// The same window with its kernel taps `dilation` samples apart.
    pub fn with_dilation(self, dilation: usize) -> Self {
        Window { dilation, ..self }
    }

    /// How many samples a kernel of `kernel` taps spans: `d (k - 1) + 1`.
    pub fn effective_kernel(&self, kernel: usize) -> Result<usize, ConvError> {
        self.effective_kernel_on_axis(0, kernel)
    }

    /// Number of outputs along one axis: `floor((i + 2p - d(k - 1) - 1) / s) + 1`.
    ///
    /// ```
    /// use convolution::Window;
    /// // A 7-sample input, a 3-tap kernel, stride 2: positions 0, 2 and 4.
    /// assert_eq!(Window::stride(2).output_len(7, 3)?, 3);
    /// // A ResNet stem: 224 pixels, 7x7 kernel, stride 2, padding 3.
    /// assert_eq!(Window::stride(2).with_padding(3).output_len(224, 7)?, 112);
    /// # Ok::<(), convolution::ConvError>(())
    /// ```
    ///
    /// # Errors
    /// [`ConvError::ZeroStride`], [`ConvError::ZeroDilation`],
    /// [`ConvError::KernelTooLarge`] when the dilated kernel is longer than the
    /// padded input, and [`ConvError::SizeOverflow`].
    pub fn output_len(&self, input: usize, kernel: usize) -> Result<usize, ConvError> {
        self.output_len_on_axis(0, input, kernel)
    }

    fn effective_kernel_on_axis(&self, axis: usize, kernel: usize) -> Result<usize, ConvError> {
        if self.dilation == 0 {
            return Err(ConvError::ZeroDilation);
        }
        kernel
            .saturating_sub(1)
            .checked_mul(self.dilation)
            .and_then(|span| span.checked_add(1))
            .ok_or(ConvError::SizeOverflow { axis })
    }

    fn padded_len(&self, axis: usize, input: usize) -> Result<usize, ConvError> {
        self.padding
            .checked_mul(2)
            .and_then(|both| both.checked_add(input))
            .ok_or(ConvError::SizeOverflow { axis })
    }

    pub(crate) fn output_len_on_axis(
        &self,
        axis: usize,
        input: usize,
        kernel: usize,
    ) -> Result<usize, ConvError> {
        if self.stride == 0 {
            return Err(ConvError::ZeroStride);
        }
        let span = self.effective_kernel_on_axis(axis, kernel)?;
        let padded = self.padded_len(axis, input)?;
        if span > padded {
            return Err(ConvError::KernelTooLarge {
                axis,
                kernel: span,
                input: padded,
                missing_padding: (span - padded).div_ceil(2),
            });
        }
        Ok((padded - span) / self.stride + 1)
    }
}

/// The output-size formula `floor((i + 2p - k) / s) + 1` for an input of `i`
/// samples, a kernel of `k`, padding `p` on each side and stride `s`.
///
/// ```
/// use convolution::output_size;
/// assert_eq!(output_size(6, 3, 0, 1)?, 4); // 6x6 image, 3x3 kernel: 4x4
/// assert_eq!(output_size(6, 3, 1, 1)?, 6); // 'same' padding keeps 6
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// As [`Window::output_len`].
pub fn output_size(i: usize, k: usize, p: usize, s: usize) -> Result<usize, ConvError> {
    Window {
        padding: p,
        stride: s,
        dilation: 1,
    }
    .output_len(i, k)
}

/// Cross-correlation as deep-learning layers compute it: the kernel is *not*
/// flipped, the input is zero-padded by `window.padding`, and the kernel moves
/// `window.stride` samples at a time with taps `window.dilation` apart.
///
/// Output index `o` (per axis) reads padded-input samples
/// `o * stride + j * dilation` for kernel taps `j`.
///
/// ```
/// use convolution::{correlate_window, Window};
/// use ndarray::array;
/// let x = array![1, 2, 3, 4, 5];
/// let k = array![1, 0, -1];
/// assert_eq!(correlate_window(&x, &k, Window::default())?, array![-2, -2, -2]);
/// assert_eq!(correlate_window(&x, &k, Window::stride(2))?, array![-2, -2]);
/// assert_eq!(correlate_window(&x, &k, Window::default().with_padding(1))?, array![-2, -2, -2, -2, 4]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// [`ConvError::Empty`] for an empty array, and the errors of [`Window::output_len`].
pub fn correlate_window<T, S1, S2, D>(
    input: &ArrayBase<S1, D>,
    kernel: &ArrayBase<S2, D>,
    window: Window,
) -> Result<Array<T, D>, ConvError>
where
    T: LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    crate::check_not_empty(input, kernel)?;
    let out_shape = input
        .shape()
        .iter()
        .zip(kernel.shape())
        .enumerate()
        .map(|(axis, (&i, &k))| window.output_len_on_axis(axis, i, k))
        .collect::<Result<Vec<_>, _>>()?;
    let padded = if window.padding == 0 {
        input.to_owned()
    } else {
        let widths = vec![(window.padding, window.padding); input.ndim()];
        pad(input, &widths, PadMode::Zeros)?
    };
    let padded = padded.into_dyn();
    let mut out = Array::zeros(out_shape.as_slice());
    for (tap, &weight) in kernel.view().into_dyn().indexed_iter() {
        let samples = padded.slice_each_axis(|ax| {
            let axis = ax.axis.index();
            let start = tap[axis] * window.dilation;
            let len = out_shape[axis];
            let end = start + (len - 1) * window.stride + 1;
            Slice::new(start as isize, Some(end as isize), window.stride as isize)
        });
        Zip::from(&mut out)
            .and(&samples)
            .for_each(|acc, &x| *acc = *acc + weight * x);
    }
    Ok(out
        .into_dimensionality::<D>()
        .expect("output has the input's number of axes"))
}

/// True convolution with padding, stride and dilation: [`correlate_window`] with
/// the kernel flipped along every axis.
///
/// # Errors
/// As [`correlate_window`].
pub fn convolve_window<T, S1, S2, D>(
    input: &ArrayBase<S1, D>,
    kernel: &ArrayBase<S2, D>,
    window: Window,
) -> Result<Array<T, D>, ConvError>
where
    T: LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    correlate_window(input, &flip(kernel), window)
}
