//! The core crate's promise, fuzzed: no input makes it panic, hang or abort,
//! every success equals a by-definition reference, and no single allocation
//! asks for more than [`LIMIT`] bytes unless the result itself is that large.
//!
//! Deterministic: case `i` draws from its own generator seeded by
//! `(SEED, i)`, so a failure names the case and `FUZZ_CASE=i cargo test -p
//! convolution --test fuzz -- --nocapture` replays just that case.
//! `FUZZ_CASES=n` runs more (or fewer) cases than the default [`CASES`];
//! `FUZZ_VERBOSE=1` names each case on stderr as it starts.
//!
//! How each kind of failure is caught:
//! * a panic: `catch_unwind` around every case;
//! * a wrong answer: the reference functions below, written from the
//!   definitions with no code of the crate (integers exactly in `i128`);
//! * a large allocation: the global allocator (`common::Refusing` with
//!   [`refuse`]) records the largest
//!   request of each case and *refuses* (returns null for) any request above
//!   [`LIMIT`]. The crate allocates its results fallibly, so a refusal comes
//!   back as `ConvError::TooLarge`; the harness then fails the case unless the
//!   reference says the result really is larger than the limit. An
//!   infallible allocation above the limit aborts the test binary, which fails
//!   the test too (rerun with `FUZZ_VERBOSE=1` to see the case and the request);
//! * a hang: a watchdog thread aborts the process when one case runs longer
//!   than [`CASE_TIMEOUT`], naming the case.
//!
//! Adding the routines of another module (chapter 9's matrix, transposed
//! convolution and pooling functions) is one more entry in [`TARGETS`].

mod common;

use std::fmt::Debug;
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use convolution::fast::{
    FastFloat, Threads, choose_method, estimated_cost_ns, fft_len, multiply_adds, rank_one_factors,
};
use convolution::ndarray::{
    Array1, Array2, Array4, ArrayD, Axis, Dimension, Ix2, Ix3, Ix4, IxDyn, LinalgScalar, Slice,
};
use convolution::{
    Activation, Conv2dLayer, ConvError, FastConv, Method, Mode, Operand, PadMode, Padding,
    SameRule, Sides, Window, convolve, convolve_separable, convolve_window, correlate,
    correlate_channels, correlate_window, flip, pad,
};
use num_complex::Complex;

/// The seed of the whole run; case `i` uses `SEED ^ i` (mixed, see [`Rng::for_case`]).
const SEED: u64 = 0x0013_c0de_f00d_2026;
/// Cases in the default run: about a minute in the debug test profile on two busy cores.
const CASES: usize = 15_000;
/// No single allocation may ask for more (64 MiB) unless the result is that large.
const LIMIT: usize = 64 << 20;
/// A case running longer than this is a hang.
const CASE_TIMEOUT: Duration = Duration::from_secs(30);

// ---------------------------------------------------------------------------
// The allocator: counts and refuses.

/// Largest granted request of the current case, and largest refused request.
static LARGEST: AtomicUsize = AtomicUsize::new(0);
static REFUSED: AtomicUsize = AtomicUsize::new(0);
/// The case running now, for the messages of the allocator and the watchdog.
static CURRENT: AtomicUsize = AtomicUsize::new(usize::MAX);
static CASE_START_MS: AtomicU64 = AtomicU64::new(0);
/// `FUZZ_VERBOSE=1`: name every case and every refused request on stderr (to
/// find the case behind an abort).
static VERBOSE: AtomicBool = AtomicBool::new(false);
/// Results checked value by value, and errors the reference expected.
static VALUES: AtomicUsize = AtomicUsize::new(0);
static ERRORS: AtomicUsize = AtomicUsize::new(0);

/// Record a request; `true` if it must be refused (the allocator's rule).
fn refuse(size: usize) -> bool {
    if size <= LIMIT {
        LARGEST.fetch_max(size, Ordering::Relaxed);
        return false;
    }
    REFUSED.fetch_max(size, Ordering::Relaxed);
    if !VERBOSE.load(Ordering::Relaxed) {
        return true;
    }
    // No allocation here (we are inside the allocator): digits into a stack buffer,
    // written straight to stderr, which the test harness does not capture.
    let mut line = *b"fuzz allocator: refused a request of                      bytes in case                      \n";
    write_number(&mut line[37..57], size);
    write_number(&mut line[72..92], CURRENT.load(Ordering::Relaxed));
    let _ = std::io::stderr().write_all(&line);
    true
}

