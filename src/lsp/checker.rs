//! The check workers: threads of their own that take documents off the queue, run the core
//! on their current text and hand the findings, as diagnostics, back to the session.
//!
//! Checks never run on the async threads. The intake thread, which applies the client's
//! edits, checks a small edited document itself when no other check runs ([`check_edit`]):
//! the check takes less than a millisecond, and handing it to a worker would cost a thread
//! wake-up on every keystroke. Larger documents, and every document while another check runs,
//! go to the workers, so a long check (a 10 MB document) never holds up the next keystroke.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{PoisonError, Weak};

use crate::document::Document;
use crate::lsp::diagnostics::{self, Subject, Writing};
use crate::lsp::documents::Key;
use crate::lsp::documents::is_house_style;
use crate::lsp::queue::{Job, Queue, Reason};
use crate::lsp::session::Session;
use crate::rules::Rule;
use crate::workspace::NameIndex;

/// From this size on, a document's rules run on two threads: below it, the second thread
/// costs more than it saves.
const SPLIT_FROM_BYTES: usize = 32 * 1024;

/// The rules that run on the second thread: about as costly as all the others together.
const ON_ITS_OWN: [Rule; 1] = [Rule::Capitalization];

/// A worker's life: take a job, run it, until the queue closes or the session is gone.
pub fn work(queue: &Queue, session: &Weak<Session>) {
    while let Some(job) = queue.next() {
        let Some(session) = session.upgrade() else {
            return;
        };
        run_taken(&session, &job);
    }
}

/// Runs a job taken off the queue and gives its document back to the queue, even when the
/// check panics.
fn run_taken(session: &Session, job: &Job) {
    if catch_unwind(AssertUnwindSafe(|| run(session, job))).is_err() {
        tracing::error!(key = %job.key, "a check panicked; the document keeps its last findings");
    }
    session.queue.done(&job.key);
}

/// The largest document the intake checks itself.
const INTAKE_CHECKS_BELOW_BYTES: usize = SPLIT_FROM_BYTES;

/// Checks an edited document at once on this thread if it is small and nothing else is being
/// checked; else queues it for the workers.
pub fn check_edit(session: &Session, key: Key) {
    let small = session
        .docs
        .len_bytes(&key)
        .is_some_and(|bytes| bytes < INTAKE_CHECKS_BELOW_BYTES);
    if !small || !session.queue.take_if_idle(&key) {
        session.queue.push(key, Reason::Edit);
        return;
    }
    let job = Job {
        key,
        reason: Reason::Edit,
    };
    run_taken(session, &job);
}

/// Checks the current version of one open document.
pub fn run(session: &Session, job: &Job) {
    // Only open copy is checked; the house style file reports its own errors.
    let Some(doc) = session.docs.snapshot(&job.key) else {
        return;
    };
    if is_house_style(&doc.key) {
        return;
    }
    let started = std::time::Instant::now();
    let generation = session.generation();
    let style = session.style();
    let text = String::from(&doc.rope);
    let parsed = Document::new(&text, doc.format);
    let memo = &doc.memo;
    let index = || {
        let version = Some(doc.version);
        session.index(&doc.key, &parsed, &style, version, generation, Some(memo))
    };
    let (dependents, findings) = if text.len() < SPLIT_FROM_BYTES {
        let dependents = index();
        let names = session.names.read().unwrap_or_else(PoisonError::into_inner);
        let findings = crate::check_document_again(&parsed, &style, &names, &doc.key, memo);
        (dependents, findings)
    } else {
        // Capitalization, the costliest rule, on a thread of its own; meanwhile this one
        // files the document's names and runs the other rules.
        std::thread::scope(|scope| {
            let alone = scope.spawn(|| {
                crate::run_rules(
                    &parsed,
                    &style,
                    &NameIndex::new(),
                    &doc.key,
                    ON_ITS_OWN,
                    Some(memo),
                )
            });
            let dependents = index();
            let names = session.names.read().unwrap_or_else(PoisonError::into_inner);
            let others = Rule::ALL.into_iter().filter(|r| !ON_ITS_OWN.contains(r));
            let mut found = crate::run_rules(&parsed, &style, &names, &doc.key, others, Some(memo));
            drop(names);
            // A rule's panic is caught inside `run_rules` in release builds; any other goes on
            // to the worker's guard, as it would on one thread.
            found.extend(
                alone
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
            (dependents, crate::settle(&parsed, &style, found))
        })
    };
    session.recheck_dependents(dependents);
    let checked = started.elapsed();
    let support = session.support();
    let subject = Subject {
        uri: &doc.uri,
        text: &text,
        version: doc.version,
    };
    let writing = Writing {
        encoding: support.encoding,
        related_information: support.related_information,
    };
    let diagnostics =
        diagnostics::to_diagnostics(&findings, &subject, writing, &|key| session.text(key));
    tracing::debug!(
        key = %doc.key,
        version = doc.version,
        reason = ?job.reason,
        findings = findings.len(),
        check_us = checked.as_micros() as u64,
        elapsed_us = started.elapsed().as_micros() as u64,
        "checked"
    );
    session.finish(&doc, generation, findings, diagnostics, job.reason);
}
