//! Images: every image a page shows exists, every figure folder belongs to a
//! chapter crate whose test redraws it, and every committed figure is shown.

use book_checks::{book_pages, image_targets, repo_root};

#[test]
fn every_image_link_in_the_book_resolves() {
    let mut problems = Vec::new();
    for page in book_pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        for target in image_targets(&text) {
            if target.starts_with("http://") || target.starts_with("https://") {
                problems.push(format!(
                    "{}: {target} is remote; the book must work offline",
                    page.display()
                ));
            } else if !page.parent().unwrap().join(&target).is_file() {
                problems.push(format!("{}: image {target} does not exist", page.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `images/<chapter>/` holds figures drawn by `chapters-code/<chapter>`, whose
/// `tests/figures.rs` checks them; `images/photos/` holds the photos.
#[test]
fn every_figure_folder_is_checked_by_its_chapter_crate() {
    let root = repo_root();
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(root.join("images")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.path().is_dir() || name == "photos" {
            continue;
        }
        let test = root
            .join("chapters-code")
            .join(&name)
            .join("tests/figures.rs");
        let checked = std::fs::read_to_string(&test)
            // rustfmt may break the macro call over lines: compare without white space.
            .is_ok_and(|t| {
                let t: String = t.split_whitespace().collect();
                t.contains(&format!("figure_test!(\"{name}\""))
            });
        if !checked {
            problems.push(format!(
                "images/{name}/ has no figure_test!(\"{name}\", …) in {}",
                test.display()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_committed_figure_is_shown_somewhere() {
    let root = repo_root();
    let pages: String = book_pages()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(root.join("images")).unwrap().flatten() {
        let chapter = entry.file_name().to_string_lossy().into_owned();
        if !entry.path().is_dir() || chapter == "photos" {
            continue;
        }
        for figure in std::fs::read_dir(entry.path()).unwrap().flatten() {
            let name = format!("images/{chapter}/{}", figure.file_name().to_string_lossy());
            if !pages.contains(&name) {
                problems.push(format!("{name} is committed but no page shows it"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
