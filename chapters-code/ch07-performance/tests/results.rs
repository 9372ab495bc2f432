//! The committed results file: complete, labelled, and consistent with the
//! claims the chapter makes about it. Nothing here times anything.

use ch07_performance::grid::{IMAGE_SIZES, KERNEL_SIZES, SERIES, TYPES};
use ch07_performance::results::{Results, round_ms};

#[test]
fn every_grid_point_of_every_series_is_measured() {
    let results = Results::committed();
    for series in SERIES {
        for ty in TYPES {
            for n in IMAGE_SIZES {
                for k in KERNEL_SIZES {
                    let ms = results.median_ms(series.name, ty, n, k);
                    assert!(
                        ms.is_some_and(|ms| ms > 0.0),
                        "{} {ty} {n} k{k}",
                        series.name
                    );
                }
            }
        }
    }
}

#[test]
fn the_file_says_where_and_when_it_was_measured() {
    let results = Results::committed();
    for key in ["machine", "date", "load average (1 min)", "rustc"] {
        assert!(results.header_value(key).is_some(), "no {key:?} line");
    }
    assert!(results.header_value("machine").unwrap().contains("cores"));
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
fn the_appendix_shows_the_ratio_table_of_the_results_file() {
    let table = Results::committed().ratio_table();
    assert!(
        ch07_performance::APPENDIX.contains(&table),
        "src/appendix-measurements.md must quote, to the last digit, the table \
         `cargo run -p ch07-performance -- ratios` prints:\n{table}"
    );
}

#[test]
fn the_ratio_table_has_a_row_per_grid_point() {
    let table = Results::committed().ratio_table();
    assert_eq!(table.lines().count(), 2 + Results::grid_points().len());
}
