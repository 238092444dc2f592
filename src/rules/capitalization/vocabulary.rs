//! The distinct words of the copy, each numbered once.
//!
//! Each spelling of a story is looked up here, so the table is made for short words: a word
//! of up to 16 bytes is a [`Key`] in [`KeyNumbers`], compared in two comparisons; longer
//! words go to an ordinary map. An ASCII word is lowercased in those machine words without being
//! copied out (`Putin` is numbered as `putin`).

use std::borrow::Cow;

use rustc_hash::FxHashMap;

pub(crate) use crate::text::key::Key;
use crate::text::key::KeyNumbers;

/// The distinct words, numbered from 0 in the order first seen.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary<'t> {
    /// The short words' ids; a long word's id has no key there.
    ids: KeyNumbers,
    /// Each id's word.
    words: Vec<Cow<'t, str>>,
    long: FxHashMap<Cow<'t, str>, u32>,
}

impl<'t> Vocabulary<'t> {
    /// Room for about `distinct` words. The table itself starts at an eighth of the size
    /// that holds them and doubles as it fills: on a fresh page the system's fault costs
    /// more than growing the table (a story estimated at 1,100 distinct words may use a
    /// hundred).
    pub fn with_capacity(distinct: usize) -> Self {
        Vocabulary {
            ids: KeyNumbers::with_capacity(distinct * 2 / 8, distinct),
            words: Vec::with_capacity(distinct),
            long: FxHashMap::default(),
        }
    }

    /// The word numbered `id`.
    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }

    /// The id of `word`, if it has one.
    pub fn get(&self, word: &str) -> Option<u32> {
        match Key::of(word) {
            Some(key) => self.ids.get(key),
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
        let (id, new) = self.ids.number(key);
        if new {
            self.words.push(word());
        }
        id
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
        let id = self.ids.push_unkeyed();
        self.words.push(word.clone());
        self.long.insert(word, id);
        id
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
