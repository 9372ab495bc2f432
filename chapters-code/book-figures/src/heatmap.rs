//! Arrays drawn as coloured pictures with axes, and the colour bar that says
//! which colour is which value: for spectra (log magnitudes), frequency
//! responses and signed filter outputs.
//!
//! ```
//! use book_figures::heatmap::{draw_heatmap_with_bar, ColourMap, Heatmap};
//! use ndarray::Array2;
//! let dir = std::env::temp_dir().join(format!("heatmap-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let path = dir.join("ramp.png");
//! let ramp = Array2::from_shape_fn((8, 16), |(i, j)| i as f64 - j as f64);
//! let root = book_figures::png_canvas(&path, (420, 260))?;
//! draw_heatmap_with_bar(&root, &Heatmap::new("a ramp", &ramp, (-15.0, 7.0), ColourMap::Diverging), "row - column")?;
//! root.present()?;
//! drop(root);
//! assert!(std::fs::read(&path)?.starts_with(b"\x89PNG"));
//! std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use ndarray::Array2;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::{FigureResult, short_number, text};

/// How values become colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColourMap {
    /// Dark blue through green to yellow (after matplotlib's *viridis*): for
    /// values that only grow, such as magnitudes; readable in gray print.
    Sequential,
    /// Blue for negative, white for zero, red for positive: for signed values.
    /// Use a range symmetric about zero so that white means zero.
    Diverging,
    /// Black to white: for photos.
    Gray,
}

/// Anchor colours of [`ColourMap::Sequential`], evenly spaced from 0 to 1.
const SEQUENTIAL: [(u8, u8, u8); 9] = [
    (68, 1, 84),
    (71, 44, 122),
    (59, 81, 139),
    (44, 113, 142),
    (33, 144, 141),
    (39, 173, 129),
    (92, 200, 99),
    (170, 220, 50),
    (253, 231, 37),
];

/// Anchor colours of [`ColourMap::Diverging`], from -1 through 0 to +1.
const DIVERGING: [(u8, u8, u8); 5] = [
    (33, 102, 172),
    (146, 197, 222),
    (247, 247, 247),
    (244, 165, 130),
    (178, 24, 43),
];

impl ColourMap {
    /// The colour of `t` in `0..=1` (clamped; NaN is the lowest colour), by
    /// linear interpolation between the map's anchors.
    ///
    /// ```
    /// use book_figures::heatmap::ColourMap;
    /// use plotters::style::RGBColor;
    /// assert_eq!(ColourMap::Gray.colour(0.0), RGBColor(0, 0, 0));
    /// assert_eq!(ColourMap::Gray.colour(2.0), RGBColor(255, 255, 255));
    /// assert_eq!(ColourMap::Diverging.colour(0.5), RGBColor(247, 247, 247));
    /// ```
    pub fn colour(self, t: f64) -> RGBColor {
        let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
        let anchors: &[(u8, u8, u8)] = match self {
            ColourMap::Sequential => &SEQUENTIAL,
            ColourMap::Diverging => &DIVERGING,
            ColourMap::Gray => &[(0, 0, 0), (255, 255, 255)],
        };
        let scaled = t * (anchors.len() - 1) as f64;
        let i = (scaled.floor() as usize).min(anchors.len() - 2);
        let w = scaled - i as f64;
        let mix = |a: u8, b: u8| (f64::from(a) + w * (f64::from(b) - f64::from(a))).round() as u8;
        let (a, b) = (anchors[i], anchors[i + 1]);
        RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }
}

/// One array to draw, with what its axes and colours mean.
///
/// `values[[i, j]]` fills the cell from `x.0 + j dx` to `x.0 + (j + 1) dx`
/// across and, with row 0 at the top, from `y.1 - i dy` down to
/// `y.1 - (i + 1) dy`, where `dx` and `dy` divide the extents `x` and `y` into
/// as many cells as the array has columns and rows.
#[derive(Debug, Clone)]
pub struct Heatmap<'a> {
    /// The title above the picture.
    pub title: &'a str,
    /// The values, row 0 drawn at the top.
    pub values: &'a Array2<f64>,
    /// The values at the two ends of the colour scale; values outside take
    /// the end colours.
    pub range: (f64, f64),
    /// The colour map.
    pub colours: ColourMap,
    /// Horizontal extent, in axis units.
    pub x: (f64, f64),
    /// Vertical extent, in axis units.
    pub y: (f64, f64),
    /// Label of the horizontal axis.
    pub x_desc: &'a str,
    /// Label of the vertical axis.
    pub y_desc: &'a str,
    /// Whether the vertical tick labels count downwards (`-y` is shown), as
    /// row numbers of a picture do.
    pub y_down: bool,
}

