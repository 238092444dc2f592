//! The queue of documents waiting for a check, shared by the check workers.
//!
//! A document is queued by key, not by version: the worker reads whatever version is current
//! when it starts, so a burst of keystrokes costs one check, and the newest version wins.
//! A document is checked by one worker at a time; queued again while it is being checked, it
//! waits for that check to end.
//!
//! The intake may check a small edited document itself ([`Queue::take_if_idle`]): only when no
//! check runs or waits, and no dependent starts until it is done, so that it never waits for
//! another document's check (the keystrokes behind it would wait too).
//!
//! Edited documents go first. Documents queued only because *another* document changed (a
//! name spelt differently elsewhere) wait until edits have been quiet for [`QUIET`], so that
//! typing in one story does not re-check a hundred others per keystroke.

use std::collections::HashSet;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::lsp::documents::Key;

/// How long edits must be quiet before documents that depend on them are re-checked.
pub const QUIET: Duration = Duration::from_millis(120);

/// Why a document is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// Another document's names changed.
    Dependent,
    /// The house style changed, the workspace scan ended, a file changed on disk.
    Refresh,
    /// The client opened or edited this document: always published.
    Edit,
}

#[derive(Clone, Debug)]
pub struct Job {
    pub key: Key,
    pub reason: Reason,
}

#[derive(Debug, Default)]
struct Pending {
    /// Edits and refreshes, in arrival order, one entry per key.
    urgent: Vec<Job>,
    /// Dependents, one entry per key, not in `urgent`.
    dependents: Vec<Key>,
    /// When the dependents may run.
    quiet_from: Option<Instant>,
    running: HashSet<Key>,
    /// The document the intake is checking itself, if any.
    intake: Option<Key>,
    closed: bool,
}

#[derive(Debug, Default)]
pub struct Queue {
    pending: Mutex<Pending>,
    wake: Condvar,
}

impl Queue {
    fn lock(&self) -> MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Queues a document for a prompt check. A stronger reason replaces a weaker one.
    pub fn push(&self, key: Key, reason: Reason) {
        let mut p = self.lock();
        p.dependents.retain(|k| *k != key);
        match p.urgent.iter_mut().find(|j| j.key == key) {
            Some(job) => job.reason = job.reason.max(reason),
            None => p.urgent.push(Job { key, reason }),
        }
        if reason == Reason::Edit && !p.dependents.is_empty() {
            p.quiet_from = Some(Instant::now() + QUIET);
        }
        drop(p);
        // One job, one worker: waking both would cost the other a wake-up for nothing. A
        // worker woken for a document that is being checked waits again, and the worker
        // checking it finds the job when it is done.
        self.wake.notify_one();
    }

    /// Takes a document for a check the caller runs at once, when nothing else is checked or
    /// waits to be: false otherwise (the caller queues it). A `true` must be followed by
    /// [`Queue::done`].
    pub fn take_if_idle(&self, key: &Key) -> bool {
        let mut p = self.lock();
        if p.closed || !p.running.is_empty() || !p.urgent.is_empty() {
            return false;
        }
        p.dependents.retain(|k| k != key);
        // An edit, as for `push`: the dependents wait for edits to be quiet.
        if !p.dependents.is_empty() {
            p.quiet_from = Some(Instant::now() + QUIET);
        }
        p.running.insert(key.clone());
        p.intake = Some(key.clone());
        true
    }

    /// Queues documents for a check once edits have been quiet for a while.
    pub fn push_dependents(&self, keys: impl IntoIterator<Item = Key>) {
        let mut p = self.lock();
        for key in keys {
            if !p.urgent.iter().any(|j| j.key == key) && !p.dependents.contains(&key) {
                p.dependents.push(key);
            }
        }
        p.quiet_from = Some(Instant::now() + QUIET);
        drop(p);
        self.wake.notify_all();
    }

