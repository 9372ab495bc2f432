//! The chapter's two worked examples with the "Week 4" notebook's parameters, in
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

/// Samples of the block's impulse response: the 40 taps kept of a response that
/// in truth never ends.
pub const BLOCK_TAPS: usize = 40;

/// The block's friction: its velocity decays like `exp(-DECAY_RATE * t)`, t in seconds.
pub const DECAY_RATE: f64 = 20.0;

/// Seconds between two samples: 40 samples spread over one second.
pub const TIME_STEP: f64 = 1.0 / 39.0;

/// The block's mass in kilograms. A force of `F` newtons held for one sample gives
/// the impulse `F * TIME_STEP` newton-seconds and so changes the velocity by
/// `F * TIME_STEP / BLOCK_MASS` metres per second; a mass equal to the time step
/// (1/39 kg, about 26 g) makes that change `F`, which is the rule
/// `v[n] = keep * v[n-1] + x[n]` that the chapter computes with.
pub const BLOCK_MASS: f64 = TIME_STEP;

/// The block's impulse response: `exp(-20 t)` at 40 times spread over `[0, 1]`.
pub fn block_impulse_response() -> Array1<f64> {
    exponential_decay(BLOCK_TAPS, 1.0, DECAY_RATE)
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
