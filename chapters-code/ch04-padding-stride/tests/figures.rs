book_figures::figure_test!("ch04-padding-stride", ch04_padding_stride::draw_figures);
