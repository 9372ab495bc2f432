//! Chapter 9: transposed convolution, its output sizes (PyTorch's and
//! TensorFlow's), its adjoint property, its matrix and its zero-insertion view.

mod chapter9;

use chapter9::{dot, filled, transpose_by_definition};
use convolution::ndarray::{Array1, ArrayD, Slice};
use convolution::{
    ConvError, PadMode, Padding, SameRule, TransposedWindow, Window, conv_transpose,
    conv_transpose_tf, conv_transpose_zero_insertion, correlate_window, correlation_matrix,
    insert_zeros, pad, tf_transposed_output_len,
};
use proptest::prelude::*;

/// PyTorch's formula in signed arithmetic, `None` where PyTorch refuses.
fn pytorch_formula(i: usize, k: usize, w: TransposedWindow) -> Option<usize> {
    let (i, k) = (i as i64, k as i64);
    let (p, s, d, op) = (
        w.padding as i64,
        w.stride as i64,
        w.dilation as i64,
        w.output_padding as i64,
    );
    let o = (i - 1) * s - 2 * p + d * (k - 1) + op + 1;
    (op < s.max(d) && o > 0).then_some(o as usize)
}

fn windows() -> impl Iterator<Item = TransposedWindow> {
    (0..=3).flat_map(|padding| {
        (1..=4).flat_map(move |stride| {
            (1..=3).flat_map(move |dilation| {
                (0..=3).map(move |output_padding| TransposedWindow {
                    padding,
                    stride,
                    dilation,
                    output_padding,
                })
            })
        })
    })
}

/// Every small case: the output length is the formula, and the routine makes it.
#[test]
fn output_size_formula_exhaustively() {
    let mut cases = 0;
    for i in 1..=7 {
        for k in 1..=4 {
            for w in windows() {
                cases += 1;
                let x = Array1::<i64>::ones(i);
                let kernel = Array1::<i64>::ones(k);
                let got = conv_transpose(&x, &kernel, w);
                match pytorch_formula(i, k, w) {
                    Some(o) => {
                        assert_eq!(w.output_len(i, k), Ok(o), "i={i} k={k} {w:?}");
                        assert_eq!(got.unwrap().len(), o);
                        // The forward convolution maps o back to i (exactly when op < s).
                        let back = w.forward().output_len(o, k).unwrap();
                        if w.output_padding < w.stride {
                            assert_eq!(back, i, "i={i} k={k} {w:?}");
                        } else {
                            assert!(back > i);
                        }
                    }
                    None if w.output_padding >= w.stride.max(w.dilation) => {
                        assert!(matches!(got, Err(ConvError::OutputPadding { .. })))
                    }
                    None => assert!(matches!(got, Err(ConvError::CropTooLarge { .. }))),
                }
            }
        }
    }
    // Chapter 9 quotes this count.
    assert_eq!(cases, 5376);
}

/// The ambiguity output_padding resolves: the forward convolution sends `s`
/// consecutive sizes to the same output size, and the transposed
/// convolution with output_padding 0..s reaches exactly those sizes.
#[test]
fn output_padding_picks_among_the_sizes_that_convolve_to_the_same_length() {
    for k in 1..=5 {
        for p in 0..=2 {
            for s in 1..=4 {
                for d in 1..=2 {
                    let forward = Window::uniform(p, s, d);
                    for i in 1..=6 {
                        let sources: Vec<usize> = (1..=40)
                            .filter(|&n| forward.output_len(n, k) == Ok(i))
                            .collect();
                        let reached: Vec<usize> = (0..s)
                            .filter_map(|op| {
                                TransposedWindow {
                                    padding: p,
                                    stride: s,
                                    dilation: d,
                                    output_padding: op,
                                }
                                .output_len(i, k)
                                .ok()
                            })
                            .collect();
                        if reached.len() == s {
                            assert_eq!(sources, reached, "k={k} p={p} s={s} d={d} i={i}");
                        } else {
                            // Padding cropped the smallest sizes away: those that remain agree.
                            assert!(reached.iter().all(|n| sources.contains(n)));
                        }
                    }
                }
            }
        }
    }
}

