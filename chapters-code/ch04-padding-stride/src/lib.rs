//! Chapter 4 of the Convolution Book: padding, stride, dilation and the
//! output-size formula.
//!
//! The routines that compute convolutions with padding, stride and dilation
//! live in the core crate ([`convolution::correlate_window`],
//! [`convolution::pad`]). This crate keeps what is particular to the chapter:
//! the deep-learning notebook's float formula for "same" padding ([`same`]),
//! faithful ports of the source documents' loops whose mistakes the chapter
//! discusses ([`source_ports`]), and the chapter's figures.

pub mod figures;
pub mod same;
pub mod source_ports;

pub use figures::draw_figures;

#[cfg(doctest)]
#[doc = include_str!("../../../src/ch04-padding-stride.md")]
mod chapter_text {}
