//! The memory allocator of the `stackviz` binary: jemalloc, told to give
//! memory back to the system quickly.
//!
//! Why: `decode` builds a dissection and its text for every frame and
//! drops them again (on worker threads, handed to the writer on the main
//! thread). With glibc's malloc that churn was about a fifth of full
//! detail's time and a quarter of JSON's; jemalloc's thread caches take
//! most of it away (`bench/compare-decode.sh`, README's table).
//!
//! Why the settings: by default jemalloc keeps freed pages for ten seconds
//! before it returns them, and with a frame's text allocated on a worker
//! and freed on the writer's thread the peak reached 45 MB on 100,000
//! frames, over the 32 MB that decode promises. Returning them after 100
//! ms, and not keeping "muzzy" pages at all, held the peak at 24 MB on the
//! same files at the same speed (measured with `/usr/bin/time -f %M`).
//! mimalloc was also tried: about as fast, but 36 MB, and its crate does
//! not expose the options that would lower that.

#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc reads its options from this C string (its `malloc_conf`, under
/// the `_rjem_` prefix tikv-jemalloc-sys builds it with) before the first
/// allocation.
#[unsafe(export_name = "_rjem_malloc_conf")]
static JEMALLOC_OPTIONS: Option<&'static std::ffi::c_char> =
    // SAFETY: a pointer to a 'static C string's first byte, as a reference
    // of the same layout as jemalloc's `const char *`.
    Some(unsafe { &*c"dirty_decay_ms:100,muzzy_decay_ms:0".as_ptr() });
