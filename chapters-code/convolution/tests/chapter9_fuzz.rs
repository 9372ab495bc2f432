//! Chapter 9's routines on random shapes and parameters, including zero and
//! huge ones: nothing may panic (caught with `catch_unwind`), every error must
//! be a `ConvError`, and every result must equal the by-definition reference.
//! Bounded to a few seconds.

mod chapter9;
mod common;

use std::sync::atomic::Ordering;

// No request may exceed what the routines promise to allocate at most
// (`MAX_RESULT_ELEMENTS` f64 values, 2 GiB): anything larger is refused, which
// aborts this test, so a forgotten size check cannot pass unnoticed.
refuse_above!(4 << 30);

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use chapter9::{correlate_by_definition, filled, transpose_by_definition};
use convolution::ndarray::{Array1, Array3, Array4, ArrayD};
use convolution::{
    ConvError, Mode, PadCount, Padding, Pool, SameRule, TransposedWindow, Window, average_pool,
    conv_transpose, conv_transpose_tf, conv_transpose_zero_insertion, convolution_matrix, convolve,
    correlate_im2col, correlation_matrix, global_average_pool, im2col, insert_zeros, max_pool,
};

use common::XorShift as Rng;

/// Run `f`; a panic fails the test with the case that caused it.
fn no_panic<R>(case: &str, f: impl FnOnce() -> R) -> R {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| panic!("panicked on {case}"))
}

/// Compare with the references only where they stay quick.
const SMALL: usize = 4096;

