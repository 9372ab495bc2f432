//! The chapter's figures: matrices and grids of numbers, the transposed
//! convolution animations, checkerboard artefacts and pooling.

pub mod checkerboard;
pub mod matrices;
pub mod pooling;
pub mod scatter;

use std::path::Path;

use scatter::ScatterCase;

/// The transposed convolutions animated in the chapter.
pub const SCATTER_CASES: [ScatterCase; 3] = [
    ScatterCase::new(2, 3, 1, 0),
    ScatterCase::new(2, 3, 2, 0),
    ScatterCase::new(3, 3, 2, 1),
];

/// Draw every figure of chapter 9 into `dir`.
pub fn draw_figures(dir: &Path) -> book_figures::FigureResult {
    matrices::draw_toeplitz(&dir.join("toeplitz-1d.png"))?;
    matrices::draw_block_toeplitz(&dir.join("doubly-block-toeplitz.png"))?;
    matrices::draw_im2col(&dir.join("im2col.png"))?;
    matrices::draw_transpose(&dir.join("transpose.png"))?;
    for case in &SCATTER_CASES {
        scatter::draw_gif(&dir.join(format!("{}.gif", case.file_stem())), case)?;
    }
    scatter::draw_zero_insertion(&dir.join("zero-insertion.png"))?;
    checkerboard::draw(&dir.join("checkerboard.png"))?;
    pooling::draw(&dir.join("pooling.png"))?;
    Ok(())
}
