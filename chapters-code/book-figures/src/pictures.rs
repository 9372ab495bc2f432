//! Pictures painted pixel by pixel onto a canvas: a gray image (photo or
//! filtered array, already turned into 8-bit levels by
//! [`crate::photos::to_pixels`]) or a colour photo.
//!
//! ```
//! use book_figures::pictures::draw_gray;
//! use ndarray::array;
//! let path = std::env::temp_dir().join(format!("pictures-doc-{}.png", std::process::id()));
//! let root = book_figures::png_canvas(&path, (20, 20))?;
//! draw_gray(&root, &array![[0u8, 255], [128, 64]], (2, 2), 4)?;
//! root.present()?;
//! # drop(root); std::fs::remove_file(&path)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use ndarray::{Array2, Array3};
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::FigureResult;

/// Paint `levels` (0 black, 255 white) with its top-left corner at `at`, each
/// pixel a `block`-sided square (`block = 1`: one canvas pixel per pixel).
pub fn draw_gray<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    levels: &Array2<u8>,
    at: (i32, i32),
    block: i32,
) -> FigureResult
where
    DB::ErrorType: 'static,
{
    for ((r, c), &v) in levels.indexed_iter() {
        let (x, y) = (at.0 + c as i32 * block, at.1 + r as i32 * block);
        let colour = RGBColor(v, v, v);
        if block == 1 {
            area.draw_pixel((x, y), &colour)?;
        } else {
            area.draw(&Rectangle::new(
                [(x, y), (x + block, y + block)],
                colour.filled(),
            ))?;
        }
    }
    Ok(())
}

/// Paint a `(height, width, 3)` array of 8-bit RGB levels, one canvas pixel
/// per pixel, with its top-left corner at `at`.
pub fn draw_rgb<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    levels: &Array3<u8>,
    at: (i32, i32),
) -> FigureResult
where
    DB::ErrorType: 'static,
{
    let (h, w, _) = levels.dim();
    for y in 0..h {
        for x in 0..w {
            let level = |c: usize| levels[[y, x, c]];
            area.draw_pixel(
                (at.0 + x as i32, at.1 + y as i32),
                &RGBColor(level(0), level(1), level(2)),
            )?;
        }
    }
    Ok(())
}

/// Width of a [`draw_gray_bar`], its labels included, in pixels.
pub const GRAY_BAR_WIDTH: i32 = 56;

/// A vertical gray colour bar for a picture drawn with [`draw_gray`]: black at
/// the bottom is `low`, white at the top is `high`, the middle is labelled
/// too. `top_left` is the bar's corner; it is `height` pixels tall, 10 wide,
/// with its labels to its right.
pub fn draw_gray_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    top_left: (i32, i32),
    height: i32,
    (low, high): (f64, f64),
) -> FigureResult
where
    DB::ErrorType: 'static,
{
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let (x, y) = top_left;
    let height = height.max(2);
    for row in 0..height {
        let level = (255.0 * f64::from(height - 1 - row) / f64::from(height - 1)).round() as u8;
        area.draw(&Rectangle::new(
            [(x, y + row), (x + 10, y + row + 1)],
            RGBColor(level, level, level).filled(),
        ))?;
    }
    area.draw(&Rectangle::new(
        [(x, y), (x + 10, y + height)],
        BLACK.mix(0.6),
    ))?;
    let style = crate::text(11).pos(Pos::new(HPos::Left, VPos::Center));
    for (at, value) in [
        (y, high),
        (y + height / 2, (low + high) / 2.0),
        (y + height - 1, low),
    ] {
        area.draw(&PathElement::new(vec![(x + 10, at), (x + 13, at)], BLACK))?;
        area.draw(&Text::new(short_value(value), (x + 15, at), style.clone()))?;
    }
    Ok(())
}

/// A bar label: [`crate::short_number`], but without decimals from 10 up.
fn short_value(v: f64) -> String {
    if v.abs() >= 10.0 {
        format!("{:.0}", v + 0.0)
    } else {
        crate::short_number(v)
    }
}
