//! The committed results file: complete, labelled, and consistent with the
//! claims the chapter makes about it. Nothing here times anything.

use ch07_performance::grid::{IMAGE_SIZES, KERNEL_SIZES, SERIES};
use ch07_performance::results::{
    LIMIT_BANDWIDTH, LIMIT_PEAK_F32, LIMIT_PEAK_F64, OPENCV_THREADS, PYTHON_PEERS, Results,
    generated_blocks, replace_generated, round_ms,
};

#[test]
fn every_grid_point_of_every_series_is_measured() {
    let results = Results::committed();
    let python = PYTHON_PEERS
        .iter()
        .map(|&(name, _)| (name, &["f32", "f64"][..]));
    let series = SERIES.iter().map(|s| (s.name, s.types)).chain(python);
    for (name, types) in series.chain([(OPENCV_THREADS, &["f32", "f64"][..])]) {
        for ty in types {
            for n in IMAGE_SIZES {
                for k in KERNEL_SIZES {
                    let ms = results.median_ms(name, ty, n, k);
                    assert!(ms.is_some_and(|ms| ms > 0.0), "{name} {ty} {n} k{k}");
                }
            }
        }
    }
}

#[test]
fn the_file_says_where_and_when_it_was_measured_and_the_limits() {
    let results = Results::committed();
    for key in ["machine", "date", "load average (1 min)", "rustc", "peers"] {
        assert!(results.header_value(key).is_some(), "no {key:?} line");
    }
    assert!(results.header_value("machine").unwrap().contains("cores"));
    for key in [LIMIT_PEAK_F32, LIMIT_PEAK_F64, LIMIT_BANDWIDTH] {
        assert!(
            results.limit(key).is_some_and(|x| x > 0.0),
            "no {key:?} line"
        );
    }
}

#[test]
fn the_file_round_trips() {
    let results = Results::committed();
    assert_eq!(Results::parse(&results.to_csv()).unwrap(), results);
}

#[test]
fn a_malformed_line_is_an_error_that_names_it() {
    let err = Results::parse("series,type,image,kernel,median_ms\ndirect,f32,512\n").unwrap_err();
    assert!(err.starts_with("line 2:"), "{err}");
}

#[test]
fn timings_keep_three_significant_digits() {
    assert_eq!(round_ms(1.23456), 1.23);
    assert_eq!(round_ms(123.456), 123.0);
    assert_eq!(round_ms(0.0123456), 0.0123);
}

#[test]
fn the_pages_show_the_generated_blocks_of_the_results_file() {
    for (file, name, content) in generated_blocks(&Results::committed()) {
        let page = ch07_performance::page(file).expect("a page of chapter 7");
        let updated = replace_generated(page, name, &content).unwrap();
        assert!(
            updated == page,
            "the {name:?} block of src/{file} is not what data/results.csv gives: run \
             `cargo run -p ch07-performance` to rewrite it, then fix the prose the tests name. \
             It should be:\n{content}"
        );
    }
}

#[test]
fn a_missing_marker_is_an_error() {
    let err = replace_generated("no markers", "ratios", "x").unwrap_err();
    assert!(err.contains("generated: ratios"), "{err}");
    let page = "a\n<!-- generated: t -->\nold\n<!-- end generated: t -->\nb";
    let new = replace_generated(page, "t", "new\n").unwrap();
    assert_eq!(
        new,
        "a\n<!-- generated: t -->\nnew\n<!-- end generated: t -->\nb"
    );
}

#[test]
fn the_floor_is_the_larger_of_arithmetic_and_memory_time() {
    let text =
        format!("# {LIMIT_PEAK_F32}: 100\n# {LIMIT_PEAK_F64}: 50\n# {LIMIT_BANDWIDTH}: 10\n");
    let r = Results::parse(&text).unwrap();
    // 512^2 outputs, k = 3: 4.72 MFLOP at 100 GFLOP/s is 0.0472 ms; 2 MiB at
    // 10 GB/s is 0.210 ms: memory bound.
    approx::assert_relative_eq!(
        r.floor_ms("f32", 512, 3).unwrap(),
        2.0 * 4.0 * 262_144.0 / 1e7
    );
    // k = 31 in f64: 2 * 961 * 2^22 FLOP at 50 GFLOP/s, arithmetic bound.
    approx::assert_relative_eq!(
        r.floor_ms("f64", 2048, 31).unwrap(),
        2.0 * 961.0 * 4_194_304.0 / 5e7
    );
}

#[test]
fn the_ratio_table_has_a_row_per_grid_point_and_a_verdict() {
    let table = Results::committed().ratio_table();
    // Header, rule, 16 rows, an empty line and the verdict.
    assert_eq!(table.lines().count(), 2 + Results::grid_points().len() + 2);
    assert!(table.lines().last().unwrap().starts_with("Verdict: "));
}
