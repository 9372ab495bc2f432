//! The chapter's figures, drawn into a folder (`images/ch01-discrete/` by `cargo run`).

use std::path::Path;

use book_figures::number_grid::{Cell, caption, draw_grid, draw_indices, tint};
use book_figures::palette::{EXTRA, INPUT, KERNEL, OUTPUT, REFERENCE};
use book_figures::series::{Chart, dot_legend, line_legend};
use book_figures::{FONT_FAMILY, FigureResult, draw_legend, draw_stems, png_canvas, text};
use convolution::{Mode, convolve};
use ndarray::{Array2, array};
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::applications::{dice_counts, moving_average_kernel, noisy_wave};
use crate::continuous::{
    Sampled, boxes_by_riemann_sum, linspace, misplaced_same_mode_plot, triangle, unit_box,
};
use crate::outer::{anti_diagonal_sums, outer};

/// Draw every figure of chapter 1 into `dir`.
pub fn draw_figures(dir: &Path) -> FigureResult {
    boxes_triangle(&dir.join("boxes-triangle.png"))?;
    same_mode_misplaced(&dir.join("same-mode-misplaced.png"))?;
    modes(&dir.join("modes.png"))?;
    outer_product(&dir.join("outer-product.png"))?;
    dice(&dir.join("dice.png"))?;
    moving_average(&dir.join("moving-average.png"))?;
    Ok(())
}

fn points(s: &Sampled) -> Vec<(f64, f64)> {
    s.x.iter().copied().zip(s.y.iter().copied()).collect()
}

fn curve(xs: &[f64], f: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    xs.iter().map(|&x| (x, f(x))).collect()
}

/// A dense grid for drawing exact curves, with the jumps of the box kept sharp.
fn fine_axis(lo: f64, hi: f64) -> Vec<f64> {
    linspace(lo, hi, 2001).to_vec()
}

fn boxes_triangle(path: &Path) -> FigureResult {
    let root = png_canvas(path, (820, 600))?;
    let (top, bottom) = root.split_vertically(230);
    let xs = fine_axis(-1.0, 5.0);

    let mut chart = ChartBuilder::on(&top)
        .caption("f = g: a box on (1, 2)", (FONT_FAMILY, 20))
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(54)
        .build_cartesian_2d(-1.0..5.0, -0.1..1.3)?;
    chart
        .configure_mesh()
        .x_desc("x")
        .y_desc("f(x)")
        .label_style((FONT_FAMILY, 14))
        .axis_desc_style((FONT_FAMILY, 14))
        .draw()?;
    chart
        .draw_series(LineSeries::new(curve(&xs, unit_box), INPUT.stroke_width(3)))?
        .label("f(x) = g(x)")
        .legend(line_legend(INPUT, 3));
    draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)?;

    let mut chart = ChartBuilder::on(&bottom)
        .caption(
            "f * g: the exact triangle and Riemann sums",
            (FONT_FAMILY, 20),
        )
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(54)
        .build_cartesian_2d(-1.0..5.0, -0.1..1.3)?;
    chart
        .configure_mesh()
        .x_desc("t")
        .y_desc("(f * g)(t)")
        .label_style((FONT_FAMILY, 14))
        .axis_desc_style((FONT_FAMILY, 14))
        .draw()?;
    chart
        .draw_series(LineSeries::new(
            curve(&xs, triangle),
            REFERENCE.stroke_width(2),
        ))?
        .label("exact: max(0, 1 - |t - 3|)")
        .legend(line_legend(REFERENCE, 2));
    let coarse = boxes_by_riemann_sum(21)?;
    chart
        .draw_series(
            points(&coarse)
                .into_iter()
                .filter(|&(t, _)| (-1.0..=5.0).contains(&t))
                .map(|(t, y)| Circle::new((t, y), 4, KERNEL.filled())),
        )?
        .label("Riemann sum, dx = 0.25")
        .legend(dot_legend(KERNEL, 4, 10));
    let fine = boxes_by_riemann_sum(101)?;
    chart
        .draw_series(LineSeries::new(
            points(&fine)
                .into_iter()
                .filter(|&(t, _)| (-1.0..=5.0).contains(&t)),
            OUTPUT.stroke_width(2),
        ))?
        .label("Riemann sum, dx = 0.05")
        .legend(line_legend(OUTPUT, 2));
    draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
    root.present()?;
    Ok(())
}

