//! Transposed convolution: the adjoint of a strided, padded, dilated convolution.
//!
//! A strided correlation maps a long input to a short output with a matrix `M`
//! ([`correlation_matrix`](crate::correlation_matrix)). Its transpose `Mᵀ` maps
//! short back to long: every input sample *scatters* a copy of the kernel,
//! scaled by its value, into the output, `stride` samples further along for
//! each input step. Deep-learning libraries call this a transposed convolution
//! (`ConvTranspose2d`, `Conv2DTranspose`); it is used to upsample.

use ndarray::{Array, ArrayBase, Data, Dimension, IxDyn, LinalgScalar, Slice, Zip};

use crate::matrix::checked_elements;
use crate::{ConvError, Operand, PadMode, Padding, SameRule, Window, correlate_window, flip, pad};

/// PyTorch's parameters of a transposed convolution (`ConvTranspose1d/2d/3d`),
/// the same along every axis.
///
/// `padding`, `stride` and `dilation` are those of the forward convolution
/// whose adjoint this is; `output_padding` adds samples at the end of each
/// axis, to pick one of the several output sizes that the forward convolution
/// maps to the same input size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TransposedWindow {
    /// Samples cropped from both ends of each axis (the forward convolution's padding).
    pub padding: usize,
    /// How far apart consecutive inputs place their copies of the kernel (at least 1).
    pub stride: usize,
    /// Spacing between kernel taps (at least 1).
    pub dilation: usize,
    /// Extra samples at the end of each axis; must be below `max(stride, dilation)`.
    pub output_padding: usize,
}

impl Default for TransposedWindow {
    fn default() -> Self {
        TransposedWindow {
            padding: 0,
            stride: 1,
            dilation: 1,
            output_padding: 0,
        }
    }
}

impl TransposedWindow {
    /// A transposed window with the given stride, no padding, dilation 1.
    pub fn stride(stride: usize) -> Self {
        TransposedWindow {
            stride,
            ..TransposedWindow::default()
        }
    }

    /// The same window with `padding` samples cropped from each end.
    pub fn with_padding(self, padding: usize) -> Self {
        TransposedWindow { padding, ..self }
    }

    /// The same window with its kernel taps `dilation` samples apart.
    pub fn with_dilation(self, dilation: usize) -> Self {
        TransposedWindow { dilation, ..self }
    }

    /// The same window with `output_padding` extra samples at the end.
    pub fn with_output_padding(self, output_padding: usize) -> Self {
        TransposedWindow {
            output_padding,
            ..self
        }
    }

    /// The forward (ordinary) window this transposed window is the adjoint of.
    pub fn forward(&self) -> Window {
        Window::stride(self.stride)
            .with_padding(self.padding)
            .with_dilation(self.dilation)
    }

    /// PyTorch's output size `(i - 1) s - 2p + d (k - 1) + output_padding + 1`.
    ///
    /// ```
    /// use convolution::TransposedWindow;
    /// // Stride 2 doubles a 4-sample input with a 4-tap kernel and padding 1.
    /// assert_eq!(TransposedWindow::stride(2).with_padding(1).output_len(4, 4)?, 8);
    /// // A 3-tap kernel gives 7, and output_padding 1 makes it 8.
    /// let t = TransposedWindow::stride(2).with_padding(1);
    /// assert_eq!(t.output_len(4, 3)?, 7);
    /// assert_eq!(t.with_output_padding(1).output_len(4, 3)?, 8);
    /// # Ok::<(), convolution::ConvError>(())
    /// ```
    ///
    /// # Errors
    /// [`ConvError::ZeroStride`], [`ConvError::ZeroDilation`],
    /// [`ConvError::OutputPadding`] unless `output_padding < max(stride, dilation)`,
    /// [`ConvError::Empty`] for a zero input or kernel size,
    /// [`ConvError::CropTooLarge`] when the padding leaves no sample, and
    /// [`ConvError::SizeOverflow`].
    pub fn output_len(&self, input: usize, kernel: usize) -> Result<usize, ConvError> {
        self.output_len_on_axis(0, input, kernel)
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
        if self.dilation == 0 {
            return Err(ConvError::ZeroDilation);
        }
        if self.output_padding >= self.stride.max(self.dilation) {
            return Err(ConvError::OutputPadding {
                output_padding: self.output_padding,
                stride: self.stride,
                dilation: self.dilation,
            });
        }
        for (operand, len) in [(Operand::Input, input), (Operand::Kernel, kernel)] {
            if len == 0 {
                return Err(ConvError::Empty {
                    operand,
                    shape: vec![0],
                });
            }
        }
        let uncropped = uncropped_len(axis, input, kernel, self.stride, self.dilation)?
            .checked_add(self.output_padding)
            .ok_or(ConvError::SizeOverflow { axis })?;
        match self.padding.checked_mul(2) {
            Some(both) if both < uncropped => Ok(uncropped - both),
            _ => Err(ConvError::CropTooLarge {
                axis,
                uncropped,
                padding: self.padding,
                max_padding: (uncropped - 1) / 2,
            }),
        }
    }
}

