//! Name mentions across the documents checked together.
//!
//! "Zelensky" in one story and "Zelenskyy" in another are one desk's two spellings of one
//! name. The CLI feeds this index with every file it was given; the language server with the
//! open documents and the workspace's files. The `name-consistency` rule reads it to decide
//! which spelling wins and where the other spellings stand.
//!
//! Each document's mentions are found once, when it changes ([`NameIndex::update`]); the
//! index also keeps, for every key a spelling is filed under, the documents that hold such a
//! spelling. Checking a document then looks only at the documents that share one of its
//! keys, and never reads their text again.

use std::collections::HashMap;
use std::sync::Arc;

use crate::document::Document;
use crate::rules::name_consistency::{self, HashMapU64, Mentions};
use crate::style::HouseStyle;

/// The name mentions of every document, by the key the adapter gave it.
#[derive(Debug, Default)]
pub struct NameIndex {
    docs: HashMap<Arc<str>, Mentions>,
    /// For each group key (already a hash), the documents with a spelling filed under it.
    holders: HashMapU64<Vec<Arc<str>>>,
}

impl NameIndex {
    pub fn new() -> Self {
        NameIndex::default()
    }

    /// Records (or replaces) the mentions of the document with `key`. Mentions depend on the
    /// house style (its families and ignored words): when the style changes, update every
    /// document again.
    pub fn update(&mut self, key: &str, doc: &Document<'_>, style: &HouseStyle) {
        let mentions = name_consistency::mentions(doc, style);
        self.insert(key, mentions);
    }

    /// Records (or replaces) mentions found earlier.
    pub fn insert(&mut self, key: &str, mentions: Mentions) {
        self.remove(key);
        let key: Arc<str> = Arc::from(key);
        for group in mentions.keys() {
            self.holders.entry(group).or_default().push(key.clone());
        }
        self.docs.insert(key, mentions);
    }

    /// Forgets a document. Returns whether it was known.
    pub fn remove(&mut self, key: &str) -> bool {
        let Some(old) = self.docs.remove(key) else {
            return false;
        };
        for group in old.keys() {
            if let Some(holders) = self.holders.get_mut(&group) {
                holders.retain(|h| &**h != key);
                if holders.is_empty() {
                    self.holders.remove(&group);
                }
            }
        }
        true
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

    /// How many documents have a spelling filed under `group`.
    pub(crate) fn holder_count(&self, group: u64) -> usize {
        self.holders.get(&group).map_or(0, Vec::len)
    }

    /// The documents with a spelling filed under `group`, with their mentions, ordered by
    /// key so that every decision comes out the same.
    pub(crate) fn holders(&self, group: u64) -> Vec<(&Arc<str>, &Mentions)> {
        let mut out: Vec<_> = self
            .holders
            .get(&group)
            .into_iter()
            .flatten()
            .filter_map(|k| Some((k, self.docs.get(k)?)))
            .collect();
        out.sort_by(|a, b| a.0.cmp(b.0));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn replacing_and_removing_a_document_drops_its_keys() {
        let style = HouseStyle::default();
        let mut index = NameIndex::new();
        let a = Document::new("Talks with Zelenskyy went on.", Format::PlainText);
        let b = Document::new("The weather was fine.", Format::PlainText);
        index.update("a", &a, &style);
        let keys: Vec<u64> = index.mentions("a").expect("a is known").keys().collect();
        assert!(!keys.is_empty());
        assert!(keys.iter().all(|&k| index.holders(k).len() == 1));
        index.update("a", &b, &style);
        assert!(keys.iter().all(|&k| index.holders(k).is_empty()));
        index.update("a", &a, &style);
        assert!(index.remove("a"));
        assert!(!index.remove("a"));
        assert!(index.is_empty() && index.holders.is_empty());
    }
}
