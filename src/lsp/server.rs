//! The LSP handlers. Each is thin: it reads its params, changes the session or reads the
//! latest check, and answers.
//!
//! Between `initialized` and `shutdown` the document notifications and pulls never reach these
//! handlers: the intake thread takes them (`intake`). Before, the handlers below apply them
//! through the same functions, doing all their work before their first `.await` (they have
//! none): tower-lsp runs several handlers at once, and only what a handler does before it
//! first yields is guaranteed to happen in wire order.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::lsp::actions::{self, ADD_TO_HOUSE_STYLE, FIX_ALL_COMMAND, FIX_ALL_KIND, Target};
use crate::lsp::commands;
use crate::lsp::config::{self, EditorSettings};
use crate::lsp::documents::{is_house_style, key_of};
use crate::lsp::house_style;
use crate::lsp::hover;
use crate::lsp::intake;
use crate::lsp::positions;
use crate::lsp::pull;
use crate::lsp::queue::Reason;
use crate::lsp::session::{Outlet, Session, lock};
use crate::lsp::support::Support;
use crate::lsp::watchers;
use crate::lsp::workspace_scan;

/// Copy that wakes every rule up.
const WARM_UP: &str =
    "# Talks resume\n\nPresident Zelensky met officials in Kyiv on monday .\nShare this article\n";

/// How long a code action or hover waits for the check of the current version.
const WAIT_FOR_CHECK: Duration = Duration::from_secs(2);

#[derive(Debug)]
pub struct Server {
    session: Arc<Session>,
}

impl Server {
    /// `outlet` is the way to the client (see [`crate::lsp::framing`]).
    pub fn new(client: Client, outlet: Outlet) -> Server {
        Server {
            session: Session::start(client, outlet),
        }
    }

    /// The session, for the intake thread.
    pub fn session(&self) -> &Arc<Session> {
        &self.session
    }

    /// Answers a message the client sent that could not be read (see `framing`).
    pub async fn unreadable(&self) -> Result<()> {
        Err(Error::parse_error())
    }
}

/// Takes new editor settings and reloads the house style with them.
fn apply_settings(session: &Arc<Session>, settings: EditorSettings) {
    lock(&session.config).settings = settings;
    let session = session.clone();
    tokio::task::spawn_blocking(move || house_style::reload(&session, true));
}

/// Asks the client for the `copydesk` settings section. Runs as a task of its own: a
/// handler waiting on the client could hold up `exit`.
async fn fetch_settings(session: Arc<Session>) {
    let item = ConfigurationItem {
        scope_uri: None,
        section: Some("copydesk".into()),
    };
    match session.client.configuration(vec![item]).await {
        Ok(values) => {
            if let Some(settings) = values.first().and_then(config::parse_settings) {
                apply_settings(&session, settings);
            }
        }
        Err(e) => tracing::debug!("workspace/configuration: {e}"),
    }
}

/// Registers the settings watcher, if the client lets servers register it, and the file
/// watcher ([`watchers`]). Runs as a task of its own, like [`fetch_settings`].
async fn register_watchers(session: Arc<Session>) {
    watchers::register(&session);
    if !session.support().watch_configuration {
        return;
    }
    let registration = Registration {
        id: "copydesk-watch-configuration".into(),
        method: "workspace/didChangeConfiguration".into(),
        register_options: Some(json!({ "section": "copydesk" })),
    };
    if let Err(e) = session.client.register_capability(vec![registration]).await {
        tracing::warn!("cannot register the settings watcher: {e}");
    }
}

/// The workspace folders the client named, as paths.
fn roots_of(params: &InitializeParams) -> Vec<PathBuf> {
    #[allow(deprecated)]
    let root_uri = params.root_uri.clone();
    let folders = params
        .workspace_folders
        .clone()
        .map(|f| f.into_iter().map(|f| f.uri).collect::<Vec<_>>())
        .or_else(|| root_uri.map(|u| vec![u]))
        .unwrap_or_default();
    folders
        .iter()
        .filter_map(|u| u.to_file_path().map(|p| p.into_owned()))
        .collect()
}

