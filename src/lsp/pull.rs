//! Pull diagnostics (`textDocument/diagnostic`), answered by the server itself.
//!
//! The frame guard (`framing`) turns each pull into a notification that keeps its place among
//! the client's messages (so it is taken after the edits sent before it), and the server
//! writes the response straight to JSON, as it writes publishes: tower-lsp would turn a large
//! document's thousands of diagnostics into a tree of JSON values first. The tower-lsp
//! handler (`Server::diagnostic`) gives the same answers through [`report`], for pulls sent
//! before `initialized`.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, ErrorCode};
use tower_lsp_server::ls_types::{
    Diagnostic, DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, UnchangedDocumentDiagnosticReport,
};

use crate::lsp::documents::{is_house_style, key_of};
use crate::lsp::framing;
use crate::lsp::session::{Session, lock};

/// How long a pull waits for the check of the current version.
const WAIT_FOR_DIAGNOSTICS: Duration = Duration::from_secs(30);

/// A document's diagnostics report.
#[derive(Debug)]
pub enum Report {
    Full {
        items: Arc<Vec<Diagnostic>>,
        result_id: Option<String>,
    },
    Unchanged {
        result_id: String,
    },
}

/// The report for one pull: the house style file's own error, nothing for a document that is
/// not open, else the check of the current version (waiting for it).
pub async fn report(session: &Session, params: &DocumentDiagnosticParams) -> Result<Report, Error> {
    let key = key_of(&params.text_document.uri);
    if is_house_style(&key) {
        let state = lock(&session.config);
        let items = match &state.error {
            Some((k, _, diagnostics)) if *k == key => diagnostics.clone(),
            _ => Vec::new(),
        };
        return Ok(Report::Full {
            items: Arc::new(items),
            result_id: None,
        });
    }
    if !session.docs.is_open(&key) {
        return Ok(Report::Full {
            items: Arc::default(),
            result_id: None,
        });
    }
    let Some(result) = session.current_result(&key, WAIT_FOR_DIAGNOSTICS).await else {
        return Err(Error {
            code: ErrorCode::ServerError(-32802),
            message: "the check did not finish in time".into(),
            data: Some(json!({ "retriggerRequest": true })),
        });
    };
    if params.previous_result_id.as_deref() == Some(result.result_id.as_str()) {
        return Ok(Report::Unchanged {
            result_id: result.result_id.clone(),
        });
    }
    Ok(Report::Full {
        items: result.diagnostics.clone(),
        result_id: Some(result.result_id.clone()),
    })
}

impl Report {
    /// As tower-lsp's handler returns it.
    pub fn into_result(self) -> DocumentDiagnosticReportResult {
        let report = match self {
            Report::Full { items, result_id } => {
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id,
                        items: items.to_vec(),
                    },
                })
            }
            Report::Unchanged { result_id } => {
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                })
            }
        };
        DocumentDiagnosticReportResult::Report(report)
    }
}

/// A report as written to the client.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Written<'a> {
    Full {
        #[serde(rename = "resultId", skip_serializing_if = "Option::is_none")]
        result_id: Option<&'a str>,
        items: &'a [Diagnostic],
    },
    Unchanged {
        #[serde(rename = "resultId")]
        result_id: &'a str,
    },
}

/// A pull as the frame guard passes it on: the request's id and params.
#[derive(Debug, Deserialize)]
pub struct InOrder {
    id: Value,
    #[serde(default)]
    params: Value,
}

/// Answers one pull, writing the response to the client itself. Called from the pull's
/// notification handler, so after every edit sent before the pull was applied; the report
/// is of that version or a newer one.
pub async fn answer(session: Arc<Session>, pull: InOrder, frames: mpsc::Sender<Vec<u8>>) {
    let answer = match serde_json::from_value::<DocumentDiagnosticParams>(pull.params) {
        Err(e) => Err(Error::invalid_params(e.to_string())),
        Ok(params) => report(&session, &params).await,
    };
    let body = match &answer {
        Ok(Report::Full { items, result_id }) => json_body(
            &pull.id,
            &Written::Full {
                result_id: result_id.as_deref(),
                items,
            },
        ),
        Ok(Report::Unchanged { result_id }) => {
            json_body(&pull.id, &Written::Unchanged { result_id })
        }
        Err(error) => serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": pull.id, "error": error})),
    };
    match body {
        Ok(body) => {
            let _ = frames.send(framing::frame(&body)).await;
        }
        Err(e) => tracing::error!("cannot write a diagnostics report: {e}"),
    }
}

fn json_body(id: &Value, result: &Written<'_>) -> serde_json::Result<Vec<u8>> {
    #[derive(Serialize)]
    struct Response<'a> {
        jsonrpc: &'static str,
        id: &'a Value,
        result: &'a Written<'a>,
    }
    serde_json::to_vec(&Response {
        jsonrpc: "2.0",
        id,
        result,
    })
}
