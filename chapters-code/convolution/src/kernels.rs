//! Well-known kernels by name, each written out once with where it comes from.
//!
//! Kernels with integer weights are `i32` arrays, so that small examples give
//! exact integer results (turn them into floats with `mapv(f64::from)` to filter
//! a photo); kernels that divide by a normaliser are `f64` arrays whose weights
//! sum to 1.
//!
//! Sign conventions are the book's (chapter 5): the difference kernels are
//! written so that *convolving* with them gives "next minus previous"
//! ([`central_difference`], [`forward_difference`]), and the 2-D edge kernels
//! ([`sobel_x`], [`prewitt_x`], ...) are written for *correlation*, so that
//! `sobel_x` answers positively where the image is brighter on the left.
//!
//! | kernel | weights | kind |
//! |---|---|---|
//! | [`box_1d`], [`box_2d`] | `1/k` each (`1/k²` in 2-D) | moving average, low-pass |
//! | [`binomial`], [`binomial_1d`], [`gaussian_3x3`], [`gaussian_5x5`] | Pascal's triangle, normalised | Gaussian-like, low-pass |
//! | [`gaussian_sampled`] | `exp(-x²/2σ²)` at integers, normalised | Gaussian, low-pass |
//! | [`central_difference`], [`forward_difference`] | `[1, 0, -1]`, `[1, -1]` | derivative |
//! | [`second_difference`] | `[1, -2, 1]` | second derivative |
//! | [`sobel_x`], [`sobel_y`], [`prewitt_x`], [`prewitt_y`] | smoothing ⊗ difference | edges |
//! | [`row_difference_2x2`] | `[[-1, -1], [1, 1]]` | horizontal edges, the smallest |
//! | [`laplacian_4`], [`laplacian_8`] | centre `-4` / `-8` | second derivative, high-pass |
//! | [`sharpen`] | `δ - laplacian_4` | boosts detail |
//! | [`unsharp_5x5`] | `2δ - gaussian_5x5` | boosts detail |
//! | [`identity`] | one `1` in a 3 × 3 grid of zeros | leaves the image as it is |
//! | [`prewitt_smoothing`], [`sobel_smoothing`] | `[1, 1, 1]`, `[1, 2, 1]` | the smoothing factors of Prewitt and Sobel |
//! | [`prewitt_diagonal`], [`prewitt_antidiagonal`], [`sobel_diagonal`], [`sobel_antidiagonal`] | quarter turns of the edge kernels by 45° | diagonal edges |
//! | [`column_difference_2x2`] | `[[1, -1], [1, -1]]` | vertical edges, the smallest |
//! | [`mixed_derivative`] | `outer([1, 0, -1], [1, 0, -1])` | `∂²/∂x∂y`, corners |
//! | [`high_pass`], [`eight_neighbour_edge`] | `-laplacian_4`, `-laplacian_8` | edges, high-pass |
//! | [`box_sum`], [`average_0_11`] | ones; `0.11` each | sums and near-averages |
//! | [`gaussian_3x3_weights`], [`gaussian_5x5_weights`], [`unsharp_5x5_weights`] | the integer weights before the division | as printed by the sources |
//!
//! The kernels whose size is a parameter return `None` instead of panicking
//! when asked for no taps, for more than [`MAX_TAPS`] along an axis, or (the
//! Gaussian) for a width that is not a positive number.

use crate::outer;
use ndarray::{Array1, Array2, array};

/// The most taps along one axis that the sized kernels ([`box_1d`], [`box_2d`],
/// [`binomial`], [`gaussian_sampled`]) build; larger requests give `None`
/// rather than an allocation that might not fit in memory.
pub const MAX_TAPS: usize = 1 << 16;

/// `Some(taps)` if a kernel of `taps` samples per axis may be built.
fn checked_taps(taps: usize) -> Option<usize> {
    (1..=MAX_TAPS).contains(&taps).then_some(taps)
}

