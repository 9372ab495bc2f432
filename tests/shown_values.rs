//! Every array a page shows a reader is checked on that page.
//!
//! A page shows numbers in three places besides its code: prose, math, and
//! `text` blocks that print an output. A copy there can drift from the code
//! that computes it, and no doctest notices. The rule kept here is simple:
//!
//! > every run of three or more numbers shown in square brackets (or in a
//! > `bmatrix`/`pmatrix`) outside a Rust block must also appear, in the same
//! > order, among the numeric literals of a Rust block on the same page,
//!
//! and the Rust blocks are doctests whose assertions state those literals. A
//! shown integer must match exactly; a shown decimal matches to the precision it
//! is printed with (`0.33` matches `1.0 / 3.0` only if the code writes `0.33`..).
//! An ellipsis (`...`, `\dots`) splits a shown array into runs checked apart.
//!
//! Changing one number of a shown copy makes this test fail and name the line.

use book_checks::{pieces, problems_on_every_page};

/// A number as shown, with the tolerance its printed precision allows.
#[derive(Debug, Clone, Copy)]
struct Shown {
    value: f64,
    tolerance: f64,
}

/// Runs shorter than this are not checked: `[0, 1]` is usually an interval.
const SHORTEST_RUN: usize = 3;

/// An exponent `e-3`, `E+10`, `e7` at `chars[i]`: its signed digits and the
/// index after it, or `None` if there is none (`e` followed by no digit).
fn exponent_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    if !matches!(chars.get(i), Some('e' | 'E')) {
        return None;
    }
    let mut j = i + 1;
    let mut exp = String::new();
    if let Some(&sign @ ('-' | '+')) = chars.get(j) {
        exp.push(sign);
        j += 1;
    }
    let digits = j;
    while chars.get(j).is_some_and(char::is_ascii_digit) {
        exp.push(chars[j]);
        j += 1;
    }
    (j > digits).then_some((exp, j))
}

/// Parse a number starting at `chars[i]` (after an optional sign), returning it
/// and the index after it. Accepts `2`, `-2.`, `0.25`, `1e-3`, `−1` (Unicode minus).
fn number_at(chars: &[char], mut i: usize) -> Option<(Shown, usize)> {
    let mut text = String::new();
    if i < chars.len() && matches!(chars[i], '-' | '−' | '+') {
        if chars[i] != '+' {
            text.push('-');
        }
        i += 1;
    }
    let digits_start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        text.push(chars[i]);
        i += 1;
    }
    if i == digits_start {
        return None;
    }
    let mut decimals = 0;
    if i < chars.len() && chars[i] == '.' && !(i + 1 < chars.len() && chars[i + 1] == '.') {
        text.push('.');
        i += 1;
        while i < chars.len() && chars[i].is_ascii_digit() {
            text.push(chars[i]);
            decimals += 1;
            i += 1;
        }
    }
    let mut exponent = 0i32;
    if let Some((exp, next)) = exponent_at(chars, i) {
        exponent = exp.parse().ok()?;
        text.push('e');
        text.push_str(&exp);
        i = next;
    }
    let value: f64 = text.parse().ok()?;
    let tolerance = if decimals == 0 && exponent == 0 {
        1e-9
    } else {
        0.5 * 10f64.powi(exponent - decimals) + 1e-12
    };
    Some((Shown { value, tolerance }, i))
}

/// The runs of numbers in one bracketed group starting at `chars[open] == '['`,
/// and the index after its closing bracket; `None` if the group holds anything
/// but numbers, brackets, separators and ellipses (then it is not an array).
fn bracket_group(chars: &[char], open: usize) -> Option<(Vec<Vec<Shown>>, usize)> {
    let mut runs = vec![Vec::new()];
    let mut depth = 0usize;
    let mut i = open;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some((runs, i + 1));
                }
            }
            ',' | ';' | '&' | ' ' | '\n' | '\t' | '\\' => {}
            '.' | '…' => {
                // An ellipsis: numbers on either side are separate runs.
                while i + 1 < chars.len() && matches!(chars[i + 1], '.' | '…') {
                    i += 1;
                }
                runs.push(Vec::new());
            }
            _ => {
                let (number, next) = number_at(chars, i)?;
                runs.last_mut().expect("runs is never empty").push(number);
                i = next;
                continue;
            }
        }
        i += 1;
    }
    None
}

/// Every run of shown numbers in a piece of prose, math or text output, with its
/// line relative to the piece.
fn shown_runs(text: &str) -> Vec<(usize, Vec<Shown>)> {
    // Math: matrices become bracket groups; ellipses and \left/\right are words.
    let text = text
        .replace("\\begin{bmatrix}", "[")
        .replace("\\end{bmatrix}", "]")
        .replace("\\begin{pmatrix}", "[")
        .replace("\\end{pmatrix}", "]")
        .replace("\\left[", "[")
        .replace("\\right]", "]")
        .replace("\\ldots", "...")
        .replace("\\cdots", "...")
        .replace("\\dots", "...")
        .replace("\\quad", " ")
        .replace("\\,", " ");
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '['
            && let Some((runs, next)) = bracket_group(&chars, i)
        {
            let line = chars[..i].iter().filter(|&&c| c == '\n').count();
            for run in runs {
                if run.len() >= SHORTEST_RUN {
                    found.push((line, run));
                }
            }
            i = next;
            continue;
        }
        i += 1;
    }
    found
}

