//! "Slide the kernel" (chapters 1 and 2): a 1-D signal, a kernel laid over it at
//! each output position, the products, and their sum, which is the core crate's
//! `convolve` (or `correlate`) in `Mode::Full`.

use convolution::{Mode, convolve, correlate};
use ndarray::ArrayView1;

use crate::json::{Object, list};

/// Every output position of the full convolution (or, with `convolution`
/// false, cross-correlation) of `signal` with `kernel`, as JSON:
///
/// `{"ok":true,"output":[...],"steps":[{"start":s,"weights":[...],"products":[...],"sum":y}]}`
///
/// At output `n` the kernel covers signal indices `start .. start + k` with
/// `start = n - (k - 1)`; indices outside the signal read 0. `weights` are the
/// kernel as it lies over the signal: reversed for convolution, as given for
/// correlation. `sum` is the core crate's output value. On bad input:
/// `{"ok":false,"error":"<the core's message>"}`.
pub fn slide(signal: &[f64], kernel: &[f64], convolution: bool) -> String {
    let x = ArrayView1::from(signal);
    let h = ArrayView1::from(kernel);
    let output = if convolution {
        convolve(&x, &h, Mode::Full)
    } else {
        correlate(&x, &h, Mode::Full)
    };
    let output = match output {
        Ok(output) => output,
        Err(error) => {
            return Object::new()
                .bool("ok", false)
                .string("error", &error.to_string())
                .finish();
        }
    };
    let k = kernel.len();
    let weights: Vec<f64> = if convolution {
        kernel.iter().rev().copied().collect()
    } else {
        kernel.to_vec()
    };
    let steps = output.iter().enumerate().map(|(n, &sum)| {
        let start = n as i64 - (k as i64 - 1);
        let products = weights.iter().enumerate().map(|(j, &w)| {
            let index = start + j as i64;
            let sample = usize::try_from(index)
                .ok()
                .and_then(|i| signal.get(i))
                .copied()
                .unwrap_or(0.0);
            sample * w
        });
        Object::new()
            .int("start", start)
            .numbers("weights", weights.iter().copied())
            .numbers("products", products)
            .number("sum", sum)
            .finish()
    });
    Object::new()
        .bool("ok", true)
        .numbers("output", output.iter().copied())
        .raw("steps", &list(steps))
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_sum_to_the_cores_output() {
        let text = slide(&[1.0, 2.0, 3.0], &[1.0, 0.0, -1.0], true);
        assert!(
            text.starts_with(r#"{"ok":true,"output":[1,2,2,-2,-3],"#),
            "{text}"
        );
        // At n = 2 the reversed kernel [-1, 0, 1] lies over x[0..3]: -1 + 0 + 3 = 2.
        assert!(
            text.contains(r#"{"start":0,"weights":[-1,0,1],"products":[-1,0,3],"sum":2}"#),
            "{text}"
        );
        let text = slide(&[1.0, 2.0, 3.0], &[1.0, 0.0, -1.0], false);
        assert!(text.contains(r#""output":[-1,-2,-2,2,3]"#), "{text}");
        assert!(text.contains(r#"{"start":-2,"weights":[1,0,-1],"products":[0,0,-1],"sum":-1}"#));
    }

    #[test]
    fn an_empty_kernel_gives_the_cores_message() {
        let text = slide(&[1.0], &[], true);
        assert!(
            text.starts_with(r#"{"ok":false,"error":"the kernel is empty"#),
            "{text}"
        );
    }
}
