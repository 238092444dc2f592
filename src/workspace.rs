//! Name mentions across the documents checked together.
//!
//! "Zelensky" in one story and "Zelenskyy" in another are one desk's two spellings of one
//! name. The CLI feeds this index with every file it was given; the language server with the
//! open documents and the workspace's files. The `name-consistency` rule reads it to decide
//! which spelling wins and where the other spellings stand.

use std::collections::HashMap;
use std::sync::Arc;

use crate::document::Document;
use crate::rules::name_consistency::{self, Mentions};
use crate::style::HouseStyle;

/// The name mentions of every document, by the key the adapter gave it.
#[derive(Debug, Default)]
pub struct NameIndex {
    docs: HashMap<Arc<str>, Mentions>,
}

impl NameIndex {
    pub fn new() -> Self {
        NameIndex::default()
    }

    /// Records (or replaces) the mentions of the document with `key`.
    pub fn update(&mut self, key: &str, doc: &Document<'_>, style: &HouseStyle) {
        let mentions = name_consistency::mentions(doc, style);
        match self.docs.get_mut(key) {
            Some(slot) => *slot = mentions,
            None => {
                self.docs.insert(Arc::from(key), mentions);
            }
        }
    }

    /// Forgets a document. Returns whether it was known.
    pub fn remove(&mut self, key: &str) -> bool {
        self.docs.remove(key).is_some()
    }

    pub fn contains(&self, key: &str) -> bool {
        self.docs.contains_key(key)
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Every document's key and mentions, in no particular order.
    pub fn documents(&self) -> impl Iterator<Item = (&Arc<str>, &Mentions)> {
        self.docs.iter()
    }

    /// The mentions of one document.
    pub fn mentions(&self, key: &str) -> Option<&Mentions> {
        self.docs.get(key)
    }
}
