//! The direct method: every output is a sum of `kh * kw` products.
//!
//! The output is cut into blocks of `R` rows by `N` columns whose `R * N`
//! sums stay in vector registers while the kernel is applied: each input row
//! under the block is read once, `N` samples at a time, and every such load
//! feeds the `R` output rows it belongs to (through `R` different kernel rows).
//! `R * N / lanes` independent sums hide the multiply-add's latency (about 8
//! are needed to keep two FMA units busy), and one load serves `R` of them.
//!
//! A block whose taps all fall inside the input reads the input in place. A
//! block on the border, or cut short by the edge of the output, first copies
//! the input under it into a small zero-padded tile, so it runs the same
//! vector loop; only its valid outputs are stored. A tap outside the input
//! then meets a zero, which is the same sum as skipping it, except when a
//! kernel weight is NaN or infinite (`0 * inf` is NaN): such kernels take the
//! plain loop that skips those taps, as the reference does.

use std::mem::MaybeUninit;

use super::float::{FastFloat, SimdOp, madd};
use super::geometry::AxisPlan;

/// An element of the output the direct loops write into, each exactly once:
/// an initialised output, or the spare capacity of a fresh one (see
/// `Plan::fresh`), which then needs neither zeroing nor a copy.
pub(crate) trait Slot<T>: Send {
    fn put(&mut self, x: T);
}

impl<T: FastFloat> Slot<T> for T {
    #[inline(always)]
    fn put(&mut self, x: T) {
        *self = x;
    }
}

impl<T: FastFloat> Slot<T> for MaybeUninit<T> {
    #[inline(always)]
    fn put(&mut self, x: T) {
        self.write(x);
    }
}

/// `out[i] = values[i]` for every `i` (the slices are the same length).
#[inline(always)]
fn put_all<T: Copy, O: Slot<T>>(out: &mut [O], values: &[T]) {
    for (o, &x) in out.iter_mut().zip(values) {
        o.put(x);
    }
}

/// A 2-D correlation of a row-major input with a row-major (already flipped)
/// kernel, writing the output rows `first_row..` into `out`, every element once.
pub(crate) struct DirectRows<'a, T, O> {
    pub input: &'a [T],
    pub kernel: &'a [T],
    pub rows: AxisPlan,
    pub cols: AxisPlan,
    pub first_row: usize,
    pub out: &'a mut [O],
}

impl<T: FastFloat, O: Slot<T>> SimdOp for DirectRows<'_, T, O> {
    type Output = ();

    #[inline(always)]
    fn run<const FMA: bool, const WIDE: bool>(self) {
        if !self.kernel.iter().all(|w| w.is_finite()) {
            return plain_rows::<T, O, FMA>(self);
        }
        // Blocks of R x N sums, measured single-threaded on 512 x 512 and
        // 2048 x 2048 'same' (best and median of 30 calls). With AVX2 (AMD
        // EPYC, 16 vector registers): f32 2 x 32 (k3 0.17 ms against 0.22 for
        // the earlier one-row loop, k11 1.25 against 2.5), f64 2 x 16 from
        // k = 7 (k11 2.3 against 3.3), the one-row loop below that. With
        // AVX-512 (Intel Xeon, 32 registers of twice the width), 3 x 32 for
        // f32 and 3 x 24 for f64 were the best of 2-6 rows by 16-64 columns:
        // f32 512 k3 0.084 ms (0.098 with AVX2), k5 0.17 (0.23), k11 0.77
        // (0.97); f64 512 k3 0.18 (0.23), k5 0.31 (0.47), k11 1.4 (2.4).
        // Sizes 3 and 5 are compiled apart so that the compiler, knowing the
        // loop bounds, unrolls the kernel loops: with AVX-512 that took f32
        // 512 k5 from 0.23 ms to 0.17; with AVX2 and its 16 registers the
        // unrolled k = 5 was slower (0.28 ms), so there only k = 3 is.
        let (kh, kw) = (self.rows.kernel, self.cols.kernel);
        macro_rules! wide {
            ($r:literal, $n:literal) => {
                match (kh, kw) {
                    (3, 3) => blocked_rows::<T, O, FMA, $r, $n>(self, 3, 3),
                    (5, 5) => blocked_rows::<T, O, FMA, $r, $n>(self, 5, 5),
                    _ => blocked_rows::<T, O, FMA, $r, $n>(self, kh, kw),
                }
            };
        }
        match (WIDE, size_of::<T>() == 4, kh, kw) {
            (true, true, ..) => wide!(3, 32),
            (true, false, ..) => wide!(3, 24),
            (false, true, 3, 3) => blocked_rows::<T, O, FMA, 2, 32>(self, 3, 3),
            (false, true, ..) => blocked_rows::<T, O, FMA, 2, 32>(self, kh, kw),
            (false, false, _, ..=5) => one_row::<T, O, FMA>(self),
            (false, false, ..) => blocked_rows::<T, O, FMA, 2, 16>(self, kh, kw),
        }
    }
}

