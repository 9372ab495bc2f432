//! The functions the WebAssembly module exports, called by the page glue
//! `src/widgets/wasm.js`: plain `extern "C"` functions of numbers, so the
//! browser needs no generated JavaScript and the build no binding generator.
//!
//! A WebAssembly function takes and returns only numbers, so slices, strings and
//! results travel through buffers this module owns, one call at a time:
//!
//! 1. the glue asks for an input buffer of the length it needs ([`input_f64`]
//!    for numbers, [`input_bytes`] for RGBA bytes or UTF-8 text), which answers
//!    with the buffer's address in the module's memory, and writes the values
//!    there through a `Float64Array` or `Uint8Array` view of that memory;
//! 2. it calls a function, which reads its inputs from those buffers, leaves its
//!    result (JSON as UTF-8, or RGBA bytes) in the output buffer and returns
//!    [`OK`], or leaves a UTF-8 message there and returns [`ERROR`];
//! 3. the glue copies the result out from [`output_ptr`] / [`output_len`].
//!
//! Rust itself never reads or writes through an address: it hands out those of
//! its own `Vec`s, which stay where they are until the next call, and reads the
//! `Vec`s as usual. Errors of the book's routines (an empty kernel, a stride of
//! 0) are not errors here: they are the `{"ok":false,"error":...}` results the
//! widgets show. [`ERROR`] means the glue broke the protocol (an unknown
//! playground, text that is not UTF-8).
//!
//! Exporting a function under its own name takes `#[unsafe(no_mangle)]`: two
//! exported symbols with the same name would be undefined behaviour, which the
//! compiler cannot rule out, so edition 2024 spells the attribute `unsafe(...)`.
//! wasm-bindgen's `#[wasm_bindgen]` macro expands to the same kind of attribute
//! (`export_name`). It is the only reason the `unsafe_code` lint is allowed in
//! this file, and a test below checks that no `unsafe` block, function or impl
//! is here.
#![allow(unsafe_code)]

use std::cell::RefCell;

use crate::json;
use crate::playground::Playground;

/// The call succeeded: the output buffer holds its result.
pub const OK: u32 = 0;
/// The call broke the protocol: the output buffer holds a UTF-8 message.
pub const ERROR: u32 = 1;

/// Numbers buffers: slot 0 is the signal or the playground's kernel, slot 1 the
/// slide widget's kernel.
const F64_SLOTS: usize = 2;

/// Everything the exported functions keep between calls.
struct Buffers {
    f64s: [Vec<f64>; F64_SLOTS],
    bytes: Vec<u8>,
    output: Vec<u8>,
    /// Playground `n` lives at index `n - 1`, so 0 is never a handle; `None` once freed.
    playgrounds: Vec<Option<Playground>>,
}

thread_local! {
    // One per thread: WebAssembly here has one, and each native test its own.
    static BUFFERS: RefCell<Buffers> = const {
        RefCell::new(Buffers {
            f64s: [Vec::new(), Vec::new()],
            bytes: Vec::new(),
            output: Vec::new(),
            playgrounds: Vec::new(),
        })
    };
}

fn with_buffers<T>(f: impl FnOnce(&mut Buffers) -> T) -> T {
    BUFFERS.with_borrow_mut(f)
}

/// Leave `result` in the output buffer and return its status.
fn finish(buffers: &mut Buffers, result: Result<String, String>) -> u32 {
    let (status, text) = match result {
        Ok(text) => (OK, text),
        Err(message) => (ERROR, message),
    };
    buffers.output = text.into_bytes();
    status
}

/// `buffer` resized to `len` zeros, or `None` if memory ran out.
fn resized<T: Copy + Default>(buffer: &mut Vec<T>, len: u32) -> Option<&mut Vec<T>> {
    let len = len as usize;
    buffer.clear();
    buffer.try_reserve_exact(len).ok()?;
    buffer.resize(len, T::default());
    Some(buffer)
}

/// Makes numbers buffer `slot` (0 or 1) hold `len` zeros and returns its
/// address, for the glue to write the numbers into; null for another slot, or
/// if memory ran out.
#[unsafe(no_mangle)]
pub extern "C" fn input_f64(slot: u32, len: u32) -> *mut f64 {
    with_buffers(|b| {
        b.f64s
            .get_mut(slot as usize)
            .and_then(|buffer| resized(buffer, len))
            .map_or(std::ptr::null_mut(), |buffer| buffer.as_mut_ptr())
    })
}

