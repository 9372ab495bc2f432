//! The inputs of the chapter's examples and figures.

use book_figures::{FigureResult, photos};
use convolution::ndarray::Array2;
use convolution::{ConvError, TransposedWindow, conv_transpose};

/// `camera.png` (512x512) shrunk to `512 / factor` pixels a side, each pixel
/// the mean of a `factor x factor` square (what average pooling with
/// non-overlapping windows computes).
pub fn small_camera(factor: usize) -> FigureResult<Array2<f64>> {
    Ok(photos::block_mean(
        &photos::load_gray("camera.png")?,
        factor,
    ))
}

/// Double an image's size with a stride-2 transposed convolution whose kernel
/// is a `k x k` box, scaled by `4 / k²` so that the output is as bright as the
/// input on average. Padding `(k - 2) / 2` rounded up, and output padding for
/// odd `k`, make the output exactly `2 h x 2 w`.
pub fn upsample_box(image: &Array2<f64>, k: usize) -> Result<Array2<f64>, ConvError> {
    let kernel = Array2::from_elem((k, k), 4.0 / (k * k) as f64);
    let window = TransposedWindow::stride(2)
        .with_padding((k.saturating_sub(1)) / 2)
        .with_output_padding(k % 2);
    conv_transpose(image, &kernel, window)
}

/// A `side x side` image, zero except for one pixel of `value` at `at`.
pub fn bright_pixel(side: usize, at: (usize, usize), value: f64) -> Array2<f64> {
    let mut image = Array2::zeros((side, side));
    if at.0 < side && at.1 < side {
        image[at] = value;
    }
    image
}

/// `|b - a| / |a|` in the Euclidean norm: how much `b` differs from `a`,
/// relative to `a`'s size (0 for equal arrays).
pub fn relative_change(a: &Array2<f64>, b: &Array2<f64>) -> f64 {
    let diff: f64 = a.iter().zip(b).map(|(x, y)| (x - y).powi(2)).sum();
    let size: f64 = a.iter().map(|x| x * x).sum();
    if size == 0.0 {
        0.0
    } else {
        (diff / size).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upsampling_doubles_both_axes() {
        for k in 2..=5 {
            let out = upsample_box(&Array2::ones((5, 7)), k).unwrap();
            assert_eq!(out.dim(), (10, 14), "k = {k}");
        }
    }
}
