//! Book code is tested code: every Rust block of every page is a doctest of a
//! chapter crate, none is skipped, and every other block says what it is.

use std::path::{Path, PathBuf};

use book_checks::{book_pages, fences, repo_root};

/// Pages that some crate includes as doctests with
/// `#[cfg(doctest)] #[doc = include_str!("…/src/page.md")]`.
fn pages_run_as_doctests() -> Vec<PathBuf> {
    let mut pages = Vec::new();
    for lib in book_checks::files_with_extension(&repo_root().join("chapters-code"), "rs") {
        let text = std::fs::read_to_string(&lib).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(start) = line.find("include_str!(\"") else {
                continue;
            };
            let rest = &line[start + "include_str!(\"".len()..];
            let Some(end) = rest.find('"') else { continue };
            let gated = lines[i.saturating_sub(3)..i]
                .iter()
                .any(|l| l.contains("#[cfg(doctest)]"));
            let target = lib.parent().unwrap().join(&rest[..end]);
            if gated
                && target.extension().is_some_and(|e| e == "md")
                && let Ok(path) = target.canonicalize()
            {
                pages.push(path);
            }
        }
    }
    pages
}

fn relative(path: &Path) -> String {
    path.strip_prefix(repo_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn every_rust_block_in_the_book_runs_under_cargo_test() {
    let included = pages_run_as_doctests();
    let mut problems = Vec::new();
    for page in book_pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let rust_blocks: Vec<_> = fences(&text).into_iter().filter(|f| f.is_rust()).collect();
        if !rust_blocks.is_empty() && !included.contains(&page.canonicalize().unwrap()) {
            problems.push(format!(
                "{} has {} Rust block(s) but no chapter crate includes it as doctests \
                 (#[cfg(doctest)] #[doc = include_str!(\"../../../src/…\")])",
                relative(&page),
                rust_blocks.len()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_block_is_skipped_and_every_other_block_is_tagged() {
    let mut problems = Vec::new();
    for page in book_pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        for fence in fences(&text) {
            let at = format!("{}:{}", relative(&page), fence.line);
            if fence.info.is_empty() {
                problems.push(format!(
                    "{at}: untagged fence (rustdoc would compile it as Rust); tag it, e.g. ```text"
                ));
            } else if fence.is_rust() && fence.info != "rust" {
                problems.push(format!(
                    "{at}: ```{} — Rust blocks in the book run as plain ```rust, without ignore/no_run/attributes",
                    fence.info
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_page_is_in_the_summary_and_every_summary_entry_exists() {
    let src = repo_root().join("src");
    let summary = std::fs::read_to_string(src.join("SUMMARY.md")).unwrap();
    let linked: Vec<String> = summary
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(str::to_string)
        .collect();
    let mut problems = Vec::new();
    for target in &linked {
        if !src.join(target).is_file() {
            problems.push(format!("SUMMARY.md links {target}, which does not exist"));
        }
    }
    for page in book_pages() {
        let name = page.strip_prefix(&src).unwrap().display().to_string();
        if name != "SUMMARY.md" && !linked.contains(&name) {
            problems.push(format!("src/{name} is not listed in SUMMARY.md"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
