//! Gradient descent on a single kernel: the loop every framework runs, written out.

use convolution::{ConvError, Window, correlate_window, correlate_window_backward};
use ndarray::Array2;

/// How the mismatch between prediction and target is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    /// `Σ (ŷ - y)²`, as Dive into Deep Learning's example uses; its gradient is `2 (ŷ - y)`.
    SumOfSquares,
    /// `Σ (ŷ - y)² / N`, the mean over the `N` outputs; its gradient is `2 (ŷ - y) / N`.
    MeanSquared,
}

impl Loss {
    /// The loss of `prediction` against `target`, and its gradient with respect to `prediction`.
    pub fn value_and_gradient(
        self,
        prediction: &Array2<f64>,
        target: &Array2<f64>,
    ) -> (f64, Array2<f64>) {
        let error = prediction - target;
        let scale = match self {
            Loss::SumOfSquares => 1.0,
            Loss::MeanSquared => 1.0 / error.len() as f64,
        };
        let value = error.mapv(|e| e * e).sum() * scale;
        (value, error * (2.0 * scale))
    }
}

/// What a training run did: the kernel after every step and the loss before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Training {
    /// `kernels[0]` is the initial kernel, `kernels[t]` the kernel after `t` steps.
    pub kernels: Vec<Array2<f64>>,
    /// `losses[t]` is the loss of `kernels[t]` (one more entry than steps).
    pub losses: Vec<f64>,
}

impl Training {
    /// The kernel after the last step.
    pub fn kernel(&self) -> &Array2<f64> {
        self.kernels
            .last()
            .expect("a training run holds its initial kernel")
    }

    /// The loss of the kernel after the last step.
    pub fn final_loss(&self) -> f64 {
        *self
            .losses
            .last()
            .expect("a training run holds its initial loss")
    }
}

/// Learn a kernel `k` with `correlate_window(input, k, Window::default()) ≈ target`
/// by `steps` steps of gradient descent from `initial`, with learning rate `rate`:
/// `k ← k - rate · ∂loss/∂k`.
///
/// ```
/// use ch10_learning_kernel::training::{Loss, train_kernel};
/// use ndarray::array;
/// let x = array![[1.0, 0.0, -1.0, 0.0, 1.0, 0.0, -1.0]];
/// let y = array![[0.5, -2.0, -0.5, 2.0, 0.5, -2.0]]; // 0.5 x[i] + 2 x[i + 1]
/// let run = train_kernel(&x, &y, array![[0.0, 0.0]], Loss::SumOfSquares, 0.1, 30)?;
/// assert!((run.kernel() - &array![[0.5, 2.0]]).iter().all(|d| d.abs() < 1e-9));
/// assert_eq!(run.losses.len(), 31);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// As [`correlate_window`]; the target must have the output's shape
/// ([`ConvError::GradientShape`]).
pub fn train_kernel(
    input: &Array2<f64>,
    target: &Array2<f64>,
    initial: Array2<f64>,
    loss: Loss,
    rate: f64,
    steps: usize,
) -> Result<Training, ConvError> {
    let window = Window::default();
    let mut kernels = vec![initial];
    let mut losses = Vec::with_capacity(steps + 1);
    for step in 0..=steps {
        let kernel = &kernels[step];
        let prediction = correlate_window(input, kernel, window.clone())?;
        let (value, grad_output) = loss.value_and_gradient(&prediction, target);
        losses.push(value);
        if step == steps {
            break;
        }
        let grads = correlate_window_backward(input, kernel, window.clone(), &grad_output)?;
        kernels.push(kernel - &(grads.kernel * rate));
    }
    Ok(Training { kernels, losses })
}
