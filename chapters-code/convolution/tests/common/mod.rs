//! A global allocator for the tests that check the crate never aborts on a
//! size it cannot allocate: the system allocator, except that a request the
//! test's `refuse` function rejects gets null (an allocation failure), at once
//! and on every machine, whatever its memory or overcommit settings.

use std::alloc::{GlobalAlloc, Layout, System};

/// The system allocator with a test-chosen refusal rule.
pub struct Refusing {
    /// Called with the size of every (re)allocation; `true` refuses it.
    pub refuse: fn(usize) -> bool,
}

// A global allocator can only be written as an `unsafe impl` of `GlobalAlloc`
// (the workspace denies unsafe code, so it is allowed here, and only here). Every
// method forwards to `System` with the caller's own arguments, which is exactly
// the contract `GlobalAlloc` asks for; refusing is returning null, which the
// contract allows.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Refusing {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if (self.refuse)(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: forwarded unchanged; `layout` is the caller's valid layout.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if (self.refuse)(layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: as in `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` through this allocator with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if (self.refuse)(new_size) {
            return std::ptr::null_mut();
        }
        // SAFETY: as in `dealloc`; `new_size` is the caller's valid size.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// xorshift64*: a tiny deterministic generator, so a failure can be replayed
/// (the fuzz tests of chapter 9's routines and of the backward pass share it).
#[allow(dead_code)] // not every test binary that includes `common` draws numbers
pub struct XorShift(pub u64);

#[allow(dead_code)]
impl XorShift {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> usize {
        (self.next() % n) as usize
    }
    /// Mostly small (0..=4), sometimes huge.
    pub fn param(&mut self) -> usize {
        const HUGE: [usize; 5] = [1 << 30, 1 << 40, usize::MAX / 2, usize::MAX - 1, usize::MAX];
        if self.below(6) == 0 {
            HUGE[self.below(HUGE.len() as u64)]
        } else {
            self.below(5)
        }
    }
    /// A shape of `axes` lengths in `0..5`.
    pub fn shape(&mut self, axes: usize) -> Vec<usize> {
        (0..axes).map(|_| self.below(5)).collect()
    }
}

/// Install a [`Refusing`] allocator that refuses every request above
/// `$limit` bytes and records the largest request it granted in
/// `LARGEST`, so a test can also assert that no routine asked for more than
/// it promises (the routines' cap, not the machine's memory).
#[macro_export]
macro_rules! refuse_above {
    ($limit:expr) => {
        const LIMIT: usize = $limit;
        static LARGEST: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

        fn refuse(size: usize) -> bool {
            if size > LIMIT {
                return true;
            }
            LARGEST.fetch_max(size, std::sync::atomic::Ordering::Relaxed);
            false
        }

        #[global_allocator]
        static ALLOCATOR: common::Refusing = common::Refusing { refuse };
    };
}
