//! The file watcher the server asks the client for: stories (for the workspace's name index)
//! and house style files, including one outside the workspace or under another name.
//!
//! The watched house style follows the one in force: when the `configPath` setting (or a new
//! workspace folder) puts another file in force, the watcher is registered again with it, so
//! that saving that file from any editor reloads it.

use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, OneOf, Registration,
    RelativePattern, Unregistration, Uri,
};

use crate::lsp::session::{Outgoing, Session, lock};
use crate::lsp::support::Support;

const ID: &str = "copydesk-watch-files";
const METHOD: &str = "workspace/didChangeWatchedFiles";

/// Stories and house style files under any workspace folder.
const GLOBS: [&str; 2] = ["**/*.{md,markdown,mdown,mkd,txt,text}", "**/copydesk.toml"];

/// Registers the watcher, once the client is initialized. Does nothing for a client that
/// does not let servers register watchers.
pub fn register(session: &Session) {
    update(session, true);
}

/// Registers the watcher again if the house style in force is no longer the one it watches
/// (and it was registered already).
pub fn follow_house_style(session: &Session) {
    update(session, false);
}

fn update(session: &Session, first: bool) {
    let support = session.support();
    if !support.watch_files {
        return;
    }
    let active = lock(&session.config).active.clone();
    let mut watched = lock(&session.watched_style);
    let registered_before = watched.is_some();
    if watched.as_ref() == Some(&active) || (!first && !registered_before) {
        return;
    }
    *watched = Some(active.clone());
    let mut watchers: Vec<FileSystemWatcher> = GLOBS
        .into_iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.into()),
            kind: None,
        })
        .collect();
    if let Some(active) = &active {
        watchers.push(FileSystemWatcher {
            glob_pattern: file_pattern(active, &session.roots(), support),
            kind: None,
        });
    }
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    // Sent through the outbox, so that an unregistration and the registration after it reach
    // the client in this order.
    session.send(Outgoing::Watch {
        unregister: registered_before.then(|| Unregistration {
            id: ID.into(),
            method: METHOD.into(),
        }),
        register: Registration {
            id: ID.into(),
            method: METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        },
    });
}

/// A watcher pattern for one file: relative to the workspace folder it is in, or to its own
/// folder when the client takes such patterns, else its absolute path.
fn file_pattern(path: &Path, roots: &[PathBuf], support: Support) -> GlobPattern {
    if let Some(relative) = roots.iter().find_map(|r| path.strip_prefix(r).ok()) {
        return GlobPattern::String(relative.to_string_lossy().replace('\\', "/"));
    }
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return GlobPattern::String(path.display().to_string());
    };
    match Uri::from_file_path(folder) {
        Some(base) if support.relative_patterns => GlobPattern::Relative(RelativePattern {
            base_uri: OneOf::Right(base),
            pattern: name.to_string_lossy().into_owned(),
        }),
        _ => GlobPattern::String(path.display().to_string()),
    }
}