impl<'a> Heatmap<'a> {
    /// A heatmap whose axes count pixels: columns across, rows down from 0 at
    /// the top.
    pub fn new(
        title: &'a str,
        values: &'a Array2<f64>,
        range: (f64, f64),
        colours: ColourMap,
    ) -> Self {
        let (rows, cols) = values.dim();
        Heatmap {
            title,
            values,
            range,
            colours,
            x: (0.0, cols as f64),
            y: (-(rows as f64), 0.0),
            x_desc: "column",
            y_desc: "row",
            y_down: true,
        }
    }

    /// The same heatmap with other axis extents and labels (`y` growing upwards).
    pub fn with_axes(self, x: (f64, f64), y: (f64, f64), x_desc: &'a str, y_desc: &'a str) -> Self {
        Heatmap {
            x,
            y,
            x_desc,
            y_desc,
            y_down: false,
            ..self
        }
    }

    /// Where `value` falls on the colour scale, 0 at `range.0`, 1 at `range.1`.
    fn position(&self, value: f64) -> f64 {
        let (lo, hi) = self.range;
        if hi > lo {
            (value - lo) / (hi - lo)
        } else {
            0.5
        }
    }
}

/// The smallest and largest finite value of an array (`(0, 0)` if none).
///
/// ```
/// use book_figures::heatmap::value_range;
/// assert_eq!(value_range(&ndarray::array![[2.0, -1.0], [f64::NAN, 5.0]]), (-1.0, 5.0));
/// ```
pub fn value_range(values: &Array2<f64>) -> (f64, f64) {
    let (lo, hi) = values
        .iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    if lo <= hi { (lo, hi) } else { (0.0, 0.0) }
}

/// Room a heatmap's caption, axes and margins take, in pixels (across, down).
const FRAME: (u32, u32) = (6 + 50 + 6, 6 + 26 + 38 + 6);

/// Draw `map` into `area`: title, axes with tick labels, one filled rectangle
/// per value. The picture keeps square cells, centred in the area. Returns
/// the columns and rows of pixels the picture covers (in the canvas's
/// coordinates), so that a colour bar can be put beside it at the same height.
pub fn draw_heatmap<DB>(area: &DrawingArea<DB, Shift>, map: &Heatmap) -> FigureResult<PixelBox>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let (rows, cols) = map.values.dim();
    let (width, height) = area.dim_in_pixel();
    let room = (
        width.saturating_sub(FRAME.0),
        height.saturating_sub(FRAME.1),
    );
    let scale =
        (f64::from(room.0) / cols.max(1) as f64).min(f64::from(room.1) / rows.max(1) as f64);
    let spare_x = room.0.saturating_sub((scale * cols as f64).floor() as u32);
    let spare_y = room.1.saturating_sub((scale * rows as f64).floor() as u32);
    let area = area.margin(
        spare_y / 2,
        spare_y - spare_y / 2,
        spare_x / 2,
        spare_x - spare_x / 2,
    );
    let y_label = |v: &f64| short_number(if map.y_down { -*v } else { *v });
    let mut chart = ChartBuilder::on(&area)
        .caption(map.title, text(16))
        .margin(6)
        .x_label_area_size(38)
        .y_label_area_size(50)
        .build_cartesian_2d(map.x.0..map.x.1, map.y.0..map.y.1)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(map.x_desc)
        .y_desc(map.y_desc)
        .x_labels(5)
        .y_labels(5)
        .x_label_formatter(&|v| short_number(*v))
        .y_label_formatter(&y_label)
        .label_style(text(12))
        .axis_desc_style(text(13))
        .draw()?;
    let dx = (map.x.1 - map.x.0) / cols.max(1) as f64;
    let dy = (map.y.1 - map.y.0) / rows.max(1) as f64;
    chart.draw_series(map.values.indexed_iter().map(|((i, j), &v)| {
        let left = map.x.0 + j as f64 * dx;
        let top = map.y.1 - i as f64 * dy;
        Rectangle::new(
            [(left, top), (left + dx, top - dy)],
            map.colours.colour(map.position(v)).filled(),
        )
    }))?;
    Ok(chart.plotting_area().get_pixel_range())
}

/// Columns and rows of canvas pixels.
pub type PixelBox = (std::ops::Range<i32>, std::ops::Range<i32>);

