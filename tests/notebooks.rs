//! The notebooks in `notebooks/`: one per chapter, committed without outputs.
//!
//! `scripts/notebooks.sh` executes them with the evcxr kernel (slow, needs Jupyter);
//! these checks are instant and run with plain `cargo test`, so a notebook saved
//! from Jupyter with its outputs, or a chapter without its notebook, is caught
//! before CI. Outputs are not committed because they cannot be kept current
//! cheaply: they hold compile timings and base64 images that change between runs,
//! and every value they would show is asserted by the notebook's own cells.

use std::path::{Path, PathBuf};

use book_checks::{book_pages, files_with_extension, repo_root};

/// The chapters' names (`chNN-topic`), from their pages in `src/`.
fn chapters() -> Vec<String> {
    book_pages()
        .iter()
        .filter_map(|page| page.file_stem()?.to_str().map(str::to_owned))
        .filter(|name| is_chapter_name(name))
        .collect()
}

/// `ch` followed by two digits and a dash: `ch05-image-filters`.
fn is_chapter_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    name.starts_with("ch")
        && bytes.len() > 5
        && bytes[2].is_ascii_digit()
        && bytes[3].is_ascii_digit()
        && bytes[4] == b'-'
}

/// The notebooks directly in `notebooks/`, as `scripts/notebooks.sh` runs them (not
/// the copies Jupyter may keep in `notebooks/.ipynb_checkpoints/`).
fn notebooks() -> Vec<PathBuf> {
    let dir = repo_root().join("notebooks");
    files_with_extension(&dir, "ipynb")
        .into_iter()
        .filter(|path| path.parent() == Some(dir.as_path()))
        .collect()
}

fn name(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn every_chapter_has_its_notebook_and_every_notebook_its_chapter() {
    let chapters = chapters();
    let notebooks: Vec<String> = notebooks().iter().map(|path| name(path)).collect();
    assert!(chapters.len() >= 6, "found only {chapters:?}");
    for chapter in &chapters {
        assert!(
            notebooks.contains(chapter),
            "chapter {chapter} has no notebook: add notebooks/{chapter}.ipynb \
             (see \"Adding a chapter\" in CONTRIBUTING.md)"
        );
    }
    for notebook in &notebooks {
        assert!(
            chapters.contains(notebook),
            "notebooks/{notebook}.ipynb is named after no chapter page in src/"
        );
    }
}

#[test]
fn notebooks_are_committed_without_outputs() {
    for path in notebooks() {
        let text = std::fs::read_to_string(&path).expect("notebook is readable");
        for (number, line) in text.lines().enumerate() {
            let line = line.trim().trim_end_matches(',');
            let has_output = (line.starts_with("\"outputs\":") && line != "\"outputs\": []")
                || (line.starts_with("\"execution_count\":")
                    && line != "\"execution_count\": null");
            assert!(
                !has_output,
                "{}:{}: `{line}`: clear the outputs before committing \
                 (Jupyter: Edit > Clear Outputs of All Cells, or \
                 `jupyter nbconvert --clear-output --inplace {}`)",
                path.display(),
                number + 1,
                path.display()
            );
        }
    }
}

#[test]
fn each_notebook_runs_on_the_rust_kernel_loads_its_crate_and_ends_with_its_marker() {
    for path in notebooks() {
        let chapter = name(&path);
        let text = std::fs::read_to_string(&path).expect("notebook is readable");
        for needed in [
            "\"name\": \"rust\"".to_owned(),
            format!("path = \\\"../chapters-code/{chapter}\\\""),
            "path = \\\"../chapters-code/convolution\\\"".to_owned(),
            format!("println!(\\\"CHECKED {chapter}\\\");"),
        ] {
            assert!(
                text.contains(&needed),
                "{} lacks {needed} (kernelspec \"rust\", `:dep` on its chapter crate and \
                 the core crate, and a last cell printing `CHECKED {chapter}`, which \
                 scripts/notebooks.sh looks for)",
                path.display()
            );
        }
    }
}
