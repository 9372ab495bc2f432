//! The matrix of a convolution, printed cell by cell: the 1-D Toeplitz band,
//! the 2-D doubly block Toeplitz matrix, and the im2col patch matrix.

use std::path::Path;

use book_figures::number_grid::{BLANK, Cell, caption, draw_grid, draw_indices, outline, tint};
use book_figures::{FigureResult, palette};
use convolution::ndarray::{Array1, Array2, Array3, array};
use convolution::{Window, correlation_matrix, im2col};
use plotters::prelude::*;

/// One colour per kernel value 1, 2, 3, 4, so that the diagonals stand out.
const TAP_COLOURS: [RGBColor; 4] = [
    palette::INPUT,
    palette::EXTRA,
    palette::KERNEL,
    palette::OUTPUT,
];

fn tap_fill(value: i64) -> RGBColor {
    match value {
        1..=4 => tint(TAP_COLOURS[value as usize - 1], 0.45),
        0 => BLANK,
        _ => WHITE,
    }
}

fn tap_cells(matrix: &Array2<i64>) -> Array2<Cell> {
    matrix.mapv(|v| Cell::new(v.to_string(), tap_fill(v)))
}

fn column(values: &Array1<i64>, fill: RGBColor) -> Array2<Cell> {
    Array2::from_shape_fn((values.len(), 1), |(r, _)| {
        Cell::new(values[r].to_string(), fill)
    })
}

/// `M · x = y` for the kernel `[1, 2, 3]`: stride 1 without padding on six
/// samples, and stride 2 with one zero of padding on five.
pub fn draw_toeplitz(path: &Path) -> FigureResult {
    const SIDE: i32 = 42;
    let root = book_figures::png_canvas(path, (640, 660))?;
    let kernel = array![1i64, 2, 3];
    let panels = [
        (
            "stride 1, no padding: M is 4 x 6",
            Window::default(),
            array![3i64, 1, 4, 1, 5, 9],
            10,
        ),
        (
            "stride 2, padding 1: M is 3 x 5",
            Window::stride(2).with_padding(1),
            array![3i64, 1, 4, 1, 5],
            360,
        ),
    ];
    for (title, window, x, top) in panels {
        let m = correlation_matrix(&kernel, &[x.len()], window)?;
        let y = m.dot(&x);
        caption(&root, (20, top), title, 20)?;
        let grid_top = top + 56;
        let left = 50;
        caption(&root, (left, top + 28), "M", 17)?;
        draw_indices(&root, (left, grid_top), SIDE, m.dim())?;
        draw_grid(&root, (left, grid_top), &tap_cells(&m), SIDE)?;
        let x_left = left + m.ncols() as i32 * SIDE + 40;
        caption(&root, (x_left - 26, grid_top + SIDE / 2 - 10), "\u{b7}", 24)?;
        caption(&root, (x_left, top + 28), "x", 17)?;
        draw_grid(
            &root,
            (x_left, grid_top),
            &column(&x, tint(palette::INPUT, 0.2)),
            SIDE,
        )?;
        let y_left = x_left + SIDE + 50;
        caption(&root, (y_left - 32, grid_top + SIDE / 2 - 10), "=", 22)?;
        caption(&root, (y_left, top + 28), "y = M x", 17)?;
        draw_grid(
            &root,
            (y_left, grid_top),
            &column(&y, tint(palette::OUTPUT, 0.3)),
            SIDE,
        )?;
    }
    caption(
        &root,
        (20, 636),
        "kernel [1, 2, 3]: each row of M is the kernel, moved one stride to the right",
        15,
    )?;
    root.present()?;
    Ok(())
}

/// The 9 x 16 matrix of a 2x2 kernel on a 4x4 input, with its 3 x 4 blocks.
pub fn draw_block_toeplitz(path: &Path) -> FigureResult {
    const SIDE: i32 = 34;
    let root = book_figures::png_canvas(path, (660, 640))?;
    let kernel = array![[1i64, 2], [3, 4]];
    let m = correlation_matrix(&kernel, &[4, 4], Window::default())?;

    caption(
        &root,
        (20, 10),
        "A 2x2 kernel on a 4x4 input: a doubly block Toeplitz matrix",
        19,
    )?;
    caption(
        &root,
        (40, 44),
        "input x, each cell numbered by its place in vec(x)",
        15,
    )?;
    let input = Array2::from_shape_fn((4, 4), |(r, c)| {
        Cell::new((4 * r + c).to_string(), tint(palette::INPUT, 0.2))
    });
    draw_grid(&root, (40, 72), &input, SIDE)?;
    caption(&root, (440, 44), "kernel", 15)?;
    draw_grid(&root, (440, 72), &tap_cells(&kernel), SIDE)?;

    let top = 270;
    caption(
        &root,
        (20, top - 48),
        "M (9 x 16): rows are outputs, columns are input cells",
        15,
    )?;
    let left = 60;
    draw_indices(&root, (left, top), SIDE, m.dim())?;
    draw_grid(&root, (left, top), &tap_cells(&m), SIDE)?;
    // Block boundaries: one block row per output row (3 outputs), one block
    // column per input row (4 inputs).
    for block_row in 0..3 {
        for block_col in 0..4 {
            outline(
                &root,
                (left, top),
                SIDE,
                (block_row * 3, block_col * 4),
                (3, 4),
                BLACK,
                2,
            )?;
        }
    }
    caption(
        &root,
        (20, top + 9 * SIDE + 12),
        "bold lines: 3 x 4 blocks; equal blocks along each block diagonal, each block Toeplitz",
        14,
    )?;
    root.present()?;
    Ok(())
}

