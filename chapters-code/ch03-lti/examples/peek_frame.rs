//! Draw single animation frames as PNG, to look at them while editing:
//! `cargo run -p ch03-lti --example peek_frame -- OUT_DIR`.
use ch03_lti::animation::{Animation, GIF_SIZE, Scene};
use ch03_lti::examples::{block_force, block_impulse_response, gaussian_kernel, noisy_signal};

fn main() -> book_figures::FigureResult {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or("/tmp".into()));
    let (force, h) = (block_force(), block_impulse_response());
    let (noisy, g) = (noisy_signal(), gaussian_kernel());
    let cases = [
        (
            "block",
            force.as_slice().unwrap(),
            h.as_slice().unwrap(),
            44,
        ),
        (
            "smooth",
            noisy.as_slice().unwrap(),
            g.as_slice().unwrap(),
            40,
        ),
    ];
    for (name, signal, kernel, n) in cases {
        let animation = Animation {
            signal,
            kernel,
            output_name: "y",
        };
        let path = dir.join(format!("{name}-{n}.png"));
        let root = book_figures::png_canvas(&path, GIF_SIZE)?;
        Scene::new(&animation).draw_frame(&root, n)?;
        root.present()?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
