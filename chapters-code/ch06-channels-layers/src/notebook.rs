//! The deep-learning notebook's multi-channel example (In[138]-Out[141]): the notebook's loop,
//! its random inputs, and the search that found where in numpy's random stream
//! those inputs were drawn.

use std::collections::VecDeque;
use std::ops::Range;

use ndarray::{Array2, Array3, array};
use numpy_random::RandomState;

/// What the deep-learning notebook printed as Out[141].
pub fn out_141() -> Array2<i64> {
    array![
        [674, 653, 656, 662],
        [516, 604, 617, 695],
        [623, 493, 581, 621],
        [637, 588, 593, 521]
    ]
}

/// Raw 32-bit draws taken from `np.random.seed(0)` before In[139] drew its
/// image (cells the notebook does not show used the rest).
pub const OUT_141_OFFSET: u64 = 523_524;

/// Shape of In[139]'s image, `randint(1, 10, (6, 6, 3))`.
pub const IMAGE_SHAPE: (usize, usize, usize) = (6, 6, 3);
/// Shape of In[139]'s kernel, `randint(1, 10, (3, 3, 3))`.
pub const KERNEL_SHAPE: (usize, usize, usize) = (3, 3, 3);
/// In[139]'s range: `randint(1, 10)` gives 1..=9.
const LOW: i64 = 1;
const HIGH: i64 = 10;

/// In[139]'s image and kernel as drawn after `skip` raw draws from seed `seed`.
pub fn notebook_inputs(seed: u32, skip: u64) -> (Array3<i64>, Array3<i64>) {
    let mut rng = RandomState::new(seed);
    rng.skip(skip);
    let image = rng
        .randint(LOW, HIGH, IMAGE_SHAPE)
        .expect("1 < 10, a valid range");
    let kernel = rng
        .randint(LOW, HIGH, KERNEL_SHAPE)
        .expect("1 < 10, a valid range");
    (image, kernel)
}

/// The notebook's `convolution_3d_naive`, loop for loop: slide a `(kh, kw, c)`
/// kernel over an `(h, w, c)` image without flipping it, and add up every
/// product, channels included. Shapes are checked by the caller
/// ([`convolution::correlate_channels`] is the checked version).
pub fn convolution_3d_naive(image: &Array3<i64>, kernel: &Array3<i64>) -> Array2<i64> {
    let (h, w, _) = image.dim();
    let (kh, kw, kc) = kernel.dim();
    let mut output = Array2::zeros((h - kh + 1, w - kw + 1));
    for ((i, j), out) in output.indexed_iter_mut() {
        for k in 0..kh {
            for l in 0..kw {
                for m in 0..kc {
                    *out += image[[i + k, j + l, m]] * kernel[[k, l, m]];
                }
            }
        }
    }
    output
}

/// Offsets that reproduce a printed result: skipping any number of raw draws in
/// `first..=last` and then drawing In[139]'s inputs gives the same arrays
/// (the draws in between are ones `randint` rejects anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OffsetMatch {
    pub first: u64,
    pub last: u64,
}

/// Scan the stream of `np.random.seed(seed)`: for every number of skipped raw
/// draws in `offsets`, draw In[139]'s image and kernel and keep the offsets whose
/// [`convolution_3d_naive`] equals `target`.
///
/// Two observations make this cheap. Starting anywhere between two accepted
/// draws gives the same arrays, so it is enough to walk the accepted values
/// once, keeping the last 135 (108 image values, then 27 kernel values) in a
/// queue. And `target[0, 0]` needs only 27 products, so almost every start is
/// rejected before the full 4x4 result is computed.
pub fn find_offsets(seed: u32, offsets: Range<u64>, target: &Array2<i64>) -> Vec<OffsetMatch> {
    let image_len = IMAGE_SHAPE.0 * IMAGE_SHAPE.1 * IMAGE_SHAPE.2;
    let kernel_len = KERNEL_SHAPE.0 * KERNEL_SHAPE.1 * KERNEL_SHAPE.2;
    let window = image_len + kernel_len;
    // Flat positions of the 27 image values under the kernel at output (0, 0).
    let corner: Vec<usize> = (0..kernel_len)
        .map(|t| {
            let (k, l, m) = (t / 9, t / 3 % 3, t % 3);
            (k * IMAGE_SHAPE.1 + l) * IMAGE_SHAPE.2 + m
        })
        .collect();

    let mut rng = RandomState::new(seed);
    rng.skip(offsets.start);
    // (raw index of the draw, value) for the last `window` accepted draws.
    let mut accepted: VecDeque<(u64, i64)> = VecDeque::with_capacity(window + 1);
    // Raw index just after the accepted draw that preceded the queue's front.
    let mut earliest_start = offsets.start;
    let mut found = Vec::new();
    loop {
        let value = rng.randint_one(LOW, HIGH).expect("1 < 10, a valid range");
        accepted.push_back((rng.draws() - 1, value));
        if accepted.len() < window {
            continue;
        }
        let (front, _) = accepted[0];
        if front >= offsets.end {
            break;
        }
        let corner_sum: i64 = corner
            .iter()
            .enumerate()
            .map(|(t, &p)| accepted[p].1 * accepted[image_len + t].1)
            .sum();
        if corner_sum == target[[0, 0]] {
            let values: Vec<i64> = accepted.iter().map(|&(_, v)| v).collect();
            let image = Array3::from_shape_vec(IMAGE_SHAPE, values[..image_len].to_vec())
                .expect("108 values");
            let kernel = Array3::from_shape_vec(KERNEL_SHAPE, values[image_len..].to_vec())
                .expect("27 values");
            if convolution_3d_naive(&image, &kernel) == target {
                found.push(OffsetMatch {
                    first: earliest_start,
                    last: front,
                });
            }
        }
        accepted.pop_front();
        earliest_start = front + 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_finds_the_known_offset_in_a_small_window() {
        let window = OUT_141_OFFSET - 2_000..OUT_141_OFFSET + 2_000;
        let found = find_offsets(0, window, &out_141());
        assert_eq!(found.len(), 1);
        let OffsetMatch { first, last } = found[0];
        assert!((first..=last).contains(&OUT_141_OFFSET));
        // Every offset of the range gives the same inputs, and the ones just
        // outside do not.
        let (image, kernel) = notebook_inputs(0, OUT_141_OFFSET);
        for skip in first..=last {
            assert_eq!(notebook_inputs(0, skip), (image.clone(), kernel.clone()));
        }
        assert_ne!(notebook_inputs(0, first - 1).0, image);
        assert_ne!(notebook_inputs(0, last + 1).0, image);
    }

    #[test]
    fn the_search_finds_nothing_where_there_is_nothing() {
        assert!(find_offsets(0, 0..3_000, &out_141()).is_empty());
    }

    /// A planted target: the inputs at an arbitrary offset are found again, at
    /// that offset, by a search that starts before it.
    #[test]
    fn the_search_finds_a_planted_result() {
        let (image, kernel) = notebook_inputs(7, 1_234);
        let target = convolution_3d_naive(&image, &kernel);
        let found = find_offsets(7, 1_000..1_500, &target);
        assert_eq!(found.len(), 1);
        assert!((found[0].first..=found[0].last).contains(&1_234));
    }

    #[test]
    fn naive_loop_equals_correlate_channels() {
        for skip in [0, 10, 523_524] {
            let (image, kernel) = notebook_inputs(0, skip);
            assert_eq!(
                convolution_3d_naive(&image, &kernel),
                convolution::correlate_channels(&image, &kernel).unwrap()
            );
        }
    }
}
