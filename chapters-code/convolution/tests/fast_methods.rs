//! Every fast method against the reference `convolve`, on random shapes,
//! kernels and modes, in `f32` and `f64`.
//!
//! Tolerances (absolute, for values in [-1, 1]): `f64` 1e-9, `f32` 2e-4. The
//! direct and separable methods only reorder the same sums; the FFT spreads
//! rounding errors of about `eps * log2(P Q)` times the largest value over the
//! whole output, hence the margin.

use approx::assert_abs_diff_eq;
use convolution::fast::{FastFloat, Threads, rank_one_factors};
use convolution::{
    ConvError, FastConv, Method, Mode, convolve, convolve_separable, correlate, outer,
};
use ndarray::{Array1, Array2, s};
use proptest::prelude::*;

const MODES: [Mode; 3] = [Mode::Full, Mode::Same, Mode::Valid];

fn matrix(rows: usize, cols: usize) -> impl Strategy<Value = Array2<f64>> {
    proptest::collection::vec(-1.0..1.0_f64, rows * cols)
        .prop_map(move |v| Array2::from_shape_vec((rows, cols), v).unwrap())
}

fn vector(len: usize) -> impl Strategy<Value = Array1<f64>> {
    proptest::collection::vec(-1.0..1.0_f64, len).prop_map(Array1::from)
}

/// An image up to 70 wide (so the 32-wide blocks and their remainders run),
/// a kernel up to 9 x 9, and a mode.
fn case() -> impl Strategy<Value = (Array2<f64>, Array2<f64>, Mode)> {
    (
        1..24_usize,
        1..70_usize,
        1..10_usize,
        1..10_usize,
        0..3_usize,
    )
        .prop_flat_map(|(h, w, kh, kw, mode)| (matrix(h, w), matrix(kh, kw), Just(MODES[mode])))
}

/// As `case`, with a rank-1 kernel `column * row^T`.
fn separable_case() -> impl Strategy<Value = (Array2<f64>, Array1<f64>, Array1<f64>, Mode)> {
    (
        1..24_usize,
        1..70_usize,
        1..10_usize,
        1..10_usize,
        0..3_usize,
    )
        .prop_flat_map(|(h, w, kh, kw, mode)| {
            (matrix(h, w), vector(kh), vector(kw), Just(MODES[mode]))
        })
}

/// Check one method in type `T` against the reference computed in `T`, for
/// convolution and for correlation.
fn check<T: FastFloat>(
    method: Method,
    image: &Array2<f64>,
    kernel: &Array2<f64>,
    mode: Mode,
    epsilon: f64,
) -> Result<(), TestCaseError> {
    let image_t = image.mapv(|x| T::from(x).unwrap());
    let kernel_t = kernel.mapv(|x| T::from(x).unwrap());
    let conv = FastConv::new(method);
    let reference = convolve(&image_t, &kernel_t, mode);
    same_result(reference, conv.convolve(&image_t, &kernel_t, mode), epsilon)?;
    let reference = correlate(&image_t, &kernel_t, mode);
    same_result(
        reference,
        conv.correlate(&image_t, &kernel_t, mode),
        epsilon,
    )
}

