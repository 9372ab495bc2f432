//! The named kernels of chapter 5, each written out once.
//!
//! Kernels with integer weights are `Array2<i32>`, so that small examples give
//! exact integer results; kernels that divide by a normaliser are `Array2<f64>`.
//! [`to_f64`] turns an integer kernel into one that can filter a photo.
//!
//! The edge kernels follow the sign convention of the notebooks this chapter
//! draws on: they are meant for *correlation* (the kernel slid without
//! flipping), so `prewitt_x` gives a positive answer where the image is brighter
//! on the left than on the right.

use ndarray::{Array1, Array2, array};

/// Integer weights as floats, to filter photos (whose pixels are `f64`).
pub fn to_f64(kernel: &Array2<i32>) -> Array2<f64> {
    kernel.mapv(f64::from)
}

/// The outer product `column · rowᵀ`, defined in chapter 1.
pub use convolution::outer;

/// The unit impulse δ: one 1 in the middle of a 3 × 3 grid of zeros.
pub fn identity() -> Array2<i32> {
    array![[0, 0, 0], [0, 1, 0], [0, 0, 0]]
}

/// The centred difference `D_x = [1, 0, -1]`: twice the slope at the middle sample.
pub fn central_difference() -> Array1<i32> {
    array![1, 0, -1]
}

/// Prewitt's smoothing vector: a plain three-sample sum.
pub fn prewitt_smoothing() -> Array1<i32> {
    array![1, 1, 1]
}

/// Sobel's smoothing vector: a sum that weights the middle sample twice.
pub fn sobel_smoothing() -> Array1<i32> {
    array![1, 2, 1]
}

/// Prewitt along x (responds to vertical edges); the "vertical edge" kernel of
/// the deep-learning notebook.
pub fn prewitt_x() -> Array2<i32> {
    array![[1, 0, -1], [1, 0, -1], [1, 0, -1]]
}

/// Prewitt along y (responds to horizontal edges).
pub fn prewitt_y() -> Array2<i32> {
    array![[1, 1, 1], [0, 0, 0], [-1, -1, -1]]
}

/// Prewitt along the diagonal that runs from bottom-left to top-right.
pub fn prewitt_diagonal() -> Array2<i32> {
    array![[0, 1, 1], [-1, 0, 1], [-1, -1, 0]]
}

/// Prewitt along the other diagonal, top-left to bottom-right.
pub fn prewitt_antidiagonal() -> Array2<i32> {
    array![[1, 1, 0], [1, 0, -1], [0, -1, -1]]
}

/// Sobel along x (responds to vertical edges).
pub fn sobel_x() -> Array2<i32> {
    array![[1, 0, -1], [2, 0, -2], [1, 0, -1]]
}

/// Sobel along y (responds to horizontal edges).
pub fn sobel_y() -> Array2<i32> {
    array![[1, 2, 1], [0, 0, 0], [-1, -2, -1]]
}

/// Sobel along the bottom-left to top-right diagonal.
pub fn sobel_diagonal() -> Array2<i32> {
    array![[0, 1, 2], [-1, 0, 1], [-2, -1, 0]]
}

/// Sobel along the top-left to bottom-right diagonal.
pub fn sobel_antidiagonal() -> Array2<i32> {
    array![[2, 1, 0], [1, 0, -1], [0, -1, -2]]
}

/// The four-neighbour Laplacian, a discrete `∂²/∂x² + ∂²/∂y²`.
pub fn laplacian() -> Array2<i32> {
    array![[0, 1, 0], [1, -4, 1], [0, 1, 0]]
}

/// The blog post's first edge kernel: the outer product of two centred
/// differences, a discrete mixed derivative `∂²/∂x∂y` (times 4).
pub fn mixed_derivative() -> Array2<i32> {
    array![[1, 0, -1], [0, 0, 0], [-1, 0, 1]]
}