/// The whole output in `R x N` blocks (see the module's documentation).
#[inline(always)]
fn blocked_rows<T: FastFloat, O: Slot<T>, const FMA: bool, const R: usize, const N: usize>(
    op: DirectRows<'_, T, O>,
    kh: usize,
    kw: usize,
) {
    let DirectRows {
        input,
        kernel,
        rows,
        cols,
        first_row,
        out,
    } = op;
    let (iw, ow) = (cols.input, cols.out);
    let (row_lo, row_hi) = rows.interior();
    let (col_lo, col_hi) = cols.interior();
    let n_rows = out.len() / ow.max(1);
    // The tile: the `R + kh - 1` input rows and `N + kw - 1` input columns
    // under one block, zero outside the input.
    let tile_w = N + kw - 1;
    let mut tile = vec![T::zero(); (R + kh - 1) * tile_w];
    let mut i = 0;
    while i < n_rows {
        let o_r = first_row + i;
        let nr = R.min(n_rows - i);
        let rows_inside = nr == R && o_r >= row_lo && o_r + R <= row_hi;
        let mut c = 0;
        while c < ow {
            let nc = N.min(ow - c);
            // Each branch stores its own sums: joined into one value first,
            // they went through the stack and a call to memcpy per block row
            // (a third of the time at 2048 x 2048, k = 3).
            if rows_inside && nc == N && c >= col_lo && c + N <= col_hi {
                let top = rows.first_input(o_r);
                let acc = block::<T, FMA, R, N>(
                    &input[top * iw..],
                    iw,
                    cols.first_input(c),
                    kernel,
                    kh,
                    kw,
                );
                store_block(&acc, out, i * ow + c, ow, R, N);
            } else {
                fill_tile(&mut tile, tile_w, input, rows, cols, o_r, c);
                let acc = block::<T, FMA, R, N>(&tile, tile_w, 0, kernel, kh, kw);
                store_block(&acc, out, i * ow + c, ow, nr, nc);
            }
            c += N;
        }
        i += R;
    }
}

/// Store the first `nr` rows and `nc` columns of a block's sums at `start`
/// (rows `ow` apart). A full block's copies have a known length, so they stay
/// vector stores from the registers.
#[inline(always)]
fn store_block<T: FastFloat, O: Slot<T>, const R: usize, const N: usize>(
    acc: &[[T; N]; R],
    out: &mut [O],
    start: usize,
    ow: usize,
    nr: usize,
    nc: usize,
) {
    if nr == R && nc == N {
        for (j, sums) in acc.iter().enumerate() {
            put_all(&mut out[start + j * ow..start + j * ow + N], sums);
        }
    } else {
        for (j, sums) in acc.iter().enumerate().take(nr) {
            put_all(&mut out[start + j * ow..start + j * ow + nc], &sums[..nc]);
        }
    }
}

