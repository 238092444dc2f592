//! The frames between the client and the server, both ways.
//!
//! In: tower-lsp's framed reader stops for good at the first message it cannot decode (a body
//! that is not JSON, or JSON that is not a JSON-RPC message), which ends the server. So the
//! client's frames pass through a [`Guard`] first, on the intake thread (`intake`): each is
//! read whole, and one that would stop the reader is replaced by a request that the server
//! answers with a JSON-RPC parse error (`id: null`), as the specification asks. Between
//! `initialized` and `shutdown` the guard also sets aside the messages the intake takes
//! itself: the document notifications and pulls for diagnostics. Everything else passes to
//! tower-lsp unchanged.
//!
//! Out: every frame is written whole to one [`Output`]. The thread that ran a check writes
//! its diagnostics there itself, the moment the check ends: a publish or a pull's answer
//! passes through no other thread on its way (each hand-over between threads costs a wake-up,
//! and on a small story those cost more than the check). tower-lsp's own messages are relayed
//! by a thread that reads them with blocking reads ([`relay`]); frames from the async side
//! (the session's notices) go through one bounded channel to a writer thread ([`write`]). The
//! server writes diagnostics as JSON itself: tower-lsp would first turn them into a tree of
//! JSON values, which for a large document's thousands of diagnostics costs more than finding
//! them.

use std::io::{BufRead, Read, Write};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde::Deserialize;
use serde::de::IgnoredAny;
use tokio::sync::mpsc;

/// The largest message taken (a 10 MB story is about 11 MB of JSON).
pub const MAX_MESSAGE_BYTES: usize = 256 << 20;

/// How many frames from the async side may wait for the writer thread. A client slow to read
/// holds them back rather than letting them pile up in memory.
pub const FRAMES_WAITING: usize = 16;

/// The client's end: frames are written to it whole, one at a time, by whichever thread holds
/// the frame.
#[derive(Clone)]
pub struct Output(Arc<Mutex<Box<dyn Write + Send>>>);

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Output")
    }
}

impl Output {
    pub fn new(output: impl Write + Send + 'static) -> Output {
        Output(Arc::new(Mutex::new(Box::new(output))))
    }

    /// Holds the output: nothing else is written until the guard is dropped. Blocks while
    /// another thread writes, so only threads of their own take it, never the async runtime.
    pub fn hold(&self) -> Held<'_> {
        Held(self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// The output, held.
pub struct Held<'a>(MutexGuard<'a, Box<dyn Write + Send>>);

impl Held<'_> {
    /// Writes one whole frame and flushes it. Blocks while the client is slow to read.
    pub fn write(&mut self, frame: &[u8]) -> std::io::Result<()> {
        self.0.write_all(frame)?;
        self.0.flush()
    }
}

/// The method standing in for a message that could not be read.
pub const UNREADABLE: &str = "copydesk/unreadableMessage";

/// The fields tower-lsp needs to take a body for a JSON-RPC message, checked without
/// building the body's values.
#[derive(Deserialize)]
struct Shape {
    jsonrpc: String,
    method: Option<String>,
    #[serde(default, deserialize_with = "present")]
    id: bool,
    #[serde(default, deserialize_with = "present")]
    result: bool,
    #[serde(default, deserialize_with = "present")]
    error: bool,
}

/// True for a field that is there, even as `null` (`"result": null` is a result).
fn present<'de, D: serde::Deserializer<'de>>(value: D) -> Result<bool, D::Error> {
    IgnoredAny::deserialize(value).map(|_| true)
}

/// The shape of a JSON-RPC message, `None` for anything else.
fn shape(body: &[u8]) -> Option<Shape> {
    let shape = serde_json::from_slice::<Shape>(body).ok()?;
    let message = shape.jsonrpc == "2.0"
        && (shape.method.is_some() || (shape.id && (shape.result || shape.error)));
    message.then_some(shape)
}

#[cfg(test)]
fn is_message(body: &[u8]) -> bool {
    shape(body).is_some()
}

/// The request for pull diagnostics, which the server answers outside tower-lsp.
const PULL: &str = "textDocument/diagnostic";

