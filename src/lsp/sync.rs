//! Document synchronization: `didOpen`, `didChange` and `didClose`, applied in the order the
//! client sent them.
//!
//! The frame guard (`framing`) applies them itself, as it reads them, between `initialized`
//! and `shutdown`: every other message it passes on to tower-lsp is taken after the edits
//! sent before it, and an edit reaches its check without tower-lsp decoding it into a tree of
//! JSON values and routing it to a handler first (about a seventh of an edit's way to its
//! diagnostics on a small story). tower-lsp's handlers call the same functions for the
//! notifications it still gets: those sent before `initialized`, or whose params do not read
//! here (tower-lsp then reports them as it reports any malformed message).

use std::sync::Arc;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
};

use crate::lsp::documents::{format_of_language, is_house_style};
use crate::lsp::house_style;
use crate::lsp::queue::Reason;
use crate::lsp::session::Session;

/// The methods applied here.
pub const METHODS: [&str; 3] = [
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didClose",
];

/// Applies a document notification from its frame's body. False when the params do not read:
/// the caller passes the message on to tower-lsp.
pub fn apply(session: &Arc<Session>, method: &str, body: &[u8]) -> bool {
    fn params<P: DeserializeOwned>(body: &[u8]) -> Option<P> {
        #[derive(Deserialize)]
        struct Notification<P> {
            params: P,
        }
        let note: Notification<P> = serde_json::from_slice(body).ok()?;
        Some(note.params)
    }
    match method {
        "textDocument/didOpen" => params(body).map(|p| open(session, p)).is_some(),
        "textDocument/didChange" => params(body).map(|p| change(session, p)).is_some(),
        "textDocument/didClose" => params(body).map(|p| close(session, p)).is_some(),
        _ => false,
    }
}

pub fn open(session: &Arc<Session>, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    let format = format_of_language(&doc.language_id);
    let first = session.docs.open_keys().is_empty();
    let key = session.docs.open(doc.uri, &doc.text, doc.version, format);
    // Version numbers may start over (a close and a reopen, or two opens): nothing checked
    // before counts.
    session.reset(&key);
    if is_house_style(&key) {
        return;
    }
    session.queue.push(key, Reason::Edit);
    // With no workspace, the house style is found from the first document's folder.
    if first && session.roots().is_empty() {
        let session = session.clone();
        tokio::task::spawn_blocking(move || house_style::reload(&session, true));
    }
}

pub fn change(session: &Session, params: DidChangeTextDocumentParams) {
    let doc = params.text_document;
    let encoding = session.support().encoding;
    let changed = session
        .docs
        .change(&doc.uri, doc.version, &params.content_changes, encoding);
    match changed {
        Some(key) if !is_house_style(&key) => {
            tracing::trace!(key = %key, version = doc.version, "change applied");
            session.queue.push(key, Reason::Edit)
        }
        Some(_) => {}
        None => tracing::warn!(
            uri = doc.uri.as_str(),
            "change to a document that is not open"
        ),
    }
}

pub fn close(session: &Arc<Session>, params: DidCloseTextDocumentParams) {
    let Some(doc) = session.docs.close(&params.text_document.uri) else {
        return;
    };
    session.close(&doc);
    let session = session.clone();
    tokio::task::spawn_blocking(move || session.unindex_closed(&doc));
}
