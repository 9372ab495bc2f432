//! The FFT method, by overlap-save on tiles: the output is cut into tiles of
//! `step_r x step_c` samples, and each tile is computed from a `P x Q` block
//! of the input (the tile and the `kh - 1` rows and `kw - 1` columns before
//! it) by a 2-D transform, a product with the kernel's spectrum (computed once
//! per call, for `P x Q`) and an inverse transform. The circular convolution
//! of the block equals the linear one on the tile, so nothing wraps around.
//!
//! One tile covering the whole output is the textbook method (pad both to at
//! least `(h + kh - 1) x (w + kw - 1)`); for large images smaller tiles do less
//! arithmetic per output (a shorter transform) and keep every pass in cache
//! instead of streaming the whole padded spectrum through memory five times.
//! [`padded_size`] chooses the tile by a small cost rule.
//!
//! Real rows are transformed with `realfft` (half the work of a complex FFT);
//! the half-spectra are then transposed so that the column transforms of
//! `rustfft` run over contiguous memory, all columns of a tile in one call.
//! Plans and buffers are reused between calls (module `fft_cache`).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use realfft::num_complex::Complex;
use rustfft::Fft;

use super::fft_cache::{Buffer, Transforms, transforms};
use super::float::{FastFloat, finite_max_abs};
use super::geometry::AxisPlan;
use super::parallel::for_each_chunk;
use crate::{Allocation, ConvError};

/// The smallest `n' >= n` whose prime factors are all 2, 3, 5 or 7, the
/// lengths for which FFTs are fastest; `None` when no such length fits in
/// `usize` (`n` within a few percent of `usize::MAX`).
///
/// ```
/// use convolution::fast::fft_len;
/// assert_eq!(fft_len(541), Some(560)); // 2^4 * 5 * 7
/// assert_eq!(fft_len(2058), Some(2058)); // 2 * 3 * 7^3
/// assert_eq!(fft_len(1024), Some(1024));
/// assert_eq!(fft_len(usize::MAX - 1), None);
/// ```
///
/// It tries each `2^a 3^b 5^c` below `n` with the smallest power of 7 that
/// reaches `n`: at most a few hundred thousand multiplications for the
/// largest `n`, a few dozen for the sizes of real images.
pub fn fft_len(n: usize) -> Option<usize> {
    let n = n.max(1);
    let mut best: Option<usize> = None;
    let mut p2 = 1usize;
    loop {
        let mut p3 = p2;
        loop {
            let mut p5 = p3;
            loop {
                let mut m = Some(p5);
                while let Some(v) = m
                    && v < n
                {
                    m = v.checked_mul(7).filter(|&v| best.is_none_or(|b| v < b));
                }
                if let Some(v) = m
                    && best.is_none_or(|b| v < b)
                {
                    best = Some(v);
                }
                match p5.checked_mul(5) {
                    Some(v) if p5 < n => p5 = v,
                    _ => break,
                }
            }
            match p3.checked_mul(3) {
                Some(v) if p3 < n => p3 = v,
                _ => break,
            }
        }
        match p2.checked_mul(2) {
            Some(v) if p2 < n => p2 = v,
            _ => break,
        }
    }
    best
}

/// Transform lengths (besides a single tile) that the tiling tries: only
/// factors 2 and 3, the lengths `rustfft` is fastest for.
fn tile_lengths(kernel: usize) -> impl Iterator<Item = usize> {
    (5..=20u32)
        .flat_map(|a| [1usize << a, 3usize << (a - 1)])
        .filter(move |&n| n > kernel)
}

/// The transform length for one tile covering the whole output of this axis
/// (see [`AxisPlan::tile`] for the two conditions), `None` if it does not fit.
fn single_tile_len(a: AxisPlan) -> Option<usize> {
    let one = a.tile(a.out, 0);
    let no_wrap = one.data.checked_add(a.kernel - 1)?.saturating_sub(one.read);
    // At least the kernel's length, so that the kernel itself does not wrap.
    fft_len(no_wrap.max(one.read.checked_add(one.len)?).max(a.kernel))
}

/// The tiling of one axis: transform length `n`, outputs per tile `step`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AxisTiles {
    n: usize,
    step: usize,
}

impl AxisTiles {
    fn count(self, a: AxisPlan) -> usize {
        a.out.div_ceil(self.step)
    }
}