/// A slice step for `stride`; a stride beyond `isize::MAX` only ever meets
/// one sample per axis (anything longer is refused as too large), so any
/// positive step does.
fn step(stride: usize) -> isize {
    stride.min(isize::MAX as usize) as isize
}

/// `(i - 1) s + d (k - 1) + 1`: where the last input's last tap lands, plus one.
pub(crate) fn uncropped_len(
    axis: usize,
    input: usize,
    kernel: usize,
    stride: usize,
    dilation: usize,
) -> Result<usize, ConvError> {
    (input - 1)
        .checked_mul(stride)
        .and_then(|a| {
            (kernel - 1)
                .checked_mul(dilation)
                .and_then(|b| a.checked_add(b))
        })
        .and_then(|n| n.checked_add(1))
        .ok_or(ConvError::SizeOverflow { axis })
}

/// Scatter: input sample `m`, tap `j` adds `input[m] * kernel[j]` to output
/// `m * stride + j * dilation - crop` (per axis), kept when inside `out_shape`.
pub(crate) fn scatter<T, S1, S2, D>(
    input: &ArrayBase<S1, D>,
    kernel: &ArrayBase<S2, D>,
    strides: &[usize],
    dilations: &[usize],
    crop: &[usize],
    out_shape: &[usize],
) -> Result<Array<T, D>, ConvError>
where
    T: LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    checked_elements(out_shape)?;
    let x = input.view().into_dyn();
    let mut out = Array::<T, IxDyn>::zeros(out_shape);
    'taps: for (tap, &weight) in kernel.view().into_dyn().indexed_iter() {
        // Per axis: the inputs m in lo..hi whose copy of this tap lands inside.
        let mut spans = Vec::with_capacity(out_shape.len());
        for axis in 0..out_shape.len() {
            let (stride, dilation) = (strides[axis], dilations[axis]);
            let offset = tap[axis] * dilation; // at most the uncropped length
            let (c, o) = (crop[axis], out_shape[axis]);
            let lo = c.saturating_sub(offset).div_ceil(stride);
            let hi = match (o + c).checked_sub(offset) {
                Some(room) => room.div_ceil(stride).min(x.shape()[axis]),
                None => 0,
            };
            if lo >= hi {
                continue 'taps;
            }
            spans.push((lo, hi, lo * stride + offset - c));
        }
        let target = out.slice_each_axis_mut(|ax| {
            let (lo, hi, first) = spans[ax.axis.index()];
            let stride = strides[ax.axis.index()];
            let last = first + (hi - lo - 1) * stride;
            Slice::new(first as isize, Some(last as isize + 1), step(stride))
        });
        let source = x.slice_each_axis(|ax| {
            let (lo, hi, _) = spans[ax.axis.index()];
            Slice::from(lo..hi)
        });
        Zip::from(target)
            .and(&source)
            .for_each(|acc, &v| *acc = *acc + weight * v);
    }
    Ok(out
        .into_dimensionality::<D>()
        .expect("output has the input's number of axes"))
}

