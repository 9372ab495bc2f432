//! The measured results: `data/results.csv`, written by `collect` (see
//! `compare/compare-peers.sh`) and read by the figures, the page and the tests.
//!
//! The file starts with `#` lines that say where and when it was measured,
//! then one row per grid point and series:
//! `series,type,image,kernel,median_ms`.

use std::fmt::Write as _;

use convolution::fast::choose_method;
use convolution::{Method, Mode};

use crate::grid::{IMAGE_SIZES, KERNEL_SIZES, TYPES};

/// The committed results file, as text.
pub const COMMITTED: &str = include_str!("../data/results.csv");

/// Header keys of the machine's limits, measured in the same run by
/// `compare/rust-peers` (`cargo run --release` there prints them).
/// The peaks are measured on the widest vectors the core's loops use on that
/// machine ([`LIMIT_VECTORS`] names them).
pub const LIMIT_PEAK_F32: &str = "peak f32 (GFLOP/s per core, FMA)";
/// See [`LIMIT_PEAK_F32`].
pub const LIMIT_PEAK_F64: &str = "peak f64 (GFLOP/s per core, FMA)";
/// The vectors of the peaks: "AVX-512" or "AVX2".
pub const LIMIT_VECTORS: &str = "fma vectors";
/// One thread's copy bandwidth, bytes read plus bytes written (STREAM's count).
pub const LIMIT_BANDWIDTH: &str = "memory bandwidth copy (GB/s, one thread)";

/// OpenCV's `filter2D` with two threads, the peer of our `auto-threads`.
pub const OPENCV_THREADS: &str = "opencv-filter2d-threads";

/// One-thread series measured by the Python script, fastest-looking first
/// (it also measures [`OPENCV_THREADS`]).
pub const PYTHON_PEERS: [(&str, &str); 5] = [
    ("opencv-filter2d", "OpenCV cv2.filter2D"),
    ("scipy-auto", "scipy.signal.convolve, method='auto'"),
    ("scipy-fftconvolve", "scipy.signal.fftconvolve"),
    ("scipy-convolve2d", "scipy.signal.convolve2d"),
    ("scipy-ndimage", "scipy.ndimage.convolve"),
];

/// Rust peers of the dense kernel measured by the criterion benchmark
/// (imageproc's only in `f32`).
pub const RUST_PEERS: [(&str, &str); 3] = [
    ("ndarray-conv-direct", "ndarray-conv conv"),
    ("ndarray-conv-fft", "ndarray-conv conv_fft"),
    ("imageproc-filter", "imageproc filter"),
];

/// imageproc's two-pass filter, timed with the Gaussian's factors: the peer of
/// our `separable` series, not of `auto` with a dense kernel.
pub const IMAGEPROC_SEPARABLE: &str = "imageproc-separable";

/// One measured median.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub series: String,
    pub ty: String,
    pub image: usize,
    pub kernel: usize,
    pub median_ms: f64,
}

/// A results file: where it was measured, and the medians.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    /// The `#` header lines, without the `# `.
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

impl Results {
    /// The committed `data/results.csv`.
    pub fn committed() -> Results {
        Results::parse(COMMITTED).expect("the committed results file parses")
    }

    /// Parse the CSV text.
    ///
    /// # Errors
    /// A message naming the line that does not have five fields or numbers where numbers belong.
    pub fn parse(text: &str) -> Result<Results, String> {
        let mut results = Results::default();
        for (number, line) in text.lines().enumerate() {
            if let Some(comment) = line.strip_prefix('#') {
                results.header.push(comment.trim().to_string());
                continue;
            }
            if line.trim().is_empty() || line.starts_with("series,") {
                continue;
            }
            let fields: Vec<&str> = line.split(',').collect();
            let bad = |what: &str| format!("line {}: {what}: {line:?}", number + 1);
            let [series, ty, image, kernel, median] = fields[..] else {
                return Err(bad("expected 5 fields"));
            };
            results.rows.push(Row {
                series: series.to_string(),
                ty: ty.to_string(),
                image: image.parse().map_err(|_| bad("image size"))?,
                kernel: kernel.parse().map_err(|_| bad("kernel size"))?,
                median_ms: median.parse().map_err(|_| bad("median"))?,
            });
        }
        Ok(results)
    }

