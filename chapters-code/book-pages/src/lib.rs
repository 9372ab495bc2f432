//! The book's pages outside the chapters, run as doctests: each Rust block of
//! these pages is compiled and run by `cargo test`.

#[cfg(doctest)]
#[doc = include_str!("../../../src/introduction.md")]
mod introduction {}

#[cfg(doctest)]
#[doc = include_str!("../../../src/review.md")]
mod review {}

#[cfg(doctest)]
#[doc = include_str!("../../../src/notes-on-sources.md")]
mod notes_on_sources {}

#[cfg(doctest)]
#[doc = include_str!("../../../src/glossary.md")]
mod glossary {}
