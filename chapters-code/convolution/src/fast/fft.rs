//! The FFT method: zero-pad image and kernel to a common size `P x Q` of at
//! least `(h + kh - 1) x (w + kw - 1)`, transform both, multiply, transform
//! back and cut out the mode's window. The cost hardly depends on the kernel
//! size: about `P Q log2(P Q)` operations for each of the three transforms.
//!
//! Real rows are transformed with `realfft` (half the work of a complex FFT);
//! the half-spectra are then transposed so that the column transforms of
//! `rustfft` also run over contiguous memory.

use std::sync::Arc;

use realfft::num_complex::Complex;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};
use rustfft::{Fft, FftPlanner};

use super::float::FastFloat;
use super::geometry::AxisPlan;
use super::parallel::for_each_chunk;
use crate::engine::try_vec;
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

/// The padded FFT size `P x Q` for these axes, and the bytes its buffers
/// take: `None` when a padded length or a buffer size does not fit in `usize`.
pub(crate) fn padded_size(rows: AxisPlan, cols: AxisPlan) -> Option<FftSize> {
    let p = fft_len(rows.input.checked_add(rows.kernel - 1)?)?;
    let q = fft_len(cols.input.checked_add(cols.kernel - 1)?)?;
    // Two spectra of (Q/2 + 1) x P complex values, and the row pass of the input.
    let half = q / 2 + 1;
    let complex = half
        .checked_mul(p)?
        .checked_mul(2)?
        .checked_add(half.checked_mul(rows.input)?)?;
    let bytes = complex.checked_mul(2 * size_of::<f64>())?;
    (bytes <= isize::MAX as usize).then_some(FftSize { p, q, bytes })
}

/// The padded size `p x q` of the FFT method, and the bytes of its buffers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FftSize {
    pub p: usize,
    pub q: usize,
    pub bytes: usize,
}

/// Transforms for one padded size.
struct Plan<T: FastFloat> {
    p: usize,
    q: usize,
    row_forward: Arc<dyn RealToComplex<T>>,
    row_inverse: Arc<dyn ComplexToReal<T>>,
    column_forward: Arc<dyn Fft<T>>,
    column_inverse: Arc<dyn Fft<T>>,
}

impl<T: FastFloat> Plan<T> {
    fn new(p: usize, q: usize) -> Self {
        let mut real = RealFftPlanner::<T>::new();
        let mut complex = FftPlanner::<T>::new();
        Plan {
            p,
            q,
            row_forward: real.plan_fft_forward(q),
            row_inverse: real.plan_fft_inverse(q),
            column_forward: complex.plan_fft_forward(p),
            column_inverse: complex.plan_fft_inverse(p),
        }
    }

    /// Number of complex values in the half-spectrum of a row.
    fn half(&self) -> usize {
        self.q / 2 + 1
    }

    /// The 2-D spectrum of a row-major `h x w` block (zero-padded to `P x Q`),
    /// stored transposed: frequency column `c` is `out[c * P..(c + 1) * P]`.
    fn spectrum(
        &self,
        data: &[T],
        w: usize,
        scale: T,
        parallel: bool,
        columns: &mut [Complex<T>],
    ) -> Result<(), ConvError> {
        let (p, qc) = (self.p, self.half());
        let h = data.len() / w;
        let mut rows = complex_zeros(h * qc, &[h, qc])?;
        for_each_chunk(
            parallel,
            &mut rows,
            qc,
            || (vec![T::zero(); self.q], self.row_forward.make_scratch_vec()),
            |(buf, scratch), r, out| {
                for (b, &x) in buf.iter_mut().zip(&data[r * w..(r + 1) * w]) {
                    *b = x * scale;
                }
                buf[w..].fill(T::zero());
                self.row_forward
                    .process_with_scratch(buf, out, scratch)
                    .expect("buffer lengths come from the plan");
            },
        );
        // Rows h..P of every column are the zero padding.
        columns.fill(Complex::default());
        transpose(&rows, h, qc, columns, p);
        drop(rows);
        self.columns(columns, &self.column_forward, parallel);
        Ok(())
    }

    /// Run `fft` on every length-`P` column of the transposed spectrum.
    fn columns(&self, data: &mut [Complex<T>], fft: &Arc<dyn Fft<T>>, parallel: bool) {
        let p = self.p;
        for_each_chunk(
            parallel,
            data,
            p,
            || vec![Complex::default(); fft.get_inplace_scratch_len()],
            |scratch, _, column| fft.process_with_scratch(column, scratch),
        );
    }
}

