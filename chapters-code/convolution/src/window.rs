//! Sliding a window the deep-learning way: padding (explicit per side, or a
//! library's 'same' rule), stride and dilation per axis, and the output-size
//! formula `floor((i + before + after - d(k - 1) - 1) / s) + 1`.
//!
//! This is the one padding vocabulary of the crate: [`Sides`] (zeros before and
//! after along one axis), [`SameRule`] (whose 'same': scipy's, TensorFlow's or
//! PyTorch's), [`Padding`] (one of the two), and [`Window`], which adds stride,
//! dilation and the fill ([`PadMode`]) of the border. [`Conv2dLayer`](crate::Conv2dLayer)
//! takes a [`Padding`] too.

use ndarray::{Array, ArrayBase, ArrayD, ArrayViewD, Data, Dimension, LinalgScalar};

use crate::direct::{check_operands, into_dim};
use crate::engine::AxisGeometry;
use crate::exact::window_sum;
use crate::{Allocation, ConvError, Operand, PadMode, Remedy, flip, pad};

/// Zeros (or fill) added before and after the input along one axis.
///
/// ```
/// use convolution::Sides;
/// assert_eq!(Sides::symmetric(2), Sides::new(2, 2));
/// assert_eq!(Sides::new(1, 2).total(), Some(3));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Sides {
    /// Samples before the first one (top or left).
    pub before: usize,
    /// Samples after the last one (bottom or right).
    pub after: usize,
}

impl Sides {
    /// `before` samples before the input and `after` after it.
    pub const fn new(before: usize, after: usize) -> Self {
        Sides { before, after }
    }

    /// `p` samples on each side.
    pub const fn symmetric(p: usize) -> Self {
        Sides::new(p, p)
    }

    /// `before + after`, or `None` if it overflows.
    pub const fn total(self) -> Option<usize> {
        self.before.checked_add(self.after)
    }

    /// Split `total` samples into two sides, the extra one of an odd total at the end.
    const fn extra_after(total: usize) -> Self {
        Sides::new(total / 2, total - total / 2)
    }
}

/// Whose 'same' padding: three libraries agree on the total at stride 1
/// (`d (k - 1)` samples, so the output keeps the input's length) and differ on
/// where the odd sample of an even kernel goes, and on strides.
///
/// | rule | who | stride `s` | odd total |
/// |---|---|---|---|
/// | `Scipy` | `scipy.signal.correlate(..., 'same')`, `np.convolve(..., 'same')` | the stride-1 padding, then every `s`-th output: `ceil(i / s)` outputs | extra sample *before* (output starts at `(k - 1) / 2` of the full result) |
/// | `TensorFlow` | `tf.nn.conv2d`, Keras `padding="same"` | `ceil(i / s)` outputs, total `max((out - 1) s + d (k - 1) + 1 - i, 0)` | extra sample *after* |
/// | `PyTorch` | `torch.nn.Conv2d(padding="same")` | refused: stride must be 1 | extra sample *after* |
///
/// ```
/// use convolution::{SameRule, Sides};
/// // A 4-tap kernel at stride 1: 3 samples in all, the odd one on either side.
/// assert_eq!(SameRule::Scipy.sides(6, 4, 1, 1)?, Sides::new(2, 1));
/// assert_eq!(SameRule::TensorFlow.sides(6, 4, 1, 1)?, Sides::new(1, 2));
/// assert_eq!(SameRule::PyTorch.sides(6, 4, 1, 1)?, Sides::new(1, 2));
/// // Stride 2 over 7 samples with 3 taps: TensorFlow needs 2 samples, one per side.
/// assert_eq!(SameRule::TensorFlow.sides(7, 3, 2, 1)?, Sides::new(1, 1));
/// assert!(SameRule::PyTorch.sides(7, 3, 2, 1).is_err());
/// # Ok::<(), convolution::ConvError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SameRule {
    /// scipy's and numpy's 'same' for correlation: `ceil(d (k - 1) / 2)`
    /// before, the rest after.
    Scipy,
    /// TensorFlow's and Keras' `padding="same"`, stride-aware.
    TensorFlow,
    /// PyTorch's `padding="same"`: `d (k - 1) / 2` before, the rest after; stride 1 only.
    PyTorch,
}

