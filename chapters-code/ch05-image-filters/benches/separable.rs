//! One 2-D pass with a `k × k` box kernel against two 1-D passes with `k` taps
//! each, on a 256 × 256 `f64` image in `same` mode, on one thread:
//!
//! * `direct` and `separable`: the core crate's fast methods,
//!   `FastConv::new(Method::Direct)` on the square kernel and
//!   `FastConv::new(Method::Separable).convolve_separable` on its two factors;
//! * `reference-2d` and `reference-two-pass`: the core's reference routines
//!   `convolve` and `convolve_separable`, the simple code written to be read
//!   (the second one stores the whole intermediate image between its passes).
//!
//! The machine this runs on is often shared, so the cases are interleaved: each
//! of many rounds times every (method, k) once, in an order that turns from
//! round to round, and the medians, quartiles and minima over the rounds are kept. A
//! slow spell then slows every case a little instead of one case a lot.
//!
//! `cargo bench -p ch05-image-filters --bench separable` prints the results;
//! with `-- --save` they also replace `data/separable-bench.txt`, the file the
//! chapter quotes. Run with glibc's allocator told to keep freed memory
//! (`MALLOC_MMAP_THRESHOLD_` and `MALLOC_TRIM_THRESHOLD_` set, see [`KEEP`]),
//! `--save` writes `data/separable-bench-kept-memory.txt` instead: the chapter
//! compares the two to show what allocating the intermediate image costs. The chapter's tests count the multiplications; this only
//! measures time.

use ch05_image_filters::bench::{METHODS, SIZES};
use convolution::fast::Threads;
use convolution::{FastConv, Method, Mode, convolve, convolve_separable};
use ndarray::{Array1, Array2};
use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const SIDE: usize = 256;
/// An odd number, so that the median is one of the samples.
const ROUNDS: usize = 101;
/// Each sample repeats the call until it takes about this long.
const SAMPLE: Duration = Duration::from_millis(1);
const COMMAND: &str = "cargo bench -p ch05-image-filters --bench separable -- --save";
/// The allocator settings of the second run: arrays up to 100 MB come from the
/// heap and freed memory stays there, so a new array reuses pages already mapped.
const KEEP: [(&str, &str); 2] = [
    ("MALLOC_MMAP_THRESHOLD_", "100000000"),
    ("MALLOC_TRIM_THRESHOLD_", "100000000"),
];

/// A smooth, deterministic test image (no file access while timing).
fn image() -> Array2<f64> {
    Array2::from_shape_fn((SIDE, SIDE), |(i, j)| {
        128.0 + 100.0 * ((i as f64 * 0.07).sin() * (j as f64 * 0.05).cos())
    })
}

/// One (method, k) pair: the call it times and the samples, in µs per call.
struct Case<'a> {
    method: &'static str,
    k: usize,
    call: Box<dyn Fn() -> Array2<f64> + 'a>,
    repeats: u32,
    samples: Vec<f64>,
}

impl Case<'_> {
    /// Time `repeats` calls and keep the time per call.
    fn sample(&mut self) {
        let start = Instant::now();
        for _ in 0..self.repeats {
            black_box((self.call)());
        }
        let per_call = start.elapsed() / self.repeats;
        self.samples.push(per_call.as_secs_f64() * 1e6);
    }

    /// Enough repeats for one sample to last about [`SAMPLE`], after a warm-up.
    fn calibrate(&mut self) {
        for _ in 0..3 {
            black_box((self.call)());
        }
        let start = Instant::now();
        black_box((self.call)());
        let once = start.elapsed().max(Duration::from_nanos(1));
        self.repeats = (SAMPLE.as_secs_f64() / once.as_secs_f64()).ceil().max(1.0) as u32;
    }
}

fn cases(image: &Array2<f64>) -> Vec<Case<'_>> {
    let mut cases = Vec::new();
    for k in SIZES {
        let square = Array2::from_elem((k, k), 1.0 / (k * k) as f64);
        let taps = Array1::from_elem(k, 1.0 / k as f64);
        let direct = FastConv::new(Method::Direct).with_threads(Threads::One);
        let separable = FastConv::new(Method::Separable).with_threads(Threads::One);
        let expect = "a 256 x 256 image convolves";
        // In the order of `METHODS`.
        let calls: [Box<dyn Fn() -> Array2<f64> + '_>; 4] = [
            {
                let square = square.clone();
                Box::new(move || {
                    direct
                        .convolve(black_box(image), &square, Mode::Same)
                        .expect(expect)
                })
            },
            {
                let taps = taps.clone();
                Box::new(move || {
                    separable
                        .convolve_separable(black_box(image), &taps, &taps, Mode::Same)
                        .expect(expect)
                })
            },
            {
                let square = square.clone();
                Box::new(move || convolve(black_box(image), &square, Mode::Same).expect(expect))
            },
            {
                let taps = taps.clone();
                Box::new(move || {
                    convolve_separable(black_box(image), &taps, &taps, Mode::Same).expect(expect)
                })
            },
        ];
        cases.extend(METHODS.into_iter().zip(calls).map(|(method, call)| Case {
            method,
            k,
            call,
            repeats: 1,
            samples: Vec::with_capacity(ROUNDS),
        }));
    }
    cases
}