    /// The CSV text.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        for line in &self.header {
            writeln!(out, "# {line}").expect("writing to a String");
        }
        out.push_str("series,type,image,kernel,median_ms\n");
        for r in &self.rows {
            writeln!(
                out,
                "{},{},{},{},{}",
                r.series, r.ty, r.image, r.kernel, r.median_ms
            )
            .expect("writing to a String");
        }
        out
    }

    /// The median in milliseconds of one series at one grid point.
    pub fn median_ms(&self, series: &str, ty: &str, image: usize, kernel: usize) -> Option<f64> {
        self.rows
            .iter()
            .find(|r| r.series == series && r.ty == ty && r.image == image && r.kernel == kernel)
            .map(|r| r.median_ms)
    }

    /// The value of a `key: value` header line.
    pub fn header_value(&self, key: &str) -> Option<&str> {
        self.header
            .iter()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix(':').map(str::trim))
    }

    /// The fastest peer (name, median) at a grid point, among those measured.
    pub fn fastest_peer(
        &self,
        ty: &str,
        image: usize,
        kernel: usize,
    ) -> Option<(&'static str, f64)> {
        let peers = PYTHON_PEERS
            .iter()
            .chain(&RUST_PEERS)
            .map(|&(name, _)| name);
        self.fastest_of(peers, ty, image, kernel)
    }

    /// The fastest of the named series at a grid point, and its median time in ms.
    fn fastest_of(
        &self,
        names: impl IntoIterator<Item = &'static str>,
        ty: &str,
        image: usize,
        kernel: usize,
    ) -> Option<(&'static str, f64)> {
        names
            .into_iter()
            .filter_map(|name| Some((name, self.median_ms(name, ty, image, kernel)?)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// Our best of the general (dense-kernel) methods at a grid point.
    pub fn our_best(&self, ty: &str, image: usize, kernel: usize) -> Option<(&'static str, f64)> {
        self.fastest_of(["direct", "fft"], ty, image, kernel)
    }

    /// Every peer's table as Markdown: our automatic choice divided by each
    /// one-thread peer's time (below 1 means we are faster), for every grid point.
    pub fn peer_table(&self) -> String {
        let peers: Vec<(&str, &str)> = PYTHON_PEERS
            .iter()
            .chain(&RUST_PEERS)
            .copied()
            .filter(|(name, _)| self.rows.iter().any(|r| r.series == *name))
            .collect();
        let mut out = String::from("| type | image | kernel | ours (auto) ms |");
        for (_, label) in &peers {
            write!(out, " / {label} |").expect("writing to a String");
        }
        out.push_str(" / fastest peer | auto / our best |\n|---|---|---|---|");
        out.push_str(&"---|".repeat(peers.len() + 2));
        out.push('\n');
        for ty in TYPES {
            for image in IMAGE_SIZES {
                for kernel in KERNEL_SIZES {
                    let Some(ours) = self.median_ms("auto", ty, image, kernel) else {
                        continue;
                    };
                    write!(out, "| {ty} | {image} | {kernel} | {ours:.3} |").expect("String");
                    for (name, _) in &peers {
                        match self.median_ms(name, ty, image, kernel) {
                            Some(peer) => write!(out, " {:.2} |", ours / peer),
                            None => write!(out, " – |"),
                        }
                        .expect("String");
                    }
                    match self.fastest_peer(ty, image, kernel) {
                        Some((name, peer)) => write!(out, " {:.2} ({name}) |", ours / peer),
                        None => write!(out, " – |"),
                    }
                    .expect("String");
                    match self.our_best(ty, image, kernel) {
                        Some((_, best)) => writeln!(out, " {:.2} |", ours / best),
                        None => writeln!(out, " – |"),
                    }
                    .expect("String");
                }
            }
        }
        out
    }
}

/// Read criterion's median estimates (in nanoseconds) for every grid point of
/// the given series from `criterion_dir/grid/<series>-<type>/<image>-k<kernel>/new/estimates.json`.
///
/// # Errors
/// A message if a file exists but is not criterion's JSON.
pub fn read_criterion(
    criterion_dir: &std::path::Path,
    series: &[&str],
) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for name in series {
        for ty in TYPES {
            for image in IMAGE_SIZES {
                for kernel in KERNEL_SIZES {
                    let (function, parameter) = crate::grid::bench_id(name, ty, image, kernel);
                    let path = criterion_dir
                        .join("grid")
                        .join(function)
                        .join(parameter)
                        .join("new/estimates.json");
                    let Ok(text) = std::fs::read_to_string(&path) else {
                        continue;
                    };
                    let json: serde_json::Value = serde_json::from_str(&text)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    let ns = json["median"]["point_estimate"]
                        .as_f64()
                        .ok_or_else(|| format!("{}: no median", path.display()))?;
                    rows.push(Row {
                        series: name.to_string(),
                        ty: ty.to_string(),
                        image,
                        kernel,
                        median_ms: round_ms(ns / 1e6),
                    });
                }
            }
        }
    }
    Ok(rows)
}

/// Three significant digits are all a shared machine's timings deserve.
pub fn round_ms(ms: f64) -> f64 {
    if ms <= 0.0 {
        return ms;
    }
    let scale = 10f64.powi(2 - ms.log10().floor() as i32);
    (ms * scale).round() / scale
}

impl Results {
    /// The smallest kernel of the grid at which our FFT method was measured
    /// faster than our direct method, if any.
    pub fn measured_crossover(&self, ty: &str, image: usize) -> Option<usize> {
        KERNEL_SIZES.into_iter().find(|&k| {
            match (
                self.median_ms("fft", ty, image, k),
                self.median_ms("direct", ty, image, k),
            ) {
                (Some(fft), Some(direct)) => fft < direct,
                _ => false,
            }
        })
    }

    /// `series / other` at one grid point.
    pub fn ratio(
        &self,
        series: &str,
        other: &str,
        ty: &str,
        image: usize,
        kernel: usize,
    ) -> Option<f64> {
        Some(
            self.median_ms(series, ty, image, kernel)?
                / self.median_ms(other, ty, image, kernel)?,
        )
    }
}

impl Results {
    /// Every point of the benchmark grid, as (type, image size, kernel size),
    /// in the order of the ratio table.
    pub fn grid_points() -> Vec<(&'static str, usize, usize)> {
        TYPES
            .into_iter()
            .flat_map(|ty| {
                IMAGE_SIZES
                    .into_iter()
                    .flat_map(move |n| KERNEL_SIZES.map(|k| (ty, n, k)))
            })
            .collect()
    }

    /// The grid points where our automatic method was measured faster than
    /// every one of `peers` (a peer not measured there does not count as beaten).
    pub fn points_where_auto_beats(&self, peers: &[&str]) -> Vec<(&'static str, usize, usize)> {
        Results::grid_points()
            .into_iter()
            .filter(|&(ty, n, k)| {
                let Some(ours) = self.median_ms("auto", ty, n, k) else {
                    return false;
                };
                peers
                    .iter()
                    .all(|peer| self.median_ms(peer, ty, n, k).is_some_and(|p| ours < p))
            })
            .collect()
    }

    /// The largest ratio of our automatic method to the better of our direct
    /// and FFT methods, and the grid point where it was measured: what the
    /// automatic choice costs at worst.
    pub fn worst_auto_ratio(&self) -> (f64, &'static str, usize, usize) {
        let mut worst = (0.0, "", 0, 0);
        for (ty, n, k) in Results::grid_points() {
            let ratio = self
                .our_best(ty, n, k)
                .zip(self.median_ms("auto", ty, n, k))
                .map(|((_, best), auto)| auto / best);
            if let Some(ratio) = ratio.filter(|&r| r > worst.0) {
                worst = (ratio, ty, n, k);
            }
        }
        worst
    }
}

/// How the automatic method did over the grid: the counts the verdict under
/// the ratio table states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// Grid points with a measured `auto` time.
    pub points: usize,
    /// Points where `auto` is at or below the fastest one-thread peer.
    pub auto: usize,
    /// The same for `auto-into`.
    pub auto_into: usize,
    /// Points where `auto-threads` is at or below OpenCV with two threads.
    pub threads: usize,
    /// Points where `auto` is slower than the fastest scipy function.
    pub slower_than_scipy: usize,
    /// Points with k = 3 or 5 where the automatic method runs the direct sum.
    pub floor_points: usize,
    /// Of those, the points where the direct method is within 2x of the floor.
    pub within_2x_of_floor: usize,
}

