//! The fast methods compiled once, in this crate, for `f32` and `f64`.
//!
//! [`FastConv`]'s methods are generic, and a generic function is compiled by
//! each crate that calls it. The engine behind them (plans, register-blocked
//! loops for each instruction set, tiled FFTs) took about 80 s of compiling at
//! opt-level 1 in every test program, chapter crate and notebook cell that
//! called it. The public methods are now thin: they turn their arguments into
//! views and call the functions below, which are not generic and so are
//! compiled here, once per type. Sealed: only `f32` and `f64` implement it.

use ndarray::{Array2, ArrayView2, ArrayViewMut2};

use super::{FastConv, Plan};
use crate::{ConvError, Mode};

/// Whether the loops are given the kernel as a convolution kernel (they flip
/// it) or as a correlation kernel (they use it as it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Convolve,
    Correlate,
}

/// The engine's entry points for one element type (see the module's comment).
pub trait Compiled: Sized {
    fn plan(
        conv: &FastConv,
        input: ArrayView2<'_, Self>,
        kernel: ArrayView2<'_, Self>,
        mode: Mode,
    ) -> Result<Plan<Self>, ConvError>;

    fn fresh(
        plan: &Plan<Self>,
        input: ArrayView2<'_, Self>,
        kernel: ArrayView2<'_, Self>,
        orientation: Orientation,
    ) -> Result<Array2<Self>, ConvError>;

    fn run(
        plan: &Plan<Self>,
        input: ArrayView2<'_, Self>,
        kernel: ArrayView2<'_, Self>,
        orientation: Orientation,
        out: ArrayViewMut2<'_, Self>,
    ) -> Result<(), ConvError>;
}

macro_rules! compiled_for {
    ($t:ty) => {
        impl Compiled for $t {
            // `inline(never)`: inlined into a caller crate, the call inside
            // would be compiled there again.
            #[inline(never)]
            fn plan(
                conv: &FastConv,
                input: ArrayView2<'_, $t>,
                kernel: ArrayView2<'_, $t>,
                mode: Mode,
            ) -> Result<Plan<$t>, ConvError> {
                conv.plan_views(input, kernel, mode)
            }

            #[inline(never)]
            fn fresh(
                plan: &Plan<$t>,
                input: ArrayView2<'_, $t>,
                kernel: ArrayView2<'_, $t>,
                orientation: Orientation,
            ) -> Result<Array2<$t>, ConvError> {
                plan.fresh(input, kernel, orientation)
            }

            #[inline(never)]
            fn run(
                plan: &Plan<$t>,
                input: ArrayView2<'_, $t>,
                kernel: ArrayView2<'_, $t>,
                orientation: Orientation,
                mut out: ArrayViewMut2<'_, $t>,
            ) -> Result<(), ConvError> {
                plan.run(input, kernel, orientation, &mut out)
            }
        }
    };
}

compiled_for!(f32);
compiled_for!(f64);
