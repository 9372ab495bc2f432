//! Where each output sample of a mode sits on the input, along one axis.

use crate::{ConvError, Mode};

/// One axis of a 2-D convolution written as a correlation with the flipped
/// kernel: `out[o] = sum_t input[o + offset + t] * flipped[t]`, where the input is
/// zero outside `0..input`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AxisPlan {
    pub input: usize,
    pub kernel: usize,
    pub out: usize,
    pub offset: isize,
}

impl AxisPlan {
    /// The plan for `mode`; in `Valid` mode the caller has already swapped the
    /// operands so that `input >= kernel`.
    ///
    /// The indices below are `isize`: lengths whose full result would not fit
    /// in `isize` are [`ConvError::SizeOverflow`] (no such array exists anyway).
    pub fn new(mode: Mode, axis: usize, input: usize, kernel: usize) -> Result<Self, ConvError> {
        let out = mode.output_len_on_axis(axis, input, kernel)?;
        if input
            .checked_add(kernel)
            .is_none_or(|sum| sum > isize::MAX as usize)
        {
            return Err(ConvError::SizeOverflow { axis });
        }
        // Output o of the mode is output o + start of the full result, and full
        // output f uses input[f - j] * kernel[j] = input[f - (k - 1) + t] * flipped[t].
        let offset = mode.start_in_full(kernel) as isize - (kernel as isize - 1);
        Ok(AxisPlan {
            input,
            kernel,
            out,
            offset,
        })
    }

    /// The taps `t0..t1` of the flipped kernel that fall inside the input for output `o`.
    #[inline]
    pub fn taps(&self, o: usize) -> (usize, usize) {
        let first = o as isize + self.offset;
        let t0 = (-first).clamp(0, self.kernel as isize) as usize;
        let t1 = (self.input as isize - first).clamp(t0 as isize, self.kernel as isize) as usize;
        (t0, t1)
    }

    /// The outputs `lo..hi` whose every tap falls inside the input.
    pub fn interior(&self) -> (usize, usize) {
        let out = self.out as isize;
        let lo = (-self.offset).clamp(0, out);
        let hi = (self.input as isize - self.kernel as isize - self.offset + 1).clamp(lo, out);
        (lo as usize, hi as usize)
    }

    /// Input index of tap 0 for output `o`, which must be an interior output.
    #[inline]
    pub fn first_input(&self, o: usize) -> usize {
        self.input_at(o, 0)
    }

    /// Input index that tap `t` of output `o` reads; `t` must be in `taps(o)`.
    #[inline]
    pub fn input_at(&self, o: usize, t: usize) -> usize {
        (o as isize + self.offset + t as isize) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taps_match_a_bounds_check_for_every_output() {
        for mode in [Mode::Full, Mode::Same, Mode::Valid] {
            for input in 1..9 {
                for kernel in 1..9 {
                    if mode == Mode::Valid && kernel > input {
                        continue;
                    }
                    let plan = AxisPlan::new(mode, 0, input, kernel).unwrap();
                    let (lo, hi) = plan.interior();
                    for o in 0..plan.out {
                        let inside: Vec<usize> = (0..kernel)
                            .filter(|&t| {
                                let i = o as isize + plan.offset + t as isize;
                                (0..input as isize).contains(&i)
                            })
                            .collect();
                        let (t0, t1) = plan.taps(o);
                        assert_eq!((t0..t1).collect::<Vec<_>>(), inside);
                        assert_eq!((lo..hi).contains(&o), inside.len() == kernel);
                    }
                }
            }
        }
    }
}
