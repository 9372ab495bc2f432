//! When may a kernel be negated instead of flipped? Exhaustively, over every 3x3
//! kernel with entries -1, 0 and 1 (3^9 of them), on the deep-learning
//! notebook's random image:
//! `convolve(image, -k)` equals the correlation exactly when `flip(k) == -k`.

use ch02_correlation::correlate_by_definition;
use convolution::ndarray::Array2;
use convolution::{Mode, convolve, flip};
use numpy_random::RandomState;

#[test]
fn negating_works_exactly_for_kernels_odd_under_a_half_turn() {
    let image = RandomState::new(0).randint(0, 10, (6, 6)).unwrap();
    let mut negation_works = 0;
    for code in 0..3usize.pow(9) {
        let k = Array2::from_shape_fn((3, 3), |(i, j)| {
            (code / 3usize.pow((3 * i + j) as u32) % 3) as i64 - 1
        });
        let correlation = correlate_by_definition(&image, &k, Mode::Valid).unwrap();
        let negated = convolve(&image, &k.mapv(|v| -v), Mode::Valid).unwrap();
        let odd = flip(&k) == k.mapv(|v| -v);
        assert_eq!(correlation == negated, odd, "kernel {k}");
        negation_works += usize::from(odd);
    }
    // Centre 0 and four free pairs (each entry fixes its opposite): 3^4 kernels.
    assert_eq!(negation_works, 81);
}
