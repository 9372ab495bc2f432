//! Convolution and cross-correlation in `full`, `same` and `valid` mode, for
//! arrays of any number of axes, following scipy's `signal.convolve`.

use ndarray::{Array, ArrayBase, ArrayViewD, Data, Dimension, IxDyn, LinalgScalar, Slice, Zip};

use crate::{ConvError, Mode, flip};

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
/// # Errors
/// [`ConvError::Empty`] if either array has no elements,
/// [`ConvError::ValidShapeMismatch`] in `Valid` mode when neither array is at least
/// as large as the other along every axis, [`ConvError::SizeOverflow`] if a `Full`
/// size overflows.
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
    crate::check_not_empty(input, kernel)?;
    let (signal, filter) =
        if mode == Mode::Valid && valid_needs_swap(input.shape(), kernel.shape())? {
            // Convolution is commutative: scipy swaps, and so do we.
            (kernel.view().into_dyn(), input.view().into_dyn())
        } else {
            (input.view().into_dyn(), kernel.view().into_dyn())
        };
    let out = convolve_dyn(signal, filter, mode)?;
    Ok(out
        .into_dimensionality::<D>()
        .expect("output has the input's number of axes"))
}

/// Cross-correlate `input` with `kernel`: `out[n] = sum_j input[n + j] * kernel[j]`,
/// the kernel slid *without* flipping, which is what deep-learning "convolution"
/// layers compute. Equal to [`convolve`] with [`flip`]`(kernel)`, mode for mode,
/// which is also how scipy's `signal.correlate` relates to `signal.convolve`.
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
    convolve(input, &flip(kernel), mode)
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

/// The reference algorithm, "shift and add": for each kernel tap `j`, add
/// `kernel[j] * input` shifted by `j` into the output window it lands on.
/// Each tap is one whole-array operation, so it is simple and not slow.
fn convolve_dyn<T: LinalgScalar>(
    input: ArrayViewD<'_, T>,
    kernel: ArrayViewD<'_, T>,
    mode: Mode,
) -> Result<Array<T, IxDyn>, ConvError> {
    let n = input.shape();
    let k = kernel.shape();
    let out_shape = n
        .iter()
        .zip(k)
        .enumerate()
        .map(|(axis, (&n, &k))| mode.output_len_on_axis(axis, n, k))
        .collect::<Result<Vec<_>, _>>()?;
    let start: Vec<usize> = k.iter().map(|&k| mode.start_in_full(k)).collect();
    let mut out = Array::zeros(out_shape.as_slice());
    'taps: for (tap, &weight) in kernel.indexed_iter() {
        // Output o receives input[o + start - tap]; keep the o where that exists.
        let mut spans = Vec::with_capacity(n.len());
        for axis in 0..n.len() {
            let shift = start[axis] as isize - tap[axis] as isize;
            let lo = (-shift).max(0);
            let hi = (out_shape[axis] as isize).min(n[axis] as isize - shift);
            if hi <= lo {
                continue 'taps;
            }
            spans.push((lo, hi, shift));
        }
        let target = out.slice_each_axis_mut(|ax| {
            let (lo, hi, _) = spans[ax.axis.index()];
            Slice::from(lo..hi)
        });
        let source = input.slice_each_axis(|ax| {
            let (lo, hi, shift) = spans[ax.axis.index()];
            Slice::from(lo + shift..hi + shift)
        });
        Zip::from(target)
            .and(&source)
            .for_each(|acc, &x| *acc = *acc + weight * x);
    }
    Ok(out)
}
