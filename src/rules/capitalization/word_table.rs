//! A set of words as an open-addressing hash table, built at compile time (`build.rs` includes
//! this file) so that a process never pays for loading it.
//!
//! Each slot is sixteen bytes, two little-endian `u64`s. A word of up to
//! [`IN_SLOT`] bytes is held in its slot itself, as its [`padded`] bytes with its length in
//! the top byte: a look-up touches one slot and nothing else, which matters to an editor,
//! whose checks run every keystroke with caches gone cold. A longer word's slot holds its byte
//! offset in the list and [`LONG`] with its length. All zeros mark an empty slot.

/// Bytes in a slot.
pub const SLOT_BYTES: usize = 16;

/// The longest word a slot holds itself.
pub const IN_SLOT: usize = 15;

/// The top byte of a slot that points into the list.
const LONG: u64 = 0xff;

/// The slot of an entry standing at byte `at` of the list.
pub fn slot(word: &[u8], at: usize) -> [u64; 2] {
    match padded(word) {
        Some([low, high]) if word.len() <= IN_SLOT => [low, high | (word.len() as u64) << 56],
        _ => [at as u64, LONG << 56 | word.len() as u64],
    }
}

const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// The hash of a word's bytes: of a short word's [`padded`] bytes, or of a longer word's
/// eight bytes at a time; then a final mix (from MurmurHash3's `fmix64`). (`build.rs` hashes
/// the entries with it; [`Table::contains`] hashes as it does.)
#[allow(dead_code)]
pub fn hash(word: &[u8]) -> u64 {
    match padded(word) {
        Some(short) => hash_short(short, word.len()),
        None => hash_long(word),
    }
}

/// The hash of a word of up to sixteen bytes, [`padded`].
#[inline]
fn hash_short([low, high]: [u64; 2], len: usize) -> u64 {
    let h = (low.wrapping_add(len as u64).wrapping_mul(K).rotate_left(29) ^ high).wrapping_mul(K);
    mix(h)
}

fn hash_long(word: &[u8]) -> u64 {
    let mut h = word.len() as u64;
    let mut chunks = word.chunks_exact(8);
    for chunk in &mut chunks {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(eight))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut eight = [0u8; 8];
        eight[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(eight)).wrapping_mul(K);
    }
    mix(h)
}

#[inline]
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The bytes of a word of up to sixteen bytes as two little-endian machine words,
/// zero-padded: read in a few overlapping loads rather than byte by byte.
#[inline]
pub fn padded(word: &[u8]) -> Option<[u64; 2]> {
    let n = word.len();
    let eight = |from: usize| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&word[from..from + 8]);
        u64::from_le_bytes(bytes)
    };
    let four = |from: usize| {
        let mut bytes = [0u8; 4];
        bytes.copy_from_slice(&word[from..from + 4]);
        u64::from(u32::from_le_bytes(bytes))
    };
    let byte = |i: usize| u64::from(word[i]) << (8 * i);
    Some(match n {
        0 => [0, 0],
        1..=3 => [byte(0) | byte(n / 2) | byte(n - 1), 0],
        4..=7 => [four(0) | four(n - 4) << (8 * (n - 4)), 0],
        8 => [eight(0), 0],
        9..=16 => [eight(0), eight(n - 8) >> (8 * (16 - n))],
        _ => return None,
    })
}

/// The entries of a word list: one a line, skipping blank lines and `#` notes; with each
/// entry's byte offset in the list.
#[cfg_attr(not(test), allow(dead_code))]
pub fn entries(list: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    list.split_inclusive('\n')
        .scan(0usize, |at, line| {
            let start = *at;
            *at += line.len();
            // As `str::lines` ends a line: at `\n` or `\r\n`.
            let entry = line
                .strip_suffix('\n')
                .map_or(line, |l| l.strip_suffix('\r').unwrap_or(l));
            Some((start, entry))
        })
        .filter(|(_, entry)| !entry.is_empty() && !entry.starts_with('#'))
}

/// A word list and the table `build.rs` made of it.
#[derive(Debug)]
pub struct Table {
    pub list: &'static str,
    pub slots: &'static [u8],
}

impl Table {
    /// True when `word` is an entry of the list, exactly.
    pub fn contains(&self, word: &str) -> bool {
        let size = self.slots.len() / SLOT_BYTES;
        if size == 0 || word.is_empty() {
            return false;
        }
        let mask = size - 1;
        let bytes = word.as_bytes();
        let wanted = slot(bytes, 0);
        let long = bytes.len() > IN_SLOT;
        let mut i = hash(bytes) as usize & mask;
        loop {
            let Some(at) = self.slots.get(SLOT_BYTES * i..SLOT_BYTES * (i + 1)) else {
                return false;
            };
            let half = |from: usize| {
                let mut eight = [0u8; 8];
                eight.copy_from_slice(&at[from..from + 8]);
                u64::from_le_bytes(eight)
            };
            let (a, b) = (half(0), half(8));
            if a == 0 && b == 0 {
                return false;
            }
            let found = if long {
                b == wanted[1] && {
                    let start = a as usize;
                    self.list.as_bytes().get(start..start + bytes.len()) == Some(bytes)
                }
            } else {
                [a, b] == wanted
            };
            if found {
                return true;
            }
            i = (i + 1) & mask;
        }
    }
}
