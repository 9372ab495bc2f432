//! Every identity the chapter states, as a property on random small signals,
//! kernels and images (integers from `array-strategies`, turned into floats).

use std::f64::consts::TAU;

use approx::assert_abs_diff_eq;
use ch08_frequency::Complex64;
use ch08_frequency::circular::{
    circular_by_fft, circular_by_wrap_padding, circular_convolve, linear_by_fft, zero_pad,
};
use ch08_frequency::dft::{
    bin_frequency, cosine, dft_by_definition, energy, fft, frequency_response, half_spectrum,
    inverse_dft_by_definition, inverse_fft, response_at, spectral_energy,
};
use ch08_frequency::spectra2d::{
    centred, fft2, frequency_response_2d, high_energy_fraction, inverse_fft2, subsample,
};
use convolution::{Mode, Window, convolve, correlate, correlate_window, kernels};
use ndarray::{Array1, Array2, s};
use proptest::prelude::*;

fn floats(x: &Array1<i64>) -> Array1<f64> {
    x.mapv(|v| v as f64)
}

fn floats2(x: &Array2<i64>) -> Array2<f64> {
    x.mapv(|v| v as f64)
}

fn close(a: &Array1<Complex64>, b: &Array1<Complex64>, tolerance: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).norm() <= tolerance)
}

