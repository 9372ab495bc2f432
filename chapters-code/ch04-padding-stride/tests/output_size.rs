//! The chapter's output-size formula against the shapes the core crate
//! actually produces, for every small case.

use convolution::ndarray::{Array1, Array2};
use convolution::{ConvError, SameRule, Window, correlate_window};

/// The chapter's formula, `floor((i + 2p - d(k - 1) - 1) / s) + 1`, or `None`
/// when the dilated kernel is longer than the padded input.
fn formula(i: usize, k: usize, p: usize, s: usize, d: usize) -> Option<usize> {
    let span = d * (k - 1) + 1;
    (i + 2 * p >= span).then(|| (i + 2 * p - span) / s + 1)
}

/// The derivation: count the start positions `0, s, 2s, ...` at which the
/// dilated kernel still lies inside the padded input.
fn count_positions(i: usize, k: usize, p: usize, s: usize, d: usize) -> usize {
    let span = d * (k - 1) + 1;
    (0..i + 2 * p)
        .step_by(s)
        .filter(|start| start + span <= i + 2 * p)
        .count()
}

#[test]
fn formula_equals_the_shape_of_correlate_window_in_1d() {
    let mut checked = 0;
    let mut cases = 0;
    for i in 1..=9 {
        for k in 1..=5 {
            for p in 0..=3 {
                for s in 1..=4 {
                    for d in 1..=3 {
                        cases += 1;
                        let window = Window::uniform(p, s, d);
                        let x = Array1::<i32>::ones(i);
                        let kernel = Array1::<i32>::ones(k);
                        let actual = correlate_window(&x, &kernel, window.clone());
                        let case = format!("i={i} k={k} p={p} s={s} d={d}");
                        match formula(i, k, p, s, d) {
                            Some(o) => {
                                assert_eq!(actual.unwrap().len(), o, "{case}");
                                assert_eq!(count_positions(i, k, p, s, d), o, "{case}");
                                assert_eq!(window.output_len(i, k), Ok(o), "{case}");
                                if d == 1 {
                                    assert_eq!(
                                        Window::uniform(p, s, 1).output_len(i, k),
                                        Ok(o),
                                        "{case}"
                                    );
                                }
                                checked += 1;
                            }
                            None => {
                                assert_eq!(count_positions(i, k, p, s, d), 0, "{case}");
                                assert!(
                                    matches!(actual, Err(ConvError::KernelTooLarge { .. })),
                                    "{case}: {actual:?}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }
    // The chapter says "2,160 cases"; most of them have an output.
    assert_eq!(cases, 2160);
    assert!(checked > 1500, "only {checked} cases had an output");
}

/// In 2-D each axis follows the formula on its own.
#[test]
fn each_axis_follows_the_formula_in_2d() {
    for rows in 1..=6 {
        for cols in 1..=6 {
            for (kr, kc) in [(1, 1), (2, 3), (3, 2), (3, 3), (4, 1)] {
                for p in 0..=2 {
                    for s in 1..=3 {
                        for d in 1..=2 {
                            let window = Window::uniform(p, s, d);
                            let x = Array2::<i32>::ones((rows, cols));
                            let kernel = Array2::<i32>::ones((kr, kc));
                            let actual = correlate_window(&x, &kernel, window);
                            let expected =
                                formula(rows, kr, p, s, d).zip(formula(cols, kc, p, s, d));
                            match expected {
                                Some((o_r, o_c)) => assert_eq!(
                                    actual.unwrap().dim(),
                                    (o_r, o_c),
                                    "{rows}x{cols} kernel {kr}x{kc} p={p} s={s} d={d}"
                                ),
                                None => assert!(actual.is_err()),
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The deep-learning notebook's `n + 2p - f + 1` is the stride-1 case.
#[test]
fn deep_learning_notebook_formula_is_the_stride_one_case() {
    for n in 1..=12 {
        for f in 1..=n {
            for p in 0..=4 {
                assert_eq!(
                    Window::uniform(p, 1, 1).output_len(n, f),
                    Ok(n + 2 * p - f + 1)
                );
            }
        }
    }
}

/// 'same' padding `p = (k - 1) / 2` keeps the length for every odd kernel,
/// and loses one sample for every even kernel (symmetric padding cannot help).
#[test]
fn symmetric_same_padding_works_only_for_odd_kernels() {
    for i in 1..=12 {
        for k in 1..=i {
            let p = (k - 1) / 2;
            let o = Window::uniform(p, 1, 1).output_len(i, k).unwrap();
            if k % 2 == 1 {
                assert_eq!(o, i, "i={i} k={k}");
            } else {
                assert_eq!(o, i - 1, "i={i} k={k}");
            }
        }
    }
}

/// What 'same' means with a stride (the chapter's reference section):
/// TensorFlow's rule, and the crate's scipy rule (stride-1 padding, every
/// `s`-th output), give `ceil(i / s)` outputs; PyTorch's keeps `i` at stride 1
/// and refuses any larger stride.
#[test]
fn same_with_a_stride_is_ceil_i_over_s_or_refused() {
    for i in 1..=12 {
        for k in 1..=6 {
            for s in 1..=4 {
                for d in 1..=3 {
                    let case = format!("i={i} k={k} s={s} d={d}");
                    let x = Array1::<i32>::ones(i);
                    let kernel = Array1::<i32>::ones(k);
                    let window = |rule| Window::stride(s).with_dilation(d).with_same(rule);
                    for rule in [SameRule::TensorFlow, SameRule::Scipy] {
                        let out = correlate_window(&x, &kernel, window(rule));
                        assert_eq!(out.unwrap().len(), i.div_ceil(s), "{rule:?} {case}");
                    }
                    let torch = correlate_window(&x, &kernel, window(SameRule::PyTorch));
                    if s == 1 {
                        assert_eq!(torch.unwrap().len(), i, "{case}");
                    } else {
                        assert_eq!(torch, Err(ConvError::SameStride { stride: s }), "{case}");
                    }
                }
            }
        }
    }
}