/// Makes the bytes buffer (RGBA or UTF-8 text) hold `len` zeros and returns its
/// address; null if memory ran out.
#[unsafe(no_mangle)]
pub extern "C" fn input_bytes(len: u32) -> *mut u8 {
    with_buffers(|b| resized(&mut b.bytes, len).map_or(std::ptr::null_mut(), Vec::as_mut_ptr))
}

/// Where the last call's result (or message) starts.
#[unsafe(no_mangle)]
pub extern "C" fn output_ptr() -> *const u8 {
    with_buffers(|b| b.output.as_ptr())
}

/// How many bytes the last call's result (or message) has.
#[unsafe(no_mangle)]
pub extern "C" fn output_len() -> u32 {
    with_buffers(|b| b.output.len() as u32)
}

fn text(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes)
        .map_err(|e| format!("the text passed to WebAssembly is not UTF-8: {e}"))
}

/// [`crate::slide()`] of numbers buffers 0 (the signal) and 1 (the kernel);
/// `convolution` is 0 for cross-correlation. Always [`OK`].
#[unsafe(no_mangle)]
pub extern "C" fn slide(convolution: u32) -> u32 {
    with_buffers(|b| {
        let json = crate::slide(&b.f64s[0], &b.f64s[1], convolution != 0);
        finish(b, Ok(json))
    })
}

/// [`crate::output_size()`]; `transposed` is 0 for the forward window.
/// Always [`OK`].
#[unsafe(no_mangle)]
pub extern "C" fn output_size(
    input: u32,
    kernel: u32,
    padding: u32,
    stride: u32,
    dilation: u32,
    transposed: u32,
    output_padding: u32,
) -> u32 {
    let json = crate::output_size(
        input,
        kernel,
        padding,
        stride,
        dilation,
        transposed != 0,
        output_padding,
    );
    with_buffers(|b| finish(b, Ok(json)))
}

/// [`crate::kernel_names()`], one per line. Always [`OK`].
#[unsafe(no_mangle)]
pub extern "C" fn kernel_names() -> u32 {
    with_buffers(|b| finish(b, Ok(crate::kernel_names())))
}

/// [`crate::named_kernel()`] of the name in the bytes buffer, as a JSON list
/// (`[]` for an unknown name).
#[unsafe(no_mangle)]
pub extern "C" fn named_kernel() -> u32 {
    with_buffers(|b| {
        let result = text(&b.bytes)
            .map(|name| json::list(crate::named_kernel(name).into_iter().map(json::number)));
        finish(b, result)
    })
}

/// A new [`Playground`] of the RGBA bytes in the bytes buffer (`halve` 0 keeps
/// the size); returns its handle, never 0.
#[unsafe(no_mangle)]
pub extern "C" fn playground_new(width: u32, height: u32, halve: u32) -> u32 {
    with_buffers(|b| {
        let play = Some(Playground::new(&b.bytes, width, height, halve != 0));
        // The photo is in the playground now: keep no second copy of it.
        b.bytes = Vec::new();
        let index = match b.playgrounds.iter().position(Option::is_none) {
            Some(free) => {
                b.playgrounds[free] = play;
                free
            }
            None => {
                b.playgrounds.push(play);
                b.playgrounds.len() - 1
            }
        };
        index as u32 + 1
    })
}

/// Frees a playground; an unknown handle is ignored.
#[unsafe(no_mangle)]
pub extern "C" fn playground_free(handle: u32) {
    with_buffers(|b| {
        if let Some(entry) = entry(&mut b.playgrounds, handle) {
            *entry = None;
        }
        while b.playgrounds.last().is_some_and(Option::is_none) {
            b.playgrounds.pop();
        }
    });
}

fn entry(playgrounds: &mut [Option<Playground>], handle: u32) -> Option<&mut Option<Playground>> {
    playgrounds.get_mut((handle as usize).checked_sub(1)?)
}

fn playground(
    playgrounds: &mut [Option<Playground>],
    handle: u32,
) -> Result<&mut Playground, String> {
    entry(playgrounds, handle)
        .and_then(Option::as_mut)
        .ok_or_else(|| format!("no playground has handle {handle} (was it freed?)"))
}