/// The moving average of `width` samples: `width` weights of `1 / width`
/// (chapter 1's moving average). Its weights sum to 1, so a constant signal
/// passes unchanged.
///
/// ```
/// use convolution::kernels::box_1d;
/// use ndarray::array;
/// assert_eq!(box_1d(4), Some(array![0.25, 0.25, 0.25, 0.25]));
/// assert_eq!(box_1d(0), None);
/// ```
pub fn box_1d(width: usize) -> Option<Array1<f64>> {
    let width = checked_taps(width)?;
    Some(Array1::from_elem(width, 1.0 / width as f64))
}

/// The box blur: the mean of a `size × size` window, `size²` weights of
/// `1 / size²` (chapter 5's `box_blur`).
///
/// ```
/// use convolution::kernels::box_2d;
/// let box3 = box_2d(3).expect("3 taps");
/// assert_eq!(box3.dim(), (3, 3));
/// approx::assert_abs_diff_eq!(box3.sum(), 1.0, epsilon = 1e-15);
/// assert_eq!(box_2d(2).expect("2 taps")[[1, 1]], 0.25);
/// assert_eq!(box_2d(1 << 20), None); // more than MAX_TAPS
/// ```
pub fn box_2d(size: usize) -> Option<Array2<f64>> {
    let size = checked_taps(size)?;
    Some(Array2::from_elem((size, size), 1.0 / (size * size) as f64))
}

/// Row `taps - 1` of Pascal's triangle, the binomial coefficients
/// `C(taps - 1, j)`: `[1]`, `[1, 1]`, `[1, 2, 1]`, `[1, 4, 6, 4, 1]`, ...
/// They are what `taps - 1` convolutions of `[1, 1]` with itself give, and, by
/// the central limit theorem, they approach a sampled Gaussian bell of variance
/// `(taps - 1) / 4`. Integer weights; they sum to `2^(taps - 1)`, so up to 31
/// taps fit an `i32` (`None` for 0 or more taps).
///
/// ```
/// use convolution::kernels::binomial;
/// use ndarray::array;
/// assert_eq!(binomial(5), Some(array![1, 4, 6, 4, 1]));
/// assert_eq!(binomial(3), Some(array![1, 2, 1]));
/// assert_eq!(binomial(9).map(|b| b.sum()), Some(256));
/// assert_eq!(binomial(32), None);
/// ```
pub fn binomial(taps: usize) -> Option<Array1<i32>> {
    if !(1..=31).contains(&taps) {
        return None;
    }
    let mut row = vec![1i32];
    for _ in 1..taps {
        let mut next = vec![1i32; row.len() + 1];
        for j in 1..row.len() {
            next[j] = row[j - 1] + row[j];
        }
        row = next;
    }
    Some(Array1::from(row))
}

/// The binomial kernel normalised to sum 1: [`binomial`]`(taps) / 2^(taps - 1)`,
/// the usual small "Gaussian" blur.
///
/// ```
/// use convolution::kernels::binomial_1d;
/// use ndarray::array;
/// assert_eq!(binomial_1d(3), Some(array![0.25, 0.5, 0.25]));
/// assert_eq!(binomial_1d(5).map(|b| b.sum()), Some(1.0));
/// ```
pub fn binomial_1d(taps: usize) -> Option<Array1<f64>> {
    let weights = binomial(taps)?;
    let total = f64::from(weights.sum());
    Some(weights.mapv(|w| f64::from(w) / total))
}

