//! What the client can do, read once from its `initialize` capabilities.

use tower_lsp_server::ls_types::ClientCapabilities;

use crate::lsp::positions::Encoding;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Support {
    pub encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`) instead of taking pushes.
    pub pull: bool,
    /// The client honours `workspace/diagnostic/refresh`.
    pub refresh: bool,
    pub related_information: bool,
    /// Workspace edits may be versioned (`documentChanges`).
    pub document_changes: bool,
    pub apply_edit: bool,
    /// `window/workDoneProgress/create` and `$/progress`.
    pub progress: bool,
    /// File watchers may be registered dynamically.
    pub watch_files: bool,
    /// File watchers may be relative to a folder outside the workspace.
    pub relative_patterns: bool,
    /// `workspace/didChangeConfiguration` may be registered dynamically.
    pub watch_configuration: bool,
    /// `workspace/configuration` may be asked.
    pub configuration: bool,
    /// Code actions may come back without their edit, to be resolved when chosen.
    pub resolve_edits: bool,
}

impl Support {
    pub fn from_capabilities(caps: &ClientCapabilities) -> Support {
        let text = caps.text_document.as_ref();
        let workspace = caps.workspace.as_ref();
        let pull = text.and_then(|t| t.diagnostic.as_ref()).is_some();
        let related_information = if pull {
            text.and_then(|t| t.diagnostic.as_ref())
                .and_then(|d| d.related_information)
                // Clients that pull have published with related information for years.
                .unwrap_or(true)
        } else {
            text.and_then(|t| t.publish_diagnostics.as_ref())
                .and_then(|p| p.related_information)
                .unwrap_or(false)
        };
        let resolve_edits = text
            .and_then(|t| t.code_action.as_ref())
            .and_then(|c| c.resolve_support.as_ref())
            .is_some_and(|r| r.properties.iter().any(|p| p == "edit"));
        Support {
            encoding: Encoding::negotiate(caps),
            pull,
            refresh: workspace
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            related_information,
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            apply_edit: workspace.and_then(|w| w.apply_edit).unwrap_or(false),
            progress: caps
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            watch_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            relative_patterns: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.relative_pattern_support)
                .unwrap_or(false),
            watch_configuration: workspace
                .and_then(|w| w.did_change_configuration.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            resolve_edits,
        }
    }
}
