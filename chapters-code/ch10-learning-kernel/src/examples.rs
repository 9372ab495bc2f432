//! The inputs the chapter learns from.

use book_figures::FigureResult;
use ndarray::{Array2, array};

/// Dive into Deep Learning's test image: 6 rows of 8 pixels, white (1) with a
/// black (0) vertical stripe in columns 2 to 5.
///
/// ```
/// let x = ch10_learning_kernel::examples::stripe();
/// assert_eq!(x.row(0).to_vec(), [1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0]);
/// ```
pub fn stripe() -> Array2<f64> {
    Array2::from_shape_fn((6, 8), |(_, c)| if (2..6).contains(&c) { 0.0 } else { 1.0 })
}

/// The horizontal edge detector `[1, -1]` as a 1x2 kernel.
pub fn edge_kernel() -> Array2<f64> {
    array![[1.0, -1.0]]
}

/// Side of the shrunk photo the chapter learns from.
pub const PHOTO_SIDE: usize = 32;

/// The camera photo, shrunk from 512x512 to 32x32 by averaging 16x16 blocks,
/// on the 0..=1 scale: small enough that training takes milliseconds.
///
/// # Errors
/// If the photo cannot be read.
pub fn small_camera() -> FigureResult<Array2<f64>> {
    use book_figures::photos::{block_mean, from_8bit, load_gray};
    let photo = load_gray("camera.png")?;
    Ok(from_8bit(&block_mean(&photo, photo.nrows() / PHOTO_SIDE)))
}
