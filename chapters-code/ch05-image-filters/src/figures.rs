//! Every figure of chapter 5, drawn from the same kernels and photos the page
//! uses.

use std::path::Path;

use book_figures::FigureResult;
use book_figures::photos::{ToPixels, robust_limit, to_pixels};
use convolution::kernels::*;
use convolution::{ConvError, Mode, convolve, correlate, outer};
use ndarray::{Array1, Array2, Axis};

use crate::filters::{gradient_magnitude, repeat_valid};
use crate::panels::{Panel, draw_rows};
use crate::{camera, cat, left_half_bright, two_blocks};

/// Draw every figure of the chapter into `dir`.
pub fn draw_figures(dir: &Path) -> FigureResult {
    let camera = camera()?;
    let cat = cat()?;
    identity_figure(dir, &camera)?;
    toy_edges(dir)?;
    outer_products(dir)?;
    directions(
        dir,
        "prewitt.png",
        "Prewitt",
        &camera,
        prewitt_kernels(),
        None,
    )?;
    directions(
        dir,
        "sobel.png",
        "Sobel",
        &camera,
        sobel_kernels(),
        Some(("Prewitt", prewitt_kernels())),
    )?;
    gradient_figure(dir, &camera)?;
    blog_edge_kernels(dir, &cat)?;
    two_by_two(dir, &camera)?;
    blur(dir, &cat)?;
    blur_hides_edges(dir, &camera)?;
    sharpening(dir, &cat)?;
    clamp_vs_rescale(dir, &camera)?;
    repeated_laplacian(dir, &camera)?;
    Ok(())
}

/// Side of a photo panel.
const PHOTO: u32 = crate::SIDE;

fn gray(image: &Array2<f64>) -> Array2<u8> {
    to_pixels(image, ToPixels::Clamp)
}

/// Signed values, mid-gray for zero (as [`crate::signed_pixels`] shades them), with
/// their colour bar.
fn signed(title: &str, values: &Array2<f64>) -> Panel {
    Panel::shaded(title, values, ToPixels::Signed(robust_limit(values)))
}

fn weights(kernel: &Array2<i32>) -> Array2<f64> {
    to_f64(kernel)
}

fn same(image: &Array2<f64>, kernel: &Array2<f64>) -> Result<Array2<f64>, ConvError> {
    correlate(image, kernel, Mode::Same)
}

fn identity_figure(dir: &Path, camera: &Array2<f64>) -> FigureResult {
    let result = same(camera, &weights(&identity()))?;
    let row = vec![
        Panel::image("original", gray(camera)),
        Panel::grid("identity kernel δ", weights(&identity())),
        Panel::shaded("result: the same pixels", &result, ToPixels::Clamp),
    ];
    draw_rows(&dir.join("identity.png"), &[row], PHOTO)
}

fn toy_edges(dir: &Path) -> FigureResult {
    let cases = [
        (left_half_bright(), "vertical edge", prewitt_x()),
        (two_blocks(), "horizontal kernel", prewitt_y()),
        (two_blocks(), "vertical kernel", prewitt_x()),
    ];
    let mut rows = Vec::new();
    for (image, name, kernel) in cases {
        let out = correlate(&image, &kernel, Mode::Valid)?;
        rows.push(vec![
            Panel::grid("6 x 6 image", weights(&image)),
            Panel::grid(name, weights(&kernel)),
            Panel::grid("valid correlation, 4 x 4", weights(&out)),
        ]);
    }
    draw_rows(&dir.join("toy-edges.png"), &rows, 220)
}

fn column(v: &Array1<i32>) -> Array2<f64> {
    weights(&v.view().insert_axis(Axis(1)).to_owned())
}

fn row(v: &Array1<i32>) -> Array2<f64> {
    weights(&v.view().insert_axis(Axis(0)).to_owned())
}

fn outer_products(dir: &Path) -> FigureResult {
    let d = central_difference();
    let rows = vec![
        vec![
            Panel::grid("smooth down", column(&prewitt_smoothing())),
            Panel::grid("differentiate across", row(&d)),
            Panel::grid("= Prewitt x", weights(&outer(&prewitt_smoothing(), &d))),
        ],
        vec![
            Panel::grid("smooth down", column(&sobel_smoothing())),
            Panel::grid("differentiate across", row(&d)),
            Panel::grid("= Sobel x", weights(&outer(&sobel_smoothing(), &d))),
        ],
    ];
    draw_rows(&dir.join("outer-products.png"), &rows, 170)
}