fn same_mode_misplaced(path: &Path) -> FigureResult {
    let root = png_canvas(path, (820, 380))?;
    let mut chart = ChartBuilder::on(&root)
        .caption("Where the triangle belongs", (FONT_FAMILY, 20))
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(54)
        .build_cartesian_2d(-1.0..5.0, -0.1..1.6)?;
    chart
        .configure_mesh()
        .x_desc("x, and t")
        .y_desc("value")
        .label_style((FONT_FAMILY, 14))
        .axis_desc_style((FONT_FAMILY, 14))
        .draw()?;
    let xs = fine_axis(-1.0, 4.0);
    chart
        .draw_series(LineSeries::new(curve(&xs, unit_box), INPUT.stroke_width(2)))?
        .label("the boxes f = g")
        .legend(line_legend(INPUT, 2));
    let seed = misplaced_same_mode_plot(1000)?;
    chart
        .draw_series(LineSeries::new(points(&seed), KERNEL.stroke_width(3)))?
        .label("'same' mode / max, drawn at x (the course chapter)")
        .legend(line_legend(KERNEL, 3));
    let right = boxes_by_riemann_sum(1000)?;
    chart
        .draw_series(LineSeries::new(
            points(&right).into_iter().filter(|&(t, _)| t <= 5.0),
            OUTPUT.stroke_width(3),
        ))?
        .label("full mode x dx, drawn at t = 2 x0 + n dx")
        .legend(line_legend(OUTPUT, 3));
    draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
    root.present()?;
    Ok(())
}

fn modes(path: &Path) -> FigureResult {
    let a = array![1.0, 2.0, 3.0, 4.0, 5.0];
    let filter = array![1.0, 1.0, 1.0];
    let root = png_canvas(path, (820, 660))?;
    let rows = root.split_evenly((3, 1));
    let full = convolve(&a, &filter, Mode::Full)?;
    // Same starts (k - 1) / 2 = 1 into the full result, valid starts k - 1 = 2.
    let panels = [
        (Mode::Full, 0usize, "full: 7 outputs, every overlap"),
        (Mode::Same, 1, "same: 5 outputs, as long as the input"),
        (Mode::Valid, 2, "valid: 3 outputs, the kernel wholly inside"),
    ];
    for (area, (mode, start, title)) in rows.iter().zip(panels) {
        let kept = convolve(&a, &filter, mode)?;
        let mut chart = ChartBuilder::on(area)
            .caption(title, (FONT_FAMILY, 18))
            .margin(8)
            .x_label_area_size(36)
            .y_label_area_size(50)
            .build_cartesian_2d(-0.5..6.5, -0.5..15.0)?;
        chart
            .configure_mesh()
            .x_desc("index n of the full result")
            .y_desc("(x * sum3)[n]")
            .axis_desc_style((FONT_FAMILY, 13))
            .x_labels(7)
            .y_labels(4)
            .x_label_formatter(&|x| format!("{x:.0}"))
            .label_style((FONT_FAMILY, 13))
            .draw()?;
        let dropped: Vec<(f64, f64)> = full
            .iter()
            .enumerate()
            .filter(|&(n, _)| n < start || n >= start + kept.len())
            .map(|(n, &v)| (n as f64, v))
            .collect();
        let shown: Vec<(f64, f64)> = kept
            .iter()
            .enumerate()
            .map(|(m, &v)| ((m + start) as f64, v))
            .collect();
        let dropped_label = if dropped.is_empty() { "" } else { "dropped" };
        draw_stems(&mut chart, &dropped, REFERENCE, dropped_label)?;
        draw_stems(&mut chart, &shown, OUTPUT, "kept")?;
        draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    }
    root.present()?;
    Ok(())
}

/// The anti-diagonal the outer-product figure colours.
pub const OUTER_DIAGONAL: usize = 4;

fn outer_product(path: &Path) -> FigureResult {
    let x = array![1i64, 2, 3, 4, 5];
    let y = array![6i64, 7, 8, 9, 10];
    let table = outer(&x, &y);
    let sums = anti_diagonal_sums(&table);
    let n = OUTER_DIAGONAL;
    let root = png_canvas(path, (640, 620))?;
    let side = 64;
    let (left, top) = (150, 120);
    caption(
        &root,
        (20, 14),
        "x[i] y[j]: the anti-diagonal i + j = n adds up to (x * y)[n]",
        17,
    )?;
    // Indices i (rows) and j (columns) in gray, the values x[i] and y[j] beside them.
    draw_indices(&root, (left, top), side, table.dim())?;
    caption(&root, (left - 4, top - 62), "j", 15)?;
    caption(&root, (left - 70, top - 30), "i", 15)?;
    for j in 0..y.len() {
        let at = (left + j as i32 * side + side / 2 - 8, top - 44);
        root.draw(&Text::new(y[j].to_string(), at, text(16).color(&KERNEL)))?;
    }
    caption(&root, (left + 5 * side + 8, top - 44), "y[j]", 15)?;
    for i in 0..x.len() {
        let at = (left - 56, top + i as i32 * side + side / 2 - 9);
        root.draw(&Text::new(x[i].to_string(), at, text(16).color(&INPUT)))?;
    }
    caption(&root, (left - 70, top + 5 * side + 6), "x[i]", 15)?;
    let cells = Array2::from_shape_fn(table.dim(), |(i, j)| {
        let fill = if i + j == n {
            tint(EXTRA, 0.55)
        } else {
            tint(REFERENCE, 0.12)
        };
        Cell::new(table[[i, j]].to_string(), fill)
    });
    draw_grid(&root, (left, top), &cells, side)?;
    let terms: Vec<String> = (0..=n)
        .filter(|&i| i < x.len() && n - i < y.len())
        .map(|i| table[[i, n - i]].to_string())
        .collect();
    caption(
        &root,
        (20, top + 5 * side + 34),
        &format!(
            "coloured, i + j = {n}: {} = {} = (x * y)[{n}]",
            terms.join(" + "),
            sums[n]
        ),
        16,
    )?;
    let all: Vec<String> = sums.iter().map(|s| s.to_string()).collect();
    caption(
        &root,
        (20, top + 5 * side + 64),
        &format!("all sums, n = 0 to 8: {}", all.join(", ")),
        16,
    )?;
    root.present()?;
    Ok(())
}

