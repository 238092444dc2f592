//! Everything one client's session shares: the documents, the name index across them, the
//! house style, the latest check of each document, and the way out to the client.
//!
//! The intake thread (`intake`; before `initialized`, tower-lsp's handlers) changes documents
//! and checks them or queues their checks; check workers (threads of their own, see
//! `checker`) run the core and hand results back here, where a result for a version that is
//! no longer current is dropped. The thread that ran a check writes the diagnostics of a
//! current version to the client itself, at once: a document is checked by one thread at a
//! time, so diagnostics for version 5 can never overtake those for version 6. Other messages
//! from the session go through one ordered outbox.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError, RwLock};
use std::time::Duration;

use dashmap::DashMap;
use ropey::Rope;
use serde::Serialize;
use tokio::runtime::Handle;
use tokio::sync::{Notify, mpsc};
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{Diagnostic, MessageType, Registration, Unregistration, Uri};

use crate::document::Document;
use crate::finding::Finding;
use crate::lsp::checker;
use crate::lsp::config::EditorSettings;
use crate::lsp::documents::{Documents, Key, OpenDocument, Text};
use crate::lsp::framing::{self, Output};
use crate::lsp::pull::{self, WaitingPull};
use crate::lsp::queue::{Queue, Reason};
use crate::lsp::support::Support;
use crate::memo::Memo;
use crate::rules::name_consistency::Mentions;
use crate::style::HouseStyle;
use crate::workspace::NameIndex;

/// How many threads run checks. Two: one long check (a 5 MB document) does not hold up a
/// short one, and the machine's other core stays free for the handlers.
const CHECK_WORKERS: usize = 2;

/// The latest check of one document.
#[derive(Debug)]
pub struct CheckResult {
    pub version: i32,
    /// The house style generation it was checked with.
    pub generation: u64,
    /// The text it was checked on.
    pub rope: Rope,
    pub findings: Vec<Finding>,
    /// One per finding, in the same order.
    /// Shared with the publish that sends them.
    pub diagnostics: Arc<Vec<Diagnostic>>,
    /// Changes exactly when the diagnostics change (for pull diagnostics).
    pub result_id: String,
}

/// What the name index holds for a document: the version it read (`None`: the file on disk)
/// and a fingerprint of its mentions, to tell whether an edit changed them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Indexed {
    version: Option<i32>,
    fingerprint: u64,
}

/// The house style file in use and what went wrong with it.
#[derive(Debug, Default)]
pub struct ConfigState {
    pub settings: EditorSettings,
    /// The file in use, `None` for the built-in style.
    pub active: Option<PathBuf>,
    /// The last source of `active` that compiled.
    pub last_good: Option<(PathBuf, String)>,
    /// The broken file and its diagnostics, while it stays broken.
    pub error: Option<(Key, Uri, Vec<Diagnostic>)>,
}

/// The ways to the client: the output itself, for threads of their own, and a channel to the
/// writer thread, for the async side.
#[derive(Debug)]
pub struct Outlet {
    pub frames: mpsc::Sender<Vec<u8>>,
    pub output: Output,
}

/// Sent to the client in order, from any thread.
#[derive(Debug)]
pub enum Outgoing {
    Publish {
        key: Key,
        uri: Uri,
        /// Sent with no version: a closed document's clearing, the house style file's errors.
        /// (A check's diagnostics are written by its worker, see [`Session::finish`].)
        diagnostics: Arc<Vec<Diagnostic>>,
    },
    Show(MessageType, String),
    /// (Re-)registers a watcher: the unregistration first, if any.
    Watch {
        unregister: Option<Unregistration>,
        register: Registration,
    },
}

#[derive(Debug)]
pub struct Session {
    pub client: Client,
    support: OnceLock<Support>,
    pub docs: Documents,
    pub names: RwLock<NameIndex>,
    indexed: Mutex<HashMap<Key, Indexed>>,
    style: RwLock<Arc<HouseStyle>>,
    generation: AtomicU64,
    pub config: Mutex<ConfigState>,
    /// Held for a whole house style reload, so that two reloads never interleave and the
    /// last settings are the ones installed.
    pub reloading: Mutex<()>,
    roots: RwLock<Vec<PathBuf>>,
    pub results: DashMap<Key, Arc<CheckResult>>,
    checked: Notify,
    pub queue: Arc<Queue>,
    outbox: mpsc::UnboundedSender<Outgoing>,
    /// Frames from the async side, to the writer thread.
    pub frames: mpsc::Sender<Vec<u8>>,
    /// Written by the check workers themselves.
    output: Output,
    /// Pulls that wait for the check of the version they were sent after.
    pulls: Mutex<Vec<WaitingPull>>,
    refresh_pending: Arc<AtomicBool>,
    result_ids: AtomicU64,
    runtime: Handle,
    /// The house style file the registered file watcher includes; `None` until the watcher
    /// is registered (see [`crate::lsp::watchers`]).
    pub watched_style: Mutex<Option<Option<PathBuf>>>,
}

pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Session {
    /// Starts the check workers and the outbox. Must be called inside a tokio runtime.
    pub fn start(client: Client, outlet: Outlet) -> Arc<Session> {
        let (outbox, inbox) = mpsc::unbounded_channel();
        let session = Arc::new(Session {
            client: client.clone(),
            support: OnceLock::new(),
            docs: Documents::default(),
            names: RwLock::new(NameIndex::new()),
            indexed: Mutex::new(HashMap::new()),
            style: RwLock::new(Arc::new(HouseStyle::default())),
            generation: AtomicU64::new(0),
            config: Mutex::new(ConfigState::default()),
            reloading: Mutex::new(()),
            roots: RwLock::new(Vec::new()),
            results: DashMap::new(),
            checked: Notify::new(),
            queue: Arc::new(Queue::default()),
            outbox,
            frames: outlet.frames.clone(),
            output: outlet.output,
            pulls: Mutex::new(Vec::new()),
            refresh_pending: Arc::new(AtomicBool::new(false)),
            result_ids: AtomicU64::new(0),
            runtime: Handle::current(),
            watched_style: Mutex::new(None),
        });
        tokio::spawn(deliver(inbox, client, outlet.frames));
        for n in 0..CHECK_WORKERS {
            let queue = session.queue.clone();
            let weak = Arc::downgrade(&session);
            let spawned = std::thread::Builder::new()
                .name(format!("copydesk-check-{n}"))
                .spawn(move || checker::work(&queue, &weak));
            if let Err(e) = spawned {
                tracing::error!("cannot start a check worker: {e}");
            }
        }
        session
    }

    pub fn support(&self) -> Support {
        self.support.get().copied().unwrap_or_default()
    }

    pub fn set_support(&self, support: Support) {
        if self.support.set(support).is_err() {
            tracing::warn!("client capabilities set twice; kept the first");
        }
    }

    pub fn style(&self) -> Arc<HouseStyle> {
        self.style
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    pub fn roots(&self) -> Vec<PathBuf> {
        self.roots
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn set_roots(&self, roots: Vec<PathBuf>) {
        *self.roots.write().unwrap_or_else(PoisonError::into_inner) = roots;
    }

    /// The folder the house style is looked for from: the first workspace folder, else the
    /// folder of an open document.
    pub fn style_root(&self) -> Option<PathBuf> {
        if let Some(root) = self.roots().into_iter().next() {
            return Some(root);
        }
        self.docs.open_documents().iter().find_map(|doc| {
            let path = doc.uri.to_file_path()?;
            Some(path.parent()?.to_path_buf())
        })
    }

    pub fn send(&self, message: Outgoing) {
        // The receiver only goes away with the runtime, when nobody is listening anyway.
        let _ = self.outbox.send(message);
    }

    /// Asks the client to pull diagnostics again, at most once per 50 ms.
    pub fn request_refresh(&self) {
        let support = self.support();
        if !support.pull || !support.refresh || self.refresh_pending.swap(true, Ordering::SeqCst) {
            return;
        }
        let client = self.client.clone();
        let pending = self.refresh_pending.clone();
        self.runtime.spawn(async move {
            tokio::time::sleep(Duration::from_millis(50)).await;
            pending.store(false, Ordering::SeqCst);
            if let Err(e) = client.workspace_diagnostic_refresh().await {
                tracing::debug!("diagnostic refresh: {e}");
            }
        });
    }

    /// Records a document's name mentions, unless the index already holds this version.
    /// Returns the other documents whose findings may change: those sharing a name with it,
    /// before or after, when its mentions changed. Does nothing if the house style changed
    /// since `generation`: the document is checked again with the new style anyway. An open
    /// document's `memo` spares reading the lines its last check read.
    pub fn index(
        &self,
        key: &Key,
        doc: &Document<'_>,
        style: &HouseStyle,
        version: Option<i32>,
        generation: u64,
        memo: Option<&Memo>,
    ) -> Vec<Key> {
        if let Some(known) = lock(&self.indexed).get(key)
            && version.is_some()
            && known.version == version
        {
            return Vec::new();
        }
        // Found before the lock is taken: other documents' checks read the index meanwhile.
        let mentions = match memo {
            Some(memo) => NameIndex::read_again(doc, style, memo),
            None => NameIndex::read(doc, style),
        };
        let mut names = self.names.write().unwrap_or_else(PoisonError::into_inner);
        if self.generation() != generation {
            return Vec::new();
        }
        let mut groups: Vec<u64> = names
            .mentions(key)
            .map_or_else(Vec::new, |m| m.keys().collect());
        names.insert(key, mentions);
        let fingerprint = fingerprint(names.mentions(key));
        let before = lock(&self.indexed).insert(
            key.clone(),
            Indexed {
                version,
                fingerprint,
            },
        );
        if before.is_some_and(|b| b.fingerprint == fingerprint) {
            return Vec::new();
        }
        groups.extend(names.mentions(key).into_iter().flat_map(|m| m.keys()));
        sharing(&names, key, groups)
    }

    /// Forgets a document's mentions. Returns the documents that shared a name with it.
    pub fn unindex(&self, key: &str) -> Vec<Key> {
        let mut names = self.names.write().unwrap_or_else(PoisonError::into_inner);
        lock(&self.indexed).remove(key);
        let groups: Vec<u64> = names
            .mentions(key)
            .map_or_else(Vec::new, |m| m.keys().collect());
        names.remove(key);
        sharing(&names, key, groups)
    }

    /// Installs a new house style: every document's mentions are read again with it and
    /// every open document is checked again.
    pub fn install_style(&self, style: HouseStyle) {
        let style = Arc::new(style);
        {
            let mut names = self.names.write().unwrap_or_else(PoisonError::into_inner);
            *self.style.write().unwrap_or_else(PoisonError::into_inner) = style.clone();
            self.generation.fetch_add(1, Ordering::SeqCst);
            *names = NameIndex::new();
            let mut indexed = lock(&self.indexed);
            indexed.clear();
            let mut add = |key: &Key, rope: &Rope, format, version| {
                let text = String::from(rope);
                names.update(key, &Document::new(&text, format), &style);
                let fingerprint = fingerprint(names.mentions(key));
                indexed.insert(
                    key.clone(),
                    Indexed {
                        version,
                        fingerprint,
                    },
                );
            };
            for key in self.docs.file_keys() {
                if let Some(file) = self.docs.file(&key).filter(|_| !self.docs.is_open(&key)) {
                    add(&key, &file.rope, file.format, None);
                }
            }
            for doc in self.checkable_documents() {
                add(&doc.key, &doc.rope, doc.format, Some(doc.version));
            }
        }
        self.recheck_open(Reason::Refresh);
    }

    /// Open documents that are copy (not a house style file).
    pub fn checkable_documents(&self) -> Vec<OpenDocument> {
        let mut docs = self.docs.open_documents();
        docs.retain(|d| !crate::lsp::documents::is_house_style(&d.key));
        docs
    }

    /// Queues every open document for a prompt check.
    pub fn recheck_open(&self, reason: Reason) {
        for doc in self.checkable_documents() {
            self.queue.push(doc.key, reason);
        }
    }

    /// Queues the open documents among `keys` for a check once edits are quiet.
    pub fn recheck_dependents(&self, keys: Vec<Key>) {
        let open: Vec<Key> = keys
            .into_iter()
            .filter(|k| self.docs.is_open(k) && !crate::lsp::documents::is_house_style(k))
            .collect();
        if !open.is_empty() {
            self.queue.push_dependents(open);
        }
    }

    /// The text of another document, for related information.
    pub fn text(&self, key: &str) -> Option<Text> {
        self.docs.text(key)
    }

    /// Keeps a check's result, unless the document moved on or the house style changed
    /// while it ran, and tells the client what it needs to know.
    pub fn finish(
        &self,
        doc: &OpenDocument,
        generation: u64,
        findings: Vec<Finding>,
        diagnostics: Vec<Diagnostic>,
        reason: Reason,
    ) {
        // A check of an older version never publishes.
        if !self.docs.is_current(&doc.key, doc.opening, doc.version)
            || self.generation() != generation
        {
            return;
        }
        let previous = self.results.get(&doc.key).map(|r| r.clone());
        let same_version = previous.as_ref().is_some_and(|p| p.version == doc.version);
        let pull = self.support().pull;
        // Compared only where it counts: a large document's diagnostics take a while.
        let unchanged = (same_version || pull)
            && previous
                .as_ref()
                .is_some_and(|p| *p.diagnostics == diagnostics);
        let result_id = match (&previous, unchanged) {
            (Some(p), true) => p.result_id.clone(),
            _ => self.result_ids.fetch_add(1, Ordering::SeqCst).to_string(),
        };
        // A version is published once: two checks of one version happen when an edit's job is
        // queued while a check that already read that edit's text runs.
        let published_already = unchanged && same_version;
        let diagnostics = Arc::new(diagnostics);
        let publish = (!pull && !published_already).then(|| diagnostics.clone());
        self.results.insert(
            doc.key.clone(),
            Arc::new(CheckResult {
                version: doc.version,
                generation,
                rope: doc.rope.clone(),
                findings,
                diagnostics,
                result_id,
            }),
        );
        self.checked.notify_waiters();
        if let Some(diagnostics) = publish {
            self.publish_now(doc, &diagnostics);
        } else if pull {
            self.answer_waiting(doc);
            if reason != Reason::Edit && !unchanged {
                self.request_refresh();
            }
        }
    }

    /// Writes a check's diagnostics to the client from the worker that found them. The
    /// version is asked again with the output held: a `didClose` that slipped in since the
    /// check has its clearing publish written after, or finds this one dropped.
    fn publish_now(&self, doc: &OpenDocument, diagnostics: &[Diagnostic]) {
        let Some(frame) = publish_frame(&doc.key, &doc.uri, diagnostics, Some(doc.version)) else {
            return;
        };
        let mut output = self.output.hold();
        if !self.docs.is_current(&doc.key, doc.opening, doc.version) {
            return;
        }
        if let Err(e) = output.write(&frame) {
            tracing::debug!("cannot write to the client: {e}");
        }
        tracing::trace!(key = %doc.key, version = doc.version, "published");
    }

    /// Writes a frame to the client at once. Blocks while another thread writes: for threads
    /// of their own (the check workers, the intake), never the async runtime.
    pub fn write_now(&self, frame: &[u8]) {
        if let Err(e) = self.output.hold().write(frame) {
            tracing::debug!("cannot write to the client: {e}");
        }
    }

    /// Registers a pull that waits for the check of the document's current version, or, when
    /// that check is done, gives it back with the result to answer it with at once.
    pub fn result_or_wait(&self, pull: WaitingPull) -> Option<(WaitingPull, Arc<CheckResult>)> {
        let mut pulls = lock(&self.pulls);
        if let Some(version) = self.docs.version(&pull.key)
            && let Some(result) = self.results.get(&pull.key)
            && result.version >= version
            && result.generation == self.generation()
        {
            let result = result.clone();
            return Some((pull, result));
        }
        pulls.push(pull);
        None
    }

    /// Takes back a waiting pull that timed out. `None` once it was answered.
    pub fn forget_pull(&self, token: u64) -> Option<WaitingPull> {
        let mut pulls = lock(&self.pulls);
        let at = pulls.iter().position(|p| p.token == token)?;
        Some(pulls.swap_remove(at))
    }

    /// Answers the pulls that waited for this check, from the worker that ran it.
    fn answer_waiting(&self, doc: &OpenDocument) {
        let answered: Vec<WaitingPull> = {
            let mut pulls = lock(&self.pulls);
            if pulls.is_empty() {
                return;
            }
            let (answered, waiting) = std::mem::take(&mut *pulls)
                .into_iter()
                .partition(|p| p.key == doc.key && p.version <= doc.version);
            *pulls = waiting;
            answered
        };
        let Some(result) = self.results.get(&doc.key).map(|r| r.clone()) else {
            return;
        };
        for waiting in answered {
            self.write_now(&pull::frame_for(&waiting, &result));
            let _ = waiting.answered.send(());
        }
    }

    /// The check of the document's current version (or a newer one), waiting up to `wait`
    /// for it. `None` for a document that is not open or not checked in time.
    pub async fn current_result(&self, key: &str, wait: Duration) -> Option<Arc<CheckResult>> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let notified = self.checked.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let version = self.docs.version(key)?;
            if let Some(result) = self.results.get(key)
                && result.version >= version
                && result.generation == self.generation()
            {
                return Some(result.clone());
            }
            tokio::time::timeout_at(deadline, notified).await.ok()?;
        }
    }

    /// Forgets what was known of a document's text, for a document being opened (its
    /// version numbers may start over).
    pub fn reset(&self, key: &str) {
        self.results.remove(key);
        lock(&self.indexed).remove(key);
    }

    /// Forgets a closed document's results and clears its diagnostics. Cheap: called in the
    /// `didClose` handler, so that a quick reopen finds nothing stale.
    pub fn close(&self, doc: &OpenDocument) {
        self.results.remove(&doc.key);
        // Pulls waiting for it get an empty report: a closed document has no diagnostics.
        let closed: Vec<WaitingPull> = {
            let mut pulls = lock(&self.pulls);
            let (closed, waiting) = std::mem::take(&mut *pulls)
                .into_iter()
                .partition(|p| p.key == doc.key);
            *pulls = waiting;
            closed
        };
        for waiting in closed {
            pull::answer_closed(self, waiting);
        }
        if !self.support().pull {
            self.send(Outgoing::Publish {
                key: doc.key.clone(),
                uri: doc.uri.clone(),
                diagnostics: Arc::default(),
            });
        }
    }

    /// Puts a closed document's file on disk back in the name index in place of its buffer
    /// (or forgets its mentions), and re-checks the stories that shared a name with it.
    pub fn unindex_closed(&self, doc: &OpenDocument) {
        // Reopened meanwhile: the buffer stays in the index.
        if self.docs.is_open(&doc.key) {
            return;
        }
        let dependents = match self.docs.file(&doc.key) {
            Some(file) => {
                let text = String::from(&file.rope);
                let parsed = Document::new(&text, file.format);
                self.index(
                    &doc.key,
                    &parsed,
                    &self.style(),
                    None,
                    self.generation(),
                    None,
                )
            }
            None => self.unindex(&doc.key),
        };
        // Reopened while this ran: check it again, which puts its buffer back.
        if self.docs.is_open(&doc.key) {
            self.queue.push(doc.key.clone(), Reason::Edit);
        }
        self.recheck_dependents(dependents);
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.queue.close();
    }
}

