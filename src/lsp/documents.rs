//! The text the server knows: documents the client has open (ropes with their versions) and
//! the workspace's story files read from disk.
//!
//! Edits are applied here, synchronously, in the notification handler that carries them and
//! before that handler awaits anything: tower-lsp runs several handlers at once, and only
//! work done before the first `.await` is guaranteed to happen in wire order.
//!
//! Every document has a *key*: its URI in one canonical spelling, so that the file a client
//! opens and the same file found on disk by the workspace scan are one document. The key is
//! also the document's name in the core's `NameIndex` and in `Related::document`.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use dashmap::DashMap;
use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::document::Format;
use crate::lsp::positions::{self, Encoding, RangeCache};
use crate::memo::Memo;
use crate::style::FILE_NAME;

/// A document's canonical URI: the key of the document store and of the name index.
pub type Key = Arc<str>;

/// The canonical spelling of a URI: `file:` URIs are decoded to a path and encoded again, so
/// `file:///a%3Ab.md` and `file:///a:b.md` are one key. Other schemes are kept as sent.
pub fn key_of(uri: &Uri) -> Key {
    if uri.scheme().as_str().eq_ignore_ascii_case("file")
        && let Some(path) = uri.to_file_path()
        && let Some(canonical) = Uri::from_file_path(&path)
    {
        return Arc::from(canonical.as_str());
    }
    Arc::from(uri.as_str())
}

/// The key of a file on disk.
pub fn key_of_path(path: &Path) -> Option<Key> {
    Uri::from_file_path(path).map(|uri| Arc::from(uri.as_str()))
}

/// The URI a key stands for.
pub fn uri_of(key: &str) -> Option<Uri> {
    Uri::from_str(key).ok()
}

/// True when the document is a house style file rather than copy.
pub fn is_house_style(key: &str) -> bool {
    key.rsplit('/').next() == Some(FILE_NAME)
}

/// The format the client's language id asks for: Markdown for `markdown`, plain text for
/// everything else (the server checks whatever the client opens).
pub fn format_of_language(language_id: &str) -> Format {
    if language_id.eq_ignore_ascii_case("markdown") {
        Format::Markdown
    } else {
        Format::PlainText
    }
}

/// A document the client has open.
#[derive(Clone, Debug)]
pub struct OpenDocument {
    /// The URI as the client spelt it, for everything sent back to it.
    pub uri: Uri,
    pub key: Key,
    pub rope: Rope,
    pub version: i32,
    /// Which opening of the document this is: a close and a reopen may repeat version
    /// numbers, never this.
    pub opening: u64,
    pub format: Format,
    /// What the last check of this opening measured, for the next (see [`Memo`]).
    pub memo: Arc<Memo>,
    /// Ranges converted in this version's text for other documents' related information.
    pub ranges: Arc<RangeCache>,
}

/// A story file of the workspace, as last read from disk.
#[derive(Clone, Debug)]
pub struct StoryFile {
    pub rope: Rope,
    pub format: Format,
    pub ranges: Arc<RangeCache>,
}

/// Text to convert spans in: the rope of an open document or of a file on disk.
#[derive(Clone, Debug)]
pub struct Text {
    pub uri: Uri,
    pub rope: Rope,
    /// Ranges already converted in this text.
    pub ranges: Arc<RangeCache>,
}

#[derive(Debug, Default)]
pub struct Documents {
    open: DashMap<Key, OpenDocument>,
    files: DashMap<Key, StoryFile>,
    openings: AtomicU64,
}

impl Documents {
    pub fn open(&self, uri: Uri, text: &str, version: i32, format: Format) -> Key {
        let key = key_of(&uri);
        let doc = OpenDocument {
            uri,
            key: key.clone(),
            rope: Rope::from_str(text),
            version,
            opening: self.openings.fetch_add(1, Ordering::Relaxed),
            format,
            memo: Arc::default(),
            ranges: Arc::default(),
        };
        self.open.insert(key.clone(), doc);
        key
    }

    /// Applies the client's changes in order. Returns the key, or `None` for a document that
    /// is not open.
    pub fn change(
        &self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: Encoding,
    ) -> Option<Key> {
        let key = key_of(uri);
        let mut doc = self.open.get_mut(&key)?;
        for change in changes {
            apply_change(&mut doc.rope, change, encoding);
        }
        doc.ranges = Arc::default();
        if version <= doc.version {
            tracing::warn!(%version, known = doc.version, uri = uri.as_str(), "version did not increase");
        }
        doc.version = version;
        Some(key)
    }

    pub fn close(&self, uri: &Uri) -> Option<OpenDocument> {
        self.open.remove(&key_of(uri)).map(|(_, doc)| doc)
    }

    /// A copy of an open document: cheap, ropes share their nodes.
    pub fn snapshot(&self, key: &str) -> Option<OpenDocument> {
        self.open.get(key).map(|doc| doc.clone())
    }

    /// The size of an open document's text.
    pub fn len_bytes(&self, key: &str) -> Option<usize> {
        self.open.get(key).map(|doc| doc.rope.len_bytes())
    }

    pub fn version(&self, key: &str) -> Option<i32> {
        self.open.get(key).map(|doc| doc.version)
    }

    /// True while the document is open at this opening and version: text checked then is
    /// still its text.
    pub fn is_current(&self, key: &str, opening: u64, version: i32) -> bool {
        self.open
            .get(key)
            .is_some_and(|doc| doc.opening == opening && doc.version == version)
    }

