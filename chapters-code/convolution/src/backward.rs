//! The backward pass: how a loss changes with a correlation's input, kernel and bias.
//!
//! A correlation layer computes `y[o] = Σⱼ x[o·s + j·d] k[j]` (on the padded
//! input). Given the gradient `g = ∂L/∂y` of some loss `L` with respect to every
//! output, the chain rule gives
//!
//! - `∂L/∂x` = the transposed convolution of `g` with the *same* kernel; at
//!   stride 1 without padding that is the **full convolution** `g * k`: the
//!   kernel comes back flipped;
//! - `∂L/∂k` = a correlation of the input with `g`: `∂L/∂k[j] = Σₒ g[o] x[o·s + j·d]`,
//!   which is [`correlate_window`] of the input with `g` as its kernel, taps `s`
//!   apart and moving `d` at a time (stride and dilation swap roles);
//! - `∂L/∂b` = the sum of `g` (for a layer with a bias).
//!
//! Everything here is written with the crate's public routines, so the math and
//! the code say the same thing.

use ndarray::{
    Array, Array1, Array4, ArrayBase, Data, Dimension, Ix4, LinalgScalar, Slice, Zip, s,
};

use crate::matrix::checked_elements;
use crate::transposed::{scatter, uncropped_len};
use crate::{
    Activation, Conv2dLayer, ConvError, Mode, PadMode, Window, convolve, correlate,
    correlate_window, pad,
};

/// The gradients of a loss with respect to both operands of a correlation.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowGradients<T, D: Dimension> {
    /// `∂L/∂input`, the input's shape.
    pub input: Array<T, D>,
    /// `∂L/∂kernel`, the kernel's shape.
    pub kernel: Array<T, D>,
}

