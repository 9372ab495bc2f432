//! The signals of the chapter, built the way numpy builds them so that the
//! numbers agree with the source notebook to the last bit or close to it.

use ndarray::Array1;

/// `n` evenly spaced points from `start` to `stop` inclusive, like `np.linspace`
/// (defined in chapter 1).
pub use convolution::linspace;

/// The unit impulse (Kronecker delta) of length `len`: 1 at `at`, 0 elsewhere.
/// An `at` past the end gives all zeros, the impulse having not happened yet.
pub fn unit_impulse(len: usize, at: usize) -> Array1<f64> {
    Array1::from_shape_fn(len, |n| if n == at { 1.0 } else { 0.0 })
}

/// A sawtooth: each tooth climbs from 0 in steps of `amplitude / period`
/// (`period` samples, like `np.arange(0, amplitude, amplitude / period)`),
/// then drops back to 0; the tooth is repeated `cycles` times.
pub fn sawtooth(cycles: usize, amplitude: f64, period: usize) -> Array1<f64> {
    let step = amplitude / period as f64;
    Array1::from_shape_fn(cycles * period, |n| (n % period) as f64 * step)
}

/// `exp(-decay * t)` sampled at `n` times evenly spread over `[0, end_time]`.
pub fn exponential_decay(n: usize, end_time: f64, decay: f64) -> Array1<f64> {
    linspace(0.0, end_time, n).mapv(|t| (-decay * t).exp())
}

/// The normal density with mean `mean` and standard deviation `std`, sampled
/// at `n` points evenly spread over `[from, to]`.
pub fn gaussian(n: usize, from: f64, to: f64, mean: f64, std: f64) -> Array1<f64> {
    let scale = 1.0 / (2.0 * std::f64::consts::PI * std * std).sqrt();
    linspace(from, to, n).mapv(|x| scale * (-0.5 * ((x - mean) / std).powi(2)).exp())
}

/// `zeros` zeros on each side of `signal`, like `np.pad(signal, zeros)`.
pub fn pad_zeros(signal: &Array1<f64>, zeros: usize) -> Array1<f64> {
    let mut padded = Array1::zeros(signal.len() + 2 * zeros);
    padded
        .slice_mut(ndarray::s![zeros..zeros + signal.len()])
        .assign(signal);
    padded
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use ndarray::array;

    #[test]
    fn linspace_matches_numpy() {
        // np.linspace(-0.5, 0.5, 5)
        assert_eq!(linspace(-0.5, 0.5, 5), array![-0.5, -0.25, 0.0, 0.25, 0.5]);
        assert_eq!(linspace(2.0, 3.0, 1), array![2.0]);
    }

    #[test]
    fn unit_impulse_has_a_single_one() {
        assert_eq!(unit_impulse(4, 2), array![0.0, 0.0, 1.0, 0.0]);
        assert_eq!(unit_impulse(2, 5), array![0.0, 0.0]);
    }

    #[test]
    fn sawtooth_tooth_is_numpy_arange() {
        let saw = sawtooth(2, 1.0, 4);
        assert_eq!(saw, array![0.0, 0.25, 0.5, 0.75, 0.0, 0.25, 0.5, 0.75]);
    }

    #[test]
    fn gaussian_peaks_at_the_mean() {
        let g = gaussian(3, -1.0, 1.0, 0.0, 1.0);
        assert_abs_diff_eq!(
            g[1],
            1.0 / (2.0 * std::f64::consts::PI).sqrt(),
            epsilon = 1e-15
        );
        assert_abs_diff_eq!(g[0], g[2], epsilon = 1e-15);
    }

    #[test]
    fn padding_adds_zeros_on_both_sides() {
        assert_eq!(
            pad_zeros(&array![1.0, 2.0], 2),
            array![0.0, 0.0, 1.0, 2.0, 0.0, 0.0]
        );
    }
}
