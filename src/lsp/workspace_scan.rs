//! The workspace's stories on disk: found at start (in the background, with progress) and
//! kept current through file watching, so a name spelt one way in an open story and another
//! way in a story nobody has open is still caught.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types::{FileChangeType, FileEvent, NumberOrString};

use crate::document::{Document, Format};
use crate::lsp::documents::{Key, key_of_path, uri_of};
use crate::lsp::house_style;
use crate::lsp::queue::Reason;
use crate::lsp::session::{Session, lock};

/// Files larger than this are not stories (and would cost memory for nothing).
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// A workspace with more story files than this is indexed only this far.
pub const MAX_FILES: usize = 20_000;

/// Folders that never hold copy: build output, dependencies, version control.
const SKIPPED_DIRS: [&str; 4] = ["target", "node_modules", ".git", "__pycache__"];

/// True for a folder the scan does not enter: hidden ones and [`SKIPPED_DIRS`].
pub fn is_skipped_dir(name: &str) -> bool {
    name.starts_with('.') || SKIPPED_DIRS.contains(&name)
}

/// True when `path` is a story the scan would index: a Markdown or text file under one of
/// `roots`, in no skipped folder.
pub fn is_story(path: &Path, roots: &[PathBuf]) -> bool {
    if Format::from_path(path).is_none() {
        return false;
    }
    roots.iter().any(|root| {
        path.strip_prefix(root).is_ok_and(|rel| {
            let mut parts: Vec<_> = rel.components().collect();
            parts.pop();
            !parts
                .iter()
                .any(|c| c.as_os_str().to_str().is_none_or(is_skipped_dir))
        })
    })
}

/// Every story file under `roots`, up to [`MAX_FILES`], in a stable order.
pub fn story_files(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = roots.to_vec();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            tracing::debug!(dir = %dir.display(), "cannot read folder; skipped");
            continue;
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            let name = entry.file_name();
            // Symbolic links are not followed: they can loop.
            if kind.is_dir() {
                if name.to_str().is_some_and(|n| !is_skipped_dir(n)) {
                    stack.push(path);
                }
            } else if kind.is_file() && Format::from_path(&path).is_some() {
                out.push(path);
                if out.len() >= MAX_FILES {
                    tracing::warn!(
                        max = MAX_FILES,
                        "workspace has too many story files; the rest are not indexed"
                    );
                    return out;
                }
            }
        }
    }
    out
}

/// Reads a story file: `None` when it is too large, unreadable or not UTF-8.
pub fn read_story(path: &Path) -> Option<(String, Format)> {
    let format = Format::from_path(path)?;
    let size = std::fs::metadata(path).ok()?.len();
    if size > MAX_FILE_BYTES {
        tracing::info!(path = %path.display(), size, "story file too large to index; skipped");
        return None;
    }
    match std::fs::read_to_string(path) {
        Ok(text) => Some((text, format)),
        Err(e) => {
            tracing::debug!(path = %path.display(), "cannot read story file: {e}");
            None
        }
    }
}

/// Files indexed per step of the scan (one progress report each).
const SCAN_STEP: usize = 64;

/// Indexes every story of the workspace folders, reporting progress if the client shows it,
/// then checks the open documents again (their names now have company).
pub async fn scan(session: Arc<Session>) {
    let roots = session.roots();
    if roots.is_empty() {
        return;
    }
    let client = session.client.clone();
    let progress = if session.support().progress {
        let token = NumberOrString::String("copydesk/scan".into());
        match client.create_work_done_progress(token.clone()).await {
            Ok(()) => Some(
                client
                    .progress(token, "copydesk")
                    .with_message("Indexing stories")
                    .with_percentage(0)
                    .begin()
                    .await,
            ),
            Err(e) => {
                tracing::debug!("no progress: {e}");
                None
            }
        }
    } else {
        None
    };
    let found = tokio::task::spawn_blocking(move || story_files(&roots))
        .await
        .unwrap_or_default();
    let total = found.len();
    let mut done = 0;
    for step in found.chunks(SCAN_STEP) {
        let step = step.to_vec();
        let indexer = session.clone();
        if tokio::task::spawn_blocking(move || index_files(&indexer, &step))
            .await
            .is_err()
        {
            tracing::error!("indexing story files failed");
        }
        done += SCAN_STEP.min(total - done);
        if let Some(progress) = &progress {
            let percent = u32::try_from(done * 100 / total.max(1)).unwrap_or(100);
            progress
                .report_with_message(format!("{done}/{}", stories(total)), percent)
                .await;
        }
    }
    if let Some(progress) = progress {
        progress
            .finish_with_message(format!("{} indexed", stories(total)))
            .await;
    }
    tracing::info!(total, "workspace indexed");
    session.recheck_open(Reason::Refresh);
}

