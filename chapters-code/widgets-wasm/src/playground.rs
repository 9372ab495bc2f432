//! The kernel playground (chapter 5): a photo filtered by a 3x3 or 5x5 kernel
//! with the core crate's `pad` (border mode) and `correlate_window` (stride,
//! dilation), the output mapped to gray, and the window behind any output pixel.

use convolution::{PadMode, Window, correlate_window, kernels, pad};
use ndarray::{Array2, ArrayView2};

use crate::json::Object;

/// The kernels offered by name, from the core crate's `kernels` module
/// (integer kernels as `f64`), with the identity as a starting point.
const NAMES: [&str; 13] = [
    "identity",
    "box 3x3",
    "box 5x5",
    "gaussian 3x3",
    "gaussian 5x5",
    "sobel x",
    "sobel y",
    "prewitt x",
    "prewitt y",
    "laplacian 4",
    "laplacian 8",
    "sharpen",
    "unsharp 5x5",
];

/// The names [`named_kernel`] knows, one per line.
pub fn kernel_names() -> String {
    NAMES.join("\n")
}

/// A named kernel's weights, row by row (3x3 has 9, 5x5 has 25); empty for an
/// unknown name.
pub fn named_kernel(name: &str) -> Vec<f64> {
    let int = |k: Array2<i32>| k.mapv(f64::from);
    let kernel = match name {
        "identity" => Array2::from_shape_fn((3, 3), |(r, c)| f64::from(u8::from(r == 1 && c == 1))),
        "box 3x3" => kernels::box_2d(3).unwrap_or_default(),
        "box 5x5" => kernels::box_2d(5).unwrap_or_default(),
        "gaussian 3x3" => kernels::gaussian_3x3(),
        "gaussian 5x5" => kernels::gaussian_5x5(),
        "sobel x" => int(kernels::sobel_x()),
        "sobel y" => int(kernels::sobel_y()),
        "prewitt x" => int(kernels::prewitt_x()),
        "prewitt y" => int(kernels::prewitt_y()),
        "laplacian 4" => int(kernels::laplacian_4()),
        "laplacian 8" => int(kernels::laplacian_8()),
        "sharpen" => int(kernels::sharpen()),
        "unsharp 5x5" => kernels::unsharp_5x5(),
        _ => return Vec::new(),
    };
    kernel.iter().copied().collect()
}

/// The border modes, by the names the page shows.
fn border(name: &str) -> Option<Option<PadMode>> {
    Some(Some(match name {
        "zeros" => PadMode::Zeros,
        "edge" => PadMode::Edge,
        "reflect" => PadMode::Reflect,
        "symmetric" => PadMode::Symmetric,
        "wrap" => PadMode::Wrap,
        "valid" => return Some(None),
        _ => return None,
    }))
}

/// A photo, the last filter applied to it, and its result.
pub struct Playground {
    image: Array2<f64>,
    padded: Array2<f64>,
    kernel: Array2<f64>,
    output: Array2<f64>,
    stride: usize,
    dilation: usize,
    before: usize,
}

impl Playground {
    /// A photo from its RGBA bytes (as a canvas gives them), turned to gray with
    /// the `image` crate's luma weights (integer `(2126 r + 7152 g + 722 b) / 10000`,
    /// as chapter 5 loads photos); `halve` averages 2x2 blocks into one pixel.
    pub fn new(rgba: &[u8], width: u32, height: u32, halve: bool) -> Playground {
        let (w, h) = (width as usize, height as usize);
        let gray = |y: usize, x: usize| {
            let at = 4 * (y * w + x);
            match rgba.get(at..at + 3) {
                Some(&[r, g, b]) => f64::from(
                    (2126 * u32::from(r) + 7152 * u32::from(g) + 722 * u32::from(b)) / 10000,
                ),
                _ => 0.0,
            }
        };
        let image = if halve {
            Array2::from_shape_fn((h / 2, w / 2), |(y, x)| {
                (gray(2 * y, 2 * x)
                    + gray(2 * y, 2 * x + 1)
                    + gray(2 * y + 1, 2 * x)
                    + gray(2 * y + 1, 2 * x + 1))
                    / 4.0
            })
        } else {
            Array2::from_shape_fn((h, w), |(y, x)| gray(y, x))
        };
        Playground {
            padded: image.clone(),
            output: image.clone(),
            image,
            kernel: Array2::ones((1, 1)),
            stride: 1,
            dilation: 1,
            before: 0,
        }
    }

