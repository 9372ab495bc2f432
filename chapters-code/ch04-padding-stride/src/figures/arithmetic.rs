//! Convolution-arithmetic diagrams: the padded input as a grid of cells, the
//! kernel's taps at one position, and the output grid filling up.

use std::path::Path;

use book_figures::{FigureResult, palette, text};
use convolution::Window;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Size of one frame of the static panels: one position of the kernel.
const FRAME: (u32, u32) = (330, 210);

/// Sizes of a drawing, in pixels: small for the static panels (three frames
/// a row), large for the animations (one frame at a time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    /// Side of one cell.
    cell: i32,
    /// Where the grids start inside a frame.
    left: i32,
    top: i32,
    /// Space between the input and the output grid.
    gap: i32,
    /// Size of the label above the grids.
    font: u32,
    /// Width of the lines of the grid.
    line: u32,
}

const PANEL: Layout = Layout {
    cell: 16,
    left: 12,
    top: 34,
    gap: 36,
    font: 15,
    line: 1,
};

const ANIMATION: Layout = Layout {
    cell: 40,
    left: 20,
    top: 56,
    gap: 80,
    font: 24,
    line: 1,
};

/// One square input of `input` cells a side, a square kernel of `kernel`
/// taps, and a window (padding, stride, dilation) the same on both axes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arithmetic {
    pub input: usize,
    pub kernel: usize,
    /// Zeros on each side.
    pub padding: usize,
    /// Step between outputs.
    pub stride: usize,
    /// Spacing of the kernel's taps.
    pub dilation: usize,
}

impl Arithmetic {
    /// `i`, `k`, `p`, `s`, `d` as in the chapter's formula.
    pub const fn new(i: usize, k: usize, p: usize, s: usize, d: usize) -> Self {
        Arithmetic {
            input: i,
            kernel: k,
            padding: p,
            stride: s,
            dilation: d,
        }
    }

    /// The core crate's window for this case.
    pub fn window(&self) -> Window {
        Window::uniform(self.padding, self.stride, self.dilation)
    }

    /// Output cells along each axis.
    pub fn output(&self) -> usize {
        self.window()
            .output_len(self.input, self.kernel)
            .expect("diagram cases have a kernel that fits")
    }

    /// The smallest animation frame that holds this case's grids and label.
    fn frame_size(&self) -> (u32, u32) {
        let l = ANIMATION;
        let n = self.padded() as i32;
        let o = self.output() as i32;
        let width = (l.left + n * l.cell + l.gap + o * l.cell + l.left).max(520);
        (width as u32, (l.top + n * l.cell + 16) as u32)
    }

    fn padded(&self) -> usize {
        self.input + 2 * self.padding
    }

    /// `i=5 k=3 p=1 s=2 d=1  o=3`
    pub fn label(&self) -> String {
        let w = self;
        format!(
            "i={} k={} p={} s={} d={}  \u{2192}  o={}",
            self.input,
            self.kernel,
            w.padding,
            w.stride,
            w.dilation,
            self.output()
        )
    }

    /// File name for this case's animation, e.g. `arith-i5-k3-p1-s2-d1`.
    pub fn file_stem(&self) -> String {
        let w = self;
        format!(
            "arith-i{}-k{}-p{}-s{}-d{}",
            self.input, self.kernel, w.padding, w.stride, w.dilation
        )
    }
}

