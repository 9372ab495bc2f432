//! Two-dimensional spectra: the DFT of an image (rows, then columns), a
//! kernel's 2-D frequency response, and the measures the chapter reads off
//! them.

use ndarray::{Array2, ArrayBase, Axis, Data, Ix2};
use rustfft::FftPlanner;
use rustfft::num_complex::Complex64;

use crate::dft::bin_frequency;

/// The 2-D DFT: a 1-D DFT of every row, then of every column.
/// `X[k, l] = Σ_{m,n} x[m, n] e^{-2πi (k m / H + l n / W)}`.
///
/// ```
/// use ch08_frequency::spectra2d::fft2;
/// use ndarray::array;
/// let x = array![[1.0, 2.0], [3.0, 4.0]];
/// let spectrum = fft2(&x);
/// assert!((spectrum[[0, 0]].re - 10.0).abs() < 1e-12); // the sum
/// assert!((spectrum[[1, 1]].re - 0.0).abs() < 1e-12); // 1 - 2 - 3 + 4
/// assert!((spectrum[[0, 1]].re + 2.0).abs() < 1e-12); // (1 - 2) + (3 - 4)
/// ```
pub fn fft2<S: Data<Elem = f64>>(image: &ArrayBase<S, Ix2>) -> Array2<Complex64> {
    let mut spectrum = image.mapv(|v| Complex64::new(v, 0.0));
    transform_lanes(&mut spectrum, false);
    spectrum
}

/// The inverse of [`fft2`], scaled by `1/(H W)`.
pub fn inverse_fft2<S: Data<Elem = Complex64>>(spectrum: &ArrayBase<S, Ix2>) -> Array2<Complex64> {
    let mut out = spectrum.to_owned();
    transform_lanes(&mut out, true);
    let scale = 1.0 / out.len().max(1) as f64;
    out * scale
}

fn transform_lanes(data: &mut Array2<Complex64>, inverse: bool) {
    let mut planner = FftPlanner::new();
    for axis in [Axis(1), Axis(0)] {
        let len = data.len_of(axis);
        if len == 0 {
            return;
        }
        let plan = if inverse {
            planner.plan_fft_inverse(len)
        } else {
            planner.plan_fft_forward(len)
        };
        let mut buffer = vec![Complex64::default(); len];
        for mut lane in data.lanes_mut(axis) {
            for (b, v) in buffer.iter_mut().zip(lane.iter()) {
                *b = *v;
            }
            plan.process(&mut buffer);
            for (v, b) in lane.iter_mut().zip(&buffer) {
                *v = *b;
            }
        }
    }
}

/// A 2-D kernel's frequency response on an `H × W` grid of bins: the 2-D DFT
/// of the kernel padded with zeros (taps beyond the grid fold onto it).
///
/// ```
/// use ch08_frequency::spectra2d::frequency_response_2d;
/// use ndarray::array;
/// let h = frequency_response_2d(&array![[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]], (8, 8));
/// assert!(h[[0, 0]].norm() < 1e-12); // the Laplacian ignores a constant
/// assert!((h[[4, 4]].re + 8.0).abs() < 1e-12); // and multiplies a checkerboard by -8
/// ```
pub fn frequency_response_2d<S: Data<Elem = f64>>(
    kernel: &ArrayBase<S, Ix2>,
    (rows, cols): (usize, usize),
) -> Array2<Complex64> {
    let mut padded = Array2::zeros((rows, cols));
    if rows > 0 && cols > 0 {
        for ((i, j), &h) in kernel.indexed_iter() {
            padded[[i % rows, j % cols]] += h;
        }
    }
    fft2(&padded)
}

/// Move the zero frequency to the middle (numpy's `fftshift`): the result's
/// row `i` holds bin `(i + H - H/2) mod H`, so frequencies run from the most
/// negative at the top-left to the most positive at the bottom-right.
///
/// ```
/// use ch08_frequency::spectra2d::centred;
/// use ndarray::array;
/// let bins = array![[0, 1, 2, 3]];
/// assert_eq!(centred(&bins), array![[2, 3, 0, 1]]);
/// ```
pub fn centred<T: Clone, S: Data<Elem = T>>(spectrum: &ArrayBase<S, Ix2>) -> Array2<T> {
    let (rows, cols) = spectrum.dim();
    Array2::from_shape_fn((rows, cols), |(i, j)| {
        spectrum[[(i + rows - rows / 2) % rows, (j + cols - cols / 2) % cols]].clone()
    })
}

/// `log10(1 + |X|)` of every bin: the usual way to show a spectrum whose
/// values span many orders of magnitude.
pub fn log_magnitude<S: Data<Elem = Complex64>>(spectrum: &ArrayBase<S, Ix2>) -> Array2<f64> {
    spectrum.mapv(|v| v.norm().ln_1p() / std::f64::consts::LN_10)
}

/// The largest of `|u|` and `|v|`, in cycles per pixel, for bin `(k, l)` of an
/// `H × W` spectrum.
pub fn bin_radius(k: usize, l: usize, (rows, cols): (usize, usize)) -> f64 {
    bin_frequency(k, rows)
        .abs()
        .max(bin_frequency(l, cols).abs())
}

/// The fraction of a spectrum's energy (`Σ |X|²`) in bins with
/// `max(|u|, |v|) > cutoff`, leaving out the zero-frequency bin (the mean
/// brightness) from both sums.
///
/// ```
/// use ch08_frequency::spectra2d::{fft2, high_energy_fraction};
/// use ndarray::Array2;
/// let board = Array2::from_shape_fn((8, 8), |(i, j)| if (i + j) % 2 == 0 { 1.0 } else { 0.0 });
/// // All but the mean sits at (0.5, 0.5), far above a cutoff of 0.25.
/// assert_eq!(high_energy_fraction(&fft2(&board), 0.25), 1.0);
/// ```
pub fn high_energy_fraction<S: Data<Elem = Complex64>>(
    spectrum: &ArrayBase<S, Ix2>,
    cutoff: f64,
) -> f64 {
    let dim = spectrum.dim();
    let (mut high, mut total) = (0.0, 0.0);
    for ((k, l), v) in spectrum.indexed_iter() {
        if (k, l) == (0, 0) {
            continue;
        }
        let e = v.norm_sqr();
        total += e;
        if bin_radius(k, l, dim) > cutoff {
            high += e;
        }
    }
    if total > 0.0 { high / total } else { 0.0 }
}

/// Every `step`-th pixel along both axes, starting with the first: what a
/// stride does to an image.
///
/// ```
/// use ch08_frequency::spectra2d::subsample;
/// use ndarray::array;
/// let x = array![[1, 2, 3], [4, 5, 6], [7, 8, 9]];
/// assert_eq!(subsample(&x, 2), array![[1, 3], [7, 9]]);
/// ```
pub fn subsample<T: Clone, S: Data<Elem = T>>(image: &ArrayBase<S, Ix2>, step: usize) -> Array2<T> {
    let step = step.max(1) as isize;
    image.slice(ndarray::s![..;step, ..;step]).to_owned()
}

/// The mean of each `block × block` square (the image shrinks by `block`).
///
/// ```
/// use ch08_frequency::spectra2d::block_mean;
/// use ndarray::array;
/// let x = array![[1.0, 3.0, 0.0, 0.0], [5.0, 7.0, 0.0, 4.0]];
/// assert_eq!(block_mean(&x, 2), array![[4.0, 1.0]]);
/// ```
pub fn block_mean<S: Data<Elem = f64>>(image: &ArrayBase<S, Ix2>, block: usize) -> Array2<f64> {
    book_figures::photos::block_mean(image, block)
}
