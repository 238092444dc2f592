//! The frames between the client and tower-lsp, both ways.
//!
//! In: tower-lsp's framed reader stops for good at the first message it cannot decode (a body
//! that is not JSON, or JSON that is not a JSON-RPC message), which ends the server. So the
//! client's bytes pass through here first: each frame is read whole, and one that would stop
//! the reader is replaced by a request that the server answers with a JSON-RPC parse error
//! (`id: null`), as the specification asks. Everything else passes unchanged.
//!
//! Out: every frame is written whole to one [`Output`]. The check workers write their
//! diagnostics there themselves, the moment a check ends: a publish or a pull's answer passes
//! through no other thread on its way (each hand-over between threads costs a wake-up, and on
//! a small story those cost more than the check). Frames from the async side (tower-lsp's
//! own, and answers ready at once) go through one bounded channel to a writer thread. The
//! server writes diagnostics as JSON itself: tower-lsp would first turn them into a tree of
//! JSON values, which for a large document's thousands of diagnostics costs more than finding
//! them.

use std::io::Write;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde::Deserialize;
use serde::de::IgnoredAny;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// The largest message taken (a 10 MB story is about 11 MB of JSON).
const MAX_MESSAGE_BYTES: usize = 256 << 20;

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

/// The notification a pull becomes on its way to tower-lsp, so that it is taken in order with
/// the edits before it (see [`crate::lsp::pull`]): `{"id": ..., "params": ...}`.
pub const PULL_IN_ORDER: &str = "copydesk/pullDiagnostics";

/// A request, as far as rerouting it goes.
#[derive(Deserialize)]
struct Request {
    id: serde_json::Value,
    #[serde(default)]
    params: serde_json::Value,
}

/// A pull request as the notification that stands for it.
fn pull_in_order(body: &[u8]) -> Option<Vec<u8>> {
    let request: Request = serde_json::from_slice(body).ok()?;
    let note = serde_json::json!({
        "jsonrpc": "2.0",
        "method": PULL_IN_ORDER,
        "params": {"id": request.id, "params": request.params},
    });
    serde_json::to_vec(&note).ok()
}

/// Reads one frame's body: `None` at the end of `input`, `Some(None)` for a frame longer than
/// `max` bytes (skipped unread, so the next one is still found).
async fn read_frame<R: AsyncRead + Unpin>(
    input: &mut BufReader<R>,
    line: &mut Vec<u8>,
    max: usize,
) -> Option<Option<Vec<u8>>> {
    let mut length: Option<usize> = None;
    loop {
        line.clear();
        match input.read_until(b'\n', line).await {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        let text = String::from_utf8_lossy(line);
        let text = text.trim();
        if text.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = text.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok();
        }
    }
    let length = length?;
    if length > max {
        let mut rest = input.take(length as u64);
        tokio::io::copy(&mut rest, &mut tokio::io::sink())
            .await
            .ok()?;
        return Some(None);
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).await.ok()?;
    Some(Some(body))
}

/// `body` with its header: a whole frame.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

/// Copies framed messages from `input` to `output` until `input` ends (or `output` closes),
/// replacing unreadable ones. With `reroute_pulls`, a pull for diagnostics between
/// `initialized` and `shutdown` becomes a [`PULL_IN_ORDER`] notification, which the server
/// answers itself.
pub async fn forward<R, W>(input: R, mut output: W, reroute_pulls: bool)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut input = BufReader::with_capacity(1 << 16, input);
    let mut line = Vec::new();
    let mut serving = false;
    while let Some(body) = read_frame(&mut input, &mut line, MAX_MESSAGE_BYTES).await {
        // A frame too large to take is answered like one that is not JSON.
        let mut body = body.unwrap_or_default();
        let shape = shape(&body);
        let method = shape.as_ref().and_then(|s| s.method.as_deref());
        match method {
            Some("initialized") => serving = reroute_pulls,
            Some("shutdown" | "exit") => serving = false,
            _ => {}
        }
        if serving
            && method == Some(PULL)
            && shape.as_ref().is_some_and(|s| s.id)
            && let Some(note) = pull_in_order(&body)
        {
            body = note;
        } else if shape.is_none() {
            tracing::warn!(
                bytes = body.len(),
                "unreadable message from the client; answered with a parse error"
            );
            body = format!(r#"{{"jsonrpc":"2.0","id":null,"method":"{UNREADABLE}"}}"#).into_bytes();
        }
        let written = async {
            output.write_all(&frame(&body)).await?;
            output.flush().await
        };
        if written.await.is_err() {
            return;
        }
    }
}

/// Splits tower-lsp's output into whole frames for the channel to the client.
pub async fn split<R: AsyncRead + Unpin>(input: R, out: mpsc::Sender<Vec<u8>>) {
    let mut input = BufReader::with_capacity(1 << 16, input);
    let mut line = Vec::new();
    // tower-lsp's own frames are all taken, whatever their size.
    while let Some(body) = read_frame(&mut input, &mut line, usize::MAX).await {
        if let Some(body) = body
            && out.send(frame(&body)).await.is_err()
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

    #[tokio::test]
    async fn frames_pass_and_garbage_is_replaced() {
        let good = r#"{"jsonrpc":"2.0","method":"x"}"#;
        let input = format!(
            "Content-Length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\n\r\n{good}Content-Length: 4\r\n\r\n{{oopContent-Length: {}\r\n\r\n{good}",
            good.len(),
            good.len()
        );
        let mut out = Vec::new();
        forward(input.as_bytes(), &mut out, false).await;
        let out = String::from_utf8(out).expect("utf-8");
        let frame = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
        let unreadable = format!(r#"{{"jsonrpc":"2.0","id":null,"method":"{UNREADABLE}"}}"#);
        assert_eq!(
            out,
            format!("{}{}{}", frame(good), frame(&unreadable), frame(good))
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
        split(stream.as_slice(), tx.clone()).await;
        tx.send(frame(b"{\"c\":3}")).await.expect("open channel");
        drop(tx);
        let bytes = Shared::default();
        let output = Output::new(bytes.clone());
        std::thread::spawn(move || write(rx, &output))
            .join()
            .expect("writer");
        let expected = [&stream[..], &frame(b"{\"c\":3}")].concat();
        let out = bytes.0.lock().expect("lock").clone();
        assert_eq!(String::from_utf8(out), String::from_utf8(expected));
    }
}
