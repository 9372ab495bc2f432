//! The chapter's still figures. Each function draws one PNG into `dir`.

use std::path::Path;

use book_figures::palette::{EXTRA, INPUT, KERNEL, OUTPUT, REFERENCE};
use book_figures::{FigureResult, png_canvas};
use convolution::{Mode, convolve};
use ndarray::Array1;

use crate::examples::{block_force, block_impulse_response, gaussian_kernel, noisy_signal};
use crate::plot::{Series, draw_panel, y_range};
use crate::signals::unit_impulse;

/// The short signal the sifting figure takes apart.
pub const SIFTING_EXAMPLE: [f64; 4] = [0.5, 2.0, -1.0, 1.5];

/// Where and how hard the two pushes of the superposition figure are.
pub const TWO_PUSHES: [(usize, f64); 2] = [(0, 1.0), (4, 0.8)];

/// How many samples the superposition figure shows.
const TWO_PUSHES_SHOWN: usize = 24;

/// A signal as a sum of scaled, shifted unit impulses.
pub fn draw_sifting(dir: &Path) -> FigureResult {
    let path = dir.join("sifting.png");
    let root = png_canvas(&path, (720, 380))?;
    let (top, bottom) = root.split_vertically(190);
    let x = Array1::from(SIFTING_EXAMPLE.to_vec());
    let whole = [Series::line("x[n]", 0.0, x.as_slice().unwrap(), INPUT).stems()];
    let y = -1.3..2.3;
    draw_panel(
        &top,
        "x = x[0]δ[n] + x[1]δ[n-1] + x[2]δ[n-2] + x[3]δ[n-3]",
        &whole,
        -0.5..3.5,
        y.clone(),
        ("sample n", "x[n]"),
    )?;
    for (k, area) in bottom.split_evenly((1, 4)).iter().enumerate() {
        let piece = unit_impulse(x.len(), k) * x[k];
        let series = [Series::line("", 0.0, piece.as_slice().unwrap(), EXTRA).stems()];
        draw_panel(
            area,
            &format!("x[{k}]δ[n-{k}]"),
            &series,
            -0.5..3.5,
            y.clone(),
            ("n", "value"),
        )?;
    }
    root.present()?;
    Ok(())
}

/// The block's force and impulse response, one above the other.
pub fn draw_block_signals(dir: &Path) -> FigureResult {
    let path = dir.join("block-signals.png");
    let root = png_canvas(&path, (720, 420))?;
    let (top, bottom) = root.split_vertically(210);
    let force = block_force();
    let h = block_impulse_response();
    let f = [Series::line(
        "force x[n]",
        0.0,
        force.as_slice().unwrap(),
        INPUT,
    )];
    draw_panel(
        &top,
        "Sawtooth force (6 teeth, padded)",
        &f,
        0.0..force.len() as f64,
        y_range(&f),
        ("sample n (time step)", "force"),
    )?;
    let g = [Series::line(
        "impulse response h[n]",
        0.0,
        h.as_slice().unwrap(),
        KERNEL,
    )];
    draw_panel(
        &bottom,
        "Velocity after a unit push: exp(-20 t)",
        &g,
        0.0..h.len() as f64,
        y_range(&g),
        ("sample n (time step)", "velocity"),
    )?;
    root.present()?;
    Ok(())
}

/// The block's velocity (full convolution) with the force underneath for comparison.
pub fn draw_block_response(dir: &Path) -> FigureResult {
    let path = dir.join("block-response.png");
    let root = png_canvas(&path, (720, 260))?;
    let force = block_force();
    let velocity = convolve(&force, &block_impulse_response(), Mode::Full)?;
    let series = [
        Series::line("force x[n]", 0.0, force.as_slice().unwrap(), INPUT),
        Series::line(
            "velocity (x * h)[n]",
            0.0,
            velocity.as_slice().unwrap(),
            OUTPUT,
        ),
    ];
    draw_panel(
        &root,
        "Response: the block's velocity",
        &series,
        0.0..velocity.len() as f64,
        y_range(&series),
        ("sample n (time step)", "force, velocity"),
    )?;
    root.present()?;
    Ok(())
}

/// The response to two pushes is the sum of two shifted, scaled impulse responses.
pub fn draw_two_pushes(dir: &Path) -> FigureResult {
    let path = dir.join("two-pushes.png");
    let root = png_canvas(&path, (720, 300))?;
    let h = block_impulse_response();
    let len = TWO_PUSHES_SHOWN;
    let mut pushes = Array1::zeros(len);
    let mut series = Vec::new();
    for (&(at, strength), color) in TWO_PUSHES.iter().zip([KERNEL, EXTRA]) {
        pushes[at] = strength;
        let part = unit_impulse(len, at) * strength;
        let response = convolve(&part, &h, Mode::Full)?;
        series.push(Series::line(
            &format!("response to {strength} at n = {at}"),
            0.0,
            &response.as_slice().unwrap()[..len],
            color,
        ));
    }
    let total = convolve(&pushes, &h, Mode::Full)?;
    series.push(Series::line(
        "response to both",
        0.0,
        &total.as_slice().unwrap()[..len],
        OUTPUT,
    ));
    let stems: Vec<f64> = pushes.to_vec();
    series.push(Series::line("pushes", 0.0, &stems, REFERENCE).stems());
    let y = y_range(&series);
    draw_panel(
        &root,
        "Two pushes, two echoes, one sum",
        &series,
        -0.5..len as f64,
        y,
        ("sample n (time step)", "velocity"),
    )?;
    root.present()?;
    Ok(())
}

/// The random signal, the Gaussian kernel and the smoothed result.
pub fn draw_smoothing_signals(dir: &Path) -> FigureResult {
    let path = dir.join("smoothing-signals.png");
    let root = png_canvas(&path, (720, 540))?;
    let panels = root.split_evenly((3, 1));
    let f = noisy_signal();
    let g = gaussian_kernel();
    let smooth = convolve(&f, &g, Mode::Full)?;
    let plots = [
        ("Random signal (seed 3), padded", "f[n]", &f, INPUT),
        (
            "Gaussian kernel, std 0.1 on [-0.5, 0.5]",
            "g[n]",
            &g,
            KERNEL,
        ),
        ("Smoothed: full convolution", "(f * g)[n]", &smooth, OUTPUT),
    ];
    for (area, (caption, label, values, color)) in panels.iter().zip(plots) {
        let series = [Series::line(label, 0.0, values.as_slice().unwrap(), color)];
        draw_panel(
            area,
            caption,
            &series,
            0.0..values.len() as f64,
            y_range(&series),
            ("sample n", "value"),
        )?;
    }
    root.present()?;
    Ok(())
}
