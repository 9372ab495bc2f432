//! The chapter's figures. The timings come only from the committed results
//! file, so the pictures are the same every time they are drawn.

use std::path::Path;

use book_figures::series::line_legend;
use book_figures::{FigureResult, draw_legend, palette, png_canvas, text};
use convolution::fast::multiply_adds;
use convolution::{Method, Mode};
use plotters::prelude::*;

use crate::grid::{IMAGE_SIZES, KERNEL_SIZES, TYPES};
use crate::results::Results;

/// Draw every figure of chapter 7 into `dir`.
pub fn draw_figures(dir: &Path) -> FigureResult {
    let results = Results::committed();
    operations(&dir.join("operations.png"))?;
    // The page's figure: our three methods only, `f32`, both image sizes.
    let ours = &LINES[..3];
    let f32_panels = IMAGE_SIZES.map(|n| (n, "f32"));
    let machine = results.header_value("machine").unwrap_or("unknown machine");
    times(
        &dir.join("what-to-use.png"),
        &results,
        Layout {
            size: (1000, 470),
            grid: (1, 2),
            title: format!("Which method is fastest? Median time, f32, one thread ({machine})"),
        },
        ours,
        &f32_panels,
    )?;
    // The appendix's figure: every panel, with the peers.
    let all_panels: Vec<(usize, &str)> = IMAGE_SIZES
        .iter()
        .flat_map(|&n| TYPES.iter().map(move |&t| (n, t)))
        .collect();
    let date = results.header_value("date").unwrap_or("unknown date");
    times(
        &dir.join("times.png"),
        &results,
        Layout {
            size: (1000, 860),
            grid: (2, 2),
            title: format!("Median time, same mode, one thread ({machine}; {date})"),
        },
        &LINES,
        &all_panels,
    )?;
    Ok(())
}

/// Multiply-adds per output pixel against kernel size, for a 512 x 512 image:
/// `k^2` for direct, `2k` for separable, nearly flat for the FFT.
fn operations(path: &Path) -> FigureResult {
    let root = png_canvas(path, (760, 460))?;
    let per_pixel = |method, k: usize| {
        multiply_adds(method, (512, 512), (k, k), Mode::Same).expect("valid shapes")
            / (512.0 * 512.0)
    };
    let mut chart = ChartBuilder::on(&root)
        .caption("Multiply-adds per output pixel, 512 x 512 image", text(20))
        .margin(12)
        .x_label_area_size(45)
        .y_label_area_size(70)
        .build_cartesian_2d(
            (1f64..64f64)
                .log_scale()
                .with_key_points(vec![1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0]),
            (1f64..5000f64).log_scale(),
        )?;
    chart
        .configure_mesh()
        .x_desc("kernel size k (k x k)")
        .y_desc("multiply-adds per pixel")
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .label_style(text(15))
        .axis_desc_style(text(16))
        .draw()?;
    let ks: Vec<usize> = (1..=63).collect();
    for (method, color, label) in [
        (Method::Direct, palette::INPUT, "direct: k^2"),
        (Method::Separable, palette::OUTPUT, "separable: 2k"),
        (
            Method::Fft,
            palette::KERNEL,
            "FFT: 3 log2(PQ) + 2, times PQ / n^2",
        ),
    ] {
        chart
            .draw_series(LineSeries::new(
                ks.iter().map(|&k| (k as f64, per_pixel(method, k))),
                color.stroke_width(3),
            ))?
            .label(label)
            .legend(line_legend(color, 3));
    }
    draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
    root.present()?;
    Ok(())
}

/// One measured series as drawn: its name in the results, its legend, colour, dashed or not.
struct Line {
    series: &'static str,
    label: &'static str,
    color: RGBColor,
    peer: bool,
}

/// The pseudo-series of the machine's floor for the direct sum (`Results::floor_ms`).
const FLOOR: &str = "floor";

const LINES: [Line; 9] = [
    Line {
        series: "direct",
        label: "ours: direct",
        color: palette::INPUT,
        peer: false,
    },
    Line {
        series: "separable",
        label: "ours: separable (Gaussian)",
        color: palette::OUTPUT,
        peer: false,
    },
    Line {
        series: "fft",
        label: "ours: FFT",
        color: palette::KERNEL,
        peer: false,
    },
    Line {
        series: "auto",
        label: "ours: automatic",
        color: BLACK,
        peer: false,
    },
    Line {
        series: "opencv-filter2d",
        label: "OpenCV filter2D",
        color: palette::EXTRA,
        peer: true,
    },
    Line {
        series: "scipy-auto",
        label: "scipy convolve auto",
        color: RGBColor(255, 127, 14),
        peer: true,
    },
    Line {
        series: "ndarray-conv-fft",
        label: "ndarray-conv conv_fft",
        color: palette::REFERENCE,
        peer: true,
    },
    Line {
        series: "imageproc-filter",
        label: "imageproc filter (f32)",
        color: RGBColor(140, 86, 75),
        peer: true,
    },
    Line {
        series: FLOOR,
        label: "floor of the direct sum",
        color: RGBColor(188, 189, 34),
        peer: true,
    },
];

