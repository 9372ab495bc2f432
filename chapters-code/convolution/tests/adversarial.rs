//! Every reproducer of issue 13 ("no input makes the core crate panic, hang or
//! abort"), one test each, named for what it checks. Each was a panic, an
//! abort, a hang or a silently wrong answer before; now each is a typed error
//! or the right value, in debug and release builds alike
//! (`cargo test -p convolution --release --test adversarial`).

mod common;

/// Requests above 4 GiB fail at once, on any machine: the huge results below
/// must come back as `ConvError::TooLarge` from the crate's fallible
/// allocation, not as an abort (nor as an hour of swapping on a big machine).
#[global_allocator]
static ALLOCATOR: common::Refusing = common::Refusing {
    refuse: |size| size > 4 << 30,
};

use convolution::fast::{choose_method, fft_len, multiply_adds};
use convolution::ndarray::{Array1, Array2, Array3, Array4, arr0, array};
use convolution::{
    Activation, Allocation, Conv2dLayer, ConvError, FastConv, Method, Mode, Operand, PadMode,
    Padding, Remedy, SameRule, Window, convolve, correlate, correlate_channels, correlate_window,
    pad,
};

// --- arrays with different numbers of axes (IxDyn) ---

#[test]
fn a_2d_input_with_a_1d_kernel_is_an_axes_error_not_a_panic() {
    let image = array![[1i64, 2], [3, 4]].into_dyn();
    let kernel = array![1i64, 1].into_dyn();
    let expected = ConvError::AxesMismatch {
        input: 2,
        kernel: 1,
    };
    assert_eq!(convolve(&image, &kernel, Mode::Full), Err(expected.clone()));
    assert_eq!(
        correlate_window(&image, &kernel, Window::default()),
        Err(expected.clone())
    );
    assert!(expected.to_string().contains("same number of axes"));
}

#[test]
fn a_1d_input_with_a_2d_kernel_is_an_error_not_a_wrong_answer() {
    // Was silently [1, 12, 23, 30].
    let x = array![1i64, 2, 3].into_dyn();
    let k = array![[1i64], [10]].into_dyn();
    assert_eq!(
        convolve(&x, &k, Mode::Full),
        Err(ConvError::AxesMismatch {
            input: 1,
            kernel: 2
        })
    );
}

#[test]
fn a_0d_input_with_a_1d_kernel_is_an_error_not_a_wrong_answer() {
    // Was silently 22.
    let x = arr0(2i64).into_dyn();
    let k = array![1i64, 10].into_dyn();
    assert_eq!(
        convolve(&x, &k, Mode::Same),
        Err(ConvError::AxesMismatch {
            input: 0,
            kernel: 1
        })
    );
}

// --- integer overflow: one typed error in every build ---

#[test]
fn i8_overflow_is_a_typed_error_naming_the_output_index() {
    let err = convolve(&array![100i8, 100], &array![2i8, 2], Mode::Full).unwrap_err();
    assert_eq!(
        err,
        ConvError::Overflow {
            position: vec![0],
            element: "i8"
        }
    );
    assert!(err.to_string().contains("output index [0]"));
    assert!(err.to_string().contains("wider type"));
}

#[test]
fn u8_and_i32_overflow_are_typed_errors() {
    assert!(matches!(
        convolve(&array![200u8, 1], &array![2u8], Mode::Full),
        Err(ConvError::Overflow { ref position, element: "u8" }) if position == &[0]
    ));
    let big = i32::MAX / 2 + 1;
    assert!(matches!(
        convolve(&array![1i32, big], &array![2i32], Mode::Full),
        Err(ConvError::Overflow { ref position, element: "i32" }) if position == &[1]
    ));
    // i64 and u64 too, whose products need the 128-bit accumulator.
    assert!(matches!(
        convolve(&array![i64::MAX], &array![2i64], Mode::Full),
        Err(ConvError::Overflow { .. })
    ));
    assert!(matches!(
        convolve(&array![u64::MAX], &array![u64::MAX], Mode::Full),
        Err(ConvError::Overflow { .. })
    ));
}

