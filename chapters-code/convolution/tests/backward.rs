//! The backward pass checked three ways over random shapes:
//! - exactly, on integers, against the gradient written out by definition
//!   (`∂L/∂x[i] = Σ g[o] k[j]` over the `(o, j)` that read `x[i]`);
//! - exactly, on integers, by the adjoint identity `<y, g> = <x, ∂L/∂x> = <k, ∂L/∂k>`
//!   (a correlation is linear in each operand, so `L = <y, g>` has exactly these gradients);
//! - by central finite differences on floats, for [`correlate_window_backward`] and
//!   for [`Conv2dLayer::backward`] with every activation and both paddings.

use convolution::ndarray::{Array1, Array2, Array4, ArrayD, IxDyn};
use convolution::{
    Activation, Conv2dLayer, ConvError, Mode, Padding, SameRule, Window, convolve,
    correlate_window, correlate_window_backward,
};
use proptest::prelude::*;

fn window() -> impl Strategy<Value = Window> {
    (0usize..3, 1usize..4, 1usize..4)
        .prop_map(|(padding, stride, dilation)| Window::uniform(padding, stride, dilation))
}

/// A random 2-D input, kernel and window for which the forward pass exists,
/// with a random output gradient.
fn case() -> impl Strategy<Value = (Array2<i64>, Array2<i64>, Window, Array2<i64>)> {
    ((1usize..7, 1usize..7), (1usize..4, 1usize..4), window())
        .prop_filter_map("kernel fits", |((h, w), (kh, kw), win)| {
            let oh = win.output_len(h, kh).ok()?;
            let ow = win.output_len(w, kw).ok()?;
            Some(((h, w), (kh, kw), win, (oh, ow)))
        })
        .prop_flat_map(|(x, k, win, o)| {
            let values = |(r, c): (usize, usize)| {
                proptest::collection::vec(-9i64..10, r * c)
                    .prop_map(move |v| Array2::from_shape_vec((r, c), v).unwrap())
            };
            (values(x), values(k), Just(win), values(o))
        })
}

/// `∂L/∂x` and `∂L/∂k` for `L = Σ g ⊙ correlate_window(x, k, w)`, written out by definition.
fn by_definition(
    x: &Array2<i64>,
    k: &Array2<i64>,
    w: Window,
    g: &Array2<i64>,
) -> (Array2<i64>, Array2<i64>) {
    let mut gx = Array2::zeros(x.raw_dim());
    let mut gk = Array2::zeros(k.raw_dim());
    let p = w.sides_on(0, 1, 1).unwrap().before as isize;
    for ((oy, ox), &go) in g.indexed_iter() {
        for ((jy, jx), &kv) in k.indexed_iter() {
            let iy = (oy * w.stride_on(0).unwrap() + jy * w.dilation_on(0).unwrap()) as isize - p;
            let ix = (ox * w.stride_on(0).unwrap() + jx * w.dilation_on(0).unwrap()) as isize - p;
            if iy >= 0 && ix >= 0 && (iy as usize) < x.nrows() && (ix as usize) < x.ncols() {
                let (iy, ix) = (iy as usize, ix as usize);
                gx[[iy, ix]] += go * kv;
                gk[[jy, jx]] += go * x[[iy, ix]];
            }
        }
    }
    (gx, gk)
}

