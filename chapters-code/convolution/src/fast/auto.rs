//! How much work each method does, and the automatic choice between them.
//!
//! The choice is scipy's idea (`method='auto'` in `scipy.signal.convolve`):
//! count each method's operations for the given shapes, turn the counts into
//! times with a cost per operation measured on a real machine, and take the
//! cheapest. Our costs per operation come from the benchmark grid of chapter 7
//! (`chapters-code/ch07-performance/data/results.csv`).

use super::fft::fft_len;
use super::{FastFloat, Method, valid_swap};
use crate::Mode;

/// The operations a method performs for these shapes, or `None` for
/// [`Method::Auto`], shapes the mode rejects, and an FFT whose padded length
/// would not fit in `usize`. Closed forms: any shape is counted at once.
///
/// * [`Method::Direct`]: the exact number of multiply-adds, one per kernel tap
///   that lands inside the input, `(h - kh + 1)(w - kw + 1) kh kw` in `valid` mode.
/// * [`Method::Separable`]: the row pass filters all `h` input rows with the
///   `kw` taps, then the column pass applies the `kh` taps to every output.
/// * [`Method::Fft`]: an estimate, `3 P Q log2(P Q) + 2 P Q` for padded size `P x Q`:
///   three real 2-D transforms (about `P Q log2(P Q) / 4` complex butterflies,
///   4 real multiply-adds each) and the product of two half-spectra.
///
/// ```
/// use convolution::{fast::multiply_adds, Method, Mode};
/// assert_eq!(multiply_adds(Method::Direct, (10, 10), (3, 3), Mode::Valid), Some(8.0 * 8.0 * 9.0));
/// assert_eq!(multiply_adds(Method::Separable, (10, 10), (3, 3), Mode::Valid), Some(10.0 * 8.0 * 3.0 + 8.0 * 8.0 * 3.0));
/// assert_eq!(multiply_adds(Method::Fft, (6, 6), (3, 3), Mode::Full), Some(3.0 * 64.0 * 6.0 + 2.0 * 64.0));
/// ```
pub fn multiply_adds(
    method: Method,
    input: (usize, usize),
    kernel: (usize, usize),
    mode: Mode,
) -> Option<f64> {
    Counts::new(input, kernel, mode)?.multiply_adds(method)
}

/// One axis of a 2-D convolution, counted: the sizes after any 'valid' swap,
/// the output length, and `taps`, the number of (output, kernel tap) pairs
/// whose input sample exists.
#[derive(Debug, Clone, Copy)]
struct AxisCount {
    input: usize,
    out: usize,
    taps: u128,
}

/// Everything the cost model needs about one pair of shapes, computed once
/// (in closed form, so any size is quick): both axes and the FFT's padded
/// size, `None` when it would not fit in `usize`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Counts {
    rows: AxisCount,
    cols: AxisCount,
    fft: Option<(usize, usize)>,
}

impl Counts {
    /// The counts for these shapes, or `None` for shapes the mode rejects.
    pub(crate) fn new(input: (usize, usize), kernel: (usize, usize), mode: Mode) -> Option<Self> {
        let out = mode
            .output_shape(&[input.0, input.1], &[kernel.0, kernel.1])
            .ok()?;
        let (signal, filter) = if valid_swap(input, kernel, mode) {
            (kernel, input)
        } else {
            (input, kernel)
        };
        let count = |n: usize, k: usize, out: usize| AxisCount {
            input: n,
            out,
            taps: taps(n, k, mode),
        };
        let padded = |n: usize, k: usize| fft_len(n.checked_add(k - 1)?);
        Some(Counts {
            rows: count(signal.0, filter.0, out[0]),
            cols: count(signal.1, filter.1, out[1]),
            fft: padded(signal.0, filter.0).zip(padded(signal.1, filter.1)),
        })
    }

    /// [`multiply_adds`] for these shapes.
    pub(crate) fn multiply_adds(&self, method: Method) -> Option<f64> {
        let (rows, cols) = (self.rows, self.cols);
        match method {
            Method::Direct => Some(rows.taps as f64 * cols.taps as f64),
            Method::Separable => {
                Some(rows.input as f64 * cols.taps as f64 + cols.out as f64 * rows.taps as f64)
            }
            Method::Fft => {
                let (p, q) = self.fft?;
                let (p, q) = (p as f64, q as f64);
                Some(3.0 * p * q * (p * q).log2() + 2.0 * p * q)
            }
            Method::Auto => None,
        }
    }

    /// [`estimated_cost_ns`] for these shapes.
    pub(crate) fn cost_ns<T: FastFloat>(&self, method: Method) -> Option<f64> {
        let model = CostModel::of::<T>();
        let ops = self.multiply_adds(method)?;
        Some(match method {
            Method::Direct => ops * model.direct_ns,
            Method::Separable => ops * model.separable_ns,
            Method::Fft => ops * model.fft_ns + model.fft_setup_ns,
            Method::Auto => return None,
        })
    }

