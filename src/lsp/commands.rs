//! Server-side commands (`workspace/executeCommand`) and the code actions whose edits are
//! computed only when chosen (`codeAction/resolve`).
//!
//! Both commands work in every editor: `copydesk.addToHouseStyle` edits `copydesk.toml`
//! on the server's side, and `copydesk.fixAll` sends its edits back through
//! `workspace/applyEdit`.

use std::sync::{Arc, PoisonError};
use std::time::Duration;

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{
    CodeAction, ExecuteCommandParams, MessageType, Uri, WorkspaceEdit,
};

use crate::document::Document;
use crate::lsp::actions::{self, ADD_TO_HOUSE_STYLE, Deferred, FIX_ALL_COMMAND};
use crate::lsp::documents::{key_of, uri_of};
use crate::lsp::edits::{self, DocumentEdits};
use crate::lsp::house_style;
use crate::lsp::session::Session;
use crate::rules::Rule;

/// How long a command or resolve waits for the check of the current version.
const WAIT_FOR_CHECK: Duration = Duration::from_secs(10);

pub async fn execute(
    session: &Arc<Session>,
    params: ExecuteCommandParams,
) -> Result<Option<Value>> {
    match params.command.as_str() {
        ADD_TO_HOUSE_STYLE => {
            let spelling = params
                .arguments
                .first()
                .and_then(|a| a.get("spelling"))
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| Error::invalid_params("expected [{\"spelling\": \"...\"}]"))?
                .to_string();
            let worker = session.clone();
            let done =
                tokio::task::spawn_blocking(move || house_style::add_preferred(&worker, &spelling))
                    .await
                    .map_err(|_| Error::internal_error())?;
            match done {
                Ok(_) => Ok(None),
                Err(message) => {
                    session
                        .client
                        .show_message(MessageType::ERROR, format!("copydesk: {message}"))
                        .await;
                    Err(refused(message))
                }
            }
        }
        FIX_ALL_COMMAND => {
            let uri = params
                .arguments
                .first()
                .and_then(Value::as_str)
                .and_then(uri_of)
                .ok_or_else(|| Error::invalid_params("expected [\"<document uri>\"]"))?;
            let Some(edit) = fix_all(session, &uri, None).await else {
                return Ok(None);
            };
            if !session.support().apply_edit {
                return Err(refused("the client cannot apply edits"));
            }
            match session.client.apply_edit(edit).await {
                Ok(response) if !response.applied => {
                    tracing::info!(reason = ?response.failure_reason, "client did not apply the fixes");
                }
                Ok(_) => {}
                Err(e) => tracing::warn!("applyEdit failed: {e}"),
            }
            Ok(None)
        }
        other => Err(Error::invalid_params(format!("unknown command `{other}`"))),
    }
}

/// A request the server cannot carry out, with the reason.
fn refused(message: impl Into<String>) -> Error {
    Error {
        code: ErrorCode::InvalidRequest,
        message: message.into().into(),
        data: None,
    }
}

/// Fills in the edit of an action left for later. An action for a version that is no longer
/// current comes back without one.
pub async fn resolve(session: &Arc<Session>, mut action: CodeAction) -> Result<CodeAction> {
    let Some(deferred) = action
        .data
        .clone()
        .and_then(|d| serde_json::from_value::<Deferred>(d).ok())
    else {
        return Ok(action);
    };
    action.edit = match deferred {
        Deferred::FixAll { uri, version } => fix_all(session, &uri, Some(version)).await,
        Deferred::FixRule { uri, version, rule } => {
            let rule = Rule::from_id(&rule).ok_or_else(|| Error::invalid_params("unknown rule"))?;
            fix_rule(session, &uri, version, rule).await
        }
        Deferred::UseEverywhere {
            uri,
            version,
            spelling,
        } => {
            if session.docs.version(&key_of(&uri)) != Some(version) {
                return Ok(action);
            }
            let worker = session.clone();
            let docs = tokio::task::spawn_blocking(move || spelling_everywhere(&worker, &spelling))
                .await
                .map_err(|_| Error::internal_error())?;
            Some(edits::workspace_edit(
                docs,
                session.support().document_changes,
            ))
        }
    };
    Ok(action)
}

/// The first fix of every finding of `rule`, if the document is still at `version`.
async fn fix_rule(
    session: &Arc<Session>,
    uri: &Uri,
    version: i32,
    rule: Rule,
) -> Option<WorkspaceEdit> {
    let key = key_of(uri);
    if session.docs.version(&key) != Some(version) {
        return None;
    }
    let result = session.current_result(&key, WAIT_FOR_CHECK).await?;
    if result.version != version {
        return None;
    }
    let support = session.support();
    let edits = actions::rule_edits(&result.findings, rule);
    let doc = DocumentEdits {
        uri: uri.clone(),
        version: Some(version),
        edits: edits::text_edits(&result.rope, &edits, support.encoding),
    };
    Some(edits::workspace_edit(vec![doc], support.document_changes))
}

/// Every safe fix in the document, to a fixpoint, stamped with the current version (which
/// must be `version` if given). `None` when there is nothing to fix or no current check.
async fn fix_all(session: &Arc<Session>, uri: &Uri, version: Option<i32>) -> Option<WorkspaceEdit> {
    let key = key_of(uri);
    let current = session.docs.version(&key)?;
    if version.is_some_and(|v| v != current) {
        return None;
    }
    let result = session.current_result(&key, WAIT_FOR_CHECK).await?;
    if result.version != current {
        return None;
    }
    let format = session.docs.snapshot(&key)?.format;
    let style = session.style();
    let support = session.support();
    let edits = tokio::task::spawn_blocking(move || {
        actions::safe_fix_edits(&result, format, &style, support)
    })
    .await
    .ok()?;
    if edits.is_empty() {
        return None;
    }
    let doc = DocumentEdits {
        uri: uri.clone(),
        version: Some(current),
        edits,
    };
    Some(edits::workspace_edit(vec![doc], support.document_changes))
}

/// The name fixes that write `spelling`, in every open document and every story file of
/// the workspace.
fn spelling_everywhere(session: &Session, spelling: &str) -> Vec<DocumentEdits> {
    let style = session.style();
    let generation = session.generation();
    let support = session.support();
    let names = session.names.read().unwrap_or_else(PoisonError::into_inner);
    let mut out = Vec::new();
    for doc in session.checkable_documents() {
        let cached = session
            .results
            .get(&doc.key)
            .filter(|r| r.version == doc.version && r.generation == generation)
            .map(|r| actions::spelling_edits(&r.findings, spelling));
        let found = cached.unwrap_or_else(|| {
            let text = String::from(&doc.rope);
            let parsed = Document::new(&text, doc.format);
            let findings = crate::check_document(&parsed, &style, &names, &doc.key);
            actions::spelling_edits(&findings, spelling)
        });
        out.push(DocumentEdits {
            uri: doc.uri.clone(),
            version: Some(doc.version),
            edits: edits::text_edits(&doc.rope, &found, support.encoding),
        });
    }
    for key in session.docs.file_keys() {
        if session.docs.is_open(&key) {
            continue;
        }
        let (Some(file), Some(uri)) = (session.docs.file(&key), uri_of(&key)) else {
            continue;
        };
        let text = String::from(&file.rope);
        let parsed = Document::new(&text, file.format);
        let findings = crate::check_document(&parsed, &style, &names, &key);
        out.push(DocumentEdits {
            uri,
            version: None,
            edits: edits::text_edits(
                &file.rope,
                &actions::spelling_edits(&findings, spelling),
                support.encoding,
            ),
        });
    }
    out
}
