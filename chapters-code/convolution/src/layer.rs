//! A 2-D convolution layer as TensorFlow and Keras compute it: a batch of
//! images `(n, h, w, c_in)` ("NHWC"), kernels `(kh, kw, c_in, c_out)`, one bias
//! per output channel, an activation, and a [`Padding`]: `'valid'`
//! ([`Padding::valid`]), a library's `'same'` ([`Padding::Same`]) or explicit sides.
//!
//! Each output channel `o` of each image is [`correlate_channels`](crate::correlate_channels) of the
//! (padded) image with `weights[.., .., .., o]`, plus `bias[o]`, passed through
//! the activation. The kernel is not flipped, as in every deep-learning framework.

use ndarray::{Array1, Array4, ArrayBase, Axis, Data, Ix4, Zip, s};

use crate::direct::into_dim;
use crate::engine::{AxisGeometry, slide, try_zeros};
use crate::{Allocation, ConvError, Operand, Padding, Remedy, Window};

/// The function a layer applies to every output value (after adding the bias).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Activation {
    /// `x` unchanged (Keras' `"linear"`).
    Linear,
    /// `max(x, 0)`, keeping NaN as NaN (as TensorFlow's and PyTorch's ReLU do).
    Relu,
    /// `1 / (1 + e^(-x))`, squashing any value into `(0, 1)`.
    Sigmoid,
}

impl Activation {
    /// Apply the activation to one value.
    ///
    /// ```
    /// use convolution::Activation;
    /// assert_eq!(Activation::Relu.apply(-2.0), 0.0);
    /// assert_eq!(Activation::Relu.apply(3.0), 3.0);
    /// assert_eq!(Activation::Sigmoid.apply(0.0), 0.5);
    /// assert_eq!(Activation::Linear.apply(-2.0), -2.0);
    /// assert!(Activation::Relu.apply(f64::NAN).is_nan()); // NaN stays visible
    /// ```
    pub fn apply(self, x: f64) -> f64 {
        match self {
            Activation::Linear => x,
            // Not `x.max(0.0)`, which would turn NaN into 0 and hide it.
            Activation::Relu => {
                if x < 0.0 {
                    0.0
                } else {
                    x
                }
            }
            Activation::Sigmoid => 1.0 / (1.0 + (-x).exp()),
        }
    }
}

/// A 2-D convolution layer (stride 1, no dilation), like
/// `tf.keras.layers.Conv2D(filters, kernel_size, activation, padding)` after
/// `set_weights([weights, bias])`.
///
/// ```
/// use convolution::{Activation, Conv2dLayer, Padding};
/// use ndarray::{Array1, Array4};
/// // Two 3x3 filters over RGB: the first sums its window, the second negates the sum.
/// let weights = Array4::from_shape_fn((3, 3, 3, 2), |(.., o)| if o == 0 { 1.0 } else { -1.0 });
/// let layer = Conv2dLayer::new(weights, Array1::zeros(2), Padding::valid(), Activation::Relu)?;
/// let batch = Array4::<f64>::ones((1, 5, 6, 3));
/// let out = layer.forward(&batch)?;
/// assert_eq!(out.dim(), (1, 3, 4, 2));
/// assert_eq!(out[[0, 0, 0, 0]], 27.0); // 27 taps of 1
/// assert_eq!(out[[0, 0, 0, 1]], 0.0); // -27, cut by the ReLU
/// # Ok::<(), convolution::ConvError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Conv2dLayer {
    /// Kernels of shape `(kh, kw, c_in, c_out)`, TensorFlow's layout.
    pub weights: Array4<f64>,
    /// One bias per output channel (`c_out` values).
    pub bias: Array1<f64>,
    /// The padding of the two spatial axes (one [`Sides`](crate::Sides) for
    /// both, or one per axis: rows, then columns), at stride 1.
    pub padding: Padding,
    /// Applied to every output value after the bias.
    pub activation: Activation,
}