#[test]
fn chapter9_routines_never_panic_and_match_their_definitions() {
    let start = Instant::now();
    let budget = Duration::from_secs(8);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut checked = 0;
    for iteration in 0..20_000 {
        // The budget keeps the test quick; it ends the loop only once enough
        // cases were compared, so that on a loaded machine (the test command runs
        // the notebooks beside it) the count below still checks the generator.
        if start.elapsed() > budget && checked > 500 {
            break;
        }
        let axes = 1 + rng.below(2);
        let (xs, ks) = (rng.shape(axes), rng.shape(axes));
        let x = filled(&xs, iteration);
        let k = filled(&ks, iteration ^ 0xABCD);
        let window = Window::uniform(rng.param(), rng.param(), rng.param());
        let case = format!("#{iteration} x {xs:?} k {ks:?} {window:?}");

        // The matrix of the windowed correlation, and of convolve in every mode.
        if let Ok(m) = no_panic(&case, || correlation_matrix(&k, &xs, window.clone()))
            && m.len() <= SMALL * 4
        {
            {
                let out_shape: Vec<usize> = xs
                    .iter()
                    .zip(&ks)
                    .map(|(&i, &k)| window.output_len(i, k).unwrap())
                    .collect();
                let expected = correlate_by_definition(
                    &x,
                    &k,
                    (
                        window.sides_on(0, 1, 1).unwrap().before,
                        window.stride_on(0).unwrap(),
                        window.dilation_on(0).unwrap(),
                    ),
                    &out_shape,
                );
                let flat = Array1::from_iter(x.iter().copied());
                assert_eq!(
                    m.dot(&flat).to_vec(),
                    expected.iter().copied().collect::<Vec<_>>(),
                    "{case}"
                );
                checked += 1;
            }
        }
        for mode in [Mode::Full, Mode::Same, Mode::Valid] {
            let matrix = no_panic(&case, || convolution_matrix(&k, &xs, mode));
            let direct = convolve(&x, &k, mode);
            match (matrix, direct) {
                (Ok(m), Ok(out)) => {
                    let flat = Array1::from_iter(x.iter().copied());
                    assert_eq!(
                        m.dot(&flat).to_vec(),
                        out.iter().copied().collect::<Vec<_>>(),
                        "{case} {mode:?}"
                    );
                }
                (Err(e), Err(f)) => assert_eq!(e, f, "{case} {mode:?}"),
                (m, d) => panic!("{case} {mode:?}: matrix {m:?}, convolve {d:?}"),
            }
        }

        // Transposed convolution, both conventions and the zero-insertion view.
        let transposed = TransposedWindow {
            padding: window.sides_on(0, 1, 1).unwrap().before,
            stride: window.stride_on(0).unwrap(),
            dilation: window.dilation_on(0).unwrap(),
            output_padding: rng.param(),
        };
        let t = no_panic(&case, || conv_transpose(&x, &k, transposed));
        let z = no_panic(&case, || conv_transpose_zero_insertion(&x, &k, transposed));
        match &t {
            Ok(t) if t.len() <= SMALL => {
                let crop = vec![transposed.padding; axes];
                let expected = transpose_by_definition(
                    &x,
                    &k,
                    (&crop, transposed.stride, transposed.dilation),
                    t.shape(),
                );
                assert_eq!(t, &expected, "{case} {transposed:?}");
                // The zero-insertion view may refuse a huge padded intermediate
                // (a dilated kernel spans it) even when the output is small.
                match &z {
                    Err(ConvError::TooLarge { .. }) => {}
                    z => assert_eq!(z.as_ref().ok(), Some(t), "{case} {transposed:?}"),
                }
                checked += 1;
            }
            Ok(_) => {}
            Err(e) => assert_eq!(z.as_ref().err(), Some(e), "{case} {transposed:?}"),
        }
        for padding in [Padding::Same(SameRule::TensorFlow), Padding::valid()] {
            let _ = no_panic(&case, || {
                conv_transpose_tf(
                    &x,
                    &k,
                    window.stride_on(0).unwrap(),
                    window.dilation_on(0).unwrap(),
                    padding,
                )
            });
        }
        let _ = no_panic(&case, || insert_zeros(&x, window.stride_on(0).unwrap()));

        // Pooling with the window's numbers as size, stride and padding.
        let pool = Pool {
            size: rng.param(),
            stride: window.stride_on(0).unwrap(),
            padding: window.sides_on(0, 1, 1).unwrap().before,
        };
        let xf: ArrayD<f64> = x.mapv(|v| v as f64);
        let max = no_panic(&case, || max_pool(&x, pool));
        let avg = no_panic(&case, || average_pool(&xf, pool, PadCount::Exclude));
        let _ = no_panic(&case, || average_pool(&xf, pool, PadCount::Include));
        match (&max, &avg) {
            (Ok(m), Ok(a)) => {
                assert_eq!(m.shape(), a.shape(), "{case} {pool:?}");
                // Every window holds a real sample, so the max is one of the inputs
                // and the average lies between the input's extremes.
                let (lo, hi) = (*x.iter().min().unwrap(), *x.iter().max().unwrap());
                assert!(
                    m.iter().all(|v| x.iter().any(|u| u == v)),
                    "{case} {pool:?}"
                );
                assert!(
                    a.iter()
                        .all(|&v| v >= lo as f64 - 1e-9 && v <= hi as f64 + 1e-9)
                );
                checked += 1;
            }
            (Err(e), Err(f)) => assert_eq!(e, f, "{case} {pool:?}"),
            _ => panic!("max and average pooling disagree on {case} {pool:?}"),
        }

        // im2col and global pooling on (H, W, C) images.
        let image_shape = rng.shape(3);
        let image: Array3<i64> = filled(&image_shape, iteration ^ 77)
            .into_dimensionality()
            .unwrap();
        let kernels: Array4<i64> = filled(&rng.shape(4), iteration ^ 99)
            .into_dimensionality()
            .unwrap();
        let _ = no_panic(&case, || {
            im2col(&image, (rng.param(), rng.param()), window.clone())
        });
        let _ = no_panic(&case, || correlate_im2col(&image, &kernels, window.clone()));
        let _ = no_panic(&case, || global_average_pool(&image.mapv(|v| v as f64)));
    }
    assert!(checked > 500, "only {checked} results were compared");
    let largest = LARGEST.load(Ordering::Relaxed);
    println!("chapter 9 fuzz: {checked} results compared; largest allocation {largest} bytes");
    assert!(largest <= LIMIT);
}
