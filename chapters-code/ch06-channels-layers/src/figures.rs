//! The chapter's figures. Every one is computed here from the chapter's data, so
//! `cargo run -p ch06-channels-layers` redraws them byte for byte.

use std::path::Path;

use book_figures::number_grid::{Cell, draw_grid, outline, tint};
use book_figures::palette::{EXTRA, INPUT, KERNEL, OUTPUT};
use book_figures::photos::{ToPixels, rgb_to_pixels, to_pixels};
use book_figures::pictures::{GRAY_BAR_WIDTH, draw_gray_bar};
use book_figures::{FigureResult, pictures, png_canvas, text};
use convolution::correlate_channels;
use ndarray::{Array2, Array3, Axis, s};
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::colour::{self, CHANNEL_NAMES};
use crate::depth::{Step, receptive_field};
use crate::edges::{self, EdgeMaps};
use crate::notebook::{OUT_141_OFFSET, notebook_inputs};
use crate::photo;

type Area<'a> = DrawingArea<BitMapBackend<'a>, Shift>;

/// Edge responses at or above this value are drawn white (the largest possible
/// response of the 2x2 kernel on a 0..=1 image is 2).
pub const EDGE_SCALE: f64 = 0.5;

/// Draw every figure of the chapter into `dir`.
pub fn draw_figures(dir: &Path) -> FigureResult {
    draw_out_141(&dir.join("out141.png"))?;
    draw_colour_detectors(&dir.join("colour-detectors.png"))?;
    draw_relu_edges(&dir.join("relu-edges.png"))?;
    draw_receptive_field(&dir.join("receptive-field.png"))?;
    Ok(())
}

/// A grid of integers with its top-left corner at `origin`, cells of `cell`
/// pixels, tinted `colour`; the cells in `highlight` (rows, columns) are
/// tinted more strongly and get a bold outline.
fn draw_number_grid(
    area: &Area,
    values: &Array2<i64>,
    origin: (i32, i32),
    cell: i32,
    colour: RGBColor,
    highlight: (usize, usize),
) -> FigureResult {
    let cells = Array2::from_shape_fn(values.dim(), |(r, c)| {
        let inside = r < highlight.0 && c < highlight.1;
        let fill = tint(colour, if inside { 0.35 } else { 0.12 });
        Cell::new(values[[r, c]].to_string(), fill)
    });
    draw_grid(area, origin, &cells, cell)?;
    if highlight.0 > 0 && highlight.1 > 0 {
        outline(area, origin, cell, (0, 0), highlight, BLACK, 2)?;
    }
    Ok(())
}

/// Out[141]: the three channels of the image and of the kernel, and the 4x4
/// result, with the window of the first output outlined.
fn draw_out_141(path: &Path) -> FigureResult {
    let (image, kernel) = notebook_inputs(0, OUT_141_OFFSET);
    let out = correlate_channels(&image, &kernel)?;
    let root = png_canvas(path, (730, 300))?;
    let tints = [RGBColor(214, 39, 40), RGBColor(44, 160, 44), INPUT];
    let (cell, gap) = (24, 22);
    for c in 0..3 {
        let x = 10 + c as i32 * (6 * cell + gap);
        let name = CHANNEL_NAMES[c];
        root.draw(&Text::new(
            format!("image[:, :, {c}] ({name})"),
            (x, 8),
            text(14),
        ))?;
        let plane = image.index_axis(Axis(2), c).to_owned();
        draw_number_grid(&root, &plane, (x, 28), cell, tints[c], (3, 3))?;
        root.draw(&Text::new(format!("kernel[:, :, {c}]"), (x, 190), text(14)))?;
        let taps = kernel.index_axis(Axis(2), c).to_owned();
        draw_number_grid(&root, &taps, (x, 210), cell, tints[c], (3, 3))?;
    }
    let x = 10 + 3 * (6 * cell + gap) + 20;
    root.draw(&Text::new("sum over channels", (x, 8), text(14)))?;
    draw_number_grid(&root, &out, (x, 28), 36, EXTRA, (1, 1))?;
    root.draw(&Text::new(
        "output[0, 0] = sum of the 27",
        (x, 190),
        text(13),
    ))?;
    root.draw(&Text::new(
        "products in the outlined windows",
        (x, 208),
        text(13),
    ))?;
    root.present()?;
    Ok(())
}

/// Paint a 2-D array as gray pixels (0 black, `scale` and above white) with its
/// top-left corner at `origin`.
fn draw_gray(area: &Area, values: &Array2<f64>, scale: f64, origin: (i32, i32)) -> FigureResult {
    pictures::draw_gray(area, &to_pixels(values, ToPixels::UpTo(scale)), origin, 1)
}

/// Paint an RGB image with values in 0..=1.
fn draw_rgb(area: &Area, image: &Array3<f64>, origin: (i32, i32)) -> FigureResult {
    pictures::draw_rgb(area, &rgb_to_pixels(image, ToPixels::UpTo(1.0)), origin)
}

