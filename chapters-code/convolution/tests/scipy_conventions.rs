//! Results of scipy.signal.convolve / convolve2d (scipy 1.17) and np.convolve,
//! recorded once and checked here, so the crate keeps their conventions:
//! which samples 'same' keeps for even kernels, and the 'valid' swap.

use convolution::{ConvError, Mode, convolve, correlate};
use ndarray::{Array1, array};

fn conv1(a: &[i64], k: &[i64], mode: Mode) -> Vec<i64> {
    convolve(&Array1::from(a.to_vec()), &Array1::from(k.to_vec()), mode)
        .unwrap()
        .to_vec()
}

const A: [i64; 7] = [3, 1, 4, 1, 5, 9, 2];

#[test]
fn one_d_even_kernel_matches_scipy_and_numpy() {
    assert_eq!(conv1(&A, &[1, 2], Mode::Full), [3, 7, 6, 9, 7, 19, 20, 4]);
    assert_eq!(conv1(&A, &[1, 2], Mode::Same), [3, 7, 6, 9, 7, 19, 20]);
    assert_eq!(conv1(&A, &[1, 2], Mode::Valid), [7, 6, 9, 7, 19, 20]);
    let k = [2, 7, 1, 8];
    assert_eq!(
        conv1(&A, &k, Mode::Full),
        [6, 23, 18, 55, 29, 86, 80, 63, 74, 16]
    );
    assert_eq!(conv1(&A, &k, Mode::Same), [23, 18, 55, 29, 86, 80, 63]);
    assert_eq!(conv1(&A, &k, Mode::Valid), [55, 29, 86, 80]);
}

#[test]
fn one_d_odd_kernel_matches_scipy_and_numpy() {
    let k = [1, -1, 2];
    assert_eq!(conv1(&A, &k, Mode::Full), [3, -2, 9, -1, 12, 6, 3, 16, 4]);
    assert_eq!(conv1(&A, &k, Mode::Same), [-2, 9, -1, 12, 6, 3, 16]);
    assert_eq!(conv1(&A, &k, Mode::Valid), [9, -1, 12, 6, 3]);
}

#[test]
fn kernel_longer_than_input() {
    let (x, k) = ([1, 2, 3], [1, 0, 2, 0, 3]);
    assert_eq!(conv1(&x, &k, Mode::Full), [1, 2, 5, 4, 9, 6, 9]);
    // 'same' keeps the input's length (scipy), 'valid' swaps the operands.
    assert_eq!(conv1(&x, &k, Mode::Same), [5, 4, 9]);
    assert_eq!(conv1(&x, &k, Mode::Valid), [5, 4, 9]);
}

#[test]
fn correlate_valid_with_larger_kernel_matches_scipy_correlate() {
    // scipy.signal.correlate([1,2,3,4], [1,2,3,4,5,6], 'valid') == [50, 40, 30]
    let out = correlate(&array![1, 2, 3, 4], &array![1, 2, 3, 4, 5, 6], Mode::Valid).unwrap();
    assert_eq!(out, array![50, 40, 30]);
    // np.correlate / scipy.signal.correlate([1,2,3,4,5], [1,2], 'same') == [2, 5, 8, 11, 14]
    let out = correlate(&array![1, 2, 3, 4, 5], &array![1, 2], Mode::Same).unwrap();
    assert_eq!(out, array![2, 5, 8, 11, 14]);
}

#[test]
fn two_d_matches_convolve2d() {
    let x = ndarray::Array2::from_shape_fn((4, 5), |(i, j)| (5 * i + j + 1) as i64);
    let k = array![[1, 0], [2, -1]];
    assert_eq!(
        convolve(&x, &k, Mode::Full).unwrap(),
        array![
            [1, 2, 3, 4, 5, 0],
            [8, 10, 12, 14, 16, -5],
            [23, 20, 22, 24, 26, -10],
            [38, 30, 32, 34, 36, -15],
            [32, 18, 19, 20, 21, -20]
        ]
    );
    assert_eq!(
        convolve(&x, &k, Mode::Same).unwrap(),
        array![
            [1, 2, 3, 4, 5],
            [8, 10, 12, 14, 16],
            [23, 20, 22, 24, 26],
            [38, 30, 32, 34, 36]
        ]
    );
    assert_eq!(
        convolve(&x, &k, Mode::Valid).unwrap(),
        array![[10, 12, 14, 16], [20, 22, 24, 26], [30, 32, 34, 36]]
    );
    let k = array![[1, 2, 0], [0, 1, -1]];
    assert_eq!(
        convolve(&x, &k, Mode::Same).unwrap(),
        array![
            [4, 7, 10, 13, 10],
            [20, 23, 26, 29, 21],
            [40, 38, 41, 44, 31],
            [60, 53, 56, 59, 41]
        ]
    );
    assert_eq!(
        convolve(&x, &k, Mode::Valid).unwrap(),
        array![[23, 26, 29], [38, 41, 44], [53, 56, 59]]
    );
}

#[test]
fn two_d_valid_swaps_or_refuses_like_scipy() {
    let small = ndarray::Array2::<f64>::ones((2, 2));
    let big = ndarray::Array2::from_shape_fn((3, 4), |(i, j)| (4 * i + j) as f64);
    assert_eq!(
        convolve(&small, &big, Mode::Valid).unwrap(),
        array![[10.0, 14.0, 18.0], [26.0, 30.0, 34.0]]
    );
    let tall = ndarray::Array2::<f64>::ones((3, 5));
    let wide = ndarray::Array2::<f64>::ones((5, 3));
    let err = convolve(&tall, &wide, Mode::Valid).unwrap_err();
    assert_eq!(
        err,
        ConvError::ValidShapeMismatch {
            input: vec![3, 5],
            kernel: vec![5, 3]
        }
    );
}