#[test]
fn window_and_channel_sums_overflow_as_typed_errors() {
    let err = correlate_window(&array![100i8, 100, 1], &array![1i8, 1], Window::default());
    assert!(matches!(err, Err(ConvError::Overflow { ref position, .. }) if position == &[0]));
    let image = Array3::from_elem((2, 2, 2), 100i8);
    let kernel = Array3::from_elem((1, 1, 2), 1i8);
    let err = correlate_channels(&image, &kernel);
    // The sum over the two channels is 200, at output (0, 0, channel axis 0).
    assert!(matches!(err, Err(ConvError::Overflow { ref position, .. }) if position == &[0, 0, 0]));
}

#[test]
fn a_partial_sum_that_comes_back_into_range_is_not_an_overflow() {
    // 100 + 100 - 100 = 100 fits in i8 although 100 + 100 does not: the sum is exact.
    let out = correlate_window(
        &array![100i8, 100, -100],
        &array![1i8, 1, 1],
        Window::default(),
    );
    assert_eq!(out, Ok(array![100i8]));
    let out = convolve(&array![100i8, 100, -100], &array![1i8], Mode::Full);
    assert_eq!(out, Ok(array![100i8, 100, -100]));
}

// --- sizes nobody can allocate ---

#[test]
fn pad_by_2_pow_32_on_a_2d_array_is_too_large_not_a_panic() {
    let w = 1usize << 32;
    let err = pad(&array![[1, 2], [3, 4]], &[(w, w), (w, w)], PadMode::Zeros).unwrap_err();
    assert!(matches!(
        err,
        ConvError::TooLarge {
            what: Allocation::Padded,
            ..
        }
    ));
    assert!(err.to_string().contains("smaller pad widths"));
}

#[test]
fn huge_stride_and_padding_give_two_samples_without_allocating_the_padding() {
    // Was an abort allocating 128 GiB for a padded copy.
    let window = Window::stride(1 << 34).with_padding(1 << 33);
    let out = correlate_window(&array![1i64, 2, 3], &array![1i64], window);
    // Both outputs read the padding: (3 + 2^34 - 1) / 2^34 + 1 = 2 positions.
    assert_eq!(out, Ok(array![0, 0]));
    let out = correlate_window(&array![1i64, 2, 3], &array![1i64], Window::stride(1 << 34));
    assert_eq!(out, Ok(array![1]));
}

#[test]
fn full_convolution_of_a_long_row_with_a_long_column_is_too_large_not_an_abort() {
    // The result would be 100000 x 100000 (80 GB of f64): refused, not aborted.
    let row = Array2::<f64>::ones((1, 100_000));
    let column = Array2::<f64>::ones((100_000, 1));
    let err = convolve(&row, &column, Mode::Full).unwrap_err();
    assert!(matches!(
        err,
        ConvError::TooLarge {
            what: Allocation::ModeOutput,
            ..
        }
    ));
    assert!(
        err.to_string().contains("Mode::Same or Mode::Valid"),
        "{err}"
    );
    // 'same' keeps the row's shape and is cheap.
    let same = convolve(&row, &column, Mode::Same).unwrap();
    assert_eq!(same.dim(), (1, 100_000));
    assert!(same.iter().all(|&v| v == 1.0));
}

#[test]
fn forced_fft_on_a_row_and_a_column_is_too_large_not_an_abort() {
    // The padded spectra would be 200000 x 200000 complex values (320 GB).
    let image = Array2::from_shape_fn((1, 200_000), |(_, j)| j as f64);
    let mut kernel = Array2::zeros((200_000, 1));
    kernel[[99_999, 0]] = 2.0; // the centre tap that 'same' keeps
    let err = FastConv::new(Method::Fft)
        .convolve(&image, &kernel, Mode::Same)
        .unwrap_err();
    assert!(matches!(
        err,
        ConvError::TooLarge {
            what: Allocation::FftBuffers,
            ..
        }
    ));
    assert!(err.to_string().contains("Method::Direct"), "{err}");
    // Auto does not pick the FFT here, and gets the right answer.
    let auto = FastConv::new(Method::Auto)
        .convolve(&image, &kernel, Mode::Same)
        .unwrap();
    assert_eq!(auto, image.mapv(|x| 2.0 * x));
}

