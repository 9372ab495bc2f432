//! The discrete Fourier transform of a 1-D signal: by its definition (a double
//! loop, to read), by the FFT crates the core crate uses (to compute), and the
//! frequency response of a kernel.

use std::f64::consts::TAU;

use ndarray::{Array1, ArrayBase, Data, Ix1};
use realfft::RealFftPlanner;
use rustfft::FftPlanner;
use rustfft::num_complex::Complex64;

/// `e^{-2πi k n / N}`, the phase factor of sample `n` in bin `k`; reducing
/// `k n` modulo `N` first keeps the angle small and the value accurate.
fn twiddle(k: usize, n: usize, len: usize) -> Complex64 {
    let turns = ((k as u128 * n as u128) % len as u128) as f64 / len as f64;
    Complex64::from_polar(1.0, -TAU * turns)
}

/// The DFT by its definition, `X[k] = Σₙ x[n] e^{-2πi k n / N}`: `N²`
/// multiplications, written to be read.
///
/// ```
/// use ch08_frequency::{dft::dft_by_definition, Complex64};
/// use ndarray::array;
/// let spectrum = dft_by_definition(&array![1.0, 2.0, 0.0, -1.0]);
/// let expected = [(2.0, 0.0), (1.0, -3.0), (0.0, 0.0), (1.0, 3.0)];
/// for (x, (re, im)) in spectrum.iter().zip(expected) {
///     assert!((x - Complex64::new(re, im)).norm() < 1e-12);
/// }
/// ```
pub fn dft_by_definition<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>) -> Array1<Complex64> {
    let len = x.len();
    Array1::from_shape_fn(len, |k| {
        x.iter()
            .enumerate()
            .map(|(n, &value)| value * twiddle(k, n, len))
            .sum()
    })
}

/// The inverse DFT by its definition, `x[n] = (1/N) Σₖ X[k] e^{+2πi k n / N}`.
///
/// ```
/// use ch08_frequency::dft::{dft_by_definition, inverse_dft_by_definition};
/// use ndarray::array;
/// let x = array![1.0, 2.0, 0.0, -1.0];
/// let back = inverse_dft_by_definition(&dft_by_definition(&x));
/// for (b, v) in back.iter().zip(&x) {
///     assert!((b.re - v).abs() < 1e-12 && b.im.abs() < 1e-12);
/// }
/// ```
pub fn inverse_dft_by_definition<S: Data<Elem = Complex64>>(
    spectrum: &ArrayBase<S, Ix1>,
) -> Array1<Complex64> {
    let len = spectrum.len();
    Array1::from_shape_fn(len, |n| {
        spectrum
            .iter()
            .enumerate()
            .map(|(k, &value)| value * twiddle(k, n, len).conj())
            .sum::<Complex64>()
            / len as f64
    })
}

/// The same DFT by the fast Fourier transform (`rustfft`, about `N log₂ N`
/// operations instead of `N²`).
///
/// ```
/// use ch08_frequency::dft::{dft_by_definition, fft};
/// use ndarray::array;
/// let x = array![3.0, -1.0, 4.0, 1.0, -5.0, 9.0, 2.0];
/// for (a, b) in fft(&x).iter().zip(&dft_by_definition(&x)) {
///     assert!((a - b).norm() < 1e-12);
/// }
/// ```
pub fn fft<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>) -> Array1<Complex64> {
    let mut buffer: Vec<Complex64> = x.iter().map(|&v| Complex64::new(v, 0.0)).collect();
    transform(&mut buffer, false);
    Array1::from(buffer)
}

/// The FFT of `buffer` in place, forward or inverse (unscaled). Not generic, so
/// rustfft's planner is compiled once, here, and not again in every crate or
/// notebook cell that calls the generic functions above and below.
fn transform(buffer: &mut [Complex64], inverse: bool) {
    if buffer.is_empty() {
        return;
    }
    let mut planner = FftPlanner::new();
    let plan = if inverse {
        planner.plan_fft_inverse(buffer.len())
    } else {
        planner.plan_fft_forward(buffer.len())
    };
    plan.process(buffer);
}

/// The inverse FFT, scaled by `1/N` so that `inverse_fft(fft(x)) = x`.
///
/// ```
/// use ch08_frequency::dft::{fft, inverse_fft};
/// use ndarray::array;
/// let x = array![0.5, 2.0, -1.0];
/// let back = inverse_fft(&fft(&x));
/// assert!(back.iter().zip(&x).all(|(b, v)| (b.re - v).abs() < 1e-12 && b.im.abs() < 1e-12));
/// ```
pub fn inverse_fft<S: Data<Elem = Complex64>>(spectrum: &ArrayBase<S, Ix1>) -> Array1<Complex64> {
    let mut buffer = spectrum.to_vec();
    transform(&mut buffer, true);
    let scale = 1.0 / buffer.len().max(1) as f64;
    Array1::from(buffer) * scale
}

