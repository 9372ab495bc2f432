//! Faithful ports of loops from the source documents (the "Week 4" notebook,
//! the blog post on image kernels), kept so the chapter can show what they
//! print, next to the corrected versions.

use convolution::ndarray::{Array2, s};
use convolution::{PadMode, pad};

/// Which output index a strided loop writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indexing {
    /// The "Week 4" notebook's: the window's top-left corner `(i, j)` in the input, which
    /// steps by the stride.
    Stepped,
    /// The count of windows so far, `(i / stride, j / stride)`.
    Counted,
}

/// The "Week 4" notebook's `convolution_2d` loop in 'valid' mode (its kernel
/// flip left out, so that results compare with the deep-learning notebook's
/// cross-correlation): windows
/// start at `i, j = 0, stride, 2 stride, ...` and each sum is written to
/// `response[index]`, where `response` has `out_shape`.
///
/// Returns numpy's message when the loop writes outside `response`, as
/// `IndexError` would stop the notebook.
pub fn strided_loop(
    image: &Array2<i64>,
    kernel: &Array2<i64>,
    stride: usize,
    indexing: Indexing,
    out_shape: (usize, usize),
) -> Result<Array2<i64>, String> {
    let (kh, kw) = kernel.dim();
    let (h, w) = image.dim();
    if kh > h || kw > w || stride == 0 {
        return Err(format!(
            "a {kh}x{kw} kernel with stride {stride} has no valid position in a {h}x{w} image"
        ));
    }
    let mut response = Array2::zeros(out_shape);
    for i in (0..=h - kh).step_by(stride) {
        for j in (0..=w - kw).step_by(stride) {
            let window = image.slice(s![i..i + kh, j..j + kw]);
            let sum = (&window * kernel).sum();
            let (r, c) = match indexing {
                Indexing::Stepped => (i, j),
                Indexing::Counted => (i / stride, j / stride),
            };
            for (axis, (index, size)) in
                [(r, out_shape.0), (c, out_shape.1)].into_iter().enumerate()
            {
                if index >= size {
                    return Err(format!(
                        "index {index} is out of bounds for axis {axis} with size {size}"
                    ));
                }
            }
            response[[r, c]] = sum;
        }
    }
    Ok(response)
}

/// The blog post's `conv_2d_kernel` (without its clamping to 0..=255): pad by one
/// zero whatever the kernel's size, keep an output of the input's shape, and
/// fill only the positions where the kernel fits in the padded image. (For a
/// kernel smaller than 3 the notebook's loop would run past its output and
/// raise `IndexError`; this port stops at the output's edge instead.)
pub fn pad_one_for_any_kernel(image: &Array2<f64>, kernel: &Array2<f64>) -> Array2<f64> {
    let padded = pad(image, &[(1, 1), (1, 1)], PadMode::Zeros)
        .expect("two (before, after) pairs for a 2-D image");
    let (kh, kw) = kernel.dim();
    let (ph, pw) = padded.dim();
    let (h, w) = image.dim();
    let mut out = Array2::zeros((h, w));
    for i in 0..(ph + 1).saturating_sub(kh).min(h) {
        for j in 0..(pw + 1).saturating_sub(kw).min(w) {
            let window = padded.slice(s![i..i + kh, j..j + kw]);
            out[[i, j]] = (&window * kernel).sum();
        }
    }
    out
}
