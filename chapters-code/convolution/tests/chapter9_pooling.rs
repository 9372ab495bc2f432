//! Chapter 9: max, average and global average pooling against by-definition
//! references, and their output sizes for every small case.

mod chapter9;

use approx::assert_abs_diff_eq;
use array_strategies::image;
use chapter9::indices;
use convolution::ndarray::{Array1, Array2, Array3, ArrayD};
use convolution::{
    ConvError, PadCount, Pool, Window, average_pool, correlate_window, global_average_pool,
    max_pool,
};
use proptest::prelude::*;

/// The window positions `0, s, 2s, ...` of a `k`-window inside `i + 2p` samples.
fn count_windows(i: usize, k: usize, s: usize, p: usize) -> usize {
    (0..i + 2 * p)
        .step_by(s)
        .filter(|t| t + k <= i + 2 * p)
        .count()
}

#[test]
fn output_sizes_exhaustively() {
    for i in 1..=10 {
        for k in 1..=5 {
            for s in 1..=4 {
                for p in 0..=3 {
                    let pool = Pool {
                        size: k,
                        stride: s,
                        padding: p,
                    };
                    let x = Array1::<f64>::zeros(i);
                    let got = pool.output_len(i);
                    if p > k / 2 {
                        assert_eq!(
                            got,
                            Err(ConvError::PoolPadding {
                                padding: p,
                                size: k,
                                max: k / 2
                            })
                        );
                    } else if k > i + 2 * p {
                        assert!(matches!(got, Err(ConvError::KernelTooLarge { .. })));
                    } else {
                        let o = (i + 2 * p - k) / s + 1;
                        assert_eq!(got, Ok(o));
                        assert_eq!(count_windows(i, k, s, p), o);
                        assert_eq!(max_pool(&x, pool).unwrap().len(), o);
                        assert_eq!(average_pool(&x, pool, PadCount::Exclude).unwrap().len(), o);
                    }
                }
            }
        }
    }
}

/// Max and mean of the real samples under each window, and the window's size.
fn pool_by_definition(x: &ArrayD<i64>, pool: Pool, out_shape: &[usize]) -> Vec<(i64, i64, usize)> {
    indices(out_shape)
        .into_iter()
        .map(|o| {
            let values: Vec<i64> = indices(&vec![pool.size; o.len()])
                .into_iter()
                .filter_map(|j| {
                    let at: Option<Vec<usize>> = (0..o.len())
                        .map(|a| {
                            (o[a] * pool.stride + j[a])
                                .checked_sub(pool.padding)
                                .filter(|&i| i < x.shape()[a])
                        })
                        .collect();
                    at.map(|at| x[at.as_slice()])
                })
                .collect();
            let max = *values.iter().max().expect("a real sample in every window");
            (max, values.iter().sum(), values.len())
        })
        .collect()
}

fn pool() -> impl Strategy<Value = Pool> {
    (1..4usize, 1..4usize, 0..2usize).prop_map(|(size, stride, p)| Pool {
        size,
        stride,
        padding: p.min(size / 2),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn pooling_matches_its_definition(x in image(6), pool in pool()) {
        let Ok(max) = max_pool(&x, pool) else {
            prop_assert!(pool.output_len(x.nrows()).is_err() || pool.output_len(x.ncols()).is_err());
            return Ok(());
        };
        let reference = pool_by_definition(&x.clone().into_dyn(), pool, max.shape());
        let xf = x.mapv(|v| v as f64);
        let include = average_pool(&xf, pool, PadCount::Include).unwrap();
        let exclude = average_pool(&xf, pool, PadCount::Exclude).unwrap();
        let whole = (pool.size * pool.size) as f64;
        for (n, &(m, sum, count)) in reference.iter().enumerate() {
            let at = (n / max.ncols(), n % max.ncols());
            prop_assert_eq!(max[at], m);
            prop_assert!((include[at] - sum as f64 / whole).abs() < 1e-12);
            prop_assert!((exclude[at] - sum as f64 / count as f64).abs() < 1e-12);
        }
        // Average pooling counting the padding is a strided box correlation.
        let boxed = Array2::from_elem((pool.size, pool.size), 1.0 / whole);
        let window = Window::uniform(pool.padding, pool.stride, 1);
        let conv = correlate_window(&xf, &boxed, window).unwrap();
        for (a, b) in include.iter().zip(&conv) {
            prop_assert!((a - b).abs() < 1e-12);
        }
    }
}

#[test]
fn global_average_pool_is_the_mean_of_each_channel() {
    let image = Array3::from_shape_fn((7, 7, 3), |(i, j, c)| (i * 7 + j) as f64 * (c + 1) as f64);
    let g = global_average_pool(&image).unwrap();
    assert_eq!(g.len(), 3);
    for c in 0..3 {
        assert_abs_diff_eq!(g[c], 24.0 * (c + 1) as f64, epsilon = 1e-12);
    }
    assert!(matches!(
        global_average_pool(&Array3::<f64>::zeros((0, 3, 2))),
        Err(ConvError::Empty { .. })
    ));
}

#[test]
fn bad_pools_get_typed_errors() {
    let x = Array2::<f64>::zeros((4, 4));
    assert_eq!(max_pool(&x, Pool::new(0)), Err(ConvError::ZeroPoolSize));
    assert_eq!(
        max_pool(&x, Pool::new(2).with_stride(0)),
        Err(ConvError::ZeroStride)
    );
    assert!(matches!(
        average_pool(&x, Pool::new(5), PadCount::Include),
        Err(ConvError::KernelTooLarge { .. })
    ));
    assert!(matches!(
        max_pool(&x, Pool::new(2).with_padding(2)),
        Err(ConvError::PoolPadding { .. })
    ));
    assert!(matches!(
        max_pool(&Array2::<f64>::zeros((0, 4)), Pool::new(2)),
        Err(ConvError::Empty { .. })
    ));
    // A window far longer than the input, padded to fit: one output, quickly.
    let one = Array1::from(vec![3.0]);
    let wide = Pool::new(1 << 40).with_padding(1 << 39);
    assert_eq!(max_pool(&one, wide).unwrap(), Array1::from(vec![3.0]));
    let avg = average_pool(&one, wide, PadCount::Exclude).unwrap();
    assert_eq!(avg, Array1::from(vec![3.0]));
    // The largest window there is, half of it padding on each side: still one output.
    let widest = Pool::new(usize::MAX).with_padding(usize::MAX / 2);
    assert_eq!(max_pool(&one, widest).unwrap(), Array1::from(vec![3.0]));
    assert_eq!(
        max_pool(&one, Pool::new(usize::MAX).with_padding(usize::MAX / 2 + 1)),
        Err(ConvError::PoolPadding {
            padding: usize::MAX / 2 + 1,
            size: usize::MAX,
            max: usize::MAX / 2
        })
    );
}