/// A hash of what other documents see of a document's mentions: each spelling, with where
/// it stands (their related information points there).
fn fingerprint(mentions: Option<&Mentions>) -> u64 {
    let mut hasher = DefaultHasher::new();
    for form in mentions.map_or(&[][..], Mentions::forms) {
        form.text.hash(&mut hasher);
        for o in &form.occurrences {
            (o.span, o.flags).hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// The documents other than `key` that hold a spelling filed under one of `groups`.
fn sharing(names: &NameIndex, key: &str, mut groups: Vec<u64>) -> Vec<Key> {
    groups.sort_unstable();
    groups.dedup();
    let mut out: Vec<Key> = groups
        .into_iter()
        .filter(|&g| names.holder_count(g) > 0)
        .flat_map(|g| names.holders(g).map(|(k, _, _)| k.clone()))
        .filter(|k| &**k != key)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// `textDocument/publishDiagnostics`, as written to the client.
#[derive(Serialize)]
struct PublishNote<'a> {
    jsonrpc: &'static str,
    method: &'static str,
    params: PublishParams<'a>,
}

#[derive(Serialize)]
struct PublishParams<'a> {
    uri: &'a Uri,
    diagnostics: &'a [Diagnostic],
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i32>,
}

/// A `textDocument/publishDiagnostics` frame, written straight to JSON: tower-lsp's
/// `publish_diagnostics` would build a tree of JSON values first (see `framing`).
fn publish_frame(
    key: &str,
    uri: &Uri,
    diagnostics: &[Diagnostic],
    version: Option<i32>,
) -> Option<Vec<u8>> {
    let note = PublishNote {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: PublishParams {
            uri,
            diagnostics,
            version,
        },
    };
    match serde_json::to_vec(&note) {
        Ok(body) => Some(framing::frame(&body)),
        Err(e) => {
            tracing::error!(key = %key, "cannot write diagnostics: {e}");
            None
        }
    }
}

/// Sends the outbox to the client, in order.
async fn deliver(
    mut inbox: mpsc::UnboundedReceiver<Outgoing>,
    client: Client,
    frames: mpsc::Sender<Vec<u8>>,
) {
    while let Some(message) = inbox.recv().await {
        match message {
            Outgoing::Publish {
                key,
                uri,
                diagnostics,
            } => {
                let Some(frame) = publish_frame(&key, &uri, &diagnostics, None) else {
                    continue;
                };
                if frames.send(frame).await.is_err() {
                    return;
                }
                tracing::trace!(key = %key, "published");
            }
            Outgoing::Show(kind, text) => client.show_message(kind, text).await,
            Outgoing::Watch {
                unregister,
                register,
            } => {
                if let Some(old) = unregister
                    && let Err(e) = client.unregister_capability(vec![old]).await
                {
                    tracing::debug!("cannot unregister the file watcher: {e}");
                }
                if let Err(e) = client.register_capability(vec![register]).await {
                    tracing::warn!("cannot register the file watcher: {e}");
                }
            }
        }
    }
}
