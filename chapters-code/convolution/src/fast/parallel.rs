//! Optional threads: split the output into chunks and hand them to rayon, but
//! only when asked to and when there is enough work to pay for the threads.

use rayon::prelude::*;

/// Call `f(state, index, chunk)` for every `len`-long chunk of `data`, on
/// rayon's threads if `parallel` (each thread making its own `state` with
/// `init`), else in order on this thread.
pub(crate) fn for_each_chunk<V, S, I, F>(parallel: bool, data: &mut [V], len: usize, init: I, f: F)
where
    V: Send,
    I: Fn() -> S + Sync + Send,
    F: Fn(&mut S, usize, &mut [V]) + Sync + Send,
{
    if len == 0 {
        return;
    }
    if parallel {
        data.par_chunks_mut(len)
            .enumerate()
            .for_each_init(init, |state, (i, chunk)| f(state, i, chunk));
    } else {
        let mut state = init();
        for (i, chunk) in data.chunks_mut(len).enumerate() {
            f(&mut state, i, chunk);
        }
    }
}
