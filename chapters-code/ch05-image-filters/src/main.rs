//! Redraw chapter 5's figures into `images/ch05-image-filters/`.
fn main() -> book_figures::FigureResult {
    book_figures::regenerate("ch05-image-filters", ch05_image_filters::draw_figures)
}
