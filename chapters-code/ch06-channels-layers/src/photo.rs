//! The photos the chapter filters, prepared as the course chapter prepares its own:
//! scaled to 0..=1 by their minimum and maximum, and halved to keep figures small.

use book_figures::{FigureResult, photos};
use ndarray::{Array, Array2, Array3, Axis, Dimension};

/// Scale an array to 0..=1 using its own minimum and maximum (over all channels),
/// as the course chapter does with `(img - min) / (max - min)`.
pub fn normalise<D: Dimension>(image: &Array<f64, D>) -> Array<f64, D> {
    photos::unit_range(image)
}

/// Halve an image's height and width by averaging 2x2 blocks (an odd last row
/// or column is dropped).
pub fn halve(image: &Array3<f64>) -> Array3<f64> {
    photos::block_mean_channels(image, 2)
}

/// `coffee.png` (a red cup on a wooden table), halved to 300x200 and scaled to 0..=1.
pub fn colour_input() -> FigureResult<Array3<f64>> {
    Ok(normalise(&halve(&photos::load_rgb("coffee.png")?)))
}

/// `camera.png` (a photographer on a lawn), halved to 256x256 and scaled to 0..=1.
pub fn gray_input() -> FigureResult<Array2<f64>> {
    let gray = photos::load_gray("camera.png")?.insert_axis(Axis(2));
    Ok(normalise(&halve(&gray).remove_axis(Axis(2))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halve_and_normalise() {
        let image = Array3::from_shape_fn((4, 5, 1), |(y, x, _)| (10 * y + x) as f64);
        let half = halve(&image);
        assert_eq!(half.dim(), (2, 2, 1));
        assert_eq!(half[[0, 0, 0]], 5.5);
        assert_eq!(half[[1, 1, 0]], 27.5);
        let unit = normalise(&image);
        assert_eq!(unit[[0, 0, 0]], 0.0);
        assert_eq!(unit[[3, 4, 0]], 1.0);
        assert_eq!(unit[[1, 0, 0]], 10.0 / 34.0);
    }
}