proptest! {
    /// The FFT computes the DFT's definition, and both inverses undo it.
    #[test]
    fn fft_equals_the_definition_and_inverts(x in array_strategies::signal(24)) {
        let x = floats(&x);
        let by_definition = dft_by_definition(&x);
        prop_assert!(close(&fft(&x), &by_definition, 1e-9));
        let real = x.mapv(|v| Complex64::new(v, 0.0));
        prop_assert!(close(&inverse_fft(&fft(&x)), &real, 1e-9));
        prop_assert!(close(&inverse_dft_by_definition(&by_definition), &real, 1e-9));
    }

    /// A real signal's spectrum is mirrored, X[N - k] = conj(X[k]), bin 0 is
    /// the sum, and realfft's half spectrum is its first N/2 + 1 bins.
    #[test]
    fn real_signals_have_mirrored_spectra(x in array_strategies::signal(24)) {
        let x = floats(&x);
        let n = x.len();
        let spectrum = fft(&x);
        for k in 1..n {
            prop_assert!((spectrum[n - k] - spectrum[k].conj()).norm() < 1e-9);
        }
        prop_assert!((spectrum[0] - Complex64::new(x.sum(), 0.0)).norm() < 1e-9);
        let half = half_spectrum(&x);
        prop_assert_eq!(half.len(), n / 2 + 1);
        prop_assert!(close(&half, &spectrum.slice(s![..n / 2 + 1]).to_owned(), 1e-9));
    }

    /// The convolution theorem: the DFT of a circular convolution is the
    /// product of the DFTs; and wrap padding plus 'valid' is the same
    /// circular convolution, exactly (integers).
    #[test]
    fn convolution_theorem_and_wrap_padding(
        x in array_strategies::signal(16),
        h in array_strategies::signal(16),
    ) {
        prop_assume!(h.len() <= x.len());
        let (xf, hf) = (floats(&x), floats(&h));
        let circular = circular_convolve(&xf, &hf);
        let product = fft(&xf) * fft(&zero_pad(&hf, x.len()));
        prop_assert!(close(&fft(&circular), &product, 1e-8));
        assert_abs_diff_eq!(circular_by_fft(&xf, &hf), circular.clone(), epsilon = 1e-9);
        let wrapped = circular_by_wrap_padding(&x, &h).unwrap();
        prop_assert_eq!(floats(&wrapped), circular);
    }

    /// Zero padding to N + M - 1 turns circular into linear convolution; with
    /// less room the first samples get the tail added onto them.
    #[test]
    fn zero_padding_makes_circular_linear(
        x in array_strategies::signal(16),
        h in array_strategies::signal(8),
    ) {
        let (xf, hf) = (floats(&x), floats(&h));
        let linear = convolve(&xf, &hf, Mode::Full).unwrap();
        assert_abs_diff_eq!(linear_by_fft(&xf, &hf), linear.clone(), epsilon = 1e-8);
        let len = x.len() + h.len() - 1;
        assert_abs_diff_eq!(circular_convolve(&zero_pad(&xf, len), &hf), linear.clone(), epsilon = 1e-9);
        if h.len() <= x.len() {
            // Length N only: sample n collects every linear sample n + N j.
            let n = x.len();
            let folded = Array1::from_shape_fn(n, |i| {
                linear.iter().skip(i).step_by(n).sum::<f64>()
            });
            prop_assert_eq!(circular_convolve(&xf, &hf), folded);
        }
    }

    /// The frequency response is the DFT of the padded kernel, and the
    /// steady-state response to a cosine is the cosine scaled by |H(f)| and
    /// shifted by arg H(f).
    #[test]
    fn a_sinusoid_comes_out_scaled_and_shifted(
        h in array_strategies::signal(8),
        k in 0usize..32,
        phase in 0.0..TAU,
    ) {
        let h = floats(&h);
        let bins = frequency_response(&h, 32);
        let f = k as f64 / 32.0;
        prop_assert!((bins[k] - response_at(&h, f)).norm() < 1e-9);
        let x = cosine(64, f, 1.0, phase);
        let y = convolve(&x, &h, Mode::Full).unwrap();
        let response = response_at(&h, f);
        let expected = cosine(64, f, response.norm(), phase + response.arg());
        let m = h.len();
        assert_abs_diff_eq!(y.slice(s![m - 1..64]), expected.slice(s![m - 1..]), epsilon = 1e-9);
    }

    /// Parseval: Σ|x|² = Σ|X|² / N, in one and two dimensions.
    #[test]
    fn parseval(x in array_strategies::signal(32), image in array_strategies::image(8)) {
        let x = floats(&x);
        assert_abs_diff_eq!(spectral_energy(&fft(&x)), energy(&x), epsilon = 1e-8);
        let image = floats2(&image);
        let spectrum = fft2(&image);
        let spectral = spectrum.mapv(|v| v.norm_sqr()).sum() / image.len() as f64;
        assert_abs_diff_eq!(spectral, image.mapv(|v| v * v).sum(), epsilon = 1e-8);
        let back = inverse_fft2(&spectrum).mapv(|v| v.re);
        assert_abs_diff_eq!(back, image, epsilon = 1e-9);
    }

    /// A separable kernel has a separable spectrum: H(v, u) = C(v) R(u).
    #[test]
    fn separable_kernels_have_separable_spectra(
        column in array_strategies::signal(5),
        row in array_strategies::signal(5),
        rows in 5usize..9,
        cols in 5usize..9,
    ) {
        let (c, r) = (floats(&column), floats(&row));
        let kernel = Array2::from_shape_fn((c.len(), r.len()), |(i, j)| c[i] * r[j]);
        let spectrum = frequency_response_2d(&kernel, (rows, cols));
        let (down, across) = (frequency_response(&c, rows), frequency_response(&r, cols));
        for ((v, u), value) in spectrum.indexed_iter() {
            prop_assert!((value - down[v] * across[u]).norm() < 1e-8);
        }
    }

    /// The 2-D convolution theorem, on a grid large enough not to wrap.
    #[test]
    fn two_dimensional_theorem(image in array_strategies::image(6), kernel in array_strategies::image(3)) {
        let (image, kernel) = (floats2(&image), floats2(&kernel));
        let full = convolve(&image, &kernel, Mode::Full).unwrap();
        let shape = full.dim();
        let product = frequency_response_2d(&image, shape) * frequency_response_2d(&kernel, shape);
        assert_abs_diff_eq!(inverse_fft2(&product).mapv(|v| v.re), full, epsilon = 1e-8);
    }

    /// A strided layer is the 'valid' correlation, subsampled.
    #[test]
    fn stride_is_subsampling(
        image in array_strategies::image(9),
        kernel in array_strategies::image(3),
        stride in 1usize..4,
    ) {
        prop_assume!(kernel.nrows() <= image.nrows() && kernel.ncols() <= image.ncols());
        let layer = correlate_window(&image, &kernel, Window::stride(stride)).unwrap();
        let dense = correlate(&image, &kernel, Mode::Valid).unwrap();
        prop_assert_eq!(layer, subsample(&dense, stride));
    }

    /// Sampling every s-th sample of a cosine at f gives the cosine at s f,
    /// folded: f and f + 1, and f and 1 - f, have the same samples.
    #[test]
    fn subsampling_folds_frequencies(k in 0usize..64, stride in 2usize..5) {
        let f = k as f64 / 64.0;
        let x = cosine(64 * stride, f, 1.0, 0.0);
        let kept = Array1::from_iter(x.iter().step_by(stride).copied());
        let folded = (stride as f64 * f).rem_euclid(1.0);
        let folded = folded.min(1.0 - folded);
        assert_abs_diff_eq!(kept, cosine(64, folded, 1.0, 0.0), epsilon = 1e-9);
    }
}

