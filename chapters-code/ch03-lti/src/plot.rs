//! A small line-chart helper shared by the still figures and the animation frames.

use std::ops::Range;

use book_figures::series::{StemStyle, draw_stems, line_legend};
use book_figures::{FigureResult, text};
use plotters::coord::Shift;
use plotters::prelude::*;

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A line through the samples with a small dot on each.
    Line,
    /// A vertical stem from 0 to each sample, with a dot on each nonzero one.
    Stems,
    /// Stems without dots, for many samples side by side.
    Bars,
    /// A thin line without dots, to mark a place (such as the current time).
    Guide,
    /// A large dot on each sample, to point one out.
    Highlight,
}

/// One curve of a panel.
#[derive(Debug, Clone)]
pub struct Series {
    pub label: String,
    pub points: Vec<(f64, f64)>,
    pub color: RGBColor,
    pub style: Style,
}

impl Series {
    /// A line through `values` drawn at x = `first_x`, `first_x + 1`, ...
    pub fn line(label: &str, first_x: f64, values: &[f64], color: RGBColor) -> Self {
        let points = values
            .iter()
            .enumerate()
            .map(|(i, &v)| (first_x + i as f64, v))
            .collect();
        Series {
            label: label.to_string(),
            points,
            color,
            style: Style::Line,
        }
    }

    /// The same series drawn as stems.
    pub fn stems(mut self) -> Self {
        self.style = Style::Stems;
        self
    }
}

/// The y range that shows every point of `series` with a little room, always including 0.
pub fn y_range(series: &[Series]) -> Range<f64> {
    let values = series.iter().flat_map(|s| s.points.iter().map(|p| p.1));
    let (low, high) = values.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let room = 0.08 * (high - low).max(1e-9);
    (low - if low < 0.0 { room } else { 0.0 })..(high + room)
}

/// What a panel's axes measure: the labels of the horizontal and vertical axis.
pub type AxisLabels<'a> = (&'a str, &'a str);

/// Draw `series` on `area` with a caption, over `x` and `y`, with labelled
/// axes and a legend.
pub fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    caption: &str,
    series: &[Series],
    x: Range<f64>,
    y: Range<f64>,
    (x_desc, y_desc): AxisLabels,
) -> FigureResult
where
    DB::ErrorType: 'static,
{
    let mut builder = ChartBuilder::on(area);
    if !caption.is_empty() {
        builder.caption(caption, text(15));
    }
    let mut chart = builder
        .margin(6)
        .x_label_area_size(34)
        .y_label_area_size(54)
        .build_cartesian_2d(x, y)?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .axis_desc_style(text(12))
        .label_style(text(11))
        .x_labels(8)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_labels(5)
        .draw()?;
    for s in series {
        let color = s.color;
        match s.style {
            Style::Line => {
                let drawn =
                    chart.draw_series(LineSeries::new(s.points.clone(), color.stroke_width(2)))?;
                if !s.label.is_empty() {
                    drawn.label(s.label.as_str()).legend(line_legend(color, 2));
                }
                if s.points.len() <= 120 {
                    chart
                        .draw_series(s.points.iter().map(|&p| Circle::new(p, 2, color.filled())))?;
                }
            }
            Style::Guide => {
                chart.draw_series(std::iter::once(PathElement::new(
                    s.points.clone(),
                    color.stroke_width(2),
                )))?;
            }
            Style::Highlight => {
                chart.draw_series(
                    s.points
                        .iter()
                        .map(|&p| Circle::new(p, 5, color.stroke_width(2))),
                )?;
            }
            Style::Stems | Style::Bars => {
                draw_stems(&mut chart, &s.points, color, &s.label, StemStyle::SMALL)?;
            }
        }
    }
    if series.iter().any(|s| !s.label.is_empty()) {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font(text(12))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()?;
    }
    Ok(())
}
