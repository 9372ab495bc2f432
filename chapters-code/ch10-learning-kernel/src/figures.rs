//! The chapter's figures: loss curves, the Sobel photo run, and an animation of
//! the Sobel kernel's weights converging.

use std::path::Path;

use book_figures::heatmap::{
    BAR_WIDTH, ColourMap, Heatmap, draw_colour_bar, draw_heatmap, draw_heatmap_row,
    draw_heatmap_with_bar,
};
use book_figures::series::line_legend;
use book_figures::{FigureResult, draw_legend, palette, png_canvas, register_font, text};
use convolution::{Window, correlate_window};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::runs::{EDGE_RATE, PHOTO_RATE, PHOTO_STEPS, PhotoRun, blur, edge_run, photo_run, sobel};

/// Draw every figure of chapter 10 into `dir`.
///
/// # Errors
/// If a figure cannot be drawn or written, or the photo cannot be read.
pub fn draw_figures(dir: &Path) -> FigureResult {
    let sobel = photo_run(&sobel(), PHOTO_RATE, PHOTO_STEPS)?;
    losses(&dir.join("loss.png"), &sobel)?;
    sobel_photo(&dir.join("sobel-photo.png"), &sobel)?;
    sobel_weights(&dir.join("sobel-weights.gif"), &sobel)?;
    Ok(())
}

/// One loss curve: its points `(step, loss)`, colour and legend.
type Curve = (Vec<(f64, f64)>, RGBColor, String);

fn curve(losses: &[f64], color: RGBColor, label: String) -> Curve {
    let points = losses
        .iter()
        .enumerate()
        .map(|(step, &loss)| (step as f64, loss))
        .collect();
    (points, color, label)
}

fn loss_panel<DB>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    title: &str,
    steps: f64,
    y: (f64, f64),
    curves: &[Curve],
) -> FigureResult
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let mut chart = ChartBuilder::on(area)
        .caption(title, text(18))
        .margin(12)
        .x_label_area_size(45)
        .y_label_area_size(75)
        .build_cartesian_2d(0f64..steps, (y.0..y.1).log_scale())?;
    chart
        .configure_mesh()
        .x_desc("step")
        .y_desc("loss (log scale)")
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("{v:.0e}"))
        .label_style(text(14))
        .axis_desc_style(text(15))
        .draw()?;
    for (points, color, label) in curves {
        let color = *color;
        chart
            .draw_series(LineSeries::new(points.clone(), color.stroke_width(3)))?
            .label(label.as_str())
            .legend(line_legend(color, 3));
    }
    draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    Ok(())
}

/// Loss against step: the edge kernel at a good and a too-large rate, and the photo runs.
fn losses(path: &Path, sobel: &PhotoRun) -> FigureResult {
    let root = png_canvas(path, (1100, 440))?;
    let (left, right) = root.split_horizontally(520);
    let good = edge_run(EDGE_RATE);
    let bad = edge_run(0.1);
    loss_panel(
        &left,
        "Edge kernel [1, -1] on the stripe image",
        10.0,
        (0.1, 1e16),
        &[
            curve(&good.losses, palette::OUTPUT, format!("rate {EDGE_RATE}")),
            curve(&bad.losses, palette::KERNEL, "rate 0.1: diverges".into()),
        ],
    )?;
    let blur = photo_run(&blur(), PHOTO_RATE, PHOTO_STEPS)?.training;
    loss_panel(
        &right,
        "3x3 kernels on the 32x32 photo (rate 1.5)",
        PHOTO_STEPS as f64,
        (1e-7, 10.0),
        &[
            curve(&sobel.training.losses, palette::INPUT, "Sobel".into()),
            curve(&blur.losses, palette::EXTRA, "box blur".into()),
        ],
    )?;
    root.present()?;
    Ok(())
}

/// The centred photo, its Sobel response, and the response of the learned kernel.
fn sobel_photo(path: &Path, run: &PhotoRun) -> FigureResult {
    let learned = correlate_window(&run.input, run.training.kernel(), Window::default())?;
    let root = png_canvas(path, (1100, 400))?;
    let (photo_area, rest) = root.split_horizontally(400);
    draw_heatmap_with_bar(
        &photo_area,
        &Heatmap::new(
            "Input: photo minus its mean",
            &run.input,
            (-0.5, 0.5),
            ColourMap::Gray,
        ),
        "brightness",
    )?;
    let range = (-2.5, 2.5);
    draw_heatmap_row(
        &rest,
        &[
            Heatmap::new(
                "Target: Sobel response",
                &run.target,
                range,
                ColourMap::Diverging,
            ),
            Heatmap::new(
                "Learned kernel's response",
                &learned,
                range,
                ColourMap::Diverging,
            ),
        ],
        range,
        ColourMap::Diverging,
        "response",
    )?;
    root.present()?;
    Ok(())
}

/// Steps shown in the animation: dense at first, where the weights move most.
pub const ANIMATION_STEPS: [usize; 16] =
    [0, 1, 2, 3, 4, 6, 8, 10, 15, 20, 30, 50, 100, 200, 400, 600];

/// An animated GIF of the 3x3 kernel during the Sobel run, one frame per
/// entry of [`ANIMATION_STEPS`], each weight printed in its cell.
fn sobel_weights(path: &Path, run: &PhotoRun) -> FigureResult {
    register_font();
    let root = BitMapBackend::gif(path, (520, 420), 700)?.into_drawing_area();
    for &step in &ANIMATION_STEPS {
        weights_frame(&root, &run.training, step)?;
        root.present()?;
    }
    Ok(())
}

/// One frame of the animation: the kernel after `step` steps, its weights
/// printed in the cells, and the loss.
///
/// # Errors
/// If drawing fails.
pub fn weights_frame<DB>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    training: &crate::training::Training,
    step: usize,
) -> FigureResult
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let kernel = &training.kernels[step];
    let title = format!(
        "Kernel after {step} steps (loss {:.1e})",
        training.losses[step]
    );
    let map = Heatmap::new(&title, kernel, (-2.0, 2.0), ColourMap::Diverging);
    let (width, height) = root.dim_in_pixel();
    let (left, _) = root.split_horizontally(width - BAR_WIDTH);
    let (columns, rows) = draw_heatmap(&left, &map)?;
    let bar_left = u32::try_from(columns.end + 6)
        .unwrap_or(0)
        .min(width - BAR_WIDTH);
    let bar = root.clone().shrink((bar_left, 0), (BAR_WIDTH, height));
    draw_colour_bar(&bar, rows.clone(), map.range, map.colours, "weight")?;
    // Each weight printed at the centre of its cell.
    let centre = |range: &std::ops::Range<i32>, i: usize| {
        range.start + (2 * i as i32 + 1) * (range.end - range.start) / 6
    };
    for ((r, c), &w) in kernel.indexed_iter() {
        let style = text(18).pos(Pos::new(HPos::Center, VPos::Center));
        root.draw(&Text::new(
            format!("{w:.2}"),
            (centre(&columns, c), centre(&rows, r)),
            style,
        ))?;
    }
    Ok(())
}