/// The notifications that change documents, which the intake applies itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentNote {
    Open,
    Change,
    Close,
}

impl DocumentNote {
    fn of(method: &str) -> Option<DocumentNote> {
        match method {
            "textDocument/didOpen" => Some(DocumentNote::Open),
            "textDocument/didChange" => Some(DocumentNote::Change),
            "textDocument/didClose" => Some(DocumentNote::Close),
            _ => None,
        }
    }
}

/// Takes one line of a frame's header into `length`. True at the blank line that ends a
/// header with a length (a blank line before any is skipped).
fn header_line(line: &[u8], length: &mut Option<usize>) -> bool {
    let text = String::from_utf8_lossy(line);
    let text = text.trim();
    if text.is_empty() {
        return length.is_some();
    }
    if let Some((name, value)) = text.split_once(':')
        && name.trim().eq_ignore_ascii_case("content-length")
    {
        *length = value.trim().parse().ok();
    }
    false
}

/// Reads one frame's body: `None` at the end of `input`, `Some(None)` for a frame longer than
/// `max` bytes (skipped unread, so the next one is still found).
pub fn read_frame<R: BufRead>(
    input: &mut R,
    line: &mut Vec<u8>,
    max: usize,
) -> Option<Option<Vec<u8>>> {
    let mut length: Option<usize> = None;
    loop {
        line.clear();
        match input.read_until(b'\n', line) {
            Ok(0) | Err(_) => return None,
            Ok(_) if header_line(line, &mut length) => break,
            Ok(_) => {}
        }
    }
    let length = length?;
    if length > max {
        std::io::copy(&mut input.take(length as u64), &mut std::io::sink()).ok()?;
        return Some(None);
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).ok()?;
    Some(Some(body))
}

/// `body` with its header: a whole frame.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

/// Where a frame from the client goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Incoming {
    /// To tower-lsp: the frame's body, or the request standing in for an unreadable one.
    Server(Vec<u8>),
    /// `didOpen`, `didChange` or `didClose`, for the intake to apply.
    Document(DocumentNote, Vec<u8>),
    /// A pull for diagnostics (a request: it has an id), for the server to answer itself.
    Pull(Vec<u8>),
}

/// Sorts the client's frames, in the order they come. Between `initialized` and `shutdown`
/// document notifications and pulls are set aside (see [`Incoming`]); before, tower-lsp takes
/// them as it takes everything (and refuses what comes before `initialize`).
#[derive(Debug, Default)]
pub struct Guard {
    serving: bool,
}

