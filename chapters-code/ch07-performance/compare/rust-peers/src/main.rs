//! Print the machine's limits as header lines of chapter 7's results file
//! (`key: value`, one a line; compare-peers.sh passes them to `collect`).

use ch07_performance::results::{
    LIMIT_BANDWIDTH, LIMIT_PEAK_F32, LIMIT_PEAK_F64, LIMIT_VECTORS, round_ms,
};
use ch07_rust_peers::{bandwidth_gbs, fma_peak_gflops};

fn main() {
    let mut vectors = None;
    for (key, double) in [(LIMIT_PEAK_F32, false), (LIMIT_PEAK_F64, true)] {
        match fma_peak_gflops(double) {
            Some((gflops, name)) => {
                println!("{key}: {}", round_ms(gflops));
                vectors = Some(name);
            }
            None => eprintln!("no AVX2 and FMA: {key} not measured"),
        }
    }
    if let Some(name) = vectors {
        println!("{LIMIT_VECTORS}: {name}");
    }
    let (copy, triad) = bandwidth_gbs();
    println!("{LIMIT_BANDWIDTH}: {}", round_ms(copy));
    println!(
        "memory bandwidth triad (GB/s, one thread): {}",
        round_ms(triad)
    );
}
