//! The chapter's figures: convolution-arithmetic diagrams (grids of cells) and
//! the border effects of padding modes on a photo.

pub mod arithmetic;
pub mod borders;

use std::path::Path;

use arithmetic::Arithmetic;

/// The diagrams of the section on padding: valid, same and full, stride 1.
pub const PADDING_CASES: [Arithmetic; 3] = [
    Arithmetic::new(4, 3, 0, 1, 1),
    Arithmetic::new(5, 3, 1, 1, 1),
    Arithmetic::new(5, 3, 2, 1, 1),
];

/// The diagrams of the sections on stride and dilation.
pub const STRIDE_CASES: [Arithmetic; 3] = [
    Arithmetic::new(5, 3, 0, 2, 1),
    Arithmetic::new(5, 3, 1, 2, 1),
    Arithmetic::new(7, 3, 0, 1, 2),
];

/// Draw every figure of chapter 4 into `dir`.
pub fn draw_figures(dir: &Path) -> book_figures::FigureResult {
    arithmetic::draw_panels(&dir.join("padding-panels.png"), &PADDING_CASES)?;
    arithmetic::draw_panels(&dir.join("stride-dilation-panels.png"), &STRIDE_CASES)?;
    // Animations only for the small cases: a GIF stores every frame whole.
    for case in PADDING_CASES[..1].iter().chain(&STRIDE_CASES) {
        arithmetic::draw_gif(&dir.join(format!("{}.gif", case.file_stem())), case)?;
    }
    borders::draw_borders(&dir.join("padding-modes-camera.png"))?;
    Ok(())
}
