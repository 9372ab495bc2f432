book_figures::figure_test!("ch06-channels-layers", ch06_channels_layers::draw_figures);
