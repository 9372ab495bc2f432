//! Fast 2-D convolution of `f32`/`f64` images: direct, separable and FFT
//! methods, an automatic choice between them, optional threads, and `_into`
//! variants that write into an output array the caller already has.
//!
//! Every method computes exactly what [`convolve`](crate::convolve) computes
//! (scipy's `full`/`same`/`valid`), up to rounding; the crate's tests check this
//! on random shapes, kernels and modes.
//!
//! | method | multiply-adds per output | best for |
//! |---|---|---|
//! | [`Method::Direct`] | `kh * kw` | small kernels |
//! | [`Method::Separable`] | `kh + kw` | rank-1 kernels (box, Gaussian, Sobel) |
//! | [`Method::Fft`] | about `3 log2(P Q)` per padded sample, whatever the kernel | large kernels |
//! | [`Method::Auto`] | the cheapest of the above by [`choose_method`]'s cost model | everything |
//!
//! # NaN, infinity and very large values
//!
//! | method | one NaN or inf in the input or kernel | large finite values |
//! |---|---|---|
//! | [`Method::Direct`] | only the outputs whose window covers it are NaN or ±inf | as the sums themselves |
//! | [`Method::Separable`] | the same outputs (a NaN kernel is never separable) | as the sums themselves |
//! | [`Method::Fft`] | **every** output is NaN: the transform mixes all samples | scaled by powers of two to magnitude ~1 and back (exact), so `1e36` in `f32` stays finite |
//! | [`Method::Auto`] | never the FFT: it scans input and kernel and takes the cheaper of direct and separable | as the method it picks |
//!
//! A result the output type cannot hold is ±inf, as for any float sum.
//!
//! # Memory
//!
//! Output arrays and the FFT's padded spectra are sized with checked
//! arithmetic and allocated fallibly before any work: a size the system
//! refuses is [`ConvError::TooLarge`](crate::ConvError::TooLarge), which names
//! the fix (for the FFT: [`Method::Direct`] or [`Method::Auto`]).

mod auto;
mod direct;
mod fft;
mod float;
mod geometry;
mod parallel;
mod separable;

pub use auto::{CostModel, choose_method, estimated_cost_ns, multiply_adds};
pub use fft::fast_fft_len;
pub use float::FastFloat;
pub use separable::rank_one_factors;

use ndarray::{Array1, Array2, ArrayBase, Data, DataMut, Ix1, Ix2};

use crate::{ConvError, Mode, Operand};
use direct::DirectRows;
use float::dispatch;
use geometry::AxisPlan;
use parallel::for_each_chunk;
use separable::SeparableRows;

/// Which algorithm computes the convolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// Pick one of the others with [`choose_method`].
    Auto,
    /// Sum `kh * kw` products per output.
    Direct,
    /// Filter the rows, then the columns; needs a rank-1 kernel.
    Separable,
    /// Multiply spectra computed by the fast Fourier transform.
    Fft,
}

impl Method {
    /// The three methods [`Method::Auto`] chooses between.
    pub const CONCRETE: [Method; 3] = [Method::Direct, Method::Separable, Method::Fft];

    /// A short lower-case name (`"direct"`, `"separable"`, `"fft"`, `"auto"`).
    pub fn name(self) -> &'static str {
        match self {
            Method::Auto => "auto",
            Method::Direct => "direct",
            Method::Separable => "separable",
            Method::Fft => "fft",
        }
    }
}

/// Whether the work may be spread over rayon's threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Threads {
    /// Everything on the calling thread.
    One,
    /// Use rayon's pool when the convolution has at least
    /// [`PARALLEL_MIN_WORK`] multiply-adds; smaller inputs stay on one thread,
    /// where starting threads would cost more than it saves.
    Auto,
}

/// Below this many multiply-adds (about a millisecond of work on one core)
/// [`Threads::Auto`] stays on one thread.
pub const PARALLEL_MIN_WORK: f64 = 4.0e6;