/// The numeric literals of a Rust block, in order (hidden `# ` lines included).
/// `1.0f32`, `2_i64` and `1_000` are read as numbers; digits inside names
/// (`f64`, `x2`, `ch01`) are not; a minus is a sign unless it follows a value.
fn rust_literals(code: &str) -> Vec<f64> {
    let chars: Vec<char> = code.chars().collect();
    let mut literals = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let in_name = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        let sign = c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit) && {
            let previous = chars[..i].iter().rev().find(|c| !c.is_whitespace());
            !previous.is_some_and(|p| p.is_alphanumeric() || matches!(p, ')' | ']' | '_'))
        };
        if (c.is_ascii_digit() && !in_name) || sign {
            let mut j = i + usize::from(sign);
            let mut text: String = if sign { "-".into() } else { String::new() };
            while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '_') {
                if chars[j] != '_' {
                    text.push(chars[j]);
                }
                j += 1;
            }
            if j < chars.len() && chars[j] == '.' && !(j + 1 < chars.len() && chars[j + 1] == '.') {
                // `1.` and `1.5` are floats; `x.0` (a field) never reaches here.
                let after = chars.get(j + 1).copied();
                if !after.is_some_and(|a| a.is_alphabetic() || a == '_') {
                    text.push('.');
                    j += 1;
                    while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '_') {
                        if chars[j] != '_' {
                            text.push(chars[j]);
                        }
                        j += 1;
                    }
                }
            }
            if let Some((exp, next)) = exponent_at(&chars, j) {
                text.push('e');
                text.push_str(&exp);
                j = next;
            }
            // Type suffixes and the rest of a name such as `0x1f`: skip them.
            while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            if let Ok(value) = text.parse() {
                literals.push(value);
            }
            i = j;
            continue;
        }
        i += 1;
    }
    literals
}

fn appears_in(run: &[Shown], literals: &[f64]) -> bool {
    literals.windows(run.len()).any(|window| {
        window
            .iter()
            .zip(run)
            .all(|(code, shown)| (code - shown.value).abs() <= shown.tolerance)
    })
}

fn format_run(run: &[Shown]) -> String {
    let numbers: Vec<String> = run.iter().map(|s| s.value.to_string()).collect();
    format!("[{}]", numbers.join(", "))
}

/// The unchecked runs of one page, as `line: [numbers]`.
fn unchecked_runs(markdown: &str) -> Vec<String> {
    let pieces = pieces(markdown);
    let literals: Vec<Vec<f64>> = pieces
        .iter()
        .filter(|piece| piece.rust)
        .map(|piece| rust_literals(&piece.text))
        .collect();
    let mut unchecked = Vec::new();
    for piece in pieces.iter().filter(|piece| !piece.rust) {
        for (line, run) in shown_runs(&piece.text) {
            if !literals.iter().any(|lits| appears_in(&run, lits)) {
                unchecked.push(format!(
                    "line {}: {}",
                    piece.first_line + line,
                    format_run(&run)
                ));
            }
        }
    }
    unchecked
}

#[test]
fn every_array_a_page_shows_is_stated_by_a_rust_block_on_that_page() {
    let report = problems_on_every_page(unchecked_runs);
    assert!(
        report.is_empty(),
        "{} shown arrays have no matching literal in a Rust block of their page; \
         assert them where the reader sees them:\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn a_drifted_copy_fails_and_a_faithful_one_passes() {
    let page = "The result is $[2, 5, 4, 9, 6]$.\n\n```rust\n# use x::y;\nassert_eq!(r, [2.0, 5.0, 4.0, 9.0, 6.0]);\n```\n";
    assert!(unchecked_runs(page).is_empty());
    let drifted = page.replacen("9, 6]$", "9, 7]$", 1);
    assert_eq!(unchecked_runs(&drifted), ["line 1: [2, 5, 4, 9, 7]"]);
}

#[test]
fn text_outputs_and_matrices_are_read_with_their_precision() {
    let code = "```rust\nlet a = array![[0.333, -1.5, 2.], [4.0, 5.0, 6.0]];\n```\n";
    let faithful = format!("```text\n[[ 0.33 -1.5   2.  ]\n [ 4.    5.    6.  ]]\n```\n{code}");
    assert!(unchecked_runs(&faithful).is_empty());
    let math =
        format!("$$\\begin{{bmatrix}} 0.3 & -1.5 & 2 \\\\ 4 & 5 & 6 \\end{{bmatrix}}$$\n{code}");
    assert!(unchecked_runs(&math).is_empty());
    // An integer must match exactly; 3 is not 2.
    let wrong = format!("$$\\begin{{bmatrix}} 0.3 & -1.5 & 3 \\end{{bmatrix}}$$\n{code}");
    assert_eq!(unchecked_runs(&wrong).len(), 1);
}

#[test]
fn names_with_digits_and_binary_minus_are_not_literals() {
    assert_eq!(rust_literals("let x2: f64 = ch01 - 3;"), [3.0]);
    assert_eq!(
        rust_literals("f(-1.5e-3, 2_i64, 1_000, 4.0f32, [-2, 7])"),
        [-1.5e-3, 2.0, 1000.0, 4.0, -2.0, 7.0]
    );
    assert_eq!(rust_literals("a.0 + t.1.max(3)"), [0.0, 1.0, 3.0]);
}

#[test]
fn links_words_and_short_runs_are_not_arrays() {
    assert!(shown_runs("see [chapter 1](ch01.md), [a, b, c], [0, 1] and [x_0, 2, 3]").is_empty());
    assert_eq!(shown_runs("numpy: [1 2 ... 8 9 10]").len(), 1);
}
