//! "Same" padding: how much to pad so that the output is as long as the input.
//! The rules themselves (scipy's, TensorFlow's, PyTorch's) live in the core
//! crate as [`convolution::SameRule`]; this module keeps the deep-learning
//! notebook's float formula, which shows why even kernels need a rule at all.

/// The deep-learning notebook's `padding_for_same`: `(k - 1) / 2` as a float, which is a
/// whole number only for odd kernels.
///
/// ```
/// use ch04_padding_stride::same::padding_for_same;
/// assert_eq!(padding_for_same(3), 1.0);
/// assert_eq!(padding_for_same(4), 1.5);
/// ```
pub fn padding_for_same(kernel: usize) -> f64 {
    (kernel as f64 - 1.0) / 2.0
}
