//! Convolution as a matrix: Toeplitz and doubly block Toeplitz matrices, im2col.
//!
//! Every convolution is linear in its input, so it is a matrix times the input
//! flattened into one column. The input and the output are flattened row by row
//! (`vec(x)`, numpy's C order), which makes the matrix of a 1-D convolution a
//! Toeplitz matrix (constant along every diagonal) and that of a 2-D
//! convolution a *doubly block Toeplitz* matrix: a Toeplitz matrix of blocks,
//! each block itself Toeplitz.

use ndarray::{Array, Array2, Array3, ArrayBase, Data, Dimension, Ix3, Ix4, IxDyn, LinalgScalar};

use crate::engine::AxisGeometry;
use crate::{Allocation, ConvError, Mode, Operand, PadMode, Remedy, Window};

/// The most elements a chapter-9 routine allocates for one result (matrix,
/// im2col buffer or output array): 2<sup>28</sup>, 2 GiB of `f64`. Larger
/// requests get [`ConvError::TooLarge`] ([`Allocation::Capped`]) before anything is allocated.
pub const MAX_RESULT_ELEMENTS: usize = 1 << 28;

/// The number of elements of an array with these dimensions, or
/// [`ConvError::TooLarge`] when it exceeds [`MAX_RESULT_ELEMENTS`].
///
/// ndarray also refuses shapes whose non-zero lengths multiply beyond
/// `isize::MAX`, even when another length is zero, so an empty shape is
/// measured by its non-zero lengths.
pub(crate) fn checked_elements(dims: &[usize]) -> Result<usize, ConvError> {
    let product = |skip_zeros: bool| {
        dims.iter()
            .filter(|&&d| !skip_zeros || d != 0)
            .fold(1u128, |acc, &d| acc.saturating_mul(d as u128))
    };
    let elements = product(false);
    let spread = product(true);
    if elements > MAX_RESULT_ELEMENTS as u128 || spread > MAX_RESULT_ELEMENTS as u128 {
        return Err(ConvError::TooLarge {
            what: Allocation::Capped,
            shape: dims.to_vec(),
            bytes: None,
        });
    }
    Ok(elements as usize)
}

/// One size per kernel axis, none of them zero, and a kernel that is not empty.
pub(crate) fn check_shape(input_shape: &[usize], kernel_shape: &[usize]) -> Result<(), ConvError> {
    if input_shape.len() != kernel_shape.len() {
        return Err(ConvError::ShapeAxes {
            shape: input_shape.to_vec(),
            expected: kernel_shape.len(),
            found: input_shape.len(),
        });
    }
    for (operand, shape) in [
        (Operand::Input, input_shape),
        (Operand::Kernel, kernel_shape),
    ] {
        if shape.contains(&0) {
            return Err(ConvError::Empty {
                operand,
                shape: shape.to_vec(),
            });
        }
    }
    Ok(())
}

/// Row-major (C order) flat index of `index` in an array of `shape`.
fn flat_index(index: &[usize], shape: &[usize]) -> usize {
    index
        .iter()
        .zip(shape)
        .fold(0, |flat, (&i, &n)| flat * n + i)
}

/// Fill the matrix of a linear map from an array of `input_shape` to one of
/// `out_shape`: output `o` receives `kernel[tap] * input[source(axis, o, tap)]`
/// for every tap whose source lies inside the input.
fn fill_matrix<T, S, D>(
    kernel: &ArrayBase<S, D>,
    input_shape: &[usize],
    out_shape: &[usize],
    source: impl Fn(usize, usize, usize) -> Option<usize>,
) -> Result<Array2<T>, ConvError>
where
    T: LinalgScalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    let rows = checked_elements(out_shape)?;
    let cols = checked_elements(input_shape)?;
    checked_elements(&[rows, cols])?;
    let mut matrix = Array2::zeros((rows, cols));
    let taps: Vec<(IxDyn, T)> = kernel
        .view()
        .into_dyn()
        .indexed_iter()
        .map(|(tap, &w)| (tap, w))
        .collect();
    let mut at = vec![0usize; input_shape.len()];
    for (row, out) in ndarray::indices(IxDyn(out_shape)).into_iter().enumerate() {
        'taps: for (tap, weight) in &taps {
            for (axis, slot) in at.iter_mut().enumerate() {
                match source(axis, out[axis], tap[axis]) {
                    Some(i) if i < input_shape[axis] => *slot = i,
                    _ => continue 'taps,
                }
            }
            let col = flat_index(&at, input_shape);
            matrix[[row, col]] = matrix[[row, col]] + *weight;
        }
    }
    Ok(matrix)
}