impl Guard {
    /// Where the frame goes: `None` is a frame too large to take, answered like one that is
    /// not JSON.
    pub fn take(&mut self, body: Option<Vec<u8>>) -> Incoming {
        let body = body.unwrap_or_default();
        let Some(shape) = shape(&body) else {
            tracing::warn!(
                bytes = body.len(),
                "unreadable message from the client; answered with a parse error"
            );
            let stand_in = format!(r#"{{"jsonrpc":"2.0","id":null,"method":"{UNREADABLE}"}}"#);
            return Incoming::Server(stand_in.into_bytes());
        };
        let method = shape.method.as_deref();
        match method {
            Some("initialized") => self.serving = true,
            Some("shutdown" | "exit") => self.serving = false,
            _ => {}
        }
        if !self.serving {
            return Incoming::Server(body);
        }
        match (method, shape.id) {
            (Some(PULL), true) => Incoming::Pull(body),
            (Some(m), false) => match DocumentNote::of(m) {
                Some(note) => Incoming::Document(note, body),
                None => Incoming::Server(body),
            },
            _ => Incoming::Server(body),
        }
    }
}

/// Writes tower-lsp's output to the client a whole frame at a time, until either side ends.
/// Runs on a thread of its own, with blocking reads.
pub fn relay<R: Read>(input: R, output: &Output) {
    let mut input = std::io::BufReader::with_capacity(1 << 16, input);
    let mut line = Vec::new();
    // tower-lsp's own frames are all taken, whatever their size.
    while let Some(body) = read_frame(&mut input, &mut line, usize::MAX) {
        if let Some(body) = body
            && output.hold().write(&frame(&body)).is_err()
        {
            return;
        }
    }
}

/// Writes the frames of the channel to the client, in order, until every sender is gone or
/// the client stops reading. Runs on a thread of its own.
pub fn write(mut frames: mpsc::Receiver<Vec<u8>>, output: &Output) {
    while let Some(frame) = frames.blocking_recv() {
        if output.hold().write(&frame).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_rpc_messages_pass() {
        assert!(is_message(
            br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#
        ));
        assert!(is_message(br#"{"jsonrpc":"2.0","id":3,"result":null}"#));
        assert!(is_message(
            br#"{"jsonrpc":"2.0","id":null,"error":{"code":1,"message":"x"}}"#
        ));
        assert!(!is_message(b"{not json"));
        assert!(!is_message(br#"{"hello":1}"#));
        assert!(!is_message(br#"{"jsonrpc":"2.0","id":3}"#));
    }

    /// The frames of `input`, as the guard passes them on.
    fn guarded(input: &[u8], max: usize) -> Vec<Incoming> {
        let mut input = input;
        let (mut guard, mut line, mut out) = (Guard::default(), Vec::new(), Vec::new());
        while let Some(body) = read_frame(&mut input, &mut line, max) {
            out.push(guard.take(body));
        }
        out
    }

    #[test]
    fn frames_pass_and_garbage_is_replaced() {
        let good = r#"{"jsonrpc":"2.0","method":"x"}"#;
        let input = format!(
            "Content-Length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\n\r\n{good}Content-Length: 4\r\n\r\n{{oopContent-Length: 65\r\n\r\n{}Content-Length: {}\r\n\r\n{good}",
            good.len(),
            "x".repeat(65),
            good.len()
        );
        let unreadable = format!(r#"{{"jsonrpc":"2.0","id":null,"method":"{UNREADABLE}"}}"#);
        let [pass, garbage, long, pass_again] = [good, &unreadable, &unreadable, good]
            .map(|body| Incoming::Server(body.as_bytes().to_vec()));
        assert_eq!(
            guarded(input.as_bytes(), 64),
            [pass, garbage, long, pass_again]
        );
    }

    #[test]
    fn documents_and_pulls_are_set_aside_while_serving() {
        let messages = [
            r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"textDocument/diagnostic","params":{}}"#,
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
            r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":2,"method":"textDocument/diagnostic","params":{}}"#,
            r#"{"jsonrpc":"2.0","method":"textDocument/diagnostic","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":3,"method":"textDocument/didClose","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":4,"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","method":"textDocument/didClose","params":{}}"#,
        ];
        let input: String = messages
            .iter()
            .map(|m| String::from_utf8(frame(m.as_bytes())).expect("utf-8"))
            .collect();
        let kinds: Vec<&str> = guarded(input.as_bytes(), 1024)
            .iter()
            .map(|i| match i {
                Incoming::Server(_) => "server",
                Incoming::Document(..) => "document",
                Incoming::Pull(_) => "pull",
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "server", "server", "server", "document", "pull", "server", "server", "server",
                "server"
            ]
        );
    }

    /// A `Write` whose bytes the test can read afterwards.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("lock").extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn frames_out_go_whole_and_in_order() {
        let (tx, rx) = mpsc::channel(FRAMES_WAITING);
        let stream = [frame(b"{\"a\":1}"), frame(b"{\"b\":2}")].concat();
        let bytes = Shared::default();
        let output = Output::new(bytes.clone());
        relay(stream.as_slice(), &output);
        tx.send(frame(b"{\"c\":3}")).await.expect("open channel");
        drop(tx);
        std::thread::spawn(move || write(rx, &output))
            .join()
            .expect("writer");
        let expected = [&stream[..], &frame(b"{\"c\":3}")].concat();
        let out = bytes.0.lock().expect("lock").clone();
        assert_eq!(String::from_utf8(out), String::from_utf8(expected));
    }
}