/// A ratio "at or below 1" as the table shows it, to two decimals.
fn at_most_one(ratio: f64) -> bool {
    (ratio * 100.0).round() <= 100.0
}

impl Results {
    /// A limit of the machine from the header (GFLOP/s or GB/s).
    pub fn limit(&self, key: &str) -> Option<f64> {
        self.header_value(key)?.parse().ok()
    }

    /// The least time in ms the direct method could take at a grid point on the
    /// measured machine: `max(FLOPs / peak, bytes / bandwidth)` with
    /// `FLOPs = 2 n^2 k^2` (one multiply and one add per tap and output) and
    /// the input and the output each moved once.
    pub fn floor_ms(&self, ty: &str, image: usize, kernel: usize) -> Option<f64> {
        let (peak, size) = match ty {
            "f32" => (self.limit(LIMIT_PEAK_F32)?, 4.0),
            "f64" => (self.limit(LIMIT_PEAK_F64)?, 8.0),
            _ => return None,
        };
        let bandwidth = self.limit(LIMIT_BANDWIDTH)?;
        let outputs = (image * image) as f64;
        let flops = 2.0 * outputs * (kernel * kernel) as f64;
        let bytes = 2.0 * outputs * size;
        Some((flops / peak).max(bytes / bandwidth) / 1e6)
    }