/// The playground's width in pixels; 0 for an unknown handle.
#[unsafe(no_mangle)]
pub extern "C" fn playground_width(handle: u32) -> u32 {
    with_buffers(|b| playground(&mut b.playgrounds, handle).map_or(0, |p| p.width()))
}

/// The playground's height in pixels; 0 for an unknown handle.
#[unsafe(no_mangle)]
pub extern "C" fn playground_height(handle: u32) -> u32 {
    with_buffers(|b| playground(&mut b.playgrounds, handle).map_or(0, |p| p.height()))
}

/// Leave RGBA bytes (or a message) in the output buffer and return the status.
fn finish_bytes(buffers: &mut Buffers, result: Result<Vec<u8>, String>) -> u32 {
    match result {
        Ok(bytes) => {
            buffers.output = bytes;
            OK
        }
        Err(message) => finish(buffers, Err(message)),
    }
}

/// [`Playground::photo_rgba`] into the output buffer.
#[unsafe(no_mangle)]
pub extern "C" fn playground_photo_rgba(handle: u32) -> u32 {
    with_buffers(|b| {
        let result = playground(&mut b.playgrounds, handle).map(|play| play.photo_rgba());
        finish_bytes(b, result)
    })
}

/// [`Playground::run`] with the `size x size` kernel in numbers buffer 0 and the
/// border mode in the bytes buffer; its JSON into the output buffer.
#[unsafe(no_mangle)]
pub extern "C" fn playground_run(handle: u32, size: u32, stride: u32, dilation: u32) -> u32 {
    fn run(
        b: &mut Buffers,
        handle: u32,
        size: u32,
        stride: u32,
        dilation: u32,
    ) -> Result<String, String> {
        let border = text(&b.bytes)?;
        let play = playground(&mut b.playgrounds, handle)?;
        Ok(play.run(&b.f64s[0], size, border, stride, dilation))
    }
    with_buffers(|b| {
        let result = run(b, handle, size, stride, dilation);
        finish(b, result)
    })
}

/// [`Playground::output_rgba`] with the mapping named in the bytes buffer.
#[unsafe(no_mangle)]
pub extern "C" fn playground_output_rgba(handle: u32) -> u32 {
    fn rgba(b: &mut Buffers, handle: u32) -> Result<Vec<u8>, String> {
        let mapping = text(&b.bytes)?;
        Ok(playground(&mut b.playgrounds, handle)?.output_rgba(mapping))
    }
    with_buffers(|b| {
        let result = rgba(b, handle);
        finish_bytes(b, result)
    })
}

/// [`Playground::window`] of output pixel (`row`, `col`) as JSON.
#[unsafe(no_mangle)]
pub extern "C" fn playground_window(handle: u32, row: u32, col: u32) -> u32 {
    with_buffers(|b| {
        let result = playground(&mut b.playgrounds, handle).map(|play| play.window(row, col));
        finish(b, result)
    })
}

#[cfg(test)]
mod tests {
    //! The protocol as the glue uses it, natively: the tests fill the input
    //! buffers as the glue's memory views do, call the exports, and read the
    //! output buffer.

    use super::*;

    fn set_f64(slot: u32, values: &[f64]) {
        assert!(!input_f64(slot, values.len() as u32).is_null());
        with_buffers(|b| b.f64s[slot as usize].copy_from_slice(values));
    }

    fn set_bytes(values: &[u8]) {
        assert!(!input_bytes(values.len() as u32).is_null());
        with_buffers(|b| b.bytes.copy_from_slice(values));
    }

    fn output() -> Vec<u8> {
        let (out, ptr) = with_buffers(|b| (b.output.clone(), b.output.as_ptr()));
        assert_eq!((ptr, out.len()), (output_ptr(), output_len() as usize));
        out
    }

    fn output_text() -> String {
        String::from_utf8(output()).expect("UTF-8")
    }

    #[test]
    fn input_buffers_have_the_asked_length_and_only_two_numbers_slots() {
        assert!(!input_f64(1, 3).is_null());
        assert!(!input_bytes(5).is_null());
        with_buffers(|b| {
            assert_eq!(b.f64s[1], [0.0; 3]);
            assert_eq!(b.bytes.len(), 5);
        });
        assert!(input_f64(F64_SLOTS as u32, 1).is_null());
    }

