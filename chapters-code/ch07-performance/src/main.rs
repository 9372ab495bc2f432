//! Redraw chapter 7's figures and rewrite the generated blocks of its pages
//! (the ratio table, where it was measured) from `data/results.csv`; or, with
//! `collect`, gather a benchmark run into that file; or, with `ratios`, print
//! the ratio table.
//!
//! ```text
//! cargo run -p ch07-performance                      # figures and page tables
//! cargo run --release -p ch07-performance -- collect CRITERION_DIR PEERS_CSV "HEADER" ...
//! cargo run -p ch07-performance -- ratios            # the table, from the committed file
//! ```
use ch07_performance::grid::SERIES;
use ch07_performance::results::{Results, generated_blocks, read_criterion, replace_generated};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None => {
            book_figures::regenerate("ch07-performance", ch07_performance::draw_figures)?;
            write_generated_blocks()
        }
        Some("ratios") => {
            print!("{}", Results::committed().ratio_table());
            Ok(())
        }
        Some("collect") => {
            let [_, criterion_dir, peers_csv, header @ ..] = &args[..] else {
                return Err("usage: collect CRITERION_DIR PEERS_CSV [HEADER LINE]...".into());
            };
            let names: Vec<&str> = SERIES.iter().map(|s| s.name).collect();
            let mut results = Results {
                header: header.to_vec(),
                rows: read_criterion(criterion_dir.as_ref(), &names)?,
            };
            if let Ok(text) = std::fs::read_to_string(peers_csv) {
                results.rows.extend(Results::parse(&text)?.rows);
            }
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/results.csv");
            std::fs::write(&path, results.to_csv())?;
            println!("wrote {} rows to {}", results.rows.len(), path.display());
            print!("{}", results.ratio_table());
            Ok(())
        }
        Some(other) => {
            Err(format!("unknown argument {other:?}; use none, `collect` or `ratios`").into())
        }
    }
}

/// Rewrite the generated blocks of the page and the appendix from the
/// committed results (compiled in, so `cargo run` after `collect` sees the new file).
fn write_generated_blocks() -> Result<(), Box<dyn std::error::Error>> {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src");
    for (file, name, content) in generated_blocks(&Results::committed()) {
        let path = src.join(file);
        let page = std::fs::read_to_string(&path)?;
        let updated = replace_generated(&page, name, &content)?;
        if updated != page {
            std::fs::write(&path, updated)?;
            println!("rewrote the {name:?} block of {}", path.display());
        }
    }
    Ok(())
}
