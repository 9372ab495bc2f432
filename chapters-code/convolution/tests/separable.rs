//! The two-pass separable reference against the definition, on random
//! integer images and factors (integers, so that "equal" means equal).

use convolution::{Mode, convolve, convolve_separable, outer};
use ndarray::{Array1, Array2};
use proptest::prelude::*;

fn image() -> impl Strategy<Value = Array2<i64>> {
    (1usize..12, 1usize..12).prop_flat_map(|(h, w)| {
        proptest::collection::vec(0i64..256, h * w)
            .prop_map(move |v| Array2::from_shape_vec((h, w), v).expect("h * w values"))
    })
}

fn taps() -> impl Strategy<Value = Array1<i64>> {
    (1usize..6).prop_flat_map(|k| proptest::collection::vec(-5i64..6, k).prop_map(Array1::from))
}

proptest! {
    /// Two 1-D passes equal one 2-D pass with the outer product, in every
    /// mode, errors included ('valid' with neither array the larger).
    #[test]
    fn two_passes_equal_the_outer_product(image in image(), column in taps(), row in taps()) {
        let kernel = outer(&column, &row);
        for mode in [Mode::Full, Mode::Same, Mode::Valid] {
            prop_assert_eq!(
                convolve_separable(&image, &column, &row, mode),
                convolve(&image, &kernel, mode),
                "{:?}", mode
            );
        }
    }
}

/// In 'valid' mode a kernel larger than the image becomes the signal and is
/// built as the outer product; i8 products that do not fit are an error, not a
/// panic (the fuzz test found this).
#[test]
fn a_valid_swap_whose_outer_product_overflows_is_an_error() {
    let image = ndarray::array![[1i8]];
    let (column, row) = (ndarray::array![100i8, 1], ndarray::array![100i8, 1]);
    assert!(matches!(
        convolve_separable(&image, &column, &row, Mode::Valid),
        Err(convolution::ConvError::Overflow { .. })
    ));
}
