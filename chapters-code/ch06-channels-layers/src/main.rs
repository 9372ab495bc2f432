//! Redraw chapter 6's figures into `images/ch06-channels-layers/`, or, with the
//! argument `find-offset`, scan numpy's random stream for Out[141]'s inputs.
use ch06_channels_layers::notebook::{find_offsets, out_141};

/// How far the full scan looks (raw 32-bit draws after `np.random.seed(0)`).
const SCAN_DRAWS: u64 = 60_000_000;

fn main() -> book_figures::FigureResult {
    match std::env::args().nth(1).as_deref() {
        Some("find-offset") => {
            println!("scanning {SCAN_DRAWS} offsets of np.random.seed(0) for Out[141]...");
            for found in find_offsets(0, 0..SCAN_DRAWS, &out_141()) {
                println!(
                    "skip any of {}..={} raw draws, then randint(1, 10, (6, 6, 3)) and randint(1, 10, (3, 3, 3))",
                    found.first, found.last
                );
            }
            Ok(())
        }
        None => {
            book_figures::regenerate("ch06-channels-layers", ch06_channels_layers::draw_figures)
        }
        Some(other) => {
            Err(format!("unknown argument {other:?}; use no argument or `find-offset`").into())
        }
    }
}
