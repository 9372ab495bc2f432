//! Plans and buffers of the FFT method, kept per thread between calls.
//!
//! Planning a transform computes its twiddle factors, and a fresh buffer of a
//! few megabytes comes from the system as pages that fault one by one on
//! first use: for repeated calls of the same size both cost more than the
//! transforms themselves. Each thread therefore keeps its planners (which
//! remember every plan they made) and a few spare buffers, with limits so
//! that the memory held stays bounded: at most [`MAX_LENGTHS`] planned lengths
//! per type (then the planners start afresh) and [`POOL_BYTES`] of buffers.

use std::any::Any;
use std::cell::RefCell;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use realfft::num_complex::Complex;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};
use rustfft::{Fft, FftPlanner};

use super::float::FastFloat;
use crate::engine::try_vec;
use crate::{Allocation, ConvError};

/// Distinct transform lengths a thread's planners remember per element type.
const MAX_LENGTHS: usize = 64;

/// Bytes of spare buffers a thread keeps between calls.
const POOL_BYTES: usize = 48 << 20;

thread_local! {
    /// One `Planners<T>` per element type used on this thread.
    static PLANNERS: RefCell<Vec<Box<dyn Any>>> = const { RefCell::new(Vec::new()) };
    /// Spare `Vec<Complex<T>>` buffers, oldest first.
    static POOL: RefCell<Pool> = const { RefCell::new(Pool { buffers: Vec::new(), bytes: 0 }) };
}

struct Planners<T: FastFloat> {
    real: RealFftPlanner<T>,
    complex: FftPlanner<T>,
    lengths: Vec<usize>,
}

/// The four transforms of a `p x q` 2-D real FFT: real rows of length `q`,
/// complex columns of length `p`.
pub(crate) struct Transforms<T: FastFloat> {
    pub row_forward: Arc<dyn RealToComplex<T>>,
    pub row_inverse: Arc<dyn ComplexToReal<T>>,
    pub column_forward: Arc<dyn Fft<T>>,
    pub column_inverse: Arc<dyn Fft<T>>,
}

impl<T: FastFloat> Planners<T> {
    fn new() -> Self {
        Planners {
            real: RealFftPlanner::new(),
            complex: FftPlanner::new(),
            lengths: Vec::new(),
        }
    }

    fn plan(&mut self, p: usize, q: usize) -> Transforms<T> {
        for n in [p, q] {
            if !self.lengths.contains(&n) {
                if self.lengths.len() >= MAX_LENGTHS {
                    *self = Planners::new();
                }
                self.lengths.push(n);
            }
        }
        Transforms {
            row_forward: self.real.plan_fft_forward(q),
            row_inverse: self.real.plan_fft_inverse(q),
            column_forward: self.complex.plan_fft_forward(p),
            column_inverse: self.complex.plan_fft_inverse(p),
        }
    }
}

/// The transforms for `p x q`, from this thread's planners (planned on the
/// first call for these lengths, then looked up).
pub(crate) fn transforms<T: FastFloat>(p: usize, q: usize) -> Transforms<T> {
    let cached = PLANNERS.try_with(|cell| {
        let mut list = cell.borrow_mut();
        if !list.iter().any(|b| b.is::<Planners<T>>()) {
            list.push(Box::new(Planners::<T>::new()));
        }
        list.iter_mut()
            .find_map(|b| b.downcast_mut::<Planners<T>>())
            .map(|planners| planners.plan(p, q))
    });
    // Only while the thread shuts down is there no cache: plan afresh then.
    cached
        .ok()
        .flatten()
        .unwrap_or_else(|| Planners::new().plan(p, q))
}

struct Pool {
    buffers: Vec<Box<dyn Any>>,
    bytes: usize,
}

impl Pool {
    /// The smallest spare `Vec<Complex<T>>` holding at least `len` values.
    fn take<T: FastFloat>(&mut self, len: usize) -> Option<Vec<Complex<T>>> {
        let best = self
            .buffers
            .iter()
            .enumerate()
            .filter_map(|(i, b)| {
                let v = b.downcast_ref::<Vec<Complex<T>>>()?;
                (v.capacity() >= len).then_some((v.capacity(), i))
            })
            .min()?;
        let buffer = self
            .buffers
            .remove(best.1)
            .downcast::<Vec<Complex<T>>>()
            .ok()?;
        self.bytes -= bytes_of(&buffer);
        Some(*buffer)
    }

    /// Keep `buffer`, dropping the oldest spares if the pool would be too large.
    fn give<T: FastFloat>(&mut self, buffer: Vec<Complex<T>>) {
        let bytes = bytes_of(&buffer);
        if bytes > POOL_BYTES {
            return;
        }
        while self.bytes + bytes > POOL_BYTES && !self.buffers.is_empty() {
            let old = self.buffers.remove(0);
            self.bytes -= any_bytes(&*old);
        }
        self.bytes += bytes;
        self.buffers.push(Box::new(buffer));
    }
}

fn bytes_of<T>(v: &Vec<Complex<T>>) -> usize {
    v.capacity() * size_of::<Complex<T>>()
}

fn any_bytes(b: &dyn Any) -> usize {
    if let Some(v) = b.downcast_ref::<Vec<Complex<f32>>>() {
        bytes_of(v)
    } else if let Some(v) = b.downcast_ref::<Vec<Complex<f64>>>() {
        bytes_of(v)
    } else {
        0
    }
}

/// A buffer of `len` complex values, from this thread's spares or allocated
/// fallibly; it goes back to the spares of the thread that drops it. Its
/// values are unspecified (left from an earlier use): write before reading.
pub(crate) struct Buffer<T: FastFloat>(Vec<Complex<T>>);

impl<T: FastFloat> Buffer<T> {
    /// # Errors
    /// [`ConvError::TooLarge`] when the system refuses the memory.
    pub(crate) fn new(len: usize, shape: &[usize]) -> Result<Self, ConvError> {
        let spare = POOL
            .try_with(|pool| pool.borrow_mut().take::<T>(len))
            .ok()
            .flatten();
        let mut v = match spare {
            Some(v) => v,
            None => try_vec(len, shape, Allocation::FftBuffers)?,
        };
        v.truncate(len);
        v.resize(len, Complex::default());
        Ok(Buffer(v))
    }
}

impl<T: FastFloat> Deref for Buffer<T> {
    type Target = [Complex<T>];
    fn deref(&self) -> &[Complex<T>] {
        &self.0
    }
}

impl<T: FastFloat> DerefMut for Buffer<T> {
    fn deref_mut(&mut self) -> &mut [Complex<T>] {
        &mut self.0
    }
}

impl<T: FastFloat> Drop for Buffer<T> {
    fn drop(&mut self) {
        let buffer = std::mem::take(&mut self.0);
        // During thread shutdown the pool may be gone: the buffer is then freed.
        let _ = POOL.try_with(|pool| pool.borrow_mut().give(buffer));
    }
}
