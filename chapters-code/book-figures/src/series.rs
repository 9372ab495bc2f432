//! Series on a chart in the book's style: stems for discrete signals, and the
//! small markers a legend shows for lines and dots.
//!
//! ```
//! use book_figures::series::{draw_stems, line_legend, StemStyle};
//! use book_figures::{draw_legend, palette, png_canvas};
//! use plotters::prelude::*;
//! let path = std::env::temp_dir().join(format!("series-doc-{}.png", std::process::id()));
//! let root = png_canvas(&path, (300, 200))?;
//! let mut chart = ChartBuilder::on(&root).build_cartesian_2d(-0.5..3.5, -1.0..2.0)?;
//! draw_stems(&mut chart, &[(0.0, 1.0), (1.0, -0.5)], palette::INPUT, "x[n]", StemStyle::BOOK)?;
//! chart
//!     .draw_series(LineSeries::new(vec![(0.0, 0.0), (3.0, 1.0)], palette::OUTPUT.stroke_width(3)))?
//!     .label("a line")
//!     .legend(line_legend(palette::OUTPUT, 3));
//! draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;
//! root.present()?;
//! # drop(root); std::fs::remove_file(&path)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use plotters::coord::types::RangedCoordf64;
use plotters::element::{Circle, PathElement};
use plotters::prelude::*;

use crate::FigureResult;

/// A chart whose axes are plain `f64` ranges.
pub type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A legend marker: a short line of `color`, `width` pixels thick.
pub fn line_legend(color: RGBColor, width: u32) -> impl Fn((i32, i32)) -> PathElement<(i32, i32)> {
    move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(width))
}

/// A legend marker: a filled dot of `radius` pixels, `dx` pixels right of the
/// legend's anchor.
pub fn dot_legend(
    color: RGBColor,
    radius: u32,
    dx: i32,
) -> impl Fn((i32, i32)) -> Circle<(i32, i32), u32> {
    move |(x, y)| Circle::new((x + dx, y), radius, color.filled())
}

/// How stems look: the stem's width and the dot's radius, and where the
/// legend's dot sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StemStyle {
    /// Width of the vertical line, in pixels.
    pub width: u32,
    /// Radius of the dot on each sample, in pixels.
    pub radius: u32,
    /// How far right of the legend's anchor the legend's dot is drawn.
    pub legend_dx: i32,
}

impl StemStyle {
    /// The book's stems: 2-pixel lines, dots of radius 4.
    pub const BOOK: StemStyle = StemStyle {
        width: 2,
        radius: 4,
        legend_dx: 10,
    };
    /// Smaller stems for small panels and many samples: dots of radius 3.
    pub const SMALL: StemStyle = StemStyle {
        width: 2,
        radius: 3,
        legend_dx: 8,
    };
}

/// Draw a discrete signal as stems: a vertical line from 0 to each value, with
/// a dot. An empty `label` leaves the series out of the legend.
pub fn draw_stems<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    points: &[(f64, f64)],
    color: RGBColor,
    label: &str,
    style: StemStyle,
) -> FigureResult
where
    DB::ErrorType: 'static,
{
    chart.draw_series(points.iter().map(|&(x, y)| {
        PathElement::new(vec![(x, 0.0), (x, y)], color.stroke_width(style.width))
    }))?;
    let dots = chart.draw_series(
        points
            .iter()
            .map(|&(x, y)| Circle::new((x, y), style.radius, color.filled())),
    )?;
    if !label.is_empty() {
        dots.label(label)
            .legend(dot_legend(color, style.radius, style.legend_dx));
    }
    Ok(())
}

/// `(n, values[n])` for each sample, the first at `x = first`: the points of a
/// stem plot or a line.
///
/// ```
/// assert_eq!(book_figures::series::indexed(&[5.0, 6.0], -1.0), vec![(-1.0, 5.0), (0.0, 6.0)]);
/// ```
pub fn indexed(values: &[f64], first: f64) -> Vec<(f64, f64)> {
    values
        .iter()
        .enumerate()
        .map(|(n, &v)| (first + n as f64, v))
        .collect()
}
