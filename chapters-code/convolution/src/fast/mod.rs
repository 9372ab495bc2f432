//! Fast 2-D convolution of `f32`/`f64` images: direct, separable and FFT
//! methods, an automatic choice between them, optional threads, and `_into`
//! variants that write into an output array the caller already has.
//!
//! The everyday call is [`FastConv::default()`]`.convolve(&image, &kernel, mode)`
//! ([`FastConv`] and [`Method`] are also at the crate root). One call makes a
//! [`Plan`] first (shapes, the method, the kernel's rank-one factors when the
//! separable method runs, the FFT's padded size, whether to use threads) and
//! hands it to the method; [`FastConv::plan`] shows it without running it.
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
//! [`convolve_separable`](crate::convolve_separable) is the two-pass reference that
//! [`FastConv::convolve_separable`] is tested against, as [`convolve`](crate::convolve)
//! is for [`FastConv::convolve`].
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
//! refuses is [`ConvError::TooLarge`], which names
//! the fix (for the FFT: [`Method::Direct`] or [`Method::Auto`]).

pub(crate) mod alloc;
mod auto;
mod compiled;
mod direct;
mod fft;
mod fft_cache;
mod float;
mod geometry;
mod parallel;
mod separable;

pub use auto::{CostModel, choose_method, estimated_cost_ns, multiply_adds};
pub use fft::fft_len;
pub use float::FastFloat;
pub use separable::rank_one_factors;

use ndarray::{Array1, Array2, ArrayBase, ArrayView2, ArrayViewMut2, Data, DataMut, Ix1, Ix2};

use crate::{ConvError, Mode, Operand};
use auto::Counts;
use compiled::Orientation;
use direct::DirectRows;
use fft::FftSize;
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
/// assert_eq!(FastConv::new(Method::Auto), FastConv::default());
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
    /// [`Method::Auto`] with [`Threads::Auto`]: the same as `FastConv::new(Method::Auto)`.
    fn default() -> Self {
        FastConv::new(Method::Auto)
    }
}

impl FastConv {
    /// The given method, with [`Threads::Auto`] (threads only for large
    /// inputs; see [`PARALLEL_MIN_WORK`]); [`FastConv::with_threads`] changes that.
    pub fn new(method: Method) -> Self {
        FastConv {
            method,
            threads: Threads::Auto,
        }
    }

    /// The same method with another threading policy.
    pub fn with_threads(self, threads: Threads) -> Self {
        FastConv { threads, ..self }
    }

    /// The [`Plan`] that [`FastConv::convolve`] makes for these arrays and
    /// then runs: which method, the output shape, the FFT's padded size.
    ///
    /// ```
    /// use convolution::{FastConv, Method, Mode, kernels};
    /// use ndarray::Array2;
    /// let image = Array2::<f32>::zeros((512, 512));
    /// let blur = kernels::box_2d(31).unwrap().mapv(|w| w as f32);
    /// let plan = FastConv::default().plan(&image, &blur, Mode::Same)?;
    /// assert_eq!(plan.method(), Method::Separable); // a box is rank one
    /// assert_eq!(plan.output_shape(), (512, 512));
    /// let dense = Array2::from_shape_fn((31, 31), |(i, j)| (i * j % 7) as f32);
    /// let plan = FastConv::default().plan(&image, &dense, Mode::Same)?;
    /// assert_eq!(plan.method(), Method::Fft);
    /// // Bands of 66 output rows, each computed from 96 input rows; across, one
    /// // tile: 512 outputs and the 15 columns the window reaches past one edge
    /// // (527) need no wrap-around, rounded up to 540 = 2^2 * 3^3 * 5.
    /// assert_eq!(plan.fft_len(), Some((96, 540)));
    /// # Ok::<(), convolution::ConvError>(())
    /// ```
    ///
    /// # Errors
    /// As [`FastConv::convolve`].
    pub fn plan<T, S1, S2>(
        &self,
        input: &ArrayBase<S1, Ix2>,
        kernel: &ArrayBase<S2, Ix2>,
        mode: Mode,
    ) -> Result<Plan<T>, ConvError>
    where
        T: FastFloat,
        S1: Data<Elem = T>,
        S2: Data<Elem = T>,
    {
        T::plan(self, input.view(), kernel.view(), mode)
    }

