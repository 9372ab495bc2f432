//! The backward pass on random shapes and parameters, including zero and huge
//! ones: nothing may panic (caught with `catch_unwind`), every error is a
//! `ConvError`, and every result has the operands' shapes and satisfies the
//! adjoint identity `<y, g> = <x, ∂L/∂x> = <k, ∂L/∂k>`. Bounded to a few seconds.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use convolution::ndarray::{Array1, Array4, ArrayD, IxDyn};
use convolution::{
    Activation, Conv2dLayer, Padding, SameRule, Window, correlate_window, correlate_window_backward,
};

// No request may exceed what the routines promise to allocate at most
// (`MAX_RESULT_ELEMENTS` f64 values, 2 GiB): anything larger is refused, which
// aborts this test, so a forgotten size check cannot pass unnoticed.
refuse_above!(4 << 30);

use common::XorShift as Rng;

/// Small integers in `-5..=5`, in the given shape.
fn array(rng: &mut Rng, shape: &[usize]) -> ArrayD<i64> {
    ArrayD::from_shape_fn(IxDyn(shape), |_| rng.below(11) as i64 - 5)
}

fn no_panic<R>(case: &str, f: impl FnOnce() -> R) -> R {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| panic!("panicked on {case}"))
}

#[test]
fn backward_routines_never_panic_and_satisfy_the_adjoint_identity() {
    let start = Instant::now();
    let budget = Duration::from_secs(6);
    let mut rng = Rng(0x0BAC_CDA7_A5E5_1017);
    let mut checked = 0;
    for iteration in 0..20_000 {
        // The budget keeps the test quick; it ends the loop only once enough
        // cases were compared, so that on a loaded machine (the test command runs
        // the notebooks beside it) the count below still checks the generator.
        if start.elapsed() > budget && checked > 100 {
            break;
        }
        let axes = 1 + rng.below(3);
        let (xs, ks) = (rng.shape(axes), rng.shape(axes));
        let window = Window::uniform(rng.param(), rng.param(), rng.param());
        let (x, k) = (array(&mut rng, &xs), array(&mut rng, &ks));
        // The gradient: mostly the right shape, sometimes a wrong one.
        let gs: Vec<usize> = match xs
            .iter()
            .zip(&ks)
            .map(|(&i, &k)| window.output_len(i, k))
            .collect()
        {
            Ok(shape) if rng.below(4) != 0 => shape,
            _ => rng.shape(axes),
        };
        let elements = gs.iter().try_fold(1usize, |a, &b| a.checked_mul(b));
        if elements.is_none_or(|e| e > 1 << 16) {
            continue;
        }
        let g = array(&mut rng, &gs);
        let case = format!("#{iteration}: x {xs:?}, k {ks:?}, {window:?}, g {gs:?}");
        let result = no_panic(&case, || {
            correlate_window_backward(&x, &k, window.clone(), &g)
        });
        if let Ok(grads) = result {
            assert_eq!(grads.input.shape(), x.shape(), "{case}");
            assert_eq!(grads.kernel.shape(), k.shape(), "{case}");
            let y = no_panic(&case, || correlate_window(&x, &k, window)).expect("forward exists");
            let dot = |a: &ArrayD<i64>, b: &ArrayD<i64>| (a * b).sum();
            assert_eq!(dot(&y, &g), dot(&x, &grads.input), "{case}");
            assert_eq!(dot(&y, &g), dot(&k, &grads.kernel), "{case}");
            checked += 1;
        }

        // The layer: random (possibly empty or mismatched) shapes.
        let (n, h, w, c) = (rng.below(3), rng.below(5), rng.below(5), rng.below(3));
        let (kh, kw, c_in, c_out) = (rng.below(4), rng.below(4), rng.below(3), rng.below(3));
        let padding = if rng.below(2) == 0 {
            Padding::Same(SameRule::TensorFlow)
        } else {
            Padding::valid()
        };
        let activation = [Activation::Linear, Activation::Relu, Activation::Sigmoid][rng.below(3)];
        let layer = Conv2dLayer {
            weights: Array4::from_elem((kh, kw, c_in, c_out), 0.5),
            bias: Array1::from_elem(rng.below(3), 0.25),
            padding,
            activation,
        };
        let batch = Array4::from_elem((n, h, w, c), 1.0);
        let go = match layer.output_shape((n, h, w, c)) {
            Ok(shape) if rng.below(4) != 0 => shape,
            _ => (rng.below(3), rng.below(5), rng.below(5), rng.below(3)),
        };
        let grad = Array4::from_elem(go, 1.0);
        let case = format!(
            "#{iteration}: layer {:?} batch {:?} g {go:?}",
            layer.weights.dim(),
            batch.dim()
        );
        if let Ok(grads) = no_panic(&case, || layer.backward(&batch, &grad)) {
            assert_eq!(grads.input.dim(), batch.dim(), "{case}");
            assert_eq!(grads.weights.dim(), layer.weights.dim(), "{case}");
            assert_eq!(grads.bias.len(), c_out, "{case}");
        }
    }
    assert!(
        checked > 100,
        "only {checked} successful cases were checked"
    );
    let largest = LARGEST.load(Ordering::Relaxed);
    println!("backward fuzz: {checked} results checked; largest allocation {largest} bytes");
    assert!(largest <= LIMIT);
}