/// The strip of `area` right of the picture `picture`, [`BAR_WIDTH`] wide.
fn beside<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    picture: &PixelBox,
) -> DrawingArea<DB, Shift> {
    let (columns, _) = area.get_pixel_range();
    let (width, height) = area.dim_in_pixel();
    let left = (picture.0.end - columns.start + 6).clamp(0, width as i32) as u32;
    area.clone()
        .shrink((left, 0), (BAR_WIDTH.min(width - left), height))
}

/// A vertical colour bar for `range` and `colours`, labelled `label`, as tall
/// as the canvas rows `span` (what [`draw_heatmap`] returns).
pub fn draw_colour_bar<DB>(
    area: &DrawingArea<DB, Shift>,
    span: std::ops::Range<i32>,
    range: (f64, f64),
    colours: ColourMap,
    label: &str,
) -> FigureResult
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let (lo, hi) = if range.1 > range.0 {
        range
    } else {
        (range.0 - 0.5, range.0 + 0.5)
    };
    let (top, bottom) = {
        let rows = area.get_pixel_range().1;
        (
            (span.start - rows.start).max(0),
            (rows.end - span.end).max(0),
        )
    };
    let mut chart = ChartBuilder::on(area)
        .margin_top(top)
        .margin_bottom(bottom)
        .margin_left(8)
        .margin_right(4)
        .right_y_label_area_size(46)
        .build_cartesian_2d(0.0..1.0, lo..hi)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_desc(label)
        .y_labels(6)
        .y_label_formatter(&|v| short_number(*v))
        .label_style(text(12))
        .axis_desc_style(text(13))
        .draw()?;
    const STEPS: usize = 128;
    let step = (hi - lo) / STEPS as f64;
    chart.draw_series((0..STEPS).map(|s| {
        let bottom = lo + s as f64 * step;
        let t = (s as f64 + 0.5) / STEPS as f64;
        Rectangle::new(
            [(0.0, bottom), (1.0, bottom + step)],
            colours.colour(t).filled(),
        )
    }))?;
    chart.draw_series(std::iter::once(Rectangle::new(
        [(0.0, lo), (1.0, hi)],
        BLACK.mix(0.6),
    )))?;
    Ok(())
}

/// Width of the strip that [`draw_heatmap_with_bar`] gives the colour bar.
pub const BAR_WIDTH: u32 = 84;

/// A heatmap with its own colour bar at its right.
pub fn draw_heatmap_with_bar<DB>(
    area: &DrawingArea<DB, Shift>,
    map: &Heatmap,
    bar_label: &str,
) -> FigureResult
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let width = area.dim_in_pixel().0;
    let (left, _) = area.split_horizontally(width.saturating_sub(BAR_WIDTH));
    let picture = draw_heatmap(&left, map)?;
    let bar = beside(area, &picture);
    draw_colour_bar(&bar, picture.1, map.range, map.colours, bar_label)
}

/// Several heatmaps side by side that share one colour scale, and one colour
/// bar at the right for all of them (each map's own `range` and `colours` are
/// replaced by `range` and `colours`).
pub fn draw_heatmap_row<DB>(
    area: &DrawingArea<DB, Shift>,
    maps: &[Heatmap],
    range: (f64, f64),
    colours: ColourMap,
    bar_label: &str,
) -> FigureResult
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let width = area.dim_in_pixel().0;
    let (left, _) = area.split_horizontally(width.saturating_sub(BAR_WIDTH));
    let mut picture = area.get_pixel_range();
    for (cell, map) in left.split_evenly((1, maps.len().max(1))).iter().zip(maps) {
        let shared = Heatmap {
            range,
            colours,
            ..map.clone()
        };
        picture = draw_heatmap(cell, &shared)?;
    }
    let bar = beside(area, &picture);
    draw_colour_bar(&bar, picture.1, range, colours, bar_label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_run_from_their_first_to_their_last_anchor() {
        assert_eq!(ColourMap::Sequential.colour(0.0), RGBColor(68, 1, 84));
        assert_eq!(ColourMap::Sequential.colour(1.0), RGBColor(253, 231, 37));
        assert_eq!(ColourMap::Diverging.colour(0.0), RGBColor(33, 102, 172));
        assert_eq!(
            ColourMap::Diverging.colour(f64::NAN),
            RGBColor(33, 102, 172)
        );
        assert_eq!(ColourMap::Gray.colour(0.5), RGBColor(128, 128, 128));
    }

    #[test]
    fn tick_labels_are_short() {
        assert_eq!(short_number(-0.0), "0");
        assert_eq!(short_number(3.0), "3");
        assert_eq!(short_number(0.25), "0.25");
        assert_eq!(short_number(-0.5), "-0.5");
    }
}
