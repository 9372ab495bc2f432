//! What each padding mode puts beyond the edge of a photo, and what a large
//! blur makes of it near the border.

use std::path::Path;

use book_figures::{FigureResult, palette, photos, text};
use convolution::ndarray::{Array2, s};
use convolution::{Mode, PadMode, correlate, pad};
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
    let factor = photo.nrows() / SIDE;
    Ok(Array2::from_shape_fn((SIDE, SIDE), |(r, c)| {
        photo
            .slice(s![
                r * factor..(r + 1) * factor,
                c * factor..(c + 1) * factor
            ])
            .mean()
            .unwrap_or(0.0)
    }))
}

/// A `BLUR` x `BLUR` mean filter with output as large as the input, the border
/// filled by `mode`.
pub fn box_blur_same(image: &Array2<f64>, mode: PadMode) -> FigureResult<Array2<f64>> {
    let half = BLUR / 2;
    let padded = pad(image, &[(half, half), (half, half)], mode)?;
    let kernel = Array2::from_elem((BLUR, BLUR), 1.0 / (BLUR * BLUR) as f64);
    Ok(correlate(&padded, &kernel, Mode::Valid)?)
}

fn draw_gray<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    image: &Array2<f64>,
    at: (i32, i32),
) -> FigureResult
where
    DB::ErrorType: 'static,
{
    for ((r, c), &v) in image.indexed_iter() {
        let g = v.round().clamp(0.0, 255.0) as u8;
        area.draw_pixel((at.0 + c as i32, at.1 + r as i32), &RGBColor(g, g, g))?;
    }
    Ok(())
}

/// Top row: the photo padded by 32 pixels in each mode (the photo's own edge
/// outlined). Bottom row: a 15x15 box blur of the same size as the photo.
pub fn draw_borders(path: &Path) -> FigureResult {
    let image = small_camera()?;
    let panel = (SIDE + 2 * MARGIN) as i32;
    let column = panel + 16;
    let (left, top) = (10, 48);
    let second_row = top + panel + 34;
    let size = (
        (left + 4 * column) as u32,
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
    root.present()?;
    Ok(())
}