impl SameRule {
    /// The padding this rule adds along an axis of `input` samples for a
    /// kernel of `kernel` taps, moved by `stride`, taps `dilation` apart.
    ///
    /// # Errors
    /// [`ConvError::ZeroStride`], [`ConvError::ZeroDilation`],
    /// [`ConvError::Empty`] for a zero input or kernel length,
    /// [`ConvError::SameStride`] for [`SameRule::PyTorch`] with a stride above 1,
    /// [`ConvError::SizeOverflow`].
    pub fn sides(
        self,
        input: usize,
        kernel: usize,
        stride: usize,
        dilation: usize,
    ) -> Result<Sides, ConvError> {
        self.sides_on_axis(0, input, kernel, stride, dilation)
    }

    fn sides_on_axis(
        self,
        axis: usize,
        input: usize,
        kernel: usize,
        stride: usize,
        dilation: usize,
    ) -> Result<Sides, ConvError> {
        check_steps(stride, dilation)?;
        for (operand, len) in [(Operand::Input, input), (Operand::Kernel, kernel)] {
            if len == 0 {
                return Err(ConvError::Empty {
                    operand,
                    shape: vec![0],
                });
            }
        }
        let overflow = ConvError::SizeOverflow { axis };
        // d (k - 1): the span of the dilated kernel minus one.
        let reach = (kernel - 1).checked_mul(dilation).ok_or(overflow.clone())?;
        Ok(match self {
            SameRule::Scipy => Sides::new(reach - reach / 2, reach / 2),
            SameRule::PyTorch if stride > 1 => return Err(ConvError::SameStride { stride }),
            SameRule::PyTorch => Sides::extra_after(reach),
            SameRule::TensorFlow => {
                // In u128: (out - 1) s + d (k - 1) + 1 can pass usize::MAX
                // while the padding itself fits.
                let outputs = input.div_ceil(stride) as u128;
                let needed = (outputs - 1) * stride as u128 + reach as u128 + 1;
                let total =
                    usize::try_from(needed.saturating_sub(input as u128)).map_err(|_| overflow)?;
                Sides::extra_after(total)
            }
        })
    }
}

/// How much border a window adds: explicit [`Sides`], or a library's 'same' rule
/// (which depends on the input, kernel, stride and dilation of each axis).
///
/// ```
/// use convolution::{Padding, SameRule, Sides};
/// assert_eq!(Padding::valid(), Padding::Explicit(vec![Sides::new(0, 0)]));
/// assert_eq!(Padding::symmetric(1).sides_on(0, 5, 3, 1, 1)?, Sides::new(1, 1));
/// let tf = Padding::Same(SameRule::TensorFlow);
/// assert_eq!(tf.sides_on(0, 6, 2, 1, 1)?, Sides::new(0, 1));
/// # Ok::<(), convolution::ConvError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Padding {
    /// The same sides on every axis (one entry), or one entry per axis.
    Explicit(Vec<Sides>),
    /// The padding that keeps the size ('same'), by this library's rule.
    Same(SameRule),
}

impl Default for Padding {
    fn default() -> Self {
        Padding::valid()
    }
}

impl Padding {
    /// No padding ('valid'): the kernel visits only positions where it fits.
    pub fn valid() -> Self {
        Padding::symmetric(0)
    }

    /// `p` samples on each side of every axis.
    pub fn symmetric(p: usize) -> Self {
        Padding::Explicit(vec![Sides::symmetric(p)])
    }

