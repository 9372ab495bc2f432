//! Redraw chapter 10's figures into `images/ch10-learning-kernel/`.
fn main() -> book_figures::FigureResult {
    book_figures::regenerate("ch10-learning-kernel", ch10_learning_kernel::draw_figures)
}
