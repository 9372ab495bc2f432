//! One 2-D pass with a `k × k` box kernel against two 1-D passes with `k` taps
//! each, on a 256 × 256 image. Run with
//! `cargo bench -p ch05-image-filters --bench separable`.
//! The chapter's tests count the multiplications; this only measures time.

use convolution::{Mode, convolve, convolve_separable};
use ndarray::{Array1, Array2};

fn main() {
    divan::main();
}

/// A smooth, deterministic test image (no file access while timing).
fn image() -> Array2<f64> {
    Array2::from_shape_fn((256, 256), |(i, j)| {
        128.0 + 100.0 * ((i as f64 * 0.07).sin() * (j as f64 * 0.05).cos())
    })
}

const SIZES: [usize; 4] = [3, 5, 9, 15];

#[divan::bench(args = SIZES)]
fn two_d(bencher: divan::Bencher, k: usize) {
    let image = image();
    let kernel = Array2::from_elem((k, k), 1.0 / (k * k) as f64);
    bencher.bench_local(|| convolve(divan::black_box(&image), &kernel, Mode::Same));
}

#[divan::bench(args = SIZES)]
fn separable(bencher: divan::Bencher, k: usize) {
    let image = image();
    let taps = Array1::from_elem(k, 1.0 / k as f64);
    bencher.bench_local(|| convolve_separable(divan::black_box(&image), &taps, &taps, Mode::Same));
}
