//! Chapter 9: the matrix of a convolution, and im2col, against the routines
//! they stand for.

mod chapter9;

use array_strategies::{image, signal};
use convolution::ndarray::{Array1, Array3, Array4, ArrayD, s};
use convolution::{
    Allocation, ConvError, Mode, Window, convolution_matrix, convolve, correlate_im2col,
    correlate_window, correlation_matrix, im2col,
};
use proptest::prelude::*;

fn window() -> impl Strategy<Value = Window> {
    (0..3usize, 1..4usize, 1..3usize)
        .prop_map(|(padding, stride, dilation)| Window::uniform(padding, stride, dilation))
}

fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![Just(Mode::Full), Just(Mode::Same), Just(Mode::Valid)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// M · x equals correlate_window(x) in 1-D, or both refuse with the same error.
    #[test]
    fn matrix_times_signal_is_the_windowed_correlation(x in signal(9), k in signal(4), w in window()) {
        let direct = correlate_window(&x, &k, w.clone());
        match correlation_matrix(&k, &[x.len()], w) {
            Ok(m) => prop_assert_eq!(m.dot(&x), direct.unwrap()),
            Err(e) => prop_assert_eq!(Err(e), direct),
        }
    }

    /// The 2-D matrix times vec(image) is vec of the 2-D correlation.
    #[test]
    fn matrix_times_vec_image_is_the_windowed_correlation(x in image(5), k in image(3), w in window()) {
        let direct = correlate_window(&x, &k, w.clone());
        match correlation_matrix(&k, x.shape(), w) {
            Ok(m) => {
                let flat = Array1::from_iter(x.iter().copied());
                let out = direct.unwrap();
                prop_assert_eq!(m.dot(&flat), Array1::from_iter(out.iter().copied()));
            }
            Err(e) => prop_assert_eq!(Err(e), direct),
        }
    }

    /// The convolution matrix reproduces scipy-style convolve, every mode, 1-D and 2-D.
    #[test]
    fn convolution_matrix_matches_convolve(x in signal(8), k in signal(8), a in image(4), b in image(4), mode in mode()) {
        let direct = convolve(&x, &k, mode);
        match convolution_matrix(&k, &[x.len()], mode) {
            Ok(m) => prop_assert_eq!(m.dot(&x), direct.unwrap()),
            Err(e) => prop_assert_eq!(Err(e), direct),
        }
        let direct = convolve(&a, &b, mode);
        match convolution_matrix(&b, a.shape(), mode) {
            Ok(m) => {
                let flat = Array1::from_iter(a.iter().copied());
                let out = direct.unwrap();
                prop_assert_eq!(m.dot(&flat), Array1::from_iter(out.iter().copied()));
            }
            Err(e) => prop_assert_eq!(Err(e), direct),
        }
    }

    /// In 1-D at stride 1 the matrix is Toeplitz: entry (r, c) depends on c - r only.
    #[test]
    fn one_dimensional_matrix_is_toeplitz(k in signal(4), n in 4..10usize, p in 0..3usize, d in 1..3usize) {
        let w = Window::default().with_padding(p).with_dilation(d);
        if let Ok(m) = correlation_matrix(&k, &[n], w) {
            for ((r, c), &v) in m.indexed_iter() {
                if r > 0 && c > 0 {
                    prop_assert_eq!(v, m[[r - 1, c - 1]]);
                }
            }
        }
    }

    /// In 2-D at stride 1 the matrix is doubly block Toeplitz: cut into blocks of
    /// W_out rows and W columns, block (R, C) depends on C - R only, and each
    /// block is Toeplitz itself.
    #[test]
    fn two_dimensional_matrix_is_doubly_block_toeplitz(k in image(3), h in 3..6usize, w in 3..6usize, p in 0..2usize) {
        let window = Window::default().with_padding(p);
        if let Ok(m) = correlation_matrix(&k, &[h, w], window.clone()) {
            let w_out = window.output_len(w, k.ncols()).unwrap();
            let h_out = m.nrows() / w_out;
            let block = |r: usize, c: usize| m.slice(s![r * w_out..(r + 1) * w_out, c * w..(c + 1) * w]).to_owned();
            for r in 0..h_out {
                for c in 0..h {
                    let b = block(r, c);
                    if r > 0 && c > 0 {
                        prop_assert_eq!(&b, &block(r - 1, c - 1));
                    }
                    for ((i, j), &v) in b.indexed_iter() {
                        if i > 0 && j > 0 {
                            prop_assert_eq!(v, b[[i - 1, j - 1]]);
                        }
                    }
                }
            }
        }
    }

    /// im2col's buffer has k_h k_w C H_out W_out elements, and the matrix product
    /// equals the by-definition multi-channel, multi-filter correlation.
    #[test]
    fn im2col_product_is_the_multichannel_correlation(
        h in 1..6usize, w in 1..6usize, c in 1..3usize, kh in 1..4usize, kw in 1..4usize,
        filters in 1..3usize, win in window(), seed in any::<u64>()
    ) {
        let image = chapter9::filled(&[h, w, c], seed).into_dimensionality().unwrap();
        let image: Array3<i64> = image;
        let kernels: Array4<i64> = chapter9::filled(&[kh, kw, c, filters], seed ^ 1).into_dimensionality().unwrap();
        let sizes = win.output_len(h, kh).and_then(|ho| Ok((ho, win.output_len(w, kw)?)));
        match sizes {
            Ok((h_out, w_out)) => {
                let patches = im2col(&image, (kh, kw), win.clone()).unwrap();
                prop_assert_eq!(patches.len(), kh * kw * c * h_out * w_out);
                let out = correlate_im2col(&image, &kernels, win.clone()).unwrap();
                prop_assert_eq!(out.dim(), (h_out, w_out, filters));
                for f in 0..filters {
                    // Sum over channels of 2-D by-definition correlations.
                    let mut expected = ArrayD::<i64>::zeros(vec![h_out, w_out]);
                    for ch in 0..c {
                        expected = expected + chapter9::correlate_by_definition(
                            &image.slice(s![.., .., ch]).to_owned().into_dyn(),
                            &kernels.slice(s![.., .., ch, f]).to_owned().into_dyn(),
                            (win.sides_on(0, 1, 1).unwrap().before, win.stride_on(0).unwrap(), win.dilation_on(0).unwrap()),
                            &[h_out, w_out],
                        );
                    }
                    prop_assert_eq!(out.slice(s![.., .., f]).into_dyn(), expected.view());
                }
            }
            Err(_) => {
                // The same refusal from both, naming the axis (which output_len cannot).
                let err = im2col(&image, (kh, kw), win.clone()).unwrap_err();
                prop_assert_eq!(correlate_im2col(&image, &kernels, win), Err(err));
            }
        }
    }
}