/// The matrix `M` of [`correlate_window`](crate::correlate_window) with this
/// kernel and window on inputs of shape `input_shape`:
/// `M · vec(x) = vec(correlate_window(x, kernel, window))`.
///
/// `M` has one row per output sample and one column per input sample. Row `o`
/// holds the kernel's taps in the columns of the input samples they meet, and
/// zeros elsewhere: in 1-D a Toeplitz band that moves `stride` columns per row;
/// in 2-D a doubly block Toeplitz matrix.
///
/// ```
/// use convolution::{correlate_window, correlation_matrix, Window};
/// use ndarray::array;
/// let kernel = array![1, 2, 3];
/// let m = correlation_matrix(&kernel, &[5], Window::default())?;
/// assert_eq!(m, array![
///     [1, 2, 3, 0, 0],
///     [0, 1, 2, 3, 0],
///     [0, 0, 1, 2, 3],
/// ]);
/// let x = array![4, 0, -1, 2, 5];
/// assert_eq!(m.dot(&x), correlate_window(&x, &kernel, Window::default())?);
///
/// // Stride 2 and one zero of padding: the band jumps two columns per row,
/// // and the padded zeros simply have no column.
/// let strided = correlation_matrix(&kernel, &[5], Window::stride(2).with_padding(1))?;
/// assert_eq!(strided, array![
///     [2, 3, 0, 0, 0],
///     [0, 1, 2, 3, 0],
///     [0, 0, 0, 1, 2],
/// ]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// [`ConvError::ShapeAxes`] when `input_shape` does not have one size per
/// kernel axis, [`ConvError::Empty`] for a zero size, the errors of
/// [`Window::output_len`], and [`ConvError::TooLarge`] when the matrix would
/// exceed [`MAX_RESULT_ELEMENTS`].
pub fn correlation_matrix<T, S, D>(
    kernel: &ArrayBase<S, D>,
    input_shape: &[usize],
    window: Window,
) -> Result<Array2<T>, ConvError>
where
    T: LinalgScalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    check_shape(input_shape, kernel.shape())?;
    let axes = zero_fill_geometry(&window, input_shape, kernel.shape())?;
    let out_shape: Vec<usize> = axes.iter().map(|a| a.out).collect();
    // Output o, tap j reads padded sample o * s + j * d, input sample that - before.
    fill_matrix(kernel, input_shape, &out_shape, |axis, o, j| {
        let a = &axes[axis];
        input_index(o, j, a.stride, a.dilation, a.before)
    })
}

/// The input sample that output `o`, tap `j` reads (`o s + j d - before`), if
/// any; in `u128`, since the padded length may pass `usize::MAX`.
fn input_index(o: usize, j: usize, s: usize, d: usize, before: usize) -> Option<usize> {
    let padded = o as u128 * s as u128 + j as u128 * d as u128;
    usize::try_from(padded.checked_sub(before as u128)?).ok()
}

/// The checked geometry of a zero-padded window on these shapes, per axis.
fn zero_fill_geometry(
    window: &Window,
    input_shape: &[usize],
    kernel_shape: &[usize],
) -> Result<Vec<AxisGeometry>, ConvError> {
    if window.fill() != PadMode::Zeros {
        return Err(ConvError::ZeroFillOnly {
            fill: window.fill(),
        });
    }
    window.check_axes(input_shape.len())?;
    input_shape
        .iter()
        .zip(kernel_shape)
        .enumerate()
        .map(|(axis, (&i, &k))| window.axis_geometry(axis, i, k, Remedy::WindowPadding))
        .collect()
}