/// Rows `a x b` of `src` into columns of `dst` (`dst[j * stride + i] = src[i * b + j]`),
/// in tiles so that both sides stay in cache.
fn transpose<V: Copy>(src: &[V], a: usize, b: usize, dst: &mut [V], stride: usize) {
    const TILE: usize = 32;
    for i0 in (0..a).step_by(TILE) {
        for j0 in (0..b).step_by(TILE) {
            for i in i0..(i0 + TILE).min(a) {
                for j in j0..(j0 + TILE).min(b) {
                    dst[j * stride + i] = src[i * b + j];
                }
            }
        }
    }
}

/// `count` complex zeros, allocated fallibly.
fn complex_zeros<T: FastFloat>(
    count: usize,
    shape: &[usize],
) -> Result<Vec<Complex<T>>, ConvError> {
    let mut v = try_vec(count, shape, Allocation::FftBuffers)?;
    v.resize(count, Complex::default());
    Ok(v)
}

/// A power of two near `1 / max|x|`, and its exponent: scaling by it is exact
/// and keeps the spectra far from overflow (an `f32` image of `1e36` would
/// otherwise overflow the transforms and come out as NaN). The exponent is
/// clamped so that the factor itself is a normal number.
fn normaliser<T: FastFloat>(data: &[T]) -> i32 {
    let largest = data
        .iter()
        .fold(T::zero(), |m, &x| if x.abs() > m { x.abs() } else { m });
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
/// [`ConvError::TooLarge`] when the padded spectra do not fit in memory,
/// checked before they are allocated.
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
    let FftSize { p, q, bytes } = size.ok_or_else(|| too_large(None))?;
    // The two large buffers first, so that a size the system refuses is an
    // error before any planning or work.
    let spectrum_len = (q / 2 + 1) * p;
    let refused = |_| too_large(Some(bytes));
    let mut product = complex_zeros::<T>(spectrum_len, &[q / 2 + 1, p]).map_err(refused)?;
    let mut kernel_spectrum = complex_zeros::<T>(spectrum_len, &[q / 2 + 1, p]).map_err(refused)?;
    let plan = Plan::<T>::new(p, q);
    let (e_input, e_kernel) = (normaliser(input), normaliser(kernel));
    plan.spectrum(
        input,
        cols.input,
        power_of_two(-e_input),
        parallel,
        &mut product,
    )?;
    plan.spectrum(
        kernel,
        cols.kernel,
        power_of_two(-e_kernel),
        parallel,
        &mut kernel_spectrum,
    )?;
    // The inverse transforms leave a factor P * Q; divide it out here, once.
    let scale = T::one() / T::from(p as f64 * q as f64).unwrap_or_else(T::one);
    for (a, b) in product.iter_mut().zip(&kernel_spectrum) {
        *a = *a * *b * scale;
    }
    drop(kernel_spectrum);
    // Undo the normalisation, the smaller factor first so that the product of
    // the two never overflows on its own.
    let (first, second) = (e_input.min(e_kernel), e_input.max(e_kernel));
    let (first, second) = (power_of_two::<T>(first), power_of_two::<T>(second));
    plan.columns(&mut product, &plan.column_inverse, parallel);

    // Full-result row f sits at (k - 1) + offset + o for output o of the mode.
    let row_start = (rows.offset + rows.kernel as isize - 1) as usize;
    let col_start = (cols.offset + cols.kernel as isize - 1) as usize;
    let (qc, ow) = (plan.half(), cols.out);
    let product = &product;
    for_each_chunk(
        parallel,
        out,
        ow,
        || {
            (
                vec![Complex::<T>::default(); qc],
                vec![T::zero(); q],
                plan.row_inverse.make_scratch_vec(),
            )
        },
        |(half, real, scratch), o, out_row| {
            let f = row_start + o;
            for (c, v) in half.iter_mut().enumerate() {
                *v = product[c * p + f];
            }
            // A real signal's spectrum is real at 0 and at Q/2; drop rounding noise.
            half[0].im = T::zero();
            if q.is_multiple_of(2) {
                half[qc - 1].im = T::zero();
            }
            plan.row_inverse
                .process_with_scratch(half, real, scratch)
                .expect("buffer lengths come from the plan");
            for (o, &v) in out_row.iter_mut().zip(&real[col_start..col_start + ow]) {
                *o = v * first * second;
            }
        },
    );
    Ok(())
}
