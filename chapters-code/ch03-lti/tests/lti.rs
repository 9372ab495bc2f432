//! The chapter's formulas on many random inputs: sifting, linearity, shift
//! invariance, "an LTI system convolves", and the sliding frames.

use approx::assert_abs_diff_eq;
use ch03_lti::block::{SlidingBlock, delay};
use ch03_lti::examples::{block_force, block_impulse_response, gaussian_kernel, noisy_signal};
use ch03_lti::signals::unit_impulse;
use ch03_lti::slide::slide_frame;
use convolution::{Mode, convolve};
use ndarray::Array1;
use proptest::collection::vec;
use proptest::prelude::*;

fn signal(max_len: usize) -> impl Strategy<Value = Array1<f64>> {
    vec(-10.0..10.0_f64, 1..max_len).prop_map(Array1::from)
}

proptest! {
    /// Sifting: the sum over k of x[k] delta[n - k] is x[n], exactly.
    #[test]
    fn a_signal_is_the_sum_of_its_scaled_shifted_impulses(x in signal(30)) {
        let rebuilt = (0..x.len())
            .map(|k| unit_impulse(x.len(), k) * x[k])
            .fold(Array1::<f64>::zeros(x.len()), |sum, piece| sum + piece);
        prop_assert_eq!(rebuilt, x);
    }

    #[test]
    fn the_block_is_linear(
        x1 in signal(40),
        x2 in signal(40),
        a in -5.0..5.0_f64,
        b in -5.0..5.0_f64,
        keep in 0.0..0.99_f64,
    ) {
        let len = x1.len().min(x2.len());
        let (x1, x2) = (x1.slice(ndarray::s![..len]).to_owned(), x2.slice(ndarray::s![..len]).to_owned());
        let block = SlidingBlock { keep };
        let together = block.respond(&(a * &x1 + b * &x2));
        let apart = a * block.respond(&x1) + b * block.respond(&x2);
        assert_abs_diff_eq!(together, apart, epsilon = 1e-9);
    }

    #[test]
    fn the_block_is_shift_invariant(x in signal(40), by in 0..50_usize, keep in 0.0..0.99_f64) {
        let block = SlidingBlock { keep };
        prop_assert_eq!(block.respond(&delay(&x, by)), delay(&block.respond(&x), by));
    }

    /// The derivation's conclusion: the step-by-step rule is convolution with its
    /// impulse response (taken long enough that the cut-off tail is negligible).
    #[test]
    fn the_block_convolves_with_its_impulse_response(x in signal(40), keep in 0.0..0.9_f64) {
        let block = SlidingBlock { keep };
        let tail = 400; // keep^400 < 1e-18
        let h = block.respond(&unit_impulse(tail, 0));
        let by_rule = block.respond(&x);
        let by_convolution = convolve(&x, &h, Mode::Full).unwrap();
        assert_abs_diff_eq!(by_rule, by_convolution.slice(ndarray::s![..x.len()]), epsilon = 1e-9);
    }

    /// Every animation frame's sum is the full convolution at that sample.
    #[test]
    fn slide_frames_are_the_full_convolution(x in signal(30), k in signal(12)) {
        let full = convolve(&x, &k, Mode::Full).unwrap();
        for n in 0..full.len() {
            let frame = slide_frame(x.as_slice().unwrap(), k.as_slice().unwrap(), n);
            assert_abs_diff_eq!(frame.value, full[n], epsilon = 1e-9);
        }
    }
}

/// The frames of both animations are the true responses at every sample.
#[test]
fn both_animations_show_the_true_response() {
    for (signal, kernel) in [
        (block_force(), block_impulse_response()),
        (noisy_signal(), gaussian_kernel()),
    ] {
        let full = convolve(&signal, &kernel, Mode::Full).unwrap();
        for n in 0..full.len() {
            let frame = slide_frame(signal.as_slice().unwrap(), kernel.as_slice().unwrap(), n);
            assert_abs_diff_eq!(frame.value, full[n], epsilon = 1e-12);
        }
    }
}

/// The block's mass is the one value that makes the chapter's numbers physical:
/// with impulses `F dt` and the mass `BLOCK_MASS`, Newton's law step by step gives
/// the velocities the page computes by convolution (a 1 kg block would move 39
/// times slower).
#[test]
fn the_block_mass_is_the_one_behind_the_computed_velocities() {
    use ch03_lti::examples::{BLOCK_MASS, DECAY_RATE, TIME_STEP};
    let force = block_force();
    let by_convolution = convolve(&force, &block_impulse_response(), Mode::Full).unwrap();
    let physical = |mass: f64| {
        let keep = (-DECAY_RATE * TIME_STEP).exp();
        let mut velocity = 0.0;
        force.mapv(|newtons| {
            velocity = keep * velocity + newtons * TIME_STEP / mass; // impulse / mass
            velocity
        })
    };
    let v = physical(BLOCK_MASS);
    assert_abs_diff_eq!(v[44], 1.8861307930436833, epsilon = 1e-8);
    assert_abs_diff_eq!(
        v,
        by_convolution.slice(ndarray::s![..force.len()]),
        epsilon = 1e-8
    );
    assert!((physical(1.0)[44] - 1.886 / 39.0).abs() < 1e-3);
    assert_abs_diff_eq!(BLOCK_MASS * 1000.0, 25.64, epsilon = 5e-3); // grams
    // The samples of h are TIME_STEP apart.
    let h = block_impulse_response();
    assert_abs_diff_eq!(h[1], (-DECAY_RATE * TIME_STEP).exp(), epsilon = 1e-15);
}
