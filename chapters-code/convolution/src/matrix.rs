//! Convolution as a matrix: Toeplitz and doubly block Toeplitz matrices, im2col.
