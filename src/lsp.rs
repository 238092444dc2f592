//! The language server: copydesk in the editor.
//!
//! A thin adapter over the core, and the only part of copydesk that knows LSP types and
//! UTF-16. Documents live as ropes keyed by URI (`documents`); positions convert between
//! the client's line/character and the core's byte offsets in one place (`positions`);
//! checks run on worker threads (`checker`, `queue`) and their findings go out as
//! diagnostics (`diagnostics`), pushed or pulled as the client prefers; code actions,
//! commands and hover read the latest check (`actions`, `commands`, `hover`). The house style
//! is the CLI's `copydesk.toml` with the editor's settings on top (`config`, `house_style`),
//! and the workspace's stories are indexed so names are compared across them
//! (`workspace_scan`), with a file watcher that follows the house style in force
//! (`watchers`). The client's messages are read on a thread of their own (`intake`), which
//! applies the edits and checks small documents itself, and passes the rest to tower-lsp.
//! Messages both ways pass through `framing`: it keeps an unreadable message from ending the
//! server, and diagnostics, pushed or pulled (`pull`), are written to the client by the thread
//! that found them rather than through tower-lsp's tree of JSON values.
//!
//! ```no_run
//! // What `copydesk lsp` does:
//! copydesk::lsp::run_stdio().expect("the language server ran");
//! ```

mod actions;
mod checker;
mod commands;
mod config;
mod diagnostics;
mod documents;
mod edits;
mod framing;
mod house_style;
mod hover;
mod intake;
mod positions;
mod pull;
mod queue;
mod server;
mod session;
mod support;
mod watchers;
mod workspace_scan;

use std::io::{Read, Write};
use std::sync::Arc;

use tokio::io::AsyncRead;
use tower_lsp_server::LspService;
use tracing_subscriber::EnvFilter;

/// The environment variable holding the log filter (`info`, `copydesk=debug`, ...).
pub const LOG_ENV: &str = "COPYDESK_LOG";

/// Serves the language server over stdin and stdout until the client says `exit` (or closes
/// stdin). Logs go to stderr, filtered by `COPYDESK_LOG` (default `warn`).
pub fn run_stdio() -> std::io::Result<()> {
    init_logging();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("copydesk-lsp")
        .enable_all()
        .build()?;
    runtime.block_on(serve_from(std::io::stdin(), std::io::stdout()));
    // A client may keep stdin open after `exit`: the thread reading it never returns, so the
    // runtime is not waited for.
    runtime.shutdown_background();
    Ok(())
}

/// How many requests may be under way at once. Pulls, code actions and hovers wait for the
/// check of the current version; with tower-lsp's default of four, four of them waiting on a
/// long check would hold up the next keystroke's `didChange` behind them.
const HANDLERS_AT_ONCE: usize = 64;

/// Serves the language server over any byte streams (stdio, or a socket pair in tests).
/// Returns when the client says `exit` or closes `input`. Must run inside a tokio runtime.
///
/// `output` is written by plain threads (the check workers, a writer), never by the async
/// runtime, so a blocking writer such as stdout is what it wants.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: Write + Send + 'static,
{
    let runtime = tokio::runtime::Handle::current();
    serve_from(BlockingRead { input, runtime }, output).await;
}

/// [`serve`] over a blocking reader, which the intake thread reads.
async fn serve_from<I, O>(input: I, output: O)
where
    I: Read + Send + 'static,
    O: Write + Send + 'static,
{
    // Frames for the client: the check workers and the intake write theirs at once, a relay
    // thread writes tower-lsp's messages, and the async side's go through a channel to a
    // writer thread.
    let output = framing::Output::new(output);
    let (frames, to_client) = tokio::sync::mpsc::channel(framing::FRAMES_WAITING);
    let writer = output.clone();
    let spawned = std::thread::Builder::new()
        .name("copydesk-out".into())
        .spawn(move || framing::write(to_client, &writer));
    if let Err(e) = spawned {
        tracing::error!("cannot start the writer thread: {e}");
        return;
    }
    let (from_server, server_output) = tokio::io::duplex(1 << 16);
    let relayed = output.clone();
    let runtime = tokio::runtime::Handle::current();
    let spawned = std::thread::Builder::new()
        .name("copydesk-relay".into())
        .spawn(move || {
            let input = BlockingRead {
                input: server_output,
                runtime,
            };
            framing::relay(input, &relayed);
        });
    if let Err(e) = spawned {
        tracing::error!("cannot start the relay thread: {e}");
        return;
    }
    let outlet = session::Outlet { frames, output };
    let mut session = None;
    let (service, socket) = LspService::build(|client| {
        let server = server::Server::new(client, outlet);
        session = Some(Arc::downgrade(server.session()));
        server
    })
    .custom_method(framing::UNREADABLE, server::Server::unreadable)
    .finish();
    // The client's bytes go to the intake thread, which keeps one bad message from ending the
    // server, takes the edits and pulls itself and passes the rest on to tower-lsp.
    let (to_server, from_intake) = tokio::io::duplex(1 << 16);
    let runtime = tokio::runtime::Handle::current();
    let session = session.unwrap_or_default();
    let spawned = std::thread::Builder::new()
        .name("copydesk-in".into())
        .spawn(move || intake::run(input, to_server, &runtime, &session));
    if let Err(e) = spawned {
        tracing::error!("cannot start the intake thread: {e}");
        return;
    }
    tower_lsp_server::Server::new(from_intake, from_server, socket)
        .concurrency_level(HANDLERS_AT_ONCE)
        .serve(service)
        .await;
}

/// An async reader read with blocking reads, from a thread outside the runtime.
struct BlockingRead<I> {
    input: I,
    runtime: tokio::runtime::Handle,
}

impl<I: AsyncRead + Unpin> Read for BlockingRead<I> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use tokio::io::AsyncReadExt;
        self.runtime.block_on(self.input.read(buf))
    }
}

fn init_logging() {
    let filter = EnvFilter::try_from_env(LOG_ENV).unwrap_or_else(|_| EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}
