book_figures::figure_test!("ch10-learning-kernel", ch10_learning_kernel::draw_figures);
