book_figures::figure_test!("ch07-performance", ch07_performance::draw_figures);