/// Transposed convolution with PyTorch's conventions (`ConvTranspose2d` with
/// `groups = 1`, one channel in and out; like PyTorch, the kernel is not flipped).
///
/// Each input sample `x[m]` adds `x[m] · kernel` into the output starting at
/// `m · stride`, taps `dilation` apart; then `padding` samples are cropped from
/// both ends and `output_padding` zeros-or-overlaps kept at the end. This is
/// the adjoint (transpose) of `correlate_window(·, kernel, window.forward())`:
/// for every `y` of the output's shape, `<correlate_window(y), x> = <y, conv_transpose(x)>`
/// (when `output_padding ≥ stride`, the correlation has extra samples; keep
/// its first `input.len()`).
///
/// ```
/// use convolution::{conv_transpose, TransposedWindow};
/// use ndarray::array;
/// let x = array![1, 10, 100];
/// let k = array![1, 2, 3];
/// // Stride 1: the copies overlap fully, as in a full convolution.
/// assert_eq!(conv_transpose(&x, &k, TransposedWindow::default())?, array![1, 12, 123, 230, 300]);
/// // Stride 2: copies start two samples apart; they overlap in one sample.
/// let up = conv_transpose(&x, &k, TransposedWindow::stride(2))?;
/// assert_eq!(up, array![1, 2, 13, 20, 130, 200, 300]);
/// // Padding 1 crops one sample at each end, output_padding 1 adds one back.
/// let t = TransposedWindow::stride(2).with_padding(1).with_output_padding(1);
/// assert_eq!(conv_transpose(&x, &k, t)?, array![2, 13, 20, 130, 200, 300]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// [`ConvError::Empty`] for an empty array, the errors of
/// [`TransposedWindow::output_len`], and [`ConvError::TooLarge`] when the output
/// would exceed [`MAX_RESULT_ELEMENTS`](crate::MAX_RESULT_ELEMENTS).
pub fn conv_transpose<T, S1, S2, D>(
    input: &ArrayBase<S1, D>,
    kernel: &ArrayBase<S2, D>,
    window: TransposedWindow,
) -> Result<Array<T, D>, ConvError>
where
    T: LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    crate::check_not_empty(input, kernel)?;
    let out_shape = transposed_shape(input.shape(), kernel.shape(), window)?;
    let crop = vec![window.padding; out_shape.len()];
    let axes = out_shape.len();
    scatter(
        input,
        kernel,
        &vec![window.stride; axes],
        &vec![window.dilation; axes],
        &crop,
        &out_shape,
    )
}

fn transposed_shape(
    input: &[usize],
    kernel: &[usize],
    window: TransposedWindow,
) -> Result<Vec<usize>, ConvError> {
    input
        .iter()
        .zip(kernel)
        .enumerate()
        .map(|(axis, (&i, &k))| window.output_len_on_axis(axis, i, k))
        .collect()
}

/// `s - 1` zeros between neighbouring samples along every axis: length
/// `(i - 1) s + 1`. The first step of the zero-insertion view of a transposed
/// convolution.
///
/// ```
/// use convolution::insert_zeros;
/// use ndarray::array;
/// assert_eq!(insert_zeros(&array![1, 2, 3], 3)?, array![1, 0, 0, 2, 0, 0, 3]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// [`ConvError::ZeroStride`], [`ConvError::SizeOverflow`], and
/// [`ConvError::TooLarge`] for a result beyond
/// [`MAX_RESULT_ELEMENTS`](crate::MAX_RESULT_ELEMENTS).
pub fn insert_zeros<T, S, D>(
    input: &ArrayBase<S, D>,
    stride: usize,
) -> Result<Array<T, D>, ConvError>
where
    T: LinalgScalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    if stride == 0 {
        return Err(ConvError::ZeroStride);
    }
    let shape = input
        .shape()
        .iter()
        .enumerate()
        .map(|(axis, &n)| match n {
            0 => Ok(0),
            n => uncropped_len(axis, n, 1, stride, 1),
        })
        .collect::<Result<Vec<_>, _>>()?;
    checked_elements(&shape)?;
    let mut out = Array::<T, IxDyn>::zeros(shape);
    if !input.is_empty() {
        out.slice_each_axis_mut(|_| Slice::new(0, None, step(stride)))
            .assign(&input.view().into_dyn());
    }
    Ok(out
        .into_dimensionality::<D>()
        .expect("zero insertion keeps the number of axes"))
}

