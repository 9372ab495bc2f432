book_figures::figure_test!("ch05-image-filters", ch05_image_filters::draw_figures);
