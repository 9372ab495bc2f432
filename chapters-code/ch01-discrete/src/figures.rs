//! The chapter's figures, drawn into a folder (`images/ch01-discrete/` by `cargo run`).

use std::path::Path;

use book_figures::palette::{EXTRA, INPUT, KERNEL, OUTPUT, REFERENCE};
use book_figures::{FONT_FAMILY, FigureResult, draw_legend, draw_stems, png_canvas};
use convolution::{Mode, convolve};
use ndarray::array;
use plotters::prelude::*;

use crate::applications::{dice_counts, moving_average_kernel, noisy_wave};
use crate::continuous::{
    Sampled, boxes_by_riemann_sum, linspace, seed_same_mode_plot, triangle, unit_box,
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
        .x_label_area_size(30)
        .y_label_area_size(40)
        .build_cartesian_2d(-1.0..5.0, -0.1..1.3)?;
    chart
        .configure_mesh()
        .label_style((FONT_FAMILY, 14))
        .draw()?;
    chart
        .draw_series(LineSeries::new(curve(&xs, unit_box), INPUT.stroke_width(3)))?
        .label("f(x) = g(x)")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], INPUT.stroke_width(3)));
    draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)?;

    let mut chart = ChartBuilder::on(&bottom)
        .caption(
            "f * g: the exact triangle and Riemann sums",
            (FONT_FAMILY, 20),
        )
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(40)
        .build_cartesian_2d(-1.0..5.0, -0.1..1.3)?;
    chart
        .configure_mesh()
        .x_desc("t")
        .label_style((FONT_FAMILY, 14))
        .draw()?;
    chart
        .draw_series(LineSeries::new(
            curve(&xs, triangle),
            REFERENCE.stroke_width(2),
        ))?
        .label("exact: max(0, 1 - |t - 3|)")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], REFERENCE.stroke_width(2)));
    let coarse = boxes_by_riemann_sum(21)?;
    chart
        .draw_series(
            points(&coarse)
                .into_iter()
                .filter(|&(t, _)| (-1.0..=5.0).contains(&t))
                .map(|(t, y)| Circle::new((t, y), 4, KERNEL.filled())),
        )?
        .label("Riemann sum, dx = 0.25")
        .legend(|(x, y)| Circle::new((x + 10, y), 4, KERNEL.filled()));
    let fine = boxes_by_riemann_sum(101)?;
    chart
        .draw_series(LineSeries::new(
            points(&fine)
                .into_iter()
                .filter(|&(t, _)| (-1.0..=5.0).contains(&t)),
            OUTPUT.stroke_width(2),
        ))?
        .label("Riemann sum, dx = 0.05")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], OUTPUT.stroke_width(2)));
    draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
    root.present()?;
    Ok(())
}

fn same_mode_misplaced(path: &Path) -> FigureResult {
    let root = png_canvas(path, (820, 380))?;
    let mut chart = ChartBuilder::on(&root)
        .caption("Where the triangle belongs", (FONT_FAMILY, 20))
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(40)
        .build_cartesian_2d(-1.0..5.0, -0.1..1.35)?;
    chart
        .configure_mesh()
        .x_desc("x, and t")
        .label_style((FONT_FAMILY, 14))
        .draw()?;
    let xs = fine_axis(-1.0, 4.0);
    chart
        .draw_series(LineSeries::new(curve(&xs, unit_box), INPUT.stroke_width(2)))?
        .label("the boxes f = g")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], INPUT.stroke_width(2)));
    let seed = seed_same_mode_plot(1000)?;
    chart
        .draw_series(LineSeries::new(points(&seed), KERNEL.stroke_width(3)))?
        .label("'same' mode / max, drawn at x (the notebook)")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], KERNEL.stroke_width(3)));
    let right = boxes_by_riemann_sum(1000)?;
    chart
        .draw_series(LineSeries::new(
            points(&right).into_iter().filter(|&(t, _)| t <= 5.0),
            OUTPUT.stroke_width(3),
        ))?
        .label("full mode x dx, drawn at t = 2 x0 + n dx")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], OUTPUT.stroke_width(3)));
    draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
    root.present()?;
    Ok(())
}

