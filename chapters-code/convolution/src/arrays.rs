//! Two of numpy's array builders that several chapters need: evenly spaced
//! samples (`np.linspace`) and the outer product (`np.outer`), the 2-D kernel of
//! a separable pair.

use ndarray::{Array1, Array2};

/// `n` evenly spaced points from `start` to `stop` inclusive, computed as numpy's
/// `np.linspace` does (`start + m * step`, last point exactly `stop`).
///
/// ```
/// use convolution::linspace;
/// use ndarray::array;
/// assert_eq!(linspace(0.0, 1.0, 5), array![0.0, 0.25, 0.5, 0.75, 1.0]);
/// assert_eq!(linspace(2.0, 3.0, 1), array![2.0]);
/// assert_eq!(linspace(0.0, 1.0, 0).len(), 0);
/// ```
pub fn linspace(start: f64, stop: f64, n: usize) -> Array1<f64> {
    let step = (stop - start) / (n.max(2) - 1) as f64;
    let mut xs = Array1::from_shape_fn(n, |m| start + m as f64 * step);
    if n > 1 {
        xs[n - 1] = stop;
    }
    xs
}

/// The outer product: `m[i, j] = x[i] * y[j]` (numpy's `np.outer`); a separable
/// kernel such as Sobel's is the outer product of a column and a row.
///
/// ```
/// use convolution::outer;
/// use ndarray::array;
/// assert_eq!(outer(&array![1, 2, 1], &array![-1, 0, 1]),
///            array![[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]);
/// ```
pub fn outer<T>(x: &Array1<T>, y: &Array1<T>) -> Array2<T>
where
    T: Copy + std::ops::Mul<Output = T>,
{
    Array2::from_shape_fn((x.len(), y.len()), |(i, j)| x[i] * y[j])
}
