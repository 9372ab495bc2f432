//! Chapter 9 of the Convolution Book: convolution as a matrix, transposed
//! convolution and pooling.
//!
//! The routines live in the core crate ([`convolution::correlation_matrix`],
//! [`convolution::im2col`], [`convolution::conv_transpose`],
//! [`convolution::max_pool`], ...). This crate keeps what is particular to the
//! chapter: the test images of its examples ([`examples`]) and its figures.

pub mod examples;
pub mod figures;

pub use figures::draw_figures;

#[cfg(doctest)]
#[doc = include_str!("../../../src/ch09-transposed-pooling.md")]
mod chapter_text {}