/// The blog post's third edge kernel: eight times the centre minus its eight
/// neighbours (the negated eight-neighbour Laplacian).
pub fn eight_neighbour_edge() -> Array2<i32> {
    array![[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]
}

/// A high-pass kernel: the centre minus the mean of its four neighbours, times 4
/// (the negated Laplacian). It sums to zero, so flat regions give zero.
pub fn high_pass() -> Array2<i32> {
    array![[0, -1, 0], [-1, 4, -1], [0, -1, 0]]
}

/// The blog post's sharpen kernel, `δ + high_pass`.
pub fn sharpen() -> Array2<i32> {
    array![[0, -1, 0], [-1, 5, -1], [0, -1, 0]]
}

/// The 2 × 2 difference of rows from the course chapter (`f1`).
pub fn two_by_two_rows() -> Array2<i32> {
    array![[-1, -1], [1, 1]]
}

/// The 2 × 2 difference of columns from the course chapter (`f2`).
pub fn two_by_two_columns() -> Array2<i32> {
    array![[1, -1], [1, -1]]
}

/// A `size × size` kernel of ones: a sum over the window, not yet an average
/// (the course chapter blurs with `ones(10, 10)`).
pub fn ones(size: usize) -> Array2<i32> {
    Array2::ones((size, size))
}

/// The box blur: the mean of a `size × size` window.
pub fn box_blur(size: usize) -> Array2<f64> {
    Array2::from_elem((size, size), 1.0 / (size * size) as f64)
}

/// The 3 × 3 Gaussian blur's integer weights; divide by 16.
pub fn gaussian_3x3_weights() -> Array2<i32> {
    outer(&sobel_smoothing(), &sobel_smoothing())
}

/// The 3 × 3 Gaussian blur, `[[1, 2, 1], [2, 4, 2], [1, 2, 1]] / 16`.
pub fn gaussian_3x3() -> Array2<f64> {
    to_f64(&gaussian_3x3_weights()) / 16.0
}

/// Binomial weights `[1, 4, 6, 4, 1]`, a five-sample Gaussian.
pub fn binomial_5() -> Array1<i32> {
    array![1, 4, 6, 4, 1]
}

/// The 5 × 5 Gaussian blur's integer weights; divide by 256.
pub fn gaussian_5x5_weights() -> Array2<i32> {
    outer(&binomial_5(), &binomial_5())
}

/// The 5 × 5 Gaussian blur, `outer([1, 4, 6, 4, 1], [1, 4, 6, 4, 1]) / 256`.
pub fn gaussian_5x5() -> Array2<f64> {
    to_f64(&gaussian_5x5_weights()) / 256.0
}

/// The blog post's unsharp-mask weights, as printed: divide by −256.
pub fn unsharp_5x5_weights() -> Array2<i32> {
    array![
        [1, 4, 6, 4, 1],
        [4, 16, 24, 16, 4],
        [6, 24, -476, 24, 6],
        [4, 16, 24, 16, 4],
        [1, 4, 6, 4, 1]
    ]
}

/// The blog post's 5 × 5 unsharp mask, its weights divided by −256.
pub fn unsharp_5x5() -> Array2<f64> {
    to_f64(&unsharp_5x5_weights()) / -256.0
}

/// The averaging kernel of the course notes: nine weights of 0.11 (summing to
/// 0.99, not 1).
pub fn average_0_11() -> Array2<f64> {
    Array2::from_elem((3, 3), 0.11)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn blurs_sum_to_one() {
        for (name, kernel) in [
            ("box 3", box_blur(3)),
            ("box 10", box_blur(10)),
            ("gauss 3", gaussian_3x3()),
            ("gauss 5", gaussian_5x5()),
        ] {
            assert_abs_diff_eq!(kernel.sum(), 1.0, epsilon = 1e-12);
            assert!(kernel.iter().all(|&w| w > 0.0), "{name} has a weight <= 0");
        }
    }

    #[test]
    fn edge_kernels_sum_to_zero() {
        for kernel in [
            prewitt_x(),
            prewitt_y(),
            prewitt_diagonal(),
            prewitt_antidiagonal(),
            sobel_x(),
            sobel_y(),
            sobel_diagonal(),
            sobel_antidiagonal(),
            laplacian(),
            mixed_derivative(),
            eight_neighbour_edge(),
            high_pass(),
            two_by_two_rows(),
            two_by_two_columns(),
        ] {
            assert_eq!(kernel.sum(), 0, "{kernel}");
        }
    }

    #[test]
    fn direction_kernels_are_quarter_turns_of_each_other() {
        let anticlockwise = |k: &Array2<i32>| k.t().slice(ndarray::s![..;-1, ..]).to_owned();
        let clockwise = |k: &Array2<i32>| k.slice(ndarray::s![..;-1, ..]).t().to_owned();
        assert_eq!(anticlockwise(&prewitt_y()), prewitt_x());
        assert_eq!(anticlockwise(&sobel_y()), sobel_x());
        assert_eq!(clockwise(&prewitt_antidiagonal()), prewitt_diagonal());
        assert_eq!(clockwise(&sobel_antidiagonal()), sobel_diagonal());
    }
}