    pub fn width(&self) -> u32 {
        self.image.ncols() as u32
    }

    pub fn height(&self) -> u32 {
        self.image.nrows() as u32
    }

    /// The gray photo as RGBA bytes, for a canvas.
    pub fn photo_rgba(&self) -> Vec<u8> {
        rgba(
            self.image
                .iter()
                .map(|&v| v.round().clamp(0.0, 255.0) as u8),
        )
    }

    /// Filter the photo: pad it by half the (dilated) kernel's span with the
    /// border mode (`valid`: no padding), then the core crate's
    /// `correlate_window` with the stride and dilation. `kernel` holds
    /// `size x size` weights row by row. Returns
    /// `{"ok":true,"width":w,"height":h,"min":..,"max":..}` or the core's error.
    pub fn run(
        &mut self,
        kernel: &[f64],
        size: u32,
        border_mode: &str,
        stride: u32,
        dilation: u32,
    ) -> String {
        match self.try_run(
            kernel,
            size as usize,
            border_mode,
            stride as usize,
            dilation as usize,
        ) {
            Ok(()) => {
                let (lo, hi) = self.range();
                Object::new()
                    .bool("ok", true)
                    .int("width", self.output.ncols() as i64)
                    .int("height", self.output.nrows() as i64)
                    .number("min", lo)
                    .number("max", hi)
                    .finish()
            }
            Err(error) => Object::new()
                .bool("ok", false)
                .string("error", &error)
                .finish(),
        }
    }

    /// The filtered image as RGBA bytes: `clamp` to 0..=255, `rescale` its
    /// minimum..maximum to 0..=255, or `absolute`: |v| scaled so the largest is
    /// 255 (chapter 5's three mappings).
    pub fn output_rgba(&self, mapping: &str) -> Vec<u8> {
        let (lo, hi) = self.range();
        let max_abs = lo.abs().max(hi.abs());
        rgba(self.output.iter().map(|&v| {
            let scaled = match mapping {
                "rescale" if hi > lo => (v - lo) / (hi - lo) * 255.0,
                "rescale" => 0.0,
                "absolute" if max_abs > 0.0 => v.abs() / max_abs * 255.0,
                "absolute" => 0.0,
                _ => v,
            };
            scaled.round().clamp(0.0, 255.0) as u8
        }))
    }

    /// The input window behind output pixel (`row`, `col`), as JSON:
    /// `{"top":t,"left":l,"span":s,"inputs":[..],"weights":[..],"products":[..],"sum":y}`,
    /// where (`top`, `left`) is the window's corner in the photo (negative in
    /// the border), `inputs` the (padded) samples under the taps row by row, and
    /// `sum` the output value. `{}` outside the output.
    pub fn window(&self, row: u32, col: u32) -> String {
        let (r, c) = (row as usize, col as usize);
        let Some(&sum) = self.output.get((r, c)) else {
            return Object::new().finish();
        };
        let (kh, kw) = self.kernel.dim();
        let mut inputs = Vec::with_capacity(kh * kw);
        for a in 0..kh {
            for b in 0..kw {
                inputs.push(
                    self.padded[[
                        r * self.stride + a * self.dilation,
                        c * self.stride + b * self.dilation,
                    ]],
                );
            }
        }
        let products = inputs.iter().zip(&self.kernel).map(|(x, w)| x * w);
        Object::new()
            .int("top", (r * self.stride) as i64 - self.before as i64)
            .int("left", (c * self.stride) as i64 - self.before as i64)
            .int("span", (self.dilation * (kh - 1) + 1) as i64)
            .numbers("inputs", inputs.iter().copied())
            .numbers("weights", self.kernel.iter().copied())
            .numbers("products", products)
            .number("sum", sum)
            .finish()
    }
}

