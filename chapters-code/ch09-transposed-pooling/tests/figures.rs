book_figures::figure_test!(
    "ch09-transposed-pooling",
    ch09_transposed_pooling::draw_figures
);