#[test]
fn separable_with_200000_tap_factors_on_a_10x10_image_never_builds_the_kernel() {
    let image = Array2::from_shape_fn((10, 10), |(i, j)| (i * 10 + j) as f64);
    let taps = Array1::<f64>::ones(200_000);
    let fast = FastConv::default();
    // 'same': every output's window covers the whole image.
    let out = fast
        .convolve_separable(&image, &taps, &taps, Mode::Same)
        .unwrap();
    assert_eq!(out, Array2::from_elem((10, 10), image.sum()));
    // 'full' and 'valid' (swapped) have results of about 200000 x 200000: refused.
    for mode in [Mode::Full, Mode::Valid] {
        let err = fast
            .convolve_separable(&image, &taps, &taps, mode)
            .unwrap_err();
        assert!(
            matches!(err, ConvError::TooLarge { .. }),
            "{mode:?}: {err:?}"
        );
    }
}

// --- shape-only helpers: checked arithmetic and closed forms ---

#[test]
fn valid_output_len_with_a_zero_kernel_is_an_empty_error() {
    assert_eq!(
        Mode::Valid.output_len(usize::MAX, 0),
        Err(ConvError::Empty {
            operand: Operand::Kernel,
            shape: vec![0]
        })
    );
}

#[test]
fn output_shape_of_a_2_pow_63_kernel_in_same_mode_is_the_input_shape() {
    assert_eq!(
        Mode::Same.output_shape(&[1, 1], &[1 << 63, 1]),
        Ok(vec![1, 1])
    );
    assert_eq!(
        Mode::Full.output_shape(&[1, 1], &[usize::MAX, 1]),
        Ok(vec![usize::MAX, 1])
    );
    assert!(matches!(
        Mode::Full.output_shape(&[2, 1], &[usize::MAX, 1]),
        Err(ConvError::SizeOverflow { axis: 0 })
    ));
}

#[test]
fn fft_count_of_a_usize_max_image_is_none_not_a_panic() {
    assert_eq!(
        multiply_adds(Method::Fft, (usize::MAX, 1), (2, 1), Mode::Same),
        None
    );
    // The direct count needs no padded length, so it exists: 2 taps per row but the last.
    assert_eq!(
        multiply_adds(Method::Direct, (usize::MAX, 1), (2, 1), Mode::Same),
        Some(2.0 * usize::MAX as f64 - 1.0)
    );
}

#[test]
fn layer_output_shape_of_a_usize_max_image_is_computed_not_overflowed() {
    let layer = Conv2dLayer::new(
        Array4::zeros((3, 3, 1, 2)),
        Array1::zeros(2),
        Padding::Same(SameRule::TensorFlow),
        Activation::Linear,
    )
    .unwrap();
    assert_eq!(
        layer.output_shape((1, usize::MAX, 5, 1)),
        Ok((1, usize::MAX, 5, 2))
    );
    let valid = Conv2dLayer {
        padding: Padding::valid(),
        ..layer
    };
    assert_eq!(
        valid.output_shape((1, usize::MAX, 5, 1)),
        Ok((1, usize::MAX - 2, 3, 2))
    );
}

#[test]
fn fft_len_returns_at_once_for_any_size() {
    assert_eq!(fft_len(usize::MAX - 1), None);
    assert_eq!(fft_len(usize::MAX), None);
    let n = (1usize << 62) + 1;
    let m = fft_len(n).expect("a 7-smooth length exists above 2^62");
    assert!(m >= n);
    let mut rest = m;
    for p in [2, 3, 5, 7] {
        while rest.is_multiple_of(p) {
            rest /= p;
        }
    }
    assert_eq!(rest, 1, "{m} is 7-smooth");
    // Nothing smooth lies between n and m: m is the first, checked against
    // 2^62 * 9/8 = 2^59 * 9, the obvious candidate.
    assert!(m <= (1usize << 59) * 9);
}

#[test]
fn costs_and_choice_for_a_2_pow_40_row_image_are_closed_forms() {
    let n = 1usize << 40;
    // 'same' with 3 taps: every output has 3 but the first and the last, which have 2.
    assert_eq!(
        multiply_adds(Method::Direct, (n, 1), (3, 1), Mode::Same),
        Some(3.0 * n as f64 - 2.0)
    );
    assert_eq!(
        choose_method::<f32>((n, 1), (3, 1), Mode::Same, true),
        Method::Direct
    );
}

// --- non-finite values ---