/// The backward pass of [`correlate_window`]`(input, kernel, window)`: given
/// `grad_output = ∂L/∂output` (the forward output's shape), the gradients with
/// respect to the input and the kernel.
///
/// The input gradient is [`conv_transpose`](crate::conv_transpose) of `grad_output` with the same
/// kernel (cropped to the input: samples only padding reached get nothing
/// back, and samples no window reached get zero); the kernel gradient is
/// [`correlate_window`] of the input with `grad_output`, with the forward
/// stride as dilation and the forward dilation as stride.
///
/// ```
/// use convolution::{correlate_window_backward, convolve, Mode, Window};
/// use ndarray::array;
/// let x = array![1, 2, 3, 4];
/// let k = array![1, -1];
/// // y = [x0 - x1, x1 - x2, x2 - x3]; let the loss be L = y0 + 10 y1 + 100 y2.
/// let g = array![1, 10, 100];
/// let grads = correlate_window_backward(&x, &k, Window::default(), &g)?;
/// assert_eq!(grads.input, array![1, 9, 90, -100]);
/// assert_eq!(grads.input, convolve(&g, &k, Mode::Full)?); // the flip returns
/// assert_eq!(grads.kernel, array![1 + 20 + 300, 2 + 30 + 400]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// The errors of [`correlate_window`] for `input`, `kernel` and `window`;
/// [`ConvError::GradientShape`] when `grad_output` does not have the forward
/// output's shape; and
/// [`ConvError::TooLarge`] when the padded input would be too large to hold.
pub fn correlate_window_backward<T, S1, S2, S3, D>(
    input: &ArrayBase<S1, D>,
    kernel: &ArrayBase<S2, D>,
    window: Window,
    grad_output: &ArrayBase<S3, D>,
) -> Result<WindowGradients<T, D>, ConvError>
where
    T: LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    S3: Data<Elem = T>,
    D: Dimension,
{
    crate::check_not_empty(input, kernel)?;
    if window.fill() != PadMode::Zeros {
        return Err(ConvError::ZeroFillOnly {
            fill: window.fill(),
        });
    }
    let expected = window.output_shape(input.shape(), kernel.shape())?;
    if grad_output.shape() != expected.as_slice() {
        return Err(ConvError::GradientShape {
            expected,
            found: grad_output.shape().to_vec(),
        });
    }
    let axes = input.ndim();
    let (mut strides, mut dilations, mut sides) = (vec![], vec![], vec![]);
    for (axis, (&i, &k)) in input.shape().iter().zip(kernel.shape()).enumerate() {
        strides.push(window.stride_on(axis)?);
        dilations.push(window.dilation_on(axis)?);
        sides.push(window.sides_on(axis, i, k)?);
    }

    // Both gradients work on the padded input: make sure it can be held.
    let padded_shape = input
        .shape()
        .iter()
        .zip(&sides)
        .map(|(&i, s)| {
            s.total()
                .and_then(|t| t.checked_add(i))
                .unwrap_or(usize::MAX)
        })
        .collect::<Vec<_>>();
    checked_elements(&padded_shape)?;

    // ∂L/∂(padded input): every output scatters its gradient through the kernel.
    // Without cropping, this covers the padded input up to the last sample a
    // window reached; the rest of the padded input got no gradient.
    let reached_shape = (0..axes)
        .map(|axis| {
            uncropped_len(
                axis,
                grad_output.shape()[axis],
                kernel.shape()[axis],
                strides[axis],
                dilations[axis],
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    let reached: Array<T, D> = scatter(
        grad_output,
        kernel,
        &strides,
        &dilations,
        &vec![0; axes],
        &reached_shape,
    )?;
    let mut grad_input = Array::zeros(input.raw_dim());
    let take = |len: usize, i: usize, p: usize| {
        // Padded samples p .. p + i are the real input; keep those that exist in `reached`.
        let end = len.min(p.saturating_add(i));
        (p.min(end), end)
    };
    let lengths: Vec<(usize, usize)> = reached
        .shape()
        .iter()
        .zip(input.shape())
        .zip(&sides)
        .map(|((&len, &i), s)| take(len, i, s.before))
        .collect();
    grad_input
        .slice_each_axis_mut(|ax| {
            let (start, end) = lengths[ax.axis.index()];
            Slice::from(0..end - start)
        })
        .assign(&reached.slice_each_axis(|ax| {
            let (start, end) = lengths[ax.axis.index()];
            Slice::from(start..end)
        }));

    // ∂L/∂k[j] = Σₒ g[o] x_padded[o·s + j·d]: the output gradient is the kernel,
    // spread `stride` apart, moving `dilation` samples per kernel tap.
    let swapped = Window::default()
        .with_sides(&sides)
        .with_strides(&dilations)
        .with_dilations(&strides);
    let wide = correlate_window(input, grad_output, swapped)?;
    // When the last window stopped short of the padded input's end, the swapped
    // correlation has a few extra taps beyond the kernel: drop them.
    let grad_kernel = wide
        .slice_each_axis(|ax| Slice::from(0..kernel.shape()[ax.axis.index()]))
        .to_owned();
    Ok(WindowGradients {
        input: grad_input,
        kernel: grad_kernel,
    })
}

impl Activation {
    /// The derivative of the activation at the pre-activation value `z`.
    ///
    /// ReLU is not differentiable at 0; like PyTorch and TensorFlow we use 0
    /// there (a unit exactly at 0 passes no gradient back).
    ///
    /// ```
    /// use convolution::Activation;
    /// assert_eq!(Activation::Relu.derivative(2.0), 1.0);
    /// assert_eq!(Activation::Relu.derivative(0.0), 0.0);
    /// assert_eq!(Activation::Relu.derivative(-1.0), 0.0);
    /// assert_eq!(Activation::Linear.derivative(-1.0), 1.0);
    /// assert_eq!(Activation::Sigmoid.derivative(0.0), 0.25);
    /// ```
    pub fn derivative(self, z: f64) -> f64 {
        match self {
            Activation::Linear => 1.0,
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Sigmoid => {
                let y = Activation::Sigmoid.apply(z);
                y * (1.0 - y)
            }
        }
    }
}

/// The gradients of a loss with respect to a [`Conv2dLayer`]'s input and parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerGradients {
    /// `∂L/∂input`, shape `(n, h, w, c_in)`.
    pub input: Array4<f64>,
    /// `∂L/∂weights`, shape `(kh, kw, c_in, c_out)`.
    pub weights: Array4<f64>,
    /// `∂L/∂bias`, one value per output channel.
    pub bias: Array1<f64>,
}

impl Conv2dLayer {
    /// The backward pass: given the input batch and `grad_output = ∂L/∂output`
    /// (the shape [`Conv2dLayer::forward`] returns), the gradients of `L` with
    /// respect to the input, the weights and the bias.
    ///
    /// With `δ = grad_output · activation'(z)` (`z` the output before the
    /// activation), for each image `b`, input channel `c` and output channel `o`:
    /// `∂L/∂weights[.., .., c, o] = Σ_b correlate(padded[b, .., .., c], δ[b, .., .., o], Valid)`,
    /// `∂L/∂padded[b, .., .., c] = Σ_o convolve(δ[b, .., .., o], weights[.., .., c, o], Full)`
    /// (cropped by the padding to give `∂L/∂input`), and `∂L/∂bias[o] = Σ δ[.., .., .., o]`.
    ///
    /// ```
    /// use convolution::{Activation, Conv2dLayer, Padding};
    /// use ndarray::{array, Array1};
    /// let k = array![[1.0, -1.0]].into_shape_with_order((1, 2, 1, 1))?;
    /// let layer = Conv2dLayer::new(k, Array1::zeros(1), Padding::valid(), Activation::Linear)?;
    /// let x = array![[1.0, 2.0, 4.0]].into_shape_with_order((1, 1, 3, 1))?;
    /// // L = sum of the outputs: every output's gradient is 1.
    /// let g = ndarray::Array4::ones((1, 1, 2, 1));
    /// let grads = layer.backward(&x, &g)?;
    /// assert_eq!(grads.input.into_shape_with_order(3)?, array![1.0, 0.0, -1.0]);
    /// assert_eq!(grads.weights.into_shape_with_order(2)?, array![3.0, 6.0]);
    /// assert_eq!(grads.bias, array![2.0]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Conv2dLayer::forward`], and [`ConvError::GradientShape`] when
    /// `grad_output` does not have the output's shape.
    pub fn backward<S1, S2>(
        &self,
        input: &ArrayBase<S1, Ix4>,
        grad_output: &ArrayBase<S2, Ix4>,
    ) -> Result<LayerGradients, ConvError>
    where
        S1: Data<Elem = f64>,
        S2: Data<Elem = f64>,
    {
        let out_shape = self.output_shape(input.dim())?;
        if grad_output.dim() != out_shape {
            let (n, h, w, c) = out_shape;
            return Err(ConvError::GradientShape {
                expected: vec![n, h, w, c],
                found: grad_output.shape().to_vec(),
            });
        }
        // z: the outputs before the activation.
        let linear = Conv2dLayer {
            activation: Activation::Linear,
            ..self.clone()
        };
        let z = linear.forward(input)?;
        let delta = Zip::from(&z)
            .and(grad_output)
            .map_collect(|&z, &g| g * self.activation.derivative(z));

        let (n, h, w, _) = input.dim();
        let (kh, kw, c_in, c_out) = self.weights.dim();
        let rows = self.padding.sides_on(0, h, kh, 1, 1)?;
        let cols = self.padding.sides_on(1, w, kw, 1, 1)?;
        let (top, bottom, left, right) = (rows.before, rows.after, cols.before, cols.after);
        let padded = pad(
            input,
            &[(0, 0), (top, bottom), (left, right), (0, 0)],
            PadMode::Zeros,
        )?;
        let mut grad_padded = Array4::<f64>::zeros(padded.raw_dim());
        let mut grad_weights = Array4::<f64>::zeros(self.weights.raw_dim());
        let mut grad_bias = Array1::<f64>::zeros(c_out);
        for b in 0..n {
            for o in 0..c_out {
                let d = delta.slice(s![b, .., .., o]);
                grad_bias[o] += d.sum();
                for c in 0..c_in {
                    let x = padded.slice(s![b, .., .., c]);
                    let mut gw = grad_weights.slice_mut(s![.., .., c, o]);
                    gw += &correlate(&x, &d, Mode::Valid)?;
                    let mut gx = grad_padded.slice_mut(s![b, .., .., c]);
                    gx += &convolve(&d, &self.weights.slice(s![.., .., c, o]), Mode::Full)?;
                }
            }
        }
        let grad_input = grad_padded
            .slice(s![.., top..top + h, left..left + w, ..])
            .to_owned();
        Ok(LayerGradients {
            input: grad_input,
            weights: grad_weights,
            bias: grad_bias,
        })
    }
}