/// The four direction kernels of one family, named by direction.
type Family = [(&'static str, Array2<i32>); 4];

fn prewitt_kernels() -> Family {
    [
        ("x", prewitt_x()),
        ("y", prewitt_y()),
        ("diagonal", prewitt_diagonal()),
        ("antidiagonal", prewitt_antidiagonal()),
    ]
}

fn sobel_kernels() -> Family {
    [
        ("x", sobel_x()),
        ("y", sobel_y()),
        ("diagonal", sobel_diagonal()),
        ("antidiagonal", sobel_antidiagonal()),
    ]
}

/// A photo filtered by the four direction kernels of one family; signed results,
/// mid-gray for zero. With `compare`, a fourth column shows this family's
/// result minus the other family's, on its own scale, so the difference shows.
fn directions(
    dir: &Path,
    file: &str,
    family: &str,
    photo: &Array2<f64>,
    kernels: Family,
    compare: Option<(&str, Family)>,
) -> FigureResult {
    let mut rows = Vec::new();
    for (i, (direction, kernel)) in kernels.into_iter().enumerate() {
        let result = same(photo, &weights(&kernel))?;
        let first = if i == 0 {
            Panel::image("original", gray(photo))
        } else {
            Panel::Blank
        };
        let mut row = vec![
            first,
            Panel::grid(&format!("{family} {direction}"), weights(&kernel)),
            signed("result (gray = 0)", &result),
        ];
        if let Some((other, other_kernels)) = &compare {
            let theirs = same(photo, &weights(&other_kernels[i].1))?;
            row.push(signed(&format!("{family} − {other}"), &(&result - &theirs)));
        }
        rows.push(row);
    }
    draw_rows(&dir.join(file), &rows, PHOTO)
}

fn gradient_figure(dir: &Path, camera: &Array2<f64>) -> FigureResult {
    let gx = same(camera, &weights(&sobel_x()))?;
    let gy = same(camera, &weights(&sobel_y()))?;
    let magnitude = gradient_magnitude(&gx, &gy);
    let top = magnitude.fold(0.0f64, |m, &v| m.max(v));
    let row = vec![
        Panel::shaded("|Sobel x|", &gx.mapv(f64::abs), ToPixels::UpTo(top)),
        Panel::shaded("|Sobel y|", &gy.mapv(f64::abs), ToPixels::UpTo(top)),
        Panel::shaded("magnitude sqrt(gx² + gy²)", &magnitude, ToPixels::UpTo(top)),
    ];
    draw_rows(&dir.join("gradient-magnitude.png"), &[row], PHOTO)
}

fn blog_edge_kernels(dir: &Path, cat: &Array2<f64>) -> FigureResult {
    let kernels = [
        ("edge kernel 1", mixed_derivative()),
        ("edge kernel 2", laplacian_4()),
        ("edge kernel 3", eight_neighbour_edge()),
    ];
    let mut rows = Vec::new();
    for (i, (name, kernel)) in kernels.into_iter().enumerate() {
        let result = same(cat, &weights(&kernel))?;
        let first = if i == 0 {
            Panel::image("original", gray(cat))
        } else {
            Panel::Blank
        };
        rows.push(vec![
            first,
            Panel::grid(name, weights(&kernel)),
            Panel::shaded("clamped to 0..255", &result, ToPixels::Clamp),
        ]);
    }
    draw_rows(&dir.join("blog-edge-kernels.png"), &rows, PHOTO)
}

fn two_by_two(dir: &Path, camera: &Array2<f64>) -> FigureResult {
    let f1 = row_difference_2x2();
    let f2 = column_difference_2x2();
    let sum = &f1 + &f2;
    let mut rows = Vec::new();
    for (i, (name, kernel)) in [("f1", f1), ("f2", f2), ("f1 + f2", sum)]
        .into_iter()
        .enumerate()
    {
        let result = convolve(camera, &weights(&kernel), Mode::Valid)?;
        let first = if i == 0 {
            Panel::image("original", gray(camera))
        } else {
            Panel::Blank
        };
        rows.push(vec![
            first,
            Panel::grid(name, weights(&kernel)),
            Panel::shaded("|valid convolution|", &result, ToPixels::AbsRescale),
        ]);
    }
    draw_rows(&dir.join("two-by-two.png"), &rows, PHOTO)
}

fn blur(dir: &Path, cat: &Array2<f64>) -> FigureResult {
    let cases = [
        (
            "box 3 x 3",
            weights(&box_sum(3).expect("a valid size")),
            "÷ 9",
            box_2d(3).expect("a valid size"),
            Mode::Same,
            ToPixels::Clamp,
        ),
        (
            "Gaussian 3 x 3",
            weights(&gaussian_3x3_weights()),
            "÷ 16",
            gaussian_3x3(),
            Mode::Same,
            ToPixels::Clamp,
        ),
        (
            "Gaussian 5 x 5",
            weights(&gaussian_5x5_weights()),
            "÷ 256",
            gaussian_5x5(),
            Mode::Same,
            ToPixels::Clamp,
        ),
        (
            "ones 10 x 10",
            weights(&box_sum(10).expect("a valid size")),
            "(a sum: shown rescaled)",
            weights(&box_sum(10).expect("a valid size")),
            Mode::Valid,
            ToPixels::Rescale,
        ),
    ];
    let mut rows = Vec::new();
    for (i, (name, shown, note, kernel, mode, shade)) in cases.into_iter().enumerate() {
        let result = correlate(cat, &kernel, mode)?;
        let first = if i == 0 {
            Panel::image("original", gray(cat))
        } else {
            Panel::Blank
        };
        let (h, w) = result.dim();
        rows.push(vec![
            first,
            Panel::grid_with_note(name, shown, note),
            Panel::shaded(&format!("result, {h} x {w}"), &result, shade),
        ]);
    }
    draw_rows(&dir.join("blur.png"), &rows, PHOTO)
}

fn blur_hides_edges(dir: &Path, camera: &Array2<f64>) -> FigureResult {
    let edges = |image: &Array2<f64>| -> Result<Array2<f64>, ConvError> {
        let gx = same(image, &weights(&sobel_x()))?;
        let gy = same(image, &weights(&sobel_y()))?;
        Ok(gradient_magnitude(&gx, &gy))
    };
    let sharp = edges(camera)?;
    let soft = edges(&same(camera, &gaussian_5x5())?)?;
    let softer = edges(&same(camera, &box_2d(9).expect("a valid size"))?)?;
    let top = sharp.fold(0.0f64, |m, &v| m.max(v));
    let row = vec![
        Panel::shaded("edges of the photo", &sharp, ToPixels::UpTo(top)),
        Panel::shaded("after Gaussian 5 x 5", &soft, ToPixels::UpTo(top)),
        Panel::shaded("after box 9 x 9", &softer, ToPixels::UpTo(top)),
    ];
    draw_rows(&dir.join("blur-hides-edges.png"), &[row], PHOTO)
}

fn sharpening(dir: &Path, cat: &Array2<f64>) -> FigureResult {
    let blurred = same(cat, &box_2d(3).expect("a valid size"))?;
    let high = same(&blurred, &weights(&high_pass()))?;
    let quarter = &weights(&identity()) + &(weights(&high_pass()) * 0.25);
    let rows = vec![
        vec![
            Panel::image("blurred cat (box 3 x 3)", gray(&blurred)),
            Panel::grid("high-pass f_H", weights(&high_pass())),
            signed("high-pass part (gray = 0)", &high),
        ],
        vec![
            Panel::Blank,
            Panel::grid("δ + f_H / 4", quarter.clone()),
            Panel::shaded(
                "sharpened, clamped",
                &same(&blurred, &quarter)?,
                ToPixels::Clamp,
            ),
        ],
        vec![
            Panel::Blank,
            Panel::grid("sharpen = δ + f_H", weights(&sharpen())),
            Panel::shaded(
                "sharpened, clamped",
                &same(&blurred, &weights(&sharpen()))?,
                ToPixels::Clamp,
            ),
        ],
        vec![
            Panel::Blank,
            // Shaded as used: the printed weights divided by -256, i.e. their
            // negatives divided by 256 (a negative ring around a positive centre).
            Panel::grid_with_note(
                "unsharp 5 x 5",
                weights(&unsharp_5x5_weights()).mapv(|w| -w),
                "÷ 256",
            ),
            Panel::shaded(
                "sharpened, clamped",
                &same(&blurred, &unsharp_5x5())?,
                ToPixels::Clamp,
            ),
        ],
    ];
    draw_rows(&dir.join("sharpen.png"), &rows, PHOTO)
}

fn clamp_vs_rescale(dir: &Path, camera: &Array2<f64>) -> FigureResult {
    let response = same(camera, &weights(&laplacian_4()))?;
    let row = vec![
        Panel::shaded("clamped to 0..255", &response, ToPixels::Clamp),
        Panel::shaded("rescaled min..max", &response, ToPixels::Rescale),
        Panel::shaded("|value| rescaled", &response, ToPixels::AbsRescale),
    ];
    draw_rows(&dir.join("clamp-vs-rescale.png"), &[row], PHOTO)
}

fn repeated_laplacian(dir: &Path, camera: &Array2<f64>) -> FigureResult {
    let layers = repeat_valid(camera, &weights(&laplacian_4()), 6)?;
    let panels: Vec<Panel> = layers
        .iter()
        .enumerate()
        .map(|(i, layer)| {
            let (h, w) = layer.dim();
            let passes = if i == 0 { "pass" } else { "passes" };
            signed(&format!("{} {passes}: {h} x {w}", i + 1), layer)
        })
        .collect();
    let mut panels = panels.into_iter();
    let rows = vec![panels.by_ref().take(3).collect(), panels.collect()];
    draw_rows(&dir.join("repeated-laplacian.png"), &rows, PHOTO)
}