/// A sampled Gaussian: `exp(-x² / (2σ²))` at the integers `x = -radius..=radius`,
/// divided by the sum of those samples so that the weights add up to exactly 1
/// (up to rounding). Sampling the bell and normalising the samples, rather than
/// using the continuous density's `1 / (σ√(2π))`, keeps a constant signal
/// constant even when `σ` is small.
///
/// ```
/// use convolution::kernels::gaussian_sampled;
/// use approx::assert_abs_diff_eq;
/// let g = gaussian_sampled(1.0, 3).expect("a valid width");
/// assert_eq!(g.len(), 7);
/// assert_abs_diff_eq!(g.sum(), 1.0, epsilon = 1e-15);
/// assert_abs_diff_eq!(g[3], 0.39905, epsilon = 1e-5); // the middle sample
/// assert_eq!(g[0], g[6]); // symmetric
/// assert_eq!(gaussian_sampled(0.0, 3), None); // no width
/// ```
pub fn gaussian_sampled(sigma: f64, radius: usize) -> Option<Array1<f64>> {
    if !(sigma.is_finite() && sigma > 0.0) {
        return None;
    }
    checked_taps(radius.checked_mul(2)?.checked_add(1)?)?;
    let r = radius as f64;
    let bell = Array1::from_shape_fn(2 * radius + 1, |i| {
        let x = i as f64 - r;
        (-x * x / (2.0 * sigma * sigma)).exp()
    });
    let total = bell.sum();
    Some(bell / total)
}

/// The 3 × 3 Gaussian blur, `[1, 2, 1]ᵀ [1, 2, 1] / 16` (chapter 5).
///
/// ```
/// use convolution::kernels::gaussian_3x3;
/// assert_eq!(gaussian_3x3()[[1, 1]], 0.25);
/// assert_eq!(gaussian_3x3()[[0, 0]], 1.0 / 16.0);
/// assert_eq!(gaussian_3x3().sum(), 1.0);
/// ```
pub fn gaussian_3x3() -> Array2<f64> {
    let taps = array![1.0, 2.0, 1.0] / 4.0;
    outer(&taps, &taps)
}

/// The 5 × 5 Gaussian blur, `[1, 4, 6, 4, 1]ᵀ [1, 4, 6, 4, 1] / 256` (chapter 5).
///
/// ```
/// use convolution::kernels::gaussian_5x5;
/// assert_eq!(gaussian_5x5()[[2, 2]], 36.0 / 256.0);
/// assert_eq!(gaussian_5x5().sum(), 1.0);
/// ```
pub fn gaussian_5x5() -> Array2<f64> {
    let taps = array![1.0, 4.0, 6.0, 4.0, 1.0] / 16.0;
    outer(&taps, &taps)
}

/// The centred difference `[1, 0, -1]`: convolving gives `x[n + 1] - x[n - 1]`,
/// twice the slope at the middle sample (chapter 5's `D_x`).
///
/// ```
/// use convolution::{convolve, kernels::central_difference, Mode};
/// use ndarray::array;
/// let squares = array![0, 1, 4, 9, 16];
/// assert_eq!(convolve(&squares, &central_difference(), Mode::Valid)?, array![4, 8, 12]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
pub fn central_difference() -> Array1<i32> {
    array![1, 0, -1]
}

/// The forward difference `[1, -1]`: in `Valid` mode, convolving gives
/// `x[n + 1] - x[n]`, the step from each sample to the next.
///
/// ```
/// use convolution::{convolve, kernels::forward_difference, Mode};
/// use ndarray::array;
/// let squares = array![0, 1, 4, 9, 16];
/// assert_eq!(convolve(&squares, &forward_difference(), Mode::Valid)?, array![1, 3, 5, 7]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
pub fn forward_difference() -> Array1<i32> {
    array![1, -1]
}

/// The second difference `[1, -2, 1]`, `x[n + 1] - 2 x[n] + x[n - 1]`: the
/// forward difference convolved with itself, a discrete second derivative.
/// The 1-D Laplacian.
///
/// ```
/// use convolution::{convolve, kernels::{forward_difference, second_difference}, Mode};
/// use ndarray::array;
/// let f = forward_difference();
/// assert_eq!(convolve(&f, &f, Mode::Full)?, second_difference());
/// // The second derivative of n² is 2 everywhere.
/// assert_eq!(convolve(&array![0, 1, 4, 9, 16], &second_difference(), Mode::Valid)?, array![2, 2, 2]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
pub fn second_difference() -> Array1<i32> {
    array![1, -2, 1]
}

