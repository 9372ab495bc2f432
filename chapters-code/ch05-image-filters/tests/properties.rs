//! The chapter's formulas as properties, on random integer images and kernels
//! (integers, so that "equal" means equal).

use convolution::kernels::{central_difference, identity};
use convolution::{Mode, convolve, correlate};
use ndarray::{Array1, Array2};
use proptest::prelude::*;

fn image() -> impl Strategy<Value = Array2<i64>> {
    (3usize..12, 3usize..12).prop_flat_map(|(h, w)| {
        proptest::collection::vec(0i64..256, h * w)
            .prop_map(move |v| Array2::from_shape_vec((h, w), v).expect("h * w values"))
    })
}

proptest! {
    /// Convolving with D_x = [1, 0, -1] is the centred difference x[n+1] - x[n-1].
    #[test]
    fn central_difference_is_next_minus_previous(signal in proptest::collection::vec(-100i32..100, 3..20)) {
        let x = Array1::from(signal);
        let d = convolve(&x, &central_difference(), Mode::Same).unwrap();
        for n in 1..x.len() - 1 {
            prop_assert_eq!(d[n], x[n + 1] - x[n - 1]);
        }
    }

    /// Sharpening by linearity: I ⋆ (δ + α f) = I + α (I ⋆ f), for any 3 × 3 f.
    #[test]
    fn sharpening_kernel_equals_image_plus_detail(
        image in image(),
        weights in proptest::collection::vec(-4i64..5, 9),
        alpha in 1i64..5,
    ) {
        let f = Array2::from_shape_vec((3, 3), weights).unwrap();
        let delta = identity().mapv(i64::from);
        let one_kernel = correlate(&image, &(&delta + &(alpha * &f)), Mode::Same).unwrap();
        let two_steps = &image + &(alpha * &correlate(&image, &f, Mode::Same).unwrap());
        prop_assert_eq!(one_kernel, two_steps);
    }
}
