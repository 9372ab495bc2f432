//! Redraw chapter 4's figures into `images/ch04-padding-stride/`.
fn main() -> book_figures::FigureResult {
    book_figures::regenerate("ch04-padding-stride", ch04_padding_stride::draw_figures)
}