/// Copy the input under the block whose top-left output is `(o_r, c)` into
/// `tile` (rows `tile_w` long), with zeros where it lies outside the input.
fn fill_tile<T: FastFloat>(
    tile: &mut [T],
    tile_w: usize,
    input: &[T],
    rows: AxisPlan,
    cols: AxisPlan,
    o_r: usize,
    c: usize,
) {
    let (ih, iw) = (rows.input as isize, cols.input as isize);
    let top = o_r as isize + rows.offset;
    let left = c as isize + cols.offset;
    // The tile's columns v with 0 <= left + v < iw.
    let v0 = (-left).clamp(0, tile_w as isize) as usize;
    let v1 = (iw - left).clamp(v0 as isize, tile_w as isize) as usize;
    for (u, tile_row) in tile.chunks_exact_mut(tile_w).enumerate() {
        let r = top + u as isize;
        if r < 0 || r >= ih || v0 == v1 {
            tile_row.fill(T::zero());
            continue;
        }
        let start = r as usize * iw as usize;
        let first = (left + v0 as isize) as usize;
        tile_row[..v0].fill(T::zero());
        tile_row[v0..v1].copy_from_slice(&input[start + first..start + first + (v1 - v0)]);
        tile_row[v1..].fill(T::zero());
    }
}

/// The `R x N` sums of one block: output `(j, n)` is
/// `sum_{t, s} kernel[t, s] * src[(j + t) * stride + x + n + s]`.
///
/// Input row `u` (0 <= u < R + kh - 1) is loaded `N` samples at a time for each
/// kernel column `s`, and added into every block row `j` with `t = u - j` a
/// kernel row.
#[inline(always)]
fn block<T: FastFloat, const FMA: bool, const R: usize, const N: usize>(
    src: &[T],
    stride: usize,
    x: usize,
    kernel: &[T],
    kh: usize,
    kw: usize,
) -> [[T; N]; R] {
    let mut acc = [[T::zero(); N]; R];
    for u in 0..R + kh - 1 {
        let line = &src[u * stride + x..u * stride + x + N + kw - 1];
        for s in 0..kw {
            let v: &[T; N] = line[s..s + N].try_into().expect("the slice has N elements");
            for (j, sums) in acc.iter_mut().enumerate() {
                // Kernel row t = u - j, when 0 <= t < kh.
                let t = u.wrapping_sub(j);
                if t < kh {
                    let w = kernel[t * kw + s];
                    for (a, &x) in sums.iter_mut().zip(v) {
                        *a = madd::<T, FMA>(w, x, *a);
                    }
                }
            }
        }
    }
    acc
}

/// One output row at a time: 32 (then 8) outputs summed together in registers, and the
/// border outputs by a plain loop that skips the taps outside the input.
#[inline(always)]
fn one_row<T: FastFloat, O: Slot<T>, const FMA: bool>(op: DirectRows<'_, T, O>) {
    const BLOCK: usize = 32;
    const SMALL: usize = 8;
    let DirectRows {
        input,
        kernel,
        rows,
        cols,
        first_row,
        out,
    } = op;
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
            block_sum::<T, O, FMA, BLOCK>(pairs.clone(), x, &mut out_row[c..c + BLOCK]);
            c += BLOCK;
        }
        while c + SMALL <= hi {
            let x = cols.first_input(c);
            block_sum::<T, O, FMA, SMALL>(pairs.clone(), x, &mut out_row[c..c + SMALL]);
            c += SMALL;
        }
        for o_c in (0..lo).chain(c..cols.out) {
            let (s0, s1) = cols.taps(o_c);
            let mut acc = T::zero();
            for (in_row, k_row) in pairs.clone() {
                for s in s0..s1 {
                    acc = madd::<T, FMA>(k_row[s], in_row[cols.input_at(o_c, s)], acc);
                }
            }
            out_row[o_c].put(acc);
        }
    }
}

/// One output at a time, skipping the taps outside the input: the loop for
/// kernels with a NaN or an infinite weight (see the module's documentation).
#[inline(always)]
fn plain_rows<T: FastFloat, O: Slot<T>, const FMA: bool>(op: DirectRows<'_, T, O>) {
    let DirectRows {
        input,
        kernel,
        rows,
        cols,
        first_row,
        out,
    } = op;
    let (iw, kw) = (cols.input, cols.kernel);
    for (i, out_row) in out.chunks_exact_mut(cols.out).enumerate() {
        let o_r = first_row + i;
        let (t0, t1) = rows.taps(o_r);
        for (o_c, o) in out_row.iter_mut().enumerate() {
            let (s0, s1) = cols.taps(o_c);
            let mut acc = T::zero();
            for t in t0..t1 {
                let r = rows.input_at(o_r, t);
                for s in s0..s1 {
                    let x = input[r * iw + cols.input_at(o_c, s)];
                    acc = madd::<T, FMA>(kernel[t * kw + s], x, acc);
                }
            }
            o.put(acc);
        }
    }
}

