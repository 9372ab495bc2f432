//! Checkerboard artefacts: doubling an image with a stride-2 transposed
//! convolution, a box kernel of 3 (not divisible by the stride) against one of 4.

use std::path::Path;

use book_figures::FigureResult;
use book_figures::number_grid::caption;
use book_figures::photos::{ToPixels, to_pixels};
use book_figures::pictures::{GRAY_BAR_WIDTH, draw_gray_bar};
use convolution::ndarray::Array2;
use plotters::prelude::*;

use crate::examples::{small_camera, upsample_box};

/// Pixels of each panel.
const PANEL: i32 = 256;

/// Draw `pixels` with its top-left corner at `at`, each pixel a `block`-sided
/// square, and a frame around them.
fn draw_pixels<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    at: (i32, i32),
    pixels: &Array2<u8>,
    block: i32,
) -> FigureResult
where
    DB::ErrorType: 'static,
{
    book_figures::pictures::draw_gray(area, pixels, at, block)?;
    area.draw(&Rectangle::new(
        [
            at,
            (
                at.0 + pixels.ncols() as i32 * block,
                at.1 + pixels.nrows() as i32 * block,
            ),
        ],
        BLACK.stroke_width(1),
    ))?;
    Ok(())
}

/// The constant image's upsampled values scaled so that the largest (the
/// kernel-3 cells reached four times, `4/9 · 4`) is white.
fn constant_pixels(values: &Array2<f64>) -> Array2<u8> {
    to_pixels(
        &values.mapv(|v| v / CONSTANT_WHITE * 255.0),
        ToPixels::Clamp,
    )
}

/// The value drawn white in the constant image's panels.
const CONSTANT_WHITE: f64 = 16.0 / 9.0;

/// Two rows (a constant 8x8 image, the camera photo at 64x64), two columns
/// (box kernel 3 and box kernel 4, both stride 2).
pub fn draw(path: &Path) -> FigureResult {
    let root = book_figures::png_canvas(path, (690, 680))?;
    caption(
        &root,
        (14, 10),
        "Doubling with a stride-2 transposed convolution: box kernel 3 vs box kernel 4",
        16,
    )?;
    let constant = Array2::<f64>::ones((8, 8));
    let photo = small_camera(8)?;
    let columns = [(3, 30), (4, 30 + PANEL + GRAY_BAR_WIDTH + 24)];
    let rows = [
        ("constant 8x8 input", 70),
        ("camera photo, 64x64", 70 + PANEL + 64),
    ];
    for (k, left) in columns {
        for (row, (what, top)) in rows.iter().enumerate() {
            let label = format!("{what}, kernel {k}");
            caption(&root, (left, top - 26), &label, 15)?;
            if row == 0 {
                let up = upsample_box(&constant, k)?;
                draw_pixels(&root, (left, *top), &constant_pixels(&up), PANEL / 16)?;
                draw_gray_bar(
                    &root,
                    (left + PANEL + 6, *top),
                    PANEL,
                    (0.0, CONSTANT_WHITE),
                )?;
            } else {
                let up = upsample_box(&photo, k)?;
                draw_pixels(
                    &root,
                    (left, *top),
                    &to_pixels(&up, ToPixels::Clamp),
                    PANEL / 128,
                )?;
                draw_gray_bar(&root, (left + PANEL + 6, *top), PANEL, (0.0, 255.0))?;
            }
        }
    }
    caption(
        &root,
        (14, 70 + 2 * PANEL + 76),
        "kernel 3: outputs receive 1, 2 or 4 copies (a grid); kernel 4: 4 copies everywhere inside",
        14,
    )?;
    root.present()?;
    Ok(())
}
