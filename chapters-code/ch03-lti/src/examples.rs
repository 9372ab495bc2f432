//! The chapter's two worked examples with the source notebook's parameters, in
//! one place for the page, the figures and the tests.

use ndarray::Array1;
use numpy_random::RandomState;

use crate::signals::{exponential_decay, gaussian, pad_zeros, sawtooth};

/// Zeros added on each side of both input signals, so the plots start and end at rest.
pub const PADDING: usize = 5;

/// The sliding block's force: 6 sawtooth teeth of height 1 and 10 samples each,
/// padded with 5 zeros on each side (70 samples).
pub fn block_force() -> Array1<f64> {
    pad_zeros(&sawtooth(6, 1.0, 10), PADDING)
}

/// The block's impulse response: `exp(-20 t)` at 40 times spread over `[0, 1]`.
pub fn block_impulse_response() -> Array1<f64> {
    exponential_decay(40, 1.0, 20.0)
}

/// The seed we chose for the random signal (the notebook did not seed its generator).
pub const SMOOTHING_SEED: u32 = 3;

/// 50 uniform numbers from `np.random.seed(3); np.random.rand(50)`, padded with 5
/// zeros on each side (60 samples).
pub fn noisy_signal() -> Array1<f64> {
    pad_zeros(&RandomState::new(SMOOTHING_SEED).rand(50), PADDING)
}

/// The smoothing kernel: the normal density with standard deviation 0.1 at 30
/// points spread over `[-0.5, 0.5]`.
pub fn gaussian_kernel() -> Array1<f64> {
    gaussian(30, -0.5, 0.5, 0.0, 0.1)
}
