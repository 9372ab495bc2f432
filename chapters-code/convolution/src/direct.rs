//! Convolution and cross-correlation in `full`, `same` and `valid` mode, for
//! arrays of any number of axes, following scipy's `signal.convolve`.

use ndarray::{Array, ArrayBase, ArrayD, ArrayViewD, Axis, Data, Dimension, LinalgScalar};

use crate::engine::AxisGeometry;
use crate::exact::window_sum;
use crate::{Allocation, ConvError, Mode};

/// Convolve `input` with `kernel`: `out[n] = sum_j input[n - j] * kernel[j]`,
/// cut to `mode` (see [`Mode`] for the exact rules, which are scipy's).
///
/// Works for 1-D signals, 2-D images and arrays of any number of axes; both
/// arguments must have the same number of axes. The element type is kept:
/// integers in, integers out (like scipy on integer arrays), floats in, floats out.
///
/// ```
/// use convolution::{convolve, Mode};
/// use ndarray::array;
/// let a = array![1, 2, 3];
/// let b = array![0, 1, 1];
/// assert_eq!(convolve(&a, &b, Mode::Full)?, array![0, 1, 3, 5, 3]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// Integer elements are summed exactly: a result that does not fit in the
/// element type is [`ConvError::Overflow`], in debug and release builds alike.
///
/// # Errors
/// [`ConvError::AxesMismatch`] if the arrays have different numbers of axes
/// (possible with `IxDyn`), [`ConvError::Empty`] if either array has no elements,
/// [`ConvError::ValidShapeMismatch`] in `Valid` mode when neither array is at least
/// as large as the other along every axis, [`ConvError::SizeOverflow`] if a `Full`
/// size overflows, [`ConvError::TooLarge`] if the result cannot be allocated and
/// [`ConvError::Overflow`] if an integer result does not fit.
pub fn convolve<T, S1, S2, D>(
    input: &ArrayBase<S1, D>,
    kernel: &ArrayBase<S2, D>,
    mode: Mode,
) -> Result<Array<T, D>, ConvError>
where
    T: LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    let mut flipped = kernel.view();
    for axis in 0..flipped.ndim() {
        flipped.invert_axis(Axis(axis));
    }
    convolve_flipped(input.view().into_dyn(), flipped.into_dyn(), mode)
        .and_then(|out| into_dim::<T, D>(out))
}

/// Cross-correlate `input` with `kernel`: `out[n] = sum_j input[n + j] * conj(kernel[j])`,
/// the kernel slid *without* flipping, which is what deep-learning "convolution"
/// layers compute. Equal to [`convolve`] with [`flip`](crate::flip)`(kernel)`,
/// mode for mode, which is also how scipy's `signal.correlate` relates to
/// `signal.convolve`.
///
/// For complex elements (`num_complex::Complex`) the kernel is conjugated
/// first, as numpy's `np.correlate` and scipy's `signal.correlate` do; for real
/// numbers the conjugate is the number itself.
///
/// ```
/// use convolution::{correlate, Mode};
/// use ndarray::array;
/// let x = array![0, 0, 1, 2, 0];
/// let k = array![1, 2];
/// assert_eq!(correlate(&x, &k, Mode::Valid)?, array![0, 2, 5, 2]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// As [`convolve`].
pub fn correlate<T, S1, S2, D>(
    input: &ArrayBase<S1, D>,
    kernel: &ArrayBase<S2, D>,
    mode: Mode,
) -> Result<Array<T, D>, ConvError>
where
    T: LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    // convolve(x, flip(conj(k))): convolve flips again, so pass conj(k) as it lies.
    if crate::exact::is_complex::<T>() {
        let conjugated = kernel.mapv(|k| crate::exact::conjugate(k).unwrap_or(k));
        convolve_flipped(input.view().into_dyn(), conjugated.view().into_dyn(), mode)
    } else {
        convolve_flipped(input.view().into_dyn(), kernel.view().into_dyn(), mode)
    }
    .and_then(|out| into_dim::<T, D>(out))
}

