//! Chapter 3 of the Convolution Book: linear time-invariant (LTI) systems, the
//! sliding block, and the sliding picture of convolution.
//!
//! * [`signals`]: the unit impulse, the sawtooth force, exponential decay and the
//!   Gaussian, built the way numpy builds them;
//! * [`block`]: the sliding block as a step-by-step rule, with no convolution in it;
//! * [`slide`]: one frame of the sliding picture (flipped kernel, products, sum);
//! * [`examples`]: the chapter's two examples with the notebook's parameters;
//! * [`figures`] and [`animation`]: the PNG figures and the GIFs.

pub mod animation;
pub mod block;
pub mod examples;
pub mod figures;
pub mod plot;
pub mod signals;
pub mod slide;

use std::path::Path;

use animation::{Animation, draw_sliding_gif};

/// Draw every figure and animation of the chapter into `dir`.
pub fn draw_figures(dir: &Path) -> book_figures::FigureResult {
    figures::draw_sifting(dir)?;
    figures::draw_block_signals(dir)?;
    figures::draw_block_response(dir)?;
    figures::draw_two_pushes(dir)?;
    figures::draw_smoothing_signals(dir)?;

    let force = examples::block_force();
    let h = examples::block_impulse_response();
    draw_sliding_gif(
        &dir.join("sliding-block.gif"),
        &Animation {
            signal: force.as_slice().expect("contiguous"),
            kernel: h.as_slice().expect("contiguous"),
            output_name: "v",
        },
    )?;
    let noisy = examples::noisy_signal();
    let g = examples::gaussian_kernel();
    draw_sliding_gif(
        &dir.join("gaussian-smoothing.gif"),
        &Animation {
            signal: noisy.as_slice().expect("contiguous"),
            kernel: g.as_slice().expect("contiguous"),
            output_name: "y",
        },
    )?;
    Ok(())
}

#[cfg(doctest)]
#[doc = include_str!("../../../src/ch03-lti.md")]
mod chapter_text {}