    /// The padding of axis `axis` for an input of `input` samples and a
    /// kernel of `kernel` taps, moved by `stride`, taps `dilation` apart.
    ///
    /// # Errors
    /// [`ConvError::WindowAxes`] when explicit sides are given for several
    /// axes but not for `axis`, and the errors of [`SameRule::sides`].
    pub fn sides_on(
        &self,
        axis: usize,
        input: usize,
        kernel: usize,
        stride: usize,
        dilation: usize,
    ) -> Result<Sides, ConvError> {
        match self {
            Padding::Explicit(sides) => per_axis(sides, axis, "padding").copied(),
            Padding::Same(rule) => rule.sides_on_axis(axis, input, kernel, stride, dilation),
        }
    }

    /// The number of axes this padding is written for, if it names them one by one.
    fn axes(&self) -> Option<usize> {
        match self {
            Padding::Explicit(sides) if sides.len() != 1 => Some(sides.len()),
            _ => None,
        }
    }
}

/// The entry for `axis` of a per-axis list: a single entry applies to every axis.
fn per_axis<'a, T>(values: &'a [T], axis: usize, what: &'static str) -> Result<&'a T, ConvError> {
    match values {
        [one] => Ok(one),
        _ => values.get(axis).ok_or(ConvError::WindowAxes {
            parameter: what,
            given: values.len(),
            axes: axis + 1,
        }),
    }
}

/// Stride and dilation must be at least 1, whatever the arrays.
fn check_steps(stride: usize, dilation: usize) -> Result<(), ConvError> {
    if stride == 0 {
        return Err(ConvError::ZeroStride);
    }
    if dilation == 0 {
        return Err(ConvError::ZeroDilation);
    }
    Ok(())
}

/// Padding, stride, dilation and the fill of the border, per axis.
///
/// The default (no padding, stride 1, dilation 1, zeros) slides the kernel over
/// every position where it fits, like [`Mode::Valid`](crate::Mode::Valid).
/// Simple windows name one value for every axis
/// (`Window::stride(2).with_padding(1)`); per-axis values are lists with one
/// entry per axis (`Window::default().with_strides(&[2, 1])`).
///
/// ```
/// use convolution::{PadMode, SameRule, Sides, Window};
/// let resnet_stem = Window::stride(2).with_padding(3);
/// assert_eq!(resnet_stem.output_len(224, 7)?, 112);
/// let tf_same = Window::stride(2).with_same(SameRule::TensorFlow);
/// assert_eq!(tf_same.output_len(7, 3)?, 4); // ceil(7 / 2)
/// let rows_only = Window::default().with_strides(&[2, 1]).with_sides(&[Sides::new(0, 1), Sides::new(1, 1)]);
/// assert_eq!(rows_only.output_shape(&[5, 5], &[3, 3])?, vec![2, 5]);
/// let mirrored = Window::default().with_padding(1).with_fill(PadMode::Reflect);
/// assert_eq!(mirrored.fill(), PadMode::Reflect);
/// # Ok::<(), convolution::ConvError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Window {
    padding: Padding,
    stride: Vec<usize>,
    dilation: Vec<usize>,
    fill: PadMode,
}

impl Default for Window {
    fn default() -> Self {
        Window {
            padding: Padding::valid(),
            stride: vec![1],
            dilation: vec![1],
            fill: PadMode::Zeros,
        }
    }
}

impl Window {
    /// A window with the given stride on every axis and no padding.
    pub fn stride(stride: usize) -> Self {
        Window::default().with_stride(stride)
    }

    /// `padding` zeros on each side, `stride` and `dilation`, the same on every
    /// axis: PyTorch's `Conv2d(padding=p, stride=s, dilation=d)`.
    ///
    /// ```
    /// use convolution::Window;
    /// assert_eq!(Window::uniform(1, 2, 1), Window::stride(2).with_padding(1));
    /// ```
    pub fn uniform(padding: usize, stride: usize, dilation: usize) -> Self {
        Window::stride(stride)
            .with_padding(padding)
            .with_dilation(dilation)
    }

    /// A window with `padding`, stride 1 and dilation 1.
    pub fn padded(padding: Padding) -> Self {
        Window::default().with_padding_rule(padding)
    }

    /// The same window with stride `stride` on every axis.
    pub fn with_stride(self, stride: usize) -> Self {
        self.with_strides(&[stride])
    }

