//! Seed 004's picture of convolution: the table of all products `x_i y_j`, whose
//! anti-diagonals (`i + j` constant) add up to the convolution.

use ndarray::{Array1, Array2};

/// The outer product: `m[i, j] = x[i] * y[j]` (numpy's `np.outer`). Chapter 5
/// uses it again to build separable kernels such as Sobel's.
pub fn outer<T>(x: &Array1<T>, y: &Array1<T>) -> Array2<T>
where
    T: Copy + std::ops::Mul<Output = T>,
{
    Array2::from_shape_fn((x.len(), y.len()), |(i, j)| x[i] * y[j])
}

/// Sum each anti-diagonal `i + j = n` of a matrix, for `n = 0, 1, ...`.
pub fn anti_diagonal_sums(m: &Array2<i64>) -> Array1<i64> {
    let (rows, cols) = m.dim();
    let mut sums = Array1::zeros(rows + cols - 1);
    for ((i, j), &v) in m.indexed_iter() {
        sums[i + j] += v;
    }
    sums
}