    /// Whether the automatic method runs the direct sum at a grid point (dense kernel).
    pub fn auto_runs_direct(ty: &str, image: usize, kernel: usize) -> bool {
        let shapes = ((image, image), (kernel, kernel), Mode::Same, false);
        let method = match ty {
            "f32" => choose_method::<f32>(shapes.0, shapes.1, shapes.2, shapes.3),
            _ => choose_method::<f64>(shapes.0, shapes.1, shapes.2, shapes.3),
        };
        method == Method::Direct
    }

    /// `direct / floor` where the automatic method runs the direct sum.
    pub fn floor_ratio(&self, ty: &str, image: usize, kernel: usize) -> Option<f64> {
        if !Results::auto_runs_direct(ty, image, kernel) {
            return None;
        }
        Some(self.median_ms("direct", ty, image, kernel)? / self.floor_ms(ty, image, kernel)?)
    }

    /// The fastest of the scipy functions (name, median) at a grid point.
    pub fn fastest_scipy(
        &self,
        ty: &str,
        image: usize,
        kernel: usize,
    ) -> Option<(&'static str, f64)> {
        let scipy = PYTHON_PEERS
            .iter()
            .map(|&(name, _)| name)
            .filter(|name| name.starts_with("scipy"));
        self.fastest_of(scipy, ty, image, kernel)
    }

    /// `series / fastest one-thread peer` at a grid point, and that peer.
    pub fn ratio_to_fastest(
        &self,
        series: &str,
        ty: &str,
        image: usize,
        kernel: usize,
    ) -> Option<(f64, &'static str)> {
        let (peer, ms) = self.fastest_peer(ty, image, kernel)?;
        Some((self.median_ms(series, ty, image, kernel)? / ms, peer))
    }

    /// The counts of [`Verdict`], over every grid point.
    pub fn verdict(&self) -> Verdict {
        let mut v = Verdict {
            points: 0,
            auto: 0,
            auto_into: 0,
            threads: 0,
            slower_than_scipy: 0,
            floor_points: 0,
            within_2x_of_floor: 0,
        };
        for (ty, n, k) in Results::grid_points() {
            let Some(auto) = self.median_ms("auto", ty, n, k) else {
                continue;
            };
            v.points += 1;
            let below = |series| {
                self.ratio_to_fastest(series, ty, n, k)
                    .is_some_and(|(r, _)| at_most_one(r))
            };
            v.auto += usize::from(below("auto"));
            v.auto_into += usize::from(below("auto-into"));
            let threads = self.ratio("auto-threads", OPENCV_THREADS, ty, n, k);
            v.threads += usize::from(threads.is_some_and(at_most_one));
            let scipy = self.fastest_scipy(ty, n, k).map(|(_, ms)| auto / ms);
            v.slower_than_scipy += usize::from(scipy.is_some_and(|r| !at_most_one(r)));
            if let Some(floor) = self.floor_ratio(ty, n, k).filter(|_| k <= 5) {
                v.floor_points += 1;
                v.within_2x_of_floor += usize::from(floor <= 2.0);
            }
        }
        v
    }

