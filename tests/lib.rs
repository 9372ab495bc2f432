//! Helpers shared by the book-level checks: where things are, and a small
//! reader for the parts of Markdown the checks need (fenced blocks, image links).

use std::path::{Path, PathBuf};

/// The repository's top folder.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the repository")
        .to_path_buf()
}

/// Every file below `dir` whose name ends in `extension`, sorted.
pub fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            // src/images is a link to ../images: photos and figures, no pages.
            if path.is_symlink() {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The book's Markdown pages (everything under `src/`).
pub fn book_pages() -> Vec<PathBuf> {
    files_with_extension(&repo_root().join("src"), "md")
}

/// A fenced code block in a Markdown page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fence {
    /// 1-based line of the opening fence.
    pub line: usize,
    /// The info string after the backticks, trimmed (`rust`, `text`, ...).
    pub info: String,
}

impl Fence {
    /// Does rustdoc (and mdBook) treat this block as Rust? An untagged fence is Rust.
    pub fn is_rust(&self) -> bool {
        let lang = self.info.split([',', ' ']).next().unwrap_or("");
        lang.is_empty() || lang == "rust"
    }
}

/// The fenced code blocks of a page, in order.
pub fn fences(markdown: &str) -> Vec<Fence> {
    let mut fences = Vec::new();
    let mut open: Option<String> = None;
    for (index, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        let marker = if trimmed.starts_with("```") {
            "```"
        } else if trimmed.starts_with("~~~") {
            "~~~"
        } else {
            continue;
        };
        match &open {
            None => {
                open = Some(marker.to_string());
                fences.push(Fence {
                    line: index + 1,
                    info: trimmed.trim_start_matches(marker).trim().to_string(),
                });
            }
            Some(m) if m == marker && trimmed.trim_start_matches(marker).trim().is_empty() => {
                open = None;
            }
            Some(_) => {}
        }
    }
    fences
}

/// The page without its fenced code blocks (code such as `array![…]` is not Markdown).
pub fn prose_only(markdown: &str) -> String {
    let mut prose = String::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if !in_fence {
            prose.push_str(line);
            prose.push('\n');
        }
    }
    prose
}

/// Image targets on a page, outside code: `![alt](target)` and `<img src="target">`.
pub fn image_targets(markdown: &str) -> Vec<String> {
    let markdown = &prose_only(markdown);
    let mut targets = Vec::new();
    let mut rest = markdown.as_str();
    while let Some(start) = rest.find("![") {
        rest = &rest[start + 2..];
        if let Some(close) = rest.find("](") {
            let after = &rest[close + 2..];
            if let Some(end) = after.find(')') {
                let target = after[..end].split_whitespace().next().unwrap_or("");
                targets.push(target.to_string());
            }
        }
    }
    targets.extend(attribute_values(markdown, "src"));
    targets
}

/// Values of `name="..."` attributes in HTML (or HTML inside Markdown).
pub fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&needle) {
        rest = &rest[start + needle.len()..];
        if let Some(end) = rest.find('"') {
            values.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fences_and_their_languages() {
        let md = "text\n```rust\nlet x = 1;\n```\n\n```text\nout\n```\n```\nbare\n```\n";
        let found = fences(md);
        assert_eq!(found.len(), 3);
        assert!(found[0].is_rust() && !found[1].is_rust() && found[2].is_rust());
        assert_eq!((found[1].line, found[1].info.as_str()), (6, "text"));
    }

    #[test]
    fn code_is_not_searched_for_images() {
        let md = "```rust\nlet a = array![1];\n```\nsee [the docs](https://example.org)\n";
        assert!(image_targets(md).is_empty());
    }

    #[test]
    fn finds_image_targets() {
        let md = "![a figure](images/a.png \"title\") and <img src=\"images/b.png\" alt=\"b\">";
        assert_eq!(image_targets(md), ["images/a.png", "images/b.png"]);
    }
}

/// A stretch of a page: one fenced block's contents, or the Markdown between blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Whether it is the inside of a Rust block (one rustdoc runs).
    pub rust: bool,
    /// 1-based line of its first line in the page.
    pub first_line: usize,
    /// Its lines, each ending in `\n`.
    pub text: String,
}

/// A page cut into its Rust blocks and everything else (prose, math and the
/// other fenced blocks), in order.
pub fn pieces(markdown: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut current = Piece {
        rust: false,
        first_line: 1,
        text: String::new(),
    };
    let mut open: Option<&str> = None;
    for (index, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        let rust = match (open, marker) {
            (None, Some(marker)) => {
                open = Some(marker);
                Some(
                    Fence {
                        line: 0,
                        info: trimmed.trim_start_matches(marker).trim().into(),
                    }
                    .is_rust(),
                )
            }
            (Some(open_marker), Some(marker)) if marker == open_marker => {
                open = None;
                Some(false)
            }
            _ => None,
        };
        match rust {
            Some(rust) => {
                let next = Piece {
                    rust,
                    first_line: index + 2,
                    text: String::new(),
                };
                pieces.push(std::mem::replace(&mut current, next));
            }
            None => {
                current.text.push_str(line);
                current.text.push('\n');
            }
        }
    }
    pieces.push(current);
    pieces
}

/// Run a check on every page; its problems, each prefixed with the page's path.
pub fn problems_on_every_page(check: impl Fn(&str) -> Vec<String>) -> Vec<String> {
    let root = repo_root();
    let mut report = Vec::new();
    for page in book_pages() {
        let markdown = std::fs::read_to_string(&page).expect("pages are readable");
        let name = page
            .strip_prefix(&root)
            .unwrap_or(&page)
            .display()
            .to_string();
        report.extend(check(&markdown).into_iter().map(|p| format!("{name} {p}")));
    }
    report
}
