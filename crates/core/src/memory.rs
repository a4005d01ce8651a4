//! Returning a load's freed working memory to the system.

/// Returns the allocator's free pages to the system: a load's working memory (the staged
/// columns, the sort's buckets, the decoders' batches on every thread) is several times the
/// log, and glibc keeps much of what was freed in its arenas, resident, for the process's later
/// allocations (about 4 bytes an event after a 13M-event load; the call takes a few ms).
pub(crate) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[allow(unsafe_code)]
    // SAFETY: `malloc_trim` only releases free memory of the allocator's arenas; it reads no
    // memory of ours and may be called from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
