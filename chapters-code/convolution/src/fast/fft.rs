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

/// The smallest `n' >= n` whose prime factors are all 2, 3, 5 or 7, the
/// lengths for which FFTs are fastest.
///
/// ```
/// use convolution::fast_fft_len;
/// assert_eq!(fast_fft_len(541), 560); // 2^4 * 5 * 7
/// assert_eq!(fast_fft_len(2058), 2058); // 2 * 3 * 7^3
/// assert_eq!(fast_fft_len(1024), 1024);
/// ```
pub fn fast_fft_len(n: usize) -> usize {
    let smooth = |mut m: usize| {
        for p in [2, 3, 5, 7] {
            while m.is_multiple_of(p) {
                m /= p;
            }
        }
        m == 1
    };
    (n.max(1)..)
        .find(|&m| smooth(m))
        .expect("a 7-smooth number exists above any n")
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
    fn spectrum(&self, data: &[T], w: usize, parallel: bool) -> Vec<Complex<T>> {
        let (p, qc) = (self.p, self.half());
        let h = data.len() / w;
        let mut rows = vec![Complex::default(); h * qc];
        for_each_chunk(
            parallel,
            &mut rows,
            qc,
            || (vec![T::zero(); self.q], self.row_forward.make_scratch_vec()),
            |(buf, scratch), r, out| {
                buf[..w].copy_from_slice(&data[r * w..(r + 1) * w]);
                buf[w..].fill(T::zero());
                self.row_forward
                    .process_with_scratch(buf, out, scratch)
                    .expect("buffer lengths come from the plan");
            },
        );
        let mut columns = vec![Complex::default(); qc * p];
        transpose(&rows, h, qc, &mut columns, p);
        self.columns(&mut columns, &self.column_forward, parallel);
        columns
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

/// Full-size linear convolution by FFT, cut to the plans' output windows and
/// written row-major into `out`. `input` is `rows.input x cols.input` and
/// `kernel` is `rows.kernel x cols.kernel` (not flipped: the FFT convolves).
pub(crate) fn fft_convolve<T: FastFloat>(
    input: &[T],
    kernel: &[T],
    rows: AxisPlan,
    cols: AxisPlan,
    parallel: bool,
    out: &mut [T],
) {
    let p = fast_fft_len(rows.input + rows.kernel - 1);
    let q = fast_fft_len(cols.input + cols.kernel - 1);
    let plan = Plan::<T>::new(p, q);
    let mut product = plan.spectrum(input, cols.input, parallel);
    let kernel_spectrum = plan.spectrum(kernel, cols.kernel, parallel);
    // The inverse transforms leave a factor P * Q; divide it out here, once.
    let scale = T::one() / T::from(p * q).expect("a size fits in a float");
    for (a, b) in product.iter_mut().zip(&kernel_spectrum) {
        *a = *a * *b * scale;
    }
    drop(kernel_spectrum);
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
            out_row.copy_from_slice(&real[col_start..col_start + ow]);
        },
    );
}
