//! Memory freed by the process, given back to the system.

/// Returns the freed parts of the heap to the system. After the chats are read, millions of
/// small allocations (each reception's words as they were read) have been freed between
/// ones that live on, and glibc's allocator keeps such memory for reuse: the orders read next
/// would be counted on top of it.
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
