//! The client's messages, taken on a thread of their own as they arrive.
//!
//! Every frame the client sends is read here with blocking reads and sorted by the frame
//! [`Guard`]. Between `initialized` and `shutdown` this thread applies the document
//! notifications itself, in wire order and before it reads the next message, and checks a
//! small edited document at once or queues it ([`checker::check_edit`]); it answers pulls for
//! diagnostics too ([`pull::answer`]). Everything else goes on to tower-lsp, whose handlers
//! apply the document notifications the same way before `initialized`.
//!
//! Taking keystrokes here rather than in tower-lsp's handlers saves two hand-overs between
//! threads on each: from this thread to the async runtime, and from there to a check worker.
//! On an 800-word story they were about a quarter of the keystroke's time (`BENCHMARKS.md`).

use std::io::Read;
use std::sync::{Arc, Weak};

use serde::Deserialize;
use serde::de::DeserializeOwned;
use tokio::io::{AsyncWriteExt, DuplexStream};
use tokio::runtime::Handle;
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
};

use crate::lsp::checker;
use crate::lsp::documents::{Key, format_of_language, is_house_style};
use crate::lsp::framing::{self, DocumentNote, Guard, Incoming, MAX_MESSAGE_BYTES};
use crate::lsp::house_style;
use crate::lsp::pull;
use crate::lsp::session::Session;

/// Reads the client's frames from `input` until it ends or tower-lsp stops reading; what is
/// not taken here goes to tower-lsp through `to_server`. Runs on a thread of its own.
pub fn run(
    input: impl Read,
    mut to_server: DuplexStream,
    runtime: &Handle,
    session: &Weak<Session>,
) {
    // For the tasks the session spawns (a pull's timer, a house style reload).
    let _context = runtime.enter();
    let mut input = std::io::BufReader::with_capacity(1 << 16, input);
    let (mut guard, mut line) = (Guard::default(), Vec::new());
    while let Some(body) = framing::read_frame(&mut input, &mut line, MAX_MESSAGE_BYTES) {
        let body = match guard.take(body) {
            Incoming::Server(body) => body,
            Incoming::Document(note, body) => match session.upgrade() {
                Some(session) if take_document(&session, note, &body) => continue,
                _ => body,
            },
            Incoming::Pull(body) => match (session.upgrade(), serde_json::from_slice(&body)) {
                (Some(session), Ok(pull)) => {
                    pull::answer(&session, pull);
                    continue;
                }
                _ => body,
            },
        };
        let written = runtime.block_on(async {
            to_server.write_all(&framing::frame(&body)).await?;
            to_server.flush().await
        });
        if written.is_err() {
            return;
        }
    }
}

/// A notification's params, as far as this module reads it.
#[derive(Deserialize)]
struct Notification<P> {
    params: P,
}

fn params<P: DeserializeOwned>(body: &[u8]) -> Option<P> {
    serde_json::from_slice::<Notification<P>>(body)
        .ok()
        .map(|n| n.params)
}

/// Applies a document notification. False for params that do not read, which go on to
/// tower-lsp to be refused there as before.
fn take_document(session: &Arc<Session>, note: DocumentNote, body: &[u8]) -> bool {
    match note {
        DocumentNote::Open => {
            let Some(params) = params(body) else {
                return false;
            };
            if let Some(key) = open(session, params) {
                checker::check_edit(session, key);
            }
        }
        DocumentNote::Change => {
            let Some(params) = params(body) else {
                return false;
            };
            if let Some(key) = change(session, params) {
                checker::check_edit(session, key);
            }
        }
        DocumentNote::Close => {
            let Some(params) = params(body) else {
                return false;
            };
            close(session, params);
        }
    }
    true
}

/// Opens a document. Returns its key to check, `None` for the house style file (which reports
/// its own errors). Must be called with the runtime's context.
pub fn open(session: &Arc<Session>, params: DidOpenTextDocumentParams) -> Option<Key> {
    let doc = params.text_document;
    let format = format_of_language(&doc.language_id);
    let first = session.docs.open_keys().is_empty();
    let key = session.docs.open(doc.uri, &doc.text, doc.version, format);
    // Version numbers may start over (a close and a reopen, or two opens): nothing checked
    // before counts.
    session.reset(&key);
    if is_house_style(&key) {
        return None;
    }
    // With no workspace, the house style is found from the first document's folder.
    if first && session.roots().is_empty() {
        let session = session.clone();
        tokio::task::spawn_blocking(move || house_style::reload(&session, true));
    }
    Some(key)
}

/// Applies a document's changes. Returns its key to check, `None` for the house style file and
/// a document that is not open.
pub fn change(session: &Session, params: DidChangeTextDocumentParams) -> Option<Key> {
    let doc = params.text_document;
    let encoding = session.support().encoding;
    let changed = session
        .docs
        .change(&doc.uri, doc.version, &params.content_changes, encoding);
    match changed {
        Some(key) if !is_house_style(&key) => {
            tracing::trace!(key = %key, version = doc.version, "change applied");
            Some(key)
        }
        Some(_) => None,
        None => {
            tracing::warn!(
                uri = doc.uri.as_str(),
                "change to a document that is not open"
            );
            None
        }
    }
}

/// Closes a document. Must be called with the runtime's context.
pub fn close(session: &Arc<Session>, params: DidCloseTextDocumentParams) {
    let Some(doc) = session.docs.close(&params.text_document.uri) else {
        return;
    };
    session.close(&doc);
    let session = session.clone();
    tokio::task::spawn_blocking(move || session.unindex_closed(&doc));
}