#[test]
fn bins_centring_and_high_energy_on_small_cases() {
    for n in 1..12 {
        for k in 0..n {
            let f = bin_frequency(k, n);
            assert!((-0.5..=0.5).contains(&f), "bin {k} of {n}");
            assert_abs_diff_eq!(
                (f * n as f64).rem_euclid(n as f64),
                k as f64,
                epsilon = 1e-9
            );
        }
        // Centring puts bin 0 at index n / 2.
        let bins = Array2::from_shape_fn((1, n), |(_, j)| j);
        assert_eq!(centred(&bins)[[0, n / 2]], 0);
    }
    // A pattern at one frequency has all its energy there.
    let stripes = Array2::from_shape_fn((16, 16), |(_, j)| (TAU * 6.0 * j as f64 / 16.0).cos());
    let spectrum = fft2(&stripes);
    assert_abs_diff_eq!(high_energy_fraction(&spectrum, 0.3), 1.0, epsilon = 1e-12);
    assert_abs_diff_eq!(high_energy_fraction(&spectrum, 0.4), 0.0, epsilon = 1e-12);
}

#[test]
fn the_named_kernels_are_low_or_high_pass() {
    let low = [
        kernels::box_1d(5).unwrap(),
        kernels::binomial_1d(5).unwrap(),
        kernels::gaussian_sampled(1.0, 3).unwrap(),
    ];
    for h in &low {
        assert_abs_diff_eq!(response_at(h, 0.0).norm(), 1.0, epsilon = 1e-12);
    }
    for h in [
        kernels::forward_difference(),
        kernels::central_difference(),
        kernels::second_difference(),
    ] {
        assert_abs_diff_eq!(
            response_at(&h.mapv(f64::from), 0.0).norm(),
            0.0,
            epsilon = 1e-12
        );
    }
    for k in [
        kernels::sobel_x(),
        kernels::sobel_y(),
        kernels::laplacian_4(),
        kernels::laplacian_8(),
    ] {
        let h = frequency_response_2d(&k.mapv(f64::from), (8, 8));
        assert!(h[[0, 0]].norm() < 1e-12);
    }
    // Flipping a kernel conjugates its response: the same gains.
    let h = Array1::from(vec![1.0, 4.0, -2.0, 0.5]);
    let flipped = h.slice(s![..;-1]).to_owned();
    for k in 0..16 {
        let f = k as f64 / 16.0;
        assert_abs_diff_eq!(
            response_at(&h, f).norm(),
            response_at(&flipped, f).norm(),
            epsilon = 1e-12
        );
    }
}

