//! Bad input gives a typed error whose message says what to change; never a panic.
//!
//! Cases: empty input, empty kernel, zero stride, zero dilation, kernel larger
//! than the padded input, mixed 'valid' shapes, channel mismatch, wrong number of
//! padding pairs, sizes that overflow usize.

use convolution::{
    ConvError, Mode, Operand, PadMode, Remedy, Window, convolve, correlate_channels,
    correlate_window, pad,
};
use ndarray::{Array1, Array3, array};

#[test]
fn empty_arrays_are_reported_with_their_shape() {
    let empty = Array1::<f64>::zeros(0);
    let x = array![1.0, 2.0];
    let err = convolve(&empty, &x, Mode::Full).unwrap_err();
    assert_eq!(
        err,
        ConvError::Empty {
            operand: Operand::Input,
            shape: vec![0]
        }
    );
    assert!(err.to_string().contains("give it at least one element"));
    let err = correlate_window(&x, &empty, Window::default()).unwrap_err();
    assert_eq!(
        err,
        ConvError::Empty {
            operand: Operand::Kernel,
            shape: vec![0]
        }
    );
}

#[test]
fn zero_stride_and_zero_dilation() {
    let x = array![1, 2, 3];
    let k = array![1];
    let err = correlate_window(&x, &k, Window::stride(0)).unwrap_err();
    assert_eq!(err, ConvError::ZeroStride);
    assert!(err.to_string().contains("use stride 1"));
    let err = correlate_window(&x, &k, Window::default().with_dilation(0)).unwrap_err();
    assert_eq!(err, ConvError::ZeroDilation);
    assert_eq!(
        Window::uniform(0, 0, 1).output_len(5, 3),
        Err(ConvError::ZeroStride)
    );
}

#[test]
fn kernel_larger_than_padded_input_says_how_much_to_pad() {
    let x = array![[1, 2], [3, 4]];
    let k = ndarray::Array2::<i32>::ones((2, 5));
    let err = correlate_window(&x, &k, Window::default()).unwrap_err();
    assert_eq!(
        err,
        ConvError::KernelTooLarge {
            axis: 1,
            kernel: 5,
            input: 2,
            missing_padding: 2,
            remedy: Remedy::WindowPadding,
        }
    );
    assert!(err.to_string().contains("pad the input by at least 2"));
    // With that padding it works: 2 + 2*2 - 5 + 1 = 2 columns.
    let out = correlate_window(&x, &k, Window::default().with_padding(2)).unwrap();
    assert_eq!(out.dim(), (5, 2));
    // Dilation makes the kernel span more: 3 taps, dilation 3 span 7.
    let err = correlate_window(
        &array![1, 2, 3, 4, 5, 6],
        &array![1, 1, 1],
        Window::default().with_dilation(3),
    )
    .unwrap_err();
    assert_eq!(
        err,
        ConvError::KernelTooLarge {
            axis: 0,
            kernel: 7,
            input: 6,
            missing_padding: 1,
            remedy: Remedy::WindowPadding,
        }
    );
}

#[test]
fn channels_must_match() {
    let image = Array3::<f32>::zeros((5, 5, 3));
    let kernel = Array3::<f32>::zeros((3, 3, 4));
    let err = correlate_channels(&image, &kernel).unwrap_err();
    assert_eq!(
        err,
        ConvError::ChannelMismatch {
            image: 3,
            kernel: 4
        }
    );
    assert!(err.to_string().contains("its last axis must be 3"));
    let kernel = Array3::<f32>::zeros((6, 3, 3));
    assert!(matches!(
        correlate_channels(&image, &kernel),
        Err(ConvError::KernelTooLarge { axis: 0, .. })
    ));
}

#[test]
fn sizes_that_overflow_are_errors() {
    assert_eq!(
        Mode::Full.output_len(usize::MAX, 2),
        Err(ConvError::SizeOverflow { axis: 0 })
    );
    assert_eq!(
        Window::uniform(usize::MAX / 2 + 1, 1, 1).output_len(3, 3),
        Err(ConvError::SizeOverflow { axis: 0 })
    );
    let err = Window::default()
        .with_dilation(usize::MAX)
        .output_len(10, 3)
        .unwrap_err();
    assert_eq!(err, ConvError::SizeOverflow { axis: 0 });
    let err = pad(&array![1, 2], &[(usize::MAX, 1)], PadMode::Zeros).unwrap_err();
    assert_eq!(err, ConvError::SizeOverflow { axis: 0 });
    assert!(err.to_string().contains("use a smaller padding"));
}

#[test]
fn pad_needs_one_pair_per_axis() {
    let err = pad(&array![[1, 2]], &[(1, 1)], PadMode::Edge).unwrap_err();
    assert_eq!(err, ConvError::PadWidths { axes: 2, pairs: 1 });
}
