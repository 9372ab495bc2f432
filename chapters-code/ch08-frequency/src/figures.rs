//! The chapter's figures, drawn from the same examples as its page.

use std::path::Path;

use book_figures::heatmap::{
    ColourMap, Heatmap, draw_heatmap_row, draw_heatmap_with_bar, value_range,
};
use book_figures::series::{dot_legend, line_legend};
use book_figures::spectrum::{Curve, draw_responses, frequencies};
use book_figures::{FigureResult, draw_legend, draw_stems, palette, png_canvas, text};
use convolution::kernels;
use convolution::{Mode, convolve};
use ndarray::{Array1, Array2, array, s};
use plotters::prelude::*;

use crate::dft::{fft, response_at};
use crate::examples::{
    SINUSOID_FREQUENCY, photo_filtered, sinusoid, square, strided_pair, two_tones,
};
use crate::spectra2d::{centred, fft2, frequency_response_2d, log_magnitude};
use crate::{camera, chirp_stripes};

/// Draw every figure of chapter 8 into `dir`.
pub fn draw_figures(dir: &Path) -> FigureResult {
    sinusoid_in_out(&dir.join("sinusoid-in-out.png"))?;
    dft_bins(&dir.join("dft-bins.png"))?;
    wrap_around(&dir.join("wrap-around.png"))?;
    responses_1d(&dir.join("responses-1d.png"))?;
    responses_2d(&dir.join("responses-2d.png"))?;
    photo_spectra(&dir.join("photo-spectra.png"))?;
    aliasing_stripes(&dir.join("aliasing-stripes.png"))?;
    aliasing_photo(&dir.join("aliasing-photo.png"))?;
    Ok(())
}

/// A cosine through a five-point moving average: the output is the same
/// cosine, smaller and two samples later.
fn sinusoid_in_out(path: &Path) -> FigureResult {
    let root = png_canvas(path, (860, 380))?;
    let x = sinusoid();
    let kernel = kernels::box_1d(5).ok_or("5 taps")?;
    let y = convolve(&x, &kernel, Mode::Full)?;
    let h = response_at(&kernel, SINUSOID_FREQUENCY);
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!(
                "cos(2π·0.1·n) through a 5-point moving average: gain {:.3}, delay 2 samples",
                h.norm()
            ),
            text(18),
        )
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(54)
        .build_cartesian_2d(-0.5..(x.len() as f64 - 0.5), -1.25..1.9)?;
    chart
        .configure_mesh()
        .x_desc("sample n")
        .y_desc("value")
        .x_label_formatter(&|v| format!("{v:.0}"))
        .light_line_style(WHITE)
        .label_style(text(13))
        .axis_desc_style(text(14))
        .draw()?;
    let prediction: Vec<(f64, f64)> = (0..=4 * (x.len() - 1))
        .map(|i| {
            let n = i as f64 / 4.0;
            let phase = std::f64::consts::TAU * SINUSOID_FREQUENCY * n + h.arg();
            (n, h.norm() * phase.cos())
        })
        .collect();
    chart
        .draw_series(LineSeries::new(
            prediction,
            palette::REFERENCE.stroke_width(1),
        ))?
        .label("prediction |H(0.1)| cos(2π·0.1·n + arg H(0.1))")
        .legend(line_legend(palette::REFERENCE, 1));
    let input: Vec<(f64, f64)> = x.iter().enumerate().map(|(n, &v)| (n as f64, v)).collect();
    draw_stems(&mut chart, &input, palette::INPUT, "input x[n]")?;
    // Samples 0..4 are the start-up, where the kernel still overhangs the start.
    let output: Vec<(f64, f64)> = y
        .iter()
        .enumerate()
        .take(x.len())
        .map(|(n, &v)| (n as f64, v))
        .collect();
    chart
        .draw_series(
            output
                .iter()
                .map(|&(n, v)| Circle::new((n, v), 5, palette::OUTPUT.filled())),
        )?
        .label("output (x * h)[n], full mode")
        .legend(dot_legend(palette::OUTPUT, 5, 10));
    draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    root.present()?;
    Ok(())
}