/// Back from `IxDyn` to the caller's dimension type (always the same number of axes).
pub(crate) fn into_dim<T, D: Dimension>(out: ArrayD<T>) -> Result<Array<T, D>, ConvError> {
    let ndim = out.ndim();
    out.into_dimensionality::<D>()
        .map_err(|_| ConvError::AxesMismatch {
            input: ndim,
            kernel: D::NDIM.unwrap_or(ndim),
        })
}

/// Same number of axes, no empty axis.
pub(crate) fn check_operands<T>(
    input: &ArrayViewD<'_, T>,
    kernel: &ArrayViewD<'_, T>,
) -> Result<(), ConvError> {
    if input.ndim() != kernel.ndim() {
        return Err(ConvError::AxesMismatch {
            input: input.ndim(),
            kernel: kernel.ndim(),
        });
    }
    crate::check_not_empty(input, kernel)
}

/// The output shape of `convolve(input, kernel, mode)`, and whether 'valid'
/// swaps the two.
pub(crate) fn mode_shape(
    input: &[usize],
    kernel: &[usize],
    mode: Mode,
) -> Result<(Vec<usize>, bool), ConvError> {
    let swap = mode == Mode::Valid && valid_needs_swap(input, kernel)?;
    let (n, k) = if swap {
        (kernel, input)
    } else {
        (input, kernel)
    };
    let shape = n
        .iter()
        .zip(k)
        .enumerate()
        .map(|(axis, (&n, &k))| mode.output_len_on_axis(axis, n, k))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((shape, swap))
}

/// `convolve(input, k, mode)` where `flipped` is `k` reversed along every axis
/// (a view, so nothing is copied): a correlation with `flipped`.
fn convolve_flipped<T: LinalgScalar>(
    input: ArrayViewD<'_, T>,
    flipped: ArrayViewD<'_, T>,
    mode: Mode,
) -> Result<ArrayD<T>, ConvError> {
    check_operands(&input, &flipped)?;
    let (out_shape, swap) = mode_shape(input.shape(), flipped.shape(), mode)?;
    let (signal, filter) = if swap {
        // Convolution is commutative: scipy swaps, and so do we. The kernel
        // becomes the signal (unflipped) and the input the filter (flipped).
        let mut signal = flipped;
        let mut filter = input;
        for axis in 0..signal.ndim() {
            signal.invert_axis(Axis(axis));
            filter.invert_axis(Axis(axis));
        }
        (signal, filter)
    } else {
        (input, flipped)
    };
    // Output o of the mode is full output o + start, and full output f reads
    // signal[f - (k - 1) + t] * flipped[t]: `before` is (k - 1) - start.
    let axes: Vec<AxisGeometry> = signal
        .shape()
        .iter()
        .zip(filter.shape())
        .zip(&out_shape)
        .map(|((&n, &k), &out)| AxisGeometry {
            input: n,
            out,
            stride: 1,
            dilation: 1,
            before: (k - 1) - mode.start_in_full(k),
        })
        .collect();
    // Taps last to first of `filter`: first to last of the kernel, as always.
    window_sum(
        &signal,
        &filter,
        &axes,
        &out_shape,
        Allocation::ModeOutput,
        true,
    )
}

/// In `Valid` mode, should the arrays be swapped (kernel at least as large as the
/// input along every axis, and strictly larger along one)?
fn valid_needs_swap(input: &[usize], kernel: &[usize]) -> Result<bool, ConvError> {
    let input_fits_kernel = input.iter().zip(kernel).all(|(i, k)| i >= k);
    let kernel_fits_input = input.iter().zip(kernel).all(|(i, k)| k >= i);
    match (input_fits_kernel, kernel_fits_input) {
        (true, _) => Ok(false),
        (false, true) => Ok(true),
        (false, false) => Err(ConvError::ValidShapeMismatch {
            input: input.to_vec(),
            kernel: kernel.to_vec(),
        }),
    }
}