/// Draw the kernel at output position `at = (row, col)` into `area`.
fn draw_frame(
    area: &DrawingArea<BitMapBackend<'_>, Shift>,
    case: &Arithmetic,
    at: (usize, usize),
    layout: Layout,
) -> FigureResult {
    let Layout {
        cell,
        left,
        top,
        gap,
        ..
    } = layout;
    let cell_rect = |x0: i32, y0: i32, row: usize, col: usize| -> [(i32, i32); 2] {
        let x = x0 + col as i32 * cell;
        let y = y0 + row as i32 * cell;
        [(x, y), (x + cell, y + cell)]
    };
    let w = case;
    let n = case.padded();
    let o = case.output();
    area.draw(&Text::new(case.label(), (left, 8), text(layout.font)))?;

    let padding_fill = RGBColor(236, 236, 236);
    let grid_line = RGBColor(160, 160, 160);
    for row in 0..n {
        for col in 0..n {
            let inside = (w.padding..w.padding + case.input).contains(&row)
                && (w.padding..w.padding + case.input).contains(&col);
            let rect = cell_rect(left, top, row, col);
            if inside {
                area.draw(&Rectangle::new(rect, palette::INPUT.mix(0.3).filled()))?;
            } else {
                area.draw(&Rectangle::new(rect, padding_fill.filled()))?;
            }
            area.draw(&Rectangle::new(rect, grid_line.stroke_width(layout.line)))?;
        }
    }
    // The kernel's taps, `dilation` cells apart, starting `stride` cells per output.
    let (r0, c0) = (at.0 * w.stride, at.1 * w.stride);
    for a in 0..case.kernel {
        for b in 0..case.kernel {
            let rect = cell_rect(left, top, r0 + a * w.dilation, c0 + b * w.dilation);
            area.draw(&Rectangle::new(rect, palette::KERNEL.mix(0.6).filled()))?;
        }
    }
    let span = (w.dilation * (case.kernel - 1) + 1) as i32;
    let corner = cell_rect(left, top, r0, c0)[0];
    area.draw(&Rectangle::new(
        [corner, (corner.0 + span * cell, corner.1 + span * cell)],
        palette::KERNEL.stroke_width(2 * layout.line),
    ))?;

    let out_left = left + n as i32 * cell + gap;
    let out_top = top + (n as i32 - o as i32) * cell / 2;
    for row in 0..o {
        for col in 0..o {
            let rect = cell_rect(out_left, out_top, row, col);
            let done = (row, col) < at;
            if (row, col) == at {
                area.draw(&Rectangle::new(rect, palette::OUTPUT.mix(0.9).filled()))?;
            } else if done {
                area.draw(&Rectangle::new(rect, palette::OUTPUT.mix(0.3).filled()))?;
            }
            area.draw(&Rectangle::new(rect, palette::OUTPUT.stroke_width(1)))?;
        }
    }
    // An arrow from the input to the output grid.
    let mid = top + n as i32 * cell / 2;
    let (x0, x1) = (left + n as i32 * cell + 8, out_left - 8);
    area.draw(&PathElement::new(
        vec![(x0, mid), (x1, mid)],
        BLACK.stroke_width(2),
    ))?;
    area.draw(&PathElement::new(
        vec![(x1 - 6, mid - 5), (x1, mid), (x1 - 6, mid + 5)],
        BLACK.stroke_width(2),
    ))?;
    Ok(())
}

/// Positions shown in the static panels: the first two along the top row and
/// the last one.
fn panel_positions(case: &Arithmetic) -> [(usize, usize); 3] {
    let o = case.output();
    [(0, 0), (0, 1.min(o - 1)), (o - 1, o - 1)]
}

/// One row per case, three frames per row (first, second and last position).
pub fn draw_panels(path: &Path, cases: &[Arithmetic]) -> FigureResult {
    let size = (FRAME.0 * 3, FRAME.1 * cases.len() as u32);
    let root = book_figures::png_canvas(path, size)?;
    let frames = root.split_evenly((cases.len(), 3));
    for (row, case) in cases.iter().enumerate() {
        for (col, &at) in panel_positions(case).iter().enumerate() {
            draw_frame(&frames[row * 3 + col], case, at, PANEL)?;
        }
    }
    root.present()?;
    Ok(())
}

/// An animation with one frame per output position, row by row.
pub fn draw_gif(path: &Path, case: &Arithmetic) -> FigureResult {
    book_figures::register_font();
    let root = BitMapBackend::gif(path, case.frame_size(), 700)?.into_drawing_area();
    let o = case.output();
    for row in 0..o {
        for col in 0..o {
            root.fill(&WHITE)?;
            draw_frame(&root, case, (row, col), ANIMATION)?;
            root.present()?;
        }
    }
    Ok(())
}

/// One frame of [`draw_gif`] as a PNG (to look at a frame by itself).
pub fn draw_frame_png(path: &Path, case: &Arithmetic, at: (usize, usize)) -> FigureResult {
    let root = book_figures::png_canvas(path, case.frame_size())?;
    draw_frame(&root, case, at, ANIMATION)?;
    root.present()?;
    Ok(())
}