/// The matrix `M` of [`convolve`](crate::convolve) with this kernel in `mode`
/// on inputs of shape `input_shape`: `M · vec(x) = vec(convolve(x, kernel, mode))`.
///
/// Row `o` holds the kernel *reversed*: output `o` of the full convolution is
/// `sum_j kernel[j] x[o - j]`. `Same` and `Valid` keep rows of the full matrix,
/// as scipy keeps samples of the full result (including the swap of input and
/// kernel in `Valid` mode when the kernel is the larger one).
///
/// ```
/// use convolution::{convolution_matrix, convolve, Mode};
/// use ndarray::array;
/// let kernel = array![1, 2, 3];
/// let full = convolution_matrix(&kernel, &[4], Mode::Full)?;
/// assert_eq!(full, array![
///     [1, 0, 0, 0],
///     [2, 1, 0, 0],
///     [3, 2, 1, 0],
///     [0, 3, 2, 1],
///     [0, 0, 3, 2],
///     [0, 0, 0, 3],
/// ]);
/// let x = array![1, -1, 2, 0];
/// assert_eq!(full.dot(&x), convolve(&x, &kernel, Mode::Full)?);
/// let same = convolution_matrix(&kernel, &[4], Mode::Same)?;
/// assert_eq!(same.dot(&x), convolve(&x, &kernel, Mode::Same)?);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// As [`correlation_matrix`], with [`ConvError::ValidShapeMismatch`] in place
/// of the window's errors.
pub fn convolution_matrix<T, S, D>(
    kernel: &ArrayBase<S, D>,
    input_shape: &[usize],
    mode: Mode,
) -> Result<Array2<T>, ConvError>
where
    T: LinalgScalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    check_shape(input_shape, kernel.shape())?;
    let k = kernel.shape();
    if mode == Mode::Valid {
        let input_fits = input_shape.iter().zip(k).all(|(n, k)| n >= k);
        let kernel_fits = input_shape.iter().zip(k).all(|(n, k)| k >= n);
        if !input_fits && !kernel_fits {
            return Err(ConvError::ValidShapeMismatch {
                input: input_shape.to_vec(),
                kernel: k.to_vec(),
            });
        }
    }
    let out_shape = input_shape
        .iter()
        .zip(k)
        .enumerate()
        .map(|(axis, (&n, &k))| mode.output_len_on_axis(axis, n, k))
        .collect::<Result<Vec<_>, _>>()?;
    // Where each mode's output starts inside the full result. The full result
    // is symmetric in input and kernel, so the Valid swap only changes the start.
    let start: Vec<usize> = input_shape
        .iter()
        .zip(k)
        .map(|(&n, &k)| match mode {
            Mode::Full => 0,
            Mode::Same => (k - 1) / 2,
            Mode::Valid => n.min(k) - 1,
        })
        .collect();
    // Full output o + start, tap j reads input sample o + start - j.
    fill_matrix(kernel, input_shape, &out_shape, |axis, o, j| {
        (o + start[axis]).checked_sub(j)
    })
}

