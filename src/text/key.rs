//! A short word as a value: its bytes in two machine words and its length, read straight
//! from the text, compared in two comparisons and hashed in a few operations. The tables that
//! number a document's words (its spellings, capitalization's vocabulary) are built on it.

/// A short word's bytes, zero-padded, and its length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    /// The bytes, zero-padded, as two little-endian machine words.
    pub bytes: [u64; 2],
    /// The length in bytes.
    pub len: u32,
}

/// The longest word held in a [`Key`].
const KEY_BYTES: usize = 16;

impl Key {
    /// A key no word has.
    pub const NONE: Key = Key {
        bytes: [0; 2],
        len: u32::MAX,
    };

    /// The key of `word`, when it is short enough.
    #[inline]
    pub fn of(word: &str) -> Option<Key> {
        let len = word.len();
        if len > KEY_BYTES {
            return None;
        }
        let mut bytes = [0u8; KEY_BYTES];
        bytes[..len].copy_from_slice(word.as_bytes());
        let (low, high) = bytes.split_at(8);
        let eight = |half: &[u8]| u64::from_le_bytes(half.try_into().unwrap_or([0; 8]));
        Some(Key {
            bytes: [eight(low), eight(high)],
            len: len as u32,
        })
    }

    /// The key of the `len` bytes of `text` from `start` (a word of the text), when short
    /// enough: read eight bytes at a time where the text goes on far enough.
    #[inline(always)]
    pub fn at(text: &str, start: usize, len: usize) -> Option<Key> {
        let bytes = text.as_bytes();
        // Most words: one to eight bytes, one read.
        if (1..=8).contains(&len)
            && let Some(&eight) = bytes.get(start..).and_then(|b| b.first_chunk::<8>())
        {
            return Some(Key {
                bytes: [u64::from_le_bytes(eight) & (u64::MAX >> (64 - 8 * len)), 0],
                len: len as u32,
            });
        }
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

    /// A hash of the key, best in its top half.
    #[inline]
    pub fn hash(self) -> u64 {
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

/// Keys numbered from 0 in the order first seen, in an open-addressed table: the shared
/// mechanism of the document's spelling numbers and capitalization's vocabulary. A slot is
/// eight bytes (the top half of the key's hash and its number) and the keys stand apart, by
/// number, so that the table stays in the caches and the frequent words, numbered first, do
/// too. A number may also be given to something that has no key (a long word kept
/// elsewhere): [`KeyNumbers::push_unkeyed`].
#[derive(Debug)]
pub(crate) struct KeyNumbers {
    /// A power of two long, at most half full.
    slots: Vec<Slot>,
    /// Each number's key; [`Key::NONE`] for a number given without one.
    keys: Vec<Key>,
    /// How many numbers have a key.
    keyed: usize,
}

impl Default for KeyNumbers {
    /// The smallest table, never empty: a look-up always has a slot to probe.
    fn default() -> Self {
        KeyNumbers::with_capacity(0, 0)
    }
}

/// A slot of [`KeyNumbers`]: the top half of a key's hash, and its number.
#[derive(Clone, Copy, Debug)]
struct Slot {
    tag: u32,
    number: u32,
}

const EMPTY: Slot = Slot {
    tag: 0,
    number: u32::MAX,
};

impl KeyNumbers {
    /// A table of `slots` slots (rounded up to a power of two, at least 64), with room for
    /// `numbers` numbers. It doubles as it fills; a table larger than needed costs a fault
    /// for each fresh page it touches.
    pub fn with_capacity(slots: usize, numbers: usize) -> Self {
        KeyNumbers {
            slots: vec![EMPTY; slots.clamp(64, 1 << 26).next_power_of_two()],
            keys: Vec::with_capacity(numbers),
            keyed: 0,
        }
    }

    /// How many numbers have been given.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// The number of `key`, if it has one.
    #[inline]
    pub fn get(&self, key: Key) -> Option<u32> {
        self.find(key).ok()
    }

    /// The number of `key`, and whether it is new (the next number, given now).
    #[inline(always)]
    pub fn number(&mut self, key: Key) -> (u32, bool) {
        let at = match self.find(key) {
            Ok(number) => return (number, false),
            Err(at) => at,
        };
        let number = self.push(key);
        self.slots[at] = Slot {
            tag: tag(key),
            number,
        };
        self.keyed += 1;
        if self.keyed * 2 > self.slots.len() {
            self.grow();
        }
        (number, true)
    }

    /// The next number, for something without a key.
    pub fn push_unkeyed(&mut self) -> u32 {
        self.push(Key::NONE)
    }

    fn push(&mut self, key: Key) -> u32 {
        self.keys.push(key);
        (self.keys.len() - 1) as u32
    }

    /// The number of `key`, or the empty slot where it would go.
    #[inline(always)]
    fn find(&self, key: Key) -> Result<u32, usize> {
        let tag = tag(key);
        let mask = self.slots.len() - 1;
        let mut at = tag as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot.number == u32::MAX {
                return Err(at);
            }
            if slot.tag == tag && self.keys[slot.number as usize] == key {
                return Ok(slot.number);
            }
            at = (at + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        for slot in old.into_iter().filter(|s| s.number != u32::MAX) {
            let mut at = slot.tag as usize & (size - 1);
            while self.slots[at].number != u32::MAX {
                at = (at + 1) & (size - 1);
            }
            self.slots[at] = slot;
        }
    }
}

/// The top half of a key's hash.
#[inline]
fn tag(key: Key) -> u32 {
    (key.hash() >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn keys_are_numbered_once_in_the_order_first_seen() {
        let mut numbers = KeyNumbers::with_capacity(0, 0);
        let words: Vec<String> = (0..300).map(|n| format!("w{n}")).collect();
        // A number given without a key after the 101st word takes the next one.
        let expected = |n: usize| (n + usize::from(n > 100)) as u32;
        for (n, word) in words.iter().enumerate() {
            let key = Key::of(word).expect("short");
            assert_eq!(numbers.number(key), (expected(n), true), "{word}");
            if n == 100 {
                assert_eq!(numbers.push_unkeyed(), 101);
            }
        }
        for (n, word) in words.iter().enumerate() {
            let key = Key::of(word).expect("short");
            assert_eq!(numbers.number(key), (expected(n), false), "{word}");
            assert_eq!(numbers.get(key), Some(expected(n)));
        }
        assert_eq!(numbers.len(), 301);
        assert_eq!(numbers.get(Key::of("w300").expect("short")), None);
    }
}