/// Sobel along x (responds to vertical edges): the smoothing `[1, 2, 1]` down,
/// times the difference `[1, 0, -1]` across. Written for correlation (chapter 5).
///
/// ```
/// use convolution::kernels::sobel_x;
/// use ndarray::array;
/// assert_eq!(sobel_x(), array![[1, 0, -1], [2, 0, -2], [1, 0, -1]]);
/// ```
pub fn sobel_x() -> Array2<i32> {
    outer(&array![1, 2, 1], &central_difference())
}

/// The smallest edge kernel, `[[-1, -1], [1, 1]]`: the lower row of a 2 × 2
/// patch minus the upper row. Slid without a flip (correlation, as a layer
/// applies it) it is positive where the image gets brighter downwards.
/// Chapters 2, 5 and 6 meet it as the first edge filter of their sources; it
/// is `outer([-1, 1], [1, 1])`, a difference down and a sum across.
///
/// ```
/// use convolution::kernels::row_difference_2x2;
/// use convolution::{correlate, Mode};
/// use ndarray::array;
/// let step = array![[0, 0, 0], [0, 0, 0], [5, 5, 5]]; // brighter at the bottom
/// assert_eq!(correlate(&step, &row_difference_2x2(), Mode::Valid)?, array![[0, 0], [10, 10]]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
pub fn row_difference_2x2() -> Array2<i32> {
    outer(&array![-1, 1], &array![1, 1])
}

/// Sobel along y (responds to horizontal edges): the transpose of [`sobel_x`].
///
/// ```
/// use convolution::kernels::{sobel_x, sobel_y};
/// use ndarray::array;
/// assert_eq!(sobel_y(), array![[1, 2, 1], [0, 0, 0], [-1, -2, -1]]);
/// assert_eq!(sobel_y(), sobel_x().t());
/// ```
pub fn sobel_y() -> Array2<i32> {
    outer(&central_difference(), &array![1, 2, 1])
}

/// Prewitt along x: a plain three-row sum `[1, 1, 1]` down, times `[1, 0, -1]`
/// across (chapter 5; the deep-learning notebook's "vertical edge" kernel).
///
/// ```
/// use convolution::kernels::prewitt_x;
/// use ndarray::array;
/// assert_eq!(prewitt_x(), array![[1, 0, -1], [1, 0, -1], [1, 0, -1]]);
/// ```
pub fn prewitt_x() -> Array2<i32> {
    outer(&array![1, 1, 1], &central_difference())
}

/// Prewitt along y, the transpose of [`prewitt_x`].
///
/// ```
/// use convolution::kernels::prewitt_y;
/// use ndarray::array;
/// assert_eq!(prewitt_y(), array![[1, 1, 1], [0, 0, 0], [-1, -1, -1]]);
/// ```
pub fn prewitt_y() -> Array2<i32> {
    outer(&central_difference(), &array![1, 1, 1])
}

/// The four-neighbour Laplacian, a discrete `∂²/∂x² + ∂²/∂y²`: the second
/// difference along x plus the same along y (chapter 5's `laplacian`).
///
/// ```
/// use convolution::kernels::laplacian_4;
/// use ndarray::array;
/// assert_eq!(laplacian_4(), array![[0, 1, 0], [1, -4, 1], [0, 1, 0]]);
/// assert_eq!(laplacian_4().sum(), 0);
/// ```
pub fn laplacian_4() -> Array2<i32> {
    let mut kernel = Array2::zeros((3, 3));
    kernel.row_mut(1).assign(&second_difference());
    let mut column = kernel.column_mut(1);
    column += &second_difference();
    kernel
}

