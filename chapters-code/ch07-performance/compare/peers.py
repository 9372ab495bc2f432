"""Time the Python peers on the benchmark grid of chapter 7 (dev-only tool).

Writes rows `series,type,image,kernel,median_ms` to the file named by the first
argument. A peer that is not installed is skipped with a note on stderr.
Everything runs on one thread, except `opencv-filter2d-threads` (two). Not part
of the test command.
"""
import os
import sys
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import numpy as np  # noqa: E402

IMAGE_SIZES = [512, 2048]
KERNEL_SIZES = [3, 5, 11, 31]
TYPES = {"f32": np.float32, "f64": np.float64}
# Stop repeating a peer at a grid point after this many seconds (at least 1 run).
BUDGET_S = 2.0


def peers():
    found = {}
    try:
        import scipy.ndimage
        import scipy.signal

        found["scipy-auto"] = lambda x, k: scipy.signal.convolve(x, k, mode="same", method="auto")
        found["scipy-fftconvolve"] = lambda x, k: scipy.signal.fftconvolve(x, k, mode="same")
        found["scipy-convolve2d"] = lambda x, k: scipy.signal.convolve2d(x, k, mode="same")
        found["scipy-ndimage"] = lambda x, k: scipy.ndimage.convolve(x, k, mode="constant")
    except ImportError:
        print("scipy not installed: skipping its peers", file=sys.stderr)
    try:
        import cv2

        def filter2d(threads):
            def run(x, k):
                # filter2D correlates; flipping the kernel makes it a convolution.
                return cv2.filter2D(x, -1, k[::-1, ::-1].copy(), borderType=cv2.BORDER_CONSTANT)

            # OpenCV's thread pool is global: set it before each series is timed.
            run.setup = lambda: cv2.setNumThreads(threads)
            return run

        found["opencv-filter2d"] = filter2d(1)
        # The peer of our two-thread series.
        found["opencv-filter2d-threads"] = filter2d(2)
    except ImportError:
        print("OpenCV (cv2) not installed: skipping filter2D", file=sys.stderr)
    return found


def median_ms(f, x, k):
    times = []
    start = time.perf_counter()
    while len(times) < 3 or (time.perf_counter() - start < BUDGET_S and len(times) < 15):
        t0 = time.perf_counter()
        f(x, k)
        times.append((time.perf_counter() - t0) * 1e3)
        if times[-1] > 1e3 * BUDGET_S:
            break
    return float(np.median(times))


def main(path):
    rng = np.random.default_rng(0)
    rows = []
    for name, f in peers().items():
        getattr(f, "setup", lambda: None)()
        for ty, dtype in TYPES.items():
            for n in IMAGE_SIZES:
                x = rng.random((n, n)).astype(dtype)
                for k in KERNEL_SIZES:
                    kernel = (rng.random((k, k)) - 0.5).astype(dtype)
                    ms = median_ms(f, x, kernel)
                    digits = 2 - int(np.floor(np.log10(ms)))
                    rows.append(f"{name},{ty},{n},{k},{round(ms, digits)}")
                    print(rows[-1], file=sys.stderr, flush=True)
    with open(path, "w") as out:
        out.write("series,type,image,kernel,median_ms\n")
        out.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
