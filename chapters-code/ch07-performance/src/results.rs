//! The measured results: `data/results.csv`, written by `collect` (see
//! `compare/compare-peers.sh`) and read by the figures, the page and the tests.
//!
//! The file starts with `#` lines that say where and when it was measured,
//! then one row per grid point and series:
//! `series,type,image,kernel,median_ms`.

use std::fmt::Write as _;

use crate::grid::{IMAGE_SIZES, KERNEL_SIZES, TYPES};

/// The committed results file, as text.
pub const COMMITTED: &str = include_str!("../data/results.csv");

/// Series measured by the Python script, fastest-looking first.
pub const PYTHON_PEERS: [(&str, &str); 5] = [
    ("opencv-filter2d", "OpenCV cv2.filter2D"),
    ("scipy-auto", "scipy.signal.convolve, method='auto'"),
    ("scipy-fftconvolve", "scipy.signal.fftconvolve"),
    ("scipy-convolve2d", "scipy.signal.convolve2d"),
    ("scipy-ndimage", "scipy.ndimage.convolve"),
];

/// Rust peers measured by the criterion benchmark.
pub const RUST_PEERS: [(&str, &str); 2] = [
    ("ndarray-conv-direct", "ndarray-conv conv"),
    ("ndarray-conv-fft", "ndarray-conv conv_fft"),
];

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
        PYTHON_PEERS
            .iter()
            .chain(&RUST_PEERS)
            .filter_map(|&(name, _)| Some((name, self.median_ms(name, ty, image, kernel)?)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// Our best of the general (dense-kernel) methods at a grid point.
    pub fn our_best(&self, ty: &str, image: usize, kernel: usize) -> Option<(&'static str, f64)> {
        ["direct", "fft"]
            .into_iter()
            .filter_map(|name| Some((name, self.median_ms(name, ty, image, kernel)?)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// The ratio table as Markdown: our automatic choice divided by each peer's
    /// time (below 1 means we are faster), for every grid point.
    pub fn ratio_table(&self) -> String {
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
