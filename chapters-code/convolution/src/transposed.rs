//! Transposed convolution: the adjoint of a strided, padded, dilated convolution.
