//! Chapter 7 of the Convolution Book: is convolution time-consuming?
//!
//! The fast methods themselves live in the core crate (`convolution::FastConv`);
//! this crate keeps the benchmark grid, the measured results
//! (`data/results.csv`), their reading and the chapter's figures.

mod figures;
pub mod grid;
pub mod results;

pub use figures::draw_figures;

/// The chapter's page, so that a test can check the tables it quotes.
pub const PAGE: &str = include_str!("../../../src/ch07-performance.md");

#[cfg(doctest)]
#[doc = include_str!("../../../src/ch07-performance.md")]
mod chapter_text {}
