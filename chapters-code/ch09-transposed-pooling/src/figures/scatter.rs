//! Transposed convolution as a picture: each input cell scatters a copy of
//! the kernel, scaled by its value, into the output; and the same result by
//! inserting zeros and sliding the flipped kernel.

use std::path::Path;

use book_figures::number_grid::{BLANK, Cell, caption, draw_grid, draw_indices, outline, tint};
use book_figures::{FigureResult, palette};
use convolution::ndarray::Array2;
use convolution::{PadMode, TransposedWindow, conv_transpose, insert_zeros, pad};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Side of one cell, in pixels.
const SIDE: i32 = 44;
/// Where the grids start.
const TOP: i32 = 110;
const LEFT: i32 = 40;

/// A square input of `input` cells holding 1, 2, 3, ..., a square kernel of
/// ones, a stride and a padding (cropped from each side of the output).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScatterCase {
    pub input: usize,
    pub kernel: usize,
    pub stride: usize,
    pub padding: usize,
}

impl ScatterCase {
    /// `i`, `k`, `s`, `p` as in the chapter's formula.
    pub const fn new(input: usize, kernel: usize, stride: usize, padding: usize) -> Self {
        ScatterCase {
            input,
            kernel,
            stride,
            padding,
        }
    }

    /// The input: 1, 2, 3, ... row by row.
    pub fn input_values(&self) -> Array2<i64> {
        let i = self.input;
        Array2::from_shape_fn((i, i), |(r, c)| (r * i + c + 1) as i64)
    }

    /// The kernel: all ones, so each output counts the inputs that reach it.
    pub fn kernel_values(&self) -> Array2<i64> {
        Array2::ones((self.kernel, self.kernel))
    }

    fn window(&self) -> TransposedWindow {
        TransposedWindow::stride(self.stride).with_padding(self.padding)
    }

    /// Output cells along each axis after cropping.
    pub fn output(&self) -> usize {
        self.window()
            .output_len(self.input, self.kernel)
            .expect("the animated cases have an output")
    }

    /// Output cells before cropping: `(i - 1) s + k`.
    pub fn uncropped(&self) -> usize {
        (self.input - 1) * self.stride + self.kernel
    }

    /// The output with only the first `count` inputs scattered, before cropping.
    pub fn partial(&self, count: usize) -> Array2<i64> {
        let mut x = self.input_values();
        for (n, v) in x.iter_mut().enumerate() {
            if n >= count {
                *v = 0;
            }
        }
        conv_transpose(
            &x,
            &self.kernel_values(),
            TransposedWindow::stride(self.stride),
        )
        .expect("the uncropped output always exists")
    }

    /// The finished, cropped output: the chapter's `conv_transpose`.
    pub fn result(&self) -> Array2<i64> {
        conv_transpose(&self.input_values(), &self.kernel_values(), self.window())
            .expect("the animated cases have an output")
    }

    /// `transposed-i2-k3-s2-p0`
    pub fn file_stem(&self) -> String {
        format!(
            "transposed-i{}-k{}-s{}-p{}",
            self.input, self.kernel, self.stride, self.padding
        )
    }

    fn frame_size(&self) -> (u32, u32) {
        let width = self.out_left() + self.uncropped() as i32 * SIDE + 30;
        let height = TOP + self.uncropped().max(self.input) as i32 * SIDE + 50;
        (width.max(560) as u32, height as u32)
    }

    fn kernel_left(&self) -> i32 {
        LEFT + self.input as i32 * SIDE + 50
    }

    fn out_left(&self) -> i32 {
        self.kernel_left() + self.kernel as i32 * SIDE + 60
    }
}

