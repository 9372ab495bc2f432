//! Why layers are stacked: the receptive field of one output grows with depth.

use ndarray::Array1;

/// One layer along one axis: its kernel size and stride.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub kernel: usize,
    pub stride: usize,
}

impl Step {
    /// A stride-1 layer with a `kernel`-tap kernel.
    pub fn dense(kernel: usize) -> Self {
        Step { kernel, stride: 1 }
    }
}

/// How many input samples (per axis) one output of the last layer depends on:
/// `r = 1 + sum over layers l of (k_l - 1) * (s_1 * ... * s_(l-1))`.
/// For `L` stride-1 layers of `k` taps this is `1 + L (k - 1)`.
///
/// ```
/// use ch06_channels_layers::depth::{receptive_field, Step};
/// assert_eq!(receptive_field(&[Step::dense(3); 6]), 13);
/// ```
pub fn receptive_field(layers: &[Step]) -> usize {
    let mut field = 1;
    let mut jump = 1; // input samples between neighbouring outputs so far
    for step in layers {
        field += (step.kernel - 1) * jump;
        jump *= step.stride;
    }
    field
}

/// The receptive field measured instead of computed: put a single 1 at each
/// input position in turn, run the stack of all-ones 1-D layers (no flip, valid,
/// with strides), and measure the span from the first to the last position that
/// reaches output 0. (With a 1-tap kernel of stride 2 inside the stack, some
/// positions in between are skipped; the span still counts them, as the formula does.)
pub fn receptive_field_by_probing(layers: &[Step]) -> usize {
    let width = receptive_field(layers) + 8; // room to see where it stops
    let reaching: Vec<usize> = (0..width)
        .filter(|&position| {
            let mut signal = Array1::<i64>::zeros(width);
            signal[position] = 1;
            for step in layers {
                let ones = Array1::ones(step.kernel);
                let window = convolution::Window::stride(step.stride);
                signal = convolution::correlate_window(&signal, &ones, window)
                    .expect("the probe is wide enough for every layer");
            }
            signal[0] != 0
        })
        .collect();
    match (reaching.first(), reaching.last()) {
        (Some(first), Some(last)) => last - first + 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formula_matches_probing_exhaustively_on_small_stacks() {
        let steps: Vec<Step> = (1..=4)
            .flat_map(|kernel| (1..=3).map(move |stride| Step { kernel, stride }))
            .collect();
        for &a in &steps {
            assert_eq!(receptive_field(&[a]), receptive_field_by_probing(&[a]));
            for &b in &steps {
                let two = [a, b];
                assert_eq!(receptive_field(&two), receptive_field_by_probing(&two));
                for &c in &steps {
                    let three = [a, b, c];
                    assert_eq!(
                        receptive_field(&three),
                        receptive_field_by_probing(&three),
                        "{three:?}"
                    );
                }
            }
        }
    }

    proptest! {
        #[test]
        fn stride_one_stacks_grow_by_k_minus_one(k in 1usize..8, depth in 0usize..10) {
            prop_assert_eq!(receptive_field(&vec![Step::dense(k); depth]), 1 + depth * (k - 1));
        }
    }
}
