//! Random small integer arrays for the book's property tests, in one place.
//!
//! Values are integers in `-9..=9`, so sums of products stay exact and a
//! failing case is easy to read; proptest shrinks them to the smallest example.

use ndarray::{Array1, Array2};
use proptest::prelude::*;

/// Integer signals of `1..=max_len` samples.
pub fn signal(max_len: usize) -> impl Strategy<Value = Array1<i64>> {
    proptest::collection::vec(-9i64..=9, 1..=max_len).prop_map(Array1::from)
}

/// Integer images with `1..=max_side` rows and `1..=max_side` columns.
pub fn image(max_side: usize) -> impl Strategy<Value = Array2<i64>> {
    (1..=max_side, 1..=max_side).prop_flat_map(|(rows, cols)| {
        proptest::collection::vec(-9i64..=9, rows * cols).prop_map(move |values| {
            Array2::from_shape_vec((rows, cols), values).expect("rows * cols values")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    #[test]
    fn shapes_and_values_stay_in_bounds() {
        let mut runner = TestRunner::default();
        for _ in 0..200 {
            let s = signal(5).new_tree(&mut runner).unwrap().current();
            assert!((1..=5).contains(&s.len()) && s.iter().all(|v| v.abs() <= 9));
            let m = image(4).new_tree(&mut runner).unwrap().current();
            assert!((1..=4).contains(&m.nrows()) && (1..=4).contains(&m.ncols()));
        }
    }
}
