//! Figures made of panels in rows, "original | kernel | result", saved as small
//! grayscale PNGs.
//!
//! Panels are drawn with plotters into an RGB buffer (for the bundled font),
//! using only shades of gray, then stored with one byte per pixel, which keeps
//! photo figures at a third of the size of an RGB file.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use book_figures::photos::{ToPixels, black_and_white, to_pixels};
use book_figures::pictures::{GRAY_BAR_WIDTH, draw_gray_bar};
use book_figures::{FigureResult, text};
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder};
use ndarray::Array2;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One cell of a figure.
pub enum Panel {
    /// Nothing: leaves the cell white (under a picture shown in the row above).
    Blank,
    /// A picture, already converted to 8-bit pixels; drawn 1:1, centred;
    /// with a gray colour bar when `bar` says which values are black and white.
    Image {
        title: String,
        pixels: Array2<u8>,
        bar: Option<(f64, f64)>,
    },
    /// A small array drawn as a grid of numbers (a kernel, or a toy image),
    /// with a note under it such as "÷ 16".
    Grid {
        title: String,
        values: Array2<f64>,
        note: String,
    },
}

impl Panel {
    /// A picture panel.
    pub fn image(title: &str, pixels: Array2<u8>) -> Panel {
        Panel::Image {
            title: title.to_string(),
            pixels,
            bar: None,
        }
    }

    /// Values shown as a picture by `mode`, with a colour bar that says which
    /// value is black and which white.
    pub fn shaded(title: &str, values: &Array2<f64>, mode: ToPixels) -> Panel {
        Panel::Image {
            title: title.to_string(),
            pixels: to_pixels(values, mode),
            bar: Some(black_and_white(values, mode)),
        }
    }

    /// A grid-of-numbers panel without a note.
    pub fn grid(title: &str, values: Array2<f64>) -> Panel {
        Panel::grid_with_note(title, values, "")
    }

    /// A grid-of-numbers panel with a note under it.
    pub fn grid_with_note(title: &str, values: Array2<f64>, note: &str) -> Panel {
        Panel::Grid {
            title: title.to_string(),
            values,
            note: note.to_string(),
        }
    }
}

/// Space above each panel for its title.
const TITLE: u32 = 26;
/// Space under each panel (for a grid's note) and between panels.
const GAP: u32 = 22;

/// Draw `rows` of panels, each panel in a `side × side` square, into a grayscale
/// PNG at `path`. Rows may have different lengths.
pub fn draw_rows(path: &Path, rows: &[Vec<Panel>], side: u32) -> FigureResult {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0) as u32;
    let bars = rows
        .iter()
        .flatten()
        .any(|p| matches!(p, Panel::Image { bar: Some(_), .. }));
    let bar_room = if bars { GRAY_BAR_WIDTH as u32 } else { 0 };
    let cell = (side + GAP + bar_room, TITLE + side + GAP);
    let size = (columns * cell.0 + GAP, rows.len() as u32 * cell.1);
    let mut rgb = vec![255u8; (size.0 * size.1 * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, size).into_drawing_area();
        for (r, row) in rows.iter().enumerate() {
            for (c, panel) in row.iter().enumerate() {
                let left = GAP + c as u32 * cell.0;
                let top = r as u32 * cell.1;
                draw_panel(&root, panel, (left as i32, top as i32), side)?;
            }
        }
        root.present()?;
    }
    let gray: Vec<u8> = rgb
        .chunks_exact(3)
        .map(|p| ((u16::from(p[0]) + u16::from(p[1]) + u16::from(p[2])) / 3) as u8)
        .collect();
    let encoder = PngEncoder::new_with_quality(
        BufWriter::new(File::create(path)?),
        CompressionType::Best,
        FilterType::Adaptive,
    );
    encoder.write_image(&gray, size.0, size.1, ExtendedColorType::L8)?;
    Ok(())
}

fn draw_panel<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    panel: &Panel,
    (left, top): (i32, i32),
    side: u32,
) -> FigureResult
where
    DB::ErrorType: 'static,
{
    let centre_x = left + side as i32 / 2;
    let title = match panel {
        Panel::Blank => return Ok(()),
        Panel::Image { title, .. } | Panel::Grid { title, .. } => title,
    };
    let centred = Pos::new(HPos::Center, VPos::Center);
    root.draw_text(
        title,
        &text(16).pos(centred),
        (centre_x, top + TITLE as i32 / 2),
    )?;
    let top = top + TITLE as i32;
    match panel {
        Panel::Blank => {}
        Panel::Image { pixels, bar, .. } => {
            let (h, w) = pixels.dim();
            if h > side as usize || w > side as usize {
                return Err(format!("a {h} x {w} picture does not fit a {side} px panel").into());
            }
            let x0 = left + (side as i32 - w as i32) / 2;
            let y0 = top + (side as i32 - h as i32) / 2;
            book_figures::pictures::draw_gray(root, pixels, (x0, y0), 1)?;
            if let Some(range) = bar {
                draw_gray_bar(root, (left + side as i32 + 6, y0), h as i32, *range)?;
            }
        }
        Panel::Grid { values, note, .. } => {
            let (h, w) = values.dim();
            let step = (side as usize / h.max(w)).min(56) as i32;
            let x0 = left + (side as i32 - step * w as i32) / 2;
            let y0 = top + (side as i32 - step * h as i32) / 2;
            let largest = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
            let size = ((step as f64 * 0.36).round() as u32).clamp(9, 18);
            for ((y, x), &v) in values.indexed_iter() {
                let corner = (x0 + x as i32 * step, y0 + y as i32 * step);
                let far = (corner.0 + step, corner.1 + step);
                root.draw(&Rectangle::new([corner, far], shade(v, largest).filled()))?;
                root.draw(&Rectangle::new([corner, far], RGBColor(90, 90, 90)))?;
                root.draw_text(
                    &format_weight(v),
                    &text(size).pos(centred),
                    (corner.0 + step / 2, corner.1 + step / 2),
                )?;
            }
            root.draw_text(
                note,
                &text(15).pos(centred),
                (centre_x, y0 + step * h as i32 + GAP as i32 / 2 + 2),
            )?;
        }
    }
    Ok(())
}

/// Zero is light gray, positive weights whiter, negative weights darker (but
/// never so dark that black digits stop being readable).
fn shade(value: f64, largest: f64) -> RGBColor {
    let t = if largest > 0.0 { value / largest } else { 0.0 };
    let level = if t >= 0.0 {
        215.0 + 40.0 * t
    } else {
        215.0 + 85.0 * t
    };
    let level = level.round() as u8;
    RGBColor(level, level, level)
}

/// Integers without a decimal point, other values with up to two decimals.
pub fn format_weight(value: f64) -> String {
    book_figures::short_number(value)
}

#[cfg(test)]
mod tests {
    use super::format_weight;

    #[test]
    fn weights_print_compactly() {
        assert_eq!(format_weight(-4.0), "-4");
        assert_eq!(format_weight(0.25), "0.25");
        assert_eq!(format_weight(-0.5), "-0.5");
        assert_eq!(format_weight(0.11), "0.11");
    }
}
