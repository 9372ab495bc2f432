//! The one place that loads and prepares the CC0 photos in `images/photos/`:
//! loading them as arrays, shrinking them, scaling their values, turning
//! arrays back into 8-bit pixels and saving them as PNG.
//!
//! Pixel values are `f64` on the 0..=255 scale, so that kernels act on the
//! numbers a reader expects and nothing overflows. Two ways to shrink a photo:
//! [`block_mean`] for a whole factor (each output pixel the mean of a square of
//! input pixels; exact on whole-number pixels, so the order of the sum never
//! matters), and [`square_resized`] for any size (a triangle filter).
//!
//! ```
//! use book_figures::photos::{block_mean, load_gray, unit_range};
//! let camera = load_gray("camera.png")?;
//! let small = block_mean(&camera, 16);
//! assert_eq!(small.dim(), (32, 32));
//! let unit = unit_range(&small);
//! assert_eq!(unit.fold(f64::INFINITY, |a, &b| a.min(b)), 0.0);
//! assert_eq!(unit.fold(f64::NEG_INFINITY, |a, &b| a.max(b)), 1.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::{Path, PathBuf};

use image::{GrayImage, ImageBuffer, Luma, Rgb, RgbImage, imageops};
use ndarray::{Array, Array2, Array3, ArrayBase, Data, Dimension, Ix2, Ix3, s};

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

/// The square `(left, top, side)` of a photo, in gray, resized to `to` pixels
/// a side with a triangle filter (deterministic, no ringing); values 0..=255.
pub fn square_resized(
    name: &str,
    (left, top, side): (u32, u32, u32),
    to: u32,
) -> FigureResult<Array2<f64>> {
    let gray = image::open(photo_path(name))?.to_luma8();
    let square = imageops::crop_imm(&gray, left, top, side, side).to_image();
    let small = imageops::resize(&square, to, to, imageops::FilterType::Triangle);
    Ok(Array2::from_shape_fn(
        (to as usize, to as usize),
        |(y, x)| f64::from(small.get_pixel(x as u32, y as u32)[0]),
    ))
}

/// The mean of each `block × block` square (the image shrinks by `block`; a
/// last partial row or column of squares is dropped).
///
/// ```
/// use book_figures::photos::block_mean;
/// use ndarray::array;
/// let x = array![[1.0, 3.0, 0.0, 0.0], [5.0, 7.0, 0.0, 4.0]];
/// assert_eq!(block_mean(&x, 2), array![[4.0, 1.0]]);
/// ```
pub fn block_mean<S: Data<Elem = f64>>(image: &ArrayBase<S, Ix2>, block: usize) -> Array2<f64> {
    let block = block.max(1);
    let (rows, cols) = (image.nrows() / block, image.ncols() / block);
    Array2::from_shape_fn((rows, cols), |(i, j)| {
        image
            .slice(s![i * block..(i + 1) * block, j * block..(j + 1) * block])
            .mean()
            .unwrap_or(0.0)
    })
}

/// [`block_mean`] of each channel of a `(height, width, channels)` image.
pub fn block_mean_channels<S: Data<Elem = f64>>(
    image: &ArrayBase<S, Ix3>,
    block: usize,
) -> Array3<f64> {
    let block = block.max(1);
    let (h, w, c) = image.dim();
    Array3::from_shape_fn((h / block, w / block, c), |(i, j, ch)| {
        image
            .slice(s![
                i * block..(i + 1) * block,
                j * block..(j + 1) * block,
                ch
            ])
            .mean()
            .unwrap_or(0.0)
    })
}

/// Values stretched to 0..=1 by the array's own minimum and maximum,
/// `(v - min) / (max - min)`, as the notebooks do with photos (a constant
/// array becomes all zeros).
pub fn unit_range<D: Dimension>(image: &Array<f64, D>) -> Array<f64, D> {
    let lo = image.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = image.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let range = if hi > lo { hi - lo } else { 1.0 };
    image.mapv(|v| (v - lo) / range)
}

/// Pixel values on 0..=255 moved to 0..=1 (`v / 255`), keeping their scale.
pub fn from_8bit<D: Dimension>(image: &Array<f64, D>) -> Array<f64, D> {
    image.mapv(|v| v / 255.0)
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
    /// Map 0 to 0 and the given value to 255, clamping: one scale shared by
    /// several pictures.
    UpTo(f64),
    /// Map 0 to mid-gray and `±limit` to white and black, clamping: signed
    /// values on a scale shared by several pictures.
    Signed(f64),
}

/// The values that [`to_pixels`] turns into black and white for `values` and
/// `mode`: what a colour bar beside the picture says.
///
/// ```
/// use book_figures::photos::{ToPixels, black_and_white};
/// let v = ndarray::array![[-2.0, 1.0]];
/// assert_eq!(black_and_white(&v, ToPixels::Rescale), (-2.0, 1.0));
/// assert_eq!(black_and_white(&v, ToPixels::Signed(4.0)), (-4.0, 4.0));
/// ```
pub fn black_and_white(values: &Array2<f64>, mode: ToPixels) -> (f64, f64) {
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    match mode {
        ToPixels::Clamp => (0.0, 255.0),
        ToPixels::Rescale => (lo, hi),
        ToPixels::AbsRescale => (0.0, lo.abs().max(hi.abs())),
        ToPixels::UpTo(top) => (0.0, top),
        ToPixels::Signed(limit) => (-limit, limit),
    }
}

/// The 99th percentile of `|value|`: a limit for [`ToPixels::Signed`] that
/// lets the rarest 1 % of extremes clip, so that a few outliers do not turn
/// everything else flat gray.
pub fn robust_limit(values: &Array2<f64>) -> f64 {
    let mut magnitudes: Vec<f64> = values.iter().map(|v| v.abs()).collect();
    magnitudes.sort_by(f64::total_cmp);
    magnitudes
        .get(magnitudes.len().saturating_sub(1) * 99 / 100)
        .copied()
        .unwrap_or(0.0)
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
            ToPixels::UpTo(top) => v / top * 255.0,
            ToPixels::Signed(limit) if limit > 0.0 => 127.5 + 127.5 * (v / limit),
            ToPixels::Signed(_) => 127.5,
        };
        scaled.round().clamp(0.0, 255.0) as u8
    })
}

/// Convert a `(height, width, 3)` array to 8-bit pixels by `mode`, the same
/// for every channel (a rescaling mode uses the range over all channels).
pub fn rgb_to_pixels(values: &Array3<f64>, mode: ToPixels) -> Array3<u8> {
    let (h, w, c) = values.dim();
    let flat = values
        .to_shape((h, w * c))
        .map(|v| v.to_owned())
        .unwrap_or_else(|_| Array2::zeros((h, w * c)));
    let pixels = to_pixels(&flat, mode);
    Array3::from_shape_fn((h, w, c), |(y, x, ch)| pixels[[y, x * c + ch]])
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