/// TensorFlow's rule: 'same' gives i s, 'valid' gives i s + max(k_eff - s, 0),
/// and the forward TensorFlow convolution maps those back to i.
#[test]
fn tensorflow_output_sizes_exhaustively() {
    for i in 1..=8 {
        for k in 1..=5 {
            for s in 1..=4 {
                for d in 1..=3 {
                    let span = d * (k - 1) + 1;
                    let same =
                        tf_transposed_output_len(i, k, s, d, Padding::Same(SameRule::TensorFlow))
                            .unwrap();
                    let valid = tf_transposed_output_len(i, k, s, d, Padding::valid()).unwrap();
                    assert_eq!(same, i * s);
                    assert_eq!(valid, i * s + span.saturating_sub(s));
                    assert_eq!(same.div_ceil(s), i); // forward 'same': ceil(n / s)
                    assert_eq!((valid - span) / s + 1, i); // forward 'valid'
                }
            }
        }
    }
}

fn transposed_window() -> impl Strategy<Value = TransposedWindow> {
    (0..4usize, 1..4usize, 1..3usize, 0..3usize).prop_map(|(padding, stride, dilation, op)| {
        TransposedWindow {
            padding,
            stride,
            dilation,
            output_padding: op % stride.max(dilation),
        }
    })
}

/// The first `n` samples along every axis (the forward correlation makes extra
/// ones when output_padding >= stride).
fn first(a: ArrayD<i64>, n: &[usize]) -> ArrayD<i64> {
    a.slice_each_axis(|ax| Slice::from(0..n[ax.axis.index()]))
        .to_owned()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// <conv(y), x> = <y, conv_transpose(x)> for every shape, in 1-D, 2-D and 3-D,
    /// and conv_transpose equals the by-definition gather.
    #[test]
    fn transposed_convolution_is_the_adjoint(
        dims in prop_oneof![
            (1..6usize, 1..5usize).prop_map(|(i, k)| (vec![i], vec![k])),
            (1..4usize, 1..4usize, 1..4usize, 1..4usize).prop_map(|(a, b, c, d)| (vec![a, b], vec![c, d])),
            (proptest::collection::vec(1..3usize, 3), proptest::collection::vec(1..3usize, 3)),
        ],
        w in transposed_window(),
        seed in any::<u64>(),
    ) {
        let (in_shape, k_shape) = dims;
        let x = filled(&in_shape, seed);
        let k = filled(&k_shape, seed ^ 7);
        match conv_transpose(&x, &k, w) {
            Ok(t) => {
                let y = filled(t.shape(), seed ^ 11);
                let forward = first(correlate_window(&y, &k, w.forward()).unwrap(), &in_shape);
                prop_assert_eq!(dot(&forward, &x), dot(&y, &t));
                let crop = vec![w.padding; in_shape.len()];
                prop_assert_eq!(&t, &transpose_by_definition(&x, &k, (&crop, w.stride, w.dilation), t.shape()));
                prop_assert_eq!(conv_transpose_zero_insertion(&x, &k, w).unwrap(), t);
            }
            Err(e) => prop_assert_eq!(conv_transpose_zero_insertion(&x, &k, w), Err(e)),
        }
    }

    /// The transposed convolution is multiplication by the transpose of the
    /// forward correlation's matrix.
    #[test]
    fn transposed_convolution_is_the_matrix_transpose(i in 1..7usize, k in 1..5usize, w in transposed_window(), seed in any::<u64>()) {
        let x = filled(&[i], seed).into_dimensionality().unwrap();
        let kernel: Array1<i64> = filled(&[k], seed ^ 3).into_dimensionality().unwrap();
        if let Ok(t) = conv_transpose(&x, &kernel, w) {
            let m = correlation_matrix(&kernel, &[t.len()], w.forward()).unwrap();
            let m = m.slice(convolution::ndarray::s![..i, ..]).to_owned();
            prop_assert_eq!(m.t().dot(&x), t);
        }
    }

    /// TensorFlow's transposed convolution is the adjoint of TensorFlow's forward
    /// convolution ('same': ceil(n/s) outputs, the extra padding zero after).
    #[test]
    fn tensorflow_transposed_is_the_adjoint(i in 1..7usize, k in 1..5usize, s in 1..4usize, d in 1..3usize, same in any::<bool>(), seed in any::<u64>()) {
        let padding = if same { Padding::Same(SameRule::TensorFlow) } else { Padding::valid() };
        let x: Array1<i64> = filled(&[i], seed).into_dimensionality().unwrap();
        let kernel: Array1<i64> = filled(&[k], seed ^ 5).into_dimensionality().unwrap();
        let t = conv_transpose_tf(&x, &kernel, s, d, padding.clone()).unwrap();
        let n = t.len();
        prop_assert_eq!(n, tf_transposed_output_len(i, k, s, d, padding).unwrap());
        let y: Array1<i64> = filled(&[n], seed ^ 9).into_dimensionality().unwrap();
        let span = d * (k - 1) + 1;
        let total = if same { ((n.div_ceil(s) - 1) * s + span).saturating_sub(n) } else { 0 };
        let padded = pad(&y, &[(total / 2, total - total / 2)], PadMode::Zeros).unwrap();
        let forward = correlate_window(&padded, &kernel, Window::stride(s).with_dilation(d)).unwrap();
        prop_assert_eq!(forward.len(), i);
        prop_assert_eq!(forward.dot(&x), y.dot(&t));
    }
}