impl Conv2dLayer {
    /// A layer, checked: the kernels must not be empty and there must be one bias
    /// per output channel.
    ///
    /// # Errors
    /// [`ConvError::Empty`] for empty weights, [`ConvError::WeightLayout`] when
    /// the weights look like PyTorch's `(c_out, c_in, kh, kw)` (the bias length
    /// matches their first axis, not their last, and the last two are equal, a
    /// square kernel), else [`ConvError::BiasMismatch`]
    /// when `bias.len()` is not the number of output channels.
    pub fn new(
        weights: Array4<f64>,
        bias: Array1<f64>,
        padding: Padding,
        activation: Activation,
    ) -> Result<Self, ConvError> {
        let layer = Conv2dLayer {
            weights,
            bias,
            padding,
            activation,
        };
        layer.check_weights()?;
        Ok(layer)
    }

    /// The shape `(n, h_out, w_out, c_out)` this layer gives for an input of shape
    /// `(n, h, w, c_in)`: `'same'` keeps `h` and `w`, `'valid'` gives
    /// `h - kh + 1` and `w - kw + 1`.
    ///
    /// ```
    /// use convolution::{Activation, Conv2dLayer, Padding, SameRule};
    /// use ndarray::{Array1, Array4};
    /// let edge = Array4::zeros((3, 3, 1, 1));
    /// let mut layer = Conv2dLayer::new(edge, Array1::zeros(1), Padding::Same(SameRule::TensorFlow), Activation::Linear)?;
    /// assert_eq!(layer.output_shape((1, 278, 493, 1))?, (1, 278, 493, 1));
    /// layer.padding = Padding::valid();
    /// assert_eq!(layer.output_shape((1, 278, 493, 1))?, (1, 276, 491, 1));
    /// # Ok::<(), convolution::ConvError>(())
    /// ```
    ///
    /// # Errors
    /// As [`Conv2dLayer::forward`].
    pub fn output_shape(
        &self,
        input: (usize, usize, usize, usize),
    ) -> Result<(usize, usize, usize, usize), ConvError> {
        self.check_weights()?;
        let (n, h, w, c) = input;
        let (_, _, c_in, c_out) = self.weights.dim();
        if c != c_in {
            if h == c_in {
                // (N, C, H, W): PyTorch's order; move the channels last.
                return Err(ConvError::ChannelsFirst {
                    shape: vec![n, h, w, c],
                    channels: c_in,
                    permutation: vec![0, 2, 3, 1],
                });
            }
            return Err(ConvError::ChannelMismatch {
                image: c,
                kernel: c_in,
            });
        }
        if [n, h, w, c].contains(&0) {
            return Err(ConvError::Empty {
                operand: Operand::Input,
                shape: vec![n, h, w, c],
            });
        }
        let [rows, cols] = self.spatial_axes(h, w)?;
        let out = [rows.out, cols.out];
        Ok((n, out[0], out[1], c_out))
    }

