//! The output-size explorer (chapters 4 and 9): how many outputs a window gives,
//! from the core crate's `Window::output_len` (or, transposed,
//! `TransposedWindow::output_len`), the formula with the numbers filled in, and
//! which inputs each output sees.

use convolution::{TransposedWindow, Window};

use crate::json::{Object, list};

/// Diagrams are drawn only up to this many inputs and outputs.
const MAX_DRAWN: usize = 64;

/// The output length along one axis, as JSON.
///
/// Forward (`transposed` false): `{"ok":true,"len":n,"formula":"...","sees":[[[i,j],...],...]}`,
/// where output `o` reads input `i = o·s + j·d − p` with kernel tap `j`; an `i`
/// outside `0..input` is a padding zero. Transposed: output `o` receives input
/// `i` through tap `j` when `o = i·s + j·d − p` (PyTorch's rule, `output_padding`
/// extra samples at the end). On impossible settings:
/// `{"ok":false,"error":"<the core's message>","formula":"..."}`.
pub fn output_size(
    input: u32,
    kernel: u32,
    padding: u32,
    stride: u32,
    dilation: u32,
    transposed: bool,
    output_padding: u32,
) -> String {
    let [i, k, p, s, d, op] =
        [input, kernel, padding, stride, dilation, output_padding].map(|v| v as usize);
    let [ii, ki, pi, si, di] = [i, k, p, s, d].map(|v| v as i128);
    let (result, formula) = if transposed {
        let window = TransposedWindow::stride(s)
            .with_padding(p)
            .with_dilation(d)
            .with_output_padding(op);
        (
            window.output_len(i, k),
            format!("({i} − 1)·{s} − 2·{p} + {d}·({k} − 1) + {op} + 1"),
        )
    } else {
        let window = Window::stride(s).with_padding(p).with_dilation(d);
        let numerator = ii + 2 * pi - di * (ki - 1) - 1;
        (
            window.output_len(i, k),
            format!("⌊({i} + 2·{p} − {d}·({k} − 1) − 1) / {s}⌋ + 1 = ⌊{numerator} / {s}⌋ + 1"),
        )
    };
    let len = match result {
        Ok(len) => len,
        Err(error) => {
            return Object::new()
                .bool("ok", false)
                .string("error", &error.to_string())
                .string("formula", &formula)
                .finish();
        }
    };
    let mut out = Object::new()
        .bool("ok", true)
        .int("len", len as i64)
        .string("formula", &format!("{formula} = {len}"));
    if len <= MAX_DRAWN && i <= MAX_DRAWN && k <= MAX_DRAWN {
        let pair = |a: i128, b: i128| format!("[{a},{b}]");
        let sees = (0..len as i128).map(|o| {
            let pairs = if transposed {
                (0..ii)
                    .flat_map(|inp| (0..ki).map(move |j| (inp, j)))
                    .filter(|&(inp, j)| inp * si + j * di - pi == o)
                    .map(|(inp, j)| pair(inp, j))
                    .collect::<Vec<_>>()
            } else {
                (0..ki).map(|j| pair(o * si + j * di - pi, j)).collect()
            };
            list(pairs)
        });
        out = out.raw("sees", &list(sees));
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_sizes_and_taps() {
        let text = output_size(7, 3, 1, 2, 1, false, 0);
        assert_eq!(
            text,
            r#"{"ok":true,"len":4,"formula":"⌊(7 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = ⌊6 / 2⌋ + 1 = 4","sees":[[[-1,0],[0,1],[1,2]],[[1,0],[2,1],[3,2]],[[3,0],[4,1],[5,2]],[[5,0],[6,1],[7,2]]]}"#
        );
    }

    #[test]
    fn transposed_sizes_and_taps() {
        // Chapter 9's example: 4 inputs, 3 taps, stride 2, padding 1 give 7.
        let text = output_size(4, 3, 1, 2, 1, true, 0);
        assert!(
            text.starts_with(
                r#"{"ok":true,"len":7,"formula":"(4 − 1)·2 − 2·1 + 1·(3 − 1) + 0 + 1 = 7""#
            ),
            "{text}"
        );
        // Output 0 = input 0 through tap 1; output 1 = input 0 tap 2 and input 1 tap 0.
        assert!(text.contains(r#""sees":[[[0,1]],[[0,2],[1,0]],"#), "{text}");
    }

    #[test]
    fn impossible_settings_carry_the_cores_message() {
        // The widget shows the core's own message, word for word.
        let text = output_size(3, 5, 0, 1, 1, false, 0);
        let core = convolution::Window::default()
            .output_len(3, 5)
            .unwrap_err()
            .to_string();
        assert!(
            text.starts_with(&format!(r#"{{"ok":false,"error":"{core}""#)),
            "{text}"
        );
        let text = output_size(4, 3, 0, 0, 1, false, 0);
        assert!(text.contains("stride must be at least 1"), "{text}");
        let text = output_size(4, 3, 0, 2, 1, true, 2);
        assert!(text.contains(r#""ok":false"#), "{text}");
    }
}