/// The coffee photo and the sigmoid outputs of the red, green and blue detectors
/// (white = 1, black = 0).
fn draw_colour_detectors(path: &Path) -> FigureResult {
    let image = photo::colour_input()?;
    let (h, w, _) = image.dim();
    let (pw, ph) = (w as i32 + 10, h as i32 + 26);
    let root = png_canvas(
        path,
        (
            2 * pw as u32 + 10 + GRAY_BAR_WIDTH as u32,
            2 * ph as u32 + 6,
        ),
    )?;
    let batch = image.clone().insert_axis(Axis(0));
    for panel in 0..4 {
        let origin = (10 + (panel % 2) as i32 * pw, 24 + (panel / 2) as i32 * ph);
        let title_at = (origin.0, origin.1 - 20);
        if panel == 0 {
            root.draw(&Text::new("input (normalised)", title_at, text(15)))?;
            draw_rgb(&root, &image, origin)?;
        } else {
            let channel = panel - 1;
            let out = colour::detector(channel)?.forward(&batch)?;
            let map = out.slice(s![0, .., .., 0]).to_owned();
            let name = CHANNEL_NAMES[channel];
            root.draw(&Text::new(format!("{name} detector"), title_at, text(15)))?;
            // 'valid' loses one pixel on each side: centre the map on the photo.
            draw_gray(&root, &map, 1.0, (origin.0 + 1, origin.1 + 1))?;
            if panel % 2 == 1 {
                let bar_at = (origin.0 + w as i32 + 6, origin.1);
                draw_gray_bar(&root, bar_at, h as i32, (0.0, 1.0))?;
            }
        }
    }
    root.present()?;
    Ok(())
}

/// The photo, and the ReLU outputs of the edge kernel and of its negation, on
/// one common scale (0 black, 0.5 and above white). Saved as a one-channel PNG,
/// a third of the size of the same picture in RGB.
fn draw_relu_edges(path: &Path) -> FigureResult {
    let EdgeMaps {
        image,
        rising,
        falling,
    } = edges::edge_maps()?;
    let (h, w) = image.dim();
    let pw = w as i32 + 12;
    let size = (3 * pw as u32 + 8 + GRAY_BAR_WIDTH as u32, h as u32 + 34);
    let mut rgb = vec![0u8; (size.0 * size.1 * 3) as usize];
    {
        book_figures::register_font();
        let root = BitMapBackend::with_buffer(&mut rgb, size).into_drawing_area();
        root.fill(&WHITE)?;
        let panels = [
            ("input", &image, 1.0),
            ("ReLU(k ⋆ x): dark above bright", &rising, EDGE_SCALE),
            ("ReLU(-k ⋆ x): bright above dark", &falling, EDGE_SCALE),
        ];
        for (i, (title, values, scale)) in panels.into_iter().enumerate() {
            let origin = (10 + i as i32 * pw, 26);
            root.draw(&Text::new(title, (origin.0, 5), text(15)))?;
            draw_gray(&root, values, scale, origin)?;
        }
        // One bar for both rectified maps, which share the scale 0..EDGE_SCALE.
        let bar_at = (10 + 2 * pw + w as i32 + 6, 26);
        draw_gray_bar(&root, bar_at, h as i32, (0.0, EDGE_SCALE))?;
        root.present()?;
    }
    // Every pixel is gray (r = g = b): keep one channel.
    let gray: Vec<u8> = rgb.chunks(3).map(|p| p[0]).collect();
    image::GrayImage::from_raw(size.0, size.1, gray)
        .ok_or("the buffer has one byte per pixel")?
        .save(path)?;
    Ok(())
}

/// Nested windows on the input: what one output sees after 1, 2, 3 and 4 stacked
/// 3x3 layers.
fn draw_receptive_field(path: &Path) -> FigureResult {
    let (cell, n) = (26, 11);
    let root = png_canvas(path, (560, (n * cell + 20) as u32))?;
    let origin = (10, 10);
    for r in 0..n {
        for c in 0..n {
            let (x, y) = (origin.0 + c * cell, origin.1 + r * cell);
            root.draw(&Rectangle::new(
                [(x, y), (x + cell, y + cell)],
                RGBColor(200, 200, 200),
            ))?;
        }
    }
    let centre = n / 2;
    let (cx, cy) = (origin.0 + centre * cell, origin.1 + centre * cell);
    root.draw(&Rectangle::new(
        [(cx, cy), (cx + cell, cy + cell)],
        BLACK.mix(0.7).filled(),
    ))?;
    let colours = [KERNEL, OUTPUT, INPUT, EXTRA];
    let legend_x = origin.0 + n * cell + 24;
    root.draw(&Text::new(
        "one output pixel sees:",
        (legend_x, 20),
        text(16),
    ))?;
    for (depth, colour) in (1..=4).zip(colours) {
        let field = receptive_field(&vec![Step::dense(3); depth]) as i32;
        let half = field / 2;
        let (x0, y0) = (cx - half * cell, cy - half * cell);
        let x1 = x0 + field * cell;
        let y1 = y0 + field * cell;
        let inset = depth as i32; // keep nested outlines apart
        root.draw(&Rectangle::new(
            [(x0 + inset, y0 + inset), (x1 - inset, y1 - inset)],
            colour.stroke_width(3),
        ))?;
        let y = 30 + depth as i32 * 34;
        root.draw(&Rectangle::new(
            [(legend_x, y), (legend_x + 22, y + 16)],
            colour.stroke_width(3),
        ))?;
        let plural = if depth == 1 { "layer" } else { "layers" };
        root.draw(&Text::new(
            format!("{depth} {plural} of 3x3: {field}x{field}"),
            (legend_x + 32, y),
            text(15),
        ))?;
    }
    root.draw(&Text::new(
        "field = 1 + L (k - 1)",
        (legend_x, 30 + 5 * 34 + 10),
        text(15),
    ))?;
    root.present()?;
    Ok(())
}
