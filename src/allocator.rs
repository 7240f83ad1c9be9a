//! The allocator of the `copydesk` binary and the benchmarks: mimalloc, and
//! the system allocator for the language server ([`use_system_allocator`]).
//!
//! A lint makes millions of small, short-lived allocations (findings,
//! messages, per-paragraph vectors), which glibc's malloc serves slowly and
//! fragments across rayon's threads. The `mimalloc` crate's allocator calls
//! mimalloc's aligned entry points for every allocation, and those take a
//! slow path for any block over 1 KiB (a paragraph's words, its lowercase
//! copy); every block mimalloc returns is aligned to a pointer's size, so
//! allocations that ask no more than that go through the plain entry points.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, Ordering};

use libmimalloc_sys as ffi;

/// mimalloc as Rust's global allocator, or the system's once
/// [`use_system_allocator`] is called.
pub struct MiMalloc;

/// Whether new blocks come from the system allocator ([`use_system_allocator`]).
static SYSTEM: AtomicBool = AtomicBool::new(false);

/// From now on, new blocks come from the system allocator; blocks mimalloc
/// handed out before are still freed by mimalloc (it knows its own:
/// `mi_is_in_heap_region`, as its `mi_cfree` asks).
///
/// For the language server: a long-lived process whose peak memory matters
/// more than its throughput, where mimalloc's per-thread heaps, huge pages
/// and eagerly committed arenas stay resident between lints. One-shot lints
/// keep mimalloc's speed.
pub fn use_system_allocator() {
    SYSTEM.store(true, Ordering::Relaxed);
}

/// Whether `ptr` should go back to the system allocator: only once it hands
/// out new blocks, and only a block mimalloc does not own.
///
/// # Safety
/// `ptr` is a live block of this allocator.
unsafe fn from_system(ptr: *mut u8) -> bool {
    SYSTEM.load(Ordering::Relaxed) && !ffi::mi_is_in_heap_region(ptr.cast::<c_void>())
}

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
/// (the next file of a `check` run) would then take every page back from
/// the kernel zeroed, and spend its time clearing them. Ten seconds covers a
/// run; the language server allocates with the system allocator
/// ([`use_system_allocator`]).
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
        if SYSTEM.load(Ordering::Relaxed) {
            System.alloc(layout)
        } else if layout.align() <= PLAIN_ALIGN {
            ffi::mi_malloc(layout.size()).cast()
        } else {
            ffi::mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if SYSTEM.load(Ordering::Relaxed) {
            System.alloc_zeroed(layout)
        } else if layout.align() <= PLAIN_ALIGN {
            ffi::mi_zalloc(layout.size()).cast()
        } else {
            ffi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if from_system(ptr) {
            System.dealloc(ptr, layout);
        } else {
            ffi::mi_free(ptr.cast::<c_void>());
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if SYSTEM.load(Ordering::Relaxed) {
            if from_system(ptr) {
                return System.realloc(ptr, layout, new_size);
            }
            // A block mimalloc handed out before the switch moves to the
            // system allocator's heap.
            let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
            let moved = System.alloc(new_layout);
            if !moved.is_null() {
                std::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                ffi::mi_free(ptr.cast::<c_void>());
            }
            moved
        } else if layout.align() <= PLAIN_ALIGN {
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

    /// After the switch to the system allocator, new blocks come from it, and
    /// blocks mimalloc handed out before are still freed and grown correctly
    /// (the other tests here pass on either side of the switch).
    #[test]
    fn blocks_from_before_the_switch_survive_it() {
        let small = Layout::from_size_align(100, 8).unwrap();
        let large = Layout::from_size_align(5000, 8).unwrap();
        unsafe {
            let kept = MiMalloc.alloc(small);
            let grown = MiMalloc.alloc(small);
            assert!(ffi::mi_is_in_heap_region(kept.cast::<c_void>()));
            std::ptr::write_bytes(grown, 0xEF, small.size());
            use_system_allocator();
            let fresh = MiMalloc.alloc(small);
            assert!(!fresh.is_null());
            assert!(!ffi::mi_is_in_heap_region(fresh.cast::<c_void>()));
            let moved = MiMalloc.realloc(grown, small, large.size());
            assert!(!ffi::mi_is_in_heap_region(moved.cast::<c_void>()));
            assert!((0..small.size()).all(|i| *moved.add(i) == 0xEF));
            MiMalloc.dealloc(moved, large);
            MiMalloc.dealloc(fresh, small);
            MiMalloc.dealloc(kept, small);
        }
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