/// Both results equal within `epsilon`, or both the same error.
fn same_result<T: FastFloat>(
    reference: Result<Array2<T>, ConvError>,
    fast: Result<Array2<T>, ConvError>,
    epsilon: f64,
) -> Result<(), TestCaseError> {
    match (reference, fast) {
        (Ok(reference), Ok(fast)) => {
            let reference = reference.mapv(|x| x.to_f64().unwrap());
            let fast = fast.mapv(|x| x.to_f64().unwrap());
            prop_assert_eq!(fast.dim(), reference.dim());
            assert_abs_diff_eq!(fast, reference, epsilon = epsilon);
        }
        // Both must reject the same shapes ('valid' with neither array larger).
        (Err(a), Err(b)) => prop_assert_eq!(a, b),
        (a, b) => prop_assert!(false, "reference {:?} but fast {:?}", a.err(), b.err()),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn direct_equals_the_reference((image, kernel, mode) in case()) {
        check::<f64>(Method::Direct, &image, &kernel, mode, 1e-9)?;
        check::<f32>(Method::Direct, &image, &kernel, mode, 2e-4)?;
    }

    #[test]
    fn fft_equals_the_reference((image, kernel, mode) in case()) {
        check::<f64>(Method::Fft, &image, &kernel, mode, 1e-9)?;
        check::<f32>(Method::Fft, &image, &kernel, mode, 2e-4)?;
    }

    #[test]
    fn auto_equals_the_reference((image, kernel, mode) in case()) {
        check::<f64>(Method::Auto, &image, &kernel, mode, 1e-9)?;
        check::<f32>(Method::Auto, &image, &kernel, mode, 2e-4)?;
    }

    #[test]
    fn separable_equals_the_reference((image, column, row, mode) in separable_case()) {
        let kernel = outer(&column, &row);
        check::<f64>(Method::Separable, &image, &kernel, mode, 1e-9)?;
        check::<f32>(Method::Separable, &image, &kernel, mode, 2e-4)?;
        check::<f64>(Method::Auto, &image, &kernel, mode, 1e-9)?;
        // The two-pass reference is the definition's 2-D convolution...
        let reference = convolve_separable(&image, &column, &row, mode);
        same_result(convolve(&image, &kernel, mode), reference.clone(), 1e-12)?;
        // ...and the fast method given the factors computes it, errors included.
        let given = FastConv::new(Method::Separable).convolve_separable(&image, &column, &row, mode);
        same_result(reference, given, 1e-9)?;
    }

    #[test]
    fn rank_one_factors_rebuild_the_kernel(column in vector(5), row in vector(4)) {
        let kernel = outer(&column, &row);
        let (c, r) = rank_one_factors(&kernel.view()).expect("an outer product has rank one");
        assert_abs_diff_eq!(outer(&c, &r), kernel, epsilon = 1e-12);
    }

    #[test]
    fn into_writes_what_convolve_returns((image, kernel, mode) in case()) {
        for method in [Method::Direct, Method::Fft] {
            let conv = FastConv::new(method);
            match conv.convolve(&image, &kernel, mode) {
                Ok(expected) => {
                    // A column-major output and a strided view take the copying path.
                    let mut out = Array2::from_elem(expected.raw_dim(), f64::NAN).reversed_axes();
                    let mut out_t = out.view_mut().reversed_axes();
                    conv.convolve_into(&image, &kernel, mode, &mut out_t)?;
                    prop_assert_eq!(out_t, expected.view());
                    let _ = &mut out;
                }
                // Shapes that have no result are the same error, whatever `out` is.
                Err(err) => {
                    let mut out = Array2::zeros((1, 1));
                    prop_assert_eq!(conv.convolve_into(&image, &kernel, mode, &mut out), Err(err));
                }
            }
        }
    }
}

#[test]
fn threads_give_the_same_numbers_on_a_large_image() {
    let image = Array2::from_shape_fn((420, 400), |(i, j)| ((i * 31 + j * 17) % 23) as f64 - 11.0);
    let kernel = Array2::from_shape_fn((5, 5), |(i, j)| (i as f64 - 2.0) * (j as f64 + 1.0));
    let separable = Array2::from_shape_fn((5, 5), |(i, j)| (i as f64 + 1.0) * (j as f64 - 2.0));
    for (method, kernel) in [
        (Method::Direct, &kernel),
        (Method::Fft, &kernel),
        (Method::Separable, &separable),
    ] {
        for mode in MODES {
            let one = FastConv::new(method)
                .with_threads(Threads::One)
                .convolve(&image, kernel, mode)
                .unwrap();
            let many = FastConv::new(method)
                .with_threads(Threads::Auto)
                .convolve(&image, kernel, mode)
                .unwrap();
            let reference = convolve(&image, kernel, mode).unwrap();
            assert_eq!(one, many, "{method:?} {mode:?}");
            assert_abs_diff_eq!(one, reference, epsilon = 1e-8);
        }
    }
}

#[test]
fn correlate_matches_the_reference() {
    let image = Array2::from_shape_fn((9, 11), |(i, j)| (i * j % 7) as f32);
    let kernel = Array2::from_shape_fn((3, 4), |(i, j)| (i + 2 * j) as f32);
    let fast = FastConv::default()
        .correlate(&image, &kernel, Mode::Same)
        .unwrap();
    assert_abs_diff_eq!(
        fast,
        correlate(&image, &kernel, Mode::Same).unwrap(),
        epsilon = 1e-4
    );
}

#[test]
fn non_contiguous_inputs_are_accepted() {
    let big = Array2::from_shape_fn((12, 14), |(i, j)| (i as f64).sin() + j as f64);
    let image = big.slice(s![1..11;2, ..;3]);
    let kernel = big.slice(s![..3, ..2]).reversed_axes();
    for method in [Method::Direct, Method::Fft, Method::Auto] {
        let fast = FastConv::new(method)
            .convolve(&image, &kernel, Mode::Full)
            .unwrap();
        assert_abs_diff_eq!(
            fast,
            convolve(&image, &kernel, Mode::Full).unwrap(),
            epsilon = 1e-9
        );
    }
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let image = Array2::<f32>::ones((4, 4));
    let empty = Array2::<f32>::zeros((0, 3));
    let conv = FastConv::default();
    assert!(matches!(
        conv.convolve(&image, &empty, Mode::Full),
        Err(ConvError::Empty { .. })
    ));
    assert!(matches!(
        conv.convolve(&empty, &image, Mode::Full),
        Err(ConvError::Empty { .. })
    ));
    let tall = Array2::<f32>::ones((6, 2));
    assert!(matches!(
        conv.convolve(&image, &tall, Mode::Valid),
        Err(ConvError::ValidShapeMismatch { .. })
    ));
    let identity = Array2::<f32>::eye(3);
    let err = FastConv::new(Method::Separable).convolve(&image, &identity, Mode::Same);
    assert_eq!(err, Err(ConvError::NotSeparable { shape: vec![3, 3] }));
    let mut wrong = Array2::<f32>::zeros((4, 5));
    let err = conv.convolve_into(&image, &identity, Mode::Same, &mut wrong);
    assert_eq!(
        err,
        Err(ConvError::OutputShape {
            expected: vec![4, 4],
            found: vec![4, 5]
        })
    );
    assert_eq!(
        Mode::Valid.output_shape(&[4, 4], &[6, 2]).unwrap_err(),
        ConvError::ValidShapeMismatch {
            input: vec![4, 4],
            kernel: vec![6, 2]
        }
    );
}

#[test]
fn new_auto_is_the_default() {
    assert_eq!(FastConv::new(Method::Auto), FastConv::default());
    assert_eq!(FastConv::default().threads, Threads::Auto);
}

#[test]
fn the_plan_names_what_runs() {
    let image = Array2::<f64>::zeros((40, 50));
    // A rank-one 7 x 7 kernel: wide enough that two passes beat one 2-D pass.
    let blur = Array2::from_shape_fn((7, 7), |(i, j)| ((i + 1) * (7 - j)) as f64);
    let plan = FastConv::default()
        .plan(&image, &blur, Mode::Valid)
        .unwrap();
    assert_eq!(plan.method(), Method::Separable);
    assert_eq!(plan.output_shape(), (34, 44));
    let (column, row) = plan.factors().expect("the kernel is rank one");
    assert_abs_diff_eq!(outer(column, row), blur, epsilon = 1e-12);
    assert_eq!(plan.fft_len(), None);
    let sobel = convolution::kernels::sobel_x().mapv(f64::from);
    let plan = FastConv::new(Method::Fft)
        .plan(&image, &sobel, Mode::Full)
        .unwrap();
    assert_eq!((plan.fft_len(), plan.factors()), (Some((42, 54)), None));
    // 'valid' with the kernel larger: the arrays change places.
    let plan = FastConv::new(Method::Direct)
        .plan(&sobel, &image, Mode::Valid)
        .unwrap();
    assert!(plan.swapped());
    assert_eq!(plan.output_shape(), (38, 48));
}

#[test]
fn integer_two_pass_reference_matches_convolve() {
    let image = Array2::from_shape_fn((5, 7), |(i, j)| (i * 7 + j) as i64 % 5 - 2);
    let (column, row) = (
        Array1::from(vec![1_i64, 2, 1]),
        Array1::from(vec![1_i64, 0, -1]),
    );
    for mode in MODES {
        assert_eq!(
            convolve_separable(&image, &column, &row, mode),
            convolve(&image, &outer(&column, &row), mode),
            "{mode:?}"
        );
        let tiny = image.slice(s![..2, ..2]);
        assert_eq!(
            convolve_separable(&tiny, &column, &row, mode),
            convolve(&tiny, &outer(&column, &row), mode),
            "{mode:?} on a 2 x 2 image"
        );
    }
}

/// An image and kernel large enough that the FFT cuts the output into tiles
/// (images up to 200 x 200, kernels up to 40 x 40), and a mode.
fn tiled_case() -> impl Strategy<Value = (Array2<f64>, Array2<f64>, Mode)> {
    (
        1..200_usize,
        1..200_usize,
        1..40_usize,
        1..40_usize,
        0..3_usize,
    )
        .prop_flat_map(|(h, w, kh, kw, mode)| (matrix(h, w), matrix(kh, kw), Just(MODES[mode])))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Tiles, their remainders, one and two threads, both types, all modes.
    #[test]
    fn tiled_fft_equals_the_reference((image, kernel, mode) in tiled_case()) {
        for threads in [Threads::One, Threads::Auto] {
            let conv = FastConv::new(Method::Fft).with_threads(threads);
            same_result(convolve(&image, &kernel, mode), conv.convolve(&image, &kernel, mode), 1e-9)?;
            let (image32, kernel32) = (image.mapv(|x| x as f32), kernel.mapv(|x| x as f32));
            same_result(
                convolve(&image32, &kernel32, mode),
                conv.correlate(&image32, &flip_2d(&kernel32), mode),
                5e-4,
            )?;
        }
    }
}

fn flip_2d<T: Clone>(a: &Array2<T>) -> Array2<T> {
    a.slice(s![..;-1, ..;-1]).to_owned()
}

/// The whole-image length `fft_len(n + k - 1)` of each axis.
fn whole_image(image: (usize, usize), kernel: (usize, usize)) -> (usize, usize) {
    let len = |n: usize, k: usize| convolution::fast::fft_len(n + k - 1).unwrap();
    (len(image.0, kernel.0), len(image.1, kernel.1))
}

#[test]
fn large_images_are_cut_into_tiles_small_ones_are_not() {
    let image = Array2::<f64>::zeros((2048, 2048));
    let kernel = Array2::<f64>::ones((31, 31));
    let plan = FastConv::new(Method::Fft)
        .plan(&image, &kernel, Mode::Same)
        .unwrap();
    let (p, q) = plan.fft_len().unwrap();
    assert!(p < 2048 && q < 2048, "{p} x {q}");
    let small = Array2::<f64>::zeros((20, 30));
    let plan = FastConv::new(Method::Fft)
        .plan(&small, &kernel, Mode::Full)
        .unwrap();
    assert_eq!(plan.fft_len(), Some(whole_image((20, 30), (31, 31))));
}

#[test]
fn tiles_with_threads_match_one_thread_and_the_reference() {
    // 300 x 290 with a 5 x 5 kernel: tiles of a few dozen samples, and a
    // remainder in each direction.
    let image = Array2::from_shape_fn((300, 290), |(i, j)| ((i * 31 + j * 17) % 23) as f64 - 11.0);
    let kernel = Array2::from_shape_fn((5, 4), |(i, j)| (i as f64 - 2.0) * (j as f64 + 1.0));
    for mode in MODES {
        let plan = FastConv::new(Method::Fft)
            .plan(&image, &kernel, mode)
            .unwrap();
        assert_ne!(plan.fft_len(), Some(whole_image((300, 290), (5, 4))));
        let one = FastConv::new(Method::Fft)
            .with_threads(Threads::One)
            .convolve(&image, &kernel, mode)
            .unwrap();
        let many = FastConv::new(Method::Fft)
            .with_threads(Threads::Auto)
            .convolve(&image, &kernel, mode)
            .unwrap();
        assert_eq!(one, many, "{mode:?}");
        assert_abs_diff_eq!(
            one,
            convolve(&image, &kernel, mode).unwrap(),
            epsilon = 1e-8
        );
    }
}

#[test]
fn cached_plans_and_buffers_give_the_same_bits() {
    // Repeated calls reuse this thread's plans and spare buffers (left with
    // the values of the last call); other sizes and the other type in between
    // must not disturb them.
    let image = Array2::from_shape_fn((70, 90), |(i, j)| ((i * 13 + j * 7) % 11) as f64 - 5.0);
    let kernel = Array2::from_shape_fn((9, 7), |(i, j)| ((i + 2 * j) % 5) as f64 - 2.0);
    let conv = FastConv::new(Method::Fft).with_threads(Threads::One);
    let first = conv.convolve(&image, &kernel, Mode::Same).unwrap();
    let other = Array2::from_shape_fn((33, 17), |(i, j)| (i * j % 3) as f32);
    for round in 0..3 {
        let small = conv
            .convolve(&other, &kernel.mapv(|x| x as f32), Mode::Full)
            .unwrap();
        assert_abs_diff_eq!(
            small,
            convolve(&other, &kernel.mapv(|x| x as f32), Mode::Full).unwrap(),
            epsilon = 1e-3
        );
        let big = conv
            .convolve(&Array2::<f64>::ones((120, 40)), &kernel, Mode::Valid)
            .unwrap();
        assert_eq!(big.dim(), (112, 34));
        assert_eq!(
            conv.convolve(&image, &kernel, Mode::Same).unwrap(),
            first,
            "round {round}"
        );
    }
    assert_abs_diff_eq!(
        first,
        convolve(&image, &kernel, Mode::Same).unwrap(),
        epsilon = 1e-9
    );
}

#[test]
fn kernels_larger_than_the_image_and_single_samples() {
    let kernel = Array2::from_shape_fn((31, 29), |(i, j)| ((i * 3 + j) % 7) as f64 - 3.0);
    for shape in [(1, 1), (1, 40), (40, 1), (2, 3), (30, 31)] {
        let image = Array2::from_shape_fn(shape, |(i, j)| (i + 2 * j) as f64 - 1.5);
        for mode in MODES {
            for (a, b) in [(&image, &kernel), (&kernel, &image)] {
                let reference = convolve(a, b, mode);
                let fast = FastConv::new(Method::Fft).convolve(a, b, mode);
                match (reference, fast) {
                    (Ok(r), Ok(f)) => assert_abs_diff_eq!(f, r, epsilon = 1e-9),
                    (r, f) => assert_eq!(r.err(), f.err(), "{shape:?} {mode:?}"),
                }
            }
        }
    }
}
