//! The direct method: every output is a sum of `kh * kw` products, computed
//! row by row so that the inner loop runs over neighbouring memory.
//!
//! For a block of `BLOCK` neighbouring outputs of one row, the sums are kept in a
//! small array that the compiler holds in vector registers; each kernel tap then
//! costs one (unaligned) vector load and one multiply-add, and the block is
//! stored once at the end. Outputs near the border, where some taps fall outside
//! the input, take a plain loop that skips those taps.

use super::float::{FastFloat, SimdOp, madd};
use super::geometry::AxisPlan;

/// Outputs summed together in registers (4 AVX2 vectors of `f32`).
const BLOCK: usize = 32;
/// A narrower block for what is left of an interior row.
const SMALL_BLOCK: usize = 8;

/// A 2-D correlation of a row-major input with a row-major (already flipped)
/// kernel, writing the output rows `first_row..` into `out`.
pub(crate) struct DirectRows<'a, T> {
    pub input: &'a [T],
    pub kernel: &'a [T],
    pub rows: AxisPlan,
    pub cols: AxisPlan,
    pub first_row: usize,
    pub out: &'a mut [T],
}

impl<T: FastFloat> SimdOp for DirectRows<'_, T> {
    type Output = ();

    #[inline(always)]
    fn run<const FMA: bool>(self) {
        let DirectRows {
            input,
            kernel,
            rows,
            cols,
            first_row,
            out,
        } = self;
        let (iw, kw) = (cols.input, cols.kernel);
        let (lo, hi) = cols.interior();
        for (i, out_row) in out.chunks_exact_mut(cols.out).enumerate() {
            let o_r = first_row + i;
            let (t0, t1) = rows.taps(o_r);
            // (input row, kernel row) pairs that contribute to this output row.
            let pairs = (t0..t1).map(|t| {
                let r = rows.input_at(o_r, t);
                (&input[r * iw..(r + 1) * iw], &kernel[t * kw..(t + 1) * kw])
            });
            let mut c = lo;
            while c + BLOCK <= hi {
                let x = cols.first_input(c);
                block_sum::<T, FMA, BLOCK>(pairs.clone(), x, &mut out_row[c..c + BLOCK]);
                c += BLOCK;
            }
            while c + SMALL_BLOCK <= hi {
                let x = cols.first_input(c);
                block_sum::<T, FMA, SMALL_BLOCK>(
                    pairs.clone(),
                    x,
                    &mut out_row[c..c + SMALL_BLOCK],
                );
                c += SMALL_BLOCK;
            }
            for o_c in (0..lo).chain(c..cols.out) {
                let (s0, s1) = cols.taps(o_c);
                let mut acc = T::zero();
                for (in_row, k_row) in pairs.clone() {
                    for s in s0..s1 {
                        acc = madd::<T, FMA>(k_row[s], in_row[cols.input_at(o_c, s)], acc);
                    }
                }
                out_row[o_c] = acc;
            }
        }
    }
}

/// Sum `N` neighbouring outputs whose taps all fall inside the input; input
/// column `x + s` meets kernel column `s` for the first of them.
#[inline(always)]
pub(crate) fn block_sum<'a, T: FastFloat + 'a, const FMA: bool, const N: usize>(
    pairs: impl Iterator<Item = (&'a [T], &'a [T])>,
    x: usize,
    out: &mut [T],
) {
    let mut acc = [T::zero(); N];
    for (in_row, k_row) in pairs {
        for (s, &w) in k_row.iter().enumerate() {
            let src: &[T; N] = in_row[x + s..x + s + N]
                .try_into()
                .expect("the slice has N elements");
            for (a, &v) in acc.iter_mut().zip(src) {
                *a = madd::<T, FMA>(w, v, *a);
            }
        }
    }
    out.copy_from_slice(&acc);
}
