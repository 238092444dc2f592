//! The language server in process: diagnostics pushed and pulled, positions in UTF-16 and
//! UTF-8, hover, and how it answers what it does not know or cannot read.

mod lsp_client;

use std::time::Duration;

use lsp_client::{TestClient, pull_capabilities, range, vscode_capabilities};
use serde_json::{Value, json};

const URI: &str = "file:///desk/story.md";

/// `é`, curly quotes and a dove with its variation selector before the finding: UTF-16
/// counts them 1 + 1 + 1 + 1 + 2 + 1, UTF-8 counts 2 + 3 + 1 + 3 + 4 + 3.
const LINE: &str = "Café “talks” 🕊️ for peace .";

#[tokio::test]
async fn open_publishes_diagnostics_with_utf16_columns() {
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, None).await;
    assert_eq!(client.init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(client.init["capabilities"]["textDocumentSync"]["change"], 2);
    client
        .open(URI, "markdown", &format!("# Ceasefire\n\n{LINE}\n"))
        .await;
    let diagnostics = client.diagnostics(URI, Some(1)).await;
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    // "Café " 5, "“talks” " 8, "🕊️ " 4 (dove 2 + selector 1 + space), "for peace" 9.
    assert_eq!(d["range"], range(2, 26, 2, 28));
    assert_eq!(d["code"], "punctuation-spacing");
    assert_eq!(d["source"], "copydesk");
    assert_eq!(d["severity"], 2);
    assert_eq!(d["message"], "Space before `.`");
    assert_eq!(d["data"]["version"], 1);
    assert_eq!(d["data"]["fixes"][0]["title"], "Remove the space");
    assert_eq!(
        d["data"]["fixes"][0]["edits"][0]["range"],
        range(2, 26, 2, 27)
    );
    client.shutdown().await;
}

#[tokio::test]
async fn utf8_is_used_when_the_client_offers_it() {
    let mut caps = vscode_capabilities();
    caps["general"]["positionEncodings"] = json!(["utf-8", "utf-16"]);
    let mut client = TestClient::start(caps, Value::Null, None).await;
    assert_eq!(client.init["capabilities"]["positionEncoding"], "utf-8");
    client.open(URI, "plaintext", LINE).await;
    let d = &client.diagnostics(URI, Some(1)).await[0];
    let start = LINE.find(" .").expect("finding") as u64;
    assert_eq!(d["range"], range(0, start, 0, start + 2));
    // Edits are read in UTF-8 too: delete the space before the full stop.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2},
                   "contentChanges": [{"range": range(0, start, 0, start + 1), "text": ""}]}),
        )
        .await;
    assert_eq!(client.diagnostics(URI, Some(2)).await, Vec::<Value>::new());
    client.shutdown().await;
}

#[tokio::test]
async fn older_neovim_gets_utf8_through_offset_encoding() {
    let caps =
        json!({"offsetEncoding": ["utf-8", "utf-16"], "textDocument": {"publishDiagnostics": {}}});
    let client = TestClient::start(caps, Value::Null, None).await;
    assert_eq!(client.init["offsetEncoding"], "utf-8");
    assert_eq!(client.init["capabilities"]["positionEncoding"], "utf-8");
    client.shutdown().await;
}

#[tokio::test]
async fn a_pull_waiting_for_a_check_is_answered_when_its_document_closes() {
    let mut client = TestClient::start(pull_capabilities(), Value::Null, None).await;
    // Long enough that the check is still running when the close comes.
    let text = "Leaders met for peace . Talks went on into the night.\n".repeat(4000);
    client.open(URI, "markdown", &text).await;
    client
        .send(
            json!({"jsonrpc": "2.0", "id": 900, "method": "textDocument/diagnostic",
                     "params": {"textDocument": {"uri": URI}}}),
        )
        .await;
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    // Answered at once (not after the pull's time limit): empty if the close came first,
    // else the check's report.
    let answer = client.expect(|m| m["id"] == 900).await;
    assert_eq!(answer["result"]["kind"], "full", "{answer}");
    client.shutdown().await;
}

