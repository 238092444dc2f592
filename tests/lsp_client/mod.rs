//! A scripted LSP client for in-process tests: the server runs over an in-memory duplex pipe,
//! this side writes framed JSON-RPC and reads what comes back.
//!
//! Requests from the server are answered the way a plain editor answers them (and kept, so a
//! test can look at the `workspace/applyEdit` it received). Text edits are applied with this
//! file's own position arithmetic, written from the LSP specification, so the server's
//! conversions are checked against an independent implementation.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::net::UnixStream;
use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinHandle;

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct TestClient {
    writer: Arc<Mutex<DuplexStream>>,
    incoming: mpsc::UnboundedReceiver<Value>,
    backlog: VecDeque<Value>,
    next_id: i64,
    pub server: JoinHandle<()>,
    pub init: Value,
    /// Answers for `workspace/configuration` (the value of each item asked).
    pub settings: Arc<std::sync::Mutex<Value>>,
}

/// VS Code-like capabilities: UTF-16, push with versions and related information, code
/// action literals with resolve, versioned workspace edits, watchers, progress.
pub fn vscode_capabilities() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "window": {"workDoneProgress": true, "showMessage": {}},
        "workspace": {
            "applyEdit": true, "configuration": true, "workspaceFolders": true,
            "workspaceEdit": {"documentChanges": true},
            "didChangeConfiguration": {"dynamicRegistration": true},
            "didChangeWatchedFiles": {"dynamicRegistration": true},
            "diagnostics": {"refreshSupport": true}
        },
        "textDocument": {
            "synchronization": {"didSave": true},
            "publishDiagnostics": {"relatedInformation": true, "versionSupport": true, "dataSupport": true},
            "codeAction": {
                "isPreferredSupport": true, "dataSupport": true,
                "resolveSupport": {"properties": ["edit"]},
                "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["", "quickfix", "source", "source.fixAll"]}}
            },
            "hover": {"contentFormat": ["markdown", "plaintext"]}
        }
    })
}

/// The same, pulling diagnostics instead of taking pushes.
pub fn pull_capabilities() -> Value {
    let mut caps = vscode_capabilities();
    caps["textDocument"]["diagnostic"] = json!({"relatedDocumentSupport": false});
    caps
}

pub fn file_uri(path: &Path) -> String {
    let path = path.to_str().expect("utf-8 path");
    format!("file://{}", path.replace(' ', "%20"))
}

impl TestClient {
    /// Starts a server and initializes it.
    pub async fn start(
        capabilities: Value,
        init_options: Value,
        root: Option<&Path>,
    ) -> TestClient {
        let (write, server_read) = tokio::io::duplex(1 << 20);
        let (server_write, read) = pipe_from_server();
        let server = tokio::spawn(copydesk::lsp::serve(server_read, server_write));
        let writer = Arc::new(Mutex::new(write));
        let (tx, incoming) = mpsc::unbounded_channel();
        let settings = Arc::new(std::sync::Mutex::new(json!({})));
        tokio::spawn(read_loop(read, writer.clone(), tx, settings.clone()));
        let mut client = TestClient {
            writer,
            incoming,
            backlog: VecDeque::new(),
            next_id: 0,
            server,
            init: Value::Null,
            settings,
        };
        let folders = root.map(|r| json!([{"uri": file_uri(r), "name": "desk"}]));
        let init = client
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root.map(file_uri),
                    "workspaceFolders": folders,
                    "capabilities": capabilities,
                    "initializationOptions": init_options,
                }),
            )
            .await;
        client.init = init["result"].clone();
        client.notify("initialized", json!({})).await;
        client
    }

    pub async fn send(&self, message: Value) {
        let body = serde_json::to_vec(&message).expect("json");
        self.send_raw(&body).await;
    }

    pub async fn send_raw(&self, body: &[u8]) {
        let mut w = self.writer.lock().await;
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        w.write_all(header.as_bytes()).await.expect("write header");
        w.write_all(body).await.expect("write body");
        w.flush().await.expect("flush");
    }

    pub async fn notify(&self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Sends a request and waits for its response (the whole message: `result` or `error`).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        self.expect(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
            .await
    }

    /// The first message (in arrival order) that matches, waiting for it.
    pub async fn expect(&mut self, mut matches: impl FnMut(&Value) -> bool) -> Value {
        match self.wait(&mut matches, TIMEOUT).await {
            Some(m) => m,
            None => panic!(
                "no matching message within {TIMEOUT:?}; backlog: {:#?}",
                self.backlog
            ),
        }
    }

    /// Like `expect`, `None` on timeout.
    pub async fn wait(
        &mut self,
        matches: &mut impl FnMut(&Value) -> bool,
        timeout: Duration,
    ) -> Option<Value> {
        if let Some(i) = self.backlog.iter().position(&mut *matches) {
            return self.backlog.remove(i);
        }
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let message = tokio::time::timeout_at(deadline, self.incoming.recv())
                .await
                .ok()??;
            if matches(&message) {
                return Some(message);
            }
            self.backlog.push_back(message);
        }
    }

    /// The messages received so far that nobody has taken, in arrival order.
    pub fn received(&self) -> impl Iterator<Item = &Value> {
        self.backlog.iter()
    }

    /// Whether a matching message arrives within `timeout`.
    pub async fn arrives(
        &mut self,
        mut matches: impl FnMut(&Value) -> bool,
        timeout: Duration,
    ) -> bool {
        self.wait(&mut matches, timeout).await.is_some()
    }

    pub async fn open(&self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        )
        .await;
    }

    /// The diagnostics published for `uri` at `version` (any version if `None`).
    pub async fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let message = self
            .expect(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && version.is_none_or(|v| m["params"]["version"] == v)
            })
            .await;
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// A pull for `uri`'s diagnostics: the report.
    pub async fn pull(&mut self, uri: &str, previous: Option<&str>) -> Value {
        let response = self
            .request(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": uri}, "previousResultId": previous}),
            )
            .await;
        response["result"].clone()
    }

    pub async fn code_actions(
        &mut self,
        uri: &str,
        range: &Value,
        only: Option<Value>,
    ) -> Vec<Value> {
        let mut context = json!({"diagnostics": [], "triggerKind": 1});
        if let Some(only) = only {
            context["only"] = only;
        }
        let response = self
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": range, "context": context}),
            )
            .await;
        response["result"].as_array().cloned().unwrap_or_default()
    }

    pub async fn shutdown(mut self) {
        let response = self.request("shutdown", Value::Null).await;
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null).await;
        tokio::time::timeout(TIMEOUT, self.server)
            .await
            .expect("server stops after exit")
            .expect("server task ends cleanly");
    }
}