/// Sum `N` neighbouring outputs whose taps all fall inside the input; input
/// column `x + s` meets kernel column `s` for the first of them.
#[inline(always)]
pub(crate) fn block_sum<'a, T: FastFloat + 'a, O: Slot<T>, const FMA: bool, const N: usize>(
    pairs: impl Iterator<Item = (&'a [T], &'a [T])>,
    x: usize,
    out: &mut [O],
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
    put_all(out, &acc);
}

#[cfg(test)]
mod tests {
    //! Each instruction set's block shapes against the plain loop. The public
    //! tests (`tests/fast_direct_blocks.rs`) go through `dispatch`, which on
    //! any one machine takes only one of them; here every `(FMA, WIDE)` pair
    //! runs, compiled for the baseline instruction set (the shapes and edges
    //! are the same code whatever the target features).
    use super::*;
    use crate::Mode;

    fn run<T: FastFloat, const FMA: bool, const WIDE: bool>(
        input: &[T],
        kernel: &[T],
        rows: AxisPlan,
        cols: AxisPlan,
    ) -> Vec<T> {
        let mut out = vec![T::nan(); rows.out * cols.out];
        let op = DirectRows {
            input,
            kernel,
            rows,
            cols,
            first_row: 0,
            out: &mut out[..],
        };
        op.run::<FMA, WIDE>();
        out
    }

    fn check<T: FastFloat>(tolerance: f64) {
        let value = |i: usize| T::from(((i * 7919) % 23) as f64 / 11.0 - 1.0).unwrap();
        // Widths around the blocks' 16, 24 and 32 columns and their multiples.
        let widths = [
            1, 2, 5, 15, 16, 17, 23, 24, 25, 31, 32, 33, 47, 48, 49, 64, 65, 97,
        ];
        for mode in [Mode::Full, Mode::Same, Mode::Valid] {
            for h in 1..8 {
                for w in widths {
                    for (kh, kw) in [
                        (1, 1),
                        (2, 3),
                        (3, 3),
                        (3, 5),
                        (5, 5),
                        (4, 7),
                        (6, 6),
                        (7, 2),
                    ] {
                        if mode == Mode::Valid && (kh > h || kw > w) {
                            continue;
                        }
                        let rows = AxisPlan::new(mode, 0, h, kh).unwrap();
                        let cols = AxisPlan::new(mode, 1, w, kw).unwrap();
                        let input: Vec<T> = (0..h * w).map(value).collect();
                        let kernel: Vec<T> = (0..kh * kw).map(|i| value(i + 5)).collect();
                        let mut expected = vec![T::nan(); rows.out * cols.out];
                        plain_rows::<T, T, false>(DirectRows {
                            input: &input,
                            kernel: &kernel,
                            rows,
                            cols,
                            first_row: 0,
                            out: &mut expected[..],
                        });
                        let got = [
                            run::<T, false, false>(&input, &kernel, rows, cols),
                            run::<T, true, false>(&input, &kernel, rows, cols),
                            run::<T, false, true>(&input, &kernel, rows, cols),
                            run::<T, true, true>(&input, &kernel, rows, cols),
                        ];
                        for (set, out) in got.iter().enumerate() {
                            for (o, (a, b)) in out.iter().zip(&expected).enumerate() {
                                let (a, b) = (a.to_f64().unwrap(), b.to_f64().unwrap());
                                assert!(
                                    (a - b).abs() <= tolerance,
                                    "{mode:?} {h}x{w} kernel {kh}x{kw}, set {set}, output {o}: {a} against {b}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_instruction_sets_blocks_match_the_plain_loop_f32() {
        check::<f32>(1e-4);
    }

    #[test]
    fn every_instruction_sets_blocks_match_the_plain_loop_f64() {
        check::<f64>(1e-12);
    }
}
