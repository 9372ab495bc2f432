//! The book's interactive widgets call the core crate through this thin layer,
//! compiled to WebAssembly by `scripts/build-widgets.sh`.
//!
//! Every function takes and returns simple values (numbers, slices, strings), so
//! the same code builds natively: the tests here and the `expected` example,
//! which the browser test uses to check the numbers the pages show, call exactly
//! the functions the pages call. Results with structure are returned as small
//! JSON strings, written by [`json`]; errors carry the core crate's own message.
//!
//! The WebAssembly module exports them as plain functions of numbers, through
//! buffers the module owns ([`exports`]); the pages' glue, `src/widgets/wasm.js`,
//! fills and reads those buffers, so no generated JavaScript is needed.

pub mod exports;
pub mod json;
pub mod playground;
pub mod sizes;
pub mod slide;

pub use playground::{Playground, kernel_names, named_kernel};
pub use sizes::output_size;
pub use slide::slide;
