//! The deep-learning notebook's In[29] ran 1000 random images through its sliding-window loop and
//! compared with scipy. Here the same idea is a property test over random shapes
//! *and* random kernels, in 1-D and 2-D, for all three modes: the correlation sum
//! written out term by term equals the core crate's convolution with the flipped kernel.

use array_strategies::{image, signal};
use ch02_correlation::correlate_by_definition;
use convolution::{Mode, convolve, correlate, flip};
use proptest::prelude::*;

fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![Just(Mode::Full), Just(Mode::Same), Just(Mode::Valid)]
}

/// 'valid' by the definition needs the kernel to fit inside the input.
fn fits(input: &[usize], kernel: &[usize]) -> bool {
    input.iter().zip(kernel).all(|(i, k)| k <= i)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn correlation_is_convolution_with_the_flipped_kernel_1d(
        x in signal(20), k in signal(7), mode in mode()
    ) {
        prop_assume!(mode != Mode::Valid || fits(x.shape(), k.shape()));
        let by_definition = correlate_by_definition(&x, &k, mode).unwrap();
        prop_assert_eq!(&by_definition, &convolve(&x, &flip(&k), mode).unwrap());
        prop_assert_eq!(&by_definition, &correlate(&x, &k, mode).unwrap());
    }

    #[test]
    fn correlation_is_convolution_with_the_flipped_kernel_2d(
        x in image(12), k in image(5), mode in mode()
    ) {
        prop_assume!(mode != Mode::Valid || fits(x.shape(), k.shape()));
        let by_definition = correlate_by_definition(&x, &k, mode).unwrap();
        prop_assert_eq!(&by_definition, &convolve(&x, &flip(&k), mode).unwrap());
        prop_assert_eq!(&by_definition, &correlate(&x, &k, mode).unwrap());
    }
}