    /// The next job, waiting for one. `None` once the queue is closed.
    pub fn next(&self) -> Option<Job> {
        let mut p = self.lock();
        loop {
            if p.closed {
                return None;
            }
            if let Some(i) = p.urgent.iter().position(|j| !p.running.contains(&j.key)) {
                let job = p.urgent.remove(i);
                p.running.insert(job.key.clone());
                return Some(job);
            }
            let now = Instant::now();
            let quiet_from = p.quiet_from.unwrap_or(now);
            // Not beside the intake's own check, which would wait for the index behind it.
            if quiet_from <= now
                && p.intake.is_none()
                && let Some(i) = p.dependents.iter().position(|k| !p.running.contains(k))
            {
                let key = p.dependents.remove(i);
                p.running.insert(key.clone());
                return Some(Job {
                    key,
                    reason: Reason::Dependent,
                });
            }
            p = if p.dependents.is_empty() || quiet_from <= now {
                self.wake.wait(p).unwrap_or_else(PoisonError::into_inner)
            } else {
                self.wake
                    .wait_timeout(p, quiet_from - now)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0
            };
        }
    }

    /// Marks a job finished, letting another worker take the same document.
    pub fn done(&self, key: &Key) {
        let mut p = self.lock();
        p.running.remove(key);
        if p.intake.as_ref() == Some(key) {
            p.intake = None;
        }
        // Only a job that waited for this one needs a worker woken.
        let waiting = !p.urgent.is_empty() || !p.dependents.is_empty();
        drop(p);
        if waiting {
            self.wake.notify_all();
        }
    }

    pub fn close(&self) {
        self.lock().closed = true;
        self.wake.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn key(s: &str) -> Key {
        Arc::from(s)
    }

    #[test]
    fn one_entry_per_document_and_edits_win() {
        let q = Queue::default();
        q.push(key("a"), Reason::Refresh);
        q.push(key("b"), Reason::Edit);
        q.push(key("a"), Reason::Edit);
        let first = q.next().expect("job");
        assert_eq!((&*first.key, first.reason), ("a", Reason::Edit));
        let second = q.next().expect("job");
        assert_eq!(&*second.key, "b");
        q.done(&first.key);
        q.done(&second.key);
    }

    #[test]
    fn a_running_document_waits_for_its_check_to_end() {
        let q = Queue::default();
        q.push(key("a"), Reason::Edit);
        let job = q.next().expect("job");
        q.push(key("a"), Reason::Edit);
        q.push(key("b"), Reason::Edit);
        assert_eq!(&*q.next().expect("job").key, "b");
        q.done(&job.key);
        assert_eq!(&*q.next().expect("job").key, "a");
    }

    #[test]
    fn dependents_wait_for_quiet_and_yield_to_edits() {
        let q = Queue::default();
        q.push_dependents([key("b"), key("c")]);
        q.push(key("c"), Reason::Edit);
        let started = Instant::now();
        assert_eq!(&*q.next().expect("job").key, "c");
        let job = q.next().expect("job");
        assert_eq!((&*job.key, job.reason), ("b", Reason::Dependent));
        assert!(started.elapsed() >= QUIET - Duration::from_millis(5));
        q.close();
        assert!(q.next().is_none());
    }

    #[test]
    fn the_intake_checks_only_when_nothing_else_runs_or_waits() {
        let q = Queue::default();
        q.push(key("a"), Reason::Edit);
        assert!(!q.take_if_idle(&key("b")), "a waits");
        let a = q.next().expect("job");
        assert!(!q.take_if_idle(&key("b")), "a runs");
        q.done(&a.key);
        q.push_dependents([key("c")]);
        assert!(q.take_if_idle(&key("b")));
        // A dependent does not start beside the intake's check, even once edits are quiet.
        let q = Arc::new(q);
        let worker = {
            let q = q.clone();
            std::thread::spawn(move || q.next())
        };
        std::thread::sleep(QUIET + Duration::from_millis(50));
        assert!(!worker.is_finished());
        q.done(&key("b"));
        let job = worker.join().expect("worker").expect("job");
        assert_eq!((&*job.key, job.reason), ("c", Reason::Dependent));
    }

    #[test]
    fn the_intakes_edit_restarts_the_wait_for_quiet() {
        let q = Queue::default();
        q.push_dependents([key("c")]);
        std::thread::sleep(QUIET);
        let edited = Instant::now();
        assert!(q.take_if_idle(&key("b")));
        q.done(&key("b"));
        assert_eq!(&*q.next().expect("job").key, "c");
        assert!(edited.elapsed() >= QUIET - Duration::from_millis(5));
    }
}