impl Playground {
    fn try_run(
        &mut self,
        kernel: &[f64],
        size: usize,
        border_mode: &str,
        stride: usize,
        dilation: usize,
    ) -> Result<(), String> {
        let kernel = ArrayView2::from_shape((size, size), kernel)
            .map_err(|_| format!("the kernel needs {size} x {size} weights; fill every cell"))?
            .to_owned();
        let mode =
            border(border_mode).ok_or_else(|| format!("unknown border mode {border_mode:?}"))?;
        let window = Window::stride(stride).with_dilation(dilation);
        let span = window.effective_kernel(size).map_err(|e| e.to_string())?;
        let (before, padded) = match mode {
            Some(mode) => {
                let before = (span - 1) / 2;
                let widths = [(before, span - 1 - before); 2];
                (
                    before,
                    pad(&self.image, &widths, mode).map_err(|e| e.to_string())?,
                )
            }
            None => (0, self.image.clone()),
        };
        self.output = correlate_window(&padded, &kernel, window).map_err(|e| e.to_string())?;
        self.padded = padded;
        self.kernel = kernel;
        self.stride = stride;
        self.dilation = dilation;
        self.before = before;
        Ok(())
    }

    fn range(&self) -> (f64, f64) {
        self.output
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            })
    }

    /// The filtered values, for the native tests.
    pub fn output(&self) -> &Array2<f64> {
        &self.output
    }
}

fn rgba(gray: impl Iterator<Item = u8>) -> Vec<u8> {
    gray.flat_map(|v| [v, v, v, 255]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use convolution::{Mode, correlate};

    fn photo() -> Playground {
        // A 6x5 "photo": gray value 10 y + x in every channel.
        let (w, h) = (5, 6);
        let bytes: Vec<u8> = (0..h * w)
            .flat_map(|i| {
                let v = (10 * (i / w) + i % w) as u8;
                [v, v, v, 255]
            })
            .collect();
        Playground::new(&bytes, w as u32, h as u32, false)
    }

    #[test]
    fn zeros_at_stride_one_is_the_cores_same_correlation() {
        let mut p = photo();
        let k = named_kernel("sobel x");
        assert!(
            p.run(&k, 3, "zeros", 1, 1)
                .starts_with(r#"{"ok":true,"width":5,"height":6,"#)
        );
        let kernel = Array2::from_shape_vec((3, 3), k).unwrap();
        assert_eq!(
            p.output(),
            &correlate(&p.image, &kernel, Mode::Same).unwrap()
        );
    }

    #[test]
    fn the_window_products_sum_to_the_output() {
        let mut p = photo();
        let k = named_kernel("gaussian 5x5");
        p.run(&k, 5, "reflect", 2, 1);
        let text = p.window(1, 2);
        assert!(
            text.starts_with(r#"{"top":0,"left":2,"span":5,"inputs":["#),
            "{text}"
        );
        let sum = p.output()[[1, 2]];
        assert!(text.ends_with(&format!(r#""sum":{sum}}}"#)), "{text}");
    }

    #[test]
    fn bad_settings_give_messages() {
        let mut p = photo();
        assert!(
            p.run(&[1.0; 9], 3, "zeros", 0, 1)
                .contains("stride must be at least 1")
        );
        assert!(
            p.run(&[1.0; 8], 3, "zeros", 1, 1)
                .contains("fill every cell")
        );
        assert!(
            p.run(&[1.0; 9], 3, "valid", 1, 4)
                .contains("along axis 0 the kernel spans 9 samples")
        );
        assert_eq!(named_kernel("nothing"), Vec::<f64>::new());
        for name in kernel_names().lines() {
            assert!([9, 25].contains(&named_kernel(name).len()), "{name}");
        }
    }
}
