//! The separable method: a rank-1 kernel `u v^T` is applied as a 1-D filter
//! along the rows (`v`) followed by a 1-D filter down the columns (`u`), which
//! costs `kh + kw` multiply-adds per output instead of `kh * kw`.
//!
//! The row-filtered rows are kept in a ring of `kh` rows, so the intermediate
//! image is never stored whole: each row is filtered once, used by the `kh`
//! output rows that need it, and then overwritten.

use ndarray::{Array1, ArrayView2};

use super::direct::block_sum;
use super::float::{FastFloat, SimdOp, madd};
use super::geometry::AxisPlan;

const BLOCK: usize = 32;

/// Convolve output rows `first_row..` of a separable filter: `column` (flipped)
/// down the columns and `row` (flipped) along the rows.
pub(crate) struct SeparableRows<'a, T> {
    pub input: &'a [T],
    pub column: &'a [T],
    pub row: &'a [T],
    pub rows: AxisPlan,
    pub cols: AxisPlan,
    pub first_row: usize,
    pub out: &'a mut [T],
}

impl<T: FastFloat> SimdOp for SeparableRows<'_, T> {
    type Output = ();

    #[inline(always)]
    fn run<const FMA: bool, const WIDE: bool>(self) {
        let SeparableRows {
            input,
            column,
            row,
            rows,
            cols,
            first_row,
            out,
        } = self;
        // An output row needs at most kh input rows, and never more than the
        // input has: a tall kernel on a short image keeps a short ring.
        let (iw, ow) = (cols.input, cols.out);
        let kh = rows.kernel.min(rows.input).max(1);
        let mut ring = vec![T::zero(); kh * ow];
        let mut next = 0;
        for (i, out_row) in out.chunks_exact_mut(ow).enumerate() {
            let o_r = first_row + i;
            let (t0, t1) = rows.taps(o_r);
            if t0 == t1 {
                out_row.fill(T::zero());
                continue;
            }
            let (needed, end) = (rows.input_at(o_r, t0), rows.input_at(o_r, t1 - 1) + 1);
            next = next.max(needed);
            while next < end {
                let slot = &mut ring[(next % kh) * ow..][..ow];
                filter_row::<T, FMA>(&input[next * iw..(next + 1) * iw], row, cols, slot);
                next += 1;
            }
            let taps = (t0..t1).map(|t| {
                let r = rows.input_at(o_r, t);
                (&ring[(r % kh) * ow..][..ow], column[t])
            });
            let mut c = 0;
            while c + BLOCK <= ow {
                let mut acc = [T::zero(); BLOCK];
                for (filtered, w) in taps.clone() {
                    let src: &[T; BLOCK] = filtered[c..c + BLOCK]
                        .try_into()
                        .expect("the slice has BLOCK elements");
                    for (a, &v) in acc.iter_mut().zip(src) {
                        *a = madd::<T, FMA>(w, v, *a);
                    }
                }
                out_row[c..c + BLOCK].copy_from_slice(&acc);
                c += BLOCK;
            }
            for (o_c, o) in out_row.iter_mut().enumerate().skip(c) {
                *o = taps.clone().fold(T::zero(), |acc, (filtered, w)| {
                    madd::<T, FMA>(w, filtered[o_c], acc)
                });
            }
        }
    }
}

/// One input row correlated with the flipped row kernel, in the columns' mode.
#[inline(always)]
fn filter_row<T: FastFloat, const FMA: bool>(
    input: &[T],
    kernel: &[T],
    cols: AxisPlan,
    out: &mut [T],
) {
    let (lo, hi) = cols.interior();
    let mut c = lo;
    while c + BLOCK <= hi {
        block_sum::<T, T, FMA, BLOCK>(
            [(input, kernel)].into_iter(),
            cols.first_input(c),
            &mut out[c..c + BLOCK],
        );
        c += BLOCK;
    }
    for o_c in (0..lo).chain(c..cols.out) {
        let (s0, s1) = cols.taps(o_c);
        out[o_c] = (s0..s1).fold(T::zero(), |acc, s| {
            madd::<T, FMA>(kernel[s], input[cols.input_at(o_c, s)], acc)
        });
    }
}

/// Split a kernel into a column and a row, `kernel = column * row^T`, if it has
/// rank one (within rounding) or is all zeros; `None` otherwise.
///
/// The largest entry `kernel[p, q]` is the pivot: `column = kernel[.., q]` and
/// `row = kernel[p, ..] / kernel[p, q]`. The kernel counts as rank one when every
/// entry is within `16 (kh + kw) eps max|kernel|` of the product.
///
/// ```
/// use convolution::fast::rank_one_factors;
/// use ndarray::array;
/// let sobel_x = array![[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]];
/// let (column, row) = rank_one_factors(&sobel_x.view()).expect("Sobel is separable");
/// assert_eq!(column, array![1.0, 2.0, 1.0]);
/// assert_eq!(row, array![1.0, 0.0, -1.0]);
/// assert!(rank_one_factors(&array![[1.0, 0.0], [0.0, 1.0]].view()).is_none());
/// ```
pub fn rank_one_factors<T: FastFloat>(
    kernel: &ArrayView2<'_, T>,
) -> Option<(Array1<T>, Array1<T>)> {
    // The first entry of largest magnitude (so Sobel's pivot is its first 2).
    let mut best: Option<((usize, usize), T)> = None;
    for (at, &x) in kernel.indexed_iter() {
        if best.is_none_or(|(_, b)| x.abs() > b.abs()) {
            best = Some((at, x));
        }
    }
    let ((p, q), pivot) = best?;
    if !pivot.is_finite() {
        return None;
    }
    let (kh, kw) = kernel.dim();
    if pivot == T::zero() {
        // All zeros: rank zero, and 0 * 0^T rebuilds it.
        return Some((Array1::zeros(kh), Array1::zeros(kw)));
    }
    let column = kernel.column(q).to_owned();
    let row = kernel.row(p).mapv(|x| x / pivot);
    let tolerance = T::from(16 * (kh + kw)).expect("small integer") * T::epsilon() * pivot.abs();
    let fits = kernel
        .indexed_iter()
        .all(|((i, j), &x)| (x - column[i] * row[j]).abs() <= tolerance);
    fits.then_some((column, row))
}
