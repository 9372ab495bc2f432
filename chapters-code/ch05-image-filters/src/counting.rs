//! Counting multiplications instead of timing them: a number type that adds one
//! to a per-thread counter each time two of its values are multiplied.
//!
//! The core crate's `convolve` is generic over the element type, so it runs on
//! [`Counted`] unchanged, and the count is exactly the work it did.

use std::cell::Cell;
use std::ops::{Add, Div, Mul, Sub};

use num_traits::{One, Zero};

thread_local! {
    static MULTIPLICATIONS: Cell<u64> = const { Cell::new(0) };
}

fn record_multiplication() {
    MULTIPLICATIONS.with(|count| count.set(count.get() + 1));
}

/// An `f64` whose multiplications are counted.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Counted(pub f64);

impl Mul for Counted {
    type Output = Counted;
    fn mul(self, other: Counted) -> Counted {
        record_multiplication();
        Counted(self.0 * other.0)
    }
}

impl Add for Counted {
    type Output = Counted;
    fn add(self, other: Counted) -> Counted {
        Counted(self.0 + other.0)
    }
}

impl Sub for Counted {
    type Output = Counted;
    fn sub(self, other: Counted) -> Counted {
        Counted(self.0 - other.0)
    }
}

impl Div for Counted {
    type Output = Counted;
    fn div(self, other: Counted) -> Counted {
        Counted(self.0 / other.0)
    }
}

impl Zero for Counted {
    fn zero() -> Counted {
        Counted(0.0)
    }
    fn is_zero(&self) -> bool {
        self.0 == 0.0
    }
}

impl One for Counted {
    fn one() -> Counted {
        Counted(1.0)
    }
}

/// Run `work` and return its result with the number of [`Counted`]
/// multiplications it made on this thread.
pub fn count_multiplications<R>(work: impl FnOnce() -> R) -> (R, u64) {
    MULTIPLICATIONS.with(|count| count.set(0));
    let result = work();
    (result, MULTIPLICATIONS.with(Cell::get))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_only_multiplications() {
        let ((), n) = count_multiplications(|| {
            let a = Counted(2.0);
            let b = a * a + a - a / a;
            assert_eq!(b, Counted(5.0));
        });
        assert_eq!(n, 1);
    }
}
