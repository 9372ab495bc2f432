//! Separable filtering by definition: a kernel that is an outer product
//! `column * row^T` applied as two 1-D convolutions, for any element type.
//! [`FastConv::convolve_separable`](crate::FastConv::convolve_separable) is
//! the fast `f32`/`f64` version, and is tested against this one.

use ndarray::{Array2, ArrayBase, Axis, Data, Ix1, Ix2, LinalgScalar};

use crate::{ConvError, Mode, convolve};

/// Convolve `image` with the outer product `column * row^T` in two 1-D
/// passes: first down the columns with `column`, then along the rows with
/// `row`. Equal to `convolve(image, &outer(column, row), mode)` (the mode cuts
/// each axis on its own, so cutting after each pass is cutting once), at a
/// cost of `kh + kw` instead of `kh * kw` multiplications per output.
///
/// ```
/// use convolution::{convolve, convolve_separable, outer, Mode};
/// use ndarray::array;
/// let image = array![[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]];
/// let (column, row) = (array![1, 2, 1], array![1, 0, -1]); // Sobel's factors
/// let two_passes = convolve_separable(&image, &column, &row, Mode::Same)?;
/// assert_eq!(two_passes, convolve(&image, &outer(&column, &row), Mode::Same)?);
/// assert_eq!(two_passes.row(1), array![24, 8, 8, -28]); // convolving flips: brighter to the right
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// In `Valid` mode with a kernel larger than the image the two change places,
/// as in [`convolve`]; the image is then the filter and need not be separable,
/// so the kernel is built (fallibly) and convolved directly.
///
/// # Errors
/// As [`convolve`] with a kernel of shape `(column.len(), row.len())`;
/// [`ConvError::Overflow`] also when an integer sum of the first pass does not fit.
pub fn convolve_separable<T, S1, S2, S3>(
    image: &ArrayBase<S1, Ix2>,
    column: &ArrayBase<S2, Ix1>,
    row: &ArrayBase<S3, Ix1>,
    mode: Mode,
) -> Result<Array2<T>, ConvError>
where
    T: LinalgScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    S3: Data<Elem = T>,
{
    let (input, kernel) = ([image.nrows(), image.ncols()], [column.len(), row.len()]);
    mode.output_shape(&input, &kernel)?;
    if mode == Mode::Valid && input.iter().zip(&kernel).any(|(i, k)| i < k) {
        // The outer product is the full convolution of the column (as a
        // kh x 1 array) with the row (1 x kw): every output is one product, so
        // integer products that do not fit are an Overflow, not a panic.
        let outer = convolve(
            &column.view().insert_axis(Axis(1)),
            &row.view().insert_axis(Axis(0)),
            Mode::Full,
        )?;
        return convolve(image, &outer, mode);
    }
    let down = convolve(image, &column.view().insert_axis(Axis(1)), mode)?;
    convolve(&down, &row.view().insert_axis(Axis(0)), mode)
}