    /// [`FastConv::plan`] on views, compiled once per type in this crate
    /// (see `compiled.rs`).
    fn plan_views<T: FastFloat>(
        &self,
        input: ArrayView2<'_, T>,
        kernel: ArrayView2<'_, T>,
        mode: Mode,
    ) -> Result<Plan<T>, ConvError> {
        crate::check_not_empty(&input, &kernel)?;
        let (rows, cols) = plans_for_shapes(input.dim(), kernel.dim(), mode)?;
        let swap = valid_swap(input.dim(), kernel.dim(), mode);
        let counts = Counts::new(signal_dim(rows, cols), (rows.kernel, cols.kernel), mode);
        let (signal, filter) = if swap {
            (kernel.view(), input.view())
        } else {
            (input.view(), kernel.view())
        };
        let (method, factors) = match self.method {
            Method::Auto => auto_method(&signal, &filter, counts),
            Method::Separable => match rank_one_factors(&kernel.view()) {
                None => {
                    return Err(ConvError::NotSeparable {
                        shape: kernel.shape().to_vec(),
                    });
                }
                // After a 'valid' swap the image is the filter, and need not be
                // separable; the output is small then, so the direct sum does it.
                Some(_) if swap => (Method::Direct, None),
                factors => (Method::Separable, factors),
            },
            chosen => (chosen, None),
        };
        Ok(Plan::new(
            self.threads,
            rows,
            cols,
            swap,
            method,
            factors,
            counts,
        ))
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
        let plan = self.plan(input, kernel, mode)?;
        T::fresh(&plan, input.view(), kernel.view(), Orientation::Convolve)
    }

    /// Like [`FastConv::convolve`], but writes into `out`, which must already have
    /// the output's shape ([`Mode::output_shape`]). Reusing one output array
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
        let plan = self.plan(input, kernel, mode)?;
        T::run(
            &plan,
            input.view(),
            kernel.view(),
            Orientation::Convolve,
            out.view_mut(),
        )
    }

    /// Cross-correlation (the kernel not flipped), as [`correlate`](crate::correlate).
    /// The loops are handed the kernel as it is, so it is flipped at most once
    /// (for the FFT, which convolves, or when 'valid' swaps the arrays).
    ///
    /// ```
    /// use convolution::{FastConv, Mode, correlate};
    /// use ndarray::array;
    /// let image = array![[1.0, 2.0, 0.0], [0.0, 1.0, 3.0]];
    /// let kernel = array![[1.0, -1.0]];
    /// assert_eq!(FastConv::default().correlate(&image, &kernel, Mode::Same)?, correlate(&image, &kernel, Mode::Same)?);
    /// # Ok::<(), convolution::ConvError>(())
    /// ```
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
        if valid_swap(input.dim(), kernel.dim(), mode) {
            // The kernel becomes the signal, which the loops never flip.
            return self.convolve(input, &crate::flip(kernel), mode);
        }
        // Same shapes, same plan: a correlation kernel is rank one, or finite,
        // exactly when its flip is.
        let plan = self.plan(input, kernel, mode)?;
        T::fresh(&plan, input.view(), kernel.view(), Orientation::Correlate)
    }

    /// [`convolve_separable`](crate::convolve_separable), computed fast: convolve
    /// with the separable kernel `column * row^T` given as its two 1-D factors
    /// (`column` runs down the image, `row` along it). The threading policy
    /// applies; the method is always separable.
    ///
    /// ```
    /// use convolution::{FastConv, Mode, convolve, outer};
    /// use ndarray::array;
    /// let image = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
    /// let (column, row) = (array![1.0, 2.0, 1.0], array![1.0, -1.0]);
    /// let fast = FastConv::default().convolve_separable(&image, &column, &row, Mode::Same)?;
    /// assert_eq!(fast, convolve(&image, &outer(&column, &row), Mode::Same)?);
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
            drop(zeros2::<T>(rows.out, cols.out)?);
            let outer = outer_product(column, row)?;
            return FastConv::new(Method::Direct)
                .with_threads(self.threads)
                .convolve(input, &outer, mode);
        }
        let counts = Counts::new(input.dim(), kernel_dim, mode);
        let factors = Some((column.to_owned(), row.to_owned()));
        let plan = Plan::new(
            self.threads,
            rows,
            cols,
            false,
            Method::Separable,
            factors,
            counts,
        );
        let mut out = zeros2(rows.out, cols.out)?;
        // The kernel is not needed: the plan carries its factors.
        let no_kernel = Array2::<T>::zeros((0, 0));
        T::run(
            &plan,
            input.view(),
            no_kernel.view(),
            Orientation::Convolve,
            out.view_mut(),
        )?;
        Ok(out)
    }
}

