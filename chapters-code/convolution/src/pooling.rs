//! Max, average and global average pooling.
//!
//! Pooling slides a window like a kernel, with the same output-size formula
//! `floor((i + 2p - k) / s) + 1`, but instead of a weighted sum it keeps one
//! summary of the window: its largest value, or its mean.

use ndarray::{Array, Array1, ArrayBase, ArrayViewD, Axis, Data, Dimension, Ix3, IxDyn, Slice};
use num_traits::Float;

use crate::matrix::checked_elements;
use crate::{ConvError, Operand, Window};

/// A pooling window: `size` samples along every axis, moved by `stride`, over
/// the input with `padding` samples added on each side. As in PyTorch
/// (`MaxPool2d`, `AvgPool2d`, without `ceil_mode`), the padding may be at most
/// half the window, so every window holds at least one real sample.
/// PyTorch's `dilation` (a dilated window could see only padding) and
/// `ceil_mode` (which keeps a last, partial window) are not offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pool {
    /// Window length along every axis (at least 1).
    pub size: usize,
    /// How far the window moves between outputs (at least 1).
    pub stride: usize,
    /// Padding on each side (at most `size / 2`). Max pooling ignores it;
    /// average pooling counts it or not, see [`PadCount`].
    pub padding: usize,
}

impl Pool {
    /// Non-overlapping windows of `size` (stride = size, PyTorch's default), no padding.
    pub fn new(size: usize) -> Self {
        Pool {
            size,
            stride: size,
            padding: 0,
        }
    }

    /// The same window with another stride.
    pub fn with_stride(self, stride: usize) -> Self {
        Pool { stride, ..self }
    }

    /// The same window with `padding` on each side.
    pub fn with_padding(self, padding: usize) -> Self {
        Pool { padding, ..self }
    }

    /// Outputs along an axis of `input` samples: `floor((i + 2p - k) / s) + 1`.
    ///
    /// ```
    /// use convolution::Pool;
    /// assert_eq!(Pool::new(2).output_len(224)?, 112);
    /// // ResNet's 3x3 max pooling, stride 2, padding 1, after its stem.
    /// assert_eq!(Pool::new(3).with_stride(2).with_padding(1).output_len(112)?, 56);
    /// assert_eq!(Pool::new(2).output_len(7)?, 3); // the last sample is dropped
    /// # Ok::<(), convolution::ConvError>(())
    /// ```
    ///
    /// # Errors
    /// [`ConvError::ZeroPoolSize`], [`ConvError::ZeroStride`],
    /// [`ConvError::PoolPadding`] when `padding > size / 2`, and
    /// [`ConvError::KernelTooLarge`] when the window is longer than the padded input.
    pub fn output_len(&self, input: usize) -> Result<usize, ConvError> {
        self.output_len_on_axis(0, input)
    }

    fn output_len_on_axis(&self, axis: usize, input: usize) -> Result<usize, ConvError> {
        if self.size == 0 {
            return Err(ConvError::ZeroPoolSize);
        }
        if self.padding > self.size / 2 {
            return Err(ConvError::PoolPadding {
                padding: self.padding,
                size: self.size,
                max: self.size / 2,
            });
        }
        // The deep-learning output-size rule, as for a kernel of `size` taps.
        Window::stride(self.stride)
            .with_padding(self.padding)
            .output_len_on_axis(axis, input, self.size)
    }

