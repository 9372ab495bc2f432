//! From the integral to the sum: sampling two functions on a grid and forming the
//! Riemann sum of their convolution.

use convolution::{ConvError, Mode, convolve};
use ndarray::Array1;

/// `n` evenly spaced points from `start` to `stop` inclusive, as `np.linspace`
/// computes them; it lives in the core crate, which the other chapters share.
pub use convolution::linspace;

/// The box function of the chapter: 1 on the open interval `(1, 2)`, 0 elsewhere.
pub fn unit_box(x: f64) -> f64 {
    if x > 1.0 && x < 2.0 { 1.0 } else { 0.0 }
}

/// The exact convolution of two such boxes: a triangle on `(2, 4)` with its peak,
/// 1, at `t = 3`.
pub fn triangle(t: f64) -> f64 {
    (1.0 - (t - 3.0).abs()).max(0.0)
}

/// A sampled function: sample positions (evenly spaced) and values.
#[derive(Debug, Clone, PartialEq)]
pub struct Sampled {
    /// Sample positions `x_0, x_0 + dx, ...`.
    pub x: Array1<f64>,
    /// Function values at those positions.
    pub y: Array1<f64>,
}

impl Sampled {
    /// Sample `f` at the points `xs` (which must be evenly spaced).
    pub fn new(xs: &Array1<f64>, f: impl Fn(f64) -> f64) -> Self {
        Sampled {
            x: xs.clone(),
            y: xs.mapv(f),
        }
    }

    /// The spacing between samples.
    pub fn dx(&self) -> f64 {
        self.x[1] - self.x[0]
    }
}

/// Riemann-sum approximation of `(f * g)(t)`:
/// `(f * g)(t_n) ≈ dx · Σ_m f(x_m) g(t_n − x_m)`, which is `dx` times the full
/// discrete convolution of the samples. Output `n` sits at `t_n = x_f0 + x_g0 + n·dx`.
pub fn riemann_convolution(f: &Sampled, g: &Sampled) -> Result<Sampled, ConvError> {
    let dx = f.dx();
    let sums = convolve(&f.y, &g.y, Mode::Full)?;
    let start = f.x[0] + g.x[0];
    Ok(Sampled {
        x: Array1::from_shape_fn(sums.len(), |n| start + n as f64 * dx),
        y: sums * dx,
    })
}

/// The box convolved with itself on `np.linspace(-1, 4, n)`, by the Riemann sum.
pub fn boxes_by_riemann_sum(n: usize) -> Result<Sampled, ConvError> {
    let boxes = Sampled::new(&linspace(-1.0, 4.0, n), unit_box);
    riemann_convolution(&boxes, &boxes)
}

/// Largest distance between the Riemann sum on `n` grid points and the exact triangle.
pub fn max_error(n: usize) -> Result<f64, ConvError> {
    let approx = boxes_by_riemann_sum(n)?;
    Ok(approx
        .x
        .iter()
        .zip(&approx.y)
        .map(|(&t, &y)| (y - triangle(t)).abs())
        .fold(0.0, f64::max))
}

/// What the course chapter plotted: `np.convolve(f(x), g(x),
/// "same")` divided by its maximum, drawn against the *input's* grid `x`. 'same'
/// keeps the middle of the full result but does not move it back to where it
/// belongs on the t axis, and dividing by the maximum hides the missing `dx`.
pub fn misplaced_same_mode_plot(n: usize) -> Result<Sampled, ConvError> {
    let x = linspace(-1.0, 4.0, n);
    let boxes = x.mapv(unit_box);
    let same = convolve(&boxes, &boxes, Mode::Same)?;
    let peak = same.fold(f64::MIN, |m, &v| m.max(v));
    Ok(Sampled { x, y: same / peak })
}

/// Position of the largest value (the first, if several tie).
pub fn peak_position(s: &Sampled) -> f64 {
    let (index, _) =
        s.y.iter().enumerate().fold(
            (0, f64::MIN),
            |best, (i, &v)| if v > best.1 { (i, v) } else { best },
        );
    s.x[index]
}

/// The interval where the samples are non-zero: first and last such position.
pub fn support(s: &Sampled) -> (f64, f64) {
    let nonzero: Vec<f64> =
        s.x.iter()
            .zip(&s.y)
            .filter(|&(_, &y)| y.abs() > 1e-12)
            .map(|(&x, _)| x)
            .collect();
    (nonzero[0], nonzero[nonzero.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linspace_matches_numpy_endpoints() {
        let xs = linspace(-1.0, 4.0, 1000);
        assert_eq!((xs[0], xs[999], xs.len()), (-1.0, 4.0, 1000));
    }

    #[test]
    fn the_box_is_one_on_the_open_interval_only() {
        assert_eq!(
            [unit_box(0.5), unit_box(1.0), unit_box(1.5), unit_box(2.0)],
            [0.0, 0.0, 1.0, 0.0]
        );
    }

    #[test]
    fn triangle_is_zero_outside_two_to_four() {
        assert_eq!(
            [triangle(1.9), triangle(3.0), triangle(4.1)],
            [0.0, 1.0, 0.0]
        );
        assert_eq!(triangle(2.5), 0.5);
    }
}
