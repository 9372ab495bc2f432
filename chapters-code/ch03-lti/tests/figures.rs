book_figures::figure_test!("ch03-lti", ch03_lti::draw_figures);