/// The eight-neighbour Laplacian: every neighbour, diagonals included, minus
/// eight times the centre (the negative of chapter 5's `eight_neighbour_edge`).
///
/// ```
/// use convolution::kernels::laplacian_8;
/// use ndarray::array;
/// assert_eq!(laplacian_8(), array![[1, 1, 1], [1, -8, 1], [1, 1, 1]]);
/// assert_eq!(laplacian_8().sum(), 0);
/// ```
pub fn laplacian_8() -> Array2<i32> {
    let mut kernel = Array2::ones((3, 3));
    kernel[[1, 1]] = -8;
    kernel
}

/// The sharpen kernel of chapter 5, `δ - laplacian_4`: the picture plus its
/// high-pass detail, five times the centre minus its four neighbours.
///
/// ```
/// use convolution::kernels::{laplacian_4, sharpen};
/// use ndarray::{array, Array2};
/// assert_eq!(sharpen(), array![[0, -1, 0], [-1, 5, -1], [0, -1, 0]]);
/// let mut delta = Array2::zeros((3, 3));
/// delta[[1, 1]] = 1;
/// assert_eq!(sharpen(), delta - laplacian_4());
/// ```
pub fn sharpen() -> Array2<i32> {
    let mut kernel = -laplacian_4();
    kernel[[1, 1]] += 1;
    kernel
}

/// The 5 × 5 unsharp mask of chapter 5, `2δ - gaussian_5x5`: the picture plus
/// the detail a Gaussian blur would remove. Its weights sum to 1.
///
/// ```
/// use convolution::kernels::unsharp_5x5;
/// approx::assert_abs_diff_eq!(unsharp_5x5()[[2, 2]], 2.0 - 36.0 / 256.0, epsilon = 1e-15);
/// approx::assert_abs_diff_eq!(unsharp_5x5().sum(), 1.0, epsilon = 1e-15);
/// ```
pub fn unsharp_5x5() -> Array2<f64> {
    let mut kernel = -gaussian_5x5();
    kernel[[2, 2]] += 2.0;
    kernel
}

// --- the kernels chapter 5 names, as its sources print them ---

/// Integer weights as floats, to filter a photo (whose pixels are `f64`).
///
/// ```
/// use convolution::kernels::{sobel_x, to_f64};
/// assert_eq!(to_f64(&sobel_x())[[1, 0]], 2.0);
/// ```
pub fn to_f64(kernel: &Array2<i32>) -> Array2<f64> {
    kernel.mapv(f64::from)
}

/// The unit impulse δ: one 1 in the middle of a 3 × 3 grid of zeros; any
/// image correlated with it in 'same' mode comes back unchanged.
///
/// ```
/// use convolution::{correlate, kernels::identity, Mode};
/// use ndarray::array;
/// let image = array![[1, 2], [3, 4]];
/// assert_eq!(correlate(&image, &identity(), Mode::Same)?, image);
/// # Ok::<(), convolution::ConvError>(())
/// ```
pub fn identity() -> Array2<i32> {
    array![[0, 0, 0], [0, 1, 0], [0, 0, 0]]
}

/// Prewitt's smoothing vector, a plain three-sample sum; with
/// [`central_difference`] it makes [`prewitt_x`] and [`prewitt_y`].
///
/// ```
/// use convolution::{outer, kernels::{central_difference, prewitt_smoothing, prewitt_x}};
/// assert_eq!(outer(&prewitt_smoothing(), &central_difference()), prewitt_x());
/// ```
pub fn prewitt_smoothing() -> Array1<i32> {
    array![1, 1, 1]
}

/// Sobel's smoothing vector, a sum that weights the middle sample twice
/// (the binomial `[1, 2, 1]`); with [`central_difference`] it makes [`sobel_x`].
///
/// ```
/// use convolution::{outer, kernels::{central_difference, sobel_smoothing, sobel_x}};
/// assert_eq!(outer(&sobel_smoothing(), &central_difference()), sobel_x());
/// ```
pub fn sobel_smoothing() -> Array1<i32> {
    array![1, 2, 1]
}

