//! Well-known kernels by name (box, Gaussian, differences, Sobel, Prewitt,
//! Laplacian, sharpen), each with its source. Filled in by the chapter on the
//! frequency domain, which needs them; the other chapters move here later.