/// A 32-sample signal of two cosines and the magnitudes of its 32 DFT bins.
fn dft_bins(path: &Path) -> FigureResult {
    let root = png_canvas(path, (860, 560))?;
    let (top, bottom) = root.split_vertically(260);
    let x = two_tones();
    let spectrum = fft(&x);
    let mut chart = ChartBuilder::on(&top)
        .caption("x[n] = cos(2π·3n/32) + 0.5 cos(2π·10n/32 + 1)", text(18))
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(54)
        .build_cartesian_2d(-0.5..31.5, -1.6..1.6)?;
    chart
        .configure_mesh()
        .x_desc("sample n")
        .y_desc("x[n]")
        .x_label_formatter(&|v| format!("{v:.0}"))
        .light_line_style(WHITE)
        .label_style(text(13))
        .axis_desc_style(text(14))
        .draw()?;
    let points: Vec<(f64, f64)> = x.iter().enumerate().map(|(n, &v)| (n as f64, v)).collect();
    draw_stems(&mut chart, &points, palette::INPUT, "signal")?;

    let mut chart = ChartBuilder::on(&bottom)
        .caption(
            "|X[k]|: peaks at bins 3 and 10, mirrored at 32 - 3 and 32 - 10",
            text(18),
        )
        .margin(10)
        .x_label_area_size(44)
        .y_label_area_size(54)
        .build_cartesian_2d(-0.5..31.5, 0.0..18.0)?;
    chart
        .configure_mesh()
        .x_desc(
            "bin k (frequency k/32 cycles per sample; k > 16 are negative frequencies k/32 - 1)",
        )
        .y_desc("|X[k]|")
        .x_labels(17)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .light_line_style(WHITE)
        .label_style(text(13))
        .axis_desc_style(text(14))
        .draw()?;
    let magnitudes: Vec<(f64, f64)> = spectrum
        .iter()
        .enumerate()
        .map(|(k, v)| (k as f64, v.norm()))
        .collect();
    draw_stems(&mut chart, &magnitudes, palette::OUTPUT, "magnitude")?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(16.0, 0.0), (16.0, 18.0)],
        palette::REFERENCE.mix(0.6),
    )))?;
    chart.draw_series(std::iter::once(Text::new(
        "Nyquist, 0.5",
        (16.3, 16.5),
        text(13),
    )))?;
    root.present()?;
    Ok(())
}

/// Linear convolution of [1, 2, 3, 4] with [1, 1, 1] against the circular
/// one, whose last two outputs wrap onto the first two.
fn wrap_around(path: &Path) -> FigureResult {
    let root = png_canvas(path, (860, 330))?;
    let x = array![1.0, 2.0, 3.0, 4.0];
    let h = array![1.0, 1.0, 1.0];
    let linear = convolve(&x, &h, Mode::Full)?;
    let circular = crate::circular::circular_convolve(&x, &h);
    let panels = root.split_evenly((1, 2));
    for (area, (title, values, colour)) in panels.iter().zip([
        ("linear: x * h, 6 samples", linear.to_vec(), palette::OUTPUT),
        (
            "circular, N = 4: samples 4, 5 wrap onto 0, 1",
            circular.to_vec(),
            palette::KERNEL,
        ),
    ]) {
        let mut chart = ChartBuilder::on(area)
            .caption(title, text(16))
            .margin(10)
            .x_label_area_size(40)
            .y_label_area_size(40)
            .build_cartesian_2d(-0.5..5.5, 0.0..10.5)?;
        chart
            .configure_mesh()
            .x_desc("n")
            .y_desc("y[n]")
            .x_labels(6)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .light_line_style(WHITE)
            .label_style(text(13))
            .axis_desc_style(text(14))
            .draw()?;
        let points: Vec<(f64, f64)> = values
            .iter()
            .enumerate()
            .map(|(n, &v)| (n as f64, v))
            .collect();
        draw_stems(&mut chart, &points, colour, title)?;
        chart.draw_series(
            points
                .iter()
                .map(|&(n, v)| Text::new(format!("{v:.0}"), (n + 0.12, v + 0.7), text(14))),
        )?;
    }
    root.present()?;
    Ok(())
}

