//! Long work that can be stopped and that says how far it got.
//!
//! Long passes (loading a file, building a log, training a forest) call a checkpoint between
//! chunks. Outside [`supervise`] a checkpoint costs a thread-local read and does nothing else.
//! Under it, the work runs on a worker thread while the caller's thread wakes every `every` to
//! run `poll` (Python checks for Ctrl-C and calls the progress callback there, on its own thread):
//! when `poll` asks to stop, the next checkpoint of the work (on any of its threads) returns
//! [`Error::Interrupted`] and the work unwinds through its ordinary error path, freeing what it
//! built.
//!
//! ```
//! use std::time::Duration;
//! use webinar_analytics::control::supervise;
//! use webinar_analytics::prelude::*;
//!
//! let csv = b"user_id,ts,event\n1,2024-03-01T10:00:00Z,register\n";
//! let read = || EventLog::from_csv(csv, None, &LoadOptions::default());
//! // Unstopped, supervised work gives its result...
//! let log = supervise(read, |_| true, Duration::from_millis(100))?;
//! assert_eq!(log.event_count(), 1);
//! // ...and a poll that asks to stop ends it at its first checkpoint.
//! let stopped = supervise(read, |_| false, Duration::from_millis(100));
//! assert_eq!(stopped.map(|_| ()).unwrap_err().code(), "interrupted");
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::Duration;

use crate::error::{Error, Result};

/// Where a long call is: `done` of `total` units (rows, events, trees) of `stage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Progress {
    /// What is being done: `"read"` (bytes of a CSV file), `"load"` (rows of Arrow batches),
    /// `"sort"` (steps of building a log), `"fit"` (trees of a forest, restarts of k-means).
    pub stage: &'static str,
    /// Units done.
    pub done: u64,
    /// Units in all (0 when unknown).
    pub total: u64,
}

/// The state a supervised call shares with its supervisor.
#[derive(Debug, Default)]
pub struct Control {
    stop: AtomicBool,
    progress: Mutex<Option<Progress>>,
}

impl Control {
    /// Asks the work to stop at its next checkpoint.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// The latest progress the work reported.
    pub fn progress(&self) -> Option<Progress> {
        *self.progress.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<Control>>> = const { RefCell::new(None) };
}

/// The control of the work running on this thread, if it is supervised.
#[cfg_attr(not(any(feature = "parallel", test)), allow(dead_code))] // worker threads inherit it
pub(crate) fn current() -> Option<Arc<Control>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Runs `work` with `control` as this thread's (worker threads of the work inherit it through
/// [`crate::parallel`]).
pub(crate) fn with<R>(control: Option<Arc<Control>>, work: impl FnOnce() -> R) -> R {
    struct Restore(Option<Arc<Control>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.with(|c| *c.borrow_mut() = self.0.take());
        }
    }
    let previous = CURRENT.with(|c| std::mem::replace(&mut *c.borrow_mut(), control));
    let _restore = Restore(previous);
    work()
}

/// A checkpoint of long work: `done` of `total` units of `stage`. Returns
/// [`Error::Interrupted`] once the supervisor asked to stop.
pub(crate) fn checkpoint(stage: &'static str, done: u64, total: u64) -> Result<()> {
    CURRENT.with(|c| match &*c.borrow() {
        None => Ok(()),
        Some(control) if control.stop.load(Ordering::Relaxed) => Err(Error::Interrupted),
        Some(control) => {
            *control.progress.lock().unwrap_or_else(PoisonError::into_inner) = Some(Progress { stage, done, total });
            Ok(())
        }
    })
}

/// A checkpoint that reports no progress: [`Error::Interrupted`] once the supervisor asked to
/// stop.
pub(crate) fn check() -> Result<()> {
    CURRENT.with(|c| match &*c.borrow() {
        Some(control) if control.stop.load(Ordering::Relaxed) => Err(Error::Interrupted),
        _ => Ok(()),
    })
}

/// Runs `work` on a worker thread while this thread calls `poll` every `every` (and once at the
/// start); when `poll` returns `false` the work is asked to stop and this waits for it (its
/// checkpoints return [`Error::Interrupted`]). A panic of the work is resumed here.
pub fn supervise<R: Send>(
    work: impl FnOnce() -> R + Send,
    mut poll: impl FnMut(&Control) -> bool,
    every: Duration,
) -> R {
    let control = Arc::new(Control::default());
    if !poll(&control) {
        control.stop();
    }
    std::thread::scope(|scope| {
        let (done, finished) = mpsc::channel::<()>();
        let worker = Arc::clone(&control);
        let handle = scope.spawn(move || {
            let out = with(Some(worker), work);
            let _ = done.send(());
            out
        });
        while let Err(mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(every) {
            if !control.stop.load(Ordering::Relaxed) && !poll(&control) {
                control.stop();
            }
        }
        match handle.join() {
            Ok(out) => out,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoints_outside_supervision_do_nothing() {
        assert!(checkpoint("read", 1, 2).is_ok());
        assert!(current().is_none());
    }

    #[test]
    fn a_stop_reaches_the_work_and_its_threads() {
        let out = supervise(
            || {
                let (a, b) = crate::parallel::join(
                    || (0..).try_for_each(|i| checkpoint("a", i, 0)),
                    || (0..).try_for_each(|i| checkpoint("b", i, 0)),
                );
                (a.unwrap_err().code(), b.unwrap_err().code())
            },
            |control| control.progress().is_none(),
            Duration::from_millis(5),
        );
        assert_eq!(out, ("interrupted", "interrupted"));
        assert!(current().is_none(), "the caller's thread is left unsupervised");
    }

    #[test]
    fn unstopped_work_gives_its_result_and_progress() {
        let mut seen = Vec::new();
        let out = supervise(
            || {
                for i in 0..3 {
                    checkpoint("fit", i, 3)?;
                    std::thread::sleep(Duration::from_millis(20));
                }
                Ok::<_, Error>(7)
            },
            |control| {
                seen.extend(control.progress());
                true
            },
            Duration::from_millis(5),
        );
        assert_eq!(out.ok(), Some(7));
        assert!(seen.iter().all(|p| p.stage == "fit" && p.total == 3));
        assert!(!seen.is_empty());
    }
}
