//! The algebra the chapter states, as property tests on integers (exact equality).
//!
//! Convolution is associative (its commutativity and `flip(flip(k)) == k` are the
//! core crate's own properties, tested in `convolution/tests/properties.rs`).
//! Correlation is neither commutative nor associative, but two correlations in a
//! row are one correlation with the *convolution* of the kernels, and swapping
//! correlation's arguments mirrors the result.

use array_strategies::{image, signal};
use convolution::{Mode, convolve, correlate, flip};
use proptest::prelude::*;

const FULL: Mode = Mode::Full;

proptest! {
    #[test]
    fn convolution_is_associative_1d(x in signal(12), a in signal(5), b in signal(5)) {
        let left = convolve(&convolve(&x, &a, FULL).unwrap(), &b, FULL).unwrap();
        let right = convolve(&x, &convolve(&a, &b, FULL).unwrap(), FULL).unwrap();
        prop_assert_eq!(left, right);
    }

    #[test]
    fn convolution_is_associative_2d(x in image(7), a in image(3), b in image(3)) {
        let left = convolve(&convolve(&x, &a, FULL).unwrap(), &b, FULL).unwrap();
        let right = convolve(&x, &convolve(&a, &b, FULL).unwrap(), FULL).unwrap();
        prop_assert_eq!(left, right);
    }

    #[test]
    fn swapping_correlations_arguments_flips_the_result(
        x in signal(12), k in signal(6), p in image(6), q in image(4)
    ) {
        prop_assert_eq!(correlate(&x, &k, FULL).unwrap(), flip(&correlate(&k, &x, FULL).unwrap()));
        prop_assert_eq!(correlate(&p, &q, FULL).unwrap(), flip(&correlate(&q, &p, FULL).unwrap()));
    }

    #[test]
    fn two_correlations_are_one_correlation_with_the_convolved_kernels(
        x in image(7), a in image(3), b in image(3)
    ) {
        let twice = correlate(&correlate(&x, &a, FULL).unwrap(), &b, FULL).unwrap();
        let once = correlate(&x, &convolve(&a, &b, FULL).unwrap(), FULL).unwrap();
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn flip_rotates_by_180_degrees(k in image(6)) {
        let (rows, cols) = k.dim();
        let flipped = flip(&k);
        for ((i, j), &v) in flipped.indexed_iter() {
            prop_assert_eq!(v, k[[rows - 1 - i, cols - 1 - j]]);
        }
    }
}
