//! Convolution and cross-correlation on [`ndarray`] arrays, written to be read.
//!
//! This is the core crate of the *Convolution Book*. It follows numpy's and
//! scipy's conventions exactly, so that results printed by Python notebooks can be
//! reproduced and checked in Rust:
//!
//! | numpy / scipy | this crate |
//! |---|---|
//! | `np.convolve(a, v, mode)`, `scipy.signal.convolve(in1, in2, mode)`, `convolve2d` | [`convolve`]`(&in1, &in2, Mode::…)` |
//! | `scipy.signal.correlate(in1, in2, mode)`, `correlate2d` | [`correlate`] |
//! | `np.flip(k)` | [`flip`] |
//! | `np.pad(x, widths, mode)` | [`pad`] with a [`PadMode`] |
//! | a framework's `Conv` layer with padding, stride, dilation (per axis) | [`correlate_window`] with a [`Window`] |
//! | `padding='same'` of scipy, TensorFlow or PyTorch; `(before, after)` per side | [`SameRule`], [`Sides`], [`Padding`] (the one padding vocabulary: [`Window`], [`Conv2dLayer`], [`conv_transpose_tf`]) |
//! | pad with `np.pad(mode=...)`, then correlate | [`correlate_window`] with [`Window::with_fill`] |
//! | `floor((i + before + after - d(k - 1) - 1) / s) + 1` (deep learning) | [`Window::output_len`], [`Window::output_shape`] |
//! | a multi-channel `(H, W, C)` image and `(k, k, C)` kernel | [`correlate_channels`] |
//! | `tf.keras.layers.Conv2D` / `tf.nn.conv2d` on a batch `(N, H, W, C)` with `'same'`/`'valid'` | [`Conv2dLayer`] |
//! | `scipy.signal.convolve(..., method='auto')`, `fftconvolve`, a separable filter, on `f32`/`f64` images | [`FastConv`] with a [`Method`] (module [`fast`]) |
//! | a separable filter `column * row^T` in two 1-D passes, any element type | [`convolve_separable`] |
//! | `skimage`/OpenCV's named kernels (Sobel, Prewitt, Laplacian, Gaussian, box, sharpen) | module [`kernels`] |
//! | the matrix of a convolution, `torch.nn.Unfold` (im2col) | [`correlation_matrix`], [`convolution_matrix`], [`im2col`] |
//! | `torch.nn.ConvTranspose2d`, `tf.keras.layers.Conv2DTranspose` | [`conv_transpose`] with a [`TransposedWindow`], [`conv_transpose_tf`] |
//! | `torch.nn.MaxPool2d`, `AvgPool2d`, `AdaptiveAvgPool2d(1)` | [`max_pool`], [`average_pool`] with a [`Pool`], [`global_average_pool`] |
//! | `loss.backward()` through a conv layer; `torch.nn.grad.conv2d_input` / `conv2d_weight` | [`Conv2dLayer::backward`], [`correlate_window_backward`] |
//!
//! Integer arrays give integer results and float arrays float results, as scipy
//! does.
//!
//! # The promise
//!
//! No input makes a function of this crate panic, hang or abort, in debug and
//! release builds alike (a fuzz test in `tests/fuzz.rs` runs every public
//! function on random shapes, layouts and parameters to check it).
//!
//! **What is an error.** Input that has no answer gets a typed [`ConvError`]
//! whose message names the fix for the function that raised it: an empty axis
//! ([`ConvError::Empty`], also for a zero kernel size given to a shape helper),
//! arrays with different numbers of axes ([`ConvError::AxesMismatch`]), 'valid'
//! shapes where neither array contains the other, a zero stride or dilation, a
//! kernel larger than the (padded) input where no position exists, channel and
//! bias mismatches (with channels-first images and PyTorch-ordered weights
//! recognised and named), sizes that overflow `usize` ([`ConvError::SizeOverflow`]),
//! and integer results that do not fit ([`ConvError::Overflow`]).
//!
//! **Memory.** Every size is computed with checked arithmetic before anything
//! is allocated, and results are allocated fallibly: an array that cannot be
//! represented, or that the system refuses, is [`ConvError::TooLarge`] instead
//! of an abort (chapter 9's routines also refuse more than
//! [`MAX_RESULT_ELEMENTS`] elements, [`Allocation::Capped`]). Nothing the result does not need is built: padding (of
//! [`correlate_window`], [`Conv2dLayer`]) is never copied into a padded input
//! (a non-zero [`Window::with_fill`] pads one copy),
//! [`FastConv::convolve_separable`] and [`convolve_separable`] do not build the full kernel unless
//! 'valid' makes the kernel the signal, and the FFT's padded spectra are checked
//! and allocated first, before any work.
//!
//! **What is computed.** Exactly the sums of the definitions, in the element
//! type, with scipy's conventions for modes and numpy's for padding. Shape
//! helpers ([`Mode::output_len`], [`Mode::output_shape`], [`Window::output_len`],
//! [`SameRule::sides`], [`fast::multiply_adds`], [`fast::choose_method`],
//! [`fast::fft_len`], [`Conv2dLayer::output_shape`]) use closed forms and
//! checked arithmetic, so any `usize` returns at once.
//!
//! **Integer overflow.** Sums of primitive integers (`i8` to `i128`, `u8` to
//! `u128`, `isize`, `usize`) are exact: they run in a 128-bit accumulator and the
//! result is converted back with a check. An output that does not fit in the
//! element type is [`ConvError::Overflow`] naming its output index, in every
//! build, never a wrapped value and never a panic; `100 + 100 - 100` in `i8` is
//! `100`, since only the result must fit. (For `i64`, `isize` and `i128`, a
//! partial sum beyond the `i128` range, more than 2^127, is refused too.)
//! Other element types (floats, `num_complex::Complex`, your own types) use the
//! type's own `+` and `*`: complex *integers* overflow as that type does.
//!
//! **NaN and infinity.** [`convolve`], [`correlate`], the window, channel and
//! layer functions and [`Method::Direct`] / [`Method::Separable`] keep a NaN
//! or an infinity local: exactly the outputs whose window covers it become
//! NaN or ±inf (inf times a zero weight is NaN, as IEEE arithmetic says).
//! [`Method::Fft`] mixes every input into every output, so one non-finite value
//! makes every output NaN; [`Method::Auto`] therefore never picks the FFT when
//! input or kernel holds a non-finite value (it scans them first). Large finite
//! values are safe with the FFT: both operands are scaled by powers of two to a
//! largest magnitude near 1 (exact, so no bit of the result changes) and scaled
//! back, so an `f32` image of `1e36` does not overflow inside the transforms.
//! [`Activation::Relu`] keeps NaN as NaN, as TensorFlow and PyTorch do.
//!
//! **Complex numbers.** [`correlate`] conjugates the kernel, as numpy's
//! `np.correlate` and scipy's `signal.correlate` do; [`convolve`] does not, and
//! neither do the window functions (deep-learning frameworks do not).
//!
//! ```
//! use convolution::{convolve, ConvError, Mode};
//! use ndarray::array;
//! let box3 = array![0, 0, 1, 1, 1, 0, 0];
//! assert_eq!(convolve(&box3, &box3, Mode::Same)?, array![0, 1, 2, 3, 2, 1, 0]);
//!
//! let empty = ndarray::Array1::<i32>::zeros(0);
//! let err = convolve(&box3, &empty, Mode::Full).unwrap_err();
//! assert!(matches!(err, ConvError::Empty { .. }));
//! # Ok::<(), ConvError>(())
//! ```

