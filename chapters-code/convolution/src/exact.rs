//! Exact integer sums, the same in debug and release builds.
//!
//! The public functions take any `T: LinalgScalar` (chapters and notebooks use
//! that bound). For the primitive integers they must not overflow silently
//! (release) or panic (debug), so the element type is recognised at run time
//! by its `TypeId` and the sum runs in a wider accumulator (`i128` or `u128`);
//! the result is converted back with a check, and a value that does not fit
//! is [`ConvError::Overflow`] naming its output index. Everything else (floats,
//! complex numbers, user types) runs the plain `acc + w * x` of the type
//! itself, with no check and no cost. The `TypeId` tests are constants after
//! monomorphisation, so the compiler keeps only the branch for `T`.
//!
//! Exactness: for 8-, 16- and 32-bit integers every partial sum fits the
//! accumulator, so the error means exactly "the true result does not fit".
//! Unsigned sums only grow, so the same holds for `u64`, `usize` and `u128`.
//! For `i64`, `isize` and `i128` a partial sum could leave the `i128` range
//! (more than 2^127) and come back; that, too, is refused with `Overflow`.

use std::any::{Any, TypeId};
use std::ops::Neg;

use ndarray::{ArrayD, ArrayViewD, Dimension, LinalgScalar};

use crate::engine::{AxisGeometry, slide, try_zeros};
use crate::{Allocation, ConvError};

/// A primitive integer and the accumulator its sums run in.
trait Integer: Copy + 'static {
    type Wide: Copy + num_traits::Zero + 'static;
    /// `acc + w * x` in the accumulator, `None` if it leaves its range.
    fn mac(acc: Self::Wide, w: Self, x: Self) -> Option<Self::Wide>;
    fn narrow(wide: Self::Wide) -> Option<Self>;
}

macro_rules! integer {
    ($wide:ty: $($t:ty),*) => {$(
        impl Integer for $t {
            type Wide = $wide;
            #[inline(always)]
            fn mac(acc: $wide, w: $t, x: $t) -> Option<$wide> {
                <$wide>::try_from(w)
                    .ok()?
                    .checked_mul(<$wide>::try_from(x).ok()?)?
                    .checked_add(acc)
            }
            #[inline(always)]
            fn narrow(wide: $wide) -> Option<$t> {
                <$t>::try_from(wide).ok()
            }
        }
    )*};
}

integer!(i128: i8, i16, i32, i64, isize, i128);
integer!(u128: u8, u16, u32, u64, usize, u128);

/// `a` as a `B`, when `A` and `B` are the same type (always, where it is used).
#[inline(always)]
fn same<A: 'static, B: Copy + 'static>(a: &A) -> Option<B> {
    (a as &dyn Any).downcast_ref::<B>().copied()
}

/// The sliding-window sum for a `T` that is the primitive integer `I`.
fn exact<T: LinalgScalar, I: Integer>(
    input: &ArrayViewD<'_, T>,
    kernel: &ArrayViewD<'_, T>,
    axes: &[AxisGeometry],
    out_shape: &[usize],
    what: Allocation,
    reverse: bool,
) -> Result<ArrayD<T>, ConvError> {
    let overflow = |position| ConvError::Overflow {
        position,
        element: std::any::type_name::<T>(),
    };
    let mut wide = try_zeros::<I::Wide>(out_shape, what)?;
    slide::<T, I::Wide, true>(
        input,
        kernel,
        axes,
        &mut wide.view_mut(),
        reverse,
        |acc, w, x| I::mac(acc, same::<T, I>(&w)?, same::<T, I>(&x)?),
    )
    .map_err(overflow)?;
    let narrow = |v: &I::Wide| I::narrow(*v).and_then(|i| same::<I, T>(&i));
    if let Some((at, _)) = wide.indexed_iter().find(|(_, v)| narrow(v).is_none()) {
        return Err(overflow(at.slice().to_vec()));
    }
    // Every value converts (checked just above); the zero is never used.
    Ok(wide.map(|v| narrow(v).unwrap_or_else(T::zero)))
}

/// `out[o] = sum_t kernel[t] * input[o * stride + t * dilation - before]` (zero
/// outside the input), exactly for primitive integers, plainly otherwise;
/// `reverse` visits the taps last to first (see [`slide`]).
pub(crate) fn window_sum<T: LinalgScalar>(
    input: &ArrayViewD<'_, T>,
    kernel: &ArrayViewD<'_, T>,
    axes: &[AxisGeometry],
    out_shape: &[usize],
    what: Allocation,
    reverse: bool,
) -> Result<ArrayD<T>, ConvError> {
    macro_rules! dispatch {
        ($($t:ty),*) => {$(
            if TypeId::of::<T>() == TypeId::of::<$t>() {
                return exact::<T, $t>(input, kernel, axes, out_shape, what, reverse);
            }
        )*};
    }
    dispatch!(
        i8, i16, i32, i64, isize, i128, u8, u16, u32, u64, usize, u128
    );
    let mut out = try_zeros::<T>(out_shape, what)?;
    plain_sum(input, kernel, axes, &mut out.view_mut(), reverse);
    Ok(out)
}

/// The sum in `T`'s own arithmetic, added into `out`.
pub(crate) fn plain_sum<T: LinalgScalar>(
    input: &ArrayViewD<'_, T>,
    kernel: &ArrayViewD<'_, T>,
    axes: &[AxisGeometry],
    out: &mut ndarray::ArrayViewMutD<'_, T>,
    reverse: bool,
) {
    // Plain arithmetic never refuses, so this cannot fail.
    let _ = slide::<T, T, false>(input, kernel, axes, out, reverse, |acc, w, x| {
        Some(acc + w * x)
    });
}

/// Whether `T` is a primitive integer (whose sums are exact and checked).
pub(crate) fn is_integer<T: 'static>() -> bool {
    macro_rules! any_of {
        ($($t:ty),*) => { [$(TypeId::of::<$t>()),*].contains(&TypeId::of::<T>()) };
    }
    any_of!(
        i8, i16, i32, i64, isize, i128, u8, u16, u32, u64, usize, u128
    )
}

/// The complex conjugate for `num_complex::Complex` elements (numpy's and
/// scipy's `correlate` conjugate the kernel); `None` for other types, which
/// have nothing to conjugate.
pub(crate) fn conjugate<T: LinalgScalar>(x: T) -> Option<T> {
    use realfft::num_complex::Complex;
    macro_rules! conj {
        ($negate:ident: $($t:ty),*) => {$(
            if let Some(c) = same::<T, Complex<$t>>(&x) {
                return same::<Complex<$t>, T>(&Complex::new(c.re, c.im.$negate()));
            }
        )*};
    }
    conj!(neg: f32, f64);
    // `i8::MIN` has no negation in `i8`; it wraps to itself, as it must.
    conj!(wrapping_neg: i8, i16, i32, i64, isize, i128);
    None
}

/// Whether `T` is a `num_complex::Complex` of a signed primitive (see [`conjugate`]).
pub(crate) fn is_complex<T: LinalgScalar>() -> bool {
    conjugate(T::zero()).is_some()
}