/// A configured fast convolution: a [`Method`] and a [`Threads`] policy.
///
/// ```
/// use convolution::{FastConv, Method, Mode, convolve};
/// use ndarray::array;
/// let image = array![[1.0, 2.0, 0.0], [0.0, 1.0, 3.0], [4.0, 0.0, 1.0]];
/// let kernel = array![[0.0, 1.0], [2.0, 0.0]];
/// for method in [Method::Auto, Method::Direct, Method::Fft] {
///     let fast = FastConv::new(method).convolve(&image, &kernel, Mode::Full)?;
///     let reference = convolve(&image, &kernel, Mode::Full)?;
///     approx::assert_abs_diff_eq!(fast, reference, epsilon = 1e-12);
/// }
/// # Ok::<(), convolution::ConvError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FastConv {
    /// The algorithm.
    pub method: Method,
    /// The threading policy.
    pub threads: Threads,
}

impl Default for FastConv {
    /// Automatic method, threads for large inputs.
    fn default() -> Self {
        FastConv {
            method: Method::Auto,
            threads: Threads::Auto,
        }
    }
}

impl FastConv {
    /// The given method on one thread.
    pub fn new(method: Method) -> Self {
        FastConv {
            method,
            threads: Threads::One,
        }
    }

    /// The same method with another threading policy.
    pub fn with_threads(self, threads: Threads) -> Self {
        FastConv { threads, ..self }
    }

    /// `convolve(input, kernel, mode)` of the core crate, computed by this method.
    ///
    /// # Errors
    /// As [`convolve`](crate::convolve), and [`ConvError::NotSeparable`] if
    /// [`Method::Separable`] is asked for with a kernel that is not rank one.
    pub fn convolve<T, S1, S2>(
        &self,
        input: &ArrayBase<S1, Ix2>,
        kernel: &ArrayBase<S2, Ix2>,
        mode: Mode,
    ) -> Result<Array2<T>, ConvError>
    where
        T: FastFloat,
        S1: Data<Elem = T>,
        S2: Data<Elem = T>,
    {
        let (rows, cols) = plans(input, kernel, mode)?;
        let mut out = zeros2(rows.out, cols.out)?;
        self.convolve_into(input, kernel, mode, &mut out)?;
        Ok(out)
    }

    /// Like [`FastConv::convolve`], but writes into `out`, which must already have
    /// the output's shape ([`fast_output_shape`]). Reusing one output array
    /// avoids a fresh allocation, whose page faults can cost more than a small
    /// kernel's arithmetic.
    ///
    /// ```
    /// use convolution::{FastConv, Method, Mode, ConvError};
    /// use ndarray::{array, Array2};
    /// let image = Array2::from_elem((4, 5), 1.0_f32);
    /// let mut out = Array2::zeros((4, 5));
    /// FastConv::new(Method::Direct).convolve_into(&image, &array![[1.0, 1.0]], Mode::Same, &mut out)?;
    /// assert_eq!(out.row(0), array![1.0, 2.0, 2.0, 2.0, 2.0]); // the even kernel hangs off the left
    /// let mut wrong = Array2::zeros((3, 3));
    /// let err = FastConv::default().convolve_into(&image, &array![[1.0]], Mode::Same, &mut wrong);
    /// assert!(matches!(err, Err(ConvError::OutputShape { .. })));
    /// # Ok::<(), ConvError>(())
    /// ```
    ///
    /// # Errors
    /// As [`FastConv::convolve`], and [`ConvError::OutputShape`] if `out` has the wrong shape.
    pub fn convolve_into<T, S1, S2, S3>(
        &self,
        input: &ArrayBase<S1, Ix2>,
        kernel: &ArrayBase<S2, Ix2>,
        mode: Mode,
        out: &mut ArrayBase<S3, Ix2>,
    ) -> Result<(), ConvError>
    where
        T: FastFloat,
        S1: Data<Elem = T>,
        S2: Data<Elem = T>,
        S3: DataMut<Elem = T>,
    {
        let (rows, cols) = plans(input, kernel, mode)?;
        check_output(out, rows, cols)?;
        let swap = valid_swap(input.dim(), kernel.dim(), mode);
        let (signal, filter) = if swap {
            (kernel.view(), input.view())
        } else {
            (input.view(), kernel.view())
        };
        let method = match self.method {
            Method::Auto => auto_method(&signal, &filter, mode),
            Method::Separable if rank_one_factors(&kernel.view()).is_none() => {
                return Err(ConvError::NotSeparable {
                    shape: kernel.shape().to_vec(),
                });
            }
            // After a 'valid' swap the image is the filter, and need not be
            // separable; the output is small then, so the direct sum does it.
            Method::Separable if swap => Method::Direct,
            chosen => chosen,
        };
        let signal = signal.as_standard_layout();
        let signal = signal.as_slice().expect("standard layout is contiguous");
        let parallel = self.threads == Threads::Auto
            && rayon::current_num_threads() > 1
            && multiply_adds(
                method,
                signal_dim(rows, cols),
                (rows.kernel, cols.kernel),
                mode,
            )
            .is_some_and(|work| work >= PARALLEL_MIN_WORK);
        let run = |out: &mut [T]| -> Result<(), ConvError> {
            match method {
                Method::Direct | Method::Auto => {
                    let mut flipped: Vec<T> = filter.iter().copied().collect();
                    flipped.reverse();
                    by_row_chunks(parallel, rows, cols, out, |first_row, chunk| {
                        dispatch(DirectRows {
                            input: signal,
                            kernel: &flipped,
                            rows,
                            cols,
                            first_row,
                            out: chunk,
                        })
                    });
                }
                Method::Separable => {
                    let (column, row) =
                        rank_one_factors(&filter).ok_or(ConvError::NotSeparable {
                            shape: filter.shape().to_vec(),
                        })?;
                    separable_rows(parallel, signal, &column, &row, rows, cols, out);
                }
                Method::Fft => {
                    let filter = filter.as_standard_layout();
                    let filter = filter.as_slice().expect("standard layout is contiguous");
                    fft::fft_convolve(signal, filter, rows, cols, parallel, out)?;
                }
            }
            Ok(())
        };
        match out.as_slice_mut() {
            Some(slice) => run(slice),
            None => {
                let mut tmp = zeros2(rows.out, cols.out)?;
                run(tmp.as_slice_mut().expect("a new array is contiguous"))?;
                out.assign(&tmp);
                Ok(())
            }
        }
    }

