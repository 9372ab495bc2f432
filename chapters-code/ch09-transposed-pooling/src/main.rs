//! Redraw chapter 9's figures into `images/ch09-transposed-pooling/`.
fn main() -> book_figures::FigureResult {
    book_figures::regenerate(
        "ch09-transposed-pooling",
        ch09_transposed_pooling::draw_figures,
    )
}
