//! Showing pictures inside a Jupyter notebook run by the evcxr Rust kernel.
//!
//! evcxr calls a value's `evcxr_display` method when the value ends a cell, and
//! shows whatever that method prints between `EVCXR_BEGIN_CONTENT <mime>` and
//! `EVCXR_END_CONTENT`. An [`InlinePng`] prints its PNG bytes there (base64), so
//! the notebooks in `notebooks/` can show a chapter's figures, a photo, or a
//! filtered array, drawn by the same code as the book's figures.
//!
//! ```
//! use book_figures::inline::InlinePng;
//! use book_figures::photos::ToPixels;
//! use ndarray::array;
//!
//! let picture = InlinePng::gray(&array![[0.0, 255.0], [128.0, 64.0]], ToPixels::Clamp)?;
//! assert!(picture.bytes().starts_with(b"\x89PNG"));
//! // In a notebook, `picture` as the last line of a cell shows the image.
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use ndarray::{Array2, Array3};
use plotters::prelude::*;

use crate::palette::{EXTRA, INPUT, KERNEL, OUTPUT, REFERENCE};
use crate::photos::{ToPixels, save_gray, save_rgb};
use crate::{DrawFigures, FONT_FAMILY, FigureResult, draw_stems, png_canvas};

/// A PNG image that a notebook cell shows inline.
#[derive(Debug, Clone, PartialEq)]
pub struct InlinePng {
    bytes: Vec<u8>,
}

impl InlinePng {
    /// The PNG file at `path`.
    pub fn from_file(path: &Path) -> FigureResult<Self> {
        Ok(Self {
            bytes: std::fs::read(path)?,
        })
    }

    /// A 2-D array as a grayscale image, converted to pixels by `mode`.
    pub fn gray(values: &Array2<f64>, mode: ToPixels) -> FigureResult<Self> {
        Self::through_scratch_file(|path| save_gray(path, values, mode))
    }

    /// A `(height, width, 3)` array on 0..=255 as an RGB image (values clamped).
    pub fn rgb(values: &Array3<f64>) -> FigureResult<Self> {
        Self::through_scratch_file(|path| save_rgb(path, values))
    }

    /// Discrete signals as stem plots, one panel per `(title, values)` pair, with
    /// sample `n` drawn at `x = n`. Colours follow the book's palette in order
    /// (input, kernel, output, ...).
    pub fn stems(panels: &[(&str, Vec<f64>)]) -> FigureResult<Self> {
        const COLOURS: [RGBColor; 5] = [INPUT, KERNEL, OUTPUT, EXTRA, REFERENCE];
        const PANEL_HEIGHT: u32 = 170;
        let height = PANEL_HEIGHT * panels.len().max(1) as u32;
        Self::through_scratch_file(|path| {
            let root = png_canvas(path, (640, height))?;
            let areas = root.split_evenly((panels.len().max(1), 1));
            for (i, ((title, values), area)) in panels.iter().zip(&areas).enumerate() {
                let lowest = values.iter().copied().fold(0.0, f64::min);
                let highest = values.iter().copied().fold(0.0, f64::max);
                let margin = 0.1 * (highest - lowest).max(1e-9);
                let mut chart = ChartBuilder::on(area)
                    .caption(*title, (FONT_FAMILY, 16))
                    .margin(8)
                    .x_label_area_size(22)
                    .y_label_area_size(44)
                    .build_cartesian_2d(
                        -0.5..values.len() as f64 - 0.5,
                        lowest - margin..highest + margin,
                    )?;
                chart
                    .configure_mesh()
                    .label_style((FONT_FAMILY, 12))
                    .x_label_formatter(&|&x| whole_number(x))
                    .draw()?;
                let points: Vec<(f64, f64)> = values
                    .iter()
                    .enumerate()
                    .map(|(n, &v)| (n as f64, v))
                    .collect();
                draw_stems(&mut chart, &points, COLOURS[i % COLOURS.len()], title)?;
            }
            root.present()?;
            Ok(())
        })
    }

    /// One figure of a chapter, freshly drawn: `draw` writes every figure of the
    /// chapter into a scratch folder and the one called `name` is kept.
    pub fn chapter_figure(draw: DrawFigures, name: &str) -> FigureResult<Self> {
        let dir = scratch_path("figures");
        std::fs::create_dir_all(&dir)?;
        let drawn = draw(&dir).and_then(|()| Self::from_file(&dir.join(name)));
        std::fs::remove_dir_all(&dir)?;
        drawn
    }

    /// Whatever `save` writes to a scratch PNG path, read back.
    pub fn through_scratch_file(save: impl FnOnce(&Path) -> FigureResult) -> FigureResult<Self> {
        let path = scratch_path("image.png");
        let saved = save(&path).and_then(|()| Self::from_file(&path));
        // The file may not exist if `save` failed; that error is the one to report.
        let _ = std::fs::remove_file(&path);
        saved
    }

    /// The PNG file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// What evcxr prints to show the image: the MIME block around the base64 bytes.
    pub fn evcxr_content(&self) -> String {
        format!(
            "EVCXR_BEGIN_CONTENT image/png\n{}\nEVCXR_END_CONTENT",
            base64(&self.bytes)
        )
    }

    /// Called by evcxr when the value ends a cell.
    pub fn evcxr_display(&self) {
        println!("{}", self.evcxr_content());
    }
}

/// Sample positions are whole numbers: label those, leave in-between ticks blank.
fn whole_number(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round())
    } else {
        String::new()
    }
}

/// A path in the system's temporary folder that no other call of this process uses.
fn scratch_path(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!(
        "book-figures-inline-{}-{n}-{name}",
        std::process::id()
    ))
}

/// Standard base64 (RFC 4648, with `=` padding), as data URLs and Jupyter expect.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        // Three bytes make 24 bits, written as four 6-bit letters; a short last
        // chunk is padded with zero bits and its missing letters become '='.
        let bits = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for letter in 0..4 {
            if letter <= chunk.len() {
                let index = (bits >> (18 - 6 * letter)) & 0x3f;
                out.push(char::from(ALPHABET[index as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn base64_matches_rfc_4648_examples() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn evcxr_content_wraps_the_base64_png() -> FigureResult {
        let picture = InlinePng::gray(&array![[0.0, 300.0]], ToPixels::Clamp)?;
        let content = picture.evcxr_content();
        let lines: Vec<&str> = content.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], "EVCXR_BEGIN_CONTENT image/png");
        assert!(
            lines[1].starts_with("iVBORw0KGgo"),
            "base64 of the PNG signature"
        );
        assert_eq!(lines[2], "EVCXR_END_CONTENT");
        Ok(())
    }

    #[test]
    fn rgb_and_chapter_figures_are_pngs() -> FigureResult {
        let rgb = InlinePng::rgb(&Array3::from_elem((2, 3, 3), 200.0))?;
        assert!(rgb.bytes().starts_with(b"\x89PNG"));
        fn one_figure(dir: &Path) -> FigureResult {
            save_gray(&dir.join("a.png"), &array![[1.0]], ToPixels::Clamp)
        }
        let stems = InlinePng::stems(&[("a", vec![0.0, 1.0, -2.0]), ("b", vec![])])?;
        assert!(stems.bytes().starts_with(b"\x89PNG"));
        let figure = InlinePng::chapter_figure(one_figure, "a.png")?;
        assert!(figure.bytes().starts_with(b"\x89PNG"));
        assert!(InlinePng::chapter_figure(one_figure, "missing.png").is_err());
        Ok(())
    }
}
