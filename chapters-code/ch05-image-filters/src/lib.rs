//! Chapter 5 of the *Convolution Book*: image filters on real photos.
//!
//! The convolution itself and every named kernel (identity, Prewitt, Sobel,
//! Laplacian, box, Gaussian, sharpen, unsharp, ...) come from the core crate
//! ([`convolution`], [`convolution::kernels`]); this crate holds what is
//! particular to the chapter:
//!
//! * [`filters`]: a hand-written sliding window, gradient magnitude, output
//!   ranges (two-pass separable filtering is the core's
//!   [`convolution::convolve_separable`]);
//! * [`counting`]: a number type that counts its multiplications;
//! * [`bench`]: the committed results of the crate's separable benchmark;
//! * the two photos the chapter filters ([`camera`], [`cat`]) and its figures
//!   ([`draw_figures`], built from [`panels`]).

pub mod bench;
pub mod counting;
mod figures;
pub mod filters;
pub mod panels;

use book_figures::FigureResult;
use book_figures::photos::{ToPixels, robust_limit, to_pixels};
use ndarray::Array2;

pub use figures::draw_figures;

/// Side of the photos this chapter filters: small, so that the chapter's
/// figures stay light.
pub const SIDE: u32 = 192;

/// The cameraman photo (512 × 512, CC0) scaled down to 192 × 192, values 0..=255.
pub fn camera() -> FigureResult<Array2<f64>> {
    load_square("camera.png", (0, 0, 512))
}

/// The cat photo `chelsea.png` (451 × 300, CC0): the 300 × 300 square around
/// its face, in gray, scaled down to 192 × 192.
pub fn cat() -> FigureResult<Array2<f64>> {
    load_square("chelsea.png", (75, 0, 300))
}

/// Cut the square `(left, top, side)` out of a photo, convert it to gray and
/// resize it to [`SIDE`] pixels.
fn load_square(name: &str, square: (u32, u32, u32)) -> FigureResult<Array2<f64>> {
    book_figures::photos::square_resized(name, square, SIDE)
}

/// Signed values as pixels: 0 is mid-gray, and the 99th percentile of |value|
/// is black (negative) or white (positive); the rarest 1 % of extremes clip, so
/// that a few outliers do not turn everything else flat gray.
pub fn signed_pixels(values: &Array2<f64>) -> Array2<u8> {
    to_pixels(values, ToPixels::Signed(robust_limit(values)))
}

/// Non-negative values as pixels on a scale shared by several pictures:
/// `0 → 0`, `top → 255` (and anything above `top` is white).
pub fn pixels_up_to(values: &Array2<f64>, top: f64) -> Array2<u8> {
    to_pixels(values, ToPixels::UpTo(top))
}

/// The deep-learning notebook's first toy image: the left half 10, the right half 0.
pub fn left_half_bright() -> Array2<i32> {
    Array2::from_shape_fn((6, 6), |(_, j)| if j < 3 { 10 } else { 0 })
}

/// Bright top-left and bottom-right quarters.
pub fn two_blocks() -> Array2<i32> {
    Array2::from_shape_fn((6, 6), |(i, j)| if (i < 3) == (j < 3) { 10 } else { 0 })
}

#[cfg(doctest)]
#[doc = include_str!("../../../src/ch05-image-filters.md")]
mod chapter_text {}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn toy_images_match_the_notebook() {
        assert_eq!(left_half_bright().row(0), array![10, 10, 10, 0, 0, 0]);
        assert_eq!(two_blocks().row(4), array![0, 0, 0, 10, 10, 10]);
        assert_eq!(two_blocks().row(0), array![10, 10, 10, 0, 0, 0]);
    }
}
