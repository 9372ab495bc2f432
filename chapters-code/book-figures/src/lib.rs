//! What every chapter's figures share: a bundled font (so drawing needs no system
//! fonts), the `images/` folder they are written to, a few plotting helpers, and
//! the check that a committed figure is exactly what the code draws now.
//!
//! A chapter crate exposes `pub fn draw_figures(dir: &Path) -> FigureResult`, which
//! writes its figures into `dir`. Its `main` calls [`regenerate`]; the book-level
//! test calls [`check_committed`].

pub mod heatmap;
pub mod inline;
pub mod number_grid;
pub mod photos;
pub mod pictures;
pub mod series;
pub mod spectrum;

use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;

/// What drawing returns: plotters' errors are boxed so chapters can use `?`.
pub type FigureResult<T = ()> = Result<T, Box<dyn Error>>;

/// A chapter's figure function: draw every figure of the chapter into the folder.
pub type DrawFigures = fn(&Path) -> FigureResult;

/// DejaVu Sans, shipped in the repository with its licence (`fonts/`).
const FONT: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// The family name figures use for text.
pub const FONT_FAMILY: &str = "sans-serif";

/// Register the bundled font with plotters (once per process). Every drawing
/// function in this crate calls it; call it yourself before drawing text directly.
pub fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, FONT)
            .unwrap_or_else(|_| panic!("the bundled DejaVu Sans is a valid font"));
    });
}

/// The repository's top-level `images/` folder.
pub fn images_dir() -> PathBuf {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // chapters-code/book-figures -> the repository's top folder.
    crate_dir
        .ancestors()
        .nth(2)
        .expect("book-figures sits two folders below the top")
        .join("images")
}

/// The folder of one chapter's figures, `images/<chapter>/`.
pub fn chapter_dir(chapter: &str) -> PathBuf {
    images_dir().join(chapter)
}

/// A white PNG canvas of `size` pixels at `path`, with the font registered.
pub fn png_canvas(
    path: &Path,
    size: (u32, u32),
) -> FigureResult<DrawingArea<BitMapBackend<'_>, Shift>> {
    register_font();
    let root = BitMapBackend::new(path, size).into_drawing_area();
    root.fill(&WHITE)?;
    Ok(root)
}

/// Colours used across the book, so that "input", "kernel" and "output" look
/// the same in every chapter.
pub mod palette {
    use plotters::style::RGBColor;
    /// The signal or image being filtered.
    pub const INPUT: RGBColor = RGBColor(31, 119, 180);
    /// The kernel.
    pub const KERNEL: RGBColor = RGBColor(214, 39, 40);
    /// The result.
    pub const OUTPUT: RGBColor = RGBColor(44, 160, 44);
    /// An exact or reference curve drawn for comparison.
    pub const REFERENCE: RGBColor = RGBColor(90, 90, 90);
    /// A fourth series.
    pub const EXTRA: RGBColor = RGBColor(148, 103, 189);
}

/// Text style for titles and labels in the bundled font.
pub fn text(size: u32) -> TextStyle<'static> {
    register_font();
    (FONT_FAMILY, size).into_font().into()
}

/// A number as a label (a tick, a weight in a cell): whole numbers without
/// decimals, others with up to two.
///
/// ```
/// use book_figures::short_number;
/// assert_eq!(short_number(-0.0), "0");
/// assert_eq!(short_number(3.0), "3");
/// assert_eq!(short_number(0.25), "0.25");
/// assert_eq!(short_number(-0.5), "-0.5");
/// assert_eq!(short_number(0.11), "0.11");
/// ```
pub fn short_number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{:.0}", v.round() + 0.0)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').to_string()
    }
}

/// Draw a discrete signal as stems in the book's style ([`series::StemStyle::BOOK`]).
pub fn draw_stems<DB: DrawingBackend>(
    chart: &mut series::Chart<'_, DB>,
    points: &[(f64, f64)],
    color: RGBColor,
    label: &str,
) -> FigureResult
where
    DB::ErrorType: 'static,
{
    series::draw_stems(chart, points, color, label, series::StemStyle::BOOK)
}

/// Draw a chapter's figures into `images/<chapter>/`, replacing what is there.
pub fn regenerate(chapter: &str, draw: DrawFigures) -> FigureResult {
    let dir = chapter_dir(chapter);
    std::fs::create_dir_all(&dir)?;
    draw(&dir)?;
    for file in list_files(&dir)? {
        println!("wrote {}", dir.join(file).display());
    }
    Ok(())
}

/// Draw a chapter's figures into a scratch folder and compare them, byte for byte,
/// with the committed ones. Returns one line per difference: a figure that changed,
/// one the code no longer draws, or one that was never committed.
pub fn check_committed(chapter: &str, draw: DrawFigures) -> FigureResult<Vec<String>> {
    let scratch =
        std::env::temp_dir().join(format!("book-figures-{chapter}-{}", std::process::id()));
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch)?;
    }
    std::fs::create_dir_all(&scratch)?;
    draw(&scratch)?;
    let committed_dir = chapter_dir(chapter);
    let drawn = list_files(&scratch)?;
    let committed = if committed_dir.exists() {
        list_files(&committed_dir)?
    } else {
        Vec::new()
    };
    let mut problems = Vec::new();
    for name in &drawn {
        let fresh = std::fs::read(scratch.join(name))?;
        match std::fs::read(committed_dir.join(name)) {
            Ok(old) if old == fresh => {}
            Ok(_) => problems.push(format!(
                "images/{chapter}/{name} differs from what the code draws"
            )),
            Err(_) => problems.push(format!(
                "images/{chapter}/{name} is drawn but not committed"
            )),
        }
    }
    for name in committed.iter().filter(|name| !drawn.contains(name)) {
        problems.push(format!(
            "images/{chapter}/{name} is committed but no code draws it"
        ));
    }
    std::fs::remove_dir_all(&scratch)?;
    Ok(problems)
}

/// File names in a folder, sorted.
fn list_files(dir: &Path) -> FigureResult<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// Define the test that a chapter's committed figures are exactly what its code
/// draws. Put `book_figures::figure_test!("chNN-name", chNN_name::draw_figures);`
/// in the chapter crate's `tests/figures.rs`.
#[macro_export]
macro_rules! figure_test {
    ($chapter:expr, $draw:path) => {
        #[test]
        fn committed_figures_match_the_code() {
            let problems = $crate::check_committed($chapter, $draw).expect("figures draw");
            assert!(
                problems.is_empty(),
                "{}\nredraw with `cargo run -p {}`, look at the result, and commit it",
                problems.join("\n"),
                $chapter
            );
        }
    };
}

/// Draw a chart's series labels in the book's style (white box, book font) at `position`.
pub fn draw_legend<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
) -> FigureResult
where
    DB: DrawingBackend + 'a,
    DB::ErrorType: 'static,
    CT: plotters::coord::CoordTranslate,
{
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .label_font((FONT_FAMILY, 15))
        .position(position)
        .draw()?;
    Ok(())
}
