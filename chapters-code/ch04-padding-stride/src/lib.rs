//! Chapter 4 of the Convolution Book: padding, stride, dilation and the
//! output-size formula.
//!
//! The routines that compute convolutions with padding, stride and dilation
//! live in the core crate ([`convolution::correlate_window`],
//! [`convolution::pad`]). This crate keeps what is particular to the chapter:
//! the "same" padding rules of different libraries ([`same`]), faithful ports
//! of the source notebooks' loops whose mistakes the chapter discusses
//! ([`seed_ports`]), and the chapter's figures.

pub mod figures;
pub mod same;
pub mod seed_ports;

pub use figures::draw_figures;

#[cfg(doctest)]
#[doc = include_str!("../../../src/ch04-padding-stride.md")]
mod chapter_text {}