/// Magnitude responses of the book's 1-D kernels: low-pass on the left,
/// high-pass on the right.
fn responses_1d(path: &Path) -> FigureResult {
    let root = png_canvas(path, (1000, 420))?;
    let panels = root.split_evenly((1, 2));
    let fs = frequencies(250);
    let curve = |label: &str, colour, kernel: &Array1<f64>| {
        Curve::new(
            label,
            colour,
            fs.iter()
                .map(|&f| (f, response_at(kernel, f).norm()))
                .collect(),
        )
    };
    let low = [
        curve(
            "box, 3 taps",
            palette::EXTRA,
            &kernels::box_1d(3).ok_or("3")?,
        ),
        curve(
            "box, 5 taps",
            palette::INPUT,
            &kernels::box_1d(5).ok_or("5")?,
        ),
        curve(
            "binomial [1 4 6 4 1]/16",
            palette::OUTPUT,
            &kernels::binomial_1d(5).ok_or("5")?,
        ),
        curve(
            "sampled Gaussian, σ = 1",
            palette::KERNEL,
            &kernels::gaussian_sampled(1.0, 3).ok_or("σ")?,
        ),
    ];
    draw_responses(
        &panels[0],
        "Low-pass: smoothing kernels",
        &low,
        (0.0, 1.05),
        "gain |H(f)|",
        SeriesLabelPosition::UpperRight,
    )?;
    let high = [
        curve(
            "forward difference [1 -1]",
            palette::INPUT,
            &kernels::forward_difference().mapv(f64::from),
        ),
        curve(
            "central difference [1 0 -1]",
            palette::EXTRA,
            &kernels::central_difference().mapv(f64::from),
        ),
        curve(
            "second difference [1 -2 1]",
            palette::KERNEL,
            &kernels::second_difference().mapv(f64::from),
        ),
        curve(
            "sharpen [-1 3 -1]",
            palette::OUTPUT,
            &array![-1.0, 3.0, -1.0],
        ),
    ];
    draw_responses(
        &panels[1],
        "High-pass differences, and sharpening",
        &high,
        (0.0, 5.2),
        "gain |H(f)|",
        SeriesLabelPosition::UpperLeft,
    )?;
    root.present()?;
    Ok(())
}

/// Extent of a centred `n`-bin axis: bin centres run from -1/2 to 1/2 - 1/n.
fn centred_extent(n: usize) -> (f64, f64) {
    let half = 0.5 / n as f64;
    (-0.5 - half, 0.5 - half)
}

/// A centred spectrum turned so that `v` grows upwards (row 0 at the top).
fn upright<T: Clone>(spectrum: &Array2<T>) -> Array2<T> {
    centred(spectrum).slice(s![..;-1, ..]).to_owned()
}

/// Magnitude of four 3 × 3 and 5 × 5 kernels' 2-D responses.
fn responses_2d(path: &Path) -> FigureResult {
    const N: usize = 64;
    let root = png_canvas(path, (900, 760))?;
    let cells = root.split_evenly((2, 2));
    let kernels2d = [
        ("Gaussian 5 x 5: low-pass", kernels::gaussian_5x5()),
        (
            "Sobel x: high-pass across, low-pass down",
            kernels::sobel_x().mapv(f64::from),
        ),
        (
            "Laplacian (4 neighbours): high-pass",
            kernels::laplacian_4().mapv(f64::from),
        ),
        (
            "sharpen: 1 at (0, 0), up to 9",
            kernels::sharpen().mapv(f64::from),
        ),
    ];
    let extent = centred_extent(N);
    for (cell, (title, kernel)) in cells.iter().zip(&kernels2d) {
        let magnitude = upright(&frequency_response_2d(kernel, (N, N))).mapv(|v| v.norm());
        let (_, hi) = value_range(&magnitude);
        let map = Heatmap::new(title, &magnitude, (0.0, hi), ColourMap::Sequential).with_axes(
            extent,
            extent,
            "u (cycles per pixel, across)",
            "v (cycles per pixel, up)",
        );
        draw_heatmap_with_bar(cell, &map, "gain |H(u, v)|")?;
    }
    root.present()?;
    Ok(())
}

