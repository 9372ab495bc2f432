//! Circular convolution, the convolution the DFT computes, and linear
//! convolution recovered from it by padding with zeros.

use convolution::{ConvError, Mode, PadMode, convolve, pad};
use ndarray::{Array1, ArrayBase, Data, Ix1};

use crate::dft::{fft, inverse_fft};

/// Circular convolution of `x` with `kernel` by its definition: the kernel's
/// taps wrap around the end of `x`, `y[n] = Σⱼ kernel[j] x[(n - j) mod N]`.
/// The output is as long as `x`.
///
/// ```
/// use ch08_frequency::circular::circular_convolve;
/// use ndarray::array;
/// let x = array![1.0, 2.0, 3.0, 4.0];
/// assert_eq!(circular_convolve(&x, &array![1.0, 1.0, 1.0]), array![8.0, 7.0, 6.0, 9.0]);
/// ```
pub fn circular_convolve<S1, S2>(x: &ArrayBase<S1, Ix1>, kernel: &ArrayBase<S2, Ix1>) -> Array1<f64>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    let len = x.len();
    Array1::from_shape_fn(len, |n| {
        kernel
            .iter()
            .enumerate()
            .map(|(j, &h)| h * x[(n + len - j % len) % len])
            .sum()
    })
}

/// Circular convolution by the convolution theorem: transform `x` and the
/// kernel (padded with zeros to `x`'s length), multiply bin by bin, transform
/// back. The kernel must not be longer than `x`.
///
/// ```
/// use ch08_frequency::circular::circular_by_fft;
/// use ndarray::array;
/// let y = circular_by_fft(&array![1.0, 2.0, 3.0, 4.0], &array![1.0, 1.0, 1.0]);
/// for (a, b) in y.iter().zip([8.0, 7.0, 6.0, 9.0]) {
///     assert!((a - b).abs() < 1e-12);
/// }
/// ```
pub fn circular_by_fft<S1, S2>(x: &ArrayBase<S1, Ix1>, kernel: &ArrayBase<S2, Ix1>) -> Array1<f64>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    let padded = zero_pad(kernel, x.len());
    let product = fft(x) * fft(&padded);
    inverse_fft(&product).mapv(|v| v.re)
}

/// Linear ('full') convolution by the FFT: pad both to `N + M - 1` samples
/// first, so that nothing wraps around, then multiply spectra.
///
/// ```
/// use ch08_frequency::circular::linear_by_fft;
/// use ndarray::array;
/// let y = linear_by_fft(&array![1.0, 2.0, 3.0, 4.0], &array![1.0, 1.0, 1.0]);
/// for (a, b) in y.iter().zip([1.0, 3.0, 6.0, 9.0, 7.0, 4.0]) {
///     assert!((a - b).abs() < 1e-12);
/// }
/// ```
pub fn linear_by_fft<S1, S2>(x: &ArrayBase<S1, Ix1>, kernel: &ArrayBase<S2, Ix1>) -> Array1<f64>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    if x.is_empty() || kernel.is_empty() {
        return Array1::zeros(0);
    }
    let len = x.len() + kernel.len() - 1;
    circular_by_fft(&zero_pad(x, len), kernel)
}

/// Circular convolution from the core crate's pieces: wrap-pad `x` by
/// `M - 1` samples at the front ([`PadMode::Wrap`], chapter 4), then a
/// 'valid' convolution.
///
/// ```
/// use ch08_frequency::circular::circular_by_wrap_padding;
/// use ndarray::array;
/// let y = circular_by_wrap_padding(&array![1, 2, 3, 4], &array![1, 1, 1])?;
/// assert_eq!(y, array![8, 7, 6, 9]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// As [`pad`] and [`convolve`] (an empty `x` or kernel).
pub fn circular_by_wrap_padding<T, S1, S2>(
    x: &ArrayBase<S1, Ix1>,
    kernel: &ArrayBase<S2, Ix1>,
) -> Result<Array1<T>, ConvError>
where
    T: ndarray::LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
{
    convolution::check_not_empty(x, kernel)?;
    let wrapped = pad(x, &[(kernel.len() - 1, 0)], PadMode::Wrap)?;
    convolve(&wrapped, kernel, Mode::Valid)
}

/// `x` followed by zeros up to `len` samples (or cut to `len`).
pub fn zero_pad<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>, len: usize) -> Array1<f64> {
    Array1::from_shape_fn(len, |n| x.get(n).copied().unwrap_or(0.0))
}