fn dot(a: &Array2<i64>, b: &Array2<i64>) -> i64 {
    (a * b).sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn window_gradients_equal_their_definition((x, k, w, g) in case()) {
        let grads = correlate_window_backward(&x, &k, w.clone(), &g).unwrap();
        let (gx, gk) = by_definition(&x, &k, w, &g);
        prop_assert_eq!(&grads.input, &gx);
        prop_assert_eq!(&grads.kernel, &gk);
    }

    #[test]
    fn window_gradients_are_the_adjoints((x, k, w, g) in case()) {
        let y = correlate_window(&x, &k, w.clone()).unwrap();
        let grads = correlate_window_backward(&x, &k, w, &g).unwrap();
        prop_assert_eq!(dot(&y, &g), dot(&x, &grads.input));
        prop_assert_eq!(dot(&y, &g), dot(&k, &grads.kernel));
    }

    #[test]
    fn at_stride_one_the_input_gradient_is_a_full_convolution(
        x in array_strategies::image(6), k in array_strategies::image(3), seed in 0i64..50,
    ) {
        prop_assume!(k.nrows() <= x.nrows() && k.ncols() <= x.ncols());
        let y = correlate_window(&x, &k, Window::default()).unwrap();
        let g = Array2::from_shape_fn(y.raw_dim(), |(r, c)| (r as i64 * 7 + c as i64 * 3 + seed) % 11 - 5);
        let grads = correlate_window_backward(&x, &k, Window::default(), &g).unwrap();
        prop_assert_eq!(grads.input, convolve(&g, &k, Mode::Full).unwrap());
    }

    #[test]
    fn window_gradients_match_finite_differences((x, k, w, g) in case()) {
        let (x, k, g) = (x.mapv(|v| v as f64 / 3.0), k.mapv(|v| v as f64 / 3.0), g.mapv(|v| v as f64 / 3.0));
        let loss = |x: &Array2<f64>, k: &Array2<f64>| (correlate_window(x, k, w.clone()).unwrap() * &g).sum();
        let grads = correlate_window_backward(&x, &k, w.clone(), &g).unwrap();
        let h = 1e-4;
        for (idx, &analytic) in grads.input.indexed_iter() {
            let (mut up, mut down) = (x.clone(), x.clone());
            up[idx] += h;
            down[idx] -= h;
            let numeric = (loss(&up, &k) - loss(&down, &k)) / (2.0 * h);
            prop_assert!((numeric - analytic).abs() < 1e-6, "input {idx:?}: {numeric} vs {analytic}");
        }
        for (idx, &analytic) in grads.kernel.indexed_iter() {
            let (mut up, mut down) = (k.clone(), k.clone());
            up[idx] += h;
            down[idx] -= h;
            let numeric = (loss(&x, &up) - loss(&x, &down)) / (2.0 * h);
            prop_assert!((numeric - analytic).abs() < 1e-6, "kernel {idx:?}: {numeric} vs {analytic}");
        }
    }
}