#[tokio::test]
async fn pull_diagnostics_follow_edits_and_report_unchanged() {
    let mut client = TestClient::start(pull_capabilities(), Value::Null, None).await;
    assert_eq!(
        client.init["capabilities"]["diagnosticProvider"]["interFileDependencies"],
        true
    );
    client
        .open(URI, "markdown", "Leaders met for peace .\n")
        .await;
    let report = client.pull(URI, None).await;
    assert_eq!(report["kind"], "full");
    assert_eq!(report["items"][0]["range"], range(0, 21, 0, 23));
    let id = report["resultId"].as_str().expect("result id").to_string();
    let again = client.pull(URI, Some(&id)).await;
    assert_eq!(again["kind"], "unchanged");
    assert_eq!(again["resultId"], id.as_str());
    // The edit lands before the pull that follows it is answered.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2},
                   "contentChanges": [{"range": range(0, 21, 0, 22), "text": ""}]}),
        )
        .await;
    let after = client.pull(URI, Some(&id)).await;
    assert_eq!(after["kind"], "full");
    assert_eq!(after["items"], json!([]));
    // Pulling never also pushes.
    assert!(
        !client
            .arrives(
                |m| m["method"] == "textDocument/publishDiagnostics",
                Duration::from_millis(200)
            )
            .await
    );
    client.shutdown().await;
}

#[tokio::test]
async fn hover_explains_the_rule_and_shows_the_message() {
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, None).await;
    client
        .open(URI, "markdown", "Leaders met for peace .\n")
        .await;
    client.diagnostics(URI, Some(1)).await;
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 22}}),
        )
        .await;
    let value = hover["result"]["contents"]["value"]
        .as_str()
        .expect("markdown hover");
    assert!(
        value.starts_with("**Space before `.`** · copydesk `punctuation-spacing`"),
        "{value}"
    );
    assert!(value.contains("Flags three spacing slips"), "{value}");
    assert!(!value.contains("## Why"), "{value}");
    assert_eq!(hover["result"]["range"], range(0, 21, 0, 23));
    let nothing = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 2}}),
        )
        .await;
    assert_eq!(nothing["result"], Value::Null);
    client.shutdown().await;
}

#[tokio::test]
async fn closing_clears_diagnostics() {
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, None).await;
    client.open(URI, "markdown", "Talks ended .\n").await;
    assert_eq!(client.diagnostics(URI, Some(1)).await.len(), 1);
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(client.diagnostics(URI, None).await, Vec::<Value>::new());
    client.shutdown().await;
}

#[tokio::test]
async fn opening_again_without_a_close_starts_over() {
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, None).await;
    client.open(URI, "markdown", "Talks ended .\n").await;
    assert_eq!(client.diagnostics(URI, Some(1)).await.len(), 1);
    client.open(URI, "markdown", "Talks ended.\n").await;
    assert_eq!(client.diagnostics(URI, Some(1)).await, Vec::<Value>::new());
    client.shutdown().await;
}

#[tokio::test]
async fn unknown_requests_get_method_not_found() {
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, None).await;
    let response = client.request("copydesk/noSuchThing", json!({})).await;
    assert_eq!(response["error"]["code"], -32601);
    // Unknown notifications, `$/` ones included, are ignored without a word.
    client.notify("$/setTrace", json!({"value": "off"})).await;
    client.notify("copydesk/whatever", json!({})).await;
    let still = client
        .request(
            "workspace/executeCommand",
            json!({"command": "copydesk.nope", "arguments": []}),
        )
        .await;
    assert_eq!(still["error"]["code"], -32602);
    client.shutdown().await;
}