/// Prewitt along the diagonal that runs from bottom-left to top-right
/// (the image kernels blog post's diagonal variant).
///
/// ```
/// use convolution::kernels::prewitt_diagonal;
/// use ndarray::array;
/// assert_eq!(prewitt_diagonal(), array![[0, 1, 1], [-1, 0, 1], [-1, -1, 0]]);
/// ```
pub fn prewitt_diagonal() -> Array2<i32> {
    array![[0, 1, 1], [-1, 0, 1], [-1, -1, 0]]
}

/// Prewitt along the other diagonal, top-left to bottom-right: a quarter
/// turn of [`prewitt_diagonal`].
///
/// ```
/// use convolution::kernels::{prewitt_antidiagonal, prewitt_diagonal};
/// use ndarray::s;
/// assert_eq!(prewitt_antidiagonal().slice(s![..;-1, ..]).t(), prewitt_diagonal());
/// ```
pub fn prewitt_antidiagonal() -> Array2<i32> {
    array![[1, 1, 0], [1, 0, -1], [0, -1, -1]]
}

/// Sobel along the bottom-left to top-right diagonal.
///
/// ```
/// use convolution::kernels::sobel_diagonal;
/// use ndarray::array;
/// assert_eq!(sobel_diagonal(), array![[0, 1, 2], [-1, 0, 1], [-2, -1, 0]]);
/// ```
pub fn sobel_diagonal() -> Array2<i32> {
    array![[0, 1, 2], [-1, 0, 1], [-2, -1, 0]]
}

/// Sobel along the top-left to bottom-right diagonal: a quarter turn of
/// [`sobel_diagonal`].
///
/// ```
/// use convolution::kernels::{sobel_antidiagonal, sobel_diagonal};
/// use ndarray::s;
/// assert_eq!(sobel_antidiagonal().slice(s![..;-1, ..]).t(), sobel_diagonal());
/// ```
pub fn sobel_antidiagonal() -> Array2<i32> {
    array![[2, 1, 0], [1, 0, -1], [0, -1, -2]]
}

/// The blog post's first edge kernel: the outer product of two centred
/// differences, a discrete mixed derivative `∂²/∂x∂y` (times 4).
///
/// ```
/// use convolution::{outer, kernels::{central_difference, mixed_derivative}};
/// assert_eq!(mixed_derivative(), outer(&central_difference(), &central_difference()));
/// ```
pub fn mixed_derivative() -> Array2<i32> {
    outer(&central_difference(), &central_difference())
}

/// The blog post's third edge kernel: eight times the centre minus its
/// eight neighbours, the negated [`laplacian_8`].
///
/// ```
/// use convolution::kernels::{eight_neighbour_edge, laplacian_8};
/// assert_eq!(eight_neighbour_edge(), -laplacian_8());
/// assert_eq!(eight_neighbour_edge()[[1, 1]], 8);
/// ```
pub fn eight_neighbour_edge() -> Array2<i32> {
    -laplacian_8()
}

/// A high-pass kernel: the centre minus the mean of its four neighbours,
/// times 4 (the negated [`laplacian_4`]). It sums to zero, so flat regions
/// give zero; [`sharpen`] is `δ + high_pass`.
///
/// ```
/// use convolution::kernels::{high_pass, identity, sharpen};
/// assert_eq!(identity() + high_pass(), sharpen());
/// ```
pub fn high_pass() -> Array2<i32> {
    -laplacian_4()
}

/// The smallest vertical-edge kernel, `[[1, -1], [1, -1]]`: the left column
/// of a 2 × 2 patch minus the right one (the course chapter's second filter,
/// beside [`row_difference_2x2`]).
///
/// ```
/// use convolution::kernels::{column_difference_2x2, row_difference_2x2};
/// use ndarray::s;
/// assert_eq!(column_difference_2x2(), row_difference_2x2().t().slice(s![.., ..;-1]));
/// ```
pub fn column_difference_2x2() -> Array2<i32> {
    outer(&array![1, 1], &array![1, -1])
}

