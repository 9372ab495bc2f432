//! Build the book with mdBook and check the result as a reader's browser would
//! load it: no build warnings, every internal link and resource resolves, nothing
//! is fetched from the internet, and math is rendered.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use book_checks::{attribute_values, files_with_extension, repo_root};

/// The mdbook binary: on PATH, or where `scripts/install-tools.sh` puts it.
fn mdbook() -> PathBuf {
    let on_path = Command::new("mdbook").arg("--version").output().is_ok();
    if on_path {
        return PathBuf::from("mdbook");
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let installed = home.join(".cargo/bin/mdbook");
    assert!(
        installed.is_file(),
        "mdbook is not installed: run scripts/install-tools.sh (or scripts/test.sh, which runs it)"
    );
    installed
}

/// Build once per test process into a scratch folder; return it and the log.
fn built_book() -> &'static (PathBuf, String) {
    static BOOK: std::sync::OnceLock<(PathBuf, String)> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| {
        let dest = std::env::temp_dir().join(format!("convolution-book-{}", std::process::id()));
        let mut path = std::env::var_os("PATH").unwrap_or_default();
        if let Some(home) = std::env::var_os("HOME") {
            let mut with_cargo = PathBuf::from(home).join(".cargo/bin").into_os_string();
            with_cargo.push(":");
            with_cargo.push(&path);
            path = with_cargo;
        }
        let output = Command::new(mdbook())
            .arg("build")
            .arg(repo_root())
            .arg("-d")
            .arg(&dest)
            .env("PATH", path)
            .output()
            .expect("mdbook runs");
        let log = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(output.status.success(), "mdbook build failed:\n{log}");
        (dest, log)
    })
}

fn html_pages() -> Vec<PathBuf> {
    files_with_extension(&built_book().0, "html")
}

#[test]
fn the_book_builds_without_warnings() {
    let (_, log) = built_book();
    let warnings: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("WARN") || line.contains("ERROR"))
        // mdbook-katex 0.10 names the mdBook patch release it was built against.
        .filter(|line| !line.contains("was built against mdbook"))
        .collect();
    assert!(
        warnings.is_empty(),
        "mdbook build warned:\n{}",
        warnings.join("\n")
    );
}

/// The part of a link that names a file, and its fragment.
fn split_link(link: &str) -> (&str, &str) {
    let link = link.split('?').next().unwrap_or("");
    match link.split_once('#') {
        Some((file, fragment)) => (file, fragment),
        None => (link, ""),
    }
}

fn is_external(link: &str) -> bool {
    [
        "http://",
        "https://",
        "mailto:",
        "//",
        "data:",
        "javascript:",
    ]
    .iter()
    .any(|scheme| link.starts_with(scheme))
}

#[test]
fn every_internal_link_and_resource_resolves() {
    let mut ids: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut problems = Vec::new();
    for page in html_pages() {
        let html = std::fs::read_to_string(&page).unwrap();
        let dir = page.parent().unwrap().to_path_buf();
        let links = attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"));
        for link in links {
            if is_external(&link) || link.contains("{{") {
                continue;
            }
            let (file, fragment) = split_link(&link);
            let target = if file.is_empty() {
                page.clone()
            } else if let Some(from_root) = file.strip_prefix('/') {
                built_book().0.join(from_root)
            } else {
                dir.join(file)
            };
            let target = if target.is_dir() {
                target.join("index.html")
            } else {
                target
            };
            if !target.is_file() {
                problems.push(format!("{}: broken link {link}", short(&page)));
                continue;
            }
            let is_page = target.extension().is_some_and(|e| e == "html");
            if !fragment.is_empty() && is_page {
                let target_html = ids
                    .entry(target.clone())
                    .or_insert_with(|| std::fs::read_to_string(&target).unwrap());
                if !target_html.contains(&format!("id=\"{fragment}\"")) {
                    problems.push(format!(
                        "{}: link {link} names a missing anchor",
                        short(&page)
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Scripts, stylesheets, images and fonts must come from the book itself.
#[test]
fn nothing_is_loaded_from_the_internet() {
    let mut problems = Vec::new();
    for page in html_pages() {
        let html = std::fs::read_to_string(&page).unwrap();
        for src in attribute_values(&html, "src") {
            if is_external(&src) {
                problems.push(format!("{}: loads {src}", short(&page)));
            }
        }
        for tag in html.split("<link").skip(1) {
            let tag = tag.split('>').next().unwrap_or("");
            for href in attribute_values(tag, "href") {
                if is_external(&href) {
                    problems.push(format!("{}: links stylesheet {href}", short(&page)));
                }
            }
        }
    }
    for css in files_with_extension(&built_book().0, "css") {
        let text = std::fs::read_to_string(&css).unwrap();
        if text.contains("url(http") || text.contains("@import url(\"http") {
            problems.push(format!("{}: fetches from the internet", short(&css)));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Remove `<pre>…</pre>` and `<code>…</code>` so that dollar signs in code do not count.
fn without_code(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    loop {
        let next = ["<pre", "<code"]
            .iter()
            .filter_map(|t| rest.find(t).map(|i| (i, *t)))
            .min();
        let Some((start, tag)) = next else { break };
        out.push_str(&rest[..start]);
        let close = if tag == "<pre" { "</pre>" } else { "</code>" };
        match rest[start..].find(close) {
            Some(end) => rest = &rest[start + end + close.len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn math_is_rendered_at_build_time() {
    let src = repo_root().join("src");
    let mut problems = Vec::new();
    for page in html_pages() {
        let name = page
            .strip_prefix(&built_book().0)
            .unwrap()
            .with_extension("md");
        let Ok(markdown) = std::fs::read_to_string(src.join(&name)) else {
            continue;
        };
        let html = without_code(&std::fs::read_to_string(&page).unwrap());
        if without_code(&markdown).contains('$') && !html.contains("class=\"katex") {
            problems.push(format!(
                "{}: has math in Markdown but no KaTeX markup",
                short(&page)
            ));
        }
        if html.contains("$$") {
            problems.push(format!("{}: raw $$ left in the page", short(&page)));
        }
    }
    let css = built_book().0.join("katex/katex.min.css");
    assert!(
        css.is_file(),
        "the KaTeX stylesheet is not in the built book"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn short(path: &Path) -> String {
    path.strip_prefix(&built_book().0)
        .unwrap_or(path)
        .display()
        .to_string()
}
