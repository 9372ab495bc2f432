//! The benchmark grid of chapter 7, shared by the benchmark, the collector,
//! the figures and the tests: images 512 and 2048 square, kernels 3, 5, 11 and
//! 31 square, `f32` and `f64`, `same` mode, one thread.

use convolution::ndarray::Array2;

/// Image sizes (square).
pub const IMAGE_SIZES: [usize; 2] = [512, 2048];
/// Kernel sizes (square).
pub const KERNEL_SIZES: [usize; 4] = [3, 5, 11, 31];
/// Element types, by name.
pub const TYPES: [&str; 2] = ["f32", "f64"];

/// What the criterion benchmark times at each grid point (the Python peers
/// are in `results::PYTHON_PEERS`). A "dense" kernel has no structure, a
/// "gaussian" one is rank one (so separable).
pub const SERIES: [Series; 10] = [
    Series::new("direct", "ours: direct", true),
    Series::new("separable", "ours: separable (Gaussian kernel)", true),
    Series::new("fft", "ours: FFT", true),
    Series::new("auto", "ours: automatic choice", true),
    Series::new("auto-into", "ours: automatic, into an existing array", true),
    Series::new("auto-threads", "ours: automatic, 2 threads allowed", true),
    Series::new("ndarray-conv-direct", "ndarray-conv: conv", false),
    Series::new("ndarray-conv-fft", "ndarray-conv: conv_fft", false),
    Series::new("imageproc-filter", "imageproc: filter", false).f32_only(),
    Series::new(
        "imageproc-separable",
        "imageproc: separable_filter (Gaussian)",
        false,
    )
    .f32_only(),
];

/// One timed series of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Series {
    /// Short name, used in benchmark ids and in the results file.
    pub name: &'static str,
    /// What a figure's legend says.
    pub label: &'static str,
    /// Ours (true) or a peer's (false).
    pub ours: bool,
    /// The element types it is timed in (imageproc's filters are timed in `f32` only).
    pub types: &'static [&'static str],
}

impl Series {
    const fn new(name: &'static str, label: &'static str, ours: bool) -> Self {
        Series {
            name,
            label,
            ours,
            types: &TYPES,
        }
    }

    const fn f32_only(self) -> Self {
        Series {
            types: &["f32"],
            ..self
        }
    }
}

/// The benchmark id of a grid point, as criterion stores it:
/// `<series>-<type>/<image>-k<kernel>`.
pub fn bench_id(series: &str, ty: &str, image: usize, kernel: usize) -> (String, String) {
    (format!("{series}-{ty}"), format!("{image}-k{kernel}"))
}

/// A deterministic test image with values in [0, 1) (a hash of the position).
pub fn test_image(n: usize) -> Array2<f64> {
    Array2::from_shape_fn((n, n), |(i, j)| unit_hash(i * 7919 + j * 104_729 + 1))
}

/// A dense kernel with no structure, values in [-0.5, 0.5), not separable.
pub fn dense_kernel(k: usize) -> Array2<f64> {
    Array2::from_shape_fn((k, k), |(i, j)| unit_hash(i * 31 + j * 1009 + 7) - 0.5)
}

/// A normalised Gaussian kernel with `sigma = k / 6`, rank one.
pub fn gaussian_kernel(k: usize) -> Array2<f64> {
    let sigma = k as f64 / 6.0;
    let centre = (k as f64 - 1.0) / 2.0;
    let g: Vec<f64> = (0..k)
        .map(|i| (-((i as f64 - centre).powi(2)) / (2.0 * sigma * sigma)).exp())
        .collect();
    let total: f64 = g.iter().sum();
    Array2::from_shape_fn((k, k), |(i, j)| g[i] * g[j] / (total * total))
}

/// A number in [0, 1) from an integer (splitmix64's finaliser).
fn unit_hash(seed: usize) -> f64 {
    let mut z = (seed as u64).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}
