//! Animated GIFs of the sliding picture: the flipped kernel moves along the
//! signal, and the response grows by one sample for each position.

use std::ops::Range;
use std::path::Path;

use book_figures::palette::{EXTRA, INPUT, KERNEL, OUTPUT, REFERENCE};
use book_figures::{FigureResult, register_font};
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::plot::{Series, Style, draw_panel, y_range};
use crate::slide::{frame_steps, slide_frame};

/// Size of every animation, in pixels.
pub const GIF_SIZE: (u32, u32) = (560, 380);
/// Show every third output sample: enough to see the motion, few enough frames to stay small.
pub const FRAME_EVERY: usize = 3;
/// Time each frame stays on screen.
const FRAME_MS: u32 = 120;
/// Extra copies of the last frame, so the finished response stays a moment before the loop.
const FINAL_HOLD: usize = 6;

/// What one animation shows.
pub struct Animation<'a> {
    pub signal: &'a [f64],
    pub kernel: &'a [f64],
    /// Name of the output sample in the frame title, e.g. "v" for velocity.
    pub output_name: &'a str,
}

/// Everything about an animation that does not change from frame to frame.
/// Frames have no legend (the page explains the colours): the signal is blue, the
/// flipped kernel red, the products purple and the growing response green. A
/// gray line marks the time `n` in both panels: the output sample computed now
/// (circled) sits under the kernel's leading edge, so the response lags the
/// signal by the kernel's length.
pub struct Scene<'a> {
    animation: &'a Animation<'a>,
    response: Vec<f64>,
    display_scale: f64,
    x: Range<f64>,
    top_y: Range<f64>,
    response_y: Range<f64>,
}

impl<'a> Scene<'a> {
    /// Compute the response and fix the axes, so that frames do not jump.
    /// The kernel is drawn scaled to a peak of 1 so that it fits beside the signal;
    /// the numbers in the title are the true, unscaled response.
    pub fn new(animation: &'a Animation<'a>) -> Self {
        let (signal, kernel) = (animation.signal, animation.kernel);
        let response: Vec<f64> = (0..signal.len() + kernel.len() - 1)
            .map(|n| slide_frame(signal, kernel, n).value)
            .collect();
        let peak = kernel.iter().fold(0.0_f64, |m, &v| m.max(v.abs()));
        let display_scale = if peak > 0.0 { 1.0 / peak } else { 1.0 };
        let top_y = y_range(&[
            Series::line("", 0.0, signal, INPUT),
            Series::line("", 0.0, &[1.0], KERNEL),
        ]);
        let response_y = y_range(&[Series::line("", 0.0, &response, OUTPUT)]);
        Scene {
            animation,
            response,
            display_scale,
            x: -(kernel.len() as f64)..(signal.len() + kernel.len()) as f64,
            top_y,
            response_y,
        }
    }

    /// The output samples the animation shows, ending with a pause on the last one.
    pub fn steps(&self) -> Vec<usize> {
        let mut steps = frame_steps(self.response.len(), FRAME_EVERY);
        let last = *steps.last().expect("a non-empty convolution has samples");
        steps.extend(std::iter::repeat_n(last, FINAL_HOLD));
        steps
    }

    /// Draw the frame of output sample `n` on `root`.
    pub fn draw_frame<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        n: usize,
    ) -> FigureResult
    where
        DB::ErrorType: 'static,
    {
        let (signal, kernel) = (self.animation.signal, self.animation.kernel);
        let frame = slide_frame(signal, kernel, n);
        let scaled = |points: Vec<(f64, f64)>| -> Vec<(f64, f64)> {
            points
                .into_iter()
                .map(|(k, v)| (k, v * self.display_scale))
                .collect()
        };
        let flipped = frame
            .flipped_kernel
            .iter()
            .map(|&(k, v)| (k as f64, v))
            .collect();
        let products = frame.products.iter().map(|&(k, p)| (k as f64, p)).collect();
        let top_series = [
            Series::line("", 0.0, signal, INPUT),
            Series {
                label: String::new(),
                points: scaled(flipped),
                color: KERNEL,
                style: Style::Line,
            },
            Series {
                label: String::new(),
                points: scaled(products),
                color: EXTRA,
                style: Style::Bars,
            },
        ];
        let now = n as f64;
        let guide = |y: &Range<f64>| Series {
            label: String::new(),
            points: vec![(now, y.start), (now, y.end)],
            color: REFERENCE,
            style: Style::Guide,
        };
        let [signal_series, kernel_series, product_series] = top_series;
        let top_series = [
            signal_series,
            kernel_series,
            product_series,
            guide(&self.top_y),
        ];
        root.fill(&WHITE)?;
        let (top, bottom) = root.split_vertically(205);
        let title = format!(
            "{}[{n}] = sum of products = {:.3}",
            self.animation.output_name, frame.value
        );
        draw_panel(
            &top,
            &title,
            &top_series,
            self.x.clone(),
            self.top_y.clone(),
            ("sample k (signal, flipped kernel at n - k)", "value"),
        )?;
        let grown = [
            Series::line("", 0.0, &self.response[..=n], OUTPUT),
            guide(&self.response_y),
            Series {
                label: String::new(),
                points: vec![(now, self.response[n])],
                color: BLACK,
                style: Style::Highlight,
            },
        ];
        let output_label = format!("{}[n]", self.animation.output_name);
        draw_panel(
            &bottom,
            "",
            &grown,
            self.x.clone(),
            self.response_y.clone(),
            ("sample n (gray line: now)", &output_label),
        )?;
        Ok(())
    }
}

/// Draw the animation of the full convolution of the signal with the kernel into `path`.
pub fn draw_sliding_gif(path: &Path, animation: &Animation) -> FigureResult {
    register_font();
    let scene = Scene::new(animation);
    let root = BitMapBackend::gif(path, GIF_SIZE, FRAME_MS)?.into_drawing_area();
    for n in scene.steps() {
        scene.draw_frame(&root, n)?;
        root.present()?;
    }
    Ok(())
}
