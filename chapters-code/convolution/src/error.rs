//! The one error type of the crate. Every message says what to change.

use thiserror::Error;

/// Which fix a [`ConvError::KernelTooLarge`] suggests: the one that applies to
/// the function that raised it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Remedy {
    /// A windowed function ([`correlate_window`](crate::correlate_window),
    /// [`Window::output_len`](crate::Window::output_len)): more padding.
    WindowPadding,
    /// [`correlate_channels`](crate::correlate_channels), which takes no
    /// padding: pad the image first.
    PadImage,
    /// A [`Conv2dLayer`](crate::Conv2dLayer) with `'valid'` padding.
    LayerSame,
    /// A function with a [`Mode`](crate::Mode) in `'valid'` mode.
    FullOrSame,
}

impl Remedy {
    fn advice(self, missing_padding: usize) -> String {
        match self {
            Remedy::WindowPadding => format!(
                "pad the input by at least {missing_padding} more on each side \
                 (Window::with_padding), or use a smaller kernel or dilation"
            ),
            Remedy::PadImage => format!(
                "pad the image by at least {missing_padding} on each side of that axis first \
                 (convolution::pad), or use a smaller kernel"
            ),
            Remedy::LayerSame => {
                "use Padding::Same(SameRule::TensorFlow), a larger image, or smaller kernels"
                    .to_string()
            }
            Remedy::FullOrSame => format!(
                "use Mode::Full or Mode::Same, pad the input by at least {missing_padding} \
                 on each side, or use a smaller kernel"
            ),
        }
    }
}

/// Which array a [`ConvError::TooLarge`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Allocation {
    /// The result of [`convolve`](crate::convolve), [`correlate`](crate::correlate)
    /// or a [`FastConv`](crate::FastConv) method.
    ModeOutput,
    /// The result of a windowed function or a layer.
    WindowOutput,
    /// The result of [`pad`](crate::pad).
    Padded,
    /// The zero-padded spectra of [`Method::Fft`](crate::Method::Fft).
    FftBuffers,
    /// The kernel of [`FastConv::convolve_separable`](crate::FastConv::convolve_separable)
    /// in `'valid'` mode when it is larger than the image and becomes the signal.
    OuterProduct,
    /// A matrix, im2col buffer, transposed-convolution, pooling or padded
    /// array beyond [`MAX_RESULT_ELEMENTS`](crate::MAX_RESULT_ELEMENTS)
    /// elements, the most these routines allocate at once.
    Capped,
}

impl Allocation {
    fn name(self) -> &'static str {
        match self {
            Allocation::ModeOutput => "the result",
            Allocation::WindowOutput => "the result",
            Allocation::Padded => "the padded array",
            Allocation::FftBuffers => "the FFT's padded spectra",
            Allocation::OuterProduct => "the full separable kernel",
            Allocation::Capped => "the result",
        }
    }

    fn advice(self) -> &'static str {
        match self {
            Allocation::ModeOutput => {
                "use smaller arrays, or Mode::Same or Mode::Valid, whose results are smaller"
            }
            Allocation::WindowOutput => "use smaller arrays, less padding or a larger stride",
            Allocation::Padded => "use smaller pad widths",
            Allocation::FftBuffers => {
                "use Method::Direct or Method::Auto, which need no padded copy"
            }
            Allocation::OuterProduct => "use Mode::Full or Mode::Same, or a smaller kernel",
            Allocation::Capped => {
                "these routines allocate at most MAX_RESULT_ELEMENTS (2^28) elements at once: \
                 use a smaller input, kernel, padding or stride"
            }
        }
    }
}

/// The message of [`ConvError::TooLarge`]: the array, its size, and the fix.
fn too_large(what: Allocation, shape: &[usize], bytes: Option<usize>) -> String {
    let size = match (what, bytes) {
        (Allocation::Capped, _) => "more elements than the crate allocates at once".to_string(),
        (_, Some(b)) => format!("{b} bytes, more than can be allocated"),
        (_, None) => "more than usize::MAX bytes".to_string(),
    };
    format!(
        "{} of shape {shape:?} needs {size}; {}",
        what.name(),
        what.advice()
    )
}

/// Which argument of a convolution an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operand {
    /// The signal or image being filtered (scipy's `in1`).
    Input,
    /// The filter (scipy's `in2`).
    Kernel,
}

impl std::fmt::Display for Operand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Operand::Input => "input",
            Operand::Kernel => "kernel",
        })
    }
}