    /// The same window with one stride per axis (or one for all).
    pub fn with_strides(self, strides: &[usize]) -> Self {
        Window {
            stride: strides.to_vec(),
            ..self
        }
    }

    /// The same window with `padding` samples on each side of every axis.
    pub fn with_padding(self, padding: usize) -> Self {
        self.with_padding_rule(Padding::symmetric(padding))
    }

    /// The same window with these sides, one per axis (or one for all).
    pub fn with_sides(self, sides: &[Sides]) -> Self {
        self.with_padding_rule(Padding::Explicit(sides.to_vec()))
    }

    /// The same window with a library's 'same' padding.
    pub fn with_same(self, rule: SameRule) -> Self {
        self.with_padding_rule(Padding::Same(rule))
    }

    /// The same window with this [`Padding`].
    pub fn with_padding_rule(self, padding: Padding) -> Self {
        Window { padding, ..self }
    }

    /// The same window with its kernel taps `dilation` samples apart on every axis.
    pub fn with_dilation(self, dilation: usize) -> Self {
        self.with_dilations(&[dilation])
    }

    /// The same window with one dilation per axis (or one for all).
    pub fn with_dilations(self, dilations: &[usize]) -> Self {
        Window {
            dilation: dilations.to_vec(),
            ..self
        }
    }

    /// The same window with its border filled by `fill` instead of zeros.
    pub fn with_fill(self, fill: PadMode) -> Self {
        Window { fill, ..self }
    }

    /// The padding of this window.
    pub fn padding(&self) -> &Padding {
        &self.padding
    }

    /// What fills the border ([`PadMode::Zeros`] unless set).
    pub fn fill(&self) -> PadMode {
        self.fill
    }

    /// The stride along `axis` (a single stride applies to every axis).
    ///
    /// # Errors
    /// [`ConvError::WindowAxes`] when strides are listed per axis but not for `axis`.
    pub fn stride_on(&self, axis: usize) -> Result<usize, ConvError> {
        per_axis(&self.stride, axis, "stride").copied()
    }

    /// The dilation along `axis` (a single dilation applies to every axis).
    ///
    /// # Errors
    /// [`ConvError::WindowAxes`] when dilations are listed per axis but not for `axis`.
    pub fn dilation_on(&self, axis: usize) -> Result<usize, ConvError> {
        per_axis(&self.dilation, axis, "dilation").copied()
    }

    /// The padding along `axis` for an input of `input` samples and a kernel of `kernel`.
    ///
    /// # Errors
    /// As [`Padding::sides_on`].
    pub fn sides_on(&self, axis: usize, input: usize, kernel: usize) -> Result<Sides, ConvError> {
        let (stride, dilation) = (self.stride_on(axis)?, self.dilation_on(axis)?);
        self.padding.sides_on(axis, input, kernel, stride, dilation)
    }

    /// How many samples a kernel of `kernel` taps spans along axis 0: `d (k - 1) + 1`.
    ///
    /// # Errors
    /// [`ConvError::ZeroDilation`], [`ConvError::Empty`] for a zero kernel,
    /// [`ConvError::SizeOverflow`].
    pub fn effective_kernel(&self, kernel: usize) -> Result<usize, ConvError> {
        self.effective_kernel_on_axis(0, kernel)
    }

    /// Number of outputs along axis 0 (or any axis of a window that is the
    /// same on every axis): `floor((i + before + after - d(k - 1) - 1) / s) + 1`.
    /// This is the deep-learning output-size rule; [`Mode::output_len`](crate::Mode::output_len)
    /// is numpy's.
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
    /// padded input, [`ConvError::SizeOverflow`], and the errors of [`Window::sides_on`].
    pub fn output_len(&self, input: usize, kernel: usize) -> Result<usize, ConvError> {
        self.output_len_on_axis(0, input, kernel)
    }