fn stories(n: usize) -> String {
    if n == 1 {
        "1 story".into()
    } else {
        format!("{n} stories")
    }
}

/// Reads story files into the session and the name index. An open document keeps its
/// buffer in the index; the file is kept for when it closes. Returns the documents that
/// shared a name with a file whose mentions changed.
pub fn index_files(session: &Session, paths: &[PathBuf]) -> Vec<Key> {
    let style = session.style();
    let generation = session.generation();
    let mut changed = Vec::new();
    for path in paths {
        let Some(key) = key_of_path(path) else {
            continue;
        };
        let Some((text, format)) = read_story(path) else {
            changed.extend(forget_file(session, &key));
            continue;
        };
        session.docs.set_file(key.clone(), &text, format);
        if !session.docs.is_open(&key) {
            let doc = Document::new(&text, format);
            changed.extend(session.index(&key, &doc, &style, None, generation, None));
        }
    }
    changed
}

/// Forgets the files that are no longer under a workspace folder.
pub fn forget_outside_roots(session: &Session) {
    let roots = session.roots();
    let mut changed = Vec::new();
    for key in session.docs.file_keys() {
        let inside = uri_of(&key)
            .and_then(|uri| uri.to_file_path().map(|p| is_story(&p, &roots)))
            .unwrap_or(false);
        if !inside {
            changed.extend(forget_file(session, &key));
        }
    }
    session.recheck_dependents(changed);
}

fn forget_file(session: &Session, key: &str) -> Vec<Key> {
    if session.docs.remove_file(key) && !session.docs.is_open(key) {
        session.unindex(key)
    } else {
        Vec::new()
    }
}

/// Follows the client's file events: the house style file reloads the style; story files
/// are read again or forgotten, and open documents are checked again if names changed.
pub fn files_changed(session: &Session, events: &[FileEvent]) {
    let roots = session.roots();
    let active = lock(&session.config).active.clone();
    let mut reload = false;
    let mut changed = Vec::new();
    for event in events {
        let Some(path) = event.uri.to_file_path().map(|p| p.into_owned()) else {
            continue;
        };
        if path
            .file_name()
            .is_some_and(|n| n == crate::style::FILE_NAME)
            || active.as_ref() == Some(&path)
        {
            reload = true;
            continue;
        }
        if !is_story(&path, &roots) {
            continue;
        }
        if event.typ == FileChangeType::DELETED {
            if let Some(key) = key_of_path(&path) {
                changed.extend(forget_file(session, &key));
            }
        } else {
            changed.extend(index_files(session, std::slice::from_ref(&path)));
        }
    }
    if reload {
        house_style::reload(session, true);
    } else {
        session.recheck_dependents(changed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_stories_and_skips_what_is_not_copy() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        for (path, text) in [
            ("a.md", "A"),
            ("desk/b.txt", "B"),
            ("desk/notes.rs", "not copy"),
            ("target/c.md", "build output"),
            ("node_modules/d.md", "dependency"),
            (".git/e.md", "vcs"),
            (".drafts/f.md", "hidden"),
        ] {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        let roots = vec![root.to_path_buf()];
        let mut found: Vec<_> = story_files(&roots)
            .into_iter()
            .map(|p| p.strip_prefix(root).expect("under root").to_path_buf())
            .collect();
        found.sort();
        assert_eq!(found, [PathBuf::from("a.md"), PathBuf::from("desk/b.txt")]);
        assert!(is_story(&root.join("desk/b.txt"), &roots));
        assert!(!is_story(&root.join("target/c.md"), &roots));
        assert!(!is_story(Path::new("/elsewhere/x.md"), &roots));
        assert_eq!(
            read_story(&root.join("a.md")).map(|(t, _)| t).as_deref(),
            Some("A")
        );
    }
}
