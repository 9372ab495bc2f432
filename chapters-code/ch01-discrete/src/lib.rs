//! Chapter 1 of the Convolution Book: continuous and discrete convolution.
//!
//! The chapter's page, `src/ch01-discrete.md`, is compiled into this crate's
//! doctests, so every code block on it runs under `cargo test`. The helpers here
//! are particular to the chapter; convolution itself comes from the core crate.

pub mod applications;
pub mod continuous;
pub mod figures;
pub mod outer;
pub mod steps;

pub use figures::draw_figures;

#[cfg(doctest)]
#[doc = include_str!("../../../src/ch01-discrete.md")]
mod chapter_text {}