    /// The output shape for an input of shape `input` and a kernel of shape
    /// `kernel`: [`Window::output_len`] per axis, with that axis' parameters.
    ///
    /// # Errors
    /// [`ConvError::AxesMismatch`] when the shapes have different lengths,
    /// [`ConvError::WindowAxes`] when a per-axis list does not have one entry
    /// per axis, and the errors of [`Window::output_len`].
    pub fn output_shape(&self, input: &[usize], kernel: &[usize]) -> Result<Vec<usize>, ConvError> {
        self.output_shape_with(input, kernel, Remedy::WindowPadding)
    }

    pub(crate) fn output_shape_with(
        &self,
        input: &[usize],
        kernel: &[usize],
        remedy: Remedy,
    ) -> Result<Vec<usize>, ConvError> {
        if input.len() != kernel.len() {
            return Err(ConvError::AxesMismatch {
                input: input.len(),
                kernel: kernel.len(),
            });
        }
        self.check_axes(input.len())?;
        input
            .iter()
            .zip(kernel)
            .enumerate()
            .map(|(axis, (&i, &k))| self.output_len_with(axis, i, k, remedy))
            .collect()
    }

    /// Every per-axis list has one entry, or one per axis.
    pub(crate) fn check_axes(&self, axes: usize) -> Result<(), ConvError> {
        for (parameter, given) in [
            ("stride", Some(self.stride.len()).filter(|&n| n != 1)),
            ("dilation", Some(self.dilation.len()).filter(|&n| n != 1)),
            ("padding", self.padding.axes()),
        ] {
            if let Some(given) = given.filter(|&n| n != axes) {
                return Err(ConvError::WindowAxes {
                    parameter,
                    given,
                    axes,
                });
            }
        }
        Ok(())
    }

    fn effective_kernel_on_axis(&self, axis: usize, kernel: usize) -> Result<usize, ConvError> {
        let dilation = self.dilation_on(axis)?;
        if dilation == 0 {
            return Err(ConvError::ZeroDilation);
        }
        if kernel == 0 {
            return Err(ConvError::Empty {
                operand: Operand::Kernel,
                shape: vec![0],
            });
        }
        (kernel - 1)
            .checked_mul(dilation)
            .and_then(|span| span.checked_add(1))
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
        Ok(self.axis_geometry(axis, input, kernel, remedy)?.out)
    }

    /// Stride, dilation, padding and output length of one axis, checked.
    pub(crate) fn axis_geometry(
        &self,
        axis: usize,
        input: usize,
        kernel: usize,
        remedy: Remedy,
    ) -> Result<AxisGeometry, ConvError> {
        let (stride, dilation) = (self.stride_on(axis)?, self.dilation_on(axis)?);
        check_steps(stride, dilation)?;
        if input == 0 {
            return Err(ConvError::Empty {
                operand: Operand::Input,
                shape: vec![0],
            });
        }
        let span = self.effective_kernel_on_axis(axis, kernel)?;
        let sides = self.sides_on(axis, input, kernel)?;
        // In u128: a padded length beyond usize::MAX may still give an output
        // that fits (a 'same' padding of a usize::MAX-sample axis).
        let padded = input as u128 + sides.before as u128 + sides.after as u128;
        if span as u128 > padded {
            let padded = padded as usize; // below span, so it fits
            return Err(ConvError::KernelTooLarge {
                axis,
                kernel: span,
                input: padded,
                missing_padding: (span - padded).div_ceil(2),
                remedy,
            });
        }
        let out = usize::try_from((padded - span as u128) / stride as u128 + 1)
            .map_err(|_| ConvError::SizeOverflow { axis })?;
        Ok(AxisGeometry {
            input,
            out,
            stride,
            dilation,
            before: sides.before,
        })
    }

    /// Stride and dilation of every listed axis must be at least 1.
    fn check_steps(&self) -> Result<(), ConvError> {
        for &stride in &self.stride {
            check_steps(stride, 1)?;
        }
        for &dilation in &self.dilation {
            check_steps(1, dilation)?;
        }
        Ok(())
    }

