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

/// The largest magnitude in `data` (0 if it is empty), or `None` if it holds
/// a NaN or an infinity: the one pass over the input that the FFT method needs
/// (it must not spread a NaN, and it scales by the largest magnitude), in
/// vector registers.
///
/// A loop that returns at the first non-finite sample cannot be vectorised;
/// this one keeps 16 lanes of maxima and of sums of `0 x`, which is 0 for
/// every finite `x` and NaN for a NaN or an infinity. Measured on a
/// 2048 x 2048 `f64` image with k = 31, best of 20 calls: the FFT method took
/// 52 ms with the three one-sample-at-a-time passes this replaced, 43 ms with it.
pub(crate) fn finite_max_abs<T: FastFloat>(data: &[T]) -> Option<T> {
    dispatch(FiniteMaxAbs(data))
}

struct FiniteMaxAbs<'a, T>(&'a [T]);

impl<T: FastFloat> SimdOp for FiniteMaxAbs<'_, T> {
    type Output = Option<T>;

    #[inline(always)]
    fn run<const FMA: bool, const WIDE: bool>(self) -> Option<T> {
        const LANES: usize = 16;
        let mut largest = [T::zero(); LANES];
        let mut nonfinite = [T::zero(); LANES];
        let step = |m: &mut T, bad: &mut T, x: T| {
            let a = x.abs();
            *m = if a > *m { a } else { *m };
            *bad = *bad + x * T::zero();
        };
        let chunks = self.0.chunks_exact(LANES);
        let rest = chunks.remainder();
        for chunk in chunks {
            let chunk: &[T; LANES] = chunk.try_into().expect("chunks_exact gives LANES values");
            for ((m, bad), &x) in largest.iter_mut().zip(&mut nonfinite).zip(chunk) {
                step(m, bad, x);
            }
        }
        for &x in rest {
            step(&mut largest[0], &mut nonfinite[0], x);
        }
        if nonfinite.iter().any(|&bad| bad != T::zero()) {
            return None;
        }
        Some(
            largest
                .into_iter()
                .fold(T::zero(), |m, a| if a > m { a } else { m }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::finite_max_abs;

    #[test]
    fn finite_max_abs_finds_the_largest_and_every_non_finite_sample() {
        assert_eq!(finite_max_abs::<f64>(&[]), Some(0.0));
        for len in [1, 5, 16, 17, 40] {
            for at in 0..len {
                let mut v: Vec<f64> = (0..len).map(|i| (i as f64 - 7.5) * 0.25).collect();
                v[at] = -1e300;
                assert_eq!(finite_max_abs(&v), Some(1e300), "{len} {at}");
                for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                    v[at] = bad;
                    assert_eq!(finite_max_abs(&v), None, "{len} {at} {bad}");
                    let w: Vec<f32> = v.iter().map(|&x| x as f32).collect();
                    assert_eq!(finite_max_abs(&w), None, "{len} {at} {bad}");
                }
            }
        }
    }
}
