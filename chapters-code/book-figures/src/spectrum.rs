//! Frequency-response plots: curves of a gain against frequency in cycles per
//! sample, from 0 (constant) to 0.5 (the Nyquist frequency, `+1, -1, +1, ...`).
//!
//! ```
//! use book_figures::spectrum::{draw_responses, Curve};
//! use plotters::prelude::SeriesLabelPosition;
//! let dir = std::env::temp_dir().join(format!("spectrum-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let path = dir.join("gain.png");
//! let halving = Curve::new("(1 + cos 2πf) / 2", book_figures::palette::OUTPUT,
//!     (0..=50).map(|i| { let f = i as f64 / 100.0; (f, (1.0 + (std::f64::consts::TAU * f).cos()) / 2.0) }).collect());
//! let root = book_figures::png_canvas(&path, (500, 300))?;
//! draw_responses(&root, "a low-pass gain", &[halving], (0.0, 1.1), "gain |H(f)|", SeriesLabelPosition::UpperRight)?;
//! root.present()?;
//! drop(root);
//! assert!(std::fs::read(&path)?.starts_with(b"\x89PNG"));
//! std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::series::line_legend;
use crate::{FigureResult, draw_legend, text};

/// One curve: a legend label, a colour and `(frequency, value)` points.
#[derive(Debug, Clone)]
pub struct Curve {
    /// The legend entry.
    pub label: String,
    /// The line colour.
    pub colour: RGBColor,
    /// `(f, value)` pairs, `f` in cycles per sample.
    pub points: Vec<(f64, f64)>,
}

impl Curve {
    /// A curve from its parts.
    pub fn new(label: &str, colour: RGBColor, points: Vec<(f64, f64)>) -> Self {
        Curve {
            label: label.to_string(),
            colour,
            points,
        }
    }
}

/// `n + 1` frequencies evenly spaced from 0 to 0.5, for sampling a response.
///
/// ```
/// assert_eq!(book_figures::spectrum::frequencies(4), vec![0.0, 0.125, 0.25, 0.375, 0.5]);
/// ```
pub fn frequencies(n: usize) -> Vec<f64> {
    (0..=n).map(|i| 0.5 * i as f64 / n.max(1) as f64).collect()
}

/// Draw curves against frequency (0 to 0.5 cycles per sample) into `area`,
/// with a title, labelled axes, a zero line and a legend at `legend`.
pub fn draw_responses<DB>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    curves: &[Curve],
    y_range: (f64, f64),
    y_desc: &str,
    legend: SeriesLabelPosition,
) -> FigureResult
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let mut chart = ChartBuilder::on(area)
        .caption(title, text(18))
        .margin(10)
        .x_label_area_size(44)
        .y_label_area_size(58)
        .build_cartesian_2d(0.0..0.5, y_range.0..y_range.1)?;
    chart
        .configure_mesh()
        .x_desc("frequency f (cycles per sample)")
        .y_desc(y_desc)
        .x_labels(6)
        .light_line_style(BLACK.mix(0.05))
        .label_style(text(13))
        .axis_desc_style(text(14))
        .draw()?;
    if y_range.0 < 0.0 && y_range.1 > 0.0 {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.5, 0.0)],
            BLACK.mix(0.5),
        )))?;
    }
    for curve in curves {
        let colour = curve.colour;
        chart
            .draw_series(LineSeries::new(
                curve.points.iter().copied(),
                colour.stroke_width(3),
            ))?
            .label(curve.label.as_str())
            .legend(line_legend(colour, 3));
    }
    draw_legend(&mut chart, legend)?;
    Ok(())
}
