//! Extending an array beyond its edges, with numpy's `np.pad` modes.

use ndarray::{Array, ArrayBase, Data, Dimension, IxDyn};
use num_traits::Zero;

use crate::engine::{bytes_for, try_vec};
use crate::{Allocation, ConvError};

/// What to put beyond the edge of an array. Names and behaviour follow `np.pad`;
/// for `x = [1, 2, 3]` padded by 2 on each side:
///
/// | mode | numpy | result |
/// |---|---|---|
/// | `Zeros` | `constant` | `0 0 1 2 3 0 0` |
/// | `Edge` | `edge` | `1 1 1 2 3 3 3` |
/// | `Reflect` | `reflect` | `3 2 1 2 3 2 1` |
/// | `Symmetric` | `symmetric` | `2 1 1 2 3 3 2` |
/// | `Wrap` | `wrap` | `2 3 1 2 3 1 2` |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PadMode {
    /// Zeros beyond the edge.
    Zeros,
    /// Repeat the edge sample ("replicate").
    Edge,
    /// Mirror about the edge sample, without repeating it.
    Reflect,
    /// Mirror about the edge itself, repeating the edge sample.
    Symmetric,
    /// Continue periodically from the other side ("circular").
    Wrap,
}

impl PadMode {
    /// Where padded position `i` (which may lie outside `0..n`) reads from, or
    /// `None` for a zero.
    fn source(self, i: isize, n: usize) -> Option<usize> {
        let n = n as isize;
        if (0..n).contains(&i) {
            return Some(i as usize);
        }
        let src = match self {
            PadMode::Zeros => return None,
            PadMode::Edge => i.clamp(0, n - 1),
            PadMode::Wrap => i.rem_euclid(n),
            PadMode::Reflect if n == 1 => 0,
            PadMode::Reflect => {
                let m = i.rem_euclid(2 * (n - 1));
                if m < n { m } else { 2 * (n - 1) - m }
            }
            PadMode::Symmetric => {
                let m = i.rem_euclid(2 * n);
                if m < n { m } else { 2 * n - 1 - m }
            }
        };
        Some(src as usize)
    }
}

/// Pad `input` by `widths[axis] = (before, after)` samples along each axis.
///
/// ```
/// use convolution::{pad, PadMode};
/// use ndarray::array;
/// let x = array![1, 2, 3];
/// assert_eq!(pad(&x, &[(2, 2)], PadMode::Zeros)?, array![0, 0, 1, 2, 3, 0, 0]);
/// assert_eq!(pad(&x, &[(2, 2)], PadMode::Reflect)?, array![3, 2, 1, 2, 3, 2, 1]);
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// [`ConvError::Empty`] if `input` has no elements and the mode needs to read
/// from it, [`ConvError::SizeOverflow`] if a padded length overflows,
/// [`ConvError::TooLarge`] if the padded array cannot be allocated (checked
/// before anything is allocated).
///
/// [`ConvError::PadWidths`] if `widths` does not have one pair per axis.
pub fn pad<T, S, D>(
    input: &ArrayBase<S, D>,
    widths: &[(usize, usize)],
    mode: PadMode,
) -> Result<Array<T, D>, ConvError>
where
    T: Clone + Zero,
    S: Data<Elem = T>,
    D: Dimension,
{
    if widths.len() != input.ndim() {
        return Err(ConvError::PadWidths {
            axes: input.ndim(),
            pairs: widths.len(),
        });
    }
    if input.is_empty() && mode != PadMode::Zeros {
        return Err(ConvError::Empty {
            operand: crate::Operand::Input,
            shape: input.shape().to_vec(),
        });
    }
    let mut shape = Vec::with_capacity(widths.len());
    for (axis, (&n, &(before, after))) in input.shape().iter().zip(widths).enumerate() {
        let len = n
            .checked_add(before)
            .and_then(|len| len.checked_add(after))
            .filter(|&len| len <= isize::MAX as usize)
            .ok_or(ConvError::SizeOverflow { axis })?;
        shape.push(len);
    }
    let (count, bytes) = bytes_for::<T>(&shape);
    let too_large = || ConvError::TooLarge {
        what: Allocation::Padded,
        shape: shape.clone(),
        bytes,
    };
    let count = count.filter(|_| bytes.is_some()).ok_or_else(too_large)?;
    let mut values = try_vec::<T>(count, &shape, Allocation::Padded)?;
    let view = input.view().into_dyn();
    let mut source = vec![0usize; widths.len()];
    // Row-major order, the order `from_shape_vec` expects.
    for index in ndarray::indices(IxDyn(&shape)) {
        let mut value = None;
        for (axis, src) in source.iter_mut().enumerate() {
            // Both fit in isize: the padded length was checked above.
            let i = index[axis] as isize - widths[axis].0 as isize;
            match mode.source(i, view.shape()[axis]) {
                Some(s) => *src = s,
                None => {
                    value = Some(T::zero());
                    break;
                }
            }
        }
        values.push(value.unwrap_or_else(|| view[source.as_slice()].clone()));
    }
    let out = Array::from_shape_vec(IxDyn(&shape), values).map_err(|_| too_large())?;
    Ok(out
        .into_dimensionality::<D>()
        .expect("padding keeps the number of axes"))
}
