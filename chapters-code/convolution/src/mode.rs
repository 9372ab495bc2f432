//! The three output modes of numpy's `np.convolve` and scipy's `signal.convolve`.

use crate::{ConvError, Operand};

/// How much of the full convolution to return.
///
/// With an input of length `n` and a kernel of length `k` (per axis):
///
/// | mode | length | which part of the full result |
/// |---|---|---|
/// | `Full` | `n + k - 1` | all of it: every shift where the two overlap at all |
/// | `Same` | `n` | the middle, starting at index `(k - 1) / 2` of the full result |
/// | `Valid` | `n - k + 1` | only shifts where the kernel lies wholly inside the input |
///
/// These are scipy's rules, and numpy's where numpy has them. Two details matter:
///
/// * **Even kernels in `Same`.** The full result is longer than the input by `k - 1`,
///   an odd number when `k` is even; the extra sample is dropped at the *end*
///   (start at `(k - 1) / 2`, rounded down), exactly as scipy's `_centered` and
///   `np.convolve` do.
/// * **`Valid` with a kernel larger than the input.** Convolution is commutative, so,
///   like scipy, the two arrays are swapped and the length is `k - n + 1`. If neither
///   array is at least as large as the other along *every* axis, scipy raises an
///   error, and so do we ([`ConvError::ValidShapeMismatch`]).
///
/// `Same` here keeps the size of the *first* argument (scipy). `np.convolve` differs
/// in one corner: when its second argument is longer, its `'same'` keeps the longer
/// length. The book never relies on that corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Every position where input and kernel overlap (`n + k - 1`).
    Full,
    /// As long as the input, centred on the full result (`n`).
    Same,
    /// Only positions where the kernel fits inside the input (`n - k + 1`).
    Valid,
}

impl Mode {
    /// Output length along one axis for an input of length `input` and a kernel of
    /// length `kernel`.
    ///
    /// ```
    /// use convolution::Mode;
    /// assert_eq!(Mode::Full.output_len(7, 3)?, 9);
    /// assert_eq!(Mode::Same.output_len(7, 3)?, 7);
    /// assert_eq!(Mode::Valid.output_len(7, 3)?, 5);
    /// assert_eq!(Mode::Valid.output_len(3, 7)?, 5); // swapped, as in scipy
    /// # Ok::<(), convolution::ConvError>(())
    /// ```
    ///
    /// # Errors
    /// [`ConvError::Empty`] if either length is zero (there is no convolution
    /// of an empty array), [`ConvError::SizeOverflow`] if `input + kernel - 1`
    /// does not fit in `usize`.
    pub fn output_len(self, input: usize, kernel: usize) -> Result<usize, ConvError> {
        self.output_len_on_axis(0, input, kernel)
    }

    /// The shape of [`convolve`](crate::convolve)`(input, kernel, self)`'s
    /// result (and of [`correlate`](crate::correlate)'s and
    /// [`FastConv`](crate::FastConv)'s), for arrays of any number of axes:
    /// [`Mode::output_len`] on every axis, after scipy's 'valid' swap.
    ///
    /// ```
    /// use convolution::Mode;
    /// assert_eq!(Mode::Full.output_shape(&[512, 512], &[31, 31])?, [542, 542]);
    /// assert_eq!(Mode::Same.output_shape(&[512, 512], &[31, 31])?, [512, 512]);
    /// assert_eq!(Mode::Valid.output_shape(&[512, 512], &[31, 31])?, [482, 482]);
    /// assert!(Mode::Valid.output_shape(&[4, 4], &[6, 2]).is_err()); // neither contains the other
    /// # Ok::<(), convolution::ConvError>(())
    /// ```
    ///
    /// # Errors
    /// As [`convolve`](crate::convolve) for arrays of these shapes:
    /// [`ConvError::AxesMismatch`], [`ConvError::Empty`],
    /// [`ConvError::ValidShapeMismatch`], [`ConvError::SizeOverflow`].
    pub fn output_shape(self, input: &[usize], kernel: &[usize]) -> Result<Vec<usize>, ConvError> {
        if input.len() != kernel.len() {
            return Err(ConvError::AxesMismatch {
                input: input.len(),
                kernel: kernel.len(),
            });
        }
        for (operand, shape) in [(Operand::Input, input), (Operand::Kernel, kernel)] {
            if shape.contains(&0) {
                return Err(ConvError::Empty {
                    operand,
                    shape: shape.to_vec(),
                });
            }
        }
        crate::direct::mode_shape(input, kernel, self).map(|(shape, _)| shape)
    }

    pub(crate) fn output_len_on_axis(
        self,
        axis: usize,
        input: usize,
        kernel: usize,
    ) -> Result<usize, ConvError> {
        for (operand, len) in [(Operand::Input, input), (Operand::Kernel, kernel)] {
            if len == 0 {
                return Err(ConvError::Empty {
                    operand,
                    shape: vec![0],
                });
            }
        }
        match self {
            Mode::Full => input
                .checked_add(kernel - 1)
                .ok_or(ConvError::SizeOverflow { axis }),
            Mode::Same => Ok(input),
            Mode::Valid => Ok(input.abs_diff(kernel) + 1),
        }
    }

    /// Index into the full result where this mode's output starts, for an input at
    /// least as large as the kernel (after any `Valid` swap).
    pub(crate) fn start_in_full(self, kernel: usize) -> usize {
        match self {
            Mode::Full => 0,
            Mode::Same => (kernel - 1) / 2,
            Mode::Valid => kernel - 1,
        }
    }
}
