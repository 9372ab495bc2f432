//! Grids of labelled cells: a matrix, an input or an output drawn as squares
//! with their value (or index) written inside, large enough to read.
//!
//! ```
//! use book_figures::number_grid::{Cell, draw_grid, grid_size, tint};
//! use book_figures::palette;
//! use ndarray::Array2;
//! let cells = Array2::from_shape_fn((2, 3), |(r, c)| Cell::new((3 * r + c).to_string(), tint(palette::INPUT, 0.3)));
//! assert_eq!(grid_size(cells.dim(), 40), (120, 80));
//! let path = std::env::temp_dir().join("number-grid-doc.png");
//! let root = book_figures::png_canvas(&path, (140, 100))?;
//! draw_grid(&root, (10, 10), &cells, 40)?;
//! root.present()?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use ndarray::Array2;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::{FigureResult, text};

/// One cell: the text written in it and its background colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// What is written in the cell (a value or an index); may be empty.
    pub label: String,
    /// Background colour.
    pub fill: RGBColor,
}

impl Cell {
    /// A cell with `label` on `fill`.
    pub fn new(label: impl Into<String>, fill: RGBColor) -> Self {
        Cell {
            label: label.into(),
            fill,
        }
    }

    /// A white cell with `label`.
    pub fn plain(label: impl Into<String>) -> Self {
        Cell::new(label, WHITE)
    }
}

/// Light grey, for zeros and padding.
pub const BLANK: RGBColor = RGBColor(238, 238, 238);

/// The colour `color` mixed with white: `amount = 0` is white, `1` is `color`.
/// Opaque, so that overlapping drawings stay deterministic and readable.
pub fn tint(color: RGBColor, amount: f64) -> RGBColor {
    let a = amount.clamp(0.0, 1.0);
    let mix = |c: u8| (255.0 - (255.0 - f64::from(c)) * a).round() as u8;
    RGBColor(mix(color.0), mix(color.1), mix(color.2))
}

/// Width and height in pixels of a grid of `(rows, cols)` cells of `side` pixels.
pub fn grid_size((rows, cols): (usize, usize), side: i32) -> (i32, i32) {
    (cols as i32 * side, rows as i32 * side)
}

/// Font size that fits `label` into a cell of `side` pixels.
fn font_size(label: &str, side: i32) -> u32 {
    let chars = label.chars().count().max(1) as f64;
    let by_width = f64::from(side) * 1.6 / chars;
    (f64::from(side) * 0.5).min(by_width).max(8.0) as u32
}

/// Draw `cells` with their top-left corner at `top_left`, each `side` pixels
/// square, with grey lines between them and each label centred in its cell.
pub fn draw_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    top_left: (i32, i32),
    cells: &Array2<Cell>,
    side: i32,
) -> FigureResult
where
    DB::ErrorType: 'static,
{
    let line = RGBColor(150, 150, 150);
    for ((row, col), cell) in cells.indexed_iter() {
        let [a, b] = cell_rect(top_left, side, (row, col));
        area.draw(&Rectangle::new([a, b], cell.fill.filled()))?;
        area.draw(&Rectangle::new([a, b], line.stroke_width(1)))?;
        if !cell.label.is_empty() {
            let style =
                text(font_size(&cell.label, side)).pos(Pos::new(HPos::Center, VPos::Center));
            area.draw(&Text::new(
                cell.label.clone(),
                (a.0 + side / 2, a.1 + side / 2),
                style,
            ))?;
        }
    }
    Ok(())
}

/// The pixel rectangle of cell `(row, col)` of a grid at `top_left`.
pub fn cell_rect(top_left: (i32, i32), side: i32, (row, col): (usize, usize)) -> [(i32, i32); 2] {
    let x = top_left.0 + col as i32 * side;
    let y = top_left.1 + row as i32 * side;
    [(x, y), (x + side, y + side)]
}

/// Outline the block of cells `rows × cols` starting at `(row, col)`.
pub fn outline<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    top_left: (i32, i32),
    side: i32,
    (row, col): (usize, usize),
    (rows, cols): (usize, usize),
    color: RGBColor,
    width: u32,
) -> FigureResult
where
    DB::ErrorType: 'static,
{
    let [a, _] = cell_rect(top_left, side, (row, col));
    let b = (a.0 + cols as i32 * side, a.1 + rows as i32 * side);
    area.draw(&Rectangle::new([a, b], color.stroke_width(width)))?;
    Ok(())
}

/// Row indices to the left of a grid and column indices above it, in grey.
pub fn draw_indices<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    top_left: (i32, i32),
    side: i32,
    (rows, cols): (usize, usize),
) -> FigureResult
where
    DB::ErrorType: 'static,
{
    let size = (side as u32 * 2 / 5).clamp(9, 15);
    let grey = RGBColor(110, 110, 110);
    let style = text(size).color(&grey);
    for row in 0..rows {
        let y = top_left.1 + row as i32 * side + side / 2;
        let right = style.pos(Pos::new(HPos::Right, VPos::Center));
        area.draw(&Text::new(row.to_string(), (top_left.0 - 4, y), right))?;
    }
    for col in 0..cols {
        let x = top_left.0 + col as i32 * side + side / 2;
        let bottom = style.pos(Pos::new(HPos::Center, VPos::Bottom));
        area.draw(&Text::new(col.to_string(), (x, top_left.1 - 3), bottom))?;
    }
    Ok(())
}

/// A caption (title of a grid) with its left end at `at`.
pub fn caption<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    at: (i32, i32),
    label: &str,
    size: u32,
) -> FigureResult
where
    DB::ErrorType: 'static,
{
    area.draw(&Text::new(label.to_string(), at, text(size)))?;
    Ok(())
}

/// Cells for integer values: zeros on [`BLANK`], positive values tinted with
/// `positive`, negative ones with `negative`, stronger for larger magnitudes.
pub fn integer_cells(values: &Array2<i64>, positive: RGBColor, negative: RGBColor) -> Array2<Cell> {
    let max = values.iter().map(|v| v.abs()).max().unwrap_or(0).max(1) as f64;
    values.mapv(|v| {
        let fill = match v {
            0 => BLANK,
            v if v > 0 => tint(positive, 0.2 + 0.5 * v as f64 / max),
            v => tint(negative, 0.2 + 0.5 * v.abs() as f64 / max),
        };
        Cell::new(v.to_string(), fill)
    })
}