/// A random layer, batch and output gradient (floats in [-1, 1]).
fn layer_case() -> impl Strategy<Value = (Conv2dLayer, Array4<f64>, Array4<f64>)> {
    (
        (1usize..3, 1usize..6, 1usize..6, 1usize..3),
        (1usize..4, 1usize..4, 1usize..3),
        prop_oneof![
            Just(Padding::valid()),
            Just(Padding::Same(SameRule::TensorFlow))
        ],
        prop_oneof![
            Just(Activation::Linear),
            Just(Activation::Relu),
            Just(Activation::Sigmoid)
        ],
    )
        .prop_filter(
            "valid needs the kernel to fit",
            |((_, h, w, _), (kh, kw, _), pad, _)| {
                *pad == Padding::Same(SameRule::TensorFlow) || (kh <= h && kw <= w)
            },
        )
        .prop_flat_map(|((n, h, w, c), (kh, kw, c_out), padding, activation)| {
            let floats = |len: usize| proptest::collection::vec(-1.0f64..1.0, len);
            (
                floats(kh * kw * c * c_out),
                floats(c_out),
                floats(n * h * w * c),
                floats(n * h * w * c_out),
                Just(((n, h, w, c), (kh, kw, c_out), padding, activation)),
            )
        })
        .prop_map(
            |(wv, bv, xv, gv, ((n, h, w, c), (kh, kw, c_out), padding, activation))| {
                let weights = Array4::from_shape_vec((kh, kw, c, c_out), wv).unwrap();
                let layer =
                    Conv2dLayer::new(weights, Array1::from(bv), padding, activation).unwrap();
                let x = Array4::from_shape_vec((n, h, w, c), xv).unwrap();
                let out = layer.output_shape(x.dim()).unwrap();
                // Enough gradient values for the largest output ('same'); keep the first ones.
                let g = Array4::from_shape_vec(out, gv[..out.0 * out.1 * out.2 * out.3].to_vec())
                    .unwrap();
                (layer, x, g)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn layer_gradients_match_finite_differences((layer, x, g) in layer_case()) {
        // ReLU has a kink at 0: finite differences are only meaningful away from it.
        if layer.activation == Activation::Relu {
            let linear = Conv2dLayer { activation: Activation::Linear, ..layer.clone() };
            prop_assume!(linear.forward(&x).unwrap().iter().all(|z| z.abs() > 1e-3));
        }
        let loss = |l: &Conv2dLayer, x: &Array4<f64>| (l.forward(x).unwrap() * &g).sum();
        let grads = layer.backward(&x, &g).unwrap();
        let h = 1e-6;
        let tol = 1e-6;
        for (idx, &analytic) in grads.input.indexed_iter() {
            let idx = [idx.0, idx.1, idx.2, idx.3];
            let (mut up, mut down) = (x.clone(), x.clone());
            up[idx] += h;
            down[idx] -= h;
            let numeric = (loss(&layer, &up) - loss(&layer, &down)) / (2.0 * h);
            prop_assert!((numeric - analytic).abs() < tol, "input {idx:?}: {numeric} vs {analytic}");
        }
        for (idx, &analytic) in grads.weights.indexed_iter() {
            let idx = [idx.0, idx.1, idx.2, idx.3];
            let (mut up, mut down) = (layer.clone(), layer.clone());
            up.weights[idx] += h;
            down.weights[idx] -= h;
            let numeric = (loss(&up, &x) - loss(&down, &x)) / (2.0 * h);
            prop_assert!((numeric - analytic).abs() < tol, "weight {idx:?}: {numeric} vs {analytic}");
        }
        for (o, &analytic) in grads.bias.indexed_iter() {
            let (mut up, mut down) = (layer.clone(), layer.clone());
            up.bias[o] += h;
            down.bias[o] -= h;
            let numeric = (loss(&up, &x) - loss(&down, &x)) / (2.0 * h);
            prop_assert!((numeric - analytic).abs() < tol, "bias {o}: {numeric} vs {analytic}");
        }
    }
}

#[test]
fn relu_passes_no_gradient_at_zero_or_below() {
    // One 1x1 kernel of weight 1: z = x, so the ReLU's derivative shows directly.
    let layer = Conv2dLayer::new(
        Array4::ones((1, 1, 1, 1)),
        Array1::zeros(1),
        Padding::valid(),
        Activation::Relu,
    )
    .unwrap();
    let x = Array4::from_shape_vec((1, 1, 3, 1), vec![-1.0, 0.0, 2.0]).unwrap();
    let grads = layer.backward(&x, &Array4::ones((1, 1, 3, 1))).unwrap();
    assert_eq!(grads.input.into_raw_vec_and_offset().0, vec![0.0, 0.0, 1.0]);
    assert_eq!(grads.weights[[0, 0, 0, 0]], 2.0);
    assert_eq!(grads.bias[0], 1.0);
}

#[test]
fn three_dimensional_windows_work_too() {
    let x = ArrayD::from_shape_fn(IxDyn(&[3, 4, 5]), |i| (i[0] * 20 + i[1] * 5 + i[2]) as i64);
    let k = ArrayD::from_shape_fn(IxDyn(&[2, 2, 2]), |i| {
        (i[0] + 2 * i[1]) as i64 - i[2] as i64
    });
    let w = Window::stride(2).with_padding(1);
    let y = correlate_window(&x, &k, w.clone()).unwrap();
    let g = y.mapv(|v| v % 7 - 3);
    let grads = correlate_window_backward(&x, &k, w, &g).unwrap();
    let dot = |a: &ArrayD<i64>, b: &ArrayD<i64>| (a * b).sum();
    assert_eq!(dot(&y, &g), dot(&x, &grads.input));
    assert_eq!(dot(&y, &g), dot(&k, &grads.kernel));
}

#[test]
fn bad_gradients_and_windows_are_typed_errors() {
    let x = Array2::<f64>::ones((4, 4));
    let k = Array2::<f64>::ones((2, 2));
    let err =
        correlate_window_backward(&x, &k, Window::default(), &Array2::ones((2, 3))).unwrap_err();
    assert_eq!(
        err,
        ConvError::GradientShape {
            expected: vec![3, 3],
            found: vec![2, 3]
        }
    );
    assert!(
        err.to_string()
            .contains("the shape the forward pass returns")
    );
    let err =
        correlate_window_backward(&x, &k, Window::stride(0), &Array2::ones((3, 3))).unwrap_err();
    assert_eq!(err, ConvError::ZeroStride);
    let err = correlate_window_backward(
        &x,
        &Array2::ones((0, 2)),
        Window::default(),
        &Array2::ones((3, 3)),
    )
    .unwrap_err();
    assert!(matches!(err, ConvError::Empty { .. }));
    let err = correlate_window_backward(
        &x,
        &Array2::ones((5, 5)),
        Window::default(),
        &Array2::ones((1, 1)),
    )
    .unwrap_err();
    assert!(matches!(err, ConvError::KernelTooLarge { .. }));

    let layer = Conv2dLayer::new(
        Array4::ones((3, 3, 2, 1)),
        Array1::zeros(1),
        Padding::Same(SameRule::TensorFlow),
        Activation::Linear,
    )
    .unwrap();
    let batch = Array4::<f64>::ones((1, 4, 4, 2));
    let err = layer
        .backward(&batch, &Array4::ones((1, 4, 4, 2)))
        .unwrap_err();
    assert_eq!(
        err,
        ConvError::GradientShape {
            expected: vec![1, 4, 4, 1],
            found: vec![1, 4, 4, 2]
        }
    );
    let err = layer
        .backward(&Array4::ones((1, 4, 4, 3)), &Array4::ones((1, 4, 4, 1)))
        .unwrap_err();
    assert!(matches!(err, ConvError::ChannelMismatch { .. }));
}
