//! Pull diagnostics (`textDocument/diagnostic`), answered by the server itself.
//!
//! The intake thread (`intake`) takes each pull in its place among the client's messages (so
//! after the edits sent before it), and the server writes the response straight to JSON, as
//! it writes publishes: tower-lsp would turn a large document's thousands of diagnostics into
//! a tree of JSON values first. A report ready at once is written by the intake; a pull whose
//! check is still running waits in the session, and the check worker answers it the moment
//! the check ends. The tower-lsp handler (`Server::diagnostic`) gives the same answers through
//! [`report`], for pulls sent before `initialized`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::sync::oneshot;
use tower_lsp_server::jsonrpc::{Error, ErrorCode};
use tower_lsp_server::ls_types::{
    Diagnostic, DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, UnchangedDocumentDiagnosticReport,
};

use crate::lsp::documents::{Key, is_house_style, key_of};
use crate::lsp::framing;
use crate::lsp::session::{CheckResult, Session, lock};

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

/// A pull, as far as the intake reads it: the request's id and params.
#[derive(Debug, Deserialize)]
pub struct InOrder {
    id: Value,
    #[serde(default)]
    params: Value,
}

/// A pull waiting for the check of the version it was sent after. The check worker that ends
/// that check answers it ([`Session::finish`]); if none has within
/// [`WAIT_FOR_DIAGNOSTICS`], the pull is answered with an error asking the client to retry.
#[derive(Debug)]
pub struct WaitingPull {
    pub key: Key,
    /// The document's version when the pull came.
    pub version: i32,
    pub id: Value,
    previous_result_id: Option<String>,
    /// Tells the pull's timer it was answered.
    pub answered: oneshot::Sender<()>,
    /// Tells the pull from the others.
    pub token: u64,
}

/// Answers one pull, from the intake thread, which takes it in order with the client's other
/// messages: every edit sent before the pull is applied. A report ready now is written at
/// once; otherwise the pull waits for the check of the current version, and the worker that
/// runs it writes the answer. The intake holds the runtime's context (for the pull's timer).
pub fn answer(session: &Arc<Session>, pull: InOrder) {
    let InOrder { id, params } = pull;
    let params = match serde_json::from_value::<DocumentDiagnosticParams>(params) {
        Ok(params) => params,
        Err(e) => {
            return send(
                session,
                error_frame(&id, Error::invalid_params(e.to_string())),
            );
        }
    };
    let key = key_of(&params.text_document.uri);
    if is_house_style(&key) || !session.docs.is_open(&key) {
        let items = match &lock(&session.config).error {
            Some((k, _, diagnostics)) if *k == key => diagnostics.clone(),
            _ => Vec::new(),
        };
        let report = Report::Full {
            items: Arc::new(items),
            result_id: None,
        };
        return send(session, report_frame(&id, &report));
    }
    static TOKENS: AtomicU64 = AtomicU64::new(0);
    let token = TOKENS.fetch_add(1, Ordering::Relaxed);
    let (answered, told) = oneshot::channel();
    let waiting = WaitingPull {
        version: session.docs.version(&key).unwrap_or(0),
        key: key.clone(),
        id,
        previous_result_id: params.previous_result_id,
        answered,
        token,
    };
    if let Some((waiting, result)) = session.result_or_wait(waiting) {
        return send(session, frame_for(&waiting, &result));
    }
    // Closed since it was asked whether it is open, before the pull waited: the close found
    // no pull to answer, so it is answered here.
    if !session.docs.is_open(&key)
        && let Some(waiting) = session.forget_pull(token)
    {
        return answer_closed(session, waiting);
    }
    let session = session.clone();
    tokio::spawn(async move {
        if tokio::time::timeout(WAIT_FOR_DIAGNOSTICS, told)
            .await
            .is_ok()
        {
            return;
        }
        if let Some(waiting) = session.forget_pull(token) {
            let error = Error {
                code: ErrorCode::ServerError(-32802),
                message: "the check did not finish in time".into(),
                data: Some(json!({ "retriggerRequest": true })),
            };
            let _ = session.frames.send(error_frame(&waiting.id, error)).await;
        }
    });
}

/// Answers a pull that waited for a document closed meanwhile: nothing to report.
pub fn answer_closed(session: &Session, waiting: WaitingPull) {
    let report = Report::Full {
        items: Arc::default(),
        result_id: None,
    };
    let frame = report_frame(&waiting.id, &report);
    let _ = waiting.answered.send(());
    let frames = session.frames.clone();
    tokio::spawn(async move {
        let _ = frames.send(frame).await;
    });
}

/// Writes an answer from the intake thread (a thread of its own, which may block on the
/// output).
fn send(session: &Arc<Session>, frame: Vec<u8>) {
    session.write_now(&frame);
}

/// The answer to a waiting pull, from the check it waited for.
pub fn frame_for(pull: &WaitingPull, result: &CheckResult) -> Vec<u8> {
    let report = if pull.previous_result_id.as_deref() == Some(result.result_id.as_str()) {
        Report::Unchanged {
            result_id: result.result_id.clone(),
        }
    } else {
        Report::Full {
            items: result.diagnostics.clone(),
            result_id: Some(result.result_id.clone()),
        }
    };
    report_frame(&pull.id, &report)
}

fn report_frame(id: &Value, report: &Report) -> Vec<u8> {
    let written = match report {
        Report::Full { items, result_id } => Written::Full {
            result_id: result_id.as_deref(),
            items,
        },
        Report::Unchanged { result_id } => Written::Unchanged { result_id },
    };
    #[derive(Serialize)]
    struct Response<'a> {
        jsonrpc: &'static str,
        id: &'a Value,
        result: &'a Written<'a>,
    }
    let response = Response {
        jsonrpc: "2.0",
        id,
        result: &written,
    };
    match serde_json::to_vec(&response) {
        Ok(body) => framing::frame(&body),
        Err(e) => error_frame(
            id,
            Error {
                code: ErrorCode::InternalError,
                message: e.to_string().into(),
                data: None,
            },
        ),
    }
}

fn error_frame(id: &Value, error: Error) -> Vec<u8> {
    let body = json!({"jsonrpc": "2.0", "id": id, "error": error});
    framing::frame(body.to_string().as_bytes())
}
