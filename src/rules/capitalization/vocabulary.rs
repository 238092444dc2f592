//! The distinct words of the copy, each numbered once.
//!
//! Every word of a story is looked up here, so the table is made for short words: a word of
//! up to 16 bytes is held in two machine words and compared in two comparisons; longer words
//! go to an ordinary map. An ASCII word is lowercased in those machine words without being
//! copied out (`Putin` is numbered as `putin`).

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::rules::capitalization::word_table::padded;

/// A short word's bytes, zero-padded, and its length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    bytes: [u64; 2],
    len: u32,
}

/// The longest word held in a [`Key`].
const KEY_BYTES: usize = 16;

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

impl Key {
    /// The key of `word`, when it is short enough.
    #[inline]
    pub fn of(word: &str) -> Option<Key> {
        Some(Key {
            bytes: padded(word.as_bytes())?,
            len: word.len() as u32,
        })
    }

    /// The key of the `len` bytes of `text` from `start` (a word of the text), when short
    /// enough: read eight bytes at a time where the text goes on far enough.
    #[inline(always)]
    pub fn at(text: &str, start: usize, len: usize) -> Option<Key> {
        let bytes = text.as_bytes();
        if len > KEY_BYTES {
            return None;
        }
        let Some(sixteen) = bytes.get(start..start + KEY_BYTES) else {
            return Key::of(text.get(start..start + len)?);
        };
        let eight = |from: usize| {
            let mut word = [0u8; 8];
            word.copy_from_slice(&sixteen[from..from + 8]);
            u64::from_le_bytes(word)
        };
        // The bits of the first `n` bytes (of eight).
        let mask = |n: usize| u64::MAX.checked_shr(64 - 8 * n.min(8) as u32).unwrap_or(0);
        Some(Key {
            bytes: [eight(0) & mask(len), eight(8) & mask(len.saturating_sub(8))],
            len: len as u32,
        })
    }

    /// The key with ASCII capitals in lowercase (the key of an ASCII word in lowercase).
    #[inline]
    pub fn ascii_lowercase(self) -> Key {
        const ONES: u64 = 0x0101_0101_0101_0101;
        let lower = |x: u64| {
            // Per byte below 0x80: the top bit of `b + 0x3f` is set from `A` on, that of
            // `b + 0x25` from past `Z` on; no sum carries into the next byte.
            let heptets = x & (0x7f * ONES);
            let from_a = heptets + (0x80 - u64::from(b'A')) * ONES;
            let past_z = heptets + (0x7f - u64::from(b'Z')) * ONES;
            let capitals = from_a & !past_z & !x & (0x80 * ONES);
            x | (capitals >> 2)
        };
        Key {
            bytes: self.bytes.map(lower),
            len: self.len,
        }
    }

    fn hash(self) -> u64 {
        (self.bytes[0] ^ self.bytes[1].rotate_left(29) ^ self.len as u64)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    /// The word the key holds (valid UTF-8 when the key was made of a `str`).
    pub fn text(self) -> String {
        let [low, high] = self.bytes.map(u64::to_le_bytes);
        let mut bytes = [0u8; KEY_BYTES];
        bytes[..8].copy_from_slice(&low);
        bytes[8..].copy_from_slice(&high);
        let len = (self.len as usize).min(KEY_BYTES);
        String::from_utf8_lossy(&bytes[..len]).into_owned()
    }
}

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

    #[test]
    fn keys_read_from_the_text() {
        let text = "Putin met the well-connected-ministers here, and left.";
        for (start, len) in [
            (0, 5),
            (6, 3),
            (14, 16),
            (14, 17),
            (47, 5),
            (53, 1),
            (54, 0),
        ] {
            let word = &text[start..start + len];
            assert_eq!(Key::at(text, start, len), Key::of(word), "{word}");
        }
    }

    #[test]
    fn ascii_keys_lowercase_in_place() {
        for word in [
            "Putin",
            "McCARTHY-Smith's",
            "@[`z{AZ",
            "",
            "0123456789ABCDEF",
        ] {
            let key = Key::of(word).expect("short").ascii_lowercase();
            assert_eq!(Some(key), Key::of(&word.to_ascii_lowercase()), "{word}");
            assert_eq!(key.text(), word.to_ascii_lowercase());
        }
    }
}