fn write_number(buf: &mut [u8], mut n: usize) {
    let mut digits = [b' '; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf[..20 - i].copy_from_slice(&digits[i..]);
}

#[global_allocator]
static ALLOCATOR: common::Refusing = common::Refusing { refuse };

// ---------------------------------------------------------------------------
// A small deterministic generator (SplitMix64).

struct Rng(u64);

impl Rng {
    fn for_case(case: usize) -> Rng {
        let mut rng = Rng(SEED ^ (case as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        rng.next();
        rng
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// True with probability `1 / n`.
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    }
    fn mode(&mut self) -> Mode {
        self.pick(&[Mode::Full, Mode::Same, Mode::Valid])
    }
    /// A length for an array axis: mostly small, sometimes zero.
    fn len(&mut self, max: usize) -> usize {
        if self.one_in(14) {
            0
        } else {
            1 + self.below(max)
        }
    }
    fn shape(&mut self, ndim: usize, max: usize) -> Vec<usize> {
        (0..ndim).map(|_| self.len(max)).collect()
    }
    /// A size for a shape-only helper: zero, small, or near the ends of `usize`.
    fn size(&mut self) -> usize {
        match self.below(8) {
            0 => 0,
            1..=3 => self.below(40),
            4 => 1 << self.below(64),
            5 => usize::MAX - self.below(3),
            6 => usize::MAX / 2 + self.below(3) - 1,
            _ => (self.next() as usize) >> self.below(64),
        }
    }
}

// ---------------------------------------------------------------------------
// Element types and random arrays.

/// The element types the fuzz test drives through the generic functions.
trait Element: LinalgScalar + Debug + PartialEq + Send {
    /// A value that would spoil a result if read by mistake (the gaps of a
    /// strided layout are filled with it).
    const POISON: Self;
    fn sample(rng: &mut Rng) -> Self;
}

/// Integers, compared exactly against an `i128` reference.
trait Int: Element + Into<i128> + TryFrom<i128> {
    const NAME: &'static str;
}

macro_rules! int {
    ($t:ty, $poison:expr, $sample:expr) => {
        impl Element for $t {
            const POISON: Self = $poison;
            fn sample(rng: &mut Rng) -> Self {
                #[allow(clippy::redundant_closure_call)]
                ($sample)(rng)
            }
        }
        impl Int for $t {
            const NAME: &'static str = stringify!($t);
        }
    };
}

int!(i8, 77, |r: &mut Rng| match r.below(3) {
    0 => r.pick(&[i8::MIN, i8::MAX, -100, 100]),
    _ => r.below(21) as i8 - 10,
});
int!(u8, 77, |r: &mut Rng| match r.below(3) {
    0 => r.pick(&[u8::MAX, 200, 128]),
    _ => r.below(10) as u8,
});
int!(i32, 77_777, |r: &mut Rng| match r.below(4) {
    0 => r.pick(&[i32::MIN, i32::MAX, 1 << 30, -(1 << 30)]),
    _ => r.below(2001) as i32 - 1000,
});
// Up to 2^40: every sum of these products fits in i128, so the crate's
// overflow check is exact for them (see the crate's `exact` module).
int!(i64, 77_777, |r: &mut Rng| match r.below(5) {
    0 => r.pick(&[1i64 << 40, -(1 << 40), 1 << 33, i32::MAX as i64]),
    _ => r.below(2001) as i64 - 1000,
});

impl Element for f64 {
    const POISON: Self = f64::NAN;
    fn sample(rng: &mut Rng) -> Self {
        rng.unit()
    }
}

impl Element for f32 {
    const POISON: Self = f32::NAN;
    fn sample(rng: &mut Rng) -> Self {
        rng.unit() as f32
    }
}

impl Element for Complex<f64> {
    const POISON: Self = Complex::new(f64::NAN, f64::NAN);
    fn sample(rng: &mut Rng) -> Self {
        Complex::new(rng.unit(), rng.unit())
    }
}

fn random_array<T: Element>(rng: &mut Rng, shape: &[usize]) -> ArrayD<T> {
    let values = (0..shape.iter().product::<usize>())
        .map(|_| T::sample(rng))
        .collect();
    ArrayD::from_shape_vec(IxDyn(shape), values).expect("shape and length agree")
}

/// The same logical array in a random memory layout: permuted axes,
/// reversed (negative) strides, or every other element of a larger array whose
/// gaps hold `T::POISON`.
fn scramble<T: Element>(rng: &mut Rng, a: ArrayD<T>) -> (ArrayD<T>, &'static str) {
    let ndim = a.ndim();
    match rng.below(4) {
        0 if ndim > 1 => {
            let mut perm: Vec<usize> = (0..ndim).collect();
            for i in (1..ndim).rev() {
                perm.swap(i, rng.below(i + 1));
            }
            let mut inverse = vec![0; ndim];
            for (i, &p) in perm.iter().enumerate() {
                inverse[p] = i;
            }
            let stored = a
                .permuted_axes(perm.clone())
                .as_standard_layout()
                .into_owned();
            (stored.permuted_axes(inverse), "permuted")
        }
        1 => {
            let mut b = a;
            for axis in 0..ndim {
                b.invert_axis(Axis(axis));
            }
            let mut stored = b.as_standard_layout().into_owned();
            for axis in 0..ndim {
                stored.invert_axis(Axis(axis));
            }
            (stored, "reversed")
        }
        2 => {
            let big_shape: Vec<usize> = a.shape().iter().map(|&n| 2 * n).collect();
            let mut big = ArrayD::from_elem(IxDyn(&big_shape), T::POISON);
            big.slice_each_axis_mut(|_| Slice::new(0, None, 2))
                .assign(&a);
            big.slice_each_axis_inplace(|_| Slice::new(0, None, 2));
            (big, "strided")
        }
        _ => (a, "standard"),
    }
}

// ---------------------------------------------------------------------------
// References, from the definitions.

/// What the reference expects instead of a result.
#[derive(Debug, Clone)]
enum Expected<V> {
    Value(ArrayD<V>),
    Error(fn(&ConvError) -> bool, &'static str),
    /// The result is larger than the allocation limit: `ConvError::TooLarge`.
    TooLarge,
    /// The result fits but is too large to compute by definition here: only
    /// its shape is checked.
    Shape(Vec<usize>),
}

/// Result sizes up to this many elements are checked value by value.
const COMPARE_ELEMENTS: usize = 50_000;

/// `None` when a result of `shape` is checked value by value, else what to expect.
fn size_class<V>(shape: &[usize], bytes_per: usize) -> Option<Expected<V>> {
    let count = shape.iter().try_fold(1usize, |n, &l| n.checked_mul(l));
    match count.and_then(|n| Some((n, n.checked_mul(bytes_per)?))) {
        Some((n, _)) if n <= COMPARE_ELEMENTS => None,
        Some((_, bytes)) if bytes <= LIMIT => Some(Expected::Shape(shape.to_vec())),
        _ => Some(Expected::TooLarge),
    }
}

macro_rules! error {
    ($pattern:pat) => {
        Expected::Error(|e| matches!(e, $pattern), stringify!($pattern))
    };
}

/// scipy's full convolution, `full[n] = sum_j x[n - j] k[j]`, cut to `mode`
/// (start `(k - 1) / 2` for 'same', `k - 1` for 'valid' after swapping so that
/// the first array is the larger), with `mac` adding one product.
fn reference_mode<V: Copy + Debug>(
    x: &ArrayD<V>,
    k: &ArrayD<V>,
    mode: Mode,
    zero: V,
    bytes_per: usize,
    mac: impl Fn(V, V, V) -> Option<V>,
) -> Result<Expected<Option<V>>, ()> {
    if x.ndim() != k.ndim() {
        return Ok(error!(ConvError::AxesMismatch { .. }));
    }
    if x.is_empty() {
        return Ok(error!(ConvError::Empty {
            operand: Operand::Input,
            ..
        }));
    }
    if k.is_empty() {
        return Ok(error!(ConvError::Empty {
            operand: Operand::Kernel,
            ..
        }));
    }
    let (mut a, mut b) = (x, k);
    if mode == Mode::Valid {
        let x_ge = x.shape().iter().zip(k.shape()).all(|(n, m)| n >= m);
        let k_ge = x.shape().iter().zip(k.shape()).all(|(n, m)| m >= n);
        match (x_ge, k_ge) {
            (true, _) => {}
            (false, true) => (a, b) = (k, x),
            _ => return Ok(error!(ConvError::ValidShapeMismatch { .. })),
        }
    }
    let (start, out_shape): (Vec<usize>, Vec<usize>) = a
        .shape()
        .iter()
        .zip(b.shape())
        .map(|(&n, &m)| match mode {
            Mode::Full => (0, n + m - 1),
            Mode::Same => ((m - 1) / 2, n),
            Mode::Valid => (m - 1, n - m + 1),
        })
        .unzip();
    if let Some(expected) = size_class(&out_shape, bytes_per) {
        return Ok(expected);
    }
    let out = ArrayD::from_shape_fn(IxDyn(&out_shape), |o: IxDyn| {
        let mut sum = Some(zero);
        for (j, &w) in b.indexed_iter() {
            // x index n - j where n = o + start; skip when outside.
            let idx: Option<Vec<usize>> = (0..o.ndim())
                .map(|ax| (o[ax] + start[ax]).checked_sub(j[ax]))
                .collect();
            if let Some(idx) = idx
                && let Some(&v) = a.get(idx.as_slice())
            {
                sum = sum.and_then(|s| mac(s, v, w));
            }
        }
        sum
    });
    Ok(Expected::Value(out))
}

/// `out[o] = sum_j xpad[o * s + j * d] k[j]`, `xpad` the input with `p` zeros
/// on every side, straight from the deep-learning definition.
fn reference_window<V: Copy + Debug>(
    x: &ArrayD<V>,
    k: &ArrayD<V>,
    window: Window,
    zero: V,
    bytes_per: usize,
    mac: impl Fn(V, V, V) -> Option<V>,
) -> Expected<Option<V>> {
    if window.stride_on(0).unwrap() == 0 {
        return error!(ConvError::ZeroStride);
    }
    if window.dilation_on(0).unwrap() == 0 {
        return error!(ConvError::ZeroDilation);
    }
    if x.ndim() != k.ndim() {
        return error!(ConvError::AxesMismatch { .. });
    }
    if x.is_empty() {
        return error!(ConvError::Empty {
            operand: Operand::Input,
            ..
        });
    }
    if k.is_empty() {
        return error!(ConvError::Empty {
            operand: Operand::Kernel,
            ..
        });
    }
    let (p, s, d) = (
        window.sides_on(0, 1, 1).unwrap().before as u128,
        window.stride_on(0).unwrap() as u128,
        window.dilation_on(0).unwrap() as u128,
    );
    let mut out_shape = vec![];
    for (&n, &m) in x.shape().iter().zip(k.shape()) {
        let span = (m as u128 - 1) * d + 1;
        // The padded length may pass usize::MAX; only the output must fit.
        let padded = n as u128 + 2 * p;
        if span > usize::MAX as u128 {
            return error!(ConvError::SizeOverflow { .. });
        }
        if span > padded {
            return error!(ConvError::KernelTooLarge { .. });
        }
        let Ok(len) = usize::try_from((padded - span) / s + 1) else {
            return error!(ConvError::SizeOverflow { .. });
        };
        out_shape.push(len);
    }
    if let Some(expected) = size_class(&out_shape, bytes_per) {
        return expected;
    }
    let out = ArrayD::from_shape_fn(IxDyn(&out_shape), |o: IxDyn| {
        let mut sum = Some(zero);
        for (j, &w) in k.indexed_iter() {
            let idx: Option<Vec<usize>> = (0..o.ndim())
                .map(|ax| {
                    let padded_at = o[ax] as u128 * s + j[ax] as u128 * d;
                    padded_at
                        .checked_sub(p)
                        .filter(|&i| i < x.shape()[ax] as u128)
                        .map(|i| i as usize)
                })
                .collect();
            if let Some(idx) = idx {
                sum = sum.and_then(|acc| mac(acc, x[idx.as_slice()], w));
            }
        }
        sum
    });
    Expected::Value(out)
}

/// The kernel reversed along every axis, by index.
fn reference_flip<V: Copy>(k: &ArrayD<V>) -> ArrayD<V> {
    let shape = k.shape().to_vec();
    ArrayD::from_shape_fn(IxDyn(&shape), |i: IxDyn| {
        let j: Vec<usize> = (0..shape.len()).map(|ax| shape[ax] - 1 - i[ax]).collect();
        k[j.as_slice()]
    })
}

fn exact_mac(acc: i128, x: i128, w: i128) -> Option<i128> {
    acc.checked_add(x.checked_mul(w)?)
}

// ---------------------------------------------------------------------------
// Comparing.

/// Check an integer result against the exact reference: equal values, or
/// `Overflow` at the first (row-major) output that does not fit in `T`.
fn check_int<T: Int, D: Dimension>(
    got: Result<convolution::ndarray::Array<T, D>, ConvError>,
    expected: Expected<Option<i128>>,
) -> Result<(), String> {
    match (got, expected) {
        (Err(e), Expected::Error(ok, _)) if ok(&e) => {
            ERRORS.fetch_add(1, Ordering::Relaxed);
            Ok(())
        }
        (Err(ConvError::TooLarge { .. }), Expected::TooLarge) => Ok(()),
        (Ok(out), Expected::Shape(shape)) if out.shape() == shape.as_slice() => Ok(()),
        // A result too large to compare value by value may still overflow the
        // element type somewhere: the shape alone cannot tell.
        (Err(ConvError::Overflow { .. }), Expected::Shape(_)) => Ok(()),
        (got, Expected::Value(reference)) => {
            let first_bad = reference
                .indexed_iter()
                .find(|(_, v)| v.is_none_or(|v| T::try_from(v).is_err()));
            match (got, first_bad) {
                (Err(ConvError::Overflow { position, element }), Some((at, _))) => {
                    ERRORS.fetch_add(1, Ordering::Relaxed);
                    if position != at.slice() || element != T::NAME {
                        return Err(format!(
                            "Overflow at {position:?} in {element}, expected at {:?} in {}",
                            at.slice(),
                            T::NAME
                        ));
                    }
                    Ok(())
                }
                (Ok(out), None) => {
                    VALUES.fetch_add(1, Ordering::Relaxed);
                    if out.shape() != reference.shape() {
                        return Err(format!(
                            "shape {:?}, expected {:?}",
                            out.shape(),
                            reference.shape()
                        ));
                    }
                    for (o, (g, r)) in out.iter().zip(reference.iter()).enumerate() {
                        if Some((*g).into()) != *r {
                            return Err(format!("element {o}: {g:?}, expected {r:?}"));
                        }
                    }
                    Ok(())
                }
                (got, bad) => Err(format!(
                    "got {:?}, expected {}",
                    got.map(|a| a.shape().to_vec()),
                    match bad {
                        Some((at, _)) => format!("Overflow at {:?}", at.slice()),
                        None => "a value".into(),
                    }
                )),
            }
        }
        (got, expected) => Err(format!(
            "got {:?}, expected {}",
            got.map(|a| a.shape().to_vec()),
            describe(&expected)
        )),
    }
}

fn describe<V>(expected: &Expected<V>) -> String {
    match expected {
        Expected::Value(_) => "a value".into(),
        Expected::Error(_, name) => format!("the error {name}"),
        Expected::TooLarge => "TooLarge".into(),
        Expected::Shape(shape) => format!("a result of shape {shape:?}"),
    }
}

/// Check a float result: the same non-finite positions, and finite values
/// within `tolerance`.
fn check_float<D: Dimension>(
    got: Result<convolution::ndarray::Array<f64, D>, ConvError>,
    expected: Expected<Option<f64>>,
    tolerance: f64,
    nan_spreads: bool,
) -> Result<(), String> {
    match (got, expected) {
        (Err(e), Expected::Error(ok, _)) if ok(&e) => {
            ERRORS.fetch_add(1, Ordering::Relaxed);
            Ok(())
        }
        (Err(ConvError::TooLarge { .. }), Expected::TooLarge) => Ok(()),
        (Ok(out), Expected::Shape(shape)) if out.shape() == shape.as_slice() => Ok(()),
        (Ok(out), Expected::Value(reference)) => {
            VALUES.fetch_add(1, Ordering::Relaxed);
            if out.shape() != reference.shape() {
                return Err(format!(
                    "shape {:?}, expected {:?}",
                    out.shape(),
                    reference.shape()
                ));
            }
            for (o, (&g, r)) in out.iter().zip(reference.iter()).enumerate() {
                let r = r.expect("float sums always succeed");
                let ok = if !r.is_finite() {
                    !g.is_finite()
                } else if !g.is_finite() {
                    nan_spreads
                } else {
                    (g - r).abs() <= tolerance
                };
                if !ok {
                    return Err(format!(
                        "element {o}: {g}, expected {r} (tolerance {tolerance:e})"
                    ));
                }
            }
            Ok(())
        }
        (got, expected) => Err(format!(
            "got {:?}, expected {}",
            got.map(|a| a.shape().to_vec()),
            describe(&expected)
        )),
    }
}

// ---------------------------------------------------------------------------
// The targets: one function per group of public functions.

type Target = fn(&mut Rng, &mut Case) -> Result<(), String>;

/// What a case did, for its failure message, and whether the reference allows
/// a refused allocation (a result larger than the limit).
#[derive(Default)]
struct Case {
    description: String,
    may_refuse: bool,
}

impl Case {
    fn note(&mut self, text: impl Into<String>) {
        if !self.description.is_empty() {
            self.description.push_str("; ");
        }
        self.description.push_str(&text.into());
    }
    fn expect<V>(&mut self, expected: &Expected<V>) {
        if matches!(expected, Expected::TooLarge) {
            self.may_refuse = true;
        }
    }
}

/// Every group of public functions of the core crate. Another module's
/// routines are one more line here (chapter 9: matrix, transposed, pooling).
const TARGETS: &[(&str, Target)] = &[
    ("convolve/correlate on integers", mode_integers),
    ("convolve/correlate on f64 and complex", mode_floats),
    ("correlate_window/convolve_window", windowed),
    ("padding rules, per-axis windows and fills", padding_rules),
    ("correlate_channels", channels),
    ("Conv2dLayer", layer),
    ("pad and flip", pad_and_flip),
    ("shape helpers and cost model", shape_helpers),
    ("FastConv on f64", fast_methods::<f64>),
    ("FastConv on f32", fast_methods::<f32>),
    ("rank_one_factors", rank_one),
    ("convolve_separable and FastConv::plan", separable_and_plan),
];

/// Shapes for an input and a kernel: usually the same number of axes (0 to 4),
/// sometimes not; small enough that the reference stays quick.
fn operand_shapes(rng: &mut Rng, max_len: usize) -> (Vec<usize>, Vec<usize>) {
    let ndim = rng.pick(&[0, 1, 1, 2, 2, 2, 3, 4]);
    let kdim = if rng.one_in(8) { rng.below(4) } else { ndim };
    let max_len = if ndim >= 3 { max_len.min(4) } else { max_len };
    (rng.shape(ndim, max_len), rng.shape(kdim, max_len))
}

fn mode_integers(rng: &mut Rng, case: &mut Case) -> Result<(), String> {
    match rng.below(4) {
        0 => mode_integer::<i8>(rng, case),
        1 => mode_integer::<u8>(rng, case),
        2 => mode_integer::<i32>(rng, case),
        _ => mode_integer::<i64>(rng, case),
    }
}

fn mode_integer<T: Int>(rng: &mut Rng, case: &mut Case) -> Result<(), String> {
    let (xs, ks) = operand_shapes(rng, 7);
    let (x, k) = (random_array::<T>(rng, &xs), random_array::<T>(rng, &ks));
    let ((xv, xl), (kv, kl)) = (scramble(rng, x.clone()), scramble(rng, k.clone()));
    let mode = rng.mode();
    let correlating = rng.one_in(2);
    case.note(format!(
        "{} {} {xs:?} ({xl}) with {ks:?} ({kl}) {mode:?}",
        if correlating { "correlate" } else { "convolve" },
        T::NAME
    ));
    let (x, k) = (x.mapv(Into::into), k.mapv(Into::into));
    let k = if correlating { reference_flip(&k) } else { k };
    let expected = reference_mode(&x, &k, mode, 0i128, 16, exact_mac).map_err(|_| "reference")?;
    case.expect(&expected);
    let got = if correlating {
        correlate(&xv, &kv, mode)
    } else {
        convolve(&xv, &kv, mode)
    };
    check_int::<T, IxDyn>(got, expected)
}

fn mode_floats(rng: &mut Rng, case: &mut Case) -> Result<(), String> {
    let (xs, ks) = operand_shapes(rng, 7);
    let mode = rng.mode();
    if rng.one_in(3) {
        // Complex: correlate conjugates the kernel, convolve does not.
        let (x, k) = (
            random_array::<Complex<f64>>(rng, &xs),
            random_array::<Complex<f64>>(rng, &ks),
        );
        let ((xv, xl), (kv, kl)) = (scramble(rng, x.clone()), scramble(rng, k.clone()));
        let correlating = rng.one_in(2);
        case.note(format!(
            "{} complex {xs:?} ({xl}) with {ks:?} ({kl}) {mode:?}",
            if correlating { "correlate" } else { "convolve" }
        ));
        let reference_kernel = if correlating {
            reference_flip(&k).mapv(|c| c.conj())
        } else {
            k
        };
        let expected = reference_mode(
            &x,
            &reference_kernel,
            mode,
            Complex::new(0.0, 0.0),
            16,
            |a, x, w| Some(a + x * w),
        )
        .map_err(|_| "reference")?;
        case.expect(&expected);
        let got = if correlating {
            correlate(&xv, &kv, mode)
        } else {
            convolve(&xv, &kv, mode)
        };
        // Compare real and imaginary parts as two float results.
        return match (got, expected) {
            (Ok(out), Expected::Value(reference)) => {
                for part in [|c: Complex<f64>| c.re, |c: Complex<f64>| c.im] {
                    check_float(
                        Ok(out.mapv(part)),
                        Expected::Value(reference.mapv(|c| c.map(part))),
                        1e-9,
                        false,
                    )?;
                }
                Ok(())
            }
            (got, expected) => check_float(
                got.map(|a| a.mapv(|c| c.re)),
                match expected {
                    Expected::Value(_) => unreachable!("handled above"),
                    Expected::Error(f, n) => Expected::Error(f, n),
                    Expected::TooLarge => Expected::TooLarge,
                    Expected::Shape(s) => Expected::Shape(s),
                },
                0.0,
                false,
            ),
        };
    }
    let (mut x, k) = (random_array::<f64>(rng, &xs), random_array::<f64>(rng, &ks));
    if rng.one_in(4) && !x.is_empty() {
        let n = x.len();
        let v = rng.pick(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
        if let Some(e) = x.iter_mut().nth(rng.below(n)) {
            *e = v;
        }
    }
    let ((xv, xl), (kv, kl)) = (scramble(rng, x.clone()), scramble(rng, k.clone()));
    let correlating = rng.one_in(2);
    case.note(format!(
        "{} f64 {xs:?} ({xl}) with {ks:?} ({kl}) {mode:?}",
        if correlating { "correlate" } else { "convolve" }
    ));
    let reference_kernel = if correlating { reference_flip(&k) } else { k };
    let expected = reference_mode(&x, &reference_kernel, mode, 0.0, 8, |a, x, w| {
        Some(a + x * w)
    })
    .map_err(|_| "reference")?;
    case.expect(&expected);
    let got = if correlating {
        correlate(&xv, &kv, mode)
    } else {
        convolve(&xv, &kv, mode)
    };
    check_float(got, expected, 1e-9, false)
}

fn window_parameter(rng: &mut Rng, small: &[usize]) -> usize {
    if rng.one_in(4) {
        rng.pick(&[
            0,
            1 << 20,
            1 << 33,
            1 << 34,
            1 << 62,
            usize::MAX / 2,
            usize::MAX / 2 + 1,
            usize::MAX,
        ])
    } else {
        rng.pick(small)
    }
}

fn windowed(rng: &mut Rng, case: &mut Case) -> Result<(), String> {
    let (xs, ks) = operand_shapes(rng, 6);
    let mut window = Window::stride(window_parameter(rng, &[1, 1, 2, 3]))
        .with_padding(window_parameter(rng, &[0, 0, 1, 2, 3]))
        .with_dilation(window_parameter(rng, &[1, 1, 2, 3]));
    if window.sides_on(0, 1, 1).unwrap().before >= 1 << 20
        && window.stride_on(0).unwrap() < 1 << 20
        && rng.one_in(2)
    {
        // Mostly a huge padding comes with a huge stride (the reproducer's
        // case): few outputs, which must not cost a padded copy.
        let huge = window.sides_on(0, 1, 1).unwrap().before;
        window = window.with_stride(huge.saturating_mul(2).max(1));
    }
    let flipping = rng.one_in(3);
    let integer = rng.one_in(2);
    case.note(format!(
        "{} {} {xs:?} with {ks:?} {window:?}",
        if flipping {
            "convolve_window"
        } else {
            "correlate_window"
        },
        if integer { "i8" } else { "f64" },
    ));
    if integer {
        let (x, k) = (random_array::<i8>(rng, &xs), random_array::<i8>(rng, &ks));
        let ((xv, _), (kv, _)) = (scramble(rng, x.clone()), scramble(rng, k.clone()));
        let (x, k) = (x.mapv(i128::from), k.mapv(i128::from));
        let k = if flipping { reference_flip(&k) } else { k };
        let expected = reference_window(&x, &k, window.clone(), 0, 16, exact_mac);
        case.expect(&expected);
        let got = if flipping {
            convolve_window(&xv, &kv, window)
        } else {
            correlate_window(&xv, &kv, window)
        };
        check_int::<i8, IxDyn>(got, expected)
    } else {
        let (x, k) = (random_array::<f64>(rng, &xs), random_array::<f64>(rng, &ks));
        let ((xv, _), (kv, _)) = (scramble(rng, x.clone()), scramble(rng, k.clone()));
        let k = if flipping { reference_flip(&k) } else { k };
        let expected = reference_window(&x, &k, window.clone(), 0.0, 8, |a, x, w| Some(a + x * w));
        case.expect(&expected);
        let got = if flipping {
            convolve_window(&xv, &kv, window)
        } else {
            correlate_window(&xv, &kv, window)
        };
        check_float(got, expected, 1e-9, false)
    }
}

/// `SameRule`, per-axis `Sides`, strides and dilations, and a fill: the result
/// has `Window::output_shape`, a 'same' rule keeps `ceil(i / s)` samples, and a
/// fill equals padding with `pad` and then correlating without padding.
fn padding_rules(rng: &mut Rng, case: &mut Case) -> Result<(), String> {
    let (xs, ks) = operand_shapes(rng, 6);
    let axes = xs.len();
    let list = |rng: &mut Rng, small: &[usize]| -> Vec<usize> {
        let n = if rng.one_in(2) {
            1
        } else {
            axes.max(1) + usize::from(rng.one_in(8))
        };
        (0..n).map(|_| window_parameter(rng, small)).collect()
    };
    // Small steps: a fill other than zeros pads a copy of the input, which a
    // huge dilation would make huge (the zero fill never copies: see `windowed`).
    let strides = list(rng, &[1, 1, 2, 3])
        .into_iter()
        .map(|s| s % 5)
        .collect::<Vec<_>>();
    let dilations = list(rng, &[1, 1, 2])
        .into_iter()
        .map(|d| d % 4)
        .collect::<Vec<_>>();
    let rule = rng.pick(&[SameRule::Scipy, SameRule::TensorFlow, SameRule::PyTorch]);
    let sides: Vec<Sides> = (0..if rng.one_in(2) { 1 } else { axes.max(1) })
        .map(|_| Sides::new(rng.below(3), rng.below(3)))
        .collect();
    let fill = rng.pick(&[
        PadMode::Zeros,
        PadMode::Edge,
        PadMode::Reflect,
        PadMode::Symmetric,
        PadMode::Wrap,
    ]);
    let base = Window::default()
        .with_strides(&strides)
        .with_dilations(&dilations);
    let window = if rng.one_in(2) {
        base.with_same(rule)
    } else {
        base.with_sides(&sides)
    }
    .with_fill(fill);
    case.note(format!("correlate_window {xs:?} with {ks:?} {window:?}"));
    let (x, k) = (random_array::<i8>(rng, &xs), random_array::<i8>(rng, &ks));
    let (x, k) = (x.mapv(i64::from), k.mapv(i64::from));
    let got = correlate_window(&x, &k, window.clone());
    let shape = window.output_shape(&xs, &ks);
    match (&got, &shape) {
        (Ok(out), Ok(shape)) if out.shape() != shape.as_slice() => {
            return Err(format!("shape {:?}, output_shape {shape:?}", out.shape()));
        }
        (Ok(_), Err(e)) => return Err(format!("a result, but output_shape says {e}")),
        _ => {}
    }
    let Ok(out) = got else { return Ok(()) };
    let widths = (0..axes)
        .map(|a| {
            window
                .sides_on(a, xs[a], ks[a])
                .map(|s| (s.before, s.after))
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("sides_on fails after a result: {e}"))?;
    if matches!(window.padding(), Padding::Same(_)) {
        for (a, &i) in xs.iter().enumerate() {
            let s = window.stride_on(a).unwrap();
            if out.shape()[a] != i.div_ceil(s) {
                return Err(format!("'same' gives {:?} on axis {a}", out.shape()));
            }
        }
    }
    let padded = pad(&x, &widths, fill).map_err(|e| format!("pad fails: {e}"))?;
    let plain = Window::default()
        .with_strides(&strides)
        .with_dilations(&dilations);
    let reference = correlate_window(&padded, &k, plain).map_err(|e| format!("padded: {e}"))?;
    if reference != out {
        return Err(format!("{out} differs from pad-then-correlate {reference}"));
    }
    Ok(())
}

fn channels(rng: &mut Rng, case: &mut Case) -> Result<(), String> {
    let c = rng.len(4);
    let mut image_shape = vec![rng.len(6), rng.len(6), c];
    if rng.one_in(4) {
        image_shape.rotate_right(1); // channels first
    }
    let kc = if rng.one_in(6) { rng.len(4) } else { c };
    let kernel_shape = vec![rng.len(4), rng.len(4), kc];
    case.note(format!(
        "correlate_channels i32 {image_shape:?} with {kernel_shape:?}"
    ));
    let image = random_array::<i32>(rng, &image_shape);
    let kernel = random_array::<i32>(rng, &kernel_shape);
    let (iv, _) = scramble(rng, image.clone());
    let (kv, _) = scramble(rng, kernel.clone());
    let iv = iv.into_dimensionality::<Ix3>().map_err(|e| e.to_string())?;
    let kv = kv.into_dimensionality::<Ix3>().map_err(|e| e.to_string())?;
    let got = correlate_channels(&iv, &kv);
    let expected = if image_shape[2] != kc {
        if image_shape[0] == kc {
            error!(ConvError::ChannelsFirst { .. })
        } else {
            error!(ConvError::ChannelMismatch { .. })
        }
    } else {
        // One output channel of a 'valid' correlation: a window sum whose
        // channel axis has a single position.
        match reference_window(
            &image.mapv(i128::from),
            &kernel.mapv(i128::from),
            Window::default(),
            0,
            16,
            exact_mac,
        ) {
            Expected::Value(v) => Expected::Value(v.index_axis_move(Axis(2), 0)),
            other => other,
        }
    };
    case.expect(&expected);
    // The position of an overflow names the channel axis (always 0) too.
    let got = got.map(|a| a.insert_axis(Axis(2)));
    let expected = match expected {
        Expected::Value(v) => Expected::Value(v.insert_axis(Axis(2))),
        other => other,
    };
    check_int::<i32, Ix3>(got, expected)
}

fn layer(rng: &mut Rng, case: &mut Case) -> Result<(), String> {
    let c_in = rng.len(3);
    let c_out = rng.len(3);
    let weights_shape = [rng.len(4), rng.len(4), c_in, c_out];
    let bias_len = if rng.one_in(6) { rng.len(4) } else { c_out };
    let same = rng.one_in(2);
    let padding = if same {
        Padding::Same(SameRule::TensorFlow)
    } else {
        Padding::valid()
    };
    let activation = rng.pick(&[Activation::Linear, Activation::Relu, Activation::Sigmoid]);
    let mut input_shape = [rng.len(2), rng.len(6), rng.len(6), c_in];
    if rng.one_in(6) {
        input_shape[3] = rng.len(3);
    }
    case.note(format!(
        "Conv2dLayer {weights_shape:?} bias {bias_len} {padding:?} {activation:?} on {input_shape:?}"
    ));
    let weights = random_array::<f64>(rng, &weights_shape);
    let bias = Array1::from_shape_fn(bias_len, |_| rng.unit());
    let mut input = random_array::<f64>(rng, &input_shape);
    if rng.one_in(5) && !input.is_empty() {
        let n = input.len();
        if let Some(e) = input.iter_mut().nth(rng.below(n)) {
            *e = f64::NAN;
        }
    }
    let w4 = weights
        .clone()
        .into_dimensionality::<Ix4>()
        .expect("4 axes");
    let layer = match Conv2dLayer::new(w4.clone(), bias.clone(), padding.clone(), activation) {
        Ok(layer) => layer,
        Err(e) => {
            let ok = if w4.is_empty() {
                matches!(e, ConvError::Empty { .. })
            } else {
                matches!(
                    e,
                    ConvError::BiasMismatch { .. } | ConvError::WeightLayout { .. }
                ) && bias_len != c_out
            };
            return if ok {
                Ok(())
            } else {
                Err(format!("new: {e:?}"))
            };
        }
    };
    let (iv, _) = scramble(rng, input.clone());
    let iv = iv.into_dimensionality::<Ix4>().expect("4 axes");
    let got = layer.forward(&iv);
    let shape = layer.output_shape(iv.dim());
    // The reference: zeros (k - 1) / 2 before and the rest after for 'same'.
    let (kh, kw, _, _) = w4.dim();
    let (n, h, w, c) = iv.dim();
    let expected = if c != c_in {
        if h == c_in {
            error!(ConvError::ChannelsFirst { .. })
        } else {
            error!(ConvError::ChannelMismatch { .. })
        }
    } else if [n, h, w, c].contains(&0) {
        error!(ConvError::Empty { .. })
    } else if padding == Padding::valid() && (kh > h || kw > w) {
        error!(ConvError::KernelTooLarge { .. })
    } else {
        let (top, left) = if same {
            ((kh - 1) / 2, (kw - 1) / 2)
        } else {
            (0, 0)
        };
        let (oh, ow) = if same {
            (h, w)
        } else {
            (h - kh + 1, w - kw + 1)
        };
        let input = &input;
        Expected::Value(ArrayD::from_shape_fn(
            IxDyn(&[n, oh, ow, c_out]),
            |i: IxDyn| {
                let (b, y, x, o) = (i[0], i[1], i[2], i[3]);
                let mut sum = bias[o];
                for di in 0..kh {
                    for dj in 0..kw {
                        for ch in 0..c {
                            let (py, px) = (y + di, x + dj);
                            if py >= top && py - top < h && px >= left && px - left < w {
                                sum +=
                                    input[[b, py - top, px - left, ch]] * weights[[di, dj, ch, o]];
                            }
                        }
                    }
                }
                Some(match activation {
                    Activation::Linear => sum,
                    Activation::Relu if sum < 0.0 => 0.0,
                    Activation::Relu => sum,
                    Activation::Sigmoid => 1.0 / (1.0 + (-sum).exp()),
                })
            },
        ))
    };
    if let (Ok(out), Ok(shape)) = (&got, &shape)
        && out.dim() != *shape
    {
        return Err(format!(
            "forward {:?} but output_shape {shape:?}",
            out.dim()
        ));
    }
    check_float(got.map(|a| a.into_dyn()), expected, 1e-9, false)
}

fn pad_and_flip(rng: &mut Rng, case: &mut Case) -> Result<(), String> {
    let ndim = rng.below(4);
    let shape = rng.shape(ndim, 5);
    let x = random_array::<i32>(rng, &shape);
    let (xv, layout) = scramble(rng, x.clone());
    if convolution::check_not_empty(&xv, &xv).is_ok() == x.is_empty() {
        return Err(format!("check_not_empty on {shape:?}"));
    }
    // flip, by index.
    if flip(&xv) != reference_flip(&x) {
        return Err(format!("flip of {shape:?} ({layout})"));
    }
    let mode = rng.pick(&[
        PadMode::Zeros,
        PadMode::Edge,
        PadMode::Reflect,
        PadMode::Symmetric,
        PadMode::Wrap,
    ]);
    let pairs = if rng.one_in(8) { rng.below(4) } else { ndim };
    let widths: Vec<(usize, usize)> = (0..pairs)
        .map(|_| {
            let mut w = || {
                if rng.one_in(6) {
                    rng.pick(&[1 << 20, 1 << 32, usize::MAX / 2, usize::MAX])
                } else {
                    rng.below(7)
                }
            };
            (w(), w())
        })
        .collect();
    case.note(format!("pad {shape:?} ({layout}) by {widths:?} {mode:?}"));
    let got = pad(&xv, &widths, mode);
    let expected: Expected<Option<i128>> = if pairs != ndim {
        error!(ConvError::PadWidths { .. })
    } else if x.is_empty() && mode != PadMode::Zeros {
        error!(ConvError::Empty { .. })
    } else {
        let lens: Option<Vec<usize>> = shape
            .iter()
            .zip(&widths)
            .map(|(&n, &(a, b))| {
                n.checked_add(a)?
                    .checked_add(b)
                    .filter(|&l| l <= isize::MAX as usize)
            })
            .collect();
        match lens {
            None => error!(ConvError::SizeOverflow { .. }),
            Some(lens) if size_class::<i128>(&lens, 4).is_some() => {
                size_class(&lens, 4).expect("just checked")
            }
            Some(lens) => Expected::Value(ArrayD::from_shape_fn(IxDyn(&lens), |i: IxDyn| {
                let mut src = vec![];
                for ax in 0..lens.len() {
                    let n = shape[ax] as i64;
                    let mut j = i[ax] as i64 - widths[ax].0 as i64;
                    // Reflect and symmetric by repeated mirroring, as np.pad describes.
                    while !(0..n).contains(&j) {
                        j = match mode {
                            PadMode::Zeros => return Some(0),
                            PadMode::Edge => j.clamp(0, n - 1),
                            PadMode::Wrap => j.rem_euclid(n),
                            PadMode::Reflect if n == 1 => 0,
                            PadMode::Reflect if j < 0 => -j,
                            PadMode::Reflect => 2 * (n - 1) - j,
                            PadMode::Symmetric if j < 0 => -j - 1,
                            PadMode::Symmetric => 2 * n - 1 - j,
                        };
                    }
                    src.push(j as usize);
                }
                Some(i128::from(x[src.as_slice()]))
            })),
        }
    };
    case.expect(&expected);
    check_int::<i32, IxDyn>(got, expected)
}

fn shape_helpers(rng: &mut Rng, case: &mut Case) -> Result<(), String> {
    let (n, k) = (rng.size(), rng.size());
    let mode = rng.mode();
    let window = Window::uniform(rng.size(), rng.size(), rng.size());
    let input = (rng.size(), rng.size());
    let kernel = (rng.size(), rng.size());
    case.note(format!(
        "n {n} k {k} {mode:?} {window:?} input {input:?} kernel {kernel:?}"
    ));
    // Mode::output_len by its formula in u128.
    let expected = if n == 0 || k == 0 {
        None
    } else {
        let (n, k) = (n as u128, k as u128);
        let len = match mode {
            Mode::Full => n + k - 1,
            Mode::Same => n,
            Mode::Valid => n.abs_diff(k) + 1,
        };
        usize::try_from(len).ok()
    };
    if mode.output_len(n, k).ok() != expected {
        return Err(format!("output_len {:?}", mode.output_len(n, k)));
    }
    // Window::output_len and output_size by the formula in u128.
    let (p, s, d) = (
        window.sides_on(0, 1, 1).unwrap().before as u128,
        window.stride_on(0).unwrap() as u128,
        window.dilation_on(0).unwrap() as u128,
    );
    let expected = (s > 0 && d > 0 && n > 0 && k > 0)
        .then(|| {
            let span = (k as u128 - 1) * d + 1;
            let padded = n as u128 + 2 * p;
            (span <= usize::MAX as u128 && span <= padded)
                .then(|| usize::try_from((padded - span) / s + 1).ok())
                .flatten()
        })
        .flatten();
    if window.output_len(n, k).ok() != expected {
        return Err(format!("Window::output_len {:?}", window.output_len(n, k)));
    }
    let plain = window.clone().with_dilation(1);
    if Window::uniform(
        window.sides_on(0, 1, 1).unwrap().before,
        window.stride_on(0).unwrap(),
        1,
    )
    .output_len(n, k)
    .ok()
        != plain.output_len(n, k).ok()
    {
        return Err("output_size differs from Window::output_len".into());
    }
    let _ = window.effective_kernel(k);
    let _ = SameRule::TensorFlow.sides(n, k, 1, 1);
    let _ = SameRule::PyTorch.sides(n, k, 2, 1);
    let _ = SameRule::Scipy.sides(n, k, 3, 2);
    // Mode::output_shape: the two axes of Mode::output_len after scipy's swap.
    let shape = output_shape_2d(input, kernel, mode);
    if let Ok((r, c)) = shape {
        let swap = mode == Mode::Valid && input.0 <= kernel.0 && input.1 <= kernel.1;
        let (a, b) = if swap {
            (kernel, input)
        } else {
            (input, kernel)
        };
        if mode.output_len(a.0, b.0) != Ok(r) || mode.output_len(a.1, b.1) != Ok(c) {
            return Err(format!("Mode::output_shape {shape:?}"));
        }
    }
    // The counts and the choice: closed forms, so any size returns at once.
    let started = Instant::now();
    for method in [Method::Auto, Method::Direct, Method::Separable, Method::Fft] {
        let count = multiply_adds(method, input, kernel, mode);
        if method == Method::Auto && count.is_some() {
            return Err("multiply_adds counts Auto".into());
        }
        if count.is_some() != estimated_cost_ns::<f32>(method, input, kernel, mode).is_some() {
            return Err("estimated_cost_ns and multiply_adds disagree".into());
        }
        if count.is_some() && shape.is_err() {
            return Err(format!("{method:?} counted for rejected shapes"));
        }
    }
    // The direct count, brute force on small shapes.
    let small = |(a, b): (usize, usize)| a < 40 && b < 40;
    if small(input)
        && small(kernel)
        && let Ok((rows, cols)) = shape
    {
        let swap = mode == Mode::Valid && input.0 <= kernel.0 && input.1 <= kernel.1;
        let (a, b) = if swap {
            (kernel, input)
        } else {
            (input, kernel)
        };
        let taps = |n: usize, k: usize, out: usize| -> usize {
            let start = match mode {
                Mode::Full => 0,
                Mode::Same => (k - 1) / 2,
                Mode::Valid => k - 1,
            };
            (0..out)
                .map(|o| {
                    (0..k)
                        .filter(|&j| (o + start).checked_sub(j).is_some_and(|i| i < n))
                        .count()
                })
                .sum()
        };
        let brute = (taps(a.0, b.0, rows) * taps(a.1, b.1, cols)) as f64;
        if multiply_adds(Method::Direct, input, kernel, mode) != Some(brute) {
            return Err(format!(
                "multiply_adds Direct {:?}, brute force {brute}",
                multiply_adds(Method::Direct, input, kernel, mode)
            ));
        }
    }
    for separable in [false, true] {
        let _ = choose_method::<f32>(input, kernel, mode, separable);
        let _ = choose_method::<f64>(input, kernel, mode, separable);
    }
    // fft_len: the smallest 7-smooth length, checked by brute force when small.
    let m = fft_len(n);
    if n < 5000 {
        let smooth = |mut v: usize| {
            for p in [2, 3, 5, 7] {
                while v.is_multiple_of(p) {
                    v /= p;
                }
            }
            v == 1
        };
        if m != (n.max(1)..).find(|&v| smooth(v)) {
            return Err(format!("fft_len({n}) = {m:?}"));
        }
    } else if m.is_some_and(|m| m < n) {
        return Err(format!("fft_len({n}) = {m:?}"));
    }
    if started.elapsed() > Duration::from_secs(2) {
        return Err(format!("shape helpers took {:?}", started.elapsed()));
    }
    // Conv2dLayer::output_shape on any input shape.
    let layer = Conv2dLayer::new(
        Array4::zeros((1 + rng.below(4), 1 + rng.below(4), 1, 2)),
        Array1::zeros(2),
        if rng.one_in(2) {
            Padding::Same(SameRule::TensorFlow)
        } else {
            Padding::valid()
        },
        Activation::Linear,
    )
    .map_err(|e| e.to_string())?;
    let _ = layer.output_shape((rng.size(), rng.size(), rng.size(), 1));
    let _ = Method::CONCRETE.map(Method::name);
    Ok(())
}

/// A tolerance for a float convolution: a few units of rounding per tap of
/// the largest possible sum, and more for the FFT, whose error spreads.
fn tolerance<T: FastFloat>(x: &Array2<T>, k: &Array2<T>, fft: bool) -> f64 {
    let eps = T::epsilon().to_f64().unwrap_or(1e-7);
    let largest = |a: &Array2<T>| {
        a.iter()
            .map(|v| v.to_f64().unwrap_or(0.0).abs())
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max)
    };
    let sum_k: f64 = k
        .iter()
        .map(|v| v.to_f64().unwrap_or(0.0).abs())
        .filter(|v| v.is_finite())
        .sum();
    let terms = (x.len().min(k.len()) as f64).max(1.0);
    let base = 8.0 * eps * largest(x) * sum_k.max(largest(k)) + 1e-30;
    if fft {
        base * 64.0 * (x.len() as f64 + k.len() as f64).log2().max(1.0) * terms.sqrt()
    } else {
        base * terms.sqrt()
    }
}

fn fast_methods<T: FastFloat + Element>(rng: &mut Rng, case: &mut Case) -> Result<(), String> {
    // Mostly small; sometimes large enough for the FFT's tiles (and their
    // remainders), or long and thin (one tile across, many along).
    let (image_shape, kernel_shape) = match rng.below(16) {
        0 => ([rng.len(160), rng.len(160)], [rng.len(33), rng.len(33)]),
        1 => ([rng.len(3), rng.len(4000)], [rng.len(3), rng.len(40)]),
        _ => ([rng.len(40), rng.len(70)], [rng.len(9), rng.len(9)]),
    };
    let separable = rng.one_in(3);
    let mode = rng.mode();
    let method = rng.pick(&[Method::Auto, Method::Direct, Method::Separable, Method::Fft]);
    let threads = rng.pick(&[Threads::One, Threads::Auto]);
    let mut image = random_array::<T>(rng, &image_shape);
    let kernel = if separable {
        let column = random_array::<T>(rng, &kernel_shape[..1]);
        let row = random_array::<T>(rng, &kernel_shape[1..]);
        ArrayD::from_shape_fn(IxDyn(&kernel_shape), |i: IxDyn| {
            column[[i[0]]] * row[[i[1]]]
        })
    } else {
        random_array::<T>(rng, &kernel_shape)
    };
    let special = rng.below(8);
    if special == 0 && !image.is_empty() {
        let n = image.len();
        let v = T::from(rng.pick(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY])).unwrap();
        if let Some(e) = image.iter_mut().nth(rng.below(n)) {
            *e = v;
        }
    }
    if special == 1 {
        // Large finite values (the f32 image of 1e36).
        let scale = T::from(1e30).unwrap();
        image.mapv_inplace(|v| v * scale);
    }
    let call = rng.below(4);
    case.note(format!(
        "FastConv {} {method:?} {threads:?} call {call} image {image_shape:?} kernel {kernel_shape:?} \
         (separable {separable}, special {special}) {mode:?}",
        std::any::type_name::<T>()
    ));
    let (iv, _) = scramble(rng, image.clone());
    let (kv, _) = scramble(rng, kernel.clone());
    let iv = iv.into_dimensionality::<Ix2>().expect("2 axes");
    let kv = kv.into_dimensionality::<Ix2>().expect("2 axes");
    let fast = FastConv::new(method).with_threads(threads);
    let correlating = call == 1;
    let got = match call {
        0 => fast.convolve(&iv, &kv, mode),
        1 => fast.correlate(&iv, &kv, mode),
        2 => {
            // Into an output of the right shape (transposed storage), or a wrong one.
            let shape = output_shape_2d(iv.dim(), kv.dim(), mode);
            let (r, c) = match shape {
                Ok(s) if !rng.one_in(6) => s,
                _ => (rng.len(5), rng.len(5)),
            };
            let mut out = Array2::<T>::from_elem((c, r), T::POISON).reversed_axes();
            fast.convolve_into(&iv, &kv, mode, &mut out).map(|()| out)
        }
        _ => {
            // The separable call takes the two factors.
            let column = Array1::from_shape_fn(kernel_shape[0], |_| T::sample(rng));
            let row = Array1::from_shape_fn(kernel_shape[1], |_| T::sample(rng));
            let outer =
                Array2::from_shape_fn((column.len(), row.len()), |(i, j)| column[i] * row[j]);
            let reference = reference_for(&image, &outer.clone().into_dyn(), mode, false);
            case.expect(&reference);
            let got = fast.convolve_separable(&iv, &column, &row, mode);
            let tol = tolerance(&image.clone().into_dimensionality().unwrap(), &outer, false);
            return check_float(to_f64(got), reference, tol, false);
        }
    };
    let reference = reference_for(&image, &kernel, mode, correlating);
    case.expect(&reference);
    let kernel2 = kernel.clone().into_dimensionality::<Ix2>().unwrap();
    let image2 = image.clone().into_dimensionality::<Ix2>().unwrap();
    let spreads = method == Method::Fft;
    let tol = tolerance(&image2, &kernel2, spreads || method == Method::Auto);
    let got = match (call, got) {
        // A wrong output shape is its own error.
        (2, Err(ConvError::OutputShape { .. })) => return Ok(()),
        (_, got) => got,
    };
    if method == Method::Separable
        && let Err(ConvError::NotSeparable { .. }) = got
    {
        return if rank_one_factors(&kv.view()).is_none() {
            Ok(())
        } else {
            Err("NotSeparable for a kernel rank_one_factors splits".into())
        };
    }
    check_float(to_f64(got), reference, tol, spreads)
}

fn to_f64<T: FastFloat>(got: Result<Array2<T>, ConvError>) -> Result<ArrayD<f64>, ConvError> {
    got.map(|a| a.mapv(|v| v.to_f64().unwrap_or(f64::NAN)).into_dyn())
}

/// The f64 reference of a 2-D convolution (or correlation) of `T` values.
fn reference_for<T: FastFloat>(
    image: &ArrayD<T>,
    kernel: &ArrayD<T>,
    mode: Mode,
    correlating: bool,
) -> Expected<Option<f64>> {
    let image = image.mapv(|v| v.to_f64().unwrap_or(f64::NAN));
    let kernel = kernel.mapv(|v| v.to_f64().unwrap_or(f64::NAN));
    let kernel = if correlating {
        reference_flip(&kernel)
    } else {
        kernel
    };
    let expected = reference_mode(&image, &kernel, mode, 0.0, 8, |a, x, w| Some(a + x * w))
        .unwrap_or(Expected::TooLarge);
    // The f32 results are computed in f32: where f32 overflows, the f64
    // reference must say so too.
    match expected {
        Expected::Value(v) if size_of::<T>() == 4 => Expected::Value(v.mapv(|x| {
            x.map(|x| {
                if x.abs() > f32::MAX as f64 {
                    f64::INFINITY
                } else {
                    x
                }
            })
        })),
        other => other,
    }
}

/// The two-pass reference equals one 2-D convolution with the outer product
/// (exactly, on integers; the first pass may overflow `i8` where the full sum
/// does not, and then it must say so), and a fast plan agrees with the call.
fn separable_and_plan(rng: &mut Rng, case: &mut Case) -> Result<(), String> {
    let (h, w, kh, kw) = (rng.len(12), rng.len(12), rng.len(6), rng.len(6));
    let mode = rng.mode();
    case.note(format!("convolve_separable {h}x{w} by {kh}+{kw} {mode:?}"));
    let small = |rng: &mut Rng| rng.below(2001) as i64 - 1000;
    let image = Array2::from_shape_fn((h, w), |_| small(rng));
    let column = Array1::from_shape_fn(kh, |_| small(rng));
    let row = Array1::from_shape_fn(kw, |_| small(rng));
    let outer = Array2::from_shape_fn((kh, kw), |(i, j)| column[i] * row[j]);
    let two_passes = convolve_separable(&image, &column, &row, mode);
    let one_pass = convolve(&image, &outer, mode);
    if two_passes != one_pass {
        return Err(format!(
            "i64: {two_passes:?} but convolve gives {one_pass:?}"
        ));
    }
    let narrow = |v: &i64| (*v % 128) as i8;
    let (image8, column8, row8) = (image.map(narrow), column.map(narrow), row.map(narrow));
    let outer8 = Array2::from_shape_fn((kh, kw), |(i, j)| column8[i].wrapping_mul(row8[j]));
    let exact_outer = Array2::from_shape_fn((kh, kw), |(i, j)| column8[i] as i64 * row8[j] as i64);
    match convolve_separable(&image8, &column8, &row8, mode) {
        Ok(got) => {
            let wide = convolve(&image8.mapv(i64::from), &exact_outer, mode)
                .map_err(|e| format!("i8 separable succeeded, i64 reference fails: {e}"))?;
            if got.mapv(i64::from) != wide {
                return Err(format!("i8: {got} differs from the exact {wide}"));
            }
        }
        Err(ConvError::Overflow { .. }) => {}
        Err(e) => {
            if convolve(&image8, &outer8, mode).err() != Some(e.clone()) {
                return Err(format!(
                    "i8 separable fails with {e} where convolve does not"
                ));
            }
        }
    }
    let image = image.mapv(|v| v as f64);
    let outer = outer.mapv(|v| v as f64);
    let fast = FastConv::new(rng.pick(&[Method::Auto, Method::Direct, Method::Fft]));
    match (
        fast.plan(&image, &outer, mode),
        fast.convolve(&image, &outer, mode),
    ) {
        (Ok(plan), Ok(out)) if plan.output_shape() == out.dim() => Ok(()),
        (Ok(plan), Ok(out)) => Err(format!(
            "plan {:?}, result {:?}",
            plan.output_shape(),
            out.dim()
        )),
        (Err(a), Err(b)) if a == b => Ok(()),
        (plan, out) => Err(format!(
            "plan {:?} but convolve {:?}",
            plan.map(|p| p.output_shape()),
            out.map(|o| o.dim())
        )),
    }
}

fn rank_one(rng: &mut Rng, case: &mut Case) -> Result<(), String> {
    let (kh, kw) = (rng.len(7), rng.len(7));
    case.note(format!("rank_one_factors {kh}x{kw}"));
    let column = Array1::from_shape_fn(kh, |_| rng.unit());
    let row = Array1::from_shape_fn(kw, |_| rng.unit());
    let mut kernel = Array2::from_shape_fn((kh, kw), |(i, j)| column[i] * row[j]);
    let rank_one = !rng.one_in(3);
    if !rank_one && !kernel.is_empty() {
        kernel[[rng.below(kh), rng.below(kw)]] += 0.5;
    }
    if rng.one_in(8) && !kernel.is_empty() {
        kernel[[rng.below(kh), rng.below(kw)]] = f64::NAN;
    }
    let (kv, _) = scramble(rng, kernel.clone().into_dyn());
    let kv = kv.into_dimensionality::<Ix2>().expect("2 axes");
    let factors = rank_one_factors(&kv.view());
    match factors {
        Some((c, r)) => {
            if c.len() != kh || r.len() != kw {
                return Err("factor lengths".into());
            }
            let largest = kernel.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
            for ((i, j), &v) in kernel.indexed_iter() {
                if (c[i] * r[j] - v).abs() > 1e-12 * (1.0 + largest) {
                    return Err(format!("factors rebuild {v} as {}", c[i] * r[j]));
                }
            }
            Ok(())
        }
        None if kernel.is_empty() || !rank_one || kernel.iter().any(|v| v.is_nan()) => Ok(()),
        None => Err("a rank-1 kernel was not split".into()),
    }
}

// ---------------------------------------------------------------------------
// The harness.

fn now_ms(start: Instant) -> u64 {
    start.elapsed().as_millis() as u64
}

#[test]
fn no_input_panics_hangs_aborts_or_disagrees_with_the_definition() {
    let only: Option<usize> = std::env::var("FUZZ_CASE").ok().and_then(|v| v.parse().ok());
    VERBOSE.store(
        std::env::var_os("FUZZ_VERBOSE").is_some(),
        Ordering::Relaxed,
    );
    let cases: usize = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CASES);
    println!(
        "fuzz: seed {SEED:#x}, {cases} cases over {} targets, allocation limit {LIMIT} bytes",
        TARGETS.len()
    );
    let started = Instant::now();
    let done = std::sync::Arc::new(AtomicBool::new(false));
    let watchdog = {
        let done = done.clone();
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let case = CURRENT.load(Ordering::Relaxed);
                let since = now_ms(started).saturating_sub(CASE_START_MS.load(Ordering::Relaxed));
                if case != usize::MAX && since > CASE_TIMEOUT.as_millis() as u64 {
                    eprintln!("fuzz: case {case} (seed {SEED:#x}) hangs (over {CASE_TIMEOUT:?})");
                    std::process::abort();
                }
            }
        })
    };
    let mut failures = Vec::new();
    let mut largest = 0;
    let mut refusals = 0;
    for i in 0..cases {
        if only.is_some_and(|only| only != i) {
            continue;
        }
        let (name, target) = TARGETS[i % TARGETS.len()];
        let mut rng = Rng::for_case(i);
        let mut case = Case::default();
        if VERBOSE.load(Ordering::Relaxed) {
            eprintln!("fuzz: case {i} ({name})");
        }
        LARGEST.store(0, Ordering::Relaxed);
        REFUSED.store(0, Ordering::Relaxed);
        CASE_START_MS.store(now_ms(started), Ordering::Relaxed);
        CURRENT.store(i, Ordering::Relaxed);
        let result = catch_unwind(AssertUnwindSafe(|| target(&mut rng, &mut case)));
        CURRENT.store(usize::MAX, Ordering::Relaxed);
        let refused = REFUSED.load(Ordering::Relaxed);
        largest = largest.max(LARGEST.load(Ordering::Relaxed));
        let problem = match result {
            Err(_) => Some("panicked".to_string()),
            Ok(Err(message)) => Some(message),
            Ok(Ok(())) if refused > 0 && !case.may_refuse => Some(format!(
                "asked for {refused} bytes (limit {LIMIT}) for a result that is not that large"
            )),
            Ok(Ok(())) => None,
        };
        refusals += usize::from(refused > 0);
        if let Some(problem) = problem {
            failures.push(format!(
                "case {i} ({name}): {}: {problem}",
                case.description
            ));
        }
        if only.is_some() {
            println!("case {i} ({name}): {}", case.description);
        }
    }
    done.store(true, Ordering::Relaxed);
    let _ = watchdog.join();
    println!(
        "fuzz: {cases} cases in {:.1} s: {} results checked value by value, {} expected \
         errors; largest allowed request {largest} bytes; {refusals} cases had a result \
         larger than the limit refused",
        started.elapsed().as_secs_f64(),
        VALUES.load(Ordering::Relaxed),
        ERRORS.load(Ordering::Relaxed),
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed (seed {SEED:#x}); replay one with FUZZ_CASE=i:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// [`Mode::output_shape`] of two 2-D shapes, as a pair.
fn output_shape_2d(
    input: (usize, usize),
    kernel: (usize, usize),
    mode: Mode,
) -> Result<(usize, usize), ConvError> {
    mode.output_shape(&[input.0, input.1], &[kernel.0, kernel.1])
        .map(|shape| (shape[0], shape[1]))
}