/// The candidate tilings of one axis: one tile, and tiles of the lengths of
/// [`tile_lengths`] shorter than it.
fn axis_candidates(a: AxisPlan) -> Vec<AxisTiles> {
    let single = single_tile_len(a);
    let mut v: Vec<AxisTiles> = tile_lengths(a.kernel)
        .filter(|&n| single.is_none_or(|s| n < s))
        .map(|n| AxisTiles {
            n,
            step: n - a.kernel + 1,
        })
        .collect();
    if let Some(n) = single {
        v.push(AxisTiles {
            n,
            step: a.out.max(1),
        });
    }
    v
}

/// The estimated cost (arbitrary units) of the FFT method with these tilings:
/// the butterflies of the row and column transforms of every tile and of the
/// kernel, the product and the transposes, with a penalty for transforms
/// whose buffers outgrow the cache.
fn tiling_cost(rows: AxisPlan, cols: AxisPlan, r: AxisTiles, c: AxisTiles, value: usize) -> f64 {
    let (p, q) = (r.n as f64, c.n as f64);
    let half = (c.n / 2 + 1) as f64;
    let tiles = r.count(rows) as f64 * c.count(cols) as f64;
    // Rows transformed forward (the block) and back (the tile), per tile.
    let block_rows = r.step.saturating_add(rows.kernel - 1).min(r.n) as f64;
    let tile_rows = r.step.min(rows.out) as f64;
    let row_work = (block_rows + tile_rows) * half * q.log2();
    let column_work = 2.0 * half * p * p.log2();
    let pointwise = 4.0 * half * p;
    let kernel = rows.kernel as f64 * half * q.log2() + half * p * p.log2();
    // In floats: a single tile of a huge image may not fit in `usize` bytes.
    let penalty = cache_penalty(half * p * 2.0 * value as f64);
    (tiles * (row_work + column_work + pointwise) + kernel) * penalty
}

/// How much slower a transform runs when its buffer of `bytes` no longer
/// fits in the 1 MiB level-2 cache, then in a share of the level-3 cache.
fn cache_penalty(bytes: f64) -> f64 {
    const L2_SHARE: f64 = (512 << 10) as f64;
    const L3_SHARE: f64 = (4 << 20) as f64;
    if bytes <= L2_SHARE {
        1.0
    } else if bytes <= L3_SHARE {
        1.15
    } else {
        1.6
    }
}

/// The FFT method's tiling for these axes and the bytes its buffers take
/// (the kernel spectrum and one thread's two tile buffers): `None` when no
/// transform length or buffer size fits in `usize`.
pub(crate) fn padded_size<T: FastFloat>(rows: AxisPlan, cols: AxisPlan) -> Option<FftSize> {
    let value = size_of::<Complex<T>>();
    let (row_options, col_options) = (axis_candidates(rows), axis_candidates(cols));
    let mut best: Option<(f64, AxisTiles, AxisTiles)> = None;
    for &r in &row_options {
        for &c in &col_options {
            let cost = tiling_cost(rows, cols, r, c, value);
            if best.is_none_or(|(b, _, _)| cost < b) {
                best = Some((cost, r, c));
            }
        }
    }
    let (cost, r, c) = best?;
    // Beyond this the transforms would run for minutes (a 200000-long kernel
    // makes every tile 200000 long): too large, as its whole-image spectra
    // would be; the direct and automatic methods do such shapes quickly.
    const MAX_WORK: f64 = 1e11;
    if cost > MAX_WORK {
        return None;
    }
    let bytes = (c.n / 2 + 1)
        .checked_mul(r.n)?
        .checked_mul(3)?
        .checked_mul(value)?;
    (bytes <= isize::MAX as usize).then_some(FftSize {
        p: r.n,
        q: c.n,
        step_r: r.step,
        step_c: c.step,
        bytes,
    })
}

/// The FFT method's tiling: transforms of `p x q`, output tiles of
/// `step_r x step_c` (the last ones in each direction may be smaller), and
/// the bytes of its buffers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FftSize {
    pub p: usize,
    pub q: usize,
    pub step_r: usize,
    pub step_c: usize,
    pub bytes: usize,
}

/// Where one tile of one axis sits.
#[derive(Debug, Clone, Copy)]
struct Span {
    /// First output of the tile.
    out: usize,
    /// Outputs in the tile.
    len: usize,
    /// First input sample of the block.
    lo: usize,
    /// Input samples in the block (the rest of the transform is zeros).
    data: usize,
    /// Where the tile's first output sits in the block's circular result.
    read: usize,
}