/// The closed forms the chapter gives for its kernels' responses, on a grid
/// of frequencies (exhaustive over small sizes).
#[test]
fn closed_forms_of_the_responses() {
    use std::f64::consts::PI;
    let grid: Vec<f64> = (0..=200).map(|i| 0.5 * i as f64 / 200.0).collect();
    // The box of M taps: |sin(π M f) / (M sin π f)|, zero at f = j / M.
    for m in 1..=9usize {
        let h = kernels::box_1d(m).unwrap();
        for &f in &grid[1..] {
            let closed = ((PI * m as f64 * f).sin() / (m as f64 * (PI * f).sin())).abs();
            assert_abs_diff_eq!(response_at(&h, f).norm(), closed, epsilon = 1e-12);
        }
        let bins = frequency_response(&h, 4 * m);
        for j in 1..m {
            assert!(bins[4 * j].norm() < 1e-14, "box {m}, zero {j}/{m}");
        }
    }
    // The binomial of n taps is [1, 1]/2 convolved n - 1 times: cos^(n-1)(π f).
    for n in 1..=12usize {
        let h = kernels::binomial_1d(n).unwrap();
        for &f in &grid {
            assert_abs_diff_eq!(
                response_at(&h, f).norm(),
                (PI * f).cos().powi(n as i32 - 1),
                epsilon = 1e-12
            );
        }
    }
    let forward = kernels::forward_difference().mapv(f64::from);
    let central = kernels::central_difference().mapv(f64::from);
    let second = kernels::second_difference().mapv(f64::from);
    let sharpen = ndarray::array![-1.0, 3.0, -1.0];
    for &f in &grid {
        let s = (PI * f).sin();
        assert_abs_diff_eq!(response_at(&forward, f).norm(), 2.0 * s, epsilon = 1e-12);
        assert_abs_diff_eq!(
            response_at(&central, f).norm(),
            2.0 * (2.0 * PI * f).sin().abs(),
            epsilon = 1e-12
        );
        // Measured from the middle tap (one sample of delay), the response is real.
        let delay = Complex64::from_polar(1.0, 2.0 * PI * f);
        assert!(
            (response_at(&second, f) * delay - Complex64::new(-4.0 * s * s, 0.0)).norm() < 1e-12
        );
        assert!(
            (response_at(&sharpen, f) * delay - Complex64::new(1.0 + 4.0 * s * s, 0.0)).norm()
                < 1e-12
        );
    }
    // The 2-D kernels, measured from their centre (1, 1).
    let n = 12;
    let four = frequency_response_2d(&kernels::laplacian_4().mapv(f64::from), (n, n));
    let eight = frequency_response_2d(&kernels::laplacian_8().mapv(f64::from), (n, n));
    let sharp = frequency_response_2d(&kernels::sharpen().mapv(f64::from), (n, n));
    for v in 0..n {
        for u in 0..n {
            let (cu, cv) = (
                (2.0 * PI * u as f64 / n as f64).cos(),
                (2.0 * PI * v as f64 / n as f64).cos(),
            );
            let centre = Complex64::from_polar(1.0, 2.0 * PI * (u + v) as f64 / n as f64);
            assert!(
                (four[[v, u]] * centre - Complex64::new(-4.0 + 2.0 * cu + 2.0 * cv, 0.0)).norm()
                    < 1e-12
            );
            let e = (1.0 + 2.0 * cu) * (1.0 + 2.0 * cv) - 9.0;
            assert!((eight[[v, u]] * centre - Complex64::new(e, 0.0)).norm() < 1e-12);
            assert!(
                (sharp[[v, u]] * centre - Complex64::new(5.0 - 2.0 * cu - 2.0 * cv, 0.0)).norm()
                    < 1e-12
            );
        }
    }
}

proptest! {
    /// Flipping a kernel conjugates its response; a kernel's energy is the
    /// mean of |H|² over the bins (Parseval for the padded kernel).
    #[test]
    fn flips_conjugate_and_energy_is_mean_gain_squared(h in array_strategies::signal(8), extra in 0usize..8) {
        let h = floats(&h);
        let n = h.len() + extra;
        let flipped = h.slice(s![..;-1]).to_owned();
        let (forward, backward) = (frequency_response(&h, n), frequency_response(&flipped, n));
        for k in 0..n {
            // The flipped kernel ends where the original starts: a delay of len - 1.
            let delay = Complex64::from_polar(1.0, -TAU * ((h.len() - 1) * k) as f64 / n as f64);
            prop_assert!((backward[k] - forward[k].conj() * delay).norm() < 1e-9);
        }
        assert_abs_diff_eq!(spectral_energy(&forward), energy(&h), epsilon = 1e-9);
    }
}
