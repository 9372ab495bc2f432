//! One moment of the sliding picture of convolution: the kernel, flipped, sits
//! with its first sample under input sample `n`; the overlapping samples are
//! multiplied and summed into output sample `n`.

/// What the picture shows at output sample `n` of a full convolution.
#[derive(Debug, Clone, PartialEq)]
pub struct SlideFrame {
    /// The output sample being computed.
    pub n: usize,
    /// The flipped kernel as `(input index, value)`: `kernel[n - k]` sits at `k`.
    /// Indices left of the input are negative.
    pub flipped_kernel: Vec<(i64, f64)>,
    /// `signal[k] * kernel[n - k]` for every `k` where both exist.
    pub products: Vec<(usize, f64)>,
    /// The sum of `products`: the full convolution at `n`.
    pub value: f64,
}

/// The frame for output sample `n` of the full convolution of `signal` with `kernel`
/// (`n < signal.len() + kernel.len() - 1`).
pub fn slide_frame(signal: &[f64], kernel: &[f64], n: usize) -> SlideFrame {
    let flipped_kernel = (0..kernel.len())
        .map(|j| (n as i64 - j as i64, kernel[j]))
        .collect();
    let first = n.saturating_sub(kernel.len().saturating_sub(1));
    let last = n.min(signal.len().saturating_sub(1));
    let products: Vec<(usize, f64)> = (first..=last)
        .filter(|&k| k < signal.len())
        .map(|k| (k, signal[k] * kernel[n - k]))
        .collect();
    let value = products.iter().map(|&(_, p)| p).sum();
    SlideFrame {
        n,
        flipped_kernel,
        products,
        value,
    }
}

/// The output samples an animation shows: every `every`-th one from 0, and always
/// the last, so the animation ends on the finished response.
pub fn frame_steps(output_len: usize, every: usize) -> Vec<usize> {
    let mut steps: Vec<usize> = (0..output_len).step_by(every.max(1)).collect();
    if let Some(&last) = steps.last()
        && last + 1 != output_len
    {
        steps.push(output_len - 1);
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_sums_the_overlap() {
        // [1, 2, 3] * [1, 10]: full = [1, 12, 23, 30].
        let frame = slide_frame(&[1.0, 2.0, 3.0], &[1.0, 10.0], 1);
        assert_eq!(frame.flipped_kernel, vec![(1, 1.0), (0, 10.0)]);
        assert_eq!(frame.products, vec![(0, 10.0), (1, 2.0)]);
        assert_eq!(frame.value, 12.0);
        assert_eq!(slide_frame(&[1.0, 2.0, 3.0], &[1.0, 10.0], 3).value, 30.0);
    }

    #[test]
    fn steps_end_on_the_last_sample() {
        assert_eq!(frame_steps(7, 3), vec![0, 3, 6]);
        assert_eq!(frame_steps(8, 3), vec![0, 3, 6, 7]);
        assert_eq!(frame_steps(0, 3), Vec::<usize>::new());
    }
}
