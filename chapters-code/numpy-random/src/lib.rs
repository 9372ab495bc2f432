//! numpy's legacy random stream (`np.random.seed`, `randint`, `rand`), bit for bit.
//!
//! The seed notebooks print arrays drawn from `np.random.seed(0)`; to check those
//! numbers in Rust we need the very same stream. numpy's legacy `RandomState`:
//!
//! * `seed(s)` for a 32-bit `s` seeds the reference Mersenne Twister (MT19937) with
//!   `init_genrand(s)`;
//! * `randint(low, high)` with `r = high - 1 - low` takes 32-bit draws, masks them with
//!   the smallest all-ones mask `>= r`, rejects values `> r` and returns `low + value`;
//! * `rand()` builds a double from two draws, `(a >> 5) * 2^26 + (b >> 6)` over `2^53`.
//!
//! Arrays are filled in row-major (C) order.
//!
//! ```
//! use numpy_random::RandomState;
//! use ndarray::array;
//! // np.random.seed(0); np.random.randint(0, 10, size=(2, 6))
//! let mut rng = RandomState::new(0);
//! let drawn = rng.randint(0, 10, (2, 6))?;
//! assert_eq!(drawn, array![[5, 0, 3, 3, 7, 9], [3, 5, 2, 4, 7, 6]]);
//! # Ok::<(), numpy_random::RandintError>(())
//! ```

use ndarray::{Array, Dimension, ShapeBuilder};
use rand_mt::Mt;

/// `randint` was asked for an empty range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("randint needs low < high, got low = {low} and high = {high}; raise high above low")]
pub struct RandintError {
    pub low: i64,
    pub high: i64,
}

/// The state of numpy's legacy generator after `np.random.seed(seed)`.
#[derive(Clone)]
pub struct RandomState {
    mt: Mt,
    draws: u64,
}

impl RandomState {
    /// The generator as `np.random.seed(seed)` leaves it.
    pub fn new(seed: u32) -> Self {
        RandomState {
            mt: Mt::new(seed),
            draws: 0,
        }
    }

    /// One raw 32-bit output of the Mersenne Twister.
    pub fn next_u32(&mut self) -> u32 {
        self.draws += 1;
        self.mt.next_u32()
    }

    /// How many raw 32-bit draws have been taken since seeding.
    pub fn draws(&self) -> u64 {
        self.draws
    }

    /// Throw away `n` raw draws (as cells of a notebook that are not shown would).
    pub fn skip(&mut self, n: u64) {
        for _ in 0..n {
            self.next_u32();
        }
    }

    /// One integer uniformly from `low..high`, as numpy's legacy `randint` draws it.
    ///
    /// # Errors
    /// [`RandintError`] if `low >= high`.
    pub fn randint_one(&mut self, low: i64, high: i64) -> Result<i64, RandintError> {
        if low >= high {
            return Err(RandintError { low, high });
        }
        let range = (high - 1 - low) as u64;
        if range == 0 {
            return Ok(low);
        }
        let mask = u64::MAX >> range.leading_zeros();
        let value = if range <= u64::from(u32::MAX) {
            loop {
                let v = u64::from(self.next_u32()) & mask;
                if v <= range {
                    break v;
                }
            }
        } else {
            loop {
                let hi = u64::from(self.next_u32());
                let lo = u64::from(self.next_u32());
                let v = ((hi << 32) | lo) & mask;
                if v <= range {
                    break v;
                }
            }
        };
        Ok(low + value as i64)
    }

    /// An array of integers from `low..high`, like `np.random.randint(low, high, size=shape)`.
    ///
    /// # Errors
    /// [`RandintError`] if `low >= high`.
    pub fn randint<Sh: ShapeBuilder>(
        &mut self,
        low: i64,
        high: i64,
        shape: Sh,
    ) -> Result<Array<i64, Sh::Dim>, RandintError>
    where
        Sh::Dim: Dimension,
    {
        if low >= high {
            return Err(RandintError { low, high });
        }
        Ok(Array::from_shape_simple_fn(shape, || {
            self.randint_one(low, high)
                .expect("the range was checked above")
        }))
    }

    /// One float uniformly from `[0, 1)`, as numpy's legacy `random_sample` draws it.
    pub fn random_one(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) / 9_007_199_254_740_992.0
    }

    /// An array of floats from `[0, 1)`, like `np.random.rand(*shape)`.
    pub fn rand<Sh: ShapeBuilder>(&mut self, shape: Sh) -> Array<f64, Sh::Dim>
    where
        Sh::Dim: Dimension,
    {
        Array::from_shape_simple_fn(shape, || self.random_one())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// The deep-learning notebook, Out[3]: `np.random.seed(0); np.random.randint(0, 10, size=(6, 6))`.
    #[test]
    fn reproduces_seed_000_out_3() {
        let mut rng = RandomState::new(0);
        let image = rng.randint(0, 10, (6, 6)).unwrap();
        assert_eq!(
            image,
            array![
                [5, 0, 3, 3, 7, 9],
                [3, 5, 2, 4, 7, 6],
                [8, 8, 1, 6, 7, 7],
                [8, 1, 5, 9, 8, 9],
                [4, 3, 0, 3, 5, 0],
                [2, 3, 8, 1, 3, 3]
            ]
        );
        // 36 accepted values cost 47 raw draws (11 rejected as > 9).
        assert_eq!(rng.draws(), 47);
    }

    /// The reference MT19937 (init_genrand(5489)) starts with 3499211612.
    #[test]
    fn mersenne_twister_matches_reference_output() {
        assert_eq!(RandomState::new(5489).next_u32(), 3_499_211_612);
    }

    /// `np.random.seed(0); np.random.rand(3)`.
    #[test]
    fn rand_matches_numpy() {
        let mut rng = RandomState::new(0);
        // numpy prints these 17-digit values; the doubles must agree to the bit.
        let expected = array![0.5488135039273248, 0.7151893663724195, 0.6027633760716439];
        assert_eq!(rng.rand(3), expected);
    }

    #[test]
    fn empty_range_is_an_error_not_a_panic() {
        let err = RandomState::new(0).randint(3, 3, 4).unwrap_err();
        assert_eq!(err, RandintError { low: 3, high: 3 });
        assert!(err.to_string().contains("raise high above low"));
    }
}