    /// Cross-correlation (the kernel not flipped), as [`correlate`](crate::correlate).
    ///
    /// # Errors
    /// As [`FastConv::convolve`].
    pub fn correlate<T, S1, S2>(
        &self,
        input: &ArrayBase<S1, Ix2>,
        kernel: &ArrayBase<S2, Ix2>,
        mode: Mode,
    ) -> Result<Array2<T>, ConvError>
    where
        T: FastFloat,
        S1: Data<Elem = T>,
        S2: Data<Elem = T>,
    {
        self.convolve(input, &crate::flip(kernel), mode)
    }

    /// Convolve with the separable kernel `column * row^T` given as its two 1-D
    /// factors (`column` runs down the image, `row` along it). The threading
    /// policy applies; the method is always separable.
    ///
    /// ```
    /// use convolution::{FastConv, Mode, convolve};
    /// use ndarray::array;
    /// let image = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
    /// let (column, row) = (array![1.0, 2.0, 1.0], array![1.0, -1.0]);
    /// let outer = array![[1.0, -1.0], [2.0, -2.0], [1.0, -1.0]];
    /// let fast = FastConv::default().convolve_separable(&image, &column, &row, Mode::Same)?;
    /// assert_eq!(fast, convolve(&image, &outer, Mode::Same)?);
    /// # Ok::<(), convolution::ConvError>(())
    /// ```
    ///
    /// # Errors
    /// As [`FastConv::convolve`] with the kernel's shape `(column.len(), row.len())`.
    pub fn convolve_separable<T, S1, S2, S3>(
        &self,
        input: &ArrayBase<S1, Ix2>,
        column: &ArrayBase<S2, Ix1>,
        row: &ArrayBase<S3, Ix1>,
        mode: Mode,
    ) -> Result<Array2<T>, ConvError>
    where
        T: FastFloat,
        S1: Data<Elem = T>,
        S2: Data<Elem = T>,
        S3: Data<Elem = T>,
    {
        let kernel_dim = (column.len(), row.len());
        for (operand, shape) in [
            (Operand::Input, [input.nrows(), input.ncols()]),
            (Operand::Kernel, [kernel_dim.0, kernel_dim.1]),
        ] {
            if shape.contains(&0) {
                return Err(ConvError::Empty {
                    operand,
                    shape: shape.to_vec(),
                });
            }
        }
        let (rows, cols) = plans_for_shapes(input.dim(), kernel_dim, mode)?;
        if valid_swap(input.dim(), kernel_dim, mode) {
            // 'valid' with a kernel larger than the image: the kernel is the
            // signal now, and must exist as an array. The result is about as
            // large, so both are checked (result first) before anything is built.
            let out = zeros2::<T>(rows.out, cols.out)?;
            drop(out);
            let count = kernel_dim.0.checked_mul(kernel_dim.1);
            let shape = [kernel_dim.0, kernel_dim.1];
            let mut values = crate::engine::try_vec::<T>(
                count.unwrap_or(usize::MAX),
                &shape,
                crate::Allocation::OuterProduct,
            )?;
            values.extend(column.iter().flat_map(|&c| row.iter().map(move |&r| c * r)));
            let outer =
                Array2::from_shape_vec(kernel_dim, values).map_err(|_| ConvError::TooLarge {
                    what: crate::Allocation::OuterProduct,
                    shape: shape.to_vec(),
                    bytes: None,
                })?;
            return FastConv::new(Method::Direct)
                .with_threads(self.threads)
                .convolve(input, &outer, mode);
        }
        let mut out = zeros2(rows.out, cols.out)?;
        let signal = input.as_standard_layout();
        let signal = signal.as_slice().expect("standard layout is contiguous");
        let work = multiply_adds(Method::Separable, input.dim(), kernel_dim, mode);
        let parallel = self.threads == Threads::Auto
            && rayon::current_num_threads() > 1
            && work.is_some_and(|w| w >= PARALLEL_MIN_WORK);
        separable_rows(
            parallel,
            signal,
            &column.to_owned(),
            &row.to_owned(),
            rows,
            cols,
            out.as_slice_mut().expect("a new array is contiguous"),
        );
        Ok(out)
    }
}