/// The zero-insertion view of [`conv_transpose`]: insert `s - 1` zeros between
/// the inputs ([`insert_zeros`]), pad `d (k - 1) - p` zeros on each side (plus
/// `output_padding` at the end; a negative amount crops), and correlate with
/// the *flipped* kernel, dilated by `d`, at stride 1. The result equals
/// [`conv_transpose`] exactly; it is how the convolution-arithmetic guide draws a
/// transposed convolution, and it wastes the multiplications by inserted zeros.
///
/// ```
/// use convolution::{conv_transpose, conv_transpose_zero_insertion, TransposedWindow};
/// use ndarray::array;
/// let x = array![1, 10, 100];
/// let k = array![1, 2, 3];
/// let t = TransposedWindow::stride(2);
/// assert_eq!(conv_transpose_zero_insertion(&x, &k, t)?, conv_transpose(&x, &k, t)?);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// As [`conv_transpose`]; also [`ConvError::TooLarge`] when the padded,
/// zero-inserted intermediate would be too large, even if the output is small
/// (a huge padding cropped from a huge dilated kernel).
pub fn conv_transpose_zero_insertion<T, S1, S2, D>(
    input: &ArrayBase<S1, D>,
    kernel: &ArrayBase<S2, D>,
    window: TransposedWindow,
) -> Result<Array<T, D>, ConvError>
where
    T: LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    crate::check_not_empty(input, kernel)?;
    let out_shape = transposed_shape(input.shape(), kernel.shape(), window)?;
    checked_elements(&out_shape)?;
    let spread = insert_zeros(input, window.stride)?;
    // Full padding d (k - 1) less the forward padding p; what is left of p is cropped.
    let mut widths = Vec::with_capacity(out_shape.len());
    let mut padded_shape = Vec::with_capacity(out_shape.len());
    let mut crop = Vec::with_capacity(out_shape.len());
    for (axis, (&n, &k)) in spread.shape().iter().zip(kernel.shape()).enumerate() {
        let full = (k - 1) * window.dilation; // fits: checked by output_len
        let before = full.saturating_sub(window.padding);
        let after = before + window.output_padding;
        widths.push((before, after));
        crop.push(window.padding.saturating_sub(full));
        let len = n
            .checked_add(before)
            .and_then(|len| len.checked_add(after))
            .ok_or(ConvError::SizeOverflow { axis })?;
        padded_shape.push(len);
    }
    checked_elements(&padded_shape)?;
    let padded = pad(&spread, &widths, PadMode::Zeros)?;
    let dense = Window::default().with_dilation(window.dilation);
    let out = correlate_window(&padded, &flip(kernel), dense)?;
    Ok(out
        .slice_each_axis(|ax| {
            let axis = ax.axis.index();
            Slice::from(crop[axis]..crop[axis] + out_shape[axis])
        })
        .to_owned())
}

