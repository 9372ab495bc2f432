//! The benchmark grid (see `ch07_performance::grid`), timed with criterion.
//!
//! Run it in release mode on a quiet machine, then collect the medians:
//!
//! ```text
//! cargo bench -p ch07-performance --bench grid
//! cargo run --release -p ch07-performance -- collect
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
            ours::<f64>(&mut group, "f64", n, k);
            peers!(f64, group, n, k);
        }
    }
    group.finish();
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
