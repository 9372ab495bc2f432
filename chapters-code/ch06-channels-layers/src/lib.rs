//! Chapter 6 of the Convolution Book: channels, 3-D kernels and convolution layers.
//!
//! The general routines (`correlate_channels`, `Conv2dLayer`) live in the core
//! crate `convolution`; this crate keeps what is particular to the chapter:
//! the deep-learning notebook's loop and random inputs, the colour detectors, the
//! receptive-field formula and the chapter's figures.

pub mod colour;
pub mod depth;
pub mod edges;
mod figures;
pub mod notebook;
pub mod photo;

pub use figures::draw_figures;

#[cfg(doctest)]
#[doc = include_str!("../../../src/ch06-channels-layers.md")]
mod chapter_text {}
