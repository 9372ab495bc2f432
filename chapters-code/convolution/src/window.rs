//! Sliding a window the deep-learning way: explicit zero padding, stride and
//! dilation, and the output-size formula `floor((i + 2p - k) / s) + 1`.

use ndarray::{Array, ArrayBase, ArrayD, ArrayViewD, Data, Dimension, LinalgScalar};

use crate::direct::{check_operands, into_dim};
use crate::engine::AxisGeometry;
use crate::exact::window_sum;
use crate::{Allocation, ConvError, Operand, Remedy, flip};

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
        if kernel == 0 {
            return Err(ConvError::Empty {
                operand: Operand::Kernel,
                shape: vec![0],
            });
        }
        (kernel - 1)
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
        self.output_len_with(axis, input, kernel, Remedy::WindowPadding)
    }

    /// As [`Window::output_len`], with the fix a too-large kernel should suggest.
    pub(crate) fn output_len_with(
        &self,
        axis: usize,
        input: usize,
        kernel: usize,
        remedy: Remedy,
    ) -> Result<usize, ConvError> {
        self.check_steps()?;
        if input == 0 {
            return Err(ConvError::Empty {
                operand: Operand::Input,
                shape: vec![0],
            });
        }
        let span = self.effective_kernel_on_axis(axis, kernel)?;
        let padded = self.padded_len(axis, input)?;
        if span > padded {
            return Err(ConvError::KernelTooLarge {
                axis,
                kernel: span,
                input: padded,
                missing_padding: (span - padded).div_ceil(2),
                remedy,
            });
        }
        Ok((padded - span) / self.stride + 1)
    }

    /// Stride and dilation must be at least 1, whatever the arrays.
    fn check_steps(&self) -> Result<(), ConvError> {
        if self.stride == 0 {
            return Err(ConvError::ZeroStride);
        }
        if self.dilation == 0 {
            return Err(ConvError::ZeroDilation);
        }
        Ok(())
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
/// A kernel of size 0 is an error ([`ConvError::Empty`]): the formula would
/// give `i + 2p + 1` positions for a kernel that reads nothing.
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
/// The zero padding is not copied into a padded array: a tap that falls on
/// the padding simply adds nothing, so a huge padding with a huge stride costs
/// only the few outputs it gives. Integer sums are exact, as in
/// [`convolve`](crate::convolve); complex kernels are not conjugated (as in
/// deep-learning frameworks).
///
/// # Errors
/// [`ConvError::ZeroStride`], [`ConvError::ZeroDilation`] (checked first, for
/// arrays of any number of axes), [`ConvError::AxesMismatch`],
/// [`ConvError::Empty`] for an empty array, the errors of [`Window::output_len`],
/// [`ConvError::TooLarge`] and [`ConvError::Overflow`].
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
    let out = window_dyn(
        &input.view().into_dyn(),
        &kernel.view().into_dyn(),
        window,
        Remedy::WindowPadding,
    )?;
    into_dim::<T, D>(out)
}

/// [`correlate_window`] on `IxDyn` views, with the fix a too-large kernel suggests.
pub(crate) fn window_dyn<T: LinalgScalar>(
    input: &ArrayViewD<'_, T>,
    kernel: &ArrayViewD<'_, T>,
    window: Window,
    remedy: Remedy,
) -> Result<ArrayD<T>, ConvError> {
    let (axes, out_shape) = window_geometry(input, kernel, window, remedy)?;
    window_sum(
        input,
        kernel,
        &axes,
        &out_shape,
        Allocation::WindowOutput,
        false,
    )
}

/// The checked geometry of a windowed sum: one [`AxisGeometry`] per axis and
/// the output shape.
pub(crate) fn window_geometry<T>(
    input: &ArrayViewD<'_, T>,
    kernel: &ArrayViewD<'_, T>,
    window: Window,
    remedy: Remedy,
) -> Result<(Vec<AxisGeometry>, Vec<usize>), ConvError> {
    window.check_steps()?;
    check_operands(input, kernel)?;
    let out_shape = input
        .shape()
        .iter()
        .zip(kernel.shape())
        .enumerate()
        .map(|(axis, (&i, &k))| window.output_len_with(axis, i, k, remedy))
        .collect::<Result<Vec<_>, _>>()?;
    // The padding is never materialised: a tap simply reads zero where the
    // padded input would have a zero.
    let axes: Vec<AxisGeometry> = input
        .shape()
        .iter()
        .zip(&out_shape)
        .map(|(&n, &out)| AxisGeometry {
            input: n,
            out,
            stride: window.stride,
            dilation: window.dilation,
            before: window.padding,
        })
        .collect();
    Ok((axes, out_shape))
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
