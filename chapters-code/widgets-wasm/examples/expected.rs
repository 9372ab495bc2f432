//! The native values the browser test compares the pages with: the same
//! functions the widgets call in WebAssembly, run natively, printing the JSON
//! the widgets receive.
//!
//! ```text
//! cargo run -p widgets-wasm --example expected -- slide "1 2 3" "1 0 -1" convolution
//! cargo run -p widgets-wasm --example expected -- sizes 7 3 1 2 1 forward 0
//! cargo run -p widgets-wasm --example expected -- \
//!     playground images/photos/camera.png full "1 0 -1 2 0 -2 1 0 -1" 3 reflect 1 1 10 20
//! ```
//!
//! The playground decodes the PNG with the `image` crate (the page lets the
//! browser decode it) and prints `{"run":…,"window":…}` for output pixel
//! (row, column).

fn numbers(text: &str) -> Vec<f64> {
    text.split([' ', ','])
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("a number"))
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let json = match args.as_slice() {
        ["slide", signal, kernel, kind] => {
            widgets_wasm::slide(&numbers(signal), &numbers(kernel), *kind == "convolution")
        }
        ["sizes", i, k, p, s, d, kind, op] => {
            let n = |t: &str| t.parse::<u32>().expect("a size");
            widgets_wasm::output_size(n(i), n(k), n(p), n(s), n(d), *kind == "transposed", n(op))
        }
        [
            "playground",
            png,
            halve,
            kernel,
            size,
            border,
            stride,
            dilation,
            row,
            col,
        ] => {
            let n = |t: &str| t.parse::<u32>().expect("a size");
            let photo = image::open(png).expect("a PNG").to_rgba8();
            let mut play = widgets_wasm::Playground::new(
                photo.as_raw(),
                photo.width(),
                photo.height(),
                *halve == "half",
            );
            let run = play.run(&numbers(kernel), n(size), border, n(stride), n(dilation));
            format!(
                r#"{{"run":{run},"window":{}}}"#,
                play.window(n(row), n(col))
            )
        }
        _ => {
            eprintln!("usage: expected slide SIGNAL KERNEL convolution|correlation");
            eprintln!("       expected sizes I K P S D forward|transposed OUTPUT_PADDING");
            eprintln!(
                "       expected playground PNG full|half KERNEL SIZE BORDER STRIDE DILATION ROW COL"
            );
            std::process::exit(2);
        }
    };
    println!("{json}");
}
