//! Loading the house style into a session, reporting a broken file, and adding a spelling
//! to it. All of it does file I/O: call it off the async threads.

use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::ls_types::{MessageType, Uri};

use crate::lsp::config;
use crate::lsp::diagnostics;
use crate::lsp::documents::key_of_path;
use crate::lsp::session::{Outgoing, Session, lock};
use crate::lsp::watchers;
use crate::style::HouseStyle;

/// Reads the house style again (file plus editor settings) and installs it, re-checking every
/// open document. A broken file keeps the last good style; the error is shown as a diagnostic
/// in the file and, if `announce`, as a message.
pub fn reload(session: &Session, announce: bool) {
    let _one_at_a_time = lock(&session.reloading);
    let root = session.style_root();
    let mut state = lock(&session.config);
    let path = config::locate(&state.settings, root.as_deref());
    let (style, error) = match &path {
        None => (HouseStyle::default(), None),
        Some(path) => match config::read(path) {
            Ok((style, source)) => {
                state.last_good = Some((path.clone(), source));
                (style, None)
            }
            Err(err) => {
                tracing::warn!("{err}");
                let last_good = match &state.last_good {
                    Some((good, source)) if good == path => {
                        HouseStyle::from_toml(source, Some(good)).ok()
                    }
                    _ => None,
                };
                (last_good.unwrap_or_default(), Some(err))
            }
        },
    };
    state.active = path.clone();
    let cleared = state.error.take();
    if let (Some(err), Some(path)) = (&error, &path)
        && let (Some(key), Some(uri)) = (key_of_path(path), Uri::from_file_path(path))
    {
        let source = std::fs::read_to_string(path).ok();
        let diagnostic = diagnostics::style_error(err, source.as_deref());
        state.error = Some((key, uri, vec![diagnostic]));
    }
    if let Some((key, uri, _)) = cleared
        && state.error.as_ref().is_none_or(|(k, _, _)| *k != key)
    {
        session.send(Outgoing::Publish {
            key,
            uri,
            diagnostics: Arc::default(),
        });
    }
    let mut style = style;
    config::layer(&mut style, &state.settings);
    drop(state);
    if announce {
        announce_error(session);
    }
    watchers::follow_house_style(session);
    session.install_style(style);
}

/// Shows the house style error, if there is one: a diagnostic in the file and a message.
pub fn announce_error(session: &Session) {
    let state = lock(&session.config);
    let Some((key, uri, diagnostics)) = &state.error else {
        return;
    };
    let message = diagnostics
        .first()
        .map_or_else(String::new, |d| d.message.clone());
    session.send(Outgoing::Publish {
        key: key.clone(),
        uri: uri.clone(),
        diagnostics: Arc::new(diagnostics.clone()),
    });
    let path = uri
        .to_file_path()
        .map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string());
    session.send(Outgoing::Show(
        MessageType::ERROR,
        format!("copydesk: {path}: {message}"),
    ));
}

/// Adds `spelling` to `[names] preferred` in the house style file in use (creating
/// `copydesk.toml` at the workspace root if there is none), then reloads the style.
pub fn add_preferred(session: &Session, spelling: &str) -> Result<PathBuf, String> {
    let active = lock(&session.config).active.clone();
    let path = match active {
        Some(path) => path,
        None => config::default_path(
            &session
                .style_root()
                .ok_or("there is no workspace folder to hold copydesk.toml")?,
        ),
    };
    let source = match std::fs::read_to_string(&path) {
        Ok(source) => source,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let edited = config::add_preferred(&source, spelling)
        .map_err(|e| format!("cannot edit {}: {e}", path.display()))?;
    if let Some(edited) = edited {
        std::fs::write(&path, edited)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        tracing::info!(path = %path.display(), spelling, "added to the house style");
    }
    reload(session, true);
    Ok(path)
}
