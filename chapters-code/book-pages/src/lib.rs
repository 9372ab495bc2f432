//! The book's pages outside the chapters, run as doctests: each Rust block of
//! these pages is compiled and run by `cargo test`.

#[cfg(doctest)]
#[doc = include_str!("../../../src/introduction.md")]
mod introduction {}
