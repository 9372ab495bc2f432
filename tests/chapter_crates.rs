//! Chapter crates are leaves: each depends only on the shared crates, never on
//! another chapter, so a routine two chapters need lives in a shared crate.

use book_checks::repo_root;

#[test]
fn no_chapter_crate_depends_on_another_chapter() {
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(repo_root().join("chapters-code"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(manifest) = std::fs::read_to_string(entry.path().join("Cargo.toml")) else {
            continue;
        };
        for line in manifest.lines() {
            let dependency = line.split(['=', '.', ' ']).next().unwrap_or("");
            let is_chapter = dependency.len() > 4
                && dependency.starts_with("ch")
                && dependency[2..4].bytes().all(|b| b.is_ascii_digit())
                && dependency.as_bytes()[4] == b'-';
            if is_chapter && dependency != name {
                problems.push(format!(
                    "chapters-code/{name} depends on the chapter crate {dependency}"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "move what is borrowed into a shared crate (convolution, book-figures, ...):\n{}",
        problems.join("\n")
    );
}