    /// Run the layer on a batch of images `(n, h, w, c_in)`.
    ///
    /// `out[b, y, x, o] = activation(bias[o] + sum over (i, j, c) of
    /// padded[b, y + i, x + j, c] * weights[i, j, c, o])`.
    ///
    /// ```
    /// use convolution::{Activation, Conv2dLayer, Padding, SameRule};
    /// use ndarray::{array, Array1};
    /// // Keras' 2x2 'same' pads one zero after each axis, so out[0, 0] reads the
    /// // top-left 2x2 patch.
    /// let kernel = array![[-1.0, -1.0], [1.0, 1.0]].into_shape_with_order((2, 2, 1, 1))?;
    /// let layer = Conv2dLayer::new(kernel, Array1::zeros(1), Padding::Same(SameRule::TensorFlow), Activation::Linear)?;
    /// let image = array![[1.0, 2.0, 3.0], [5.0, 7.0, 9.0]].into_shape_with_order((1, 2, 3, 1))?;
    /// let out = layer.forward(&image)?;
    /// assert_eq!(out.into_shape_with_order((2, 3))?, array![[9.0, 11.0, 6.0], [-12.0, -16.0, -9.0]]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ConvError::ChannelsFirst`] when the input looks like `(n, c_in, h, w)`,
    /// else [`ConvError::ChannelMismatch`] when the input's last axis is not `c_in`,
    /// [`ConvError::BiasMismatch`] when the bias does not have `c_out` values,
    /// [`ConvError::Empty`] for an empty input or empty kernels, and
    /// [`ConvError::KernelTooLarge`] when a `'valid'` kernel is larger than the image.
    pub fn forward<S>(&self, input: &ArrayBase<S, Ix4>) -> Result<Array4<f64>, ConvError>
    where
        S: Data<Elem = f64>,
    {
        let shape = self.output_shape(input.dim())?;
        let (n, oh, ow, c_out) = shape;
        let c_in = self.weights.dim().2;
        let [rows, cols] = self.spatial_axes(input.dim().1, input.dim().2)?;
        // Batch, rows, columns: the padding is not copied, a tap on it adds
        // nothing (see `engine`).
        let batch = AxisGeometry {
            input: n,
            out: n,
            stride: 1,
            dilation: 1,
            before: 0,
        };
        let axes = [batch, rows, cols];
        let mut out = try_zeros::<f64>(&[n, oh, ow, c_out], Allocation::WindowOutput)?;
        let mut sum = try_zeros::<f64>(&[n, oh, ow], Allocation::WindowOutput)?;
        let mut partial = try_zeros::<f64>(&[n, oh, ow], Allocation::WindowOutput)?;
        for o in 0..c_out {
            // Channel by channel, summed in channel order, taps last to first:
            // the order of `correlate_channels`, so every bit is kept.
            sum.fill(0.0);
            for c in 0..c_in {
                let plane = input.index_axis(Axis(3), c).into_dyn();
                let taps = self
                    .weights
                    .slice(s![.., .., c, o])
                    .insert_axis(Axis(0))
                    .into_dyn();
                partial.fill(0.0);
                // Plain float sums never refuse.
                let _ = slide::<f64, f64, false>(
                    &plane,
                    &taps,
                    &axes,
                    &mut partial.view_mut(),
                    true,
                    |acc, w, x| Some(acc + w * x),
                );
                sum += &partial;
            }
            let bias = self.bias[o];
            let mut channel = out.index_axis_mut(Axis(3), o);
            Zip::from(&mut channel)
                .and(&sum)
                .for_each(|y, &v| *y = self.activation.apply(v + bias));
        }
        into_dim::<f64, Ix4>(out)
    }

    /// The checked geometry of the rows and the columns (axes 1 and 2 of the
    /// NHWC input), stride 1, with the layer's padding.
    fn spatial_axes(&self, h: usize, w: usize) -> Result<[AxisGeometry; 2], ConvError> {
        let (kh, kw, _, _) = self.weights.dim();
        let window = Window::padded(self.padding.clone());
        window.check_axes(2)?;
        let on = |axis: usize, i: usize, k: usize| {
            window
                .axis_geometry(axis, i, k, Remedy::LayerSame)
                .map_err(|err| match err {
                    // Name the axis of the NHWC input.
                    ConvError::KernelTooLarge {
                        kernel,
                        input,
                        missing_padding,
                        remedy,
                        ..
                    } => ConvError::KernelTooLarge {
                        axis: axis + 1,
                        kernel,
                        input,
                        missing_padding,
                        remedy,
                    },
                    ConvError::SizeOverflow { .. } => ConvError::SizeOverflow { axis: axis + 1 },
                    other => other,
                })
        };
        Ok([on(0, h, kh)?, on(1, w, kw)?])
    }