#[test]
fn one_nan_stays_local_under_auto_where_auto_would_otherwise_pick_the_fft() {
    let n = 256;
    let mut image = Array2::from_shape_fn((n, n), |(i, j)| ((i * 7 + j * 3) % 11) as f64);
    let kernel = Array2::from_shape_fn((31, 31), |(i, j)| ((i + 2 * j) % 5) as f64 - 2.0);
    assert_eq!(
        choose_method::<f64>((n, n), (31, 31), Mode::Same, false),
        Method::Fft,
        "without the NaN, Auto picks the FFT"
    );
    image[[128, 128]] = f64::NAN;
    let auto = FastConv::new(Method::Auto)
        .convolve(&image, &kernel, Mode::Same)
        .unwrap();
    let nans = auto.iter().filter(|v| v.is_nan()).count();
    assert_eq!(
        nans,
        31 * 31,
        "only the outputs whose window covers the NaN"
    );
    // The documented behaviour of a forced FFT: the NaN reaches every output.
    let fft = FastConv::new(Method::Fft)
        .convolve(&image, &kernel, Mode::Same)
        .unwrap();
    assert!(fft.iter().all(|v| v.is_nan()));
}

#[test]
fn an_infinity_stays_local_under_auto() {
    let mut image = Array2::<f32>::zeros((256, 256));
    image[[0, 0]] = f32::INFINITY;
    let kernel = Array2::<f32>::ones((31, 31));
    let auto = FastConv::new(Method::Auto)
        .convolve(&image, &kernel, Mode::Same)
        .unwrap();
    let spoiled = auto.iter().filter(|v| !v.is_finite()).count();
    assert_eq!(spoiled, 16 * 16, "the corner's 16 x 16 outputs see the inf");
}

#[test]
fn an_f32_image_of_1e36_through_the_fft_is_finite_and_right() {
    let image = Array2::from_shape_fn((40, 40), |(i, j)| 1e36_f32 * (1.0 + ((i + j) % 3) as f32));
    let kernel = Array2::from_shape_fn((9, 9), |(i, j)| 0.01 * (1 + (i * j) % 4) as f32);
    let direct = FastConv::new(Method::Direct)
        .convolve(&image, &kernel, Mode::Same)
        .unwrap();
    let fft = FastConv::new(Method::Fft)
        .convolve(&image, &kernel, Mode::Same)
        .unwrap();
    assert!(fft.iter().all(|v| v.is_finite()));
    for (a, b) in fft.iter().zip(&direct) {
        assert!((a - b).abs() <= 1e-4 * b.abs(), "{a} vs {b}");
    }
}

#[test]
fn relu_keeps_nan_like_tensorflow_and_pytorch() {
    assert!(Activation::Relu.apply(f64::NAN).is_nan());
    assert_eq!(Activation::Relu.apply(-1.0), 0.0);
    let layer = Conv2dLayer::new(
        Array4::ones((1, 1, 1, 1)),
        Array1::zeros(1),
        Padding::valid(),
        Activation::Relu,
    )
    .unwrap();
    let mut batch = Array4::from_elem((1, 2, 2, 1), -1.0);
    batch[[0, 1, 1, 0]] = f64::NAN;
    let out = layer.forward(&batch).unwrap();
    assert_eq!(out[[0, 0, 0, 0]], 0.0);
    assert!(out[[0, 1, 1, 0]].is_nan());
}

// --- messages that name the fix ---

#[test]
fn a_channels_first_image_is_told_to_permute_its_axes() {
    let image = Array3::<f32>::zeros((3, 32, 32));
    let kernel = Array3::<f32>::zeros((3, 3, 3));
    let err = correlate_channels(&image, &kernel).unwrap_err();
    assert_eq!(
        err,
        ConvError::ChannelsFirst {
            shape: vec![3, 32, 32],
            channels: 3,
            permutation: vec![1, 2, 0]
        }
    );
    assert!(
        err.to_string().contains(".permuted_axes([1, 2, 0])"),
        "{err}"
    );
    assert!(!err.to_string().contains("give the kernel"), "{err}");
}