/// TensorFlow's (Keras's) output size of a transposed convolution without an
/// explicit output shape: `'same'` gives `i · s`, `'valid'` gives
/// `i · s + max(d (k - 1) + 1 - s, 0)`. Both are sizes `n` for which the
/// forward convolution with that padding maps `n` samples back to `i`.
///
/// ```
/// use convolution::{tf_transposed_output_len, Padding, SameRule};
/// assert_eq!(tf_transposed_output_len(4, 3, 2, 1, Padding::Same(SameRule::TensorFlow))?, 8);
/// assert_eq!(tf_transposed_output_len(4, 3, 2, 1, Padding::valid())?, 9);
/// assert_eq!(tf_transposed_output_len(4, 2, 2, 1, Padding::valid())?, 8);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// [`ConvError::ZeroStride`], [`ConvError::ZeroDilation`], [`ConvError::Empty`]
/// for a zero size, [`ConvError::SizeOverflow`], and
/// [`ConvError::UnsupportedPadding`] for a padding TensorFlow does not offer here.
pub fn tf_transposed_output_len(
    input: usize,
    kernel: usize,
    stride: usize,
    dilation: usize,
    padding: Padding,
) -> Result<usize, ConvError> {
    tf_plan(0, input, kernel, stride, dilation, &padding).map(|(_, len)| len)
}

/// `(crop before, output length)` of TensorFlow's transposed convolution on one axis.
fn tf_plan(
    axis: usize,
    input: usize,
    kernel: usize,
    stride: usize,
    dilation: usize,
    padding: &Padding,
) -> Result<(usize, usize), ConvError> {
    let t = TransposedWindow {
        stride,
        dilation,
        ..TransposedWindow::default()
    };
    // Validates stride, dilation and sizes; gives (i - 1) s + d (k - 1) + 1.
    let uncropped = t.output_len_on_axis(axis, input, kernel)?;
    let span = uncropped - (input - 1) * stride;
    let len = input
        .checked_mul(stride)
        .ok_or(ConvError::SizeOverflow { axis })?;
    let extra = span.saturating_sub(stride);
    Ok(match padding {
        // The forward 'same' convolution of n = i s samples pads
        // max(span - s, 0) zeros in all, half (rounded down) before.
        Padding::Same(SameRule::TensorFlow) => (extra / 2, len),
        valid if *valid == Padding::valid() => (0, len + extra),
        other => {
            return Err(ConvError::UnsupportedPadding {
                padding: other.clone(),
                accepted: "Padding::Same(SameRule::TensorFlow) or Padding::valid()",
            });
        }
    })
}

/// Transposed convolution with TensorFlow's conventions
/// (`tf.keras.layers.Conv2DTranspose` without `output_padding`): the adjoint of
/// a forward convolution with TensorFlow's `'same'` or `'valid'` padding, with
/// the output size of [`tf_transposed_output_len`].
///
/// ```
/// use convolution::{conv_transpose_tf, Padding, SameRule};
/// use ndarray::array;
/// let x = array![1, 10, 100];
/// let k = array![1, 2, 3];
/// // 'same' doubles the length. The forward 'same' convolution of 6 samples
/// // pads its one zero after, so nothing is cropped at the start.
/// assert_eq!(conv_transpose_tf(&x, &k, 2, 1, Padding::Same(SameRule::TensorFlow))?, array![1, 2, 13, 20, 130, 200]);
/// assert_eq!(conv_transpose_tf(&x, &k, 2, 1, Padding::valid())?, array![1, 2, 13, 20, 130, 200, 300]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// As [`tf_transposed_output_len`], and [`ConvError::Empty`],
/// [`ConvError::TooLarge`].
pub fn conv_transpose_tf<T, S1, S2, D>(
    input: &ArrayBase<S1, D>,
    kernel: &ArrayBase<S2, D>,
    stride: usize,
    dilation: usize,
    padding: Padding,
) -> Result<Array<T, D>, ConvError>
where
    T: LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    crate::check_not_empty(input, kernel)?;
    let (crop, out_shape): (Vec<usize>, Vec<usize>) = input
        .shape()
        .iter()
        .zip(kernel.shape())
        .enumerate()
        .map(|(axis, (&i, &k))| tf_plan(axis, i, k, stride, dilation, &padding))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .unzip();
    let axes = out_shape.len();
    scatter(
        input,
        kernel,
        &vec![stride; axes],
        &vec![dilation; axes],
        &crop,
        &out_shape,
    )
}
