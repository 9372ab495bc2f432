//! Max pooling, average pooling and a strided convolution on the same 4x4
//! input, each window and its output in the same colour.

use std::path::Path;

use book_figures::number_grid::{Cell, caption, draw_grid, tint};
use book_figures::{FigureResult, palette};
use convolution::ndarray::{Array2, array};
use convolution::{PadCount, Pool, Window, average_pool, correlate_window, max_pool};

/// The chapter's 4x4 example input.
pub fn pooling_input() -> Array2<i64> {
    array![[1, 3, 2, 0], [4, 2, 1, 1], [0, 0, 5, 6], [1, 2, 7, 8]]
}

/// The strided convolution's kernel: right column minus left column.
pub fn edge_kernel() -> Array2<i64> {
    array![[-1, 1], [-1, 1]]
}

pub fn draw(path: &Path) -> FigureResult {
    const SIDE: i32 = 50;
    let colours = [
        palette::INPUT,
        palette::KERNEL,
        palette::OUTPUT,
        palette::EXTRA,
    ];
    let window_colour = |r: usize, c: usize| colours[(r / 2) * 2 + c / 2];
    let x = pooling_input();
    let max = max_pool(&x, Pool::new(2))?;
    let avg = average_pool(&x.mapv(|v| v as f64), Pool::new(2), PadCount::Include)?;
    let conv = correlate_window(&x, &edge_kernel(), Window::stride(2))?;

    let root = book_figures::png_canvas(path, (780, 330))?;
    caption(
        &root,
        (14, 10),
        "Three ways to halve a 4x4 map: 2x2 windows, stride 2",
        18,
    )?;
    let top = 90;
    caption(&root, (30, top - 30), "input", 15)?;
    let input = Array2::from_shape_fn((4, 4), |(r, c)| {
        Cell::new(x[[r, c]].to_string(), tint(window_colour(r, c), 0.3))
    });
    draw_grid(&root, (30, top), &input, SIDE)?;

    let outputs: [(&str, Array2<String>); 3] = [
        ("max pool", max.mapv(|v| v.to_string())),
        ("average pool", avg.mapv(|v| v.to_string())),
        ("strided conv", conv.mapv(|v| v.to_string())),
    ];
    for (n, (title, labels)) in outputs.iter().enumerate() {
        let left = 30 + 4 * SIDE + 60 + n as i32 * 170;
        caption(&root, (left, top - 30), title, 15)?;
        let cells = Array2::from_shape_fn((2, 2), |(r, c)| {
            Cell::new(
                labels[[r, c]].clone(),
                tint(window_colour(2 * r, 2 * c), 0.45),
            )
        });
        draw_grid(&root, (left, top + SIDE), &cells, SIDE)?;
    }
    caption(
        &root,
        (30 + 4 * SIDE + 60 + 2 * 170, top + 4 * SIDE - 20),
        "kernel [[-1, 1], [-1, 1]]",
        13,
    )?;
    caption(
        &root,
        (30, top + 4 * SIDE + 20),
        "max keeps the largest value of each window, average its mean; the convolution weighs it with a kernel it can learn",
        13,
    )?;
    root.present()?;
    Ok(())
}
