//! The chapter's figures. Every number drawn comes from [`crate::examples`] and
//! the core crate, the same calls the page makes and checks.

use std::path::Path;

use book_figures::heatmap::{ColourMap, Heatmap, draw_heatmap_row, draw_heatmap_with_bar};
use book_figures::number_grid::{Cell, caption, draw_grid};
use book_figures::palette::{EXTRA, INPUT, KERNEL, OUTPUT, REFERENCE};
use book_figures::series::indexed;
use book_figures::{FigureResult, draw_legend, draw_stems, png_canvas, text};
use convolution::kernels::{row_difference_2x2, to_f64};
use convolution::ndarray::Array2;
use convolution::{Mode, convolve, correlate, flip};
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::correlate_same_like_tensorflow;
use crate::examples::{
    camera_crop, camera_unit_range, impulses, mirror_as_printed, mirror_example, ramp,
};

/// Draw every figure of chapter 2 into `dir`.
pub fn draw_figures(dir: &Path) -> FigureResult {
    draw_flip_and_results(&dir.join("flip-and-results.png"))?;
    draw_mirror_vs_flip(&dir.join("mirror-vs-flip.png"))?;
    draw_photo_signs(&dir.join("camera-sign.png"))?;
    Ok(())
}

/// (position, value) pairs for stems, with the first sample at `first`
/// (nudged by `offset`, so that two series side by side stay apart).
fn stems(values: impl IntoIterator<Item = i64>, first: f64, offset: f64) -> Vec<(f64, f64)> {
    let values: Vec<f64> = values.into_iter().map(|v| v as f64).collect();
    indexed(&values, first + offset)
}

/// One series of stems: its points, colour and legend label.
type StemSeries<'a> = (&'a [(f64, f64)], RGBColor, &'a str);

