//! Redraw chapter 2's figures into `images/ch02-correlation/`.
fn main() -> book_figures::FigureResult {
    book_figures::regenerate("ch02-correlation", ch02_correlation::draw_figures)
}