/// Frame `step`: inputs `0..step` are done, input `step` scatters now
/// (`step == i²` is the finished picture).
fn draw_frame(
    area: &DrawingArea<BitMapBackend<'_>, Shift>,
    case: &ScatterCase,
    step: usize,
) -> FigureResult {
    let i = case.input;
    let (s, p, k) = (case.stride, case.padding, case.kernel);
    let u = case.uncropped();
    let o = case.output();
    let finished = step == i * i;
    let title = format!(
        "transposed convolution  i={i} k={k} s={s} p={p}  \u{2192}  o=(i\u{2212}1)s\u{2212}2p+k = {o}"
    );
    caption(area, (14, 10), &title, 18)?;
    let (r, c) = (step / i, step % i);
    let values = case.input_values();
    let subtitle = if finished {
        format!(
            "done: the {o}x{o} output is the sum of all {} scaled copies",
            i * i
        )
    } else {
        format!(
            "input ({r}, {c}) = {} adds {} \u{d7} kernel at output rows {}\u{2013}{}, columns {}\u{2013}{}",
            values[[r, c]],
            values[[r, c]],
            r * s,
            r * s + k - 1,
            c * s,
            c * s + k - 1
        )
    };
    caption(area, (14, 38), &subtitle, 15)?;

    // The input: done, current and waiting cells.
    caption(area, (LEFT, TOP - 46), &format!("input {i}x{i}"), 15)?;
    let input = Array2::from_shape_fn((i, i), |(a, b)| {
        let n = a * i + b;
        let fill = if n == step {
            tint(palette::KERNEL, 0.55)
        } else if n < step {
            tint(palette::INPUT, 0.35)
        } else {
            tint(palette::INPUT, 0.1)
        };
        Cell::new(values[[a, b]].to_string(), fill)
    });
    draw_indices(area, (LEFT, TOP), SIDE, (i, i))?;
    draw_grid(area, (LEFT, TOP), &input, SIDE)?;

    caption(area, (case.kernel_left(), TOP - 46), "kernel (ones)", 15)?;
    let kernel = case
        .kernel_values()
        .mapv(|v| Cell::new(v.to_string(), tint(palette::KERNEL, 0.3)));
    draw_grid(area, (case.kernel_left(), TOP), &kernel, SIDE)?;

    // The output so far, before cropping; cropped cells in grey.
    let out_left = case.out_left();
    let label = if p > 0 {
        format!("output {u}x{u} before cropping {p} (grey)")
    } else {
        format!("output {u}x{u}")
    };
    caption(area, (out_left, TOP - 46), &label, 15)?;
    let sum = case.partial((step + 1).min(i * i));
    let peak = case
        .partial(i * i)
        .iter()
        .copied()
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let copy = |a: usize, b: usize| {
        !finished && (r * s..r * s + k).contains(&a) && (c * s..c * s + k).contains(&b)
    };
    let kept = |a: usize| (p..p + o).contains(&a);
    let output = Array2::from_shape_fn((u, u), |(a, b)| {
        let v = sum[[a, b]];
        let fill = if copy(a, b) {
            tint(palette::KERNEL, 0.45)
        } else if !(kept(a) && kept(b)) {
            BLANK
        } else if v > 0 {
            tint(palette::OUTPUT, 0.15 + 0.5 * v as f64 / peak)
        } else {
            WHITE
        };
        Cell::new(v.to_string(), fill)
    });
    draw_indices(area, (out_left, TOP), SIDE, (u, u))?;
    draw_grid(area, (out_left, TOP), &output, SIDE)?;
    if p > 0 {
        outline(
            area,
            (out_left, TOP),
            SIDE,
            (p, p),
            (o, o),
            palette::OUTPUT,
            3,
        )?;
    }
    if !finished {
        outline(
            area,
            (out_left, TOP),
            SIDE,
            (r * s, c * s),
            (k, k),
            palette::KERNEL,
            3,
        )?;
    }
    Ok(())
}

/// An animation with one frame per input cell and a last frame with the result.
pub fn draw_gif(path: &Path, case: &ScatterCase) -> FigureResult {
    book_figures::register_font();
    let root = BitMapBackend::gif(path, case.frame_size(), 1400)?.into_drawing_area();
    for step in 0..=case.input * case.input {
        root.fill(&WHITE)?;
        draw_frame(&root, case, step)?;
        root.present()?;
    }
    Ok(())
}

/// The zero-insertion view of the 2x2, stride-2 case: zeros between the
/// inputs, k - 1 = 2 zeros of padding around, and a 3x3 window sliding at
/// stride 1 over the result.
pub fn draw_zero_insertion(path: &Path) -> FigureResult {
    const CELL: i32 = 40;
    let case = ScatterCase::new(2, 3, 2, 0);
    let x = case.input_values();
    let spread = insert_zeros(&x, 2)?;
    let padded = pad(&spread, &[(2, 2), (2, 2)], PadMode::Zeros)?;
    let out = case.result();
    let root = book_figures::png_canvas(path, (700, 430))?;
    caption(
        &root,
        (14, 10),
        "The same 5x5 output: insert s \u{2212} 1 = 1 zero between inputs, pad k \u{2212} 1 = 2, slide the flipped kernel",
        15,
    )?;
    let top = 90;
    caption(&root, (40, top - 44), "zeros inserted and padded (7x7)", 15)?;
    let cells = Array2::from_shape_fn(padded.dim(), |(a, b)| {
        let v = padded[[a, b]];
        let inside = (2..5).contains(&a) && (2..5).contains(&b);
        let fill = if v != 0 {
            tint(palette::INPUT, 0.4)
        } else if inside {
            WHITE
        } else {
            BLANK
        };
        Cell::new(v.to_string(), fill)
    });
    draw_indices(&root, (40, top), CELL, padded.dim())?;
    draw_grid(&root, (40, top), &cells, CELL)?;
    // The window of output (1, 2), and its value.
    let at = (1, 2);
    outline(&root, (40, top), CELL, at, (3, 3), palette::KERNEL, 3)?;
    let left = 40 + 7 * CELL + 70;
    caption(&root, (left, top - 44), "output (5x5)", 15)?;
    let result = Array2::from_shape_fn(out.dim(), |(a, b)| {
        let fill = if (a, b) == at {
            tint(palette::KERNEL, 0.45)
        } else {
            tint(palette::OUTPUT, 0.2)
        };
        Cell::new(out[[a, b]].to_string(), fill)
    });
    draw_indices(&root, (left, top), CELL, out.dim())?;
    draw_grid(&root, (left, top), &result, CELL)?;
    caption(
        &root,
        (40, top + 7 * CELL + 16),
        "red: the 3x3 window of output (1, 2) covers inputs 1 and 2: 1 + 2 = 3",
        15,
    )?;
    root.present()?;
    Ok(())
}

/// One frame of [`draw_gif`] as a PNG (to look at a frame by itself).
pub fn draw_frame_png(path: &Path, case: &ScatterCase, step: usize) -> FigureResult {
    let root = book_figures::png_canvas(path, case.frame_size())?;
    draw_frame(&root, case, step.min(case.input * case.input))?;
    root.present()?;
    Ok(())
}