    /// [`choose_method`] for these shapes.
    pub(crate) fn choose<T: FastFloat>(&self, separable: bool) -> Method {
        let mut best = (Method::Direct, f64::INFINITY);
        for method in Method::CONCRETE {
            if method == Method::Separable && !separable {
                continue;
            }
            if let Some(cost) = self.cost_ns::<T>(method)
                && cost < best.1
            {
                best = (method, cost);
            }
        }
        best.0
    }
}

/// The pairs (input sample i, kernel tap j) that meet in the mode's output,
/// with `n >= k` in 'valid' mode. Full output `f = i + j`; 'full' keeps every
/// pair (`n k`), 'valid' the `n - k + 1` outputs with all `k` taps, and 'same'
/// drops the `(k - 1) / 2` first and `k - 1 - (k - 1) / 2` last full outputs.
fn taps(n: usize, k: usize, mode: Mode) -> u128 {
    let (n, k) = (n as u128, k as u128);
    // Pairs in the first m full outputs (m <= k - 1): output f has min(f, n - 1) + 1.
    let head = |m: u128| {
        if m <= n {
            m * (m + 1) / 2
        } else {
            n * (n + 1) / 2 + (m - n) * n
        }
    };
    match mode {
        Mode::Full => n * k,
        Mode::Valid => (n - k + 1) * k,
        Mode::Same => {
            let before = (k - 1) / 2;
            n * k - head(before) - head(k - 1 - before)
        }
    }
}

/// Nanoseconds per operation of [`multiply_adds`], for one element type on one
/// thread, and a fixed cost per call.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CostModel {
    /// Per direct multiply-add.
    pub direct_ns: f64,
    /// Per separable multiply-add.
    pub separable_ns: f64,
    /// Per FFT operation.
    pub fft_ns: f64,
    /// Fixed cost of an FFT call (the kernel's spectrum, buffers), in nanoseconds.
    pub fft_setup_ns: f64,
}

impl CostModel {
    /// Calibrated on a 2-core AMD EPYC with AVX2 and FMA, one thread: each
    /// constant is a measured time divided by the operation count where that
    /// method is a contender (the direct method's register-blocked loops at
    /// k = 3 to 11, the tiled FFT at k = 11 and 31, both measured beside their
    /// earlier versions and scaled to chapter 7's quiet results). The FFT's count
    /// is the whole-image transform's; the tiled FFT does about the same work,
    /// in cache. What matters for the choice is their ratio; chapter 7 checks the
    /// choice against the committed results (`data/results.csv`).
    pub const F32: CostModel = CostModel {
        direct_ns: 0.030,
        separable_ns: 0.07,
        fft_ns: 0.065,
        fft_setup_ns: 10_000.0,
    };
    /// As [`CostModel::F32`], for `f64`.
    pub const F64: CostModel = CostModel {
        direct_ns: 0.055,
        separable_ns: 0.10,
        fft_ns: 0.13,
        fft_setup_ns: 10_000.0,
    };

    /// The model for `T` (`f32` or `f64`).
    pub fn of<T: FastFloat>() -> CostModel {
        if size_of::<T>() == size_of::<f32>() {
            CostModel::F32
        } else {
            CostModel::F64
        }
    }
}

/// The predicted time of `method` in nanoseconds on one thread, or `None`
/// where [`multiply_adds`] has no count.
///
/// ```
/// use convolution::{fast::estimated_cost_ns, Method, Mode};
/// let direct = estimated_cost_ns::<f32>(Method::Direct, (512, 512), (3, 3), Mode::Same).unwrap();
/// let fft = estimated_cost_ns::<f32>(Method::Fft, (512, 512), (3, 3), Mode::Same).unwrap();
/// assert!(direct < fft);
/// ```
pub fn estimated_cost_ns<T: FastFloat>(
    method: Method,
    input: (usize, usize),
    kernel: (usize, usize),
    mode: Mode,
) -> Option<f64> {
    Counts::new(input, kernel, mode)?.cost_ns::<T>(method)
}

/// The method [`Method::Auto`] runs: the one with the smallest
/// [`estimated_cost_ns`], considering [`Method::Separable`] only when the
/// kernel is `separable` (rank one). Ties go to the simpler method.
///
/// ```
/// use convolution::{fast::choose_method, Method, Mode};
/// assert_eq!(choose_method::<f32>((512, 512), (3, 3), Mode::Same, false), Method::Direct);
/// assert_eq!(choose_method::<f32>((512, 512), (31, 31), Mode::Same, false), Method::Fft);
/// assert_eq!(choose_method::<f32>((512, 512), (31, 31), Mode::Same, true), Method::Separable);
/// ```
pub fn choose_method<T: FastFloat>(
    input: (usize, usize),
    kernel: (usize, usize),
    mode: Mode,
    separable: bool,
) -> Method {
    Counts::new(input, kernel, mode).map_or(Method::Direct, |counts| counts.choose::<T>(separable))
}