/// How one fast convolution will run, computed once from the shapes, the
/// mode, the [`FastConv`] and (for [`Method::Auto`] and [`Method::Separable`])
/// the kernel's values: see [`FastConv::plan`].
#[derive(Debug, Clone, PartialEq)]
pub struct Plan<T> {
    /// The two axes, after any 'valid' swap.
    rows: AxisPlan,
    cols: AxisPlan,
    /// Whether 'valid' swapped input and kernel, as scipy does.
    swap: bool,
    /// The method that runs: never [`Method::Auto`].
    method: Method,
    /// The kernel's `(column, row)` factors, when the method is separable.
    factors: Option<Factors<T>>,
    /// The FFT's tiling (transform size and tile steps), when the method is the FFT.
    fft: Option<FftSize>,
    /// Whether the work is spread over threads.
    parallel: bool,
}

impl<T: FastFloat> Plan<T> {
    fn new(
        threads: Threads,
        rows: AxisPlan,
        cols: AxisPlan,
        swap: bool,
        method: Method,
        factors: Option<Factors<T>>,
        counts: Option<Counts>,
    ) -> Self {
        let parallel = threads == Threads::Auto
            && rayon::current_num_threads() > 1
            && counts
                .and_then(|c| c.multiply_adds(method))
                .is_some_and(|work| work >= PARALLEL_MIN_WORK);
        let fft = (method == Method::Fft)
            .then(|| fft::padded_size::<T>(rows, cols))
            .flatten();
        Plan {
            rows,
            cols,
            swap,
            method,
            factors: factors.filter(|_| method == Method::Separable),
            fft,
            parallel,
        }
    }

    /// The method that runs ([`Method::Auto`] resolved).
    pub fn method(&self) -> Method {
        self.method
    }

    /// The shape of the result, as [`Mode::output_shape`] gives it.
    pub fn output_shape(&self) -> (usize, usize) {
        (self.rows.out, self.cols.out)
    }

    /// Whether 'valid' swapped input and kernel (a kernel larger than the input).
    pub fn swapped(&self) -> bool {
        self.swap
    }

    /// The kernel's `(column, row)` factors, when the separable method runs.
    pub fn factors(&self) -> Option<(&Array1<T>, &Array1<T>)> {
        self.factors.as_ref().map(|(c, r)| (c, r))
    }

    /// The size `(P, Q)` of the FFT's 2-D transforms, when the FFT runs: the
    /// whole padded image ([`fft_len`] of `n + k - 1` on each axis) when one
    /// tile covers the output, else the block of one tile (overlap-save).
    pub fn fft_len(&self) -> Option<(usize, usize)> {
        self.fft.map(|size| (size.p, size.q))
    }

    /// Whether the work is spread over rayon's threads.
    pub fn parallel(&self) -> bool {
        self.parallel
    }

    /// Run the plan on the arrays it was made for, into a new array.
    ///
    /// The direct method on one thread writes its sums straight into memory
    /// that was never zeroed (as numpy's `empty` and OpenCV do): a 2048 x 2048
    /// `f32` output comes from glibc's heap after the first call, and zeroing
    /// it first cost about 1.3 ms, as much as the k = 3 sum itself; summing
    /// into a small buffer and appending it, as this did before, cost 0.8 ms
    /// of copying (3.5 ms against 2.7 into an existing array, best of 40 on an
    /// AMD EPYC). Other methods and threads write into a zeroed array.
    fn fresh(
        &self,
        input: ArrayView2<'_, T>,
        kernel: ArrayView2<'_, T>,
        orientation: Orientation,
    ) -> Result<Array2<T>, ConvError> {
        let (rows, cols) = (self.rows, self.cols);
        let count = rows.out * cols.out;
        if !self.runs_direct() || self.parallel || count == 0 {
            let mut out = zeros2(rows.out, cols.out)?;
            self.run(input, kernel, orientation, &mut out.view_mut())?;
            return Ok(out);
        }
        let shape = [rows.out, cols.out];
        let mut values = crate::engine::try_vec::<T>(count, &shape, crate::Allocation::ModeOutput)?;
        alloc::advise_huge_pages(values.spare_capacity_mut());
        let (signal, filter) = self.operands(input, kernel);
        let signal = signal.as_standard_layout();
        let signal = signal.as_slice().expect("standard layout is contiguous");
        let taps = correlation_taps(&filter, orientation);
        let spare = &mut values.spare_capacity_mut()[..count];
        // Tests build with debug assertions: there every element starts as NaN,
        // so an output the loops failed to write shows in the tests' comparisons
        // with the reference instead of being memory never written.
        if cfg!(debug_assertions) {
            spare.fill(std::mem::MaybeUninit::new(T::nan()));
        }
        self.direct_rows(signal, &taps, 0, spare);
        // SAFETY: `try_vec` reserved `count` elements, and the direct loops
        // (`DirectRows`) write each of the `rows.out * cols.out == count`
        // elements of the slice they are given exactly once: `blocked_rows`
        // stores every block of its grid of `R x N` blocks that covers the
        // output, cut short at its edges; `one_row` and `plain_rows` write every
        // column of every row. `T` is `f32` or `f64`, with no destructor.
        #[allow(unsafe_code)]
        unsafe {
            values.set_len(count);
        }
        Array2::from_shape_vec(shape, values).map_err(|_| ConvError::TooLarge {
            what: crate::Allocation::ModeOutput,
            shape: shape.to_vec(),
            bytes: count.checked_mul(size_of::<T>()),
        })
    }