/// A line's value at a grid point: a measured median, or the floor.
fn value(results: &Results, series: &str, ty: &str, image: usize, k: usize) -> Option<f64> {
    if series == FLOOR {
        results.floor_ms(ty, image, k)
    } else {
        results.median_ms(series, ty, image, k)
    }
}

/// The size of a figure of measured times, its panels (rows, columns) and its title.
struct Layout {
    size: (u32, u32),
    grid: (usize, usize),
    title: String,
}

/// Measured median time against kernel size, one panel per (image size, type),
/// the given lines in each, and their legend under the panels.
fn times(
    path: &Path,
    results: &Results,
    layout: Layout,
    lines: &[Line],
    panels: &[(usize, &str)],
) -> FigureResult {
    let root = png_canvas(path, layout.size)?;
    let (title, body) = root.split_vertically(34);
    title.draw(&Text::new(layout.title, (12, 8), text(17)))?;
    let key_rows = lines.len().div_ceil(4) as u32;
    let (body, key) = body.split_vertically(layout.size.1 - 34 - 30 * key_rows);
    draw_key(&key, lines)?;
    for (panel, &(image, ty)) in body.split_evenly(layout.grid).iter().zip(panels) {
        let all: Vec<f64> = lines
            .iter()
            .flat_map(|l| {
                KERNEL_SIZES
                    .iter()
                    .filter_map(|&k| value(results, l.series, ty, image, k))
            })
            .collect();
        let (lo, hi) = if all.is_empty() {
            (0.1, 100.0)
        } else {
            let lo = all.iter().copied().fold(f64::INFINITY, f64::min).max(1e-3) / 1.5;
            (
                lo,
                all.iter().copied().fold(0.0, f64::max).max(lo * 10.0) * 1.5,
            )
        };
        let mut chart = ChartBuilder::on(panel)
            .caption(format!("{image} x {image}, {ty}"), text(17))
            .margin(8)
            .x_label_area_size(38)
            .y_label_area_size(60)
            .build_cartesian_2d(
                (2.5f64..36f64)
                    .log_scale()
                    .with_key_points(KERNEL_SIZES.iter().map(|&k| k as f64).collect()),
                (lo..hi).log_scale().with_key_points(decades(lo, hi)),
            )?;
        chart
            .configure_mesh()
            .x_desc("kernel size k")
            .y_desc("ms")
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| format!("{y}"))
            .label_style(text(13))
            .axis_desc_style(text(14))
            .draw()?;
        for line in lines {
            let points: Vec<(f64, f64)> = KERNEL_SIZES
                .iter()
                .filter_map(|&k| Some((k as f64, value(results, line.series, ty, image, k)?)))
                .collect();
            if points.is_empty() {
                continue;
            }
            let style = line.color.stroke_width(if line.peer { 1 } else { 2 });
            let color = line.color;
            chart.draw_series(LineSeries::new(points.clone(), style))?;
            if line.peer {
                chart.draw_series(
                    points
                        .iter()
                        .map(|&p| Cross::new(p, 5, color.stroke_width(2))),
                )?;
            } else {
                chart.draw_series(points.iter().map(|&p| Circle::new(p, 3, color.filled())))?;
            }
        }
    }
    root.present()?;
    Ok(())
}

/// The legend of [`times`], under the panels so that it hides no data: one
/// entry per line, four to a row, each with the line's marker.
fn draw_key<DB>(area: &DrawingArea<DB, plotters::coord::Shift>, lines: &[Line]) -> FigureResult
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    for (n, line) in lines.iter().enumerate() {
        let (x, y) = (40 + (n % 4) as i32 * 240, 14 + (n / 4) as i32 * 26);
        let width = if line.peer { 1 } else { 2 };
        area.draw(&PathElement::new(
            vec![(x, y), (x + 28, y)],
            line.color.stroke_width(width),
        ))?;
        if line.peer {
            area.draw(&Cross::new((x + 14, y), 5, line.color.stroke_width(2)))?;
        } else {
            area.draw(&Circle::new((x + 14, y), 3, line.color.filled()))?;
        }
        area.draw(&Text::new(line.label, (x + 36, y - 8), text(14)))?;
    }
    Ok(())
}

/// 1, 2 and 5 times the powers of ten between `lo` and `hi`: few, readable labels.
fn decades(lo: f64, hi: f64) -> Vec<f64> {
    (-3..5)
        .flat_map(|e| [1.0, 2.0, 5.0].map(|m| m * 10f64.powi(e)))
        .filter(|&v| (lo..=hi).contains(&v))
        .collect()
}
