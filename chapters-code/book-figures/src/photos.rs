//! Loading the CC0 photos in `images/photos/` as arrays, and saving arrays as PNG.
//!
//! Pixel values are `f64` on the 0..=255 scale, so that kernels act on the
//! numbers a reader expects and nothing overflows.

use std::path::{Path, PathBuf};

use image::{GrayImage, ImageBuffer, Luma, Rgb, RgbImage};
use ndarray::{Array2, Array3};

use crate::FigureResult;

/// `images/photos/<name>`.
pub fn photo_path(name: &str) -> PathBuf {
    crate::images_dir().join("photos").join(name)
}

/// A photo from `images/photos/` as a grayscale `(height, width)` array on 0..=255
/// (colour photos are converted with the `image` crate's luma weights).
pub fn load_gray(name: &str) -> FigureResult<Array2<f64>> {
    let img = image::open(photo_path(name))?.to_luma8();
    let (w, h) = img.dimensions();
    Ok(Array2::from_shape_fn((h as usize, w as usize), |(y, x)| {
        f64::from(img.get_pixel(x as u32, y as u32)[0])
    }))
}

/// A photo from `images/photos/` as a `(height, width, 3)` RGB array on 0..=255.
pub fn load_rgb(name: &str) -> FigureResult<Array3<f64>> {
    let img = image::open(photo_path(name))?.to_rgb8();
    let (w, h) = img.dimensions();
    Ok(Array3::from_shape_fn(
        (h as usize, w as usize, 3),
        |(y, x, c)| f64::from(img.get_pixel(x as u32, y as u32)[c]),
    ))
}

/// How to turn arbitrary values into 0..=255 pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ToPixels {
    /// Clamp ("squash") to 0..=255: values outside are lost.
    Clamp,
    /// Map the array's own minimum to 0 and maximum to 255.
    Rescale,
    /// Map 0 to 0 and the largest absolute value to 255 (for |responses|).
    AbsRescale,
}

/// Convert values to 8-bit pixels by `mode` (rounding to nearest).
pub fn to_pixels(values: &Array2<f64>, mode: ToPixels) -> Array2<u8> {
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    let max_abs = lo.abs().max(hi.abs());
    values.mapv(|v| {
        let scaled = match mode {
            ToPixels::Clamp => v,
            ToPixels::Rescale if hi > lo => (v - lo) / (hi - lo) * 255.0,
            ToPixels::Rescale => 0.0,
            ToPixels::AbsRescale if max_abs > 0.0 => v.abs() / max_abs * 255.0,
            ToPixels::AbsRescale => 0.0,
        };
        scaled.round().clamp(0.0, 255.0) as u8
    })
}

/// Save a 2-D array as a grayscale PNG, converting values by `mode`.
pub fn save_gray(path: &Path, values: &Array2<f64>, mode: ToPixels) -> FigureResult {
    let pixels = to_pixels(values, mode);
    let (h, w) = pixels.dim();
    let img: GrayImage = ImageBuffer::from_fn(w as u32, h as u32, |x, y| {
        Luma([pixels[[y as usize, x as usize]]])
    });
    img.save(path)?;
    Ok(())
}

/// Save a `(height, width, 3)` array on 0..=255 as an RGB PNG (values clamped).
pub fn save_rgb(path: &Path, values: &Array3<f64>) -> FigureResult {
    let (h, w, _) = values.dim();
    let img: RgbImage = ImageBuffer::from_fn(w as u32, h as u32, |x, y| {
        let at = |c: usize| {
            values[[y as usize, x as usize, c]]
                .round()
                .clamp(0.0, 255.0) as u8
        };
        Rgb([at(0), at(1), at(2)])
    });
    img.save(path)?;
    Ok(())
}
