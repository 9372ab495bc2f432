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
