//! The element types the fast methods accept: `f32` and `f64`.

use ndarray::LinalgScalar;
use num_traits::Float;

/// A float the fast methods can work with: `f32` or `f64`.
///
/// The FFT method needs [`realfft::FftNum`], the direct loops need `mul_add`
/// (one fused instruction where the CPU has FMA) and the threads need `Send + Sync`.
/// Sealed: the engine is compiled once for each of the two types, in this crate.
pub trait FastFloat:
    Float + LinalgScalar + realfft::FftNum + Default + Send + Sync + super::compiled::Compiled
{
}

impl FastFloat for f32 {}
impl FastFloat for f64 {}

/// `acc + w * x`, fused into one instruction when `FMA` says the CPU has it.
///
/// Without FMA, `mul_add` would become a slow library call, so the plain
/// multiply and add is used instead.
#[inline(always)]
pub(crate) fn madd<T: FastFloat, const FMA: bool>(w: T, x: T, acc: T) -> T {
    if FMA { w.mul_add(x, acc) } else { acc + w * x }
}

/// An operation compiled for each instruction set [`dispatch`] can choose.
///
/// `FMA`: the CPU fuses multiply and add. `WIDE`: its vectors are 512 bits
/// (AVX-512), twice AVX2's, so the loops may keep wider blocks of sums in
/// registers (AVX-512 also has 32 of them, AVX2 16).
pub(crate) trait SimdOp {
    type Output;
    fn run<const FMA: bool, const WIDE: bool>(self) -> Self::Output;
}

/// Run `op` compiled for the fastest instruction set this CPU has.
///
/// On x86-64 the [`pulp`] crate checks at run time for AVX-512 (its `V4`:
/// F, VL, BW, DQ, CD), then for AVX2 and FMA (`V3`), and compiles the inlined
/// loops for the one found; every aarch64 CPU has NEON and FMA. Other machines
/// run the same code compiled for the baseline instruction set.
#[inline]
pub(crate) fn dispatch<Op: SimdOp>(op: Op) -> Op::Output {
    #[cfg(target_arch = "x86_64")]
    {
        if let Some(v4) = pulp::x86::V4::try_new() {
            return v4.vectorize(Compiled::<Op, true>(op));
        }
        if let Some(v3) = pulp::x86::V3::try_new() {
            return v3.vectorize(Compiled::<Op, false>(op));
        }
        op.run::<false, false>()
    }
    #[cfg(target_arch = "aarch64")]
    {
        op.run::<true, false>()
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        op.run::<false, false>()
    }
}

/// `op.run::<true, WIDE>()` as a call pulp can compile with its target
/// features: the call must be inlined into pulp's target-feature function,
/// which a closure is not reliably (then `mul_add` becomes a slow library call).
#[cfg(target_arch = "x86_64")]
struct Compiled<Op, const WIDE: bool>(Op);

#[cfg(target_arch = "x86_64")]
impl<Op: SimdOp, const WIDE: bool> pulp::NullaryFnOnce for Compiled<Op, WIDE> {
    type Output = Op::Output;

    #[inline(always)]
    fn call(self) -> Op::Output {
        self.0.run::<true, WIDE>()
    }
}