/// The server's output: it writes with plain blocking writes (from its own threads), this
/// side reads asynchronously.
pub fn pipe_from_server() -> (std::os::unix::net::UnixStream, UnixStream) {
    let (server, client) = std::os::unix::net::UnixStream::pair().expect("socket pair");
    client.set_nonblocking(true).expect("non-blocking");
    (server, UnixStream::from_std(client).expect("tokio socket"))
}

async fn read_loop(
    read: UnixStream,
    writer: Arc<Mutex<DuplexStream>>,
    tx: mpsc::UnboundedSender<Value>,
    settings: Arc<std::sync::Mutex<Value>>,
) {
    let mut reader = BufReader::new(read);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                length = v.trim().parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("Content-Length header")];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let message: Value = serde_json::from_slice(&body).expect("server sends JSON");
        if let (Some(id), Some(method)) = (message.get("id"), message["method"].as_str()) {
            let result = match method {
                "workspace/configuration" => {
                    let asked = message["params"]["items"].as_array().map_or(0, Vec::len);
                    let value = settings.lock().expect("settings").clone();
                    json!(vec![value; asked])
                }
                "workspace/applyEdit" => json!({"applied": true}),
                _ => Value::Null,
            };
            let reply = serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": id, "result": result}))
                .expect("json");
            let mut w = writer.lock().await;
            let header = format!("Content-Length: {}\r\n\r\n", reply.len());
            let _ = w.write_all(header.as_bytes()).await;
            let _ = w.write_all(&reply).await;
            let _ = w.flush().await;
        }
        if tx.send(message).is_err() {
            return;
        }
    }
}

/// The byte offset of an LSP position in `text`, per the specification: lines end at `\n`,
/// `\r\n` or `\r`; characters count UTF-16 code units (or bytes with `utf8`); a character past
/// the end of its line means the end of the line.
pub fn offset(text: &str, line: u64, character: u64, utf8: bool) -> usize {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                starts.push(i + 2);
                i += 2;
                continue;
            }
            b'\r' | b'\n' => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    let Some(&start) = starts.get(line as usize) else {
        return text.len();
    };
    let mut end = starts.get(line as usize + 1).copied().unwrap_or(text.len());
    let content = &text[start..end];
    end = start + content.trim_end_matches(['\r', '\n']).len();
    let mut units = 0u64;
    for (i, c) in text[start..end].char_indices() {
        if units >= character {
            return start + i;
        }
        units += if utf8 {
            c.len_utf8() as u64
        } else {
            c.len_utf16() as u64
        };
    }
    end
}

/// The LSP position of byte `offset` in `text` (the inverse of [`offset`]).
pub fn position(text: &str, offset: usize, utf8: bool) -> (u64, u64) {
    let mut line = 0;
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < offset {
        let step = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
        if bytes[i] == b'\r' || bytes[i] == b'\n' {
            if i + step > offset {
                break;
            }
            line += 1;
            start = i + step;
        }
        i += step;
    }
    let before = &text[start..offset];
    let character = if utf8 {
        before.len()
    } else {
        before.encode_utf16().count()
    };
    (line, character as u64)
}

/// Applies LSP text edits (all relative to `text`) the way an editor does.
pub fn apply(text: &str, edits: &[Value], utf8: bool) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let at = |p: &Value| {
                offset(
                    text,
                    p["line"].as_u64().expect("line"),
                    p["character"].as_u64().expect("character"),
                    utf8,
                )
            };
            (
                at(&r["start"]),
                at(&r["end"]),
                e["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| (s.0, s.1));
    let mut out = String::new();
    let mut at = 0;
    for (start, end, new) in spans {
        assert!(start >= at, "overlapping edits: {edits:?}");
        out.push_str(&text[at..start]);
        out.push_str(&new);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// The edits a workspace edit makes to `uri`, and the version they are stamped with.
pub fn edits_for(edit: &Value, uri: &str) -> (Vec<Value>, Option<i64>) {
    if let Some(changes) = edit["documentChanges"].as_array() {
        for change in changes {
            if change["textDocument"]["uri"] == uri {
                let version = change["textDocument"]["version"].as_i64();
                return (
                    change["edits"].as_array().cloned().unwrap_or_default(),
                    version,
                );
            }
        }
        return (Vec::new(), None);
    }
    let edits = edit["changes"][uri].as_array().cloned().unwrap_or_default();
    (edits, None)
}

pub fn range(l1: u64, c1: u64, l2: u64, c2: u64) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}
