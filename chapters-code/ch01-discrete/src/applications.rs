//! Convolution at work outside signal processing: polynomials, dice and smoothing.

use convolution::{ConvError, Mode, convolve};
use ndarray::Array1;
use numpy_random::RandomState;

/// Multiply two polynomials given by their coefficients, lowest power first.
pub fn polynomial_product(p: &[i64], q: &[i64]) -> Result<Vec<i64>, ConvError> {
    Ok(convolve(
        &Array1::from(p.to_vec()),
        &Array1::from(q.to_vec()),
        Mode::Full,
    )?
    .to_vec())
}

/// Evaluate a polynomial (lowest power first) at `x` by Horner's rule.
pub fn evaluate(p: &[i64], x: i64) -> i64 {
    p.iter().rev().fold(0, |acc, &c| acc * x + c)
}

/// How many ways each total can be thrown with `dice` fair six-sided dice:
/// entry `k` counts the throws summing to `dice + k` (the smallest total is `dice`).
pub fn dice_counts(dice: usize) -> Result<Array1<i64>, ConvError> {
    let one_die = Array1::<i64>::ones(6);
    let mut counts = Array1::from(vec![1]);
    for _ in 0..dice {
        counts = convolve(&counts, &one_die, Mode::Full)?;
    }
    Ok(counts)
}

/// The moving-average kernel of `width` samples: `width` copies of `1 / width`.
pub fn moving_average_kernel(width: usize) -> Array1<f64> {
    Array1::from_elem(width, 1.0 / width as f64)
}

/// A clean slow wave and the same wave with seeded uniform noise in [-0.5, 0.5),
/// sampled `n` times (noise from numpy's `np.random.seed(seed); np.random.rand(n)`).
pub fn noisy_wave(seed: u32, n: usize) -> (Array1<f64>, Array1<f64>) {
    let clean = Array1::from_shape_fn(n, |i| (i as f64 * std::f64::consts::TAU / 50.0).sin());
    let noise = RandomState::new(seed).rand(n) - 0.5;
    let noisy = &clean + &noise;
    (clean, noisy)
}

/// Root-mean-square difference between two equally long series.
pub fn rms_difference(a: &Array1<f64>, b: &Array1<f64>) -> f64 {
    ((a - b).mapv(|d| d * d).sum() / a.len() as f64).sqrt()
}
