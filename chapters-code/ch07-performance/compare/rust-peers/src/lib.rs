//! The machine's limits, measured by the comparison in the same run as the
//! benchmark: the fused multiply-add peak of one core on the widest vectors
//! the core crate's loops use there (AVX-512 if the CPU has it, else AVX2),
//! and the memory bandwidth of one thread. Chapter 7 divides its times by the floor
//! these give, `max(FLOPs / peak, bytes / bandwidth)`.

use std::hint::black_box;
use std::time::Instant;

/// Independent accumulators: enough to cover the FMA latency (4 to 5 cycles)
/// on two FMA ports, few enough to stay in AVX2's 16 vector registers.
const CHAINS: usize = 12;

/// Peak floating-point operations per second of one core (an FMA counts as
/// two), in GFLOP/s, for `f32` (`double == false`) or `f64`, and the vectors
/// it was measured on: AVX-512 where the CPU has it (as the core's loops then
/// use it), else AVX2 with FMA; `None` on a CPU without either.
pub fn fma_peak_gflops(double: bool) -> Option<(f64, &'static str)> {
    #[cfg(target_arch = "x86_64")]
    {
        // The best of several rounds: another process can only slow a round down.
        fn best(round: impl Fn() -> f64) -> f64 {
            (0..7).map(|_| round()).fold(0.0, f64::max)
        }
        let op = || FmaChains {
            double,
            iters: 4_000_000,
        };
        // The `Simd` trait's `vectorize` compiles the op for that instruction set.
        if let Some(v4) = pulp::x86::V4::try_new() {
            return Some((best(|| pulp::Simd::vectorize(v4, op())), "AVX-512"));
        }
        let v3 = pulp::x86::V3::try_new()?;
        Some((best(|| pulp::Simd::vectorize(v3, op())), "AVX2"))
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = double;
        None
    }
}

/// `CHAINS` chains of `acc = acc * a + b` on full vectors, timed.
struct FmaChains {
    double: bool,
    iters: usize,
}

impl pulp::WithSimd for FmaChains {
    type Output = f64;

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, simd: S) -> f64 {
        let start = Instant::now();
        let lanes = if self.double {
            let (a, b) = (simd.splat_f64s(black_box(0.999_999)), simd.splat_f64s(1e-7));
            let mut acc = [simd.splat_f64s(1.0); CHAINS];
            for _ in 0..self.iters {
                for x in &mut acc {
                    *x = simd.mul_add_f64s(*x, a, b);
                }
            }
            black_box(acc.map(|x| simd.reduce_sum_f64s(x)));
            size_of::<S::f64s>() / size_of::<f64>()
        } else {
            let (a, b) = (simd.splat_f32s(black_box(0.999_99)), simd.splat_f32s(1e-5));
            let mut acc = [simd.splat_f32s(1.0); CHAINS];
            for _ in 0..self.iters {
                for x in &mut acc {
                    *x = simd.mul_add_f32s(*x, a, b);
                }
            }
            black_box(acc.map(|x| simd.reduce_sum_f32s(x)));
            size_of::<S::f32s>() / size_of::<f32>()
        };
        let seconds = start.elapsed().as_secs_f64();
        (2 * CHAINS * lanes * self.iters) as f64 / seconds / 1e9
    }
}

/// Memory bandwidth of one thread, in GB/s (10^9 bytes), STREAM's way: a copy
/// `a = b` counts the bytes read plus the bytes written, a triad
/// `a = b + s c` two reads and one write. The arrays are 128 MiB each, far
/// larger than any last-level cache of the machines this runs on. Returns
/// (copy, triad), each the best of five rounds.
pub fn bandwidth_gbs() -> (f64, f64) {
    const LEN: usize = 16 << 20; // f64s: 128 MiB per array
    let b = vec![1.0f64; LEN];
    let c = vec![2.0f64; LEN];
    // Written once before timing, so that no page fault is timed.
    let mut a = vec![0.0f64; LEN];
    let bytes = (LEN * size_of::<f64>()) as f64;
    let mut copy = 0.0f64;
    let mut triad = 0.0f64;
    for _ in 0..5 {
        let start = Instant::now();
        a.copy_from_slice(black_box(&b));
        black_box(&mut a);
        copy = copy.max(2.0 * bytes / start.elapsed().as_secs_f64() / 1e9);
        let s = black_box(3.0);
        let start = Instant::now();
        for ((a, b), c) in a.iter_mut().zip(&b).zip(&c) {
            *a = b + s * c;
        }
        black_box(&mut a);
        triad = triad.max(3.0 * bytes / start.elapsed().as_secs_f64() / 1e9);
    }
    (copy, triad)
}
