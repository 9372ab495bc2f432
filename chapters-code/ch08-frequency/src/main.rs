//! Redraw chapter 8's figures into `images/ch08-frequency/`.
fn main() -> book_figures::FigureResult {
    book_figures::regenerate("ch08-frequency", ch08_frequency::draw_figures)
}