/// Why a convolution could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConvError {
    /// An array has no elements along some axis.
    #[error(
        "the {operand} is empty (shape {shape:?}); give it at least one element along every axis"
    )]
    Empty {
        /// Which argument is empty.
        operand: Operand,
        /// Its shape, with a zero somewhere.
        shape: Vec<usize>,
    },

    /// A stride of zero would never move the window.
    #[error("stride must be at least 1 (got 0); use stride 1 for a dense output")]
    ZeroStride,

    /// A dilation of zero would put every kernel tap on the same sample.
    #[error("dilation must be at least 1 (got 0); use dilation 1 for an ordinary kernel")]
    ZeroDilation,

    /// The (dilated) kernel does not fit inside the (padded) input, so not a
    /// single output position exists. `remedy` says which fix applies to the
    /// function that raised it.
    #[error(
        "along axis {axis} the kernel spans {kernel} samples but the input has only {input}; {}",
        .remedy.advice(*.missing_padding)
    )]
    KernelTooLarge {
        /// The axis along which the kernel does not fit.
        axis: usize,
        /// Samples the (dilated) kernel spans along that axis.
        kernel: usize,
        /// Samples the (padded) input has along that axis.
        input: usize,
        /// Padding per side that would make the kernel fit.
        missing_padding: usize,
        /// Which fix the message suggests.
        remedy: Remedy,
    },

    /// Input and kernel have different numbers of axes (possible with `IxDyn`).
    #[error(
        "the input has {input} axes but the kernel has {kernel}; give both the same number of axes \
         (add length-1 axes with insert_axis, or reshape with into_shape_with_order)"
    )]
    AxesMismatch {
        /// The input's number of axes.
        input: usize,
        /// The kernel's number of axes.
        kernel: usize,
    },

    /// An integer result does not fit in the element type. The crate computes
    /// integer results exactly and refuses, in every build, what does not fit.
    #[error(
        "the result at output index {position:?} does not fit in {element}; \
         convert input and kernel to a wider type (i64, i128 or f64) first"
    )]
    Overflow {
        /// Index of the first output that does not fit.
        position: Vec<usize>,
        /// The element type's name (`i8`, `u16`, ...).
        element: &'static str,
    },

    /// An array the operation needs is larger than can be allocated (or, for
    /// [`Allocation::Capped`], than the crate allocates at once).
    #[error("{}", too_large(*.what, .shape, *.bytes))]
    TooLarge {
        /// Which array could not be allocated.
        what: Allocation,
        /// Its shape.
        shape: Vec<usize>,
        /// Its size in bytes, or `None` when that overflows `usize`.
        bytes: Option<usize>,
    },

    /// An image given channels-first (`(C, H, W)` or `(N, C, H, W)`) to a
    /// function that wants channels last.
    #[error(
        "the image has shape {shape:?}, which looks channels-first with {channels} channels, \
         but channels go last here; permute the image's axes with .permuted_axes({permutation:?})"
    )]
    ChannelsFirst {
        /// The image's shape as given.
        shape: Vec<usize>,
        /// The number of channels it seems to have.
        channels: usize,
        /// The axis order that puts channels last.
        permutation: Vec<usize>,
    },

    /// Layer weights in PyTorch's `(c_out, c_in, kh, kw)` order instead of
    /// TensorFlow's `(kh, kw, c_in, c_out)`.
    #[error(
        "the weights have shape {shape:?}, which looks like PyTorch's (c_out, c_in, kh, kw) order; \
         this layer takes TensorFlow's (kh, kw, c_in, c_out): use weights.permuted_axes([2, 3, 1, 0])"
    )]
    WeightLayout {
        /// The weights' shape as given.
        shape: Vec<usize>,
    },

    /// 'valid' needs one array at least as large as the other along every axis.
    #[error(
        "'valid' mode needs one array at least as large as the other along every axis, \
         but the input has shape {input:?} and the kernel {kernel:?}; \
         crop one of them, or use Mode::Full / Mode::Same"
    )]
    ValidShapeMismatch {
        /// The input's shape.
        input: Vec<usize>,
        /// The kernel's shape.
        kernel: Vec<usize>,
    },

    /// Image and kernel disagree on the number of channels.
    #[error(
        "the image has {image} channels but the kernel has {kernel}; \
         give the kernel one slice per image channel (its last axis must be {image})"
    )]
    ChannelMismatch {
        /// The image's number of channels (its last axis).
        image: usize,
        /// The kernel's number of channels (its last axis).
        kernel: usize,
    },

    /// `pad` was given the wrong number of `(before, after)` pairs.
    #[error(
        "the array has {axes} axes but {pairs} (before, after) padding pairs were given; give one pair per axis"
    )]
    PadWidths {
        /// The array's number of axes.
        axes: usize,
        /// The number of `(before, after)` pairs given.
        pairs: usize,
    },

    /// A layer's bias does not have one value per output channel.
    #[error(
        "the bias has {bias} values but the kernels have {filters} output channels; \
         give one bias per output channel (the kernels' last axis)"
    )]
    BiasMismatch {
        /// The number of bias values given.
        bias: usize,
        /// The number of output channels of the kernels.
        filters: usize,
    },

    /// A window lists a parameter per axis, but not for every axis of the arrays.
    #[error(
        "the window gives {given} values of {parameter} but the arrays have {axes} axes; \
         give one value for every axis, or a single value for all"
    )]
    WindowAxes {
        /// Which parameter (`padding`, `stride` or `dilation`).
        parameter: &'static str,
        /// How many values it lists.
        given: usize,
        /// The arrays' number of axes.
        axes: usize,
    },

    /// PyTorch refuses `padding="same"` with a stride above 1.
    #[error(
        "PyTorch's 'same' padding needs stride 1 (got {stride}); use SameRule::TensorFlow, \
         which pads for ceil(i / s) outputs, or explicit padding"
    )]
    SameStride {
        /// The stride given.
        stride: usize,
    },

    /// A routine that offers only some paddings was given another.
    #[error("this routine takes {accepted}, not {padding:?}")]
    UnsupportedPadding {
        /// The padding given.
        padding: crate::Padding,
        /// What the routine takes instead.
        accepted: &'static str,
    },

    /// This routine reads the border as zeros only.
    #[error(
        "this routine pads with zeros only, but the window fills its border with {fill:?}; \
         pad the input first with pad(), or use correlate_window"
    )]
    ZeroFillOnly {
        /// The window's border fill.
        fill: crate::PadMode,
    },

    /// An output size does not fit in `usize`.
    #[error("the output size along axis {axis} overflows usize; use a smaller padding or input")]
    SizeOverflow {
        /// The axis whose size overflows.
        axis: usize,
    },

    /// An output array given to an `_into` function has the wrong shape.
    #[error(
        "the output array has shape {found:?} but the result has shape {expected:?}; \
         allocate it with the shape from Mode::output_shape"
    )]
    OutputShape {
        /// The result's shape.
        expected: Vec<usize>,
        /// The given output array's shape.
        found: Vec<usize>,
    },

    /// The separable method needs a kernel that is an outer product of two vectors.
    #[error(
        "the {shape:?} kernel is not separable (not an outer product of a column and a row); \
         use Method::Direct, Method::Fft or Method::Auto"
    )]
    NotSeparable {
        /// The kernel's shape.
        shape: Vec<usize>,
    },
    // --- begin: errors of chapter 9's routines (matrix, transposed convolution, pooling) ---
    /// A shape was given with the wrong number of axes.
    #[error(
        "the shape {shape:?} has {found} axes but the kernel has {expected}; give one size per kernel axis"
    )]
    ShapeAxes {
        /// The shape given.
        shape: Vec<usize>,
        /// The kernel's number of axes.
        expected: usize,
        /// The shape's number of axes.
        found: usize,
    },

    /// PyTorch's rule for transposed convolution: `output_padding < max(stride, dilation)`.
    #[error(
        "output_padding {output_padding} must be smaller than the stride ({stride}) or the dilation \
         ({dilation}); a larger one would only append samples no input reaches"
    )]
    OutputPadding {
        /// The output padding given.
        output_padding: usize,
        /// The stride.
        stride: usize,
        /// The dilation.
        dilation: usize,
    },

    /// Transposed convolution: the padding crops away every output sample.
    #[error(
        "along axis {axis} the transposed convolution makes {uncropped} samples before cropping, \
         and padding {padding} on each side leaves none; use a padding of at most {max_padding}"
    )]
    CropTooLarge {
        /// The axis that is cropped away.
        axis: usize,
        /// Samples before cropping along that axis.
        uncropped: usize,
        /// The padding (crop) per side given.
        padding: usize,
        /// The largest padding that leaves a sample.
        max_padding: usize,
    },

    /// A pooling window of size zero covers nothing.
    #[error("the pooling window must be at least 1 sample wide (got 0); use 2 to halve each axis")]
    ZeroPoolSize,

    /// Pooling padding must be at most half the window (PyTorch's rule), so that
    /// every window holds at least one input sample.
    #[error(
        "pooling padding {padding} is more than half the window of {size}; \
         use a padding of at most {max} (a window could otherwise see only padding)"
    )]
    PoolPadding {
        /// The padding given.
        padding: usize,
        /// The pooling window size.
        size: usize,
        /// The largest padding allowed (half the window).
        max: usize,
    },
    // --- end: chapter 9 errors ---
    /// A backward pass was given an output gradient of the wrong shape.
    #[error(
        "the output gradient has shape {found:?} but the forward output has shape {expected:?}; \
         give one gradient per output value (the shape the forward pass returns)"
    )]
    GradientShape {
        /// The forward output's shape.
        expected: Vec<usize>,
        /// The given gradient's shape.
        found: Vec<usize>,
    },
}