    /// The same window read on a zero-filled, already padded input: no padding.
    fn without_padding(&self) -> Self {
        Window {
            padding: Padding::valid(),
            fill: PadMode::Zeros,
            ..self.clone()
        }
    }
}

/// Cross-correlation as deep-learning layers compute it: the kernel is *not*
/// flipped, the input is padded as `window` says (zeros unless
/// [`Window::with_fill`] chose another [`PadMode`]), and the kernel moves
/// `stride` samples at a time with taps `dilation` apart. This is "pad, then
/// correlate", in one call.
///
/// Output index `o` (per axis) reads padded-input samples
/// `o * stride + j * dilation` for kernel taps `j`.
///
/// ```
/// use convolution::{correlate_window, PadMode, SameRule, Window};
/// use ndarray::array;
/// let x = array![1, 2, 3, 4, 5];
/// let k = array![1, 0, -1];
/// assert_eq!(correlate_window(&x, &k, Window::default())?, array![-2, -2, -2]);
/// assert_eq!(correlate_window(&x, &k, Window::stride(2))?, array![-2, -2]);
/// assert_eq!(correlate_window(&x, &k, Window::default().with_padding(1))?, array![-2, -2, -2, -2, 4]);
/// // TensorFlow's 'same' for an even kernel: the extra zero goes after.
/// let tf = Window::default().with_same(SameRule::TensorFlow);
/// assert_eq!(correlate_window(&x, &array![1, -1], tf)?, array![-1, -1, -1, -1, 5]);
/// // The border repeats the edge sample instead of zeros.
/// let edge = Window::default().with_padding(1).with_fill(PadMode::Edge);
/// assert_eq!(correlate_window(&x, &k, edge)?, array![-1, -2, -2, -2, -1]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// Zero padding is not copied into a padded array: a tap that falls on the
/// padding simply adds nothing, so a huge padding with a huge stride costs
/// only the few outputs it gives. Another fill has to read real samples there,
/// so the input is padded once ([`pad`]) and then read without padding.
/// Integer sums are exact, as in [`convolve`](crate::convolve); complex
/// kernels are not conjugated (as in deep-learning frameworks).
///
/// # Errors
/// [`ConvError::ZeroStride`], [`ConvError::ZeroDilation`] (checked first, for
/// arrays of any number of axes), [`ConvError::AxesMismatch`],
/// [`ConvError::Empty`] for an empty array, the errors of [`Window::output_shape`],
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
    let input = input.view().into_dyn();
    let kernel = kernel.view().into_dyn();
    let out = if window.fill == PadMode::Zeros {
        window_dyn(&input, &kernel, &window, Remedy::WindowPadding)?
    } else {
        // Check the whole geometry before padding anything.
        window_geometry(&input, &kernel, &window, Remedy::WindowPadding)?;
        let widths = input
            .shape()
            .iter()
            .zip(kernel.shape())
            .enumerate()
            .map(|(axis, (&i, &k))| window.sides_on(axis, i, k).map(|s| (s.before, s.after)))
            .collect::<Result<Vec<_>, _>>()?;
        let padded = pad(&input, &widths, window.fill)?;
        window_dyn(
            &padded.view(),
            &kernel,
            &window.without_padding(),
            Remedy::WindowPadding,
        )?
    };
    into_dim::<T, D>(out)
}

