book_figures::figure_test!("ch01-discrete", ch01_discrete::draw_figures);
