//! The `padding="same"` of Keras / TensorFlow convolution layers, stride 1.

use convolution::ndarray::{Array2, ArrayBase, Data, Ix2, LinalgScalar};
use convolution::{ConvError, SameRule, Window, correlate_window};

/// Cross-correlate (no flip, as a framework layer does) and keep the image's size,
/// padding with zeros the way TensorFlow does for stride 1: `K - 1` zeros per axis,
/// `(K - 1) / 2` before and the rest after. For an even kernel the extra zero goes
/// at the bottom and the right, so `out[0, 0]` reads `image[0..K, 0..K]`.
///
/// ```
/// use ch02_correlation::correlate_same_like_tensorflow;
/// use convolution::ndarray::array;
/// let image = array![[1, 2], [3, 5]];
/// let k = array![[-1, -1], [1, 1]];
/// // (3 + 5) - (1 + 2) = 5; the last row sees only padding below it.
/// assert_eq!(correlate_same_like_tensorflow(&image, &k)?, array![[5, 3], [-8, -5]]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// [`ConvError::Empty`] for an empty array.
pub fn correlate_same_like_tensorflow<T, S1, S2>(
    image: &ArrayBase<S1, Ix2>,
    kernel: &ArrayBase<S2, Ix2>,
) -> Result<Array2<T>, ConvError>
where
    T: LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
{
    correlate_window(
        image,
        kernel,
        Window::default().with_same(SameRule::TensorFlow),
    )
}