/// [`correlate_window`] with zero fill on `IxDyn` views, with the fix a
/// too-large kernel suggests.
pub(crate) fn window_dyn<T: LinalgScalar>(
    input: &ArrayViewD<'_, T>,
    kernel: &ArrayViewD<'_, T>,
    window: &Window,
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
    window: &Window,
    remedy: Remedy,
) -> Result<(Vec<AxisGeometry>, Vec<usize>), ConvError> {
    window.check_steps()?;
    check_operands(input, kernel)?;
    window.check_axes(input.ndim())?;
    // The padding is never materialised: a tap simply reads zero where the
    // padded input would have a zero.
    let axes = input
        .shape()
        .iter()
        .zip(kernel.shape())
        .enumerate()
        .map(|(axis, (&i, &k))| window.axis_geometry(axis, i, k, remedy))
        .collect::<Result<Vec<_>, _>>()?;
    let out_shape = axes.iter().map(|a| a.out).collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Mode, convolve, correlate};
    use ndarray::Array1;

    /// scipy's 'same' is the Scipy rule's padded correlation (and, with the
    /// kernel flipped, convolution), for every input and kernel length up to 9.
    #[test]
    fn scipy_same_is_the_scipy_rule() {
        let scipy = Window::default().with_same(SameRule::Scipy);
        for n in 1..=9usize {
            for k in 1..=n {
                let x = Array1::from_shape_fn(n, |i| (i as i64 + 1) * 7 % 11);
                let h = Array1::from_shape_fn(k, |i| 10i64.pow(i as u32));
                let corr = correlate_window(&x, &h, scipy.clone()).unwrap();
                assert_eq!(correlate(&x, &h, Mode::Same).unwrap(), corr, "n={n} k={k}");
                let conv = convolve_window(&x, &h, scipy.clone()).unwrap();
                assert_eq!(convolve(&x, &h, Mode::Same).unwrap(), conv, "n={n} k={k}");
            }
        }
    }

    /// TensorFlow's rule gives ceil(i / s) outputs, splits an odd total with
    /// the extra sample after, and equals PyTorch's rule at stride 1.
    #[test]
    fn tensorflow_same_gives_ceil_i_over_s_outputs() {
        for i in 1..=12usize {
            for k in 1..=6 {
                for s in 1..=4 {
                    for d in 1..=3 {
                        let p = SameRule::TensorFlow.sides(i, k, s, d).unwrap();
                        let span = d * (k - 1) + 1;
                        let outputs = (i + p.before + p.after - span) / s + 1;
                        assert_eq!(outputs, i.div_ceil(s), "i={i} k={k} s={s} d={d}");
                        assert!(p.after == p.before || p.after == p.before + 1);
                        let window = Window::stride(s)
                            .with_dilation(d)
                            .with_same(SameRule::TensorFlow);
                        assert_eq!(window.output_len(i, k), Ok(i.div_ceil(s)));
                        if s == 1 {
                            assert_eq!(SameRule::PyTorch.sides(i, k, s, d), Ok(p));
                        } else {
                            assert_eq!(
                                SameRule::PyTorch.sides(i, k, s, d),
                                Err(ConvError::SameStride { stride: s })
                            );
                        }
                    }
                }
            }
        }
    }

    /// A non-zero fill is "pad, then correlate" without padding.
    #[test]
    fn a_fill_is_pad_then_correlate() {
        let x = ndarray::array![[1, 2, 3], [4, 5, 7], [8, 1, 0]];
        let k = ndarray::array![[1, -2], [3, 1]];
        for fill in [
            PadMode::Edge,
            PadMode::Reflect,
            PadMode::Symmetric,
            PadMode::Wrap,
        ] {
            let window = Window::stride(2)
                .with_sides(&[Sides::new(1, 2), Sides::new(2, 0)])
                .with_fill(fill);
            let padded = pad(&x, &[(1, 2), (2, 0)], fill).unwrap();
            assert_eq!(
                correlate_window(&x, &k, window).unwrap(),
                correlate_window(&padded, &k, Window::stride(2)).unwrap()
            );
        }
    }

    /// Per-axis lists must have one entry per axis.
    #[test]
    fn per_axis_lists_name_every_axis() {
        let x = ndarray::Array2::<i32>::ones((4, 4));
        let k = ndarray::Array2::<i32>::ones((2, 2));
        let three = Window::default().with_strides(&[1, 2, 3]);
        assert_eq!(
            correlate_window(&x, &k, three),
            Err(ConvError::WindowAxes {
                parameter: "stride",
                given: 3,
                axes: 2
            })
        );
        let rows = Window::default()
            .with_strides(&[2, 1])
            .with_dilations(&[1, 3]);
        assert_eq!(correlate_window(&x, &k, rows).unwrap().dim(), (2, 1));
    }
}