    /// The direct loops on the output rows from `first_row` on that fit in
    /// `out`, with the fastest instruction set the CPU has.
    fn direct_rows<O: direct::Slot<T>>(
        &self,
        signal: &[T],
        taps: &[T],
        first_row: usize,
        out: &mut [O],
    ) {
        dispatch(DirectRows {
            input: signal,
            kernel: taps,
            rows: self.rows,
            cols: self.cols,
            first_row,
            out,
        });
    }

    /// Whether [`Plan::run`] takes the direct loops.
    fn runs_direct(&self) -> bool {
        !matches!(
            (self.method, &self.factors),
            (Method::Separable, Some(_)) | (Method::Fft, _)
        )
    }

    /// The arrays the loops slide over each other: (signal, filter), after any
    /// 'valid' swap.
    fn operands<'a>(
        &self,
        input: ArrayView2<'a, T>,
        kernel: ArrayView2<'a, T>,
    ) -> (ArrayView2<'a, T>, ArrayView2<'a, T>) {
        if self.swap {
            (kernel, input)
        } else {
            (input, kernel)
        }
    }

    /// Run the plan on the arrays it was made for, into `out`.
    fn run(
        &self,
        input: ArrayView2<'_, T>,
        kernel: ArrayView2<'_, T>,
        orientation: Orientation,
        out: &mut ArrayViewMut2<'_, T>,
    ) -> Result<(), ConvError> {
        let (rows, cols) = (self.rows, self.cols);
        check_output(out, rows, cols)?;
        let (signal, filter) = self.operands(input, kernel);
        let signal = signal.as_standard_layout();
        let signal = signal.as_slice().expect("standard layout is contiguous");
        let run = |out: &mut [T]| -> Result<(), ConvError> {
            match (self.method, &self.factors) {
                (Method::Separable, Some((column, row))) => {
                    // The loops correlate: a convolution's factors are flipped.
                    let (column, row) = match orientation {
                        Orientation::Convolve => (reversed(column), reversed(row)),
                        Orientation::Correlate => (column.to_vec(), row.to_vec()),
                    };
                    self.separable(signal, &column, &row, out);
                }
                (Method::Fft, _) => {
                    // The FFT convolves: a correlation kernel is flipped.
                    let flipped;
                    let filter = match orientation {
                        Orientation::Convolve => filter.as_standard_layout(),
                        Orientation::Correlate => {
                            flipped = crate::flip(&filter);
                            flipped.as_standard_layout()
                        }
                    };
                    let filter = filter.as_slice().expect("standard layout is contiguous");
                    let size = self.fft;
                    fft::fft_convolve(signal, filter, rows, cols, size, self.parallel, out)?;
                }
                _ => {
                    let taps = correlation_taps(&filter, orientation);
                    self.by_row_chunks(out, |first_row, chunk| {
                        self.direct_rows(signal, &taps, first_row, chunk)
                    });
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

    /// Hand blocks of output rows to `f(first_row, rows)`, on threads if the plan says so.
    fn by_row_chunks(&self, out: &mut [T], f: impl Fn(usize, &mut [T]) + Sync + Send) {
        // A few blocks per thread balance the load; one block when single-threaded.
        let per_block = if self.parallel {
            self.rows
                .out
                .div_ceil(4 * rayon::current_num_threads())
                .max(1)
        } else {
            self.rows.out.max(1)
        };
        for_each_chunk(
            self.parallel,
            out,
            per_block * self.cols.out,
            || (),
            |_, i, chunk| f(i * per_block, chunk),
        );
    }

    /// The separable loops with correlation factors (`column` down, `row` along).
    fn separable(&self, signal: &[T], column: &[T], row: &[T], out: &mut [T]) {
        let (rows, cols) = (self.rows, self.cols);
        self.by_row_chunks(out, |first_row, chunk| {
            dispatch(SeparableRows {
                input: signal,
                column,
                row,
                rows,
                cols,
                first_row,
                out: chunk,
            })
        });
    }
}

/// A rank-one kernel's `(column, row)` factors.
type Factors<T> = (Array1<T>, Array1<T>);

/// The direct loops' taps: they correlate, so a convolution kernel is flipped.
fn correlation_taps<T: Copy>(filter: &ArrayView2<'_, T>, orientation: Orientation) -> Vec<T> {
    let mut taps: Vec<T> = filter.iter().copied().collect();
    if orientation == Orientation::Convolve {
        taps.reverse();
    }
    taps
}

/// The values of `v` last to first.
fn reversed<T: Copy>(v: &Array1<T>) -> Vec<T> {
    v.iter().rev().copied().collect()
}

/// `column * row^T` as an array, allocated fallibly.
fn outer_product<T, S2, S3>(
    column: &ArrayBase<S2, Ix1>,
    row: &ArrayBase<S3, Ix1>,
) -> Result<Array2<T>, ConvError>
where
    T: FastFloat,
    S2: Data<Elem = T>,
    S3: Data<Elem = T>,
{
    let kernel_dim = (column.len(), row.len());
    let shape = [kernel_dim.0, kernel_dim.1];
    let count = kernel_dim.0.checked_mul(kernel_dim.1);
    let mut values = crate::engine::try_vec::<T>(
        count.unwrap_or(usize::MAX),
        &shape,
        crate::Allocation::OuterProduct,
    )?;
    values.extend(column.iter().flat_map(|&c| row.iter().map(move |&r| c * r)));
    Array2::from_shape_vec(kernel_dim, values).map_err(|_| ConvError::TooLarge {
        what: crate::Allocation::OuterProduct,
        shape: shape.to_vec(),
        bytes: None,
    })
}

/// A `rows x cols` array of zeros, allocated fallibly.
fn zeros2<T: FastFloat>(rows: usize, cols: usize) -> Result<Array2<T>, ConvError> {
    let out = crate::engine::try_zeros::<T>(&[rows, cols], crate::Allocation::ModeOutput)?;
    crate::direct::into_dim::<T, Ix2>(out)
}

/// The method [`Method::Auto`] runs for these arrays, and the filter's
/// factors if it is separable: [`choose_method`]'s choice, except that an
/// FFT is replaced by the cheaper of the direct and separable methods when
/// input or kernel holds a NaN or an infinity, which the FFT would spread
/// over the whole output.
fn auto_method<T: FastFloat>(
    signal: &ArrayView2<'_, T>,
    filter: &ArrayView2<'_, T>,
    counts: Option<Counts>,
) -> (Method, Option<Factors<T>>) {
    let factors = rank_one_factors(filter);
    let separable = factors.is_some();
    let Some(counts) = counts else {
        return (Method::Direct, None);
    };
    let choice = counts.choose::<T>(separable);
    // Vectorised where the array is one block of memory (it usually is).
    let all_finite = |a: &ArrayView2<'_, T>| match a.as_slice_memory_order() {
        Some(values) => float::finite_max_abs(values).is_some(),
        None => a.iter().all(|x| x.is_finite()),
    };
    let finite = || all_finite(signal) && all_finite(filter);
    let method = if choice != Method::Fft || finite() {
        choice
    } else {
        let cost = |m| counts.cost_ns::<T>(m);
        match (separable, cost(Method::Separable), cost(Method::Direct)) {
            (true, Some(s), Some(d)) if s < d => Method::Separable,
            _ => Method::Direct,
        }
    };
    (method, factors)
}

/// The row and column plans; in `Valid` mode with a kernel larger than the
/// input the two are swapped first (as scipy does), so `plan.input` is then the
/// kernel's size.
fn plans_for_shapes(
    input: (usize, usize),
    kernel: (usize, usize),
    mode: Mode,
) -> Result<(AxisPlan, AxisPlan), ConvError> {
    mode.output_shape(&[input.0, input.1], &[kernel.0, kernel.1])?;
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
