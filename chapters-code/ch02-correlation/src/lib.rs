//! Chapter 2 of the Convolution Book: cross-correlation beside convolution, and
//! what flipping the kernel changes.
//!
//! The core crate already has [`convolution::correlate`] (defined there as
//! convolution with the flipped kernel). This crate adds what the chapter needs to
//! *check* that relation rather than assume it:
//!
//! * [`correlate_by_definition`]: the correlation sum written out term by term,
//!   for any number of axes and all three modes;
//! * [`correlate_same_like_tensorflow`]: a framework's `padding="same"` layer, which
//!   puts the odd extra row and column of padding *after* the image;
//! * [`draw_figures`]: the chapter's figures.

mod by_definition;
pub mod examples;
mod figures;
mod tensorflow_same;

pub use by_definition::correlate_by_definition;
pub use figures::draw_figures;
pub use tensorflow_same::correlate_same_like_tensorflow;

#[cfg(doctest)]
#[doc = include_str!("../../../src/ch02-correlation.md")]
mod chapter_text {}
