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
use std::collections::hash_map::Entry;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use crate::document::Document;
use crate::memo::Memo;
use crate::rules::name_consistency::{self, Group, HashMapU64, Mentions, Prehashed};
use crate::style::HouseStyle;

/// The name mentions of every document, by the key the adapter gave it.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// Each document's key and mentions; a removed document leaves its slot free.
    slots: Vec<Option<(Arc<str>, Mentions)>>,
    free: Vec<u32>,
    by_key: HashMap<Arc<str>, u32, BuildHasherDefault<Prehashed>>,
    /// For each group key (already a hash), the documents with a spelling filed under it,
    /// ordered by document key.
    holders: HashMapU64<Holders>,
}

/// A document holding a key: its slot, and where the key's group stands in its mentions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Holder {
    slot: u32,
    group: u32,
}

/// The documents holding one key: most keys are held by one document, and need no vector of
/// their own.
#[derive(Debug)]
enum Holders {
    One([Holder; 1]),
    Many(Vec<Holder>),
}

impl Holders {
    fn all(&self) -> &[Holder] {
        match self {
            Holders::One(one) => one,
            Holders::Many(many) => many,
        }
    }
}

impl NameIndex {
    pub fn new() -> Self {
        NameIndex::default()
    }

    /// Records (or replaces) the mentions of the document with `key`. Mentions depend on the
    /// house style (its families and ignored words): when the style changes, update every
    /// document again.
    pub fn update(&mut self, key: &str, doc: &Document<'_>, style: &HouseStyle) {
        self.insert(key, NameIndex::read(doc, style));
    }

    /// The mentions of one document, found without the index: documents can be read on
    /// several threads, then filed one by one with [`NameIndex::insert`].
    pub fn read(doc: &Document<'_>, style: &HouseStyle) -> Mentions {
        name_consistency::mentions(doc, style, None)
    }

    /// [`NameIndex::read`] of a document read before with the same `memo` (see
    /// [`check_document_again`](crate::check_document_again)): only the lines that changed
    /// since are read again. The mentions are the same as without the memo.
    pub fn read_again(doc: &Document<'_>, style: &HouseStyle, memo: &Memo) -> Mentions {
        name_consistency::mentions(doc, style, Some(memo))
    }

    /// Records (or replaces) mentions found earlier.
    pub fn insert(&mut self, key: &str, mentions: Mentions) {
        self.remove(key);
        let key: Arc<str> = Arc::from(key);
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.slots.push(None);
                (self.slots.len() - 1) as u32
            }
        };
        let slots = &self.slots;
        let key_of = |s: u32| slots[s as usize].as_ref().map(|(k, _)| &**k);
        for (group, key_hash) in mentions.keys().enumerate() {
            let holder = Holder {
                slot,
                group: group as u32,
            };
            let holders = match self.holders.entry(key_hash) {
                Entry::Vacant(vacant) => {
                    vacant.insert(Holders::One([holder]));
                    continue;
                }
                Entry::Occupied(occupied) => occupied.into_mut(),
            };
            let at = holders
                .all()
                .partition_point(|h| key_of(h.slot) < Some(&*key));
            match holders {
                Holders::One([one]) => {
                    let mut many = vec![*one];
                    many.insert(at, holder);
                    *holders = Holders::Many(many);
                }
                Holders::Many(many) => many.insert(at, holder),
            }
        }
        self.by_key.insert(key.clone(), slot);
        self.slots[slot as usize] = Some((key, mentions));
    }

    /// Forgets a document. Returns whether it was known.
    pub fn remove(&mut self, key: &str) -> bool {
        let Some(slot) = self.by_key.remove(key) else {
            return false;
        };
        let Some((_, old)) = self.slots[slot as usize].take() else {
            return false;
        };
        for group in old.keys() {
            let Some(holders) = self.holders.get_mut(&group) else {
                continue;
            };
            let gone = match holders {
                Holders::One([one]) => one.slot == slot,
                Holders::Many(many) => {
                    many.retain(|h| h.slot != slot);
                    many.is_empty()
                }
            };
            if gone {
                self.holders.remove(&group);
            }
        }
        self.free.push(slot);
        true
    }

    pub fn contains(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// Every document's key and mentions, in no particular order.
    pub fn documents(&self) -> impl Iterator<Item = (&Arc<str>, &Mentions)> {
        self.slots.iter().flatten().map(|(k, m)| (k, m))
    }

    /// The mentions of one document.
    pub fn mentions(&self, key: &str) -> Option<&Mentions> {
        let slot = *self.by_key.get(key)?;
        self.slots[slot as usize].as_ref().map(|(_, m)| m)
    }

    /// How many documents have a spelling filed under `group`.
    pub(crate) fn holder_count(&self, group: u64) -> usize {
        self.holders.get(&group).map_or(0, |h| h.all().len())
    }

    /// The documents with a spelling filed under `group`, with their mentions and the group in
    /// them, ordered by key so that every decision comes out the same.
    pub(crate) fn holders(
        &self,
        group: u64,
    ) -> impl Iterator<Item = (&Arc<str>, &Mentions, Group<'_>)> {
        self.holders
            .get(&group)
            .map_or(&[][..], Holders::all)
            .iter()
            .filter_map(|h| {
                let (key, mentions) = self.slots[h.slot as usize].as_ref()?;
                Some((key, mentions, mentions.group_at(h.group)))
            })
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
        assert!(keys.iter().all(|&k| index.holders(k).count() == 1));
        index.update("a", &b, &style);
        assert!(keys.iter().all(|&k| index.holders(k).next().is_none()));
        index.update("a", &a, &style);
        assert!(index.remove("a"));
        assert!(!index.remove("a"));
        assert!(index.is_empty() && index.holders.is_empty());
    }
}
