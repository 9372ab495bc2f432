//! The chapter's worked examples, shared by its page, its figures and its
//! notebook so that all three show the same numbers.

use convolution::{ConvError, Mode, PadMode, convolve, pad};
use ndarray::{Array1, Array2};

use crate::dft::cosine;
use crate::spectra2d::subsample;

/// The frequency of the cosine that the chapter sends through a moving
/// average, in cycles per sample (one period every 10 samples).
pub const SINUSOID_FREQUENCY: f64 = 0.1;

/// How many samples of that cosine the chapter uses.
pub const SINUSOID_LEN: usize = 40;

/// The cosine `cos(2π · 0.1 · n)`, `n = 0..40`.
pub fn sinusoid() -> Array1<f64> {
    cosine(SINUSOID_LEN, SINUSOID_FREQUENCY, 1.0, 0.0)
}

/// The 32-sample signal of the DFT section: 3 cycles of a cosine of
/// amplitude 1 plus 10 cycles of one of amplitude 0.5, shifted by 1 radian.
pub fn two_tones() -> Array1<f64> {
    cosine(32, 3.0 / 32.0, 1.0, 0.0) + cosine(32, 10.0 / 32.0, 0.5, 1.0)
}

/// Filter an image with `kernel` (a true convolution), padding it by
/// reflection ([`PadMode::Reflect`]) so that the output keeps the image's
/// size and the border adds no edges of its own. The kernel must have odd
/// sides.
///
/// ```
/// use ch08_frequency::examples::filter_reflect;
/// use ndarray::{array, Array2};
/// let flat = Array2::from_elem((4, 5), 7.0);
/// let blurred = filter_reflect(&flat, &(Array2::from_elem((3, 3), 1.0) / 9.0))?;
/// assert!(blurred.iter().all(|&v| (v - 7.0).abs() < 1e-12)); // no dark border
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// As [`pad`] and [`convolve`].
pub fn filter_reflect(image: &Array2<f64>, kernel: &Array2<f64>) -> Result<Array2<f64>, ConvError> {
    let (kh, kw) = kernel.dim();
    let padded = pad(
        image,
        &[(kh / 2, kh / 2), (kw / 2, kw / 2)],
        PadMode::Reflect,
    )?;
    convolve(&padded, kernel, Mode::Valid)
}

/// The photo, blurred with the 5 × 5 Gaussian, and its four-neighbour
/// Laplacian: the three pictures whose spectra the chapter compares.
///
/// # Errors
/// As [`filter_reflect`].
pub fn photo_filtered(photo: &Array2<f64>) -> Result<[Array2<f64>; 3], ConvError> {
    let blurred = filter_reflect(photo, &convolution::kernels::gaussian_5x5())?;
    let laplacian = convolution::kernels::laplacian_4().mapv(f64::from);
    let edges = filter_reflect(photo, &laplacian)?;
    Ok([photo.clone(), blurred, edges])
}

/// The outer product of a 1-D kernel with itself: its separable 2-D version.
pub fn square(kernel: &Array1<f64>) -> Array2<f64> {
    Array2::from_shape_fn((kernel.len(), kernel.len()), |(i, j)| kernel[i] * kernel[j])
}

/// An image subsampled by `step` as it is, and after a blur with `kernel`
/// (reflect padding): what a stride does without and with a low-pass filter
/// first.
///
/// # Errors
/// As [`filter_reflect`].
pub fn strided_pair(
    image: &Array2<f64>,
    kernel: &Array2<f64>,
    step: usize,
) -> Result<(Array2<f64>, Array2<f64>), ConvError> {
    let blurred = filter_reflect(image, kernel)?;
    Ok((subsample(image, step), subsample(&blurred, step)))
}
