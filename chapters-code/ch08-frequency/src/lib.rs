//! Chapter 8 of the *Convolution Book*: convolution in the frequency domain.
//!
//! The convolutions come from the core crate ([`convolution`]), and so do the
//! named kernels ([`convolution::kernels`]); this crate holds what is
//! particular to the chapter:
//!
//! * [`dft`]: the discrete Fourier transform by definition and by FFT, bins,
//!   frequency responses, energy;
//! * [`circular`]: circular convolution, by definition, by the convolution
//!   theorem and by wrap padding;
//! * [`spectra2d`]: 2-D spectra, their centring and the energy above a
//!   frequency, subsampling;
//! * the test pictures ([`camera`], [`chirp_stripes`]) and the figures
//!   ([`draw_figures`]).

pub mod circular;
pub mod dft;
pub mod examples;
mod figures;
pub mod spectra2d;

use std::f64::consts::TAU;

use book_figures::FigureResult;
use book_figures::photos::load_gray;
use ndarray::Array2;

pub use figures::draw_figures;
/// The complex numbers of `rustfft` (from the `num-complex` crate).
pub use rustfft::num_complex::Complex64;

/// The cameraman photo (512 × 512, CC0) shrunk to `512 / block` pixels a side
/// by averaging `block × block` squares; values 0..=255.
///
/// ```
/// let photo = ch08_frequency::camera(4)?;
/// assert_eq!(photo.dim(), (128, 128));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn camera(block: usize) -> FigureResult<Array2<f64>> {
    Ok(spectra2d::block_mean(&load_gray("camera.png")?, block))
}

/// A striped test pattern, `side × side`, whose vertical stripes get finer
/// from left to right: at column `x` they repeat `0.5 x / side` times per
/// pixel, from 0 (flat) at the left edge up to the Nyquist frequency `0.5` at
/// the right. Values 0..=255.
///
/// ```
/// let stripes = ch08_frequency::chirp_stripes(64);
/// assert_eq!(stripes.dim(), (64, 64));
/// assert_eq!(stripes[[0, 0]], 255.0); // a bright stripe on the left edge
/// assert_eq!(stripes.row(0), stripes.row(63)); // the same in every row
/// ```
pub fn chirp_stripes(side: usize) -> Array2<f64> {
    Array2::from_shape_fn((side, side), |(_, x)| {
        let phase = 0.25 * (x * x) as f64 / side as f64;
        127.5 + 127.5 * (TAU * phase).cos()
    })
}

#[cfg(doctest)]
#[doc = include_str!("../../../src/ch08-frequency.md")]
mod chapter_text {}