    /// Weights not empty, one bias per output channel.
    fn check_weights(&self) -> Result<(), ConvError> {
        if self.weights.is_empty() {
            return Err(ConvError::Empty {
                operand: Operand::Kernel,
                shape: self.weights.shape().to_vec(),
            });
        }
        let filters = self.weights.dim().3;
        let (first, _, third, fourth) = self.weights.dim();
        if self.bias.len() != filters && self.bias.len() == first && third == fourth {
            // One bias per entry of the first axis and a square last pair: PyTorch's
            // (c_out, c_in, kh, kw) with its usual square kernels.
            return Err(ConvError::WeightLayout {
                shape: self.weights.shape().to_vec(),
            });
        }
        if self.bias.len() != filters {
            return Err(ConvError::BiasMismatch {
                bias: self.bias.len(),
                filters,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Mode, SameRule, correlate, correlate_channels};
    use ndarray::{Array2, Array3, array, s};

    /// A deterministic, non-symmetric test batch.
    fn batch(shape: (usize, usize, usize, usize)) -> Array4<f64> {
        Array4::from_shape_fn(shape, |(b, y, x, c)| {
            ((7 * b + 3 * y * y + 5 * x + 11 * c) % 13) as f64 - 6.0
        })
    }

    fn weights(shape: (usize, usize, usize, usize)) -> Array4<f64> {
        Array4::from_shape_fn(shape, |(i, j, c, o)| {
            ((i + 2 * j + 3 * c + 5 * o) % 7) as f64 - 3.0
        })
    }

    /// The definition, written out with four loops over a zero-padded image.
    fn by_definition(layer: &Conv2dLayer, input: &Array4<f64>) -> Array4<f64> {
        let (n, h, w, c) = input.dim();
        let (kh, kw, _, c_out) = layer.weights.dim();
        let side = |axis, i, k| layer.padding.sides_on(axis, i, k, 1, 1).unwrap();
        let (top, bottom) = {
            let s = side(0, h, kh);
            (s.before, s.after)
        };
        let (left, right) = {
            let s = side(1, w, kw);
            (s.before, s.after)
        };
        let oh = h + top + bottom - kh + 1;
        let ow = w + left + right - kw + 1;
        Array4::from_shape_fn((n, oh, ow, c_out), |(b, y, x, o)| {
            let mut sum = layer.bias[o];
            for i in 0..kh {
                for j in 0..kw {
                    for ch in 0..c {
                        let (py, px) = (y + i, x + j);
                        if py >= top && py < top + h && px >= left && px < left + w {
                            sum +=
                                input[[b, py - top, px - left, ch]] * layer.weights[[i, j, ch, o]];
                        }
                    }
                }
            }
            layer.activation.apply(sum)
        })
    }

    #[test]
    fn matches_the_definition_for_small_shapes() {
        for (kh, kw) in [(1, 1), (2, 2), (3, 3), (2, 3), (4, 1), (5, 5)] {
            for padding in [Padding::valid(), Padding::Same(SameRule::TensorFlow)] {
                for activation in [Activation::Linear, Activation::Relu, Activation::Sigmoid] {
                    let layer = Conv2dLayer::new(
                        weights((kh, kw, 2, 3)),
                        array![0.5, -1.0, 0.0],
                        padding.clone(),
                        activation,
                    )
                    .unwrap();
                    let input = batch((2, 5, 6, 2));
                    let out = layer.forward(&input).unwrap();
                    let expected = by_definition(&layer, &input);
                    assert_eq!(out.dim(), expected.dim());
                    approx::assert_abs_diff_eq!(out, expected, epsilon = 1e-12);
                }
            }
        }
    }

    #[test]
    fn same_keeps_the_size_and_valid_shrinks_it() {
        for k in 1..=5 {
            let mut layer = Conv2dLayer::new(
                weights((k, k, 1, 1)),
                Array1::zeros(1),
                Padding::Same(SameRule::TensorFlow),
                Activation::Linear,
            )
            .unwrap();
            assert_eq!(layer.output_shape((1, 9, 7, 1)).unwrap(), (1, 9, 7, 1));
            layer.padding = Padding::valid();
            assert_eq!(
                layer.output_shape((1, 9, 7, 1)).unwrap(),
                (1, 10 - k, 8 - k, 1)
            );
        }
    }

    #[test]
    fn one_output_channel_is_correlate_channels_plus_bias() {
        let input = batch((1, 6, 6, 3));
        let w = weights((3, 3, 3, 2));
        let layer = Conv2dLayer::new(
            w.clone(),
            array![2.0, -4.0],
            Padding::valid(),
            Activation::Linear,
        )
        .unwrap();
        let out = layer.forward(&input).unwrap();
        for o in 0..2 {
            let image: Array3<f64> = input.index_axis(Axis(0), 0).to_owned();
            let expected =
                correlate_channels(&image, &w.index_axis(Axis(3), o)).unwrap() + layer.bias[o];
            assert_eq!(out.slice(s![0, .., .., o]), expected);
        }
    }

    /// A one-channel layer is scipy's `correlate2d` (no flip), which is
    /// `convolve2d` with the kernel turned by 180 degrees.
    #[test]
    fn single_channel_valid_layer_is_correlate_valid() {
        let input = batch((1, 7, 5, 1));
        let w = weights((3, 2, 1, 1));
        let layer = Conv2dLayer::new(
            w.clone(),
            Array1::zeros(1),
            Padding::valid(),
            Activation::Linear,
        )
        .unwrap();
        let out = layer.forward(&input).unwrap();
        let plane: Array2<f64> = input.slice(s![0, .., .., 0]).to_owned();
        let kernel: Array2<f64> = w.slice(s![.., .., 0, 0]).to_owned();
        assert_eq!(
            out.slice(s![0, .., .., 0]),
            correlate(&plane, &kernel, Mode::Valid).unwrap()
        );
    }

    #[test]
    fn bad_shapes_are_typed_errors() {
        let layer = Conv2dLayer::new(
            weights((3, 3, 3, 2)),
            Array1::zeros(2),
            Padding::valid(),
            Activation::Relu,
        )
        .unwrap();
        let err = layer.forward(&batch((1, 5, 5, 1))).unwrap_err();
        assert_eq!(
            err,
            ConvError::ChannelMismatch {
                image: 1,
                kernel: 3
            }
        );
        let err = layer.forward(&batch((1, 2, 5, 3))).unwrap_err();
        assert!(matches!(
            err,
            ConvError::KernelTooLarge {
                axis: 1,
                kernel: 3,
                input: 2,
                ..
            }
        ));
        let err = layer.forward(&batch((0, 5, 5, 3))).unwrap_err();
        assert!(matches!(
            err,
            ConvError::Empty {
                operand: Operand::Input,
                ..
            }
        ));

        let err = Conv2dLayer::new(
            weights((3, 3, 3, 2)),
            Array1::zeros(3),
            Padding::Same(SameRule::TensorFlow),
            Activation::Relu,
        )
        .unwrap_err();
        assert_eq!(
            err,
            ConvError::BiasMismatch {
                bias: 3,
                filters: 2
            }
        );
        assert!(err.to_string().contains("one bias per output channel"));
        let err = Conv2dLayer::new(
            Array4::zeros((3, 0, 1, 1)),
            Array1::zeros(1),
            Padding::Same(SameRule::TensorFlow),
            Activation::Relu,
        )
        .unwrap_err();
        assert!(matches!(
            err,
            ConvError::Empty {
                operand: Operand::Kernel,
                ..
            }
        ));

        // 'same' always fits, even a kernel larger than the image.
        let big = Conv2dLayer {
            padding: Padding::Same(SameRule::TensorFlow),
            ..layer
        };
        assert_eq!(
            big.forward(&batch((1, 2, 2, 3))).unwrap().dim(),
            (1, 2, 2, 2)
        );
    }
}
