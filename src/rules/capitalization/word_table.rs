//! A set of words as an open-addressing hash table over the word list's own text, built at
//! compile time (`build.rs` includes this file) so that a process never pays for loading it.
//!
//! Each slot is a little-endian `u32`: the byte offset of the word's line in the list,
//! shifted left by [`LEN_BITS`], joined with the word's length; zero marks an empty slot.

/// Bits of a slot that hold the word's length.
pub const LEN_BITS: u32 = 8;

/// The hash of a word's bytes: eight bytes at a time, then a final mix (from MurmurHash3's
/// `fmix64`).
pub fn hash(word: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
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
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
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
        // A short word is compared with an entry sixteen bytes at a time.
        let short = Short::of(bytes);
        let mut i = hash(bytes) as usize & mask;
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
                let same = match (&short, list.get(at..at + 16)) {
                    (Some(short), Some(entry)) => short.matches(entry),
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

/// A word of at most sixteen bytes, zero-padded, with a mask of its bytes.
struct Short {
    word: u128,
    mask: u128,
}

impl Short {
    #[inline]
    fn of(bytes: &[u8]) -> Option<Short> {
        if bytes.is_empty() || bytes.len() > 16 {
            return None;
        }
        let mut padded = [0u8; 16];
        padded[..bytes.len()].copy_from_slice(bytes);
        Some(Short {
            word: u128::from_le_bytes(padded),
            mask: u128::MAX >> (128 - 8 * bytes.len()),
        })
    }

    /// True when the first bytes of `sixteen` (bytes of the list) are the word's.
    #[inline]
    fn matches(&self, sixteen: &[u8]) -> bool {
        let mut entry = [0u8; 16];
        entry.copy_from_slice(sixteen);
        u128::from_le_bytes(entry) & self.mask == self.word
    }
}