    /// Per output position: the input samples `lo..hi` (per axis) its window covers.
    fn visit<T: Copy, S: Data<Elem = T>, D: Dimension, R>(
        &self,
        input: &ArrayBase<S, D>,
        summary: impl Fn(ArrayViewD<'_, T>) -> R,
    ) -> Result<Array<R, D>, ConvError> {
        if input.is_empty() {
            return Err(ConvError::Empty {
                operand: Operand::Input,
                shape: input.shape().to_vec(),
            });
        }
        let out_shape = input
            .shape()
            .iter()
            .enumerate()
            .map(|(axis, &i)| self.output_len_on_axis(axis, i))
            .collect::<Result<Vec<_>, _>>()?;
        checked_elements(&out_shape)?;
        let x = input.view().into_dyn();
        let (p, s, k) = (self.padding, self.stride, self.size);
        let out = Array::from_shape_fn(IxDyn(&out_shape), |at: IxDyn| {
            // Window o covers padded o*s .. o*s + k, that is input o*s - p .. o*s + k - p,
            // clipped to the input (the check above keeps these sums in range).
            let window = x.slice_each_axis(|ax| {
                let axis = ax.axis.index();
                let start = at[axis] * s;
                let lo = start.saturating_sub(p);
                // p <= k / 2; saturating: the window may end beyond usize::MAX.
                let hi = start.saturating_add(k - p).min(x.shape()[axis]);
                Slice::from(lo..hi)
            });
            summary(window)
        });
        Ok(out
            .into_dimensionality::<D>()
            .expect("pooling keeps the number of axes"))
    }
}

/// Max pooling: each output is the largest value in its window (padding never
/// wins, as if it were minus infinity). Pools every axis of the array; for an
/// `(H, W, C)` image pool each channel's `(H, W)` slice.
///
/// ```
/// use convolution::{max_pool, Pool};
/// use ndarray::array;
/// let x = array![
///     [1, 3, 2, 0],
///     [4, 2, 1, 1],
///     [0, 0, 5, 6],
///     [1, 2, 7, 8],
/// ];
/// assert_eq!(max_pool(&x, Pool::new(2))?, array![[4, 2], [2, 8]]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// [`ConvError::Empty`] for an empty input, the errors of [`Pool::output_len`],
/// and [`ConvError::TooLarge`].
pub fn max_pool<T, S, D>(input: &ArrayBase<S, D>, pool: Pool) -> Result<Array<T, D>, ConvError>
where
    T: Copy + PartialOrd,
    S: Data<Elem = T>,
    D: Dimension,
{
    pool.visit(input, |window| {
        let mut values = window.iter().copied();
        let first = values.next().expect("every window holds a real sample");
        values.fold(first, |best, v| if v > best { v } else { best })
    })
}

/// Whether the zeros of padding count in the average's denominator
/// (PyTorch's `count_include_pad`, which defaults to `True`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PadCount {
    /// Divide by the whole window, `size^axes`: padding counts as zeros
    /// (PyTorch's default, and an average pooling equal to a box correlation).
    Include,
    /// Divide by the number of real samples in the window (TensorFlow's
    /// `'same'` average pooling, PyTorch's `count_include_pad=False`).
    Exclude,
}

/// Average pooling: each output is the mean of its window. With
/// [`PadCount::Include`] it is a strided correlation with a box kernel of
/// `1 / size^axes`.
///
/// ```
/// use convolution::{average_pool, PadCount, Pool};
/// use ndarray::array;
/// let x = array![2.0, 4.0, 6.0, 8.0];
/// assert_eq!(average_pool(&x, Pool::new(2), PadCount::Include)?, array![3.0, 7.0]);
/// // One sample of padding: the first window holds [pad, 2.0].
/// let padded = Pool::new(2).with_padding(1);
/// assert_eq!(average_pool(&x, padded, PadCount::Include)?, array![1.0, 5.0, 4.0]);
/// assert_eq!(average_pool(&x, padded, PadCount::Exclude)?, array![2.0, 5.0, 8.0]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// As [`max_pool`].
pub fn average_pool<T, S, D>(
    input: &ArrayBase<S, D>,
    pool: Pool,
    count: PadCount,
) -> Result<Array<T, D>, ConvError>
where
    T: Float,
    S: Data<Elem = T>,
    D: Dimension,
{
    let axes = input.ndim();
    // size^axes as a float: exact for any window a real input can have.
    let whole = (0..axes).fold(T::one(), |acc, _| {
        acc * T::from(pool.size).unwrap_or_else(T::infinity)
    });
    pool.visit(input, |window| {
        let sum = window.iter().fold(T::zero(), |acc, &v| acc + v);
        let n = match count {
            PadCount::Include => whole,
            PadCount::Exclude => T::from(window.len()).unwrap_or_else(T::infinity),
        };
        sum / n
    })
}

/// Global average pooling: one number per channel of an `(H, W, C)` image, the
/// mean over all its pixels. It replaces the large fully connected layer at the
/// end of many networks (a 7x7x512 map becomes 512 numbers).
///
/// ```
/// use convolution::global_average_pool;
/// use ndarray::{array, Array3};
/// let image = Array3::from_shape_fn((2, 3, 2), |(i, j, c)| if c == 0 { (i * 3 + j) as f64 } else { 1.0 });
/// assert_eq!(global_average_pool(&image)?, array![2.5, 1.0]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// [`ConvError::Empty`] for an image with no pixels or no channels.
pub fn global_average_pool<T, S>(image: &ArrayBase<S, Ix3>) -> Result<Array1<T>, ConvError>
where
    T: Float,
    S: Data<Elem = T>,
{
    if image.is_empty() {
        return Err(ConvError::Empty {
            operand: Operand::Input,
            shape: image.shape().to_vec(),
        });
    }
    let pixels = T::from(image.dim().0 * image.dim().1).unwrap_or_else(T::infinity);
    let sums = image.fold_axis(Axis(0), T::zero(), |&acc, &v| acc + v);
    Ok(sums
        .fold_axis(Axis(0), T::zero(), |&acc, &v| acc + v)
        .mapv(|sum| sum / pixels))
}
