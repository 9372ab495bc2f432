//! "Same" padding: how much to pad so that the output is as long as the input,
//! and on which side each library puts the extra zero when the total is odd.

use convolution::ndarray::{Array, ArrayBase, Data, Dimension, LinalgScalar};
use convolution::{ConvError, PadMode, Window, correlate_window, pad};

/// Seed 000's `padding_for_same`: `(k - 1) / 2` as a float, which is a whole
/// number only for odd kernels.
///
/// ```
/// use ch04_padding_stride::same::padding_for_same;
/// assert_eq!(padding_for_same(3), 1.0);
/// assert_eq!(padding_for_same(4), 1.5);
/// ```
pub fn padding_for_same(kernel: usize) -> f64 {
    (kernel as f64 - 1.0) / 2.0
}

/// Zeros added before and after the input along one axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SidePadding {
    /// Zeros before the first sample (top or left).
    pub before: usize,
    /// Zeros after the last sample (bottom or right).
    pub after: usize,
}

/// The padding `scipy.signal.convolve` / `correlate` (and `np.convolve`) use in
/// `'same'` mode, stride 1: `k / 2` before and `(k - 1) / 2` after, so an even
/// kernel gets its extra zero *before* the input.
///
/// ```
/// use ch04_padding_stride::same::{scipy_same_padding, SidePadding};
/// assert_eq!(scipy_same_padding(4), SidePadding { before: 2, after: 1 });
/// ```
pub fn scipy_same_padding(kernel: usize) -> SidePadding {
    SidePadding {
        before: kernel / 2,
        after: kernel.saturating_sub(1) / 2,
    }
}

/// TensorFlow's (and Keras') `padding="same"`: the output has `ceil(i / s)`
/// samples; the total padding is whatever the last window needs,
/// `max((out - 1) s + d (k - 1) + 1 - i, 0)`; `total / 2` goes before and the
/// rest after, so an odd total puts the extra zero *after* the input.
///
/// ```
/// use ch04_padding_stride::same::{tf_same_padding, SidePadding};
/// assert_eq!(tf_same_padding(6, 4, 1, 1), SidePadding { before: 1, after: 2 });
/// ```
pub fn tf_same_padding(input: usize, kernel: usize, stride: usize, dilation: usize) -> SidePadding {
    let outputs = input.div_ceil(stride.max(1));
    let span = dilation * kernel.saturating_sub(1) + 1;
    let needed = outputs.saturating_sub(1) * stride + span;
    let total = needed.saturating_sub(input);
    SidePadding {
        before: total / 2,
        after: total - total / 2,
    }
}

/// Cross-correlation (no flip) after padding every axis by `padding`
/// (zeros), with the given stride: how a framework layer computes once it has
/// decided on an asymmetric padding.
///
/// # Errors
/// As [`convolution::pad`] and [`convolution::correlate_window`].
pub fn correlate_padded<T, S1, S2, D>(
    input: &ArrayBase<S1, D>,
    kernel: &ArrayBase<S2, D>,
    padding: SidePadding,
    stride: usize,
) -> Result<Array<T, D>, ConvError>
where
    T: LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    let widths = vec![(padding.before, padding.after); input.ndim()];
    let padded = pad(input, &widths, PadMode::Zeros)?;
    correlate_window(&padded, kernel, Window::stride(stride))
}

#[cfg(test)]
mod tests {
    use super::*;
    use convolution::ndarray::Array1;
    use convolution::{Mode, convolve, correlate, flip};

    /// scipy's 'same' equals the padded valid correlation with the flipped
    /// kernel, for every input and kernel length up to 9.
    #[test]
    fn scipy_same_is_padding_k_half_before() {
        for n in 1..=9usize {
            for k in 1..=n {
                let x = Array1::from_shape_fn(n, |i| (i as i64 + 1) * 7 % 11);
                let h = Array1::from_shape_fn(k, |i| 10i64.pow(i as u32));
                let same = convolve(&x, &h, Mode::Same).unwrap();
                let padded = correlate_padded(&x, &flip(&h), scipy_same_padding(k), 1).unwrap();
                assert_eq!(same, padded, "n={n} k={k}");
                let same_corr = correlate(&x, &h, Mode::Same).unwrap();
                let padded_corr = correlate_padded(&x, &h, scipy_same_padding(k), 1).unwrap();
                assert_eq!(same_corr, padded_corr, "n={n} k={k}");
            }
        }
    }

    /// At stride 1 the rule is the core crate's `LayerPadding::Same`, which
    /// only knows stride 1.
    #[test]
    fn tf_same_at_stride_one_is_the_core_layer_padding() {
        for i in 1..=12usize {
            for k in 1..=i {
                let p = tf_same_padding(i, k, 1, 1);
                let layer = convolution::LayerPadding::Same.widths(k);
                assert_eq!((p.before, p.after), layer, "i={i} k={k}");
            }
        }
    }

    /// TensorFlow's rule always gives ceil(i / s) outputs.
    #[test]
    fn tf_same_gives_ceil_i_over_s_outputs() {
        for i in 1..=12usize {
            for k in 1..=6 {
                for s in 1..=4 {
                    for d in 1..=3 {
                        let p = tf_same_padding(i, k, s, d);
                        let span = d * (k - 1) + 1;
                        let outputs = (i + p.before + p.after - span) / s + 1;
                        assert_eq!(outputs, i.div_ceil(s), "i={i} k={k} s={s} d={d}");
                        assert!(p.after == p.before || p.after == p.before + 1);
                    }
                }
            }
        }
    }
}
