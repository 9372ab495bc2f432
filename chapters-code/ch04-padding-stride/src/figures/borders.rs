//! What each padding mode puts beyond the edge of a photo, and what a large
//! blur makes of it near the border.

use std::path::Path;

use book_figures::photos::ToPixels;
use book_figures::pictures::GRAY_BAR_WIDTH;
use book_figures::{FigureResult, palette, photos, pictures, text};
use convolution::ndarray::Array2;
use convolution::{PadMode, SameRule, Window, correlate_window, pad};
use plotters::prelude::*;

/// The photo is shrunk to this many pixels a side (block means of 4x4).
const SIDE: usize = 128;
/// Pixels of padding drawn around it in the top row.
const MARGIN: usize = 24;
/// Side of the box blur in the bottom row.
pub const BLUR: usize = 15;

/// The modes compared, with their captions.
pub const MODES: [(PadMode, &str); 4] = [
    (PadMode::Zeros, "zeros (constant)"),
    (PadMode::Edge, "edge (replicate)"),
    (PadMode::Reflect, "reflect"),
    (PadMode::Wrap, "wrap (circular)"),
];

/// camera.png (512x512) shrunk to 128x128 by averaging 4x4 blocks.
pub fn small_camera() -> FigureResult<Array2<f64>> {
    let photo = photos::load_gray("camera.png")?;
    Ok(photos::block_mean(&photo, photo.nrows() / SIDE))
}

/// Paint values on 0..=255 (clamped) with their top-left corner at `at`.
fn draw_gray<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    image: &Array2<f64>,
    at: (i32, i32),
) -> FigureResult
where
    DB::ErrorType: 'static,
{
    pictures::draw_gray(area, &photos::to_pixels(image, ToPixels::Clamp), at, 1)
}

/// A `BLUR` x `BLUR` mean filter with output as large as the input, the border
/// filled by `mode`: the core crate's window with scipy's 'same' padding (for
/// an odd kernel every rule pads `BLUR / 2` on each side).
pub fn box_blur_same(image: &Array2<f64>, mode: PadMode) -> FigureResult<Array2<f64>> {
    let kernel = Array2::from_elem((BLUR, BLUR), 1.0 / (BLUR * BLUR) as f64);
    let window = Window::default().with_same(SameRule::Scipy).with_fill(mode);
    Ok(correlate_window(image, &kernel, window)?)
}

/// Top row: the photo padded by `MARGIN` pixels in each mode (the photo's own edge
/// outlined). Bottom row: a 15x15 box blur of the same size as the photo.
pub fn draw_borders(path: &Path) -> FigureResult {
    let image = small_camera()?;
    let panel = (SIDE + 2 * MARGIN) as i32;
    let column = panel + 16;
    let (left, top) = (10, 48);
    let second_row = top + panel + 34;
    let size = (
        (left + 4 * column + GRAY_BAR_WIDTH) as u32,
        (second_row + SIDE as i32 + 8) as u32,
    );
    let root = book_figures::png_canvas(path, size)?;
    root.draw(&Text::new(
        format!("padded by {MARGIN} pixels (the photo's edge outlined)"),
        (left, 4),
        text(15),
    ))?;
    root.draw(&Text::new(
        format!("{BLUR}x{BLUR} box blur, output as large as the photo"),
        (left, second_row - 24),
        text(15),
    ))?;
    for (n, &(mode, caption)) in MODES.iter().enumerate() {
        let x = left + n as i32 * column;
        let padded = pad(&image, &[(MARGIN, MARGIN); 2], mode)?;
        draw_gray(&root, &padded, (x, top))?;
        let m = MARGIN as i32;
        let edge = [
            (x + m - 1, top + m - 1),
            (x + m + SIDE as i32, top + m + SIDE as i32),
        ];
        root.draw(&Rectangle::new(edge, palette::KERNEL.stroke_width(1)))?;
        root.draw(&Text::new(caption, (x, 26), text(14)))?;
        let blurred = box_blur_same(&image, mode)?;
        draw_gray(&root, &blurred, (x + m, second_row))?;
    }
    let bar_at = (
        left + 3 * column + MARGIN as i32 + SIDE as i32 + 8,
        second_row,
    );
    pictures::draw_gray_bar(&root, bar_at, SIDE as i32, (0.0, 255.0))?;
    root.present()?;
    Ok(())
}
