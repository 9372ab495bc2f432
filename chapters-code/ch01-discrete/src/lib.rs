pub fn draw_figures(_dir: &std::path::Path) -> book_figures::FigureResult {
    Ok(())
}