/// A `size × size` kernel of ones: a sum over the window, not yet an
/// average (the course chapter blurs with a 10 × 10 block of ones);
/// `None` for no taps or more than [`MAX_TAPS`].
///
/// ```
/// use convolution::kernels::{box_2d, box_sum, to_f64};
/// assert_eq!(box_sum(3).unwrap().sum(), 9);
/// assert_eq!(to_f64(&box_sum(3).unwrap()) / 9.0, box_2d(3).unwrap());
/// assert_eq!(box_sum(0), None);
/// ```
pub fn box_sum(size: usize) -> Option<Array2<i32>> {
    let size = checked_taps(size)?;
    Some(Array2::ones((size, size)))
}

/// The averaging kernel of the course notes: nine weights of 0.11, which sum
/// to 0.99, not 1 (so a flat image comes out 1 % darker).
///
/// ```
/// use convolution::kernels::average_0_11;
/// approx::assert_abs_diff_eq!(average_0_11().sum(), 0.99, epsilon = 1e-12);
/// ```
pub fn average_0_11() -> Array2<f64> {
    Array2::from_elem((3, 3), 0.11)
}

/// The 3 × 3 Gaussian blur's integer weights, `outer([1, 2, 1], [1, 2, 1])`:
/// [`gaussian_3x3`] times 16.
///
/// ```
/// use convolution::kernels::{gaussian_3x3, gaussian_3x3_weights, to_f64};
/// assert_eq!(to_f64(&gaussian_3x3_weights()) / 16.0, gaussian_3x3());
/// ```
pub fn gaussian_3x3_weights() -> Array2<i32> {
    outer(&sobel_smoothing(), &sobel_smoothing())
}

/// The 5 × 5 Gaussian blur's integer weights, `outer([1, 4, 6, 4, 1], ...)`:
/// [`gaussian_5x5`] times 256.
///
/// ```
/// use convolution::kernels::{gaussian_5x5, gaussian_5x5_weights, to_f64};
/// assert_eq!(to_f64(&gaussian_5x5_weights()) / 256.0, gaussian_5x5());
/// ```
pub fn gaussian_5x5_weights() -> Array2<i32> {
    let taps = array![1, 4, 6, 4, 1];
    outer(&taps, &taps)
}

