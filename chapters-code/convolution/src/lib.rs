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
//! | a framework's `Conv` layer with padding, stride, dilation | [`correlate_window`] with a [`Window`] |
//! | `floor((i + 2p - k) / s) + 1` | [`output_size`], [`Window::output_len`] |
//! | a multi-channel `(H, W, C)` image and `(k, k, C)` kernel | [`correlate_channels`] |
//! | `tf.keras.layers.Conv2D` / `tf.nn.conv2d` on a batch `(N, H, W, C)` with `'same'`/`'valid'` | [`Conv2dLayer`] |
//! | `scipy.signal.convolve(..., method='auto')`, `fftconvolve`, a separable filter, on `f32`/`f64` images | [`FastConv`] with a [`Method`] (module `fast`) |
//!
//! Integer arrays give integer results and float arrays float results, as scipy
//! does. Bad input never panics: every function returns a [`ConvError`] whose
//! message says what to change.
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

mod channels;
mod direct;
mod error;
mod fast;
mod flip;
mod layer;
mod mode;
mod pad;
mod window;

pub mod kernels;

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
pub use error::{ConvError, Operand};
pub use fast::{
    CostModel, FastConv, FastFloat, Method, PARALLEL_MIN_WORK, Threads, choose_method,
    estimated_cost_ns, fast_fft_len, fast_output_shape, multiply_adds, rank_one_factors,
};
pub use flip::flip;
pub use layer::{Activation, Conv2dLayer, LayerPadding};
pub use mode::Mode;
pub use pad::{PadMode, pad};
pub use window::{Window, convolve_window, correlate_window, output_size};

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