/// A `rows x cols` array of zeros, allocated fallibly.
fn zeros2<T: FastFloat>(rows: usize, cols: usize) -> Result<Array2<T>, ConvError> {
    let out = crate::engine::try_zeros::<T>(&[rows, cols], crate::Allocation::ModeOutput)?;
    crate::direct::into_dim::<T, Ix2>(out)
}

/// The method [`Method::Auto`] runs for these arrays: [`choose_method`]'s
/// choice, except that an FFT is replaced by the cheaper of the direct and
/// separable methods when input or kernel holds a NaN or an infinity, which
/// the FFT would spread over the whole output.
fn auto_method<T: FastFloat>(
    signal: &ndarray::ArrayView2<'_, T>,
    filter: &ndarray::ArrayView2<'_, T>,
    mode: Mode,
) -> Method {
    let separable = rank_one_factors(filter).is_some();
    let choice = choose_method::<T>(signal.dim(), filter.dim(), mode, separable);
    let finite = || signal.iter().chain(filter.iter()).all(|x| x.is_finite());
    if choice != Method::Fft || finite() {
        return choice;
    }
    let cost = |m| estimated_cost_ns::<T>(m, signal.dim(), filter.dim(), mode);
    match (separable, cost(Method::Separable), cost(Method::Direct)) {
        (true, Some(s), Some(d)) if s < d => Method::Separable,
        _ => Method::Direct,
    }
}

