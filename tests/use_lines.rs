//! One rule for `use` lines in the pages' Rust blocks: a block shows the `use`
//! statement that brings a name onto the page for the first time, so a reader
//! learns where `correlate_window` lives when it first appears; later blocks
//! repeat such statements as hidden `# ` lines, which mdBook's eye button shows.
//!
//! A statement is new when it imports at least one name no earlier Rust block
//! of the page imported. New statements must be visible, repeated ones hidden.

use book_checks::{pieces, problems_on_every_page};

/// One `use` statement of a Rust block: its first line, whether it is hidden,
/// and the names it imports (the last segment of each path, or the `as` name).
#[derive(Debug, PartialEq)]
struct UseStatement {
    line: usize,
    hidden: bool,
    names: Vec<String>,
}

/// The names a `use` statement's text imports: `a::{b, c::d as e, f::*}` gives
/// `b`, `e` and `f::*`.
fn imported_names(statement: &str) -> Vec<String> {
    let body = statement
        .trim()
        .trim_start_matches("pub ")
        .trim_start_matches("use ")
        .trim_end_matches(';');
    let mut names = Vec::new();
    collect(body, "", &mut names);
    names
}

fn collect(tree: &str, prefix: &str, names: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let path = format!("{prefix}{}", &tree[..open]);
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    collect(&inner[start..i], &path, names);
                    start = i + 1;
                }
                _ => {}
            }
        }
        collect(&inner[start..], &path, names);
    } else if !tree.is_empty() {
        let full = format!("{prefix}{tree}");
        let name = match full.split_once(" as ") {
            Some((_, alias)) => alias.trim().to_string(),
            None if full.ends_with("::*") => full,
            None if full.ends_with("::self") => full.trim_end_matches("::self").to_string(),
            None => full.rsplit("::").next().unwrap_or(&full).to_string(),
        };
        names.push(name);
    }
}

/// The `use` statements of every Rust block of a page, block by block.
fn use_statements(markdown: &str) -> Vec<Vec<UseStatement>> {
    let mut blocks = Vec::new();
    for piece in pieces(markdown).into_iter().filter(|piece| piece.rust) {
        let mut statements = Vec::new();
        let mut pending: Option<(usize, bool, String)> = None;
        for (offset, line) in piece.text.lines().enumerate() {
            let (hidden, code) = match line.strip_prefix("# ") {
                Some(rest) => (true, rest),
                None if line == "#" => (true, ""),
                None => (false, line),
            };
            let code_trimmed = code.trim_start();
            if pending.is_none()
                && (code_trimmed.starts_with("use ") || code_trimmed.starts_with("pub use "))
            {
                pending = Some((piece.first_line + offset, hidden, String::new()));
            }
            if let Some((_, _, text)) = &mut pending {
                text.push_str(code);
                text.push(' ');
                if code.contains(';') {
                    let (line, hidden, text) = pending.take().expect("pending is set");
                    statements.push(UseStatement {
                        line,
                        hidden,
                        names: imported_names(&text),
                    });
                }
            }
        }
        blocks.push(statements);
    }
    blocks
}

/// Statements that break the rule, as `line N: ...`.
fn misplaced(markdown: &str) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for block in use_statements(markdown) {
        let mut new_in_block = Vec::new();
        for statement in block {
            let new: Vec<&String> = statement
                .names
                .iter()
                .filter(|n| !seen.contains(n))
                .collect();
            match (new.is_empty(), statement.hidden) {
                (false, true) => problems.push(format!(
                    "line {}: hidden, but it brings {} onto the page first: show it",
                    statement.line,
                    new.iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
                (true, false) => problems.push(format!(
                    "line {}: visible, but an earlier block imported all of it: hide it with `# `",
                    statement.line
                )),
                _ => {}
            }
            new_in_block.extend(statement.names);
        }
        seen.extend(new_in_block);
    }
    problems
}

#[test]
fn a_block_shows_the_use_lines_that_bring_a_name_onto_the_page_first() {
    let report = problems_on_every_page(misplaced);
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn new_names_are_shown_and_repeats_hidden() {
    let good = "```rust\nuse convolution::{convolve, Mode};\n```\n\n```rust\n# use convolution::Mode;\nuse convolution::correlate;\n```\n";
    assert!(misplaced(good).is_empty());
    let hidden_first = good.replacen(
        "use convolution::{convolve",
        "# use convolution::{convolve",
        1,
    );
    assert_eq!(misplaced(&hidden_first).len(), 1);
    let shown_again = good.replacen("# use convolution::Mode;", "use convolution::Mode;", 1);
    assert_eq!(
        misplaced(&shown_again),
        ["line 6: visible, but an earlier block imported all of it: hide it with `# `"]
    );
}

#[test]
fn nested_groups_aliases_and_globs_are_names() {
    assert_eq!(
        imported_names("use convolution::{ndarray::{array, s}, Window as W, fast::*};"),
        ["array", "s", "W", "convolution::fast::*"]
    );
    let multi = "```rust\n# use a::{\n#     b,\n#     c,\n# };\n```\n";
    assert_eq!(use_statements(multi)[0][0].names, ["b", "c"]);
}
