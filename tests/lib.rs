//! Helpers shared by the book-level checks.
