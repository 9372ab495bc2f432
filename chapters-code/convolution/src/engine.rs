//! The one sliding-window sum behind every routine that is not in `fast`:
//! per axis, output `o` reads input sample `o * stride + t * dilation - before`
//! for kernel tap `t`, and samples outside the input count as zero.
//!
//! `convolve`/`correlate` (a mode is a choice of `before` and output length),
//! `correlate_window` (padding, stride, dilation), `correlate_channels` and
//! `Conv2dLayer` all run here, so no padded copy of the input is ever made:
//! padding only changes which samples a tap reaches. Sizes are checked and
//! the output is allocated fallibly ([`try_zeros`]) before any work is done.

use ndarray::{Array, ArrayD, ArrayViewD, ArrayViewMutD, Dimension, IxDyn, Slice, Zip};
use num_traits::Zero;

use crate::{Allocation, ConvError};

/// One axis of a sliding-window sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AxisGeometry {
    pub input: usize,
    pub out: usize,
    pub stride: usize,
    pub dilation: usize,
    pub before: usize,
}

impl AxisGeometry {
    /// The outputs `lo..hi` whose sample for tap `t` lies inside the input, and
    /// the input index that output `lo` reads; `None` when there are none.
    /// Computed in `i128`, which holds every product of two `usize`s we form
    /// (`t * dilation` is at most the dilated kernel span, checked to fit `usize`).
    fn reach(&self, t: usize) -> Option<(usize, usize, usize)> {
        let stride = self.stride as i128;
        let shift = (t as i128).checked_mul(self.dilation as i128)? - self.before as i128;
        // Need 0 <= o * stride + shift <= input - 1.
        let lo = if shift >= 0 {
            0
        } else {
            (-shift + stride - 1) / stride
        };
        let top = self.input as i128 - 1 - shift;
        if top < 0 {
            return None;
        }
        let hi = (top / stride + 1).min(self.out as i128);
        if hi <= lo {
            return None;
        }
        let first = lo * stride + shift;
        Some((
            usize::try_from(lo).ok()?,
            usize::try_from(hi).ok()?,
            usize::try_from(first).ok()?,
        ))
    }
}

/// Number of elements of `shape` and the bytes they take as `T`, or `None`
/// when either does not fit (`isize::MAX` bytes is Rust's limit for one allocation).
pub(crate) fn bytes_for<T>(shape: &[usize]) -> (Option<usize>, Option<usize>) {
    let count = shape.iter().try_fold(1usize, |n, &len| n.checked_mul(len));
    let bytes = count
        .and_then(|n| n.checked_mul(size_of::<T>()))
        .filter(|&b| b <= isize::MAX as usize);
    (count, bytes)
}

/// A vector with room for `count` elements, allocated fallibly: an allocation
/// the system refuses becomes [`ConvError::TooLarge`] instead of an abort.
pub(crate) fn try_vec<T>(
    count: usize,
    shape: &[usize],
    what: Allocation,
) -> Result<Vec<T>, ConvError> {
    let too_large = || ConvError::TooLarge {
        what,
        shape: shape.to_vec(),
        bytes: count.checked_mul(size_of::<T>()),
    };
    if count
        .checked_mul(size_of::<T>())
        .is_none_or(|b| b > isize::MAX as usize)
    {
        return Err(too_large());
    }
    let mut v = Vec::new();
    v.try_reserve_exact(count).map_err(|_| too_large())?;
    Ok(v)
}

/// An array of zeros of `shape`, allocated fallibly.
pub(crate) fn try_zeros<T: Clone + Zero>(
    shape: &[usize],
    what: Allocation,
) -> Result<ArrayD<T>, ConvError> {
    let (count, _) = bytes_for::<T>(shape);
    let too_large = || ConvError::TooLarge {
        what,
        shape: shape.to_vec(),
        bytes: bytes_for::<T>(shape).1,
    };
    let count = count.ok_or_else(too_large)?;
    // Asked for fallibly first, so that a size the system refuses is an error,
    // not an abort. Then `vec!` of zeros, which for floats and integers is
    // `calloc`: memory fresh from the kernel is already zero and is not
    // written here (writing 32 MiB of zeros costs milliseconds), so its pages
    // are first touched by the computation, after the huge-page hint.
    drop(try_vec::<T>(count, shape, what)?);
    let mut v = vec![T::zero(); count];
    crate::fast::alloc::advise_huge_pages(&mut v);
    Array::from_shape_vec(IxDyn(shape), v).map_err(|_| too_large())
}

/// Add `sum_t kernel[t] * input[...]` into `out` with `mac(acc, weight, sample)`.
///
/// The taps are visited in the kernel's logical order, or in reverse with
/// `reverse`; for floats the order decides the last bits, and each caller keeps
/// the order the crate has always used, so that results (and the figures drawn
/// from them) stay bit for bit the same.
///
/// With `CHECKED`, `mac` may refuse (return `None`, an integer overflow); the
/// loop then stops and returns the output index where it happened. Without it,
/// `mac` must always succeed and the loop is a plain `Zip`.
pub(crate) fn slide<T, W, const CHECKED: bool>(
    input: &ArrayViewD<'_, T>,
    kernel: &ArrayViewD<'_, T>,
    axes: &[AxisGeometry],
    out: &mut ArrayViewMutD<'_, W>,
    reverse: bool,
    mac: impl Fn(W, T, T) -> Option<W>,
) -> Result<(), Vec<usize>>
where
    T: Copy,
    W: Copy,
{
    let mut reach = Vec::with_capacity(axes.len());
    let mut order = kernel.view();
    if reverse {
        for axis in 0..order.ndim() {
            order.invert_axis(ndarray::Axis(axis));
        }
    }
    let shape = kernel.shape();
    'taps: for (index, &weight) in order.indexed_iter() {
        reach.clear();
        for (axis, geometry) in axes.iter().enumerate() {
            let tap = if reverse {
                shape[axis] - 1 - index[axis]
            } else {
                index[axis]
            };
            match geometry.reach(tap) {
                Some(r) => reach.push(r),
                None => continue 'taps,
            }
        }
        let target = out.slice_each_axis_mut(|ax| {
            let (lo, hi, _) = reach[ax.axis.index()];
            Slice::from(lo..hi)
        });
        let source = input.slice_each_axis(|ax| {
            let i = ax.axis.index();
            let (lo, hi, first) = reach[i];
            let step = axes[i].stride;
            // The last sample read is first + (hi - lo - 1) * step <= input - 1.
            let end = first + (hi - lo - 1) * step + 1;
            Slice::new(first as isize, Some(end as isize), step as isize)
        });
        if CHECKED {
            // Both iterate in logical (row-major) order over the same shape.
            let mut target = target;
            for ((index, acc), &x) in target.indexed_iter_mut().zip(source.iter()) {
                match mac(*acc, weight, x) {
                    Some(v) => *acc = v,
                    None => {
                        return Err(index
                            .slice()
                            .iter()
                            .zip(&reach)
                            .map(|(&i, &(lo, _, _))| i + lo)
                            .collect());
                    }
                }
            }
        } else {
            Zip::from(target).and(&source).for_each(|acc, &x| {
                if let Some(v) = mac(*acc, weight, x) {
                    *acc = v;
                }
            });
        }
    }
    Ok(())
}