/// Unfold an `(H, W, C)` image into its patches: one row per output position
/// of a `kernel_size = (kh, kw)` kernel slid with `window`, one column per
/// kernel weight (in the kernel's `(kh, kw, C)` row-major order).
///
/// The result has `H_out · W_out` rows and `kh · kw · C` columns, so it stores
/// every input sample about `kh · kw / stride²` times: that is the memory price
/// of turning a convolution into one matrix product ([`correlate_im2col`]).
///
/// ```
/// use convolution::{im2col, Window};
/// use ndarray::{array, Array3};
/// // A 3x3 one-channel image holding 1..=9, and a 2x2 kernel.
/// let image = Array3::from_shape_fn((3, 3, 1), |(i, j, _)| 3 * i + j + 1);
/// let patches = im2col(&image, (2, 2), Window::default())?;
/// assert_eq!(patches, array![
///     [1, 2, 4, 5],
///     [2, 3, 5, 6],
///     [4, 5, 7, 8],
///     [5, 6, 8, 9],
/// ]);
/// // 16 stored values for 9 pixels.
/// assert_eq!((patches.len(), image.len()), (16, 9));
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// [`ConvError::Empty`] for an empty image or a zero kernel size, the errors of
/// [`Window::output_len`], and [`ConvError::TooLarge`] when the buffer would
/// exceed [`MAX_RESULT_ELEMENTS`].
pub fn im2col<T, S>(
    image: &ArrayBase<S, Ix3>,
    kernel_size: (usize, usize),
    window: Window,
) -> Result<Array2<T>, ConvError>
where
    T: LinalgScalar,
    S: Data<Elem = T>,
{
    let (h, w, c) = image.dim();
    let (kh, kw) = kernel_size;
    if image.is_empty() {
        return Err(ConvError::Empty {
            operand: Operand::Input,
            shape: vec![h, w, c],
        });
    }
    if kh == 0 || kw == 0 {
        return Err(ConvError::Empty {
            operand: Operand::Kernel,
            shape: vec![kh, kw],
        });
    }
    let axes = zero_fill_geometry(&window, &[h, w], &[kh, kw])?;
    let (rows_axis, cols_axis) = (axes[0], axes[1]);
    let (h_out, w_out) = (rows_axis.out, cols_axis.out);
    let rows = checked_elements(&[h_out, w_out])?;
    let cols = checked_elements(&[kh, kw, c])?;
    checked_elements(&[rows, cols])?;
    let mut patches = Array2::zeros((rows, cols));
    for (row, mut patch) in patches.rows_mut().into_iter().enumerate() {
        let (r, q) = (row / w_out, row % w_out);
        for a in 0..kh {
            // Padded row r * s + a * d is image row that minus `before`, if any.
            let (s, d, p) = (rows_axis.stride, rows_axis.dilation, rows_axis.before);
            let Some(y) = input_index(r, a, s, d, p).filter(|&y| y < h) else {
                continue;
            };
            for b in 0..kw {
                let (s, d, p) = (cols_axis.stride, cols_axis.dilation, cols_axis.before);
                let Some(x) = input_index(q, b, s, d, p).filter(|&x| x < w) else {
                    continue;
                };
                for ch in 0..c {
                    patch[(a * kw + b) * c + ch] = image[[y, x, ch]];
                }
            }
        }
    }
    Ok(patches)
}

/// A multi-channel, multi-filter correlation as one matrix product: the
/// [`im2col`] patches of the `(H, W, C)` image times the `(kh, kw, C, F)`
/// kernels reshaped into a `(kh · kw · C, F)` matrix, giving `(H_out, W_out, F)`.
/// This is how many deep-learning libraries compute a convolution layer: one
/// large, fast matrix product, paid for with the patch buffer's memory.
///
/// ```
/// use convolution::{correlate_channels, correlate_im2col, Window};
/// use ndarray::{s, Array3, Array4};
/// let image = Array3::from_shape_fn((5, 4, 2), |(i, j, c)| (i * 7 + j * 3 + c) as i64 % 5);
/// let kernels = Array4::from_shape_fn((3, 3, 2, 2), |(a, b, c, f)| (a + 2 * b + c + f) as i64 % 3 - 1);
/// let out = correlate_im2col(&image, &kernels, Window::default())?;
/// assert_eq!(out.dim(), (3, 2, 2));
/// for f in 0..2 {
///     let one = kernels.slice(s![.., .., .., f]);
///     assert_eq!(out.slice(s![.., .., f]), correlate_channels(&image, &one)?);
/// }
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// [`ConvError::ChannelMismatch`] when the kernels' third axis is not the
/// image's channel count, and the errors of [`im2col`].
pub fn correlate_im2col<T, S1, S2>(
    image: &ArrayBase<S1, Ix3>,
    kernels: &ArrayBase<S2, Ix4>,
    window: Window,
) -> Result<Array3<T>, ConvError>
where
    T: LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
{
    let (kh, kw, kc, filters) = kernels.dim();
    if kernels.is_empty() {
        return Err(ConvError::Empty {
            operand: Operand::Kernel,
            shape: kernels.shape().to_vec(),
        });
    }
    if kc != image.dim().2 {
        return Err(ConvError::ChannelMismatch {
            image: image.dim().2,
            kernel: kc,
        });
    }
    let shape = [image.dim().0, image.dim().1];
    let patches = im2col(image, (kh, kw), window.clone())?;
    let out = window.output_shape(&shape, &[kh, kw])?;
    let (h_out, w_out) = (out[0], out[1]);
    checked_elements(&[h_out, w_out, filters])?;
    let weights = Array::from_iter(kernels.iter().copied())
        .into_shape_with_order((kh * kw * kc, filters))
        .expect("the kernels hold kh * kw * C * F values");
    let out = patches.dot(&weights);
    Ok(out
        .into_shape_with_order((h_out, w_out, filters))
        .expect("one row per output position, one column per filter"))
}
