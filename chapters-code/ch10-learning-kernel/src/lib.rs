//! Chapter 10 of the Convolution Book: learning a kernel by gradient descent.
//!
//! The backward pass lives in the core crate
//! ([`convolution::correlate_window_backward`], [`convolution::Conv2dLayer::backward`]).
//! This crate keeps what is particular to the chapter: its example images, the
//! little training loop, and its figures.

pub mod examples;
pub mod figures;
pub mod runs;
pub mod training;

pub use figures::draw_figures;

#[cfg(doctest)]
#[doc = include_str!("../../../src/ch10-learning-kernel.md")]
mod chapter_text {}