#[test]
fn zero_insertion_lengths() {
    for n in 1..=6 {
        for s in 1..=4 {
            let z = insert_zeros(&Array1::<i64>::ones(n), s).unwrap();
            assert_eq!(z.len(), (n - 1) * s + 1);
            assert_eq!(z.sum(), n as i64);
        }
    }
    assert_eq!(
        insert_zeros(&Array1::<i64>::ones(3), 0),
        Err(ConvError::ZeroStride)
    );
}

#[test]
fn bad_parameters_get_typed_errors() {
    let x = Array1::<i64>::ones(4);
    let k = Array1::<i64>::ones(3);
    let err = conv_transpose(&x, &k, TransposedWindow::stride(2).with_output_padding(2));
    assert_eq!(
        err,
        Err(ConvError::OutputPadding {
            output_padding: 2,
            stride: 2,
            dilation: 1
        })
    );
    // Dilation 3 allows output_padding up to 2, as in PyTorch.
    let dilated = TransposedWindow::stride(2)
        .with_dilation(3)
        .with_output_padding(2);
    assert_eq!(conv_transpose(&x, &k, dilated).unwrap().len(), 15);
    let cropped = conv_transpose(&x, &k, TransposedWindow::default().with_padding(3));
    assert_eq!(
        cropped,
        Err(ConvError::CropTooLarge {
            axis: 0,
            uncropped: 6,
            padding: 3,
            max_padding: 2
        })
    );
    assert_eq!(
        conv_transpose(&x, &k, TransposedWindow::stride(0)),
        Err(ConvError::ZeroStride)
    );
    assert!(matches!(
        conv_transpose(&x, &k, TransposedWindow::stride(1 << 40)),
        Err(ConvError::TooLarge { .. })
    ));
    assert!(matches!(
        conv_transpose(&x, &k, TransposedWindow::stride(usize::MAX)),
        Err(ConvError::SizeOverflow { .. })
    ));
    assert!(matches!(
        conv_transpose(&x, &Array1::<i64>::zeros(0), TransposedWindow::default()),
        Err(ConvError::Empty { .. })
    ));
    assert!(matches!(
        conv_transpose_tf(&x, &k, 0, 1, Padding::Same(SameRule::TensorFlow)),
        Err(ConvError::ZeroStride)
    ));
    // One input sample and a huge stride: a single copy of the kernel, fine.
    let one = Array1::from(vec![2i64]);
    let huge = TransposedWindow::stride(usize::MAX);
    assert_eq!(
        conv_transpose(&one, &k, huge).unwrap(),
        Array1::from(vec![2, 2, 2])
    );
    assert_eq!(
        conv_transpose_zero_insertion(&one, &k, huge).unwrap(),
        Array1::from(vec![2, 2, 2])
    );
}
