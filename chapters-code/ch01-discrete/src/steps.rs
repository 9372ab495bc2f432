//! "Flip, slide, multiply, add", one output at a time, printed the way numpy
//! prints small integer arrays.

/// Format integers as numpy prints a 1-D integer array: `[0 0 1]`, every entry
/// right-aligned to the widest one (`[ 1 10]`).
pub fn numpy_format(values: &[i64]) -> String {
    let width = values
        .iter()
        .map(|v| v.to_string().len())
        .max()
        .unwrap_or(0);
    let cells: Vec<String> = values.iter().map(|v| format!("{v:>width$}")).collect();
    format!("[{}]", cells.join(" "))
}

/// For each output `n` of the full convolution, the overlapping stretch of `a`
/// and the matching stretch of `b`, in the order they are multiplied.
/// With `flip = true`, `b` is reversed first (true convolution); with
/// `flip = false` it is not, which is how the course chapter
/// paired them.
fn pairs(a: &[i64], b: &[i64], flip: bool) -> Vec<(Vec<i64>, Vec<i64>)> {
    let b: Vec<i64> = if flip {
        b.iter().rev().copied().collect()
    } else {
        b.to_vec()
    };
    let (la, lb) = (a.len(), b.len());
    (0..la + lb - 1)
        .map(|n| {
            // a[i] meets the (i - n + lb - 1)-th entry of the slid copy of b.
            let first = (n + 1).saturating_sub(lb);
            let last = n.min(la - 1);
            let pa = a[first..=last].to_vec();
            let pb = (first..=last).map(|i| b[i + lb - 1 - n]).collect();
            (pa, pb)
        })
        .collect()
}

/// One line per output: `sum = [a stretch] * [b stretch]`.
fn lines(a: &[i64], b: &[i64], flip: bool) -> Vec<String> {
    pairs(a, b, flip)
        .into_iter()
        .map(|(pa, pb)| {
            let sum: i64 = pa.iter().zip(&pb).map(|(x, y)| x * y).sum();
            format!("{sum} = {} * {}", numpy_format(&pa), numpy_format(&pb))
        })
        .collect()
}

/// The course chapter's table: `b` slides in from the left
/// *without being reversed*. Its sums equal the convolution only when `b` reads
/// the same backwards.
pub fn unreversed_table(a: &[i64], b: &[i64]) -> Vec<String> {
    lines(a, b, false)
}

/// The true convolution, step by step: `b` is reversed, then slid along `a`.
pub fn flip_slide_table(a: &[i64], b: &[i64]) -> Vec<String> {
    lines(a, b, true)
}

/// The sums of a table, in order (the number before each `=`).
pub fn sums(table: &[String]) -> Vec<i64> {
    table
        .iter()
        .map(|line| line.split(' ').next().unwrap_or("0").parse().unwrap_or(0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_pads_to_the_widest_entry() {
        assert_eq!(numpy_format(&[1, 10, -3]), "[ 1 10 -3]");
        assert_eq!(numpy_format(&[0]), "[0]");
    }
}