impl AxisPlan {
    /// Tile `t` of outputs `t * step..`: outputs `o` are full-result indices
    /// `f = f0 + o` with `f0 = offset + k - 1`, which need inputs
    /// `f - (k - 1)..=f`. The block holds inputs `lo..lo + data` and a
    /// transform of length `n` gives the tile without wrapping around when
    /// `n >= read + len` and `n >= data - read + k - 1`; for `step = n - k + 1`
    /// both hold.
    fn tile(self, step: usize, t: usize) -> Span {
        let out = t * step;
        let len = step.min(self.out - out);
        let f0 = (self.offset + self.kernel as isize - 1) as usize + out;
        let lo = (out as isize + self.offset).max(0) as usize;
        let hi = self.input.min(f0 + len);
        Span {
            out,
            len,
            lo,
            data: hi - lo,
            read: f0 - lo,
        }
    }
}

/// One thread's buffers: the block's row spectra (`p x half`, row-major),
/// its 2-D spectrum stored by columns (`half x p`) and the columns' scratch.
struct Worker<T: FastFloat> {
    rows: Buffer<T>,
    columns: Buffer<T>,
    column_scratch: Vec<Complex<T>>,
}

impl<T: FastFloat> Worker<T> {
    fn new(plan: &Transforms<T>, p: usize, q: usize) -> Result<Self, ConvError> {
        let half = q / 2 + 1;
        let column_scratch = plan
            .column_forward
            .get_inplace_scratch_len()
            .max(plan.column_inverse.get_inplace_scratch_len());
        Ok(Worker {
            rows: Buffer::new(p * half, &[p, half])?,
            columns: Buffer::new(p * half, &[half, p])?,
            column_scratch: vec![Complex::default(); column_scratch],
        })
    }
}

/// `dst[(j - j0) * dst_stride + i] = src[i * src_stride + j]` for `i < a` and
/// `j` in `j0..j1`, in tiles so that both sides stay in cache.
fn transpose<V: Copy>(
    src: &[V],
    src_stride: usize,
    a: usize,
    (j0, j1): (usize, usize),
    dst: &mut [V],
    dst_stride: usize,
) {
    const TILE: usize = 16;
    for i0 in (0..a).step_by(TILE) {
        for jt in (j0..j1).step_by(TILE) {
            for j in jt..(jt + TILE).min(j1) {
                let d = &mut dst[(j - j0) * dst_stride..];
                for i in i0..(i0 + TILE).min(a) {
                    d[i] = src[i * src_stride + j];
                }
            }
        }
    }
}

/// Run `fft` on every length-`p` column of `data`, on threads if `parallel`.
fn columns<T: FastFloat>(
    data: &mut [Complex<T>],
    p: usize,
    fft: &dyn Fft<T>,
    scratch: &mut [Complex<T>],
    parallel: bool,
) {
    if !parallel {
        // All columns in one call: rustfft runs them back to back.
        fft.process_with_scratch(data, scratch);
        return;
    }
    let count = data.len() / p;
    let per_chunk = count.div_ceil(4 * rayon::current_num_threads()).max(1);
    for_each_chunk(
        true,
        data,
        per_chunk * p,
        || vec![Complex::default(); fft.get_inplace_scratch_len()],
        |scratch, _, chunk| fft.process_with_scratch(chunk, scratch),
    );
}

/// The exponent of a power of two near `1 / largest`, for the largest
/// magnitude of some data ([`finite_max_abs`]): scaling by it is exact and
/// keeps the spectra far from overflow (an `f32` image of `1e36` would
/// otherwise overflow the transforms and come out as NaN). The exponent is
/// clamped so that the factor itself is a normal number.
fn normaliser<T: FastFloat>(largest: T) -> i32 {
    if largest == T::zero() || !largest.is_finite() {
        return 0;
    }
    let limit = T::max_value().log2().to_i32().unwrap_or(100) - 30;
    largest
        .log2()
        .floor()
        .to_i32()
        .unwrap_or(0)
        .clamp(-limit, limit)
}

/// `2^e` in `T` (for `|e|` up to the clamp of [`normaliser`]).
fn power_of_two<T: FastFloat>(e: i32) -> T {
    (T::one() + T::one()).powi(e)
}

