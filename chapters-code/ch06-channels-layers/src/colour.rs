//! The course chapter's hand-made colour detectors: a 3x3x3 kernel that weighs one colour
//! channel by +1.5 and the other two by -1.5, followed by a sigmoid.

use convolution::{Activation, Conv2dLayer, ConvError, Padding};
use ndarray::{Array1, Array4};

/// The red, green and blue channels of an RGB image.
pub const CHANNEL_NAMES: [&str; 3] = ["red", "green", "blue"];

/// The weight on the wanted channel; the others get its negative.
pub const WEIGHT: f64 = 1.5;

/// The detector for `channel` (0 red, 1 green, 2 blue) as kernels of shape
/// `(3, 3, 3, 1)`: `+1.5` on that channel, `-1.5` on the two others.
pub fn detector_weights(channel: usize) -> Array4<f64> {
    Array4::from_shape_fn(
        (3, 3, 3, 1),
        |(_, _, c, _)| {
            if c == channel { WEIGHT } else { -WEIGHT }
        },
    )
}

/// The detector as a layer: 'valid' padding, zero bias, sigmoid.
pub fn detector(channel: usize) -> Result<Conv2dLayer, ConvError> {
    Conv2dLayer::new(
        detector_weights(channel),
        Array1::zeros(1),
        Padding::valid(),
        Activation::Sigmoid,
    )
}

/// What the detector gives on a patch of one uniform colour `rgb` (values in
/// 0..=1): nine pixels each add `1.5 * (2 x_c - (r + g + b))`, so the response is
/// `sigmoid(13.5 * (2 x_c - r - g - b))`.
pub fn uniform_response(rgb: [f64; 3], channel: usize) -> f64 {
    let total: f64 = rgb.iter().sum();
    Activation::Sigmoid.apply(9.0 * WEIGHT * (2.0 * rgb[channel] - total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array4;

    #[test]
    fn the_layer_agrees_with_the_uniform_patch_formula() {
        let steps = [0.0, 0.25, 0.5, 0.75, 1.0];
        for &r in &steps {
            for &g in &steps {
                for &b in &steps {
                    let rgb = [r, g, b];
                    let patch = Array4::from_shape_fn((1, 3, 3, 3), |(.., c)| rgb[c]);
                    for channel in 0..3 {
                        let out = detector(channel).unwrap().forward(&patch).unwrap();
                        approx::assert_abs_diff_eq!(
                            out[[0, 0, 0, 0]],
                            uniform_response(rgb, channel),
                            epsilon = 1e-12
                        );
                    }
                }
            }
        }
    }
}