fn capabilities(support: Support) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(support.encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
                CodeActionKind::new(FIX_ALL_KIND),
            ]),
            resolve_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![ADD_TO_HOUSE_STYLE.into(), FIX_ALL_COMMAND.into()],
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        diagnostic_provider: support.pull.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("copydesk".into()),
                inter_file_dependencies: true,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..ServerCapabilities::default()
    }
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let support = Support::from_capabilities(&params.capabilities);
        self.session.set_support(support);
        self.session.set_roots(roots_of(&params));
        if let Some(settings) = params
            .initialization_options
            .as_ref()
            .and_then(config::parse_settings)
        {
            lock(&self.session.config).settings = settings;
        }
        // Loaded before the first document can be checked; reported once the client listens.
        let session = self.session.clone();
        tokio::task::spawn_blocking(move || house_style::reload(&session, false))
            .await
            .map_err(|_| Error::internal_error())?;
        // The rules build their tables on first use: pay for it now, not on the first story.
        let style = self.session.style();
        tokio::task::spawn_blocking(move || crate::check(WARM_UP, crate::Format::Markdown, &style));
        let legacy_offsets = params.capabilities.offset_encoding.is_some();
        tracing::info!(?support, "client capabilities");
        Ok(InitializeResult {
            capabilities: capabilities(support),
            server_info: Some(ServerInfo {
                name: "copydesk".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: legacy_offsets.then(|| support.encoding.kind().as_str().to_string()),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        house_style::announce_error(&self.session);
        tokio::spawn(workspace_scan::scan(self.session.clone()));
        if self.session.support().configuration {
            tokio::spawn(fetch_settings(self.session.clone()));
        }
        tokio::spawn(register_watchers(self.session.clone()));
    }

    async fn shutdown(&self) -> Result<()> {
        self.session.queue.close();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        if let Some(key) = intake::open(&self.session, params) {
            self.session.queue.push(key, Reason::Edit);
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        if let Some(key) = intake::change(&self.session, params) {
            self.session.queue.push(key, Reason::Edit);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        intake::close(&self.session, params);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let key = key_of(&params.text_document.uri);
        let path = params
            .text_document
            .uri
            .to_file_path()
            .map(|p| p.into_owned());
        let active = lock(&self.session.config).active.clone();
        if is_house_style(&key) || (path.is_some() && path == active) {
            let session = self.session.clone();
            tokio::task::spawn_blocking(move || house_style::reload(&session, true));
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        match config::parse_settings(&params.settings) {
            Some(settings) => apply_settings(&self.session, settings),
            None if self.session.support().configuration => {
                tokio::spawn(fetch_settings(self.session.clone()));
            }
            None => {}
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let session = self.session.clone();
        tokio::task::spawn_blocking(move || {
            workspace_scan::files_changed(&session, &params.changes)
        });
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let mut roots = self.session.roots();
        for removed in &params.event.removed {
            if let Some(path) = removed.uri.to_file_path() {
                roots.retain(|r| r.as_path() != path.as_ref());
            }
        }
        for added in &params.event.added {
            if let Some(path) = added.uri.to_file_path() {
                roots.push(path.into_owned());
            }
        }
        self.session.set_roots(roots);
        let session = self.session.clone();
        tokio::spawn(async move {
            let worker = session.clone();
            let moved = tokio::task::spawn_blocking(move || {
                workspace_scan::forget_outside_roots(&worker);
                house_style::reload(&worker, true);
            });
            if moved.await.is_ok() {
                workspace_scan::scan(session).await;
            }
        });
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        pull::report(&self.session, &params)
            .await
            .map(pull::Report::into_result)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let key = key_of(&uri);
        let Some(version) = self.session.docs.version(&key) else {
            return Ok(None);
        };
        let support = self.session.support();
        let only = params.context.only.as_deref();
        let Some(result) = self.session.current_result(&key, WAIT_FOR_CHECK).await else {
            let fixes = if actions::wanted(only, CodeActionKind::QUICKFIX.as_str()) {
                actions::from_diagnostic_data(&uri, version, &params.context.diagnostics, support)
            } else {
                Vec::new()
            };
            return Ok(Some(fixes));
        };
        // Not the name index: its lock may be held while a long story is indexed.
        let has_neighbours = self.session.docs.count() > 1;
        let target = Target {
            uri: &uri,
            result: &result,
            support,
            has_neighbours,
        };
        let range = positions::clamp(&result.rope, params.range, support.encoding);
        let mut found = actions::code_actions(&target, range, only);
        // A client that cannot resolve gets the edits now.
        if !support.resolve_edits {
            for item in &mut found {
                if let CodeActionOrCommand::CodeAction(action) = item
                    && action.edit.is_none()
                    && action.data.is_some()
                {
                    *action = commands::resolve(&self.session, action.clone()).await?;
                }
            }
        }
        Ok(Some(found))
    }

    async fn code_action_resolve(&self, action: CodeAction) -> Result<CodeAction> {
        commands::resolve(&self.session, action).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let key = key_of(&at.text_document.uri);
        let Some(result) = self.session.current_result(&key, WAIT_FOR_CHECK).await else {
            return Ok(None);
        };
        Ok(hover::hover(&result, at.position))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        commands::execute(&self.session, params).await
    }
}
