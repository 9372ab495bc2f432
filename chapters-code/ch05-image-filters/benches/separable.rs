//! One 2-D pass with a `k × k` box kernel against two 1-D passes with `k` taps
//! each, on a 256 × 256 `f64` image in `same` mode, both with the core crate's
//! fast methods on one thread (`FastConv` with `Method::Direct`, and
//! `FastConv::convolve_separable`). Run with
//! `cargo bench -p ch05-image-filters --bench separable -- --max-time 3`;
//! the medians the chapter quotes are in `data/separable-bench.txt`.
//! The chapter's tests count the multiplications; this only measures time.

use convolution::fast::Threads;
use convolution::{FastConv, Method, Mode};
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
    let direct = FastConv::new(Method::Direct).with_threads(Threads::One);
    bencher.bench_local(|| direct.convolve(divan::black_box(&image), &kernel, Mode::Same));
}

#[divan::bench(args = SIZES)]
fn separable(bencher: divan::Bencher, k: usize) {
    let image = image();
    let taps = Array1::from_elem(k, 1.0 / k as f64);
    let passes = FastConv::new(Method::Separable).with_threads(Threads::One);
    bencher.bench_local(|| {
        passes.convolve_separable(divan::black_box(&image), &taps, &taps, Mode::Same)
    });
}
