//! The built binary as an editor runs it: `copydesk lsp` over stdin and stdout, logs on
//! stderr, and a clean exit after `shutdown` and `exit` while stdin stays open.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(20);

fn send(stdin: &mut ChildStdin, message: &Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write to the server");
    stdin.flush().expect("flush");
}

/// Reads framed messages from the server's stdout into a channel.
fn reader(stdout: impl Read + Send + 'static) -> mpsc::Receiver<Value> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut out = BufReader::new(stdout);
        loop {
            let mut length = 0;
            loop {
                let mut line = String::new();
                if out.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length:") {
                    length = v.trim().parse().expect("length");
                }
            }
            let mut body = vec![0; length];
            if out.read_exact(&mut body).is_err() {
                return;
            }
            let message = serde_json::from_slice(&body).expect("JSON from the server");
            if tx.send(message).is_err() {
                return;
            }
        }
    });
    rx
}

fn expect(rx: &mpsc::Receiver<Value>, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let message = rx
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no {what} within {TIMEOUT:?}"));
        if matches(&message) {
            return message;
        }
    }
}

/// Starts the binary with `arg`, logs at `info` on a pipe, and initializes it.
fn start_and_initialize(
    arg: &str,
    capabilities: Value,
) -> (Child, ChildStdin, mpsc::Receiver<Value>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg(arg)
        .env("COPYDESK_LOG", "info")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the server");
    let mut stdin = child.stdin.take().expect("stdin");
    let rx = reader(child.stdout.take().expect("stdout"));
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": null, "rootUri": null, "capabilities": capabilities}}),
    );
    let init = expect(&rx, "initialize response", |m| m["id"] == 1);
    assert_eq!(init["result"]["serverInfo"]["name"], "copydesk");
    (child, stdin, rx)
}

#[test]
fn the_binary_serves_over_stdio_and_exits_cleanly() {
    let (mut child, mut stdin, rx) = start_and_initialize(
        "lsp",
        json!({"textDocument": {"publishDiagnostics": {"versionSupport": true}}}),
    );
    let mut stderr = child.stderr.take().expect("stderr");
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );

    let uri = "file:///desk/story.md";
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1,
            "text": "# Talks\n\nCafé “talks” 🕊️ for peace .\n"}}}),
    );
    let published = expect(&rx, "diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 1
    });
    let diagnostic = &published["params"]["diagnostics"][0];
    assert_eq!(
        diagnostic["range"]["start"],
        json!({"line": 2, "character": 26})
    );
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": uri}, "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]}}}),
    );
    let actions = expect(&rx, "code actions", |m| m["id"] == 2);
    assert_eq!(actions["result"][0]["title"], "Remove the space");

    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}),
    );
    expect(&rx, "shutdown response", |m| m["id"] == 3);
    send(&mut stdin, &json!({"jsonrpc": "2.0", "method": "exit"}));

    // stdin stays open (held here) while the server must exit on its own.
    let (done, waited) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait());
    });
    let status = waited
        .recv_timeout(TIMEOUT)
        .expect("the server exits after `exit` with stdin open")
        .expect("wait for the server");
    assert!(status.success(), "{status}");
    drop(stdin);
    let mut log = String::new();
    stderr.read_to_string(&mut log).expect("stderr");
    assert!(
        log.contains("exit notification received"),
        "logs go to stderr: {log}"
    );
    assert!(!log.contains("panicked"), "{log}");
}

/// `copydesk --stdio`, as some editors and harnesses start a server, is `copydesk lsp`.
#[test]
fn a_bare_stdio_flag_starts_the_server() {
    let (mut child, mut stdin, rx) = start_and_initialize("--stdio", json!({}));
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    expect(&rx, "shutdown response", |m| m["id"] == 2);
    send(&mut stdin, &json!({"jsonrpc": "2.0", "method": "exit"}));
    drop(stdin);
    assert!(child.wait().expect("wait for the server").success());
}
