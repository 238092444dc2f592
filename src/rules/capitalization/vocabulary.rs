//! The distinct words of the copy, each numbered once.
//!
//! Every word of a story is looked up here, so the table is made for short words: a word of
//! up to 16 bytes is held in two machine words and compared in two comparisons; longer words
//! go to an ordinary map. An ASCII word is lowercased in those machine words without being
//! copied out (`Putin` is numbered as `putin`).

use std::borrow::Cow;

use rustc_hash::FxHashMap;

pub(crate) use crate::text::key::Key;

/// A slot of the table: a short word's key and id, in 24 bytes (a key and an id side by side
/// would take 32, with padding).
#[derive(Clone, Copy, Debug)]
struct Slot {
    bytes: [u64; 2],
    len: u32,
    id: u32,
}

impl Slot {
    fn key(self) -> Key {
        Key {
            bytes: self.bytes,
            len: self.len,
        }
    }

    #[inline(always)]
    fn holds(&self, key: Key) -> bool {
        self.bytes == key.bytes && self.len == key.len
    }
}

const _: () = assert!(std::mem::size_of::<Slot>() == 24);

/// An empty slot.
const EMPTY: Slot = Slot {
    bytes: [0; 2],
    len: u32::MAX,
    id: u32::MAX,
};

/// The distinct words, numbered from 0 in the order first seen.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary<'t> {
    /// The short words with their ids, the key in the slot so that a look-up reads one
    /// place. A power of two long, at most half full.
    slots: Vec<Slot>,
    /// How many short words the slots hold.
    short: usize,
    /// Each id's word.
    words: Vec<Cow<'t, str>>,
    long: FxHashMap<Cow<'t, str>, u32>,
}

impl<'t> Vocabulary<'t> {
    /// Room for about `distinct` words. The table itself starts at an eighth of the size
    /// that holds them and doubles as it fills: clearing a table touches every page of it,
    /// and on a fresh page the system's fault costs more than growing the table (a story
    /// estimated at 1,100 distinct words may use a hundred).
    pub fn with_capacity(distinct: usize) -> Self {
        let size = (distinct.max(64) * 2).next_power_of_two() / 8;
        Vocabulary {
            slots: vec![EMPTY; size],
            words: Vec::with_capacity(distinct),
            ..Vocabulary::default()
        }
    }

    /// The word numbered `id`.
    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }

    /// The id of `word`, if it has one.
    pub fn get(&self, word: &str) -> Option<u32> {
        match Key::of(word) {
            Some(key) => self.find(key).ok(),
            None => self.long.get(word).copied(),
        }
    }

    /// The id of a word as it stands in the text, numbering it if new.
    pub fn id_of(&mut self, word: &'t str) -> u32 {
        match Key::of(word) {
            Some(key) => self.id_of_key(key, || Cow::Borrowed(word)),
            None => self.id_of_long(Cow::Borrowed(word)),
        }
    }

    /// The id of a word held by `key` (an ASCII word's [`Key::ascii_lowercase`]), numbering
    /// it if new.
    #[inline]
    pub fn id_of_key(&mut self, key: Key, word: impl FnOnce() -> Cow<'t, str>) -> u32 {
        match self.find(key) {
            Ok(id) => id,
            Err(slot) => {
                let id = self.push(word());
                self.slots[slot] = Slot {
                    bytes: key.bytes,
                    len: key.len,
                    id,
                };
                self.short += 1;
                if self.short * 2 > self.slots.len() {
                    self.grow();
                }
                id
            }
        }
    }

    /// The id of any word, numbering it if new.
    pub fn id_of_string(&mut self, word: &str) -> u32 {
        match Key::of(word) {
            Some(key) => self.id_of_key(key, || Cow::Owned(word.to_string())),
            None => match self.long.get(word) {
                Some(&id) => id,
                None => self.id_of_long(Cow::Owned(word.to_string())),
            },
        }
    }

    fn id_of_long(&mut self, word: Cow<'t, str>) -> u32 {
        if let Some(&id) = self.long.get(word.as_ref()) {
            return id;
        }
        let id = self.push(word.clone());
        self.long.insert(word, id);
        id
    }

    fn push(&mut self, word: Cow<'t, str>) -> u32 {
        let id = self.words.len() as u32;
        self.words.push(word);
        id
    }

    /// The id of `key`, or the empty slot where it would go.
    #[inline(always)]
    fn find(&self, key: Key) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut at = (key.hash() >> 32) as usize & mask;
        loop {
            let slot = &self.slots[at];
            if slot.holds(key) {
                return Ok(slot.id);
            }
            if slot.id == u32::MAX {
                return Err(at);
            }
            at = (at + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        for slot in old.into_iter().filter(|s| s.id != u32::MAX) {
            let mut at = (slot.key().hash() >> 32) as usize & (size - 1);
            while self.slots[at].id != u32::MAX {
                at = (at + 1) & (size - 1);
            }
            self.slots[at] = slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_numbered_once() {
        let mut vocabulary = Vocabulary::with_capacity(4);
        let words: Vec<String> = (0..300).map(|n| format!("w{n}")).collect();
        for (n, word) in words.iter().enumerate() {
            assert_eq!(vocabulary.id_of(word), n as u32);
        }
        for (n, word) in words.iter().enumerate() {
            assert_eq!(vocabulary.id_of(word), n as u32);
            assert_eq!(vocabulary.get(word), Some(n as u32));
        }
        let long = "a-word-of-more-than-sixteen-bytes";
        assert_eq!(vocabulary.id_of(long), 300);
        assert_eq!(vocabulary.id_of_string(long), 300);
        assert_eq!(vocabulary.word(300), long);
        assert_eq!(vocabulary.get("w300"), None);
    }
}