/// What every tile of one call shares.
struct Shared<'a, T: FastFloat> {
    input: &'a [T],
    rows: AxisPlan,
    cols: AxisPlan,
    size: FftSize,
    plan: &'a Transforms<T>,
    /// The kernel's spectrum for `p x q`, by columns, divided by `p q`.
    kernel: &'a [Complex<T>],
    /// The input's normalising factor, and the two factors that undo both.
    scale: T,
    undo: (T, T),
}

impl<T: FastFloat> Shared<'_, T> {
    /// Compute output tile `(tr, tc)` into `band`, the output rows of tile row
    /// `tr` (`cols.out` values each).
    fn tile(&self, w: &mut Worker<T>, tr: usize, tc: usize, band: &mut [T], parallel: bool) {
        let FftSize {
            p,
            q,
            step_r,
            step_c,
            ..
        } = self.size;
        let half = q / 2 + 1;
        let (r, c) = (self.rows.tile(step_r, tr), self.cols.tile(step_c, tc));
        let width = self.cols.input;
        let scale = self.scale;
        let plan = self.plan;
        // Row transforms of the block's rows that hold input.
        let input = self.input;
        for_each_chunk(
            parallel,
            &mut w.rows[..r.data * half],
            half,
            || (vec![T::zero(); q], plan.row_forward.make_scratch_vec()),
            |(real, scratch), i, out| {
                let start = (r.lo + i) * width + c.lo;
                for (b, &x) in real.iter_mut().zip(&input[start..start + c.data]) {
                    *b = x * scale;
                }
                real[c.data..].fill(T::zero());
                plan.row_forward
                    .process_with_scratch(real, out, scratch)
                    .expect("buffer lengths come from the plan");
            },
        );
        spectrum_columns(&w.rows, r.data, half, p, &mut w.columns);
        columns(
            &mut w.columns,
            p,
            &*plan.column_forward,
            &mut w.column_scratch,
            parallel,
        );
        for (a, &b) in w.columns.iter_mut().zip(self.kernel) {
            *a = *a * b;
        }
        columns(
            &mut w.columns,
            p,
            &*plan.column_inverse,
            &mut w.column_scratch,
            parallel,
        );
        // The tile's rows of the circular result, back to row-major half-spectra.
        transpose(
            &w.columns,
            p,
            half,
            (r.read, r.read + r.len),
            &mut w.rows,
            half,
        );
        let ow = self.cols.out;
        let (first, second) = self.undo;
        let rows_done = &mut w.rows[..r.len * half];
        let band = &mut band[..r.len * ow];
        // Pair each spectrum row with its output row (chunks of equal count).
        let mut pairs: Vec<(&mut [Complex<T>], &mut [T])> = rows_done
            .chunks_mut(half)
            .zip(band.chunks_mut(ow))
            .collect();
        for_each_chunk(
            parallel,
            &mut pairs,
            1,
            || (vec![T::zero(); q], plan.row_inverse.make_scratch_vec()),
            |(real, scratch), _, pair| {
                let (spectrum, out_row) = &mut pair[0];
                // A real signal's spectrum is real at 0 and at Q/2; drop rounding noise.
                spectrum[0].im = T::zero();
                if q.is_multiple_of(2) {
                    spectrum[half - 1].im = T::zero();
                }
                plan.row_inverse
                    .process_with_scratch(spectrum, real, scratch)
                    .expect("buffer lengths come from the plan");
                let dst = &mut out_row[c.out..c.out + c.len];
                for (o, &v) in dst.iter_mut().zip(&real[c.read..c.read + c.len]) {
                    *o = v * first * second;
                }
            },
        );
    }
}

/// The row spectra `rows` (`data x half`, row-major) into the columns of
/// `columns` (`half x p`), with zeros below row `data`.
fn spectrum_columns<T: FastFloat>(
    rows: &[Complex<T>],
    data: usize,
    half: usize,
    p: usize,
    columns: &mut [Complex<T>],
) {
    transpose(rows, half, data, (0, half), columns, p);
    for column in columns.chunks_mut(p) {
        column[data..].fill(Complex::default());
    }
}

