//! Redraw chapter 3's figures and animations into `images/ch03-lti/`.
fn main() -> book_figures::FigureResult {
    book_figures::regenerate("ch03-lti", ch03_lti::draw_figures)
}