/// One stem chart on `area` with x from `x_range` and y from -0.5 to `y_max`.
fn stem_panel(
    area: &DrawingArea<BitMapBackend<'_>, Shift>,
    caption: &str,
    x_range: std::ops::Range<f64>,
    x_labels: usize,
    y_max: f64,
    series: &[StemSeries<'_>],
) -> FigureResult {
    let mut chart = ChartBuilder::on(area)
        .caption(caption, text(18))
        .margin(8)
        .x_label_area_size(34)
        .y_label_area_size(46)
        .build_cartesian_2d(x_range, -0.5..y_max)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc("n")
        .y_desc("value")
        .axis_desc_style(text(13))
        .x_labels(x_labels)
        .y_labels(4)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .label_style(text(13))
        .draw()?;
    for &(points, color, label) in series {
        draw_stems(&mut chart, points, color, label)?;
    }
    draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    Ok(())
}

/// Two impulses, a ramp kernel and its reversal, and both results on one axis.
fn draw_flip_and_results(path: &Path) -> FigureResult {
    let x = impulses();
    let k = ramp();
    let last_tap = (k.len() - 1) as f64;
    let root = png_canvas(path, (760, 690))?;
    let rows = root.split_evenly((3, 1));
    let x_axis = -3.5..9.5;

    stem_panel(
        &rows[0],
        "input x: impulses at n = 1 and n = 4",
        x_axis.clone(),
        14,
        3.5,
        &[(&stems(x.iter().copied(), 0.0, 0.0), INPUT, "x")],
    )?;

    let kernel_row = rows[1].split_evenly((1, 2));
    stem_panel(
        &kernel_row[0],
        "kernel k",
        -0.5..3.5,
        5,
        3.5,
        &[(&stems(k.iter().copied(), 0.0, 0.0), KERNEL, "k")],
    )?;
    stem_panel(
        &kernel_row[1],
        "flip(k): the same taps, reversed",
        -0.5..3.5,
        5,
        3.5,
        &[(&stems(flip(&k).iter().copied(), 0.0, 0.0), EXTRA, "flip(k)")],
    )?;

    // Full outputs, drawn at the shift n they belong to: convolution's first
    // output is n = 0, correlation's is n = -(K - 1).
    let conv = convolve(&x, &k, Mode::Full)?;
    let corr = correlate(&x, &k, Mode::Full)?;
    stem_panel(
        &rows[2],
        "correlation copies k reversed, convolution copies k",
        x_axis,
        14,
        6.5,
        &[
            (
                &stems(corr.iter().copied(), -last_tap, -0.12),
                OUTPUT,
                "correlate(x, k)",
            ),
            (
                &stems(conv.iter().copied(), 0.0, 0.12),
                REFERENCE,
                "convolve(x, k)",
            ),
        ],
    )?;
    root.present()?;
    Ok(())
}

/// Pastel fills, one per position of the original kernel, so the reader can follow
/// each entry to where it lands.
const CELL_COLORS: [RGBColor; 9] = [
    RGBColor(255, 205, 205),
    RGBColor(255, 228, 190),
    RGBColor(255, 250, 190),
    RGBColor(215, 245, 200),
    RGBColor(235, 235, 235),
    RGBColor(195, 240, 240),
    RGBColor(200, 220, 255),
    RGBColor(225, 210, 255),
    RGBColor(250, 210, 240),
];

/// A 3x3 grid of numbers with its top-left corner at `origin`; each cell is
/// coloured by where its value sat in `original`.
fn number_grid(
    area: &DrawingArea<BitMapBackend<'_>, Shift>,
    origin: (i32, i32),
    title: &str,
    values: &Array2<i64>,
    original: &Array2<i64>,
) -> FigureResult {
    caption(area, (origin.0, origin.1 - 30), title, 17)?;
    let cells = values.mapv(|v| {
        let home = original.iter().position(|&o| o == v).unwrap_or(4);
        Cell::new(v.to_string(), CELL_COLORS[home])
    });
    draw_grid(area, origin, &cells, 56)
}

/// The deep-learning notebook's `mirror` output beside the true flip of the same kernel.
fn draw_mirror_vs_flip(path: &Path) -> FigureResult {
    let k = mirror_example();
    let root = png_canvas(path, (700, 260))?;
    number_grid(&root, (30, 60), "kernel k", &k, &k)?;
    number_grid(&root, (260, 60), "flip(k): rotated 180°", &flip(&k), &k)?;
    number_grid(
        &root,
        (490, 60),
        "notebook's mirror: flip(k)ᵀ",
        &mirror_as_printed(&k),
        &k,
    )?;
    root.present()?;
    Ok(())
}

/// Photo, then `convolve2d(img, k, 'valid')`, then a framework layer's 'same'
/// output, cropped alike; mid-gray is 0, lighter is positive, darker negative.
fn draw_photo_signs(path: &Path) -> FigureResult {
    let img = camera_unit_range()?;
    let k = to_f64(&row_difference_2x2());
    let scipy_like = camera_crop(&convolve(&img, &k, Mode::Valid)?);
    let layer_like = camera_crop(&correlate_same_like_tensorflow(&img, &k)?);
    let photo = camera_crop(&img);
    let root = png_canvas(path, (1140, 300))?;
    let (left, right) = root.split_horizontally(380);
    draw_heatmap_with_bar(
        &left,
        &Heatmap::new("the photo (crop)", &photo, (0.0, 1.0), ColourMap::Gray),
        "brightness",
    )?;
    let signed = (-0.5, 0.5);
    draw_heatmap_row(
        &right,
        &[
            Heatmap::new(
                "convolve2d(img, K, 'valid')",
                &scipy_like,
                signed,
                ColourMap::Gray,
            ),
            Heatmap::new(
                "framework layer, 'same'",
                &layer_like,
                signed,
                ColourMap::Gray,
            ),
        ],
        signed,
        ColourMap::Gray,
        "edge value (clipped)",
    )?;
    root.present()?;
    Ok(())
}
