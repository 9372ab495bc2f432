//! The course notes' picture of convolution: the table of all products `x_i y_j`,
//! whose anti-diagonals (`i + j` constant) add up to the convolution.

use ndarray::{Array1, Array2};

/// The outer product `m[i, j] = x[i] * y[j]` (`np.outer`); it lives in the core
/// crate, since chapter 5 builds separable kernels with it too.
pub use convolution::outer;

/// Sum each anti-diagonal `i + j = n` of a matrix, for `n = 0, 1, ...`.
pub fn anti_diagonal_sums(m: &Array2<i64>) -> Array1<i64> {
    let (rows, cols) = m.dim();
    let mut sums = Array1::zeros(rows + cols - 1);
    for ((i, j), &v) in m.indexed_iter() {
        sums[i + j] += v;
    }
    sums
}
