//! Cross-correlation computed straight from its defining sum, one output at a time.
//!
//! Deliberately independent of the core crate's shift-and-add code, so that tests can
//! compare the two: `correlate_by_definition(x, k, mode) == convolve(x, flip(k), mode)`.

use convolution::ndarray::{Array, ArrayBase, Data, Dimension, IxDyn, LinalgScalar};
use convolution::{ConvError, Mode};

/// `out[n] = sum_j x[n + j] * k[j]` (per axis, zero outside `x`), cut like scipy's
/// `signal.correlate(x, k, mode)`:
///
/// * `Full`: every shift where the arrays overlap, `n` from `-(K - 1)` to `N - 1`;
/// * `Same`: `N` outputs starting at full index `(K - 1) / 2`;
/// * `Valid`: the `N - K + 1` shifts where the kernel lies inside `x`.
///
/// ```
/// use ch02_correlation::correlate_by_definition;
/// use convolution::{Mode, ndarray::array};
/// let x = array![0, 1, 0, 0, 2];
/// let k = array![3, 2, 1];
/// assert_eq!(correlate_by_definition(&x, &k, Mode::Full)?, array![0, 1, 2, 3, 2, 4, 6]);
/// assert_eq!(correlate_by_definition(&x, &k, Mode::Valid)?, array![2, 3, 2]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// [`ConvError::Empty`] for an empty array; in `Valid` mode,
/// [`ConvError::KernelTooLarge`] when the kernel is longer than `x` along an axis
/// (scipy would swap the arguments; this function keeps to the definition).
pub fn correlate_by_definition<T, S1, S2, D>(
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
    // The input check is shared; only the arithmetic below is independent.
    convolution::check_not_empty(input, kernel)?;
    // For each axis: the shift n of the first output, and how many outputs.
    let mut first_shift = Vec::with_capacity(input.ndim());
    let mut out_len = Vec::with_capacity(input.ndim());
    for (axis, (&n, &k)) in input.shape().iter().zip(kernel.shape()).enumerate() {
        let (first, len) = match mode {
            Mode::Full => (-(k as isize - 1), n + k - 1),
            Mode::Same => ((k as isize - 1) / 2 - (k as isize - 1), n),
            Mode::Valid if k <= n => (0, n - k + 1),
            Mode::Valid => {
                return Err(ConvError::KernelTooLarge {
                    axis,
                    kernel: k,
                    input: n,
                    missing_padding: (k - n).div_ceil(2),
                    remedy: convolution::Remedy::FullOrSame,
                });
            }
        };
        first_shift.push(first);
        out_len.push(len);
    }

    let x = input.view().into_dyn();
    let k = kernel.view().into_dyn();
    let out = Array::from_shape_fn(IxDyn(&out_len), |out_index: IxDyn| {
        let mut sum = T::zero();
        'taps: for (tap, &weight) in k.indexed_iter() {
            let mut position = Vec::with_capacity(x.ndim());
            for axis in 0..x.ndim() {
                let p = first_shift[axis] + out_index[axis] as isize + tap[axis] as isize;
                if p < 0 || p >= x.shape()[axis] as isize {
                    continue 'taps; // x is zero there
                }
                position.push(p as usize);
            }
            sum = sum + x[IxDyn(&position)] * weight;
        }
        sum
    });
    Ok(out
        .into_dimensionality::<D>()
        .expect("output has the input's number of axes"))
}
