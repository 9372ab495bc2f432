book_figures::figure_test!("ch08-frequency", ch08_frequency::draw_figures);
