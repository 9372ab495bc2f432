//! The medians of the crate's benchmark (`benches/separable.rs`) as last
//! committed in `data/separable-bench.txt`, so that the chapter's quoted times
//! are tied to the file they come from. Times are measured, never tested: a
//! rerun on another machine gives other numbers, and then this file changes.

/// The committed results, with the comment lines that say how they were taken.
pub const COMMITTED: &str = include_str!("../data/separable-bench.txt");

/// One row of the results: the run, the kernel size and both medians, in
/// microseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Medians {
    /// Which of the runs (1, 2, 3) taken one after another.
    pub run: usize,
    /// Side `k` of the `k × k` box kernel (`k` taps per 1-D pass).
    pub k: usize,
    /// One 2-D pass, the core's direct method.
    pub one_pass_us: f64,
    /// Two 1-D passes, the core's separable method.
    pub two_passes_us: f64,
}

/// Every row of [`COMMITTED`], in file order.
pub fn committed() -> Vec<Medians> {
    parse(COMMITTED)
}

/// The medians of run `run` for kernel size `k`, if the file has them.
pub fn medians(run: usize, k: usize) -> Option<Medians> {
    committed()
        .into_iter()
        .find(|row| row.run == run && row.k == k)
}

/// The value of a `# key: value` comment line (`"load"`, `"machine"`, ...).
pub fn note(key: &str) -> Option<&'static str> {
    COMMITTED.lines().find_map(|line| {
        let (found, value) = line.strip_prefix("# ")?.split_once(": ")?;
        (found == key).then_some(value)
    })
}

/// Parse `run,k,one_pass_us,two_passes_us` rows; comments (`#`) and the header
/// are skipped, and a malformed row is a bug in the committed file.
fn parse(text: &str) -> Vec<Medians> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.starts_with("run") && !line.is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            let number = |i: usize| fields[i].trim().parse::<f64>().expect("a number");
            Medians {
                run: fields[0].trim().parse().expect("a run number"),
                k: fields[1].trim().parse().expect("a kernel size"),
                one_pass_us: number(2),
                two_passes_us: number(3),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_has_every_benchmarked_size() {
        for run in 1..=3 {
            let sizes: Vec<usize> = committed()
                .iter()
                .filter(|row| row.run == run)
                .map(|row| row.k)
                .collect();
            assert_eq!(sizes, [3, 5, 9, 15]);
        }
        assert!(note("command").is_some_and(|c| c.contains("--bench separable")));
        assert!(note("load").is_some());
    }
}
