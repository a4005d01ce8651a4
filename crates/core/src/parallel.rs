//! Data parallelism across columns: rayon threads with the `parallel` feature (native builds),
//! sequential otherwise (WASM). Results are identical either way.

/// Runs `a` and `b`, in parallel when the `parallel` feature is on.
pub(crate) fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    #[cfg(feature = "parallel")]
    {
        // The workers inherit the caller's supervision (see `control`).
        let (ca, cb) = (crate::control::current(), crate::control::current());
        rayon::join(|| crate::control::with(ca, a), || crate::control::with(cb, b))
    }
    #[cfg(not(feature = "parallel"))]
    {
        (a(), b())
    }
}

/// `range` cut into consecutive pieces of at most `size` items (the last one shorter), the
/// units of work of a pass over persons.
pub(crate) fn chunks(range: std::ops::Range<usize>, size: usize) -> Vec<std::ops::Range<usize>> {
    let end = range.end;
    range.step_by(size.max(1)).map(|s| s..(s + size).min(end)).collect()
}

/// Maps `f` over `items` keeping their order, in parallel when the `parallel` feature is on.
pub(crate) fn map_columns<T, R, F>(items: Vec<T>, f: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Send + Sync,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        let control = crate::control::current();
        items.into_par_iter().map(|item| crate::control::with(control.clone(), || f(item))).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.into_iter().map(f).collect()
    }
}

/// How many parts to split a memory-bound pass into: the worker threads (at most 4, as every
/// part reads the whole input), or 1 without the `parallel` feature.
pub(crate) fn parts() -> usize {
    #[cfg(feature = "parallel")]
    {
        rayon::current_num_threads().clamp(1, 4)
    }
    #[cfg(not(feature = "parallel"))]
    {
        1
    }
}
