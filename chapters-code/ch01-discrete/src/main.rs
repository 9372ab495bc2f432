//! Redraw chapter 1's figures into `images/ch01-discrete/`.
fn main() -> book_figures::FigureResult {
    book_figures::regenerate("ch01-discrete", ch01_discrete::draw_figures)
}
