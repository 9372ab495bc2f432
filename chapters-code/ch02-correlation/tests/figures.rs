book_figures::figure_test!("ch02-correlation", ch02_correlation::draw_figures);
