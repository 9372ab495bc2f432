//! The direct method's register blocks against the reference `convolve` and
//! `correlate`: shapes chosen to hit every block width and its remainder
//! (widths 1..=200), row blocks cut short (heights not multiples of the block),
//! border blocks (small images with large kernels, the 3 x 3 and 5 x 5 kernels
//! compiled on their own), all three modes, `f32` and `f64`, one thread and
//! several, and kernels with NaN or infinite weights.
//!
//! Tolerances (absolute, values in [-1, 1], at most 15 x 15 taps): `f64` 1e-9,
//! `f32` 5e-4; the blocks only reorder the reference's sums.

use approx::assert_abs_diff_eq;
use convolution::fast::{FastFloat, Threads};
use convolution::{FastConv, Method, Mode, convolve, correlate};
use ndarray::Array2;
use proptest::prelude::*;

const MODES: [Mode; 3] = [Mode::Full, Mode::Same, Mode::Valid];

fn matrix(rows: usize, cols: usize) -> impl Strategy<Value = Array2<f64>> {
    proptest::collection::vec(-1.0..1.0_f64, rows * cols)
        .prop_map(move |v| Array2::from_shape_vec((rows, cols), v).unwrap())
}

/// A kernel side: often 3 or 5 (their own compiled loops), else 1..=15.
fn side() -> impl Strategy<Value = usize> {
    prop_oneof![Just(3_usize), Just(5), 1..16_usize]
}

/// An image up to 13 x 200 and a kernel up to 15 x 15 (square half the time).
fn case() -> impl Strategy<Value = (Array2<f64>, Array2<f64>, Mode)> {
    (
        1..14_usize,
        1..201_usize,
        side(),
        side(),
        any::<bool>(),
        0..3_usize,
    )
        .prop_flat_map(|(h, w, kh, kw, square, mode)| {
            let kw = if square { kh } else { kw };
            (matrix(h, w), matrix(kh, kw), Just(MODES[mode]))
        })
}

/// The direct method in `T` equals the reference in `T`, convolving and correlating.
fn check<T: FastFloat>(
    threads: Threads,
    image: &Array2<f64>,
    kernel: &Array2<f64>,
    mode: Mode,
    epsilon: f64,
) -> Result<(), TestCaseError> {
    let image = image.mapv(|x| T::from(x).unwrap());
    let kernel = kernel.mapv(|x| T::from(x).unwrap());
    let direct = FastConv::new(Method::Direct).with_threads(threads);
    let f64s = |a: Array2<T>| a.mapv(|x| x.to_f64().unwrap());
    for (reference, fast) in [
        (
            convolve(&image, &kernel, mode),
            direct.convolve(&image, &kernel, mode),
        ),
        (
            correlate(&image, &kernel, mode),
            direct.correlate(&image, &kernel, mode),
        ),
    ] {
        match (reference, fast) {
            (Ok(reference), Ok(fast)) => {
                assert_abs_diff_eq!(f64s(fast), f64s(reference), epsilon = epsilon);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "reference {:?} but fast {:?}", a.err(), b.err()),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn blocks_equal_the_reference((image, kernel, mode) in case()) {
        check::<f64>(Threads::One, &image, &kernel, mode, 1e-9)?;
        check::<f32>(Threads::One, &image, &kernel, mode, 5e-4)?;
    }
}

/// Images large enough for threads: their row chunks need not be multiples of
/// the row block (211 rows, in chunks of 27), and the 3 x 3 and generic loops both run.
#[test]
fn threaded_blocks_equal_the_reference() {
    let image = Array2::from_shape_fn((211, 181), |(i, j)| {
        ((i * 31 + j * 17) % 23) as f64 / 11.5 - 1.0
    });
    for (kh, kw) in [(3, 3), (11, 11), (9, 14)] {
        let kernel =
            Array2::from_shape_fn((kh, kw), |(i, j)| ((i * 7 + j * 3) % 5) as f64 / 2.5 - 1.0);
        let threads = FastConv::new(Method::Direct).with_threads(Threads::Auto);
        // Enough work for threads, wherever there is more than one.
        let plan = threads.plan(&image, &kernel, Mode::Same).unwrap();
        assert_eq!(plan.method(), Method::Direct);
        if kh * kw >= 121 && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1) {
            assert!(plan.parallel());
        }
        for mode in MODES {
            check::<f64>(Threads::Auto, &image, &kernel, mode, 1e-9).unwrap();
            check::<f32>(Threads::Auto, &image, &kernel, mode, 5e-4).unwrap();
        }
    }
}

/// A NaN or infinite weight reaches exactly the outputs the reference gives it
/// to: border outputs never multiply it by a padding zero (`0 * inf` is NaN).
#[test]
fn non_finite_weights_stay_where_the_reference_puts_them() {
    let image = Array2::from_shape_fn((9, 40), |(i, j)| ((i + 2 * j) % 7) as f64 - 3.0);
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        for (kh, kw) in [(3, 3), (5, 5), (4, 7)] {
            let mut kernel = Array2::from_elem((kh, kw), 0.5);
            kernel[[0, kw - 1]] = bad;
            for mode in MODES {
                let fast = FastConv::new(Method::Direct)
                    .convolve(&image, &kernel, mode)
                    .unwrap();
                let reference = convolve(&image, &kernel, mode).unwrap();
                for (f, r) in fast.iter().zip(&reference) {
                    assert_eq!(f.is_nan(), r.is_nan());
                    if r.is_infinite() {
                        assert_eq!(f, r);
                    } else if !r.is_nan() {
                        assert_abs_diff_eq!(*f, *r, epsilon = 1e-9);
                    }
                }
            }
        }
    }
}