#[test]
fn bad_shapes_get_typed_errors() {
    let k = Array1::from(vec![1, 2, 3]);
    assert!(matches!(
        correlation_matrix(&k, &[4, 4], Window::default()),
        Err(ConvError::ShapeAxes {
            expected: 1,
            found: 2,
            ..
        })
    ));
    assert!(matches!(
        correlation_matrix(&k, &[0], Window::default()),
        Err(ConvError::Empty { .. })
    ));
    assert!(matches!(
        convolution_matrix(&Array1::<i64>::zeros(0), &[3], Mode::Full),
        Err(ConvError::Empty { .. })
    ));
    // A million-sample signal would need a 10^12-element matrix: refused, not allocated.
    assert!(matches!(
        correlation_matrix(&k, &[1_000_000], Window::default()),
        Err(ConvError::TooLarge {
            what: Allocation::Capped,
            ..
        })
    ));
    assert!(matches!(
        correlation_matrix(
            &k,
            &[usize::MAX],
            Window::default().with_padding(usize::MAX)
        ),
        Err(ConvError::SizeOverflow { .. })
    ));
    let image = Array3::<i64>::zeros((4, 4, 2));
    assert!(matches!(
        correlate_im2col(&image, &Array4::zeros((3, 3, 3, 1)), Window::default()),
        Err(ConvError::ChannelMismatch {
            image: 2,
            kernel: 3
        })
    ));
    assert!(matches!(
        im2col(&image, (0, 3), Window::default()),
        Err(ConvError::Empty { .. })
    ));
}

/// The memory cost the chapter quotes: a 3x3 'same' layer on a 224x224x64 map
/// stores each input value nine times in its im2col buffer.
#[test]
fn im2col_cost_of_a_vgg_layer() {
    let window = Window::default().with_padding(1);
    let (h, w, c, k) = (224usize, 224usize, 64usize, 3usize);
    let h_out = window.output_len(h, k).unwrap();
    let w_out = window.output_len(w, k).unwrap();
    let buffer = k * k * c * h_out * w_out;
    assert_eq!(buffer, 28_901_376);
    assert_eq!(buffer / (h * w * c), 9);
    // The routine agrees on a smaller image of the same kind (no 231 MB buffer in a test).
    let image = Array3::<f64>::zeros((16, 16, 4));
    assert_eq!(
        im2col(&image, (3, 3), window).unwrap().len(),
        9 * image.len()
    );
}
