//! The chapter's claims, checked on thousands of random inputs.

use array_strategies::signal;
use ch01_discrete::outer::{anti_diagonal_sums, outer};
use ch01_discrete::steps::{flip_slide_table, sums, unreversed_table};
use convolution::{Mode, convolve};
use ndarray::Array1;
use proptest::prelude::*;

proptest! {
    // Commutativity and the other algebra of `convolve` are the core crate's
    // (convolution/tests/properties.rs); these are the chapter's own claims.

    /// Each output is the sum of one anti-diagonal of the table of products.
    #[test]
    fn anti_diagonals_of_the_outer_product_are_the_convolution(a in signal(10), b in signal(10)) {
        prop_assert_eq!(anti_diagonal_sums(&outer(&a, &b)), convolve(&a, &b, Mode::Full).unwrap());
    }

    /// The flip-slide table adds up to the convolution, for any b.
    #[test]
    fn flip_slide_table_sums_to_the_convolution(a in signal(10), b in signal(10)) {
        let expected = convolve(&a, &b, Mode::Full).unwrap();
        prop_assert_eq!(sums(&flip_slide_table(&a.to_vec(), &b.to_vec())), expected.to_vec());
    }

    /// Without the flip the table is right exactly when b is a palindrome.
    #[test]
    fn unreversed_table_is_right_for_palindromes(a in signal(10), half in signal(5)) {
        let b: Vec<i64> = half.iter().chain(half.iter().rev()).copied().collect();
        let expected = convolve(&a, &Array1::from(b.clone()), Mode::Full).unwrap();
        prop_assert_eq!(sums(&unreversed_table(&a.to_vec(), &b)), expected.to_vec());
    }
}

/// ...and wrong for an asymmetric kernel on a non-symmetric input.
#[test]
fn unreversed_table_is_wrong_for_an_asymmetric_kernel() {
    let (a, b) = ([1, 0, 0], [1, 2]);
    let expected = convolve(
        &Array1::from(a.to_vec()),
        &Array1::from(b.to_vec()),
        Mode::Full,
    )
    .unwrap();
    assert_eq!(expected.to_vec(), [1, 2, 0, 0]);
    assert_eq!(sums(&unreversed_table(&a, &b)), [2, 1, 0, 0]);
}

/// The Riemann sum's error shrinks with the grid spacing, monotonically.
#[test]
fn riemann_error_shrinks_with_dx() {
    let errors: Vec<f64> = [50, 100, 200, 400, 800, 1600]
        .iter()
        .map(|&n| ch01_discrete::continuous::max_error(n).unwrap())
        .collect();
    assert!(errors.windows(2).all(|w| w[1] < w[0]), "{errors:?}");
    assert!(errors[5] < 0.001);
}
