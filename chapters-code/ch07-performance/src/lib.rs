//! Chapter 7 of the Convolution Book: is convolution time-consuming?
//!
//! The fast methods themselves live in the core crate (`convolution::FastConv`);
//! this crate keeps the benchmark grid, the measured results
//! (`data/results.csv`), their reading and the chapter's figures.

mod figures;
pub mod grid;
pub mod results;

pub use figures::draw_figures;

/// The chapter's page, so that a test can check its generated blocks.
pub const PAGE: &str = include_str!("../../../src/ch07-performance.md");

/// The appendix page with the full measurements, so that a test can check the
/// tables it quotes.
pub const APPENDIX: &str = include_str!("../../../src/appendix-measurements.md");

/// A page's text by its file name under `src/`, for the generated blocks.
pub fn page(file: &str) -> Option<&'static str> {
    match file {
        "ch07-performance.md" => Some(PAGE),
        "appendix-measurements.md" => Some(APPENDIX),
        _ => None,
    }
}

#[cfg(doctest)]
#[doc = include_str!("../../../src/ch07-performance.md")]
mod chapter_text {}

#[cfg(doctest)]
#[doc = include_str!("../../../src/appendix-measurements.md")]
mod appendix_text {}