/// The shape of `FastConv::convolve(input, kernel, mode)`'s result.
///
/// ```
/// use convolution::{fast_output_shape, Mode};
/// assert_eq!(fast_output_shape((512, 512), (31, 31), Mode::Full)?, (542, 542));
/// assert_eq!(fast_output_shape((512, 512), (31, 31), Mode::Valid)?, (482, 482));
/// # Ok::<(), convolution::ConvError>(())
/// ```
///
/// # Errors
/// As [`convolve`](crate::convolve) for arrays of these shapes.
pub fn fast_output_shape(
    input: (usize, usize),
    kernel: (usize, usize),
    mode: Mode,
) -> Result<(usize, usize), ConvError> {
    for (operand, (a, b)) in [(Operand::Input, input), (Operand::Kernel, kernel)] {
        if a == 0 || b == 0 {
            return Err(ConvError::Empty {
                operand,
                shape: vec![a, b],
            });
        }
    }
    let (signal, filter) = if valid_swap(input, kernel, mode) {
        (kernel, input)
    } else {
        (input, kernel)
    };
    if mode == Mode::Valid && (signal.0 < filter.0 || signal.1 < filter.1) {
        return Err(ConvError::ValidShapeMismatch {
            input: vec![input.0, input.1],
            kernel: vec![kernel.0, kernel.1],
        });
    }
    Ok((
        mode.output_len_on_axis(0, signal.0, filter.0)?,
        mode.output_len_on_axis(1, signal.1, filter.1)?,
    ))
}

fn plans<T, S1, S2>(
    input: &ArrayBase<S1, Ix2>,
    kernel: &ArrayBase<S2, Ix2>,
    mode: Mode,
) -> Result<(AxisPlan, AxisPlan), ConvError>
where
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
{
    crate::check_not_empty(input, kernel)?;
    plans_for_shapes(input.dim(), kernel.dim(), mode)
}

/// The row and column plans; in `Valid` mode with a kernel larger than the
/// input the two are swapped first (as scipy does), so `plan.input` is then the
/// kernel's size.
fn plans_for_shapes(
    input: (usize, usize),
    kernel: (usize, usize),
    mode: Mode,
) -> Result<(AxisPlan, AxisPlan), ConvError> {
    fast_output_shape(input, kernel, mode)?;
    let (signal, filter) = if valid_swap(input, kernel, mode) {
        (kernel, input)
    } else {
        (input, kernel)
    };
    Ok((
        AxisPlan::new(mode, 0, signal.0, filter.0)?,
        AxisPlan::new(mode, 1, signal.1, filter.1)?,
    ))
}

/// In `Valid` mode a kernel at least as large as the input along both axes
/// (and not equal to it) changes places with it, as in scipy.
pub(crate) fn valid_swap(input: (usize, usize), kernel: (usize, usize), mode: Mode) -> bool {
    mode == Mode::Valid && input.0 <= kernel.0 && input.1 <= kernel.1 && input != kernel
}

fn signal_dim(rows: AxisPlan, cols: AxisPlan) -> (usize, usize) {
    (rows.input, cols.input)
}

fn check_output<T, S: Data<Elem = T>>(
    out: &ArrayBase<S, Ix2>,
    rows: AxisPlan,
    cols: AxisPlan,
) -> Result<(), ConvError> {
    if out.dim() == (rows.out, cols.out) {
        Ok(())
    } else {
        Err(ConvError::OutputShape {
            expected: vec![rows.out, cols.out],
            found: out.shape().to_vec(),
        })
    }
}

/// Hand blocks of output rows to `f(first_row, rows)`, on threads if `parallel`.
fn by_row_chunks<T: Send>(
    parallel: bool,
    rows: AxisPlan,
    cols: AxisPlan,
    out: &mut [T],
    f: impl Fn(usize, &mut [T]) + Sync + Send,
) {
    // A few blocks per thread balance the load; one block when single-threaded.
    let per_block = if parallel {
        rows.out.div_ceil(4 * rayon::current_num_threads()).max(1)
    } else {
        rows.out.max(1)
    };
    for_each_chunk(
        parallel,
        out,
        per_block * cols.out,
        || (),
        |_, i, chunk| f(i * per_block, chunk),
    );
}

fn separable_rows<T: FastFloat>(
    parallel: bool,
    signal: &[T],
    column: &Array1<T>,
    row: &Array1<T>,
    rows: AxisPlan,
    cols: AxisPlan,
    out: &mut [T],
) {
    // The loops correlate, so both factors are flipped.
    let column: Vec<T> = column.iter().rev().copied().collect();
    let row: Vec<T> = row.iter().rev().copied().collect();
    by_row_chunks(parallel, rows, cols, out, |first_row, chunk| {
        dispatch(SeparableRows {
            input: signal,
            column: &column,
            row: &row,
            rows,
            cols,
            first_row,
            out: chunk,
        })
    });
}
