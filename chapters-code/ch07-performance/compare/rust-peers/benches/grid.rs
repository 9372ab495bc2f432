//! The benchmark grid (see `ch07_performance::grid`), timed with criterion.
//!
//! compare-peers.sh runs it on a quiet machine and collects the medians; by hand:
//!
//! ```text
//! cargo bench --manifest-path chapters-code/ch07-performance/compare/rust-peers/Cargo.toml --bench grid
//! ```
//!
//! A filter such as `-- 512-k3` runs part of the grid.

use ch07_performance::grid::{
    IMAGE_SIZES, KERNEL_SIZES, SERIES, bench_id, dense_kernel, gaussian_kernel, test_image,
};
use convolution::fast::{FastFloat, Threads};
use convolution::ndarray::Array2;
use convolution::{FastConv, Method, Mode};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use image::Luma;
use imageproc::definitions::Image;
use imageproc::filter::{filter, separable_filter};
use imageproc::kernel::Kernel;
use ndarray_conv::{ConvExt, ConvFFTExt, ConvMode, PaddingMode};
use std::hint::black_box;
use std::time::Duration;

type Group<'a> = criterion::BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// ndarray-conv's direct and FFT convolution of the dense kernel (its traits'
/// bounds are easiest met by naming the type, hence a macro).
macro_rules! peers {
    ($t:ty, $group:ident, $n:expr, $k:expr) => {{
        let ty = stringify!($t);
        let image = test_image($n).mapv(|x| x as $t);
        let dense = dense_kernel($k).mapv(|x| x as $t);
        let (function, parameter) = bench_id("ndarray-conv-direct", ty, $n, $k);
        $group.bench_function(BenchmarkId::new(function, parameter), |b| {
            b.iter(|| image.conv(&dense, ConvMode::Same, PaddingMode::Zeros))
        });
        let (function, parameter) = bench_id("ndarray-conv-fft", ty, $n, $k);
        $group.bench_function(BenchmarkId::new(function, parameter), |b| {
            b.iter(|| image.conv_fft(&dense, ConvMode::Same, PaddingMode::Zeros))
        });
    }};
}

fn grid(c: &mut Criterion) {
    let mut group = c.benchmark_group("grid");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for n in IMAGE_SIZES {
        for k in KERNEL_SIZES {
            ours::<f32>(&mut group, "f32", n, k);
            peers!(f32, group, n, k);
            imageproc_peers(&mut group, n, k);
            ours::<f64>(&mut group, "f64", n, k);
            peers!(f64, group, n, k);
        }
    }
    group.finish();
}

/// imageproc's 2-D `filter` with the dense kernel and its `separable_filter`
/// with the Gaussian's two factors, on an `f32` image. Both correlate, so the
/// kernel is flipped to make a convolution; both pad by repeating the border
/// pixel (the only border they offer), where ours pads with zeros.
fn imageproc_peers(group: &mut Group<'_>, n: usize, k: usize) {
    let side = u32::try_from(n).expect("grid sizes fit u32");
    let pixels = test_image(n).iter().map(|&x| x as f32).collect();
    let image = Image::<Luma<f32>>::from_raw(side, side, pixels).expect("n * n pixels");
    let mut flipped: Vec<f32> = dense_kernel(k).iter().map(|&x| x as f32).collect();
    flipped.reverse();
    let k32 = u32::try_from(k).expect("grid sizes fit u32");
    let (function, parameter) = bench_id("imageproc-filter", "f32", n, k);
    group.bench_function(BenchmarkId::new(function, parameter), |b| {
        b.iter(|| -> Image<Luma<f32>> { filter(&image, Kernel::new(&flipped, k32, k32), |x| x) })
    });
    // The Gaussian is the outer product of g with itself (it is symmetric).
    let gaussian = gaussian_kernel(k);
    let centre = gaussian[[k / 2, k / 2]].sqrt();
    let g: Vec<f32> = gaussian
        .row(k / 2)
        .iter()
        .map(|&x| (x / centre) as f32)
        .collect();
    let (function, parameter) = bench_id("imageproc-separable", "f32", n, k);
    group.bench_function(BenchmarkId::new(function, parameter), |b| {
        b.iter(|| separable_filter(&image, &g, &g))
    });
}

fn ours<T: FastFloat>(group: &mut Group<'_>, ty: &str, n: usize, k: usize) {
    let cast = |a: Array2<f64>| a.mapv(|x| T::from(x).expect("f64 to float"));
    let image = cast(test_image(n));
    let dense = cast(dense_kernel(k));
    let gaussian = cast(gaussian_kernel(k));
    let mut out = Array2::<T>::zeros((n, n));
    for series in SERIES.iter().filter(|s| s.ours) {
        let (function, parameter) = bench_id(series.name, ty, n, k);
        let id = BenchmarkId::new(function, parameter);
        // One thread, except in the series that measures threads.
        let one = |m| FastConv::new(m).with_threads(Threads::One);
        match series.name {
            "direct" => group.bench_function(id, |b| {
                b.iter(|| one(Method::Direct).convolve(&image, &dense, Mode::Same))
            }),
            "separable" => group.bench_function(id, |b| {
                b.iter(|| one(Method::Separable).convolve(&image, &gaussian, Mode::Same))
            }),
            "fft" => group.bench_function(id, |b| {
                b.iter(|| one(Method::Fft).convolve(&image, &dense, Mode::Same))
            }),
            "auto" => group.bench_function(id, |b| {
                b.iter(|| one(Method::Auto).convolve(&image, &dense, Mode::Same))
            }),
            "auto-into" => group.bench_function(id, |b| {
                b.iter(|| {
                    one(Method::Auto).convolve_into(&image, &dense, Mode::Same, black_box(&mut out))
                })
            }),
            "auto-threads" => group.bench_function(id, |b| {
                b.iter(|| {
                    one(Method::Auto).with_threads(Threads::Auto).convolve(
                        &image,
                        &dense,
                        Mode::Same,
                    )
                })
            }),
            other => panic!("no benchmark for series {other}"),
        };
    }
}

criterion_group!(benches, grid);
criterion_main!(benches);
