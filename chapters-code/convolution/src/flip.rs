//! Reversing a kernel along every axis (a 180-degree rotation in 2-D).

use ndarray::{Array, ArrayBase, Axis, Data, Dimension};

/// The kernel reversed along every axis: `flip(k)[j] = k[last - j]`.
///
/// In 1-D this reverses the signal; in 2-D it rotates the kernel by 180 degrees
/// (numpy's `np.flip(k)`, or `np.flipud(np.fliplr(k))`). Convolution is
/// cross-correlation with the flipped kernel.
///
/// ```
/// use convolution::flip;
/// use ndarray::array;
/// assert_eq!(flip(&array![1, 2, 3]), array![3, 2, 1]);
/// assert_eq!(flip(&array![[1, 2], [3, 4]]), array![[4, 3], [2, 1]]);
/// ```
pub fn flip<T, S, D>(kernel: &ArrayBase<S, D>) -> Array<T, D>
where
    T: Clone,
    S: Data<Elem = T>,
    D: Dimension,
{
    let mut view = kernel.view();
    for axis in 0..view.ndim() {
        view.invert_axis(Axis(axis));
    }
    view.to_owned()
}