#[test]
fn pytorch_weight_order_in_a_layer_is_named_not_blamed_on_the_bias() {
    let err = Conv2dLayer::new(
        Array4::zeros((16, 3, 5, 5)),
        Array1::zeros(16),
        Padding::Same(SameRule::TensorFlow),
        Activation::Relu,
    )
    .unwrap_err();
    assert_eq!(
        err,
        ConvError::WeightLayout {
            shape: vec![16, 3, 5, 5]
        }
    );
    assert!(
        err.to_string().contains("permuted_axes([2, 3, 1, 0])"),
        "{err}"
    );
    // A PyTorch (N, C, H, W) batch is told to move its channels last.
    let layer = Conv2dLayer::new(
        Array4::zeros((5, 5, 3, 16)),
        Array1::zeros(16),
        Padding::Same(SameRule::TensorFlow),
        Activation::Relu,
    )
    .unwrap();
    let err = layer.forward(&Array4::zeros((1, 3, 8, 8))).unwrap_err();
    assert!(
        err.to_string().contains("permuted_axes([0, 2, 3, 1])"),
        "{err}"
    );
}

#[test]
fn kernel_too_large_names_the_fix_of_the_function_that_raised_it() {
    let err = correlate_window(&array![1, 2], &array![1, 1, 1, 1], Window::default()).unwrap_err();
    assert!(matches!(
        err,
        ConvError::KernelTooLarge {
            remedy: Remedy::WindowPadding,
            ..
        }
    ));
    assert!(err.to_string().contains("Window::with_padding"), "{err}");

    let err = correlate_channels(&Array3::<i32>::zeros((2, 5, 1)), &Array3::zeros((4, 3, 1)))
        .unwrap_err();
    assert!(err.to_string().contains("convolution::pad"), "{err}");

    let layer = Conv2dLayer::new(
        Array4::zeros((5, 5, 1, 1)),
        Array1::zeros(1),
        Padding::valid(),
        Activation::Linear,
    )
    .unwrap();
    let err = layer.forward(&Array4::zeros((1, 3, 8, 1))).unwrap_err();
    assert!(
        err.to_string()
            .contains("Padding::Same(SameRule::TensorFlow)"),
        "{err}"
    );

    for message in [
        correlate_window(&array![1, 2], &array![1, 1, 1, 1], Window::default()),
        correlate_channels(&Array3::<i32>::zeros((2, 5, 1)), &Array3::zeros((4, 3, 1)))
            .map(|a| a.into_shape_with_order(2).unwrap()),
    ]
    .map(|r| r.unwrap_err().to_string())
    .into_iter()
    .chain([err.to_string()])
    {
        assert!(!message.contains("Mode::"), "{message}");
    }
}

// --- smaller ---

#[test]
fn output_size_with_a_zero_kernel_is_an_error() {
    assert_eq!(
        Window::uniform(0, 1, 1).output_len(5, 0),
        Err(ConvError::Empty {
            operand: Operand::Kernel,
            shape: vec![0]
        })
    );
}

#[test]
fn zero_stride_on_0d_arrays_is_an_error() {
    assert_eq!(
        correlate_window(&arr0(1), &arr0(2), Window::stride(0)),
        Err(ConvError::ZeroStride)
    );
    assert_eq!(
        correlate_window(&arr0(1).into_dyn(), &arr0(2).into_dyn(), Window::stride(0)),
        Err(ConvError::ZeroStride)
    );
    assert_eq!(
        correlate_window(&arr0(3), &arr0(2), Window::default()),
        Ok(arr0(6))
    );
}

#[test]
fn correlate_conjugates_complex_kernels_like_numpy() {
    use convolution::ndarray::Array1 as A;
    type C = num_complex::Complex<f64>;
    let x: A<C> = array![C::new(1.0, 1.0), C::new(2.0, 0.0)];
    let k: A<C> = array![C::new(0.0, 1.0)];
    // np.correlate([1+1j, 2], [1j]) == [1-1j, -2j]
    assert_eq!(
        correlate(&x, &k, Mode::Valid),
        Ok(array![C::new(1.0, -1.0), C::new(0.0, -2.0)])
    );
    // convolve does not conjugate: np.convolve([1+1j, 2], [1j]) == [-1+1j, 2j]
    assert_eq!(
        convolve(&x, &k, Mode::Valid),
        Ok(array![C::new(-1.0, 1.0), C::new(0.0, 2.0)])
    );
}