/// The photo, blurred and edge-filtered (top), and their log-magnitude
/// spectra on one colour scale (bottom).
fn photo_spectra(path: &Path) -> FigureResult {
    let photo = camera(4)?;
    let [raw, blurred, edges] = photo_filtered(&photo)?;
    let root = png_canvas(path, (1140, 700))?;
    let (top, bottom) = root.split_vertically(320);
    let cells = top.split_evenly((1, 3));
    // The strongest edges reach about ±500; a scale of ±100 shows the rest.
    let pictures = [
        (
            "the photo (128 x 128)",
            &raw,
            (0.0, 255.0),
            ColourMap::Gray,
            "brightness",
        ),
        (
            "blurred: Gaussian 5 x 5",
            &blurred,
            (0.0, 255.0),
            ColourMap::Gray,
            "brightness",
        ),
        (
            "edges: Laplacian",
            &edges,
            (-100.0, 100.0),
            ColourMap::Diverging,
            "signed value (clipped)",
        ),
    ];
    for (cell, (title, values, range, colours, label)) in cells.iter().zip(pictures) {
        draw_heatmap_with_bar(cell, &Heatmap::new(title, values, range, colours), label)?;
    }
    let spectra: Vec<Array2<f64>> = [&raw, &blurred, &edges]
        .iter()
        .map(|image| upright(&log_magnitude(&fft2(*image))))
        .collect();
    let top_value = spectra
        .iter()
        .map(|s| value_range(s).1)
        .fold(0.0, f64::max)
        .ceil();
    let bottom_value = 1.0;
    let extent = centred_extent(photo.nrows());
    let titles = [
        "spectrum of the photo",
        "spectrum, blurred",
        "spectrum, edges",
    ];
    let maps: Vec<Heatmap> = spectra
        .iter()
        .zip(titles)
        .map(|(s, title)| {
            Heatmap::new(title, s, (bottom_value, top_value), ColourMap::Sequential).with_axes(
                extent,
                extent,
                "u (cycles per pixel)",
                "v (cycles per pixel)",
            )
        })
        .collect();
    draw_heatmap_row(
        &bottom,
        &maps,
        (bottom_value, top_value),
        ColourMap::Sequential,
        "log10(1 + |X(u, v)|)",
    )?;
    root.present()?;
    Ok(())
}

/// Gray pictures side by side on one brightness scale.
fn gray_row(path: &Path, size: (u32, u32), pictures: &[(&str, &Array2<f64>)]) -> FigureResult {
    let root = png_canvas(path, size)?;
    let maps: Vec<Heatmap> = pictures
        .iter()
        .map(|(title, values)| Heatmap::new(title, values, (0.0, 255.0), ColourMap::Gray))
        .collect();
    draw_heatmap_row(&root, &maps, (0.0, 255.0), ColourMap::Gray, "brightness")?;
    root.present()?;
    Ok(())
}

/// The chirp stripes, subsampled by 2 as they are and after a blur.
fn aliasing_stripes(path: &Path) -> FigureResult {
    let stripes = chirp_stripes(128);
    let (plain, smoothed) = strided_pair(&stripes, &kernels::gaussian_5x5(), 2)?;
    gray_row(
        path,
        (1100, 400),
        &[
            ("stripes, 0 to 0.5 cycles/pixel", &stripes),
            ("every 2nd pixel", &plain),
            ("blur, then every 2nd pixel", &smoothed),
        ],
    )
}

/// The photo at 256 × 256, subsampled by 4 as it is and after a Gaussian blur.
fn aliasing_photo(path: &Path) -> FigureResult {
    let photo = camera(2)?;
    let gaussian = square(&kernels::gaussian_sampled(2.0, 6).ok_or("σ = 2")?);
    let (plain, smoothed) = strided_pair(&photo, &gaussian, 4)?;
    gray_row(
        path,
        (1100, 400),
        &[
            ("the photo (256 x 256)", &photo),
            ("every 4th pixel (64 x 64)", &plain),
            ("Gaussian σ = 2, then every 4th", &smoothed),
        ],
    )
}