#[tokio::test]
async fn malformed_params_get_an_error_not_a_crash() {
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, None).await;
    // A code action request without a range, as older Neovim can send.
    let response = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "context": {"diagnostics": []}}),
        )
        .await;
    assert_eq!(response["error"]["code"], -32602, "{response}");
    let response = client
        .request("textDocument/hover", json!("not an object"))
        .await;
    assert_eq!(response["error"]["code"], -32602, "{response}");
    // Pulls are answered outside tower-lsp, and malformed ones just the same.
    let response = client
        .request("textDocument/diagnostic", json!({"textDocument": 3}))
        .await;
    assert_eq!(response["error"]["code"], -32602, "{response}");
    // A malformed notification and a body that is not JSON are dropped.
    client
        .notify("textDocument/didChange", json!({"textDocument": 3}))
        .await;
    client.send_raw(b"{not json").await;
    let garbled = client
        .expect(|m| m["id"].is_null() && m.get("error").is_some())
        .await;
    assert_eq!(garbled["error"]["code"], -32700);
    // Positions out of range are clamped, not fatal.
    client.open(URI, "markdown", "Short.\n").await;
    client.diagnostics(URI, Some(1)).await;
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2},
                   "contentChanges": [{"range": range(0, 99, 7, 3), "text": " More ."}]}),
        )
        .await;
    let d = client.diagnostics(URI, Some(2)).await;
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0]["range"], range(0, 11, 0, 13));
    client.shutdown().await;
}

#[tokio::test]
async fn shutdown_and_exit_end_the_server_with_stdin_still_open() {
    let client = TestClient::start(vscode_capabilities(), Value::Null, None).await;
    // `shutdown` waits for the server task to end while this side keeps its end open.
    client.shutdown().await;
}

#[tokio::test]
async fn requests_before_initialize_are_refused() {
    let (mut write, r) = tokio::io::duplex(1 << 16);
    let (w, mut read) = lsp_client::pipe_from_server();
    let server = tokio::spawn(copydesk::lsp::serve(r, w));
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let body = br#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a.md"},"position":{"line":0,"character":0}}}"#;
    write
        .write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
        .await
        .expect("write");
    write.write_all(body).await.expect("write");
    let mut buf = vec![0; 4096];
    let n = tokio::time::timeout(lsp_client::TIMEOUT, read.read(&mut buf))
        .await
        .expect("answer")
        .expect("read");
    let reply = String::from_utf8_lossy(&buf[..n]);
    assert!(reply.contains("-32002"), "{reply}");
    write.shutdown().await.expect("close input");
    tokio::time::timeout(lsp_client::TIMEOUT, server)
        .await
        .expect("server ends when its input closes")
        .expect("clean end");
}

/// A document large enough for its rules to be spread over two threads gets the findings the
/// core gives it in one: same places, rules and messages, in the same order.
#[tokio::test]
async fn a_large_document_checked_on_two_threads_agrees_with_the_core() {
    let story = "Ferry crews met Dana Whitlock on Monday .  The talks went on.\n\n\
                 Later dana whitlock said Wordpress was down, and the US embassy agreed.\n\n\
                 The U.S. consulate and the U.S. mission said the same. Okonjo-Hale spoke.\n\n\
                 Okonjo Hale and Okonjo-Hale and Okonjo-Hale met in Kyiv, not Kiev or Kyiv.\n\n\
                 Share this:\nFacebook\nTwitter\nEmail\n\n";
    let text = story.repeat(64 * 1024 / story.len() + 1);
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, None).await;
    client.open(URI, "markdown", &text).await;
    let published = client.diagnostics(URI, Some(1)).await;

    let core = copydesk::check(
        &text,
        copydesk::Format::Markdown,
        &copydesk::HouseStyle::default(),
    );
    let rules: std::collections::BTreeSet<&str> = core.iter().map(|f| f.rule.id()).collect();
    assert_eq!(rules.len(), 5, "every rule has findings here: {rules:?}");
    let expected: Vec<(Value, String, String)> = core
        .iter()
        .map(|f| {
            let (l1, c1) = lsp_client::position(&text, f.span.start, false);
            let (l2, c2) = lsp_client::position(&text, f.span.end, false);
            (
                range(l1, c1, l2, c2),
                f.rule.id().to_string(),
                f.message.to_string(),
            )
        })
        .collect();
    let got: Vec<(Value, String, String)> = published
        .iter()
        .map(|d| {
            let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
            (d["range"].clone(), text(&d["code"]), text(&d["message"]))
        })
        .collect();
    assert_eq!(got, expected);
    client.shutdown().await;
}