    /// The ratio table as Markdown, then a verdict line: per grid point our
    /// automatic method (fresh output, into an existing one, two threads) over
    /// the fastest peer, over the fastest scipy function, and the direct
    /// method over the machine's floor where the automatic method runs it.
    pub fn ratio_table(&self) -> String {
        let mut out = String::from(
            "| type | image | kernel | auto ms | auto / fastest peer | auto-into / fastest peer \
             | auto-threads / OpenCV, 2 threads | auto / fastest scipy | floor ms | direct / floor \
             | separable / imageproc separable_filter |\n|---|---|---|---|---|---|---|---|---|---|---|\n",
        );
        let cell = |ratio: Option<f64>| ratio.map_or("–".to_string(), |r| format!("{r:.2}"));
        for (ty, n, k) in Results::grid_points() {
            let Some(auto) = self.median_ms("auto", ty, n, k) else {
                continue;
            };
            let fastest = |series| match self.ratio_to_fastest(series, ty, n, k) {
                Some((r, peer)) => format!("{r:.2} ({peer})"),
                None => "–".to_string(),
            };
            let scipy = match self.fastest_scipy(ty, n, k) {
                Some((name, ms)) if !at_most_one(auto / ms) => {
                    format!("**{:.2} ({name}), slower**", auto / ms)
                }
                Some((_, ms)) => format!("{:.2}", auto / ms),
                None => "–".to_string(),
            };
            let floor = self
                .floor_ms(ty, n, k)
                .map_or("–".to_string(), |f| format!("{}", round_ms(f)));
            writeln!(
                out,
                "| {ty} | {n} | {k} | {auto} | {} | {} | {} | {scipy} | {floor} | {} | {} |",
                fastest("auto"),
                fastest("auto-into"),
                cell(self.ratio("auto-threads", OPENCV_THREADS, ty, n, k)),
                cell(self.floor_ratio(ty, n, k)),
                cell(self.ratio("separable", IMAGEPROC_SEPARABLE, ty, n, k)),
            )
            .expect("writing to a String");
        }
        let v = self.verdict();
        writeln!(
            out,
            "\nVerdict: `auto` is at or below the fastest peer at {} of {} points (`auto-into`: {}; \
             `auto-threads` against OpenCV with two threads: {}); slower than scipy at {}; \
             the direct method is within 2x of the floor at {} of the {} points with k = 3 or 5 where `auto` runs it.",
            v.auto, v.points, v.auto_into, v.threads, v.slower_than_scipy, v.within_2x_of_floor, v.floor_points
        )
        .expect("writing to a String");
        out
    }

    /// The line that says where the results were measured, and the machine's limits.
    pub fn measured_on(&self) -> String {
        let value = |key| self.header_value(key).unwrap_or("not recorded");
        format!(
            "Measured on: **{}**, {}, load average (1 min) {}. The machine's limits, \
             measured in the same run: {} GFLOP/s in `f32` and {} GFLOP/s in `f64` per core \
             (fused multiply-adds on {} vectors, which the core's loops use there), {} GB/s \
             memory bandwidth (one thread, copy).\n",
            value("machine"),
            value("date"),
            value("load average (1 min)"),
            value(LIMIT_PEAK_F32),
            value(LIMIT_PEAK_F64),
            value(LIMIT_VECTORS),
            value(LIMIT_BANDWIDTH),
        )
    }
}

/// Replace the text between `<!-- generated: NAME -->` and
/// `<!-- end generated: NAME -->` (each on a line of its own) with `content`.
///
/// # Errors
/// A message if the markers are missing.
pub fn replace_generated(page: &str, name: &str, content: &str) -> Result<String, String> {
    let (begin, end) = (
        format!("<!-- generated: {name} -->\n"),
        format!("<!-- end generated: {name} -->"),
    );
    let start = page
        .find(&begin)
        .ok_or_else(|| format!("no {begin:?} marker"))?
        + begin.len();
    let stop = start
        + page[start..]
            .find(&end)
            .ok_or_else(|| format!("no {end:?} marker"))?;
    Ok(format!("{}{content}{}", &page[..start], &page[stop..]))
}

/// The generated blocks of the chapter's page and its appendix, as
/// (file under `src/`, block name, content), all from `results`.
pub fn generated_blocks(results: &Results) -> Vec<(&'static str, &'static str, String)> {
    vec![
        ("ch07-performance.md", "measured-on", results.measured_on()),
        ("ch07-performance.md", "ratios", results.ratio_table()),
        (
            "appendix-measurements.md",
            "measured-on",
            results.measured_on(),
        ),
        ("appendix-measurements.md", "peers", results.peer_table()),
    ]
}