/// Full-size linear convolution by FFT, cut to the plans' output windows and
/// written row-major into `out`. `input` is `rows.input x cols.input` and
/// `kernel` is `rows.kernel x cols.kernel` (not flipped: the FFT convolves);
/// `size` is [`padded_size`] of the two axes, `None` if it does not fit.
///
/// Both are scaled by powers of two to a largest magnitude near 1 first and
/// the result scaled back, which changes no bit of a result that does not
/// overflow and keeps large finite values finite.
///
/// # Errors
/// [`ConvError::TooLarge`] when the buffers do not fit in memory, checked
/// before they are allocated.
pub(crate) fn fft_convolve<T: FastFloat>(
    input: &[T],
    kernel: &[T],
    rows: AxisPlan,
    cols: AxisPlan,
    size: Option<FftSize>,
    parallel: bool,
    out: &mut [T],
) -> Result<(), ConvError> {
    let too_large = |bytes| ConvError::TooLarge {
        what: Allocation::FftBuffers,
        shape: vec![
            rows.input.saturating_add(rows.kernel - 1),
            cols.input.saturating_add(cols.kernel - 1),
        ],
        bytes,
    };
    let size = size.ok_or_else(|| too_large(None))?;
    let FftSize { p, q, bytes, .. } = size;
    let half = q / 2 + 1;
    // The buffers first, so that a size the system refuses is an error before
    // any planning or work.
    let refused = |_| too_large(Some(bytes));
    let mut kernel_spectrum = Buffer::<T>::new(half * p, &[half, p]).map_err(refused)?;
    let plan = transforms::<T>(p, q);
    let mut worker = Worker::new(&plan, p, q).map_err(refused)?;

    // The kernel's spectrum, once: only its `kh` rows need row transforms.
    let (Some(input_max), Some(kernel_max)) = (finite_max_abs(input), finite_max_abs(kernel))
    else {
        // One transform would spread a NaN or an infinity over the whole
        // output, tiles only over theirs: keep the documented result, NaN everywhere.
        out.fill(T::nan());
        return Ok(());
    };
    let (e_input, e_kernel) = (normaliser(input_max), normaliser(kernel_max));
    let kernel_scale = power_of_two::<T>(-e_kernel);
    let (kh, kw) = (rows.kernel, cols.kernel);
    let (mut real, mut scratch) = (vec![T::zero(); q], plan.row_forward.make_scratch_vec());
    for (i, out_row) in worker.rows[..kh * half].chunks_mut(half).enumerate() {
        for (b, &x) in real.iter_mut().zip(&kernel[i * kw..(i + 1) * kw]) {
            *b = x * kernel_scale;
        }
        real[kw..].fill(T::zero());
        plan.row_forward
            .process_with_scratch(&mut real, out_row, &mut scratch)
            .expect("buffer lengths come from the plan");
    }
    spectrum_columns(&worker.rows, kh, half, p, &mut kernel_spectrum);
    columns(
        &mut kernel_spectrum,
        p,
        &*plan.column_forward,
        &mut worker.column_scratch,
        parallel,
    );
    // The inverse transforms leave a factor P * Q; divide it out here, once.
    let inverse_scale = T::one() / T::from(p as f64 * q as f64).unwrap_or_else(T::one);
    for v in kernel_spectrum.iter_mut() {
        *v = *v * inverse_scale;
    }
    // Undo the normalisation, the smaller factor first so that the product of
    // the two never overflows on its own.
    let (first, second) = (e_input.min(e_kernel), e_input.max(e_kernel));
    let shared = Shared {
        input,
        rows,
        cols,
        size,
        plan: &plan,
        kernel: &kernel_spectrum,
        scale: power_of_two(-e_input),
        undo: (power_of_two(first), power_of_two(second)),
    };

    let (bands, across) = (
        rows.out.div_ceil(size.step_r),
        cols.out.div_ceil(size.step_c),
    );
    // Threads take whole bands of tiles; a single band spreads each tile's
    // transforms over the threads instead.
    let inner = parallel && bands == 1;
    let spare = Mutex::new(Some(worker));
    let failed = AtomicBool::new(false);
    for_each_chunk(
        parallel && bands > 1,
        out,
        size.step_r * cols.out,
        || {
            let spare = spare.lock().ok().and_then(|mut s| s.take());
            spare.or_else(|| Worker::new(&plan, p, q).ok())
        },
        |worker, tr, band| match worker {
            Some(w) => (0..across).for_each(|tc| shared.tile(w, tr, tc, band, inner)),
            None => failed.store(true, Ordering::Relaxed),
        },
    );
    if failed.load(Ordering::Relaxed) {
        return Err(too_large(Some(bytes)));
    }
    Ok(())
}
