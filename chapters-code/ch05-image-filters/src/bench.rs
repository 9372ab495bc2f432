//! The results of the crate's benchmark (`benches/separable.rs`) as last
//! committed in `data/`, so that the chapter's quoted times are tied to the
//! files they come from. Times are measured, never tested: a rerun on another
//! machine gives other numbers, and then these files change.

/// The committed results of a plain run, with the comment lines that say how
/// they were taken.
pub const COMMITTED: &str = include_str!("../data/separable-bench.txt");

/// The same benchmark run right after, with glibc's allocator told to keep
/// freed memory (so that a new array does not have to be mapped page by page).
pub const KEPT_MEMORY: &str = include_str!("../data/separable-bench-kept-memory.txt");

/// The four timed methods, in the files' order: the core's fast direct and
/// separable methods, then its reference `convolve` and `convolve_separable`.
pub const METHODS: [&str; 4] = ["direct", "separable", "reference-2d", "reference-two-pass"];

/// The benchmarked kernel sizes.
pub const SIZES: [usize; 4] = [3, 5, 9, 15];

/// One row of the results: a method at one kernel size, with the median,
/// quartiles and minimum over the benchmark's rounds of the time per call, in
/// microseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    /// One of [`METHODS`].
    pub method: &'static str,
    /// Side `k` of the `k × k` box kernel (`k` taps per 1-D pass).
    pub k: usize,
    /// The median time per call.
    pub median_us: f64,
    /// The lower quartile.
    pub q1_us: f64,
    /// The upper quartile.
    pub q3_us: f64,
    /// The fastest round: the closest to an idle machine.
    pub min_us: f64,
}

/// One results file, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    text: &'static str,
    rows: Vec<Timing>,
}

/// The plain run, [`COMMITTED`].
pub fn committed() -> Results {
    Results::parse(COMMITTED)
}

/// The run with the allocator keeping its memory, [`KEPT_MEMORY`].
pub fn kept_memory() -> Results {
    Results::parse(KEPT_MEMORY)
}

impl Results {
    /// Every row, in file order.
    pub fn rows(&self) -> &[Timing] {
        &self.rows
    }

    /// The timing of `method` at kernel size `k`, if the file has it.
    pub fn timing(&self, method: &str, k: usize) -> Option<Timing> {
        self.rows
            .iter()
            .copied()
            .find(|row| row.method == method && row.k == k)
    }

    /// The median of `method` at `k`, in microseconds.
    pub fn median_us(&self, method: &str, k: usize) -> Option<f64> {
        self.timing(method, k).map(|t| t.median_us)
    }

    /// The value of a `# key: value` comment line (`"load"`, `"machine"`, ...).
    pub fn note(&self, key: &str) -> Option<&'static str> {
        self.text.lines().find_map(|line| {
            let (found, value) = line.strip_prefix("# ")?.split_once(": ")?;
            (found == key).then_some(value)
        })
    }

    /// Parse `method,k,median_us,q1_us,q3_us,min_us` rows; comments (`#`) and
    /// the header are skipped, and a malformed row is a bug in the committed file.
    fn parse(text: &'static str) -> Results {
        let rows = text
            .lines()
            .filter(|line| {
                !line.starts_with('#') && !line.starts_with("method") && !line.is_empty()
            })
            .map(|line| {
                let fields: Vec<&str> = line.split(',').map(str::trim).collect();
                let number = |i: usize| fields[i].parse::<f64>().expect("a number");
                Timing {
                    method: METHODS
                        .into_iter()
                        .find(|&m| m == fields[0])
                        .expect("a known method"),
                    k: fields[1].parse().expect("a kernel size"),
                    median_us: number(2),
                    q1_us: number(3),
                    q3_us: number(4),
                    min_us: number(5),
                }
            })
            .collect();
        Results { text, rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_has_every_method_and_size_once() {
        for results in [committed(), kept_memory()] {
            assert_eq!(results.rows().len(), METHODS.len() * SIZES.len());
            for method in METHODS {
                for k in SIZES {
                    let t = results
                        .timing(method, k)
                        .expect("every case is in the file");
                    let ordered =
                        t.min_us <= t.q1_us && t.q1_us <= t.median_us && t.median_us <= t.q3_us;
                    assert!(ordered, "{method} {k}");
                }
            }
            assert!(
                results
                    .note("command")
                    .is_some_and(|c| c.contains("--bench separable"))
            );
            assert!(results.note("load").is_some() && results.note("machine").is_some());
        }
        assert!(
            kept_memory()
                .note("command")
                .is_some_and(|c| c.starts_with("MALLOC_"))
        );
    }
}