/// The blog post's unsharp-mask weights as it prints them, to be divided
/// by −256: [`unsharp_5x5`] times −256.
///
/// ```
/// use convolution::kernels::{to_f64, unsharp_5x5, unsharp_5x5_weights};
/// assert_eq!(to_f64(&unsharp_5x5_weights()) / -256.0, unsharp_5x5());
/// assert_eq!(unsharp_5x5_weights()[[2, 2]], -476);
/// ```
pub fn unsharp_5x5_weights() -> Array2<i32> {
    let mut weights = -gaussian_5x5_weights();
    weights[[2, 2]] += 2 * 256;
    -weights
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn values_match_chapter_5() {
        // Chapter 5 writes these out by hand; the constructions here must agree.
        assert_eq!(sobel_x(), array![[1, 0, -1], [2, 0, -2], [1, 0, -1]]);
        assert_eq!(prewitt_y(), array![[1, 1, 1], [0, 0, 0], [-1, -1, -1]]);
        assert_eq!(laplacian_4(), array![[0, 1, 0], [1, -4, 1], [0, 1, 0]]);
        assert_eq!(sharpen(), array![[0, -1, 0], [-1, 5, -1], [0, -1, 0]]);
        let printed = array![
            [1, 4, 6, 4, 1],
            [4, 16, 24, 16, 4],
            [6, 24, -476, 24, 6],
            [4, 16, 24, 16, 4],
            [1, 4, 6, 4, 1]
        ];
        assert_abs_diff_eq!(
            unsharp_5x5(),
            printed.mapv(f64::from) / -256.0,
            epsilon = 1e-15
        );
    }

    #[test]
    fn binomial_rows_are_repeated_pairs() {
        for taps in 1..=12 {
            let mut row = array![1];
            for _ in 1..taps {
                row = crate::convolve(&row, &array![1, 1], crate::Mode::Full).unwrap();
            }
            assert_eq!(binomial(taps), Some(row), "{taps} taps");
        }
        assert_eq!(binomial(31).map(|b| b.sum()), Some(1 << 30));
        assert_eq!(binomial(0), None);
        assert_eq!(binomial_1d(5), Some(array![1.0, 4.0, 6.0, 4.0, 1.0] / 16.0));
    }

    #[test]
    fn smoothing_kernels_sum_to_one_and_differences_to_zero() {
        let box4 = box_2d(4).expect("4 taps");
        for k in [box4, gaussian_3x3(), gaussian_5x5(), unsharp_5x5()] {
            assert_abs_diff_eq!(k.sum(), 1.0, epsilon = 1e-14);
        }
        for sigma in [0.3, 1.0, 2.5] {
            let g = gaussian_sampled(sigma, 6).expect("a valid width");
            assert_abs_diff_eq!(g.sum(), 1.0, epsilon = 1e-14);
        }
        assert_eq!(central_difference().sum(), 0);
        assert_eq!(forward_difference().sum(), 0);
        for k in [
            sobel_x(),
            sobel_y(),
            prewitt_x(),
            prewitt_y(),
            laplacian_8(),
        ] {
            assert_eq!(k.sum(), 0);
        }
    }

    #[test]
    fn bad_sizes_and_widths_give_none() {
        for sigma in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(gaussian_sampled(sigma, 3), None, "sigma = {sigma}");
        }
        assert_eq!(gaussian_sampled(1.0, usize::MAX), None);
        assert_eq!(gaussian_sampled(1.0, MAX_TAPS / 2), None);
        assert!(gaussian_sampled(1.0, MAX_TAPS / 2 - 1).is_some());
        assert_eq!(box_1d(MAX_TAPS + 1), None);
        assert_eq!(box_2d(0), None);
    }

    #[test]
    fn chapter_5_blurs_sum_to_one_and_its_edge_kernels_to_zero() {
        for kernel in [
            box_2d(3).unwrap(),
            box_2d(10).unwrap(),
            gaussian_3x3(),
            gaussian_5x5(),
        ] {
            assert_abs_diff_eq!(kernel.sum(), 1.0, epsilon = 1e-12);
            assert!(kernel.iter().all(|&w| w > 0.0), "{kernel}");
        }
        for kernel in [
            prewitt_x(),
            prewitt_y(),
            prewitt_diagonal(),
            prewitt_antidiagonal(),
            sobel_x(),
            sobel_y(),
            sobel_diagonal(),
            sobel_antidiagonal(),
            laplacian_4(),
            mixed_derivative(),
            eight_neighbour_edge(),
            high_pass(),
            row_difference_2x2(),
            column_difference_2x2(),
        ] {
            assert_eq!(kernel.sum(), 0, "{kernel}");
        }
    }

    #[test]
    fn chapter_5_kernels_as_its_sources_print_them() {
        assert_eq!(
            mixed_derivative(),
            array![[1, 0, -1], [0, 0, 0], [-1, 0, 1]]
        );
        assert_eq!(
            eight_neighbour_edge(),
            array![[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]
        );
        assert_eq!(high_pass(), array![[0, -1, 0], [-1, 4, -1], [0, -1, 0]]);
        assert_eq!(row_difference_2x2(), array![[-1, -1], [1, 1]]);
        assert_eq!(column_difference_2x2(), array![[1, -1], [1, -1]]);
        assert_eq!(
            gaussian_3x3_weights(),
            array![[1, 2, 1], [2, 4, 2], [1, 2, 1]]
        );
        let anticlockwise = |k: &Array2<i32>| k.t().slice(ndarray::s![..;-1, ..]).to_owned();
        assert_eq!(anticlockwise(&prewitt_y()), prewitt_x());
        assert_eq!(anticlockwise(&sobel_y()), sobel_x());
    }
}
