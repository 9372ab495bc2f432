//! The chapter's training runs, with their fixed settings, so that the page,
//! the figures and the notebook all show the same numbers.

use book_figures::FigureResult;
use convolution::{Window, correlate_window, kernels};
use ndarray::Array2;
use numpy_random::RandomState;

use crate::examples::{edge_kernel, small_camera, stripe};
use crate::training::{Loss, Training, train_kernel};

/// The seed of every initial kernel: `np.random.seed(0); np.random.rand(rows, cols)`.
pub const SEED: u32 = 0;

/// A kernel of the given shape drawn uniformly from `[0, 1)`, as numpy draws it after seeding.
pub fn initial_kernel(shape: (usize, usize)) -> Array2<f64> {
    RandomState::new(SEED).rand(shape)
}

/// Dive into Deep Learning's setting: learning rate 0.03, ten steps, sum of squares.
pub const EDGE_RATE: f64 = 0.03;
/// Steps of the edge-kernel run.
pub const EDGE_STEPS: usize = 10;

/// Learn the `[1, -1]` edge kernel from the stripe image and its edge map, at `rate`.
pub fn edge_run(rate: f64) -> Training {
    let x = stripe();
    let y = correlate_window(&x, &edge_kernel(), Window::default()).expect("the kernel fits");
    train_kernel(
        &x,
        &y,
        initial_kernel((1, 2)),
        Loss::SumOfSquares,
        rate,
        EDGE_STEPS,
    )
    .expect("the target has the output's shape")
}

/// Learning rate of the photo runs (mean squared error on the centred photo).
pub const PHOTO_RATE: f64 = 1.5;
/// Steps of the photo runs.
pub const PHOTO_STEPS: usize = 600;

/// The shrunk camera photo with its mean brightness subtracted.
///
/// # Errors
/// If the photo cannot be read.
pub fn centred_camera() -> FigureResult<Array2<f64>> {
    let photo = small_camera()?;
    let mean = photo.mean().unwrap_or(0.0);
    Ok(photo.mapv(|v| v - mean))
}

/// A photo run: the input, the target `correlate_window(input, truth)`, and the training.
#[derive(Debug, Clone)]
pub struct PhotoRun {
    /// The centred 32x32 photo.
    pub input: Array2<f64>,
    /// What the true kernel makes of it.
    pub target: Array2<f64>,
    /// Gradient descent from the seeded initial kernel.
    pub training: Training,
}

/// Learn `truth` (a 3x3 kernel) from the centred photo and its response, at `rate`.
///
/// # Errors
/// If the photo cannot be read.
pub fn photo_run(truth: &Array2<f64>, rate: f64, steps: usize) -> FigureResult<PhotoRun> {
    let input = centred_camera()?;
    let target = correlate_window(&input, truth, Window::default())?;
    let training = train_kernel(
        &input,
        &target,
        initial_kernel(truth.dim()),
        Loss::MeanSquared,
        rate,
        steps,
    )?;
    Ok(PhotoRun {
        input,
        target,
        training,
    })
}

/// The horizontal Sobel kernel as floats.
pub fn sobel() -> Array2<f64> {
    kernels::sobel_x().mapv(f64::from)
}

/// The 3x3 box blur (every weight 1/9).
pub fn blur() -> Array2<f64> {
    kernels::box_2d(3).expect("3 is a valid size")
}
