//! The sliding block as a system: a rule that turns a force signal into a
//! velocity signal, written without any convolution so that the chapter can
//! check that convolution is what the rule amounts to.

use ndarray::Array1;

/// A block on a surface with viscous (lubricated) friction. Between two samples
/// friction leaves the fraction `keep` of the velocity, and the force of that
/// sample adds to it:
///
/// $$v[n] = \text{keep} \cdot v[n-1] + x[n].$$
///
/// Units are chosen so that one sample of unit force changes the velocity by one
/// (the time step divided by the mass is 1: see
/// [`BLOCK_MASS`](crate::examples::BLOCK_MASS)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlidingBlock {
    /// The fraction of velocity that survives one time step, in `[0, 1)`.
    pub keep: f64,
}

impl SlidingBlock {
    /// A block whose velocity decays like `exp(-decay * t)`, sampled every `dt`.
    pub fn from_decay_rate(decay: f64, dt: f64) -> Self {
        SlidingBlock {
            keep: (-decay * dt).exp(),
        }
    }

    /// The velocity at every sample of `force`, starting from rest.
    pub fn respond(&self, force: &Array1<f64>) -> Array1<f64> {
        let mut velocity = 0.0;
        force.mapv(|push| {
            velocity = self.keep * velocity + push;
            velocity
        })
    }
}

/// `signal` delayed by `by` samples: `by` zeros in front, the same length, so the
/// last `by` samples fall off the end.
pub fn delay(signal: &Array1<f64>, by: usize) -> Array1<f64> {
    Array1::from_shape_fn(signal.len(), |n| if n < by { 0.0 } else { signal[n - by] })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn one_push_decays_geometrically() {
        let block = SlidingBlock { keep: 0.5 };
        assert_eq!(
            block.respond(&array![1.0, 0.0, 0.0, 0.0]),
            array![1.0, 0.5, 0.25, 0.125]
        );
    }

    #[test]
    fn delay_shifts_right_and_drops_the_tail() {
        assert_eq!(delay(&array![1.0, 2.0, 3.0], 1), array![0.0, 1.0, 2.0]);
        assert_eq!(delay(&array![1.0, 2.0], 5), array![0.0, 0.0]);
    }
}