// --- begin: doc tests deny warnings ---
#![warn(missing_docs)]
#![doc(test(attr(deny(warnings))))]
// --- end ---

mod channels;
mod direct;
mod engine;
mod error;
mod exact;
mod flip;
mod layer;
mod mode;
mod pad;
mod window;

// --- begin: fast methods, the separable reference, named kernels ---
pub mod fast;
pub mod kernels;
mod separable;
pub use fast::{FastConv, Method};
pub use separable::convolve_separable;
// --- end: fast methods, the separable reference, named kernels ---

mod arrays;
pub use arrays::{linspace, outer};

// --- begin: convolution as a matrix, transposed convolution, pooling (chapter 9) ---
mod matrix;
mod pooling;
mod transposed;
pub use matrix::{
    MAX_RESULT_ELEMENTS, convolution_matrix, correlate_im2col, correlation_matrix, im2col,
};
pub use pooling::{PadCount, Pool, average_pool, global_average_pool, max_pool};
pub use transposed::{
    TransposedWindow, conv_transpose, conv_transpose_tf, conv_transpose_zero_insertion,
    insert_zeros, tf_transposed_output_len,
};
// --- end: chapter 9 ---

// --- begin: the backward pass (chapter 10) ---
mod backward;
pub use backward::{LayerGradients, WindowGradients, correlate_window_backward};
// --- end: chapter 10 ---

pub use channels::correlate_channels;
pub use direct::{convolve, correlate};
pub use error::{Allocation, ConvError, Operand, Remedy};
pub use flip::flip;
pub use layer::{Activation, Conv2dLayer};
pub use mode::Mode;
pub use pad::{PadMode, pad};
pub use window::{Padding, SameRule, Sides, Window, convolve_window, correlate_window};

/// The `ndarray` this crate is built on, re-exported so that notebooks and
/// chapters use the very same version.
pub use ndarray;

use ndarray::{ArrayBase, Data, Dimension};

/// Both operands must have at least one element along every axis; otherwise
/// [`ConvError::Empty`] names the empty one. Every routine of the crate starts here.
///
/// ```
/// use convolution::{check_not_empty, ConvError, Operand};
/// use ndarray::{array, Array1};
/// assert_eq!(check_not_empty(&array![1, 2], &array![1]), Ok(()));
/// let err = check_not_empty(&array![1, 2], &Array1::<i32>::zeros(0)).unwrap_err();
/// assert_eq!(err, ConvError::Empty { operand: Operand::Kernel, shape: vec![0] });
/// ```
pub fn check_not_empty<S1, S2, D>(
    input: &ArrayBase<S1, D>,
    kernel: &ArrayBase<S2, D>,
) -> Result<(), ConvError>
where
    S1: Data,
    S2: Data,
    D: Dimension,
{
    for (operand, shape) in [
        (Operand::Input, input.shape()),
        (Operand::Kernel, kernel.shape()),
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