fn modes(path: &Path) -> FigureResult {
    let a = array![1.0, 2.0, 3.0, 4.0, 5.0];
    let filter = array![1.0, 1.0, 1.0];
    let root = png_canvas(path, (820, 560))?;
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
            .x_label_area_size(25)
            .y_label_area_size(35)
            .build_cartesian_2d(-0.5..6.5, -0.5..15.0)?;
        chart
            .configure_mesh()
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
        draw_stems(&mut chart, &dropped, REFERENCE, "dropped")?;
        draw_stems(&mut chart, &shown, OUTPUT, "kept")?;
        draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    }
    root.present()?;
    Ok(())
}

fn outer_product(path: &Path) -> FigureResult {
    let x = array![1, 2, 3, 4, 5];
    let y = array![6, 7, 8, 9, 10];
    let table = outer(&x, &y);
    let sums = anti_diagonal_sums(&table);
    let root = png_canvas(path, (640, 520))?;
    let cell = 70;
    let (left, top) = (110, 80);
    root.draw(&Text::new(
        "x[i] y[j]: the anti-diagonal i + j = n adds up to (x * y)[n]",
        (20, 20),
        (FONT_FAMILY, 17),
    ))?;
    for j in 0..5 {
        let label = format!("{}", y[j]);
        root.draw(&Text::new(
            label,
            (left + j as i32 * cell + 28, top - 28),
            (FONT_FAMILY, 16).into_font().color(&KERNEL),
        ))?;
    }
    for ((i, j), &v) in table.indexed_iter() {
        let hue = (i + j) as f64 / 9.0;
        let fill = HSLColor(0.55 - 0.45 * hue, 0.55, 0.80);
        let (x0, y0) = (left + j as i32 * cell, top + i as i32 * cell);
        root.draw(&Rectangle::new(
            [(x0, y0), (x0 + cell, y0 + cell)],
            fill.filled(),
        ))?;
        root.draw(&Rectangle::new(
            [(x0, y0), (x0 + cell, y0 + cell)],
            BLACK.mix(0.4),
        ))?;
        root.draw(&Text::new(
            format!("{v}"),
            (x0 + 22, y0 + 25),
            (FONT_FAMILY, 18),
        ))?;
    }
    for i in 0..5 {
        let label = format!("{}", x[i]);
        root.draw(&Text::new(
            label,
            (left - 30, top + i as i32 * cell + 25),
            (FONT_FAMILY, 16).into_font().color(&INPUT),
        ))?;
    }
    let summary = format!(
        "sums: {}",
        sums.iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    root.draw(&Text::new(
        summary,
        (left - 60, top + 5 * cell + 30),
        (FONT_FAMILY, 18).into_font().color(&EXTRA),
    ))?;
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

fn moving_average(path: &Path) -> FigureResult {
    let (clean, noisy) = noisy_wave(1, 200);
    let smooth = convolve(&noisy, &moving_average_kernel(9), Mode::Same)?;
    let root = png_canvas(path, (820, 400))?;
    let mut chart = ChartBuilder::on(&root)
        .caption("A nine-point moving average", (FONT_FAMILY, 20))
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(40)
        .build_cartesian_2d(0.0..200.0, -1.8..1.8)?;
    chart
        .configure_mesh()
        .x_desc("sample")
        .label_style((FONT_FAMILY, 14))
        .draw()?;
    let series = |s: &ndarray::Array1<f64>| -> Vec<(f64, f64)> {
        s.iter().enumerate().map(|(i, &v)| (i as f64, v)).collect()
    };
    chart
        .draw_series(LineSeries::new(
            series(&noisy),
            INPUT.mix(0.5).stroke_width(1),
        ))?
        .label("noisy")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], INPUT.stroke_width(1)));
    chart
        .draw_series(LineSeries::new(series(&clean), REFERENCE.stroke_width(2)))?
        .label("clean")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], REFERENCE.stroke_width(2)));
    chart
        .draw_series(LineSeries::new(series(&smooth), OUTPUT.stroke_width(3)))?
        .label("moving average ('same')")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], OUTPUT.stroke_width(3)));
    draw_legend(&mut chart, SeriesLabelPosition::LowerLeft)?;
    root.present()?;
    Ok(())
}
