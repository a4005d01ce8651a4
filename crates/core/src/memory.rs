//! A load's working memory: huge pages under its large buffers, its freed memory returned to
//! the system.

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

/// Asks Linux for transparent huge pages (2 MB) under a large buffer before it is written, where
/// the system leaves that to each program (`madvise` mode, Debian's default): filling it then
/// takes one page fault per 2 MB instead of one per 4 KB, and reading it at random (a sort's
/// gathers) one TLB entry per 2 MB. A load of 132M events spends about a sixth less time, an `open`
/// of it a quarter. Only the buffer's whole 2 MB-aligned stretches are advised; a no-op under
/// them, off Linux, and where the kernel declines.
pub(crate) fn prefer_huge_pages<T>(buffer: &Vec<T>) {
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let base = buffer.as_ptr().cast::<u8>();
        let bytes = buffer.capacity().saturating_mul(size_of::<T>());
        let first = base.addr().next_multiple_of(HUGE) - base.addr();
        let end = (base.addr() + bytes) / HUGE * HUGE;
        let Some(len) = end.checked_sub(base.addr() + first).filter(|&len| len > 0) else {
            return;
        };
        #[allow(unsafe_code)]
        // SAFETY: the range lies inside the vector's allocation and is aligned to 2 MB (so to the
        // page size); MADV_HUGEPAGE changes how its pages are backed, never their contents, and
        // a refusal (an error return) leaves them as they were.
        unsafe {
            libc::madvise(base.wrapping_add(first).cast_mut().cast(), len, libc::MADV_HUGEPAGE);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = buffer;
}

/// `len` copies of `value` in a buffer advised for huge pages ([`prefer_huge_pages`]) before
/// it is filled.
pub(crate) fn filled<T: Clone>(len: usize, value: T) -> Vec<T> {
    collect_large(std::iter::repeat_n(value, len))
}

/// The items in a buffer advised for huge pages ([`prefer_huge_pages`]) before it is filled.
pub(crate) fn collect_large<T>(items: impl ExactSizeIterator<Item = T>) -> Vec<T> {
    let mut buffer = Vec::with_capacity(items.len());
    prefer_huge_pages(&buffer);
    buffer.extend(items);
    buffer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advised_buffers_keep_their_contents() {
        let mut small = vec![7u8; 100];
        prefer_huge_pages(&small);
        small.push(1);
        let mut large: Vec<u64> = Vec::with_capacity(3 << 20);
        prefer_huge_pages(&large);
        large.extend(0..3 << 20);
        assert_eq!((small.len(), small[0]), (101, 7));
        assert!(large.iter().enumerate().all(|(i, &v)| v == i as u64));
        let empty: Vec<u32> = Vec::new();
        prefer_huge_pages(&empty);
        let nines = filled(5 << 20, 9u8);
        assert!(nines.len() == 5 << 20 && nines.iter().all(|&b| b == 9));
    }
}