/// The first `N/2 + 1` bins of a real signal's DFT, by `realfft`: the rest
/// are their complex conjugates, `X[N - k] = conj(X[k])`, so they need not be
/// computed.
///
/// ```
/// use ch08_frequency::dft::{fft, half_spectrum};
/// use ndarray::array;
/// let x = array![1.0, 2.0, 0.0, -1.0, 3.0, 0.5];
/// let half = half_spectrum(&x);
/// assert_eq!(half.len(), 4);
/// let full = fft(&x);
/// assert!(half.iter().zip(&full).all(|(h, f)| (h - f).norm() < 1e-12));
/// ```
pub fn half_spectrum<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>) -> Array1<Complex64> {
    Array1::from(real_transform(x.to_vec()))
}

/// `realfft`'s forward transform, not generic for the same reason as [`transform`].
fn real_transform(mut input: Vec<f64>) -> Vec<Complex64> {
    if input.is_empty() {
        return vec![];
    }
    let plan = RealFftPlanner::<f64>::new().plan_fft_forward(input.len());
    let mut output = plan.make_output_vec();
    plan.process(&mut input, &mut output)
        .expect("buffer lengths come from the plan");
    output
}

/// The frequency of bin `k` of an `N`-point DFT, in cycles per sample:
/// `k / N` up to the middle, and `k / N - 1` (a negative frequency) above it.
/// Bin `N/2` (for even `N`) is the Nyquist frequency, `0.5`.
///
/// ```
/// use ch08_frequency::dft::bin_frequency;
/// assert_eq!(bin_frequency(0, 8), 0.0);
/// assert_eq!(bin_frequency(1, 8), 0.125);
/// assert_eq!(bin_frequency(4, 8), 0.5);
/// assert_eq!(bin_frequency(7, 8), -0.125);
/// ```
pub fn bin_frequency(k: usize, len: usize) -> f64 {
    let f = k as f64 / len as f64;
    if 2 * k > len { f - 1.0 } else { f }
}

/// The frequency response of a kernel at any frequency `f` (cycles per
/// sample): `H(f) = Σⱼ h[j] e^{-2πi f j}`. Its magnitude is the factor by
/// which the kernel scales a sinusoid of that frequency, its angle the phase
/// shift.
///
/// ```
/// use ch08_frequency::dft::response_at;
/// use ndarray::array;
/// let average = array![0.5, 0.5];
/// assert!((response_at(&average, 0.0).norm() - 1.0).abs() < 1e-15); // a constant passes
/// assert!(response_at(&average, 0.5).norm() < 1e-15); // +1, -1, +1, ... is wiped out
/// ```
pub fn response_at<S: Data<Elem = f64>>(kernel: &ArrayBase<S, Ix1>, f: f64) -> Complex64 {
    kernel
        .iter()
        .enumerate()
        .map(|(j, &h)| h * Complex64::from_polar(1.0, -TAU * f * j as f64))
        .sum()
}

/// The kernel's frequency response at the `N` bin frequencies `k / N`: the DFT
/// of the kernel padded with zeros to `N` samples. A kernel longer than `N` is
/// folded onto `N` samples first (tap `j` adds to `j mod N`), which is what
/// sampling its response at `N` frequencies does.
///
/// ```
/// use ch08_frequency::dft::{frequency_response, response_at};
/// use ndarray::array;
/// let kernel = array![1.0, 2.0, 1.0];
/// let h = frequency_response(&kernel, 8);
/// assert_eq!(h.len(), 8);
/// assert!((h[3] - response_at(&kernel, 3.0 / 8.0)).norm() < 1e-12);
/// ```
pub fn frequency_response<S: Data<Elem = f64>>(
    kernel: &ArrayBase<S, Ix1>,
    len: usize,
) -> Array1<Complex64> {
    let mut padded = Array1::zeros(len);
    if len > 0 {
        for (j, &h) in kernel.iter().enumerate() {
            padded[j % len] += h;
        }
    }
    fft(&padded)
}

/// `Σ |x[n]|²`, the energy of a signal.
///
/// ```
/// use ch08_frequency::dft::energy;
/// use ndarray::array;
/// assert_eq!(energy(&array![3.0, -4.0]), 25.0);
/// ```
pub fn energy<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>) -> f64 {
    x.iter().map(|v| v * v).sum()
}

/// `Σ |X[k]|² / N`, the energy of a signal computed from its DFT (Parseval).
///
/// ```
/// use ch08_frequency::dft::{energy, fft, spectral_energy};
/// use ndarray::array;
/// let x = array![3.0, -4.0, 1.0];
/// assert!((spectral_energy(&fft(&x)) - energy(&x)).abs() < 1e-12);
/// ```
pub fn spectral_energy<S: Data<Elem = Complex64>>(spectrum: &ArrayBase<S, Ix1>) -> f64 {
    spectrum.iter().map(|v| v.norm_sqr()).sum::<f64>() / spectrum.len().max(1) as f64
}

/// `amplitude · cos(2π f n + phase)` for `n = 0..len`.
///
/// ```
/// use ch08_frequency::dft::cosine;
/// let c = cosine(4, 0.25, 2.0, 0.0);
/// assert!((c[0] - 2.0).abs() < 1e-15 && c[1].abs() < 1e-15 && (c[2] + 2.0).abs() < 1e-15);
/// ```
pub fn cosine(len: usize, f: f64, amplitude: f64, phase: f64) -> Array1<f64> {
    Array1::from_shape_fn(len, |n| amplitude * (TAU * f * n as f64 + phase).cos())
}
