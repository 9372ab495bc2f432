//! Property tests: the crate against a deliberately naive reading of the definitions.

use array_strategies::{image, signal};
use convolution::{Mode, PadMode, Window, convolve, correlate, correlate_window, flip, pad};
use ndarray::Array2;
use proptest::prelude::*;

/// `full[n] = sum_j x[n - j] k[j]`, straight from the definition, in 2-D.
fn naive_full(x: &Array2<i64>, k: &Array2<i64>) -> Array2<i64> {
    let (xr, xc) = x.dim();
    let (kr, kc) = k.dim();
    Array2::from_shape_fn((xr + kr - 1, xc + kc - 1), |(n, m)| {
        let mut sum = 0;
        for a in 0..kr {
            for b in 0..kc {
                if n >= a && m >= b && n - a < xr && m - b < xc {
                    sum += x[[n - a, m - b]] * k[[a, b]];
                }
            }
        }
        sum
    })
}

/// Cut the full result to a mode, by scipy's rule (start at (k-1)/2 for same,
/// k-1 for valid), computed independently of the crate.
fn cut(full: &Array2<i64>, x: (usize, usize), k: (usize, usize), mode: Mode) -> Array2<i64> {
    let (start, len) = match mode {
        Mode::Full => ((0, 0), full.dim()),
        Mode::Same => (((k.0 - 1) / 2, (k.1 - 1) / 2), x),
        Mode::Valid => ((k.0 - 1, k.1 - 1), (x.0 - k.0 + 1, x.1 - k.1 + 1)),
    };
    full.slice(ndarray::s![
        start.0..start.0 + len.0,
        start.1..start.1 + len.1
    ])
    .to_owned()
}

fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![Just(Mode::Full), Just(Mode::Same), Just(Mode::Valid)]
}

proptest! {
    #[test]
    fn convolve_2d_matches_the_definition(x in image(7), k in image(4), mode in mode()) {
        prop_assume!(mode != Mode::Valid || (x.nrows() >= k.nrows() && x.ncols() >= k.ncols()));
        let expected = cut(&naive_full(&x, &k), x.dim(), k.dim(), mode);
        prop_assert_eq!(convolve(&x, &k, mode).unwrap(), expected);
    }

    #[test]
    fn full_convolution_is_commutative(a in signal(8), b in signal(8), p in image(6), q in image(6)) {
        prop_assert_eq!(convolve(&a, &b, Mode::Full).unwrap(), convolve(&b, &a, Mode::Full).unwrap());
        prop_assert_eq!(convolve(&p, &q, Mode::Full).unwrap(), convolve(&q, &p, Mode::Full).unwrap());
    }

    #[test]
    fn correlation_is_convolution_with_the_flipped_kernel(x in image(6), k in image(3), mode in mode()) {
        prop_assume!(mode != Mode::Valid || (x.nrows() >= k.nrows() && x.ncols() >= k.ncols()));
        prop_assert_eq!(correlate(&x, &k, mode).unwrap(), convolve(&x, &flip(&k), mode).unwrap());
    }

    #[test]
    fn flipping_twice_is_the_identity(k in image(5)) {
        prop_assert_eq!(flip(&flip(&k)), k);
    }

    /// out[o] = sum_j xpad[o*s + j*d] k[j], with the output size formula.
    #[test]
    fn window_matches_the_definition(
        x in signal(12), k in signal(4), p in 0usize..3, s in 1usize..4, d in 1usize..3,
    ) {
        let window = Window::uniform(p, s, d);
        let span = d * (k.len() - 1) + 1;
        let padded = x.len() + 2 * p;
        match correlate_window(&x, &k, window) {
            Err(_) => prop_assert!(span > padded),
            Ok(out) => {
                prop_assert_eq!(out.len(), (padded - span) / s + 1);
                let xp = pad(&x, &[(p, p)], PadMode::Zeros).unwrap();
                for (o, &value) in out.iter().enumerate() {
                    let expected: i64 = k.iter().enumerate().map(|(j, &kj)| xp[o * s + j * d] * kj).sum();
                    prop_assert_eq!(value, expected);
                }
            }
        }
    }

    /// Valid correlation with the default window is scipy's 'valid' correlation.
    #[test]
    fn default_window_is_valid_correlation(x in image(7), k in image(3)) {
        prop_assume!(x.nrows() >= k.nrows() && x.ncols() >= k.ncols());
        prop_assert_eq!(correlate_window(&x, &k, Window::default()).unwrap(), correlate(&x, &k, Mode::Valid).unwrap());
    }
}

#[test]
fn pad_modes_match_numpy() {
    let x = ndarray::array![1, 2, 3];
    let padded = |mode| pad(&x, &[(4, 4)], mode).unwrap().to_vec();
    // np.pad([1, 2, 3], 4, mode=...)
    assert_eq!(padded(PadMode::Zeros), [0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0]);
    assert_eq!(padded(PadMode::Edge), [1, 1, 1, 1, 1, 2, 3, 3, 3, 3, 3]);
    assert_eq!(padded(PadMode::Reflect), [1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3]);
    assert_eq!(
        padded(PadMode::Symmetric),
        [3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1]
    );
    assert_eq!(padded(PadMode::Wrap), [3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1]);
}
