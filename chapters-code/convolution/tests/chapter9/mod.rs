//! By-definition references for chapter 9's routines, shared by its tests.
//! Each is written as directly from its formula as possible (loops over every
//! output index and every tap), independently of the crate's implementations.
#![allow(dead_code)]

use convolution::ndarray::{ArrayD, IxDyn};

/// All multi-indices of `shape`, in row-major order.
pub fn indices(shape: &[usize]) -> Vec<Vec<usize>> {
    let mut all = vec![vec![]];
    for &n in shape {
        all = all
            .into_iter()
            .flat_map(|prefix| {
                (0..n).map(move |i| {
                    let mut next = prefix.clone();
                    next.push(i);
                    next
                })
            })
            .collect();
    }
    all
}

/// `out[o] = sum_j x[o s + j d - p] w[j]`, zero outside the input, for outputs
/// `0..out_len` along every axis.
pub fn correlate_by_definition(
    x: &ArrayD<i64>,
    w: &ArrayD<i64>,
    (p, s, d): (usize, usize, usize),
    out_shape: &[usize],
) -> ArrayD<i64> {
    let mut out = ArrayD::zeros(IxDyn(out_shape));
    for o in indices(out_shape) {
        let mut acc = 0;
        for j in indices(w.shape()) {
            let at: Option<Vec<usize>> = (0..o.len())
                .map(|a| {
                    // In u128: the padded length may pass usize::MAX.
                    (o[a] as u128 * s as u128 + j[a] as u128 * d as u128)
                        .checked_sub(p as u128)
                        .filter(|&i| i < x.shape()[a] as u128)
                        .map(|i| i as usize)
                })
                .collect();
            if let Some(at) = at {
                acc += x[at.as_slice()] * w[j.as_slice()];
            }
        }
        out[o.as_slice()] = acc;
    }
    out
}

/// Transposed convolution gathered output by output:
/// `y[n] = sum over (m, j) with m s + j d = n + crop of x[m] w[j]`.
pub fn transpose_by_definition(
    x: &ArrayD<i64>,
    w: &ArrayD<i64>,
    (crop, s, d): (&[usize], usize, usize),
    out_shape: &[usize],
) -> ArrayD<i64> {
    let mut out = ArrayD::zeros(IxDyn(out_shape));
    for n in indices(out_shape) {
        let mut acc = 0;
        for j in indices(w.shape()) {
            let at: Option<Vec<usize>> = (0..n.len())
                .map(|a| {
                    let target = (n[a] + crop[a]).checked_sub(j[a] * d)?;
                    (target % s == 0 && target / s < x.shape()[a]).then_some(target / s)
                })
                .collect();
            if let Some(at) = at {
                acc += x[at.as_slice()] * w[j.as_slice()];
            }
        }
        out[n.as_slice()] = acc;
    }
    out
}

/// `sum a * b` over two arrays of the same shape.
pub fn dot(a: &ArrayD<i64>, b: &ArrayD<i64>) -> i64 {
    assert_eq!(a.shape(), b.shape());
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// A deterministic array of small integers of `shape`, from `seed`.
pub fn filled(shape: &[usize], seed: u64) -> ArrayD<i64> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    ArrayD::from_shape_fn(IxDyn(shape), |_| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) % 19) as i64 - 9
    })
}
