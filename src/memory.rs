//! Memory freed by the process, given back to the system.

/// Returns the freed parts of the heap to the system. Called when reading ends a phase: after
/// the chats (millions of small blocks, each reception's words as they were read, freed
/// between ones that live on) and after the orders (the order book's lookups). glibc keeps
/// such memory for reuse, and what is computed next would be counted on top of it.
pub fn give_back_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: malloc_trim only releases free memory of glibc's own heap; it has no
        // preconditions and is safe to call at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// Large blocks (256 KB and more) get their own pages, returned to the system when freed.
/// glibc's default raises that threshold as large blocks are freed (up to 32 MB): after the
/// chats' big vectors are freed, the next tens of megabytes (indexes, per-agent lists) would
/// come from the heap and stay counted after they are freed.
pub fn return_large_blocks_promptly() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const M_MMAP_THRESHOLD: i32 = -3;
        unsafe extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        // SAFETY: mallopt sets a tuning parameter of glibc's allocator; called before any
        // thread is started, as glibc asks.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, 256 * 1024);
        }
    }
}