    pub fn is_open(&self, key: &str) -> bool {
        self.open.contains_key(key)
    }

    /// How many documents there are, open or on disk (one open file counts twice).
    pub fn count(&self) -> usize {
        self.open.len() + self.files.len()
    }

    pub fn open_keys(&self) -> Vec<Key> {
        self.open.iter().map(|e| e.key().clone()).collect()
    }

    pub fn open_documents(&self) -> Vec<OpenDocument> {
        self.open.iter().map(|e| e.value().clone()).collect()
    }

    /// The text of a document: the open buffer if there is one, else the file on disk.
    pub fn text(&self, key: &str) -> Option<Text> {
        if let Some(doc) = self.open.get(key) {
            return Some(Text {
                uri: doc.uri.clone(),
                rope: doc.rope.clone(),
                ranges: doc.ranges.clone(),
            });
        }
        let file = self.files.get(key)?;
        Some(Text {
            uri: uri_of(key)?,
            rope: file.rope.clone(),
            ranges: file.ranges.clone(),
        })
    }

    pub fn set_file(&self, key: Key, text: &str, format: Format) {
        let rope = Rope::from_str(text);
        let ranges = Arc::default();
        self.files.insert(
            key,
            StoryFile {
                rope,
                format,
                ranges,
            },
        );
    }

    pub fn remove_file(&self, key: &str) -> bool {
        self.files.remove(key).is_some()
    }

    pub fn file(&self, key: &str) -> Option<StoryFile> {
        self.files.get(key).map(|f| f.clone())
    }

    pub fn file_keys(&self) -> Vec<Key> {
        self.files.iter().map(|e| e.key().clone()).collect()
    }
}

/// Applies one change: a full replacement, or a range replaced by text. Out-of-range
/// positions are clamped (see [`positions`]); a range with its ends swapped is put in order.
pub fn apply_change(rope: &mut Rope, change: &TextDocumentContentChangeEvent, encoding: Encoding) {
    let Some(range) = change.range else {
        *rope = Rope::from_str(&change.text);
        return;
    };
    let start = positions::to_char(rope, range.start, encoding);
    let end = positions::to_char(rope, range.end, encoding);
    let (start, end) = (start.min(end), start.max(end));
    if start < end {
        rope.remove(start..end);
    }
    if !change.text.is_empty() {
        rope.insert(start, &change.text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn edits_land_in_utf16_columns() {
        let mut rope = Rope::from_str("🕊️ peace .\r\nnext");
        // Delete the space before the full stop: after 🕊️ (3 units), space, "peace" (5).
        apply_change(&mut rope, &change(0, 9, 0, 10, ""), Encoding::Utf16);
        assert_eq!(rope.to_string(), "🕊️ peace.\r\nnext");
        // A range ending past the line stops before the line break.
        apply_change(&mut rope, &change(0, 10, 0, 99, "!"), Encoding::Utf16);
        assert_eq!(rope.to_string(), "🕊️ peace.!\r\nnext");
    }

    #[test]
    fn joining_a_cr_and_an_lf_makes_one_break() {
        let mut rope = Rope::from_str("a\rb");
        assert_eq!(rope.len_lines(), 2);
        apply_change(&mut rope, &change(1, 0, 1, 0, "\n"), Encoding::Utf16);
        assert_eq!(rope.to_string(), "a\r\nb");
        assert_eq!(rope.len_lines(), 2);
        apply_change(&mut rope, &change(0, 1, 1, 0, "\rX\n"), Encoding::Utf16);
        assert_eq!(rope.to_string(), "a\rX\nb");
        assert_eq!(rope.len_lines(), 3);
    }

    #[test]
    fn a_new_text_starts_a_new_range_cache() {
        let docs = Documents::default();
        let uri = Uri::from_str("file:///w/a.md").expect("uri");
        let key = docs.open(uri.clone(), "Kyiv", 1, Format::Markdown);
        let ranges = |docs: &Documents, key: &str| docs.text(key).expect("text").ranges;
        let first = ranges(&docs, &key);
        assert!(
            Arc::ptr_eq(&first, &ranges(&docs, &key)),
            "same text, same cache"
        );
        docs.change(&uri, 2, &[change(0, 0, 0, 0, "In ")], Encoding::Utf16);
        assert!(
            !Arc::ptr_eq(&first, &ranges(&docs, &key)),
            "an edit drops it"
        );
        let file: Key = Arc::from("file:///w/b.md");
        docs.set_file(file.clone(), "Kiev", Format::Markdown);
        let before = ranges(&docs, &file);
        docs.set_file(file.clone(), "Kiev", Format::Markdown);
        assert!(
            !Arc::ptr_eq(&before, &ranges(&docs, &file)),
            "a file read again drops it"
        );
    }

    #[test]
    fn keys_are_canonical() {
        let a = Uri::from_str("file:///tmp/a%3Ab.md").expect("uri");
        let b = Uri::from_str("file:///tmp/a:b.md").expect("uri");
        assert_eq!(key_of(&a), key_of(&b));
        let untitled = Uri::from_str("untitled:Untitled-1").expect("uri");
        assert_eq!(&*key_of(&untitled), "untitled:Untitled-1");
        assert!(is_house_style("file:///w/copydesk.toml"));
        assert!(!is_house_style("file:///w/story.md"));
    }
}
