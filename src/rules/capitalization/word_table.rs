//! A set of words as an open-addressing hash table over the word list's own text, built at
//! compile time (`build.rs` includes this file) so that a process never pays for loading it.
//!
//! Each slot is a little-endian `u32`: the byte offset of the word's line in the list,
//! shifted left by [`LEN_BITS`], joined with the word's length; zero marks an empty slot.

/// Bits of a slot that hold the word's length.
pub const LEN_BITS: u32 = 8;

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
        let size = self.slots.len() / 4;
        if size == 0 {
            return false;
        }
        let mask = size - 1;
        let bytes = word.as_bytes();
        let list = self.list.as_bytes();
        // A short word is compared with an entry's first sixteen bytes, masked.
        let short = padded(bytes);
        let mut i = match short {
            Some(short) => hash_short(short, bytes.len()),
            None => hash_long(bytes),
        } as usize
            & mask;
        let masks = [bytes.len().min(8), bytes.len().clamp(8, 16) - 8]
            .map(|n| u64::MAX.checked_shr(64 - 8 * n as u32).unwrap_or(0));
        loop {
            let Some(&[a, b, c, d]) = self.slots.get(4 * i..4 * i + 4) else {
                return false;
            };
            let slot = u32::from_le_bytes([a, b, c, d]) as usize;
            if slot == 0 {
                return false;
            }
            let (at, len) = (slot >> LEN_BITS, slot & ((1 << LEN_BITS) - 1));
            if len == bytes.len() {
                let same = match (short, list.get(at..at + 16)) {
                    (Some([low, high]), Some(&[a, b, c, d, e, f, g, h, ref rest @ ..])) => {
                        let mut tail = [0u8; 8];
                        tail.copy_from_slice(rest);
                        u64::from_le_bytes([a, b, c, d, e, f, g, h]) & masks[0] == low
                            && u64::from_le_bytes(tail) & masks[1] == high
                    }
                    _ => list.get(at..at + len) == Some(bytes),
                };
                if same {
                    return true;
                }
            }
            i = (i + 1) & mask;
        }
    }
}