/// A 4x4 image, its four 3x3 windows, and the 4 x 9 matrix of their patches.
pub fn draw_im2col(path: &Path) -> FigureResult {
    const SIDE: i32 = 44;
    let root = book_figures::png_canvas(path, (720, 330))?;
    let image = Array3::from_shape_fn((4, 4, 1), |(r, c, _)| (4 * r + c + 1) as i64);
    let patches = im2col(&image, (3, 3), Window::default())?;
    let colours = [
        palette::INPUT,
        palette::KERNEL,
        palette::OUTPUT,
        palette::EXTRA,
    ];

    caption(
        &root,
        (20, 10),
        "im2col: four 3x3 windows of a 4x4 image become the 4 rows of a 4 x 9 matrix",
        17,
    )?;
    // Four small copies of the image, each with one window filled in its colour.
    const MINI: i32 = 26;
    let image_top = (40, 90);
    caption(&root, (40, 62), "image (16 pixels), four windows", 15)?;
    for (patch, colour) in colours.iter().enumerate() {
        let (r, c) = (patch / 2, patch % 2);
        let at = (
            image_top.0 + c as i32 * (4 * MINI + 14),
            image_top.1 + r as i32 * (4 * MINI + 14),
        );
        let cells = Array2::from_shape_fn((4, 4), |(a, b)| {
            let inside = (r..r + 3).contains(&a) && (c..c + 3).contains(&b);
            let fill = if inside { tint(*colour, 0.4) } else { WHITE };
            Cell::new(image[[a, b, 0]].to_string(), fill)
        });
        draw_grid(&root, at, &cells, MINI)?;
        outline(&root, at, MINI, (r, c), (3, 3), *colour, 2)?;
    }

    let left = 302;
    caption(&root, (left, 62), "patches (36 stored values)", 15)?;
    let rows = Array2::from_shape_fn(patches.dim(), |(r, c)| {
        Cell::new(patches[[r, c]].to_string(), tint(colours[r], 0.3))
    });
    draw_indices(&root, (left, image_top.1), SIDE, patches.dim())?;
    draw_grid(&root, (left, image_top.1), &rows, SIDE)?;
    caption(
        &root,
        (left, image_top.1 + 4 * SIDE + 24),
        "row r: the window of output r, read row by row",
        14,
    )?;
    root.present()?;
    Ok(())
}

/// The stride-2 matrix of `[1, 2, 3]` on five samples and its transpose, each
/// applied to a vector: five samples to two, and two back to five.
pub fn draw_transpose(path: &Path) -> FigureResult {
    const SIDE: i32 = 42;
    let root = book_figures::png_canvas(path, (760, 330))?;
    let kernel = array![1i64, 2, 3];
    let m = correlation_matrix(&kernel, &[5], Window::stride(2))?;
    let mt = m.t().to_owned();
    let y = array![1i64, -1, 2, 0, 3];
    let x = array![1i64, 10];
    caption(
        &root,
        (20, 10),
        "A stride-2 convolution M (2 x 5) and its transpose M\u{1d40} (5 x 2)",
        19,
    )?;
    let top = 90;
    // Left: M y.
    let left = 40;
    caption(&root, (left, top - 40), "M", 17)?;
    draw_indices(&root, (left, top), SIDE, m.dim())?;
    draw_grid(&root, (left, top), &tap_cells(&m), SIDE)?;
    let y_left = left + 5 * SIDE + 34;
    caption(&root, (y_left - 22, top + SIDE / 2 - 10), "\u{b7}", 24)?;
    caption(&root, (y_left, top - 40), "y", 17)?;
    draw_grid(
        &root,
        (y_left, top),
        &column(&y, tint(palette::INPUT, 0.2)),
        SIDE,
    )?;
    let out_left = y_left + SIDE + 44;
    caption(&root, (out_left - 30, top + SIDE / 2 - 10), "=", 22)?;
    caption(&root, (out_left, top - 40), "M y", 17)?;
    draw_grid(
        &root,
        (out_left, top),
        &column(&m.dot(&y), tint(palette::OUTPUT, 0.3)),
        SIDE,
    )?;
    // Right: Mᵀ x.
    let left = out_left + SIDE + 70;
    caption(&root, (left, top - 40), "M\u{1d40}", 17)?;
    draw_indices(&root, (left, top), SIDE, mt.dim())?;
    draw_grid(&root, (left, top), &tap_cells(&mt), SIDE)?;
    let x_left = left + 2 * SIDE + 34;
    caption(&root, (x_left - 22, top + SIDE / 2 - 10), "\u{b7}", 24)?;
    caption(&root, (x_left, top - 40), "x", 17)?;
    draw_grid(
        &root,
        (x_left, top),
        &column(&x, tint(palette::INPUT, 0.2)),
        SIDE,
    )?;
    let up_left = x_left + SIDE + 44;
    caption(&root, (up_left - 30, top + SIDE / 2 - 10), "=", 22)?;
    caption(&root, (up_left, top - 40), "M\u{1d40} x", 17)?;
    draw_grid(
        &root,
        (up_left, top),
        &column(&mt.dot(&x), tint(palette::OUTPUT, 0.3)),
        SIDE,
    )?;
    caption(
        &root,
        (20, top + 5 * SIDE + 16),
        "columns of M\u{1d40}: the kernel, moved 2 rows down per input; where they overlap, copies add (3 + 10 = 13)",
        14,
    )?;
    root.present()?;
    Ok(())
}