fn dice(path: &Path) -> FigureResult {
    let root = png_canvas(path, (820, 400))?;
    let mut chart = ChartBuilder::on(&root)
        .caption("Totals of one, two and three dice", (FONT_FAMILY, 20))
        .margin(10)
        .x_label_area_size(35)
        .y_label_area_size(50)
        .build_cartesian_2d(0.0..19.0, 0.0..0.19)?;
    chart
        .configure_mesh()
        .x_desc("total")
        .y_desc("probability")
        .x_labels(19)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .label_style((FONT_FAMILY, 14))
        .draw()?;
    for (dice, color, label, offset) in [
        (1, INPUT, "one die", -0.22),
        (2, KERNEL, "two dice", 0.0),
        (3, OUTPUT, "three dice", 0.22),
    ] {
        let counts = dice_counts(dice)?;
        let total = counts.sum() as f64;
        let probs: Vec<(f64, f64)> = counts
            .iter()
            .enumerate()
            .map(|(k, &c)| ((k + dice) as f64 + offset, c as f64 / total))
            .collect();
        draw_stems(&mut chart, &probs, color, label)?;
    }
    draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    root.present()?;
    Ok(())
}

/// A panel of the moving-average figure: 200 samples across, `y` up, with
/// labelled axes, under a title of the given font size.
fn wave_chart<'a, 'b>(
    area: &'a DrawingArea<BitMapBackend<'b>, Shift>,
    (title, size): (&str, u32),
    y: std::ops::Range<f64>,
) -> FigureResult<Chart<'a, BitMapBackend<'b>>> {
    let mut chart = ChartBuilder::on(area)
        .caption(title, (FONT_FAMILY, size))
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(54)
        .build_cartesian_2d(0.0..200.0, y)?;
    chart
        .configure_mesh()
        .x_desc("sample")
        .y_desc("value")
        .x_label_formatter(&|x| format!("{x:.0}"))
        .label_style((FONT_FAMILY, 14))
        .axis_desc_style((FONT_FAMILY, 14))
        .draw()?;
    Ok(chart)
}

/// The level added to the noisy wave in the lower panel of the moving-average
/// figure, so that the pull towards zero at the ends shows.
pub const END_EFFECT_OFFSET: f64 = 2.0;

fn moving_average(path: &Path) -> FigureResult {
    let (clean, noisy) = noisy_wave(1, 200);
    let smooth = convolve(&noisy, &moving_average_kernel(9), Mode::Same)?;
    let lifted = noisy.mapv(|v| v + END_EFFECT_OFFSET);
    let lifted_smooth = convolve(&lifted, &moving_average_kernel(9), Mode::Same)?;
    let root = png_canvas(path, (820, 660))?;
    let (upper, lower) = root.split_vertically(360);
    let series = |s: &ndarray::Array1<f64>| -> Vec<(f64, f64)> {
        s.iter().enumerate().map(|(i, &v)| (i as f64, v)).collect()
    };
    // Headroom above the wave keeps the legend off the data.
    let mut chart = wave_chart(&upper, ("A nine-point moving average", 20), -1.8..2.9)?;
    chart
        .draw_series(LineSeries::new(
            series(&noisy),
            INPUT.mix(0.5).stroke_width(1),
        ))?
        .label("noisy")
        .legend(line_legend(INPUT, 1));
    chart
        .draw_series(LineSeries::new(series(&clean), REFERENCE.stroke_width(2)))?
        .label("clean")
        .legend(line_legend(REFERENCE, 2));
    chart
        .draw_series(LineSeries::new(series(&smooth), OUTPUT.stroke_width(3)))?
        .label("moving average ('same')")
        .legend(line_legend(OUTPUT, 3));
    draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;

    let title = "The same noisy wave raised by 2: 'same' pulls both ends towards 0";
    let mut chart = wave_chart(&lower, (title, 18), -0.2..3.6)?;
    chart
        .draw_series(LineSeries::new(
            series(&lifted),
            INPUT.mix(0.5).stroke_width(1),
        ))?
        .label("noisy + 2")
        .legend(line_legend(INPUT, 1));
    chart
        .draw_series(LineSeries::new(
            series(&lifted_smooth),
            OUTPUT.stroke_width(3),
        ))?
        .label("moving average ('same'): its ends sag")
        .legend(line_legend(OUTPUT, 3));
    draw_legend(&mut chart, SeriesLabelPosition::LowerMiddle)?;
    root.present()?;
    Ok(())
}
