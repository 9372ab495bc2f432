//! The chapter's example data, in one place: the page's code and the figures both
//! read it from here, so a figure always shows the numbers the text checks.

use book_figures::FigureResult;
use convolution::flip;
use convolution::ndarray::{Array1, Array2, array, s};

/// Two impulses, of heights 1 and 2, at positions 1 and 4.
pub fn impulses() -> Array1<i64> {
    array![0, 1, 0, 0, 2, 0, 0]
}

/// A falling ramp: the simplest kernel that looks different reversed.
pub fn ramp() -> Array1<i64> {
    array![3, 2, 1]
}

/// The kernel that the deep-learning notebook passes to its `mirror` function.
pub fn mirror_example() -> Array2<i64> {
    array![[3, 4, 5], [1, 0, 2], [-1, 9, 7]]
}

/// What that `mirror` function returns: the 180-degree flip, then transposed
/// (`np.flipud(np.fliplr(k)).T`). Not the flip, unless `k` is symmetric.
pub fn mirror_as_printed(kernel: &Array2<i64>) -> Array2<i64> {
    flip(kernel).t().to_owned()
}

/// The photo of the comparison, prepared as the course chapter does: gray, then stretched to `[0, 1]`
/// by `(img - min) / (max - min)`.
pub fn camera_unit_range() -> FigureResult<Array2<f64>> {
    use book_figures::photos::{load_gray, unit_range};
    Ok(unit_range(&load_gray("camera.png")?))
}

/// The part of a (photo-sized) array the photo figure shows: head, camera, horizon.
pub fn camera_crop(values: &Array2<f64>) -> Array2<f64> {
    values.slice(s![100..260, 150..390]).to_owned()
}
