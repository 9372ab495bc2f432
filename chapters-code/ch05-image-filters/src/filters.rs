//! The few routines chapter 5 adds on top of the core crate: a hand-written
//! sliding window (the blog post's loop, kept as a second, independent code
//! path), gradient magnitude, and output ranges. Separable filtering is the
//! core crate's [`convolution::convolve_separable`].

use convolution::{ConvError, Mode, PadMode, convolve, pad};
use ndarray::{Array2, s};

/// The blog post's filter loop, written out: pad the image with ONE zero on
/// every side, slide the kernel (unflipped) over every window that fits, and
/// store each sum at the window's top-left corner in an image-sized output.
///
/// For a 3 × 3 kernel this is exactly a zero-padded `same` correlation. For a
/// larger kernel one zero is too little padding: the windows that fit end two
/// rows and columns early (those stay zero) and every result lands one pixel up
/// and to the left of the pixel it is centred on.
///
/// # Errors
/// [`ConvError::ValidShapeMismatch`] when the kernel does not fit in the padded
/// image, or is empty.
pub fn pad_one_and_slide(
    image: &Array2<f64>,
    kernel: &Array2<f64>,
) -> Result<Array2<f64>, ConvError> {
    let padded = pad(image, &[(1, 1), (1, 1)], PadMode::Zeros)?;
    let (kh, kw) = kernel.dim();
    let (ph, pw) = padded.dim();
    if kh > ph || kw > pw || kernel.is_empty() {
        return Err(ConvError::ValidShapeMismatch {
            input: vec![ph, pw],
            kernel: vec![kh, kw],
        });
    }
    let mut out = Array2::zeros(image.dim());
    for i in 0..(ph - kh + 1).min(image.nrows()) {
        for j in 0..(pw - kw + 1).min(image.ncols()) {
            let window = padded.slice(s![i..i + kh, j..j + kw]);
            out[[i, j]] = (&window * kernel).sum();
        }
    }
    Ok(out)
}

/// `sqrt(gx² + gy²)` pixel by pixel: the length of the gradient vector.
pub fn gradient_magnitude(gx: &Array2<f64>, gy: &Array2<f64>) -> Array2<f64> {
    ndarray::Zip::from(gx)
        .and(gy)
        .map_collect(|&x, &y| x.hypot(y))
}

/// The smallest and largest value a correlation with `kernel` can produce on
/// pixels in `0..=max_pixel`: every negative weight meets a `max_pixel` while
/// every positive weight meets a 0, and the other way round.
pub fn output_range(kernel: &Array2<i32>, max_pixel: i32) -> (i32, i32) {
    let negative: i32 = kernel.iter().filter(|&&w| w < 0).sum();
    let positive: i32 = kernel.iter().filter(|&&w| w > 0).sum();
    (negative * max_pixel, positive * max_pixel)
}

/// Average each 2 × 2 block of pixels (dropping a last odd row or column):
/// the image at half the size, without aliasing its fine stripes.
pub fn half_size(image: &Array2<f64>) -> Array2<f64> {
    let (h, w) = (image.nrows() / 2, image.ncols() / 2);
    Array2::from_shape_fn((h, w), |(i, j)| {
        image.slice(s![2 * i..2 * i + 2, 2 * j..2 * j + 2]).sum() / 4.0
    })
}

/// Apply `kernel` `times` times in a row, `valid` each time (like a stack of
/// convolution layers without padding); returns the image after each pass.
///
/// # Errors
/// As [`convolve`], e.g. once the image has shrunk below the kernel.
pub fn repeat_valid(
    image: &Array2<f64>,
    kernel: &Array2<f64>,
    times: usize,
) -> Result<Vec<Array2<f64>>, ConvError> {
    let mut passes = Vec::with_capacity(times);
    let mut current = image.clone();
    for _ in 0..times {
        current = convolve(&current, kernel, Mode::Valid)?;
        passes.push(current.clone());
    }
    Ok(passes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use convolution::correlate;
    use ndarray::array;

    #[test]
    fn the_loop_is_same_mode_correlation_for_3x3() -> Result<(), ConvError> {
        let image = array![
            [1.0, 2.0, 3.0],
            [4.0, 5.0, 6.0],
            [7.0, 8.0, 9.0],
            [0.0, 1.0, 0.0]
        ];
        let kernel = array![[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]];
        assert_eq!(
            pad_one_and_slide(&image, &kernel)?,
            correlate(&image, &kernel, Mode::Same)?
        );
        Ok(())
    }

    #[test]
    fn a_kernel_larger_than_the_padded_image_is_an_error() {
        let image = Array2::<f64>::ones((2, 2));
        let kernel = Array2::<f64>::ones((5, 5));
        assert!(matches!(
            pad_one_and_slide(&image, &kernel),
            Err(ConvError::ValidShapeMismatch { .. })
        ));
    }

    #[test]
    fn half_size_averages_blocks() {
        let image = array![[0.0, 2.0, 4.0], [2.0, 4.0, 6.0], [9.0, 9.0, 9.0]];
        assert_eq!(half_size(&image), array![[2.0]]);
    }
}