    #[test]
    fn slide_and_sizes_give_the_same_json_as_the_rust_functions() {
        set_f64(0, &[1.0, 2.0, 3.0]);
        set_f64(1, &[1.0, 0.0, -1.0]);
        assert_eq!(slide(1), OK);
        assert_eq!(
            output_text(),
            crate::slide(&[1.0, 2.0, 3.0], &[1.0, 0.0, -1.0], true)
        );
        assert_eq!(slide(0), OK);
        assert!(output_text().contains(r#""output":[-1,-2,-2,2,3]"#));
        set_f64(1, &[]);
        assert_eq!(slide(1), OK);
        assert!(output_text().starts_with(r#"{"ok":false,"error":"the kernel is empty"#));

        assert_eq!(output_size(4, 3, 1, 2, 1, 1, 0), OK);
        assert_eq!(output_text(), crate::output_size(4, 3, 1, 2, 1, true, 0));
    }

    #[test]
    fn kernels_by_name() {
        assert_eq!(kernel_names(), OK);
        assert_eq!(output_text(), crate::kernel_names());
        set_bytes(b"identity");
        assert_eq!(named_kernel(), OK);
        assert_eq!(output_text(), "[0,0,0,0,1,0,0,0,0]");
        set_bytes(b"nothing");
        assert_eq!(named_kernel(), OK);
        assert_eq!(output_text(), "[]");
        set_bytes(&[0xff, b'x']);
        assert_eq!(named_kernel(), ERROR);
        assert!(output_text().starts_with("the text passed to WebAssembly is not UTF-8"));
    }

    #[test]
    fn a_playground_through_its_handle() {
        // A 2x3 photo, gray 10, 20, ... in every channel.
        let rgba: Vec<u8> = (1..=6)
            .flat_map(|v| [10 * v, 10 * v, 10 * v, 255])
            .collect();
        set_bytes(&rgba);
        let handle = playground_new(3, 2, 0);
        assert_ne!(handle, 0);
        assert_eq!(
            (playground_width(handle), playground_height(handle)),
            (3, 2)
        );
        assert_eq!(playground_photo_rgba(handle), OK);
        assert_eq!(output(), rgba);

        let mut native = Playground::new(&rgba, 3, 2, false);
        let kernel = crate::named_kernel("laplacian 4");
        set_f64(0, &kernel);
        set_bytes(b"edge");
        assert_eq!(playground_run(handle, 3, 1, 1), OK);
        assert_eq!(output_text(), native.run(&kernel, 3, "edge", 1, 1));
        set_bytes(b"absolute");
        assert_eq!(playground_output_rgba(handle), OK);
        assert_eq!(output(), native.output_rgba("absolute"));
        assert_eq!(playground_window(handle, 1, 2), OK);
        assert_eq!(output_text(), native.window(1, 2));

        // The core's errors are results; a bad border name is the playground's.
        set_f64(0, &kernel);
        set_bytes(b"mirror");
        assert_eq!(playground_run(handle, 3, 1, 1), OK);
        assert!(output_text().contains(r#"unknown border mode \"mirror\""#));

        // A second playground gets its own handle; freed handles are refused.
        set_bytes(&rgba);
        let other = playground_new(3, 2, 0);
        assert_ne!(other, handle);
        playground_free(handle);
        playground_free(handle);
        assert_eq!(playground_width(handle), 0);
        assert_eq!(playground_window(handle, 0, 0), ERROR);
        assert_eq!(
            output_text(),
            format!("no playground has handle {handle} (was it freed?)")
        );
        assert_eq!(playground_window(0, 0, 0), ERROR);
        assert_eq!(playground_width(other), 3);
        playground_free(other);
        with_buffers(|b| assert!(b.playgrounds.is_empty()));
    }

    #[test]
    fn no_unsafe_code_but_the_export_attributes() {
        let source = include_str!("exports.rs");
        // Spelt in two halves, so that these lines do not match themselves.
        for construct in [
            concat!("unsafe", " {"),
            concat!("unsafe", " fn"),
            concat!("unsafe", " impl"),
            concat!("unsafe", " extern"),
        ] {
            assert!(!source.contains(construct), "exports.rs has `{construct}`");
        }
    }
}
