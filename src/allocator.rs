//! The allocator of the `copydesk` binary and the benchmarks: mimalloc.
//!
//! A lint makes millions of small, short-lived allocations (findings,
//! messages, per-paragraph vectors), which glibc's malloc serves slowly and
//! fragments across rayon's threads. The `mimalloc` crate's allocator calls
//! mimalloc's aligned entry points for every allocation, and those take a
//! slow path for any block over 1 KiB (a paragraph's words, its lowercase
//! copy); every block mimalloc returns is aligned to a pointer's size, so
//! allocations that ask no more than that go through the plain entry points.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as ffi;

/// mimalloc as Rust's global allocator.
pub struct MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_t`, which the
/// Rust bindings leave unnamed): how long freed memory is kept before it is
/// handed back to the operating system.
const PURGE_DELAY: ffi::mi_option_t = 15;

/// How long freed memory is kept, in milliseconds: jemalloc's default decay.
const KEEP_FREED_MS: std::ffi::c_long = 10_000;

/// Sets mimalloc up for linting; the binary and the benchmarks call it first
/// thing.
///
/// mimalloc hands freed memory back after a second. A lint of a long document
/// frees tens of megabytes at its end, and one that follows within seconds
/// (the next file, the next keystroke in the editor) then takes every page
/// back from the kernel zeroed: on the 10 MB benchmark that was a tenth of
/// each lint's time, spent clearing pages. Ten seconds covers a burst of
/// work, and an idle language server still gives its memory back.
pub fn configure() {
    // SAFETY: setting an option is thread-safe and takes effect on the next
    // purge decision.
    unsafe { ffi::mi_option_set(PURGE_DELAY, KEEP_FREED_MS) }
}

/// The alignment every mimalloc block has.
const PLAIN_ALIGN: usize = std::mem::size_of::<usize>();

// SAFETY: mimalloc's functions are thread-safe; each branch returns a block
// of at least `layout.size()` bytes aligned to `layout.align()` (the plain
// entry points when that alignment is one mimalloc always gives), or null.
unsafe impl GlobalAlloc for MiMalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            ffi::mi_malloc(layout.size()).cast()
        } else {
            ffi::mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            ffi::mi_zalloc(layout.size()).cast()
        } else {
            ffi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        ffi::mi_free(ptr.cast::<c_void>());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            ffi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
        } else {
            ffi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option set is the purge delay: mimalloc's documented default
    /// (1000 ms) until `configure` sets ours.
    #[test]
    fn configure_sets_the_purge_delay() {
        // SAFETY: reading and setting options is thread-safe.
        assert_eq!(unsafe { ffi::mi_option_get(PURGE_DELAY) }, 1000);
        configure();
        assert_eq!(unsafe { ffi::mi_option_get(PURGE_DELAY) }, KEEP_FREED_MS);
    }

    /// Every alignment, small and large sizes, plain and aligned paths: the
    /// block is aligned, writable, and keeps its bytes when it grows.
    #[test]
    fn blocks_are_aligned_and_keep_their_bytes() {
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 7, 8, 24, 1000, 1025, 5000, 100_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                unsafe {
                    let p = MiMalloc.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size}, align {align}");
                    std::ptr::write_bytes(p, 0xAB, size);
                    let q = MiMalloc.realloc(p, layout, size * 3);
                    assert_eq!(q as usize % align, 0, "realloc {size}, align {align}");
                    assert!((0..size).all(|i| *q.add(i) == 0xAB));
                    MiMalloc.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                    let z = MiMalloc.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0);
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    MiMalloc.dealloc(z, layout);
                }
            }
        }
    }
}