/// The same image out of every method (a box kernel is exactly rank one, so
/// only rounding differs): a benchmark of a wrong answer would be worthless.
fn check(cases: &[Case]) {
    for k in SIZES {
        let of_k: Vec<&Case> = cases.iter().filter(|c| c.k == k).collect();
        let first = (of_k[0].call)();
        for case in &of_k[1..] {
            let other = (case.call)();
            let worst = (&first - &other).fold(0.0_f64, |m, d| m.max(d.abs()));
            assert!(
                worst < 1e-9,
                "{} at k = {k} differs by {worst}",
                case.method
            );
        }
    }
}

/// The `p`-quantile of sorted samples, by nearest rank.
fn quantile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// The 1-minute load average, where the system reports one.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into())
}

/// The CPU's name, its logical cores and the SIMD features the core dispatches on.
fn machine() -> String {
    let name = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
                .map(|(_, name)| name.trim().to_owned())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    #[cfg(target_arch = "x86_64")]
    let simd = format!(
        " (avx2: {}, fma: {})",
        std::arch::is_x86_feature_detected!("avx2"),
        std::arch::is_x86_feature_detected!("fma")
    );
    #[cfg(not(target_arch = "x86_64"))]
    let simd = String::new();
    format!("{name}, {cores} logical cores{simd}")
}

fn rustc() -> String {
    std::process::Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .map_or_else(|| "unknown".into(), |v| v.trim().to_owned())
}

/// Today's date and time in UTC, from the Unix clock (days to a civil date
/// as in Howard Hinnant's `civil_from_days`).
fn now_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (hour, minute) = (rest / 3600, rest % 3600 / 60);
    format!("{year}-{month:02}-{day:02} {hour:02}:{minute:02} UTC")
}

fn main() {
    let save = std::env::args().any(|a| a == "--save");
    let kept = KEEP
        .iter()
        .all(|(name, value)| std::env::var(name).is_ok_and(|v| v == *value));
    let (command, file) = if kept {
        let env: Vec<String> = KEEP.iter().map(|(n, v)| format!("{n}={v}")).collect();
        (
            format!("{} {COMMAND}", env.join(" ")),
            "separable-bench-kept-memory.txt",
        )
    } else {
        (COMMAND.to_owned(), "separable-bench.txt")
    };
    let (date, load_start) = (now_utc(), load());
    let image = image();
    let mut cases = cases(&image);
    check(&cases);
    cases.iter_mut().for_each(Case::calibrate);
    let n = cases.len();
    for round in 0..ROUNDS {
        for i in 0..n {
            cases[(i + round) % n].sample();
        }
    }
    let load_end = load();

    let mut text = format!(
        "# command: {command}\n\
         # date: {date}\n\
         # machine: {}, {}\n\
         # load: {load_start} (1-minute load average) at the start, {load_end} at the end\n\
         # what: {SIDE} x {SIDE} f64 image, box kernels, same mode, one thread\n\
         # methods: direct = FastConv::new(Method::Direct), separable = \
         FastConv::new(Method::Separable).convolve_separable, reference-2d = convolution::convolve, \
         reference-two-pass = convolution::convolve_separable\n\
         # rounds: {ROUNDS}, every case once per round in turn; time per call in microseconds, \
         the median, quartiles and minimum over the rounds\n\
         method,k,median_us,q1_us,q3_us,min_us\n",
        machine(),
        rustc(),
    );
    for method in METHODS {
        for case in cases.iter_mut().filter(|c| c.method == method) {
            case.samples.sort_by(f64::total_cmp);
            let q = |p| quantile(&case.samples, p);
            text += &format!(
                "{method},{},{:.1},{:.1},{:.1},{:.1}\n",
                case.k,
                q(0.5),
                q(0.25),
                q(0.75),
                q(0.0)
            );
        }
    }
    print!("{text}");
    if save {
        let path = format!("{}/data/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::write(&path, &text).expect("the data file is writable");
        eprintln!("saved to {path}");
    }
}
