//! The words of a line (the document's shared words), counted in one pass: how many, how many
//! are function words, how many start lowercase, and a hash of their folded forms (to find a
//! line repeated with other quotes or case). Written for speed on copy that is mostly ASCII;
//! other words take the slower, general path character by character.

use std::sync::LazyLock;

use super::cues::STOPWORDS;
use super::features::Features;
use crate::document::Word;
use crate::text;

/// What one spelling adds to its line's counts: worked out at its first use, then looked up
/// by its number among the document's spellings. The counts are added two to a number, one
/// in each half, so that a word is counted in two additions.
#[derive(Clone, Copy, Debug)]
pub(super) struct Spelled {
    /// The hash of the folded word ([`mix_word`] from zero).
    folded: u64,
    /// Low half: 1 for a function word. High half: 1 for a word that starts with a letter
    /// with case. [`NOT_SPELLED`] before the spelling is worked out.
    stop_and_cased: u64,
    /// Low half: 1 for a word that starts with a lowercase letter. High half: its characters
    /// of Chinese, Japanese or Korean script.
    lower_and_cjk: u64,
}

/// [`Spelled::stop_and_cased`] of a spelling not yet worked out: no word's.
const NOT_SPELLED: u64 = u64::MAX;

impl Default for Spelled {
    /// A spelling not yet worked out.
    fn default() -> Self {
        Spelled {
            folded: 0,
            stop_and_cased: NOT_SPELLED,
            lower_and_cjk: 0,
        }
    }
}

impl Spelled {
    fn is_cased(self) -> bool {
        self.stop_and_cased >> 32 != 0
    }

    fn is_lower(self) -> bool {
        self.lower_and_cjk & u64::from(u32::MAX) != 0
    }
}

/// The low and high halves of a sum of counts.
fn halves(sum: u64) -> (usize, usize) {
    ((sum & u64::from(u32::MAX)) as usize, (sum >> 32) as usize)
}

/// Counts words, function words and lowercase words, and hashes the folded words. `line`
/// starts at byte `offset` of the document, and `line_words` are its shared words;
/// `spelled` holds what is known of each of the document's spellings, by number.
pub(super) fn count_words(
    line: &str,
    offset: usize,
    line_words: &[Word],
    f: &mut Features,
    spelled: &mut [Spelled],
    folded: &mut String,
) {
    let mut spelling = |w: &Word| match spelled.get(w.form() as usize) {
        Some(&known) if known.stop_and_cased != NOT_SPELLED => known,
        _ => spell_once(line, offset, w, spelled, folded),
    };
    // Each half holds a count of at most one per word or byte of the line (below 2^32).
    let (mut hash, mut stop_and_cased, mut lower_and_cjk) = (0u64, 0u64, 0u64);
    for w in line_words {
        let s = spelling(w);
        hash = mix(hash, s.folded);
        stop_and_cased += s.stop_and_cased;
        lower_and_cjk += s.lower_and_cjk;
    }
    let (stops, cased) = halves(stop_and_cased);
    let (cased_lower, cjk) = halves(lower_and_cjk);
    let words = line_words.len();
    f.words = words + cjk / 2;
    f.cjk = cjk > 0;
    f.stop_ratio = ratio(stops, words);
    f.lower_ratio = if cased > 1 {
        // Of the cased words after the first.
        let first_lower = line_words
            .iter()
            .map(spelling)
            .find(|s| s.is_cased())
            .is_some_and(Spelled::is_lower);
        ratio(cased_lower - usize::from(first_lower), cased - 1)
    } else {
        0.0
    };
    f.key = hash;
}

/// Works out what word `w` of `line` adds to the counts, and keeps it by the number of its
/// spelling.
#[cold]
#[inline(never)]
fn spell_once(
    line: &str,
    offset: usize,
    w: &Word,
    spelled: &mut [Spelled],
    folded: &mut String,
) -> Spelled {
    let s = spell(line, offset, w, folded);
    if let Some(slot) = spelled.get_mut(w.form() as usize) {
        *slot = s;
    }
    s
}

/// Works out what word `w` of `line` (which starts at byte `offset`) adds to the counts.
fn spell(line: &str, offset: usize, w: &Word, folded: &mut String) -> Spelled {
    /// No function word is longer than this, in bytes.
    const LONGEST_STOPWORD: usize = 16;
    let bytes = line.as_bytes();
    let (start, end) = (w.start as usize - offset, w.end as usize - offset);
    let counts = |stop: bool, cased: bool, lower: bool, cjk: u32| {
        (
            u64::from(stop) | u64::from(cased) << 32,
            u64::from(cased && lower) | u64::from(cjk) << 32,
        )
    };
    if w.is_ascii() {
        let (hash, first_chunk) = mix_ascii_word(0, bytes, start, end);
        let stop = end - start <= 8 && ASCII_STOPWORDS.contains(first_chunk);
        let b = bytes[start];
        let (stop_and_cased, lower_and_cjk) =
            counts(stop, b.is_ascii_alphabetic(), b.is_ascii_lowercase(), 0);
        return Spelled {
            folded: hash,
            stop_and_cased,
            lower_and_cjk,
        };
    }
    let word = &line[start..end];
    folded.clear();
    let mut cjk = 0;
    for c in word.chars() {
        cjk += u32::from(is_cjk(c));
        if text::is_apostrophe(c) {
            folded.push('\'');
        } else {
            folded.extend(c.to_lowercase());
        }
    }
    let (hash, _) = mix_word(0, folded.bytes());
    let stop = folded.len() <= LONGEST_STOPWORD && STOPWORDS.contains(folded.as_str());
    let first = word.chars().next().unwrap_or(' ');
    let (stop_and_cased, lower_and_cjk) = counts(
        stop,
        first.is_uppercase() || first.is_lowercase(),
        first.is_lowercase(),
        cjk,
    );
    Spelled {
        folded: hash,
        stop_and_cased,
        lower_and_cjk,
    }
}

/// [`mix_word`] for the ASCII word at `start..end` of `bytes`, lowercased eight bytes at a
/// time.
fn mix_ascii_word(hash: u64, bytes: &[u8], start: usize, end: usize) -> (u64, u64) {
    let mut hash = mix(hash, u64::from(b' '));
    let first = lowercase_chunk(bytes, start, end);
    hash = mix(hash, first);
    let mut at = start + 8;
    while at < end {
        hash = mix(hash, lowercase_chunk(bytes, at, end));
        at += 8;
    }
    (hash, first)
}

/// The ASCII bytes from `at` (up to eight, none past `end`) lowercased, as one little-endian
/// number.
#[inline]
fn lowercase_chunk(bytes: &[u8], at: usize, end: usize) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let len = (end - at).min(8);
    let x = match bytes.get(at..at + 8) {
        Some(chunk) => {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_le_bytes(word);
            if len == 8 {
                x
            } else {
                x & ((1 << (8 * len)) - 1)
            }
        }
        None => {
            let mut word = [0; 8];
            word[..len].copy_from_slice(&bytes[at..at + len]);
            u64::from_le_bytes(word)
        }
    };
    // The bytes are ASCII, so no sum carries into the next byte: a byte's high bit is set
    // where it is at least `A` and not past `Z`, and moves down to the case bit.
    let at_least_a = x + ONES * (0x80 - u64::from(b'A'));
    let past_z = x + ONES * (0x7f - u64::from(b'Z'));
    let upper = at_least_a & !past_z & (ONES * 0x80);
    x | (upper >> 2)
}

/// The hash step: the same for every word, ASCII or not.
#[inline]
fn mix(hash: u64, chunk: u64) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    (hash.rotate_left(5) ^ chunk).wrapping_mul(SEED)
}

/// Mixes a word's folded bytes into a line's hash, eight at a time; returns the new hash and
/// the word's first eight bytes as a number.
fn mix_word(hash: u64, bytes: impl Iterator<Item = u8>) -> (u64, u64) {
    // A word boundary counts, so that `ab c` and `a bc` differ.
    let mut hash = mix(hash, u64::from(b' '));
    let (mut chunk, mut filled, mut first) = (0u64, 0, None);
    for b in bytes {
        chunk |= u64::from(b) << (8 * filled);
        filled += 1;
        if filled == 8 {
            first.get_or_insert(chunk);
            hash = mix(hash, chunk);
            (chunk, filled) = (0, 0);
        }
    }
    if filled > 0 {
        first.get_or_insert(chunk);
        hash = mix(hash, chunk);
    }
    (hash, first.unwrap_or(0))
}

/// Up to eight ASCII bytes, lowercased, as one number (never zero for a non-empty word).
fn pack(word: &str) -> u64 {
    mix_word(0, word.bytes().map(|b| b.to_ascii_lowercase())).1
}

static ASCII_STOPWORDS: LazyLock<PackedSet> = LazyLock::new(|| {
    PackedSet::new(
        STOPWORDS
            .iter()
            .filter(|w| w.is_ascii() && w.len() <= 8)
            .map(|w| pack(w)),
    )
});

/// A set of nonzero numbers in an open-addressed table at most a quarter full: a lookup is a
/// multiplication and a probe or two.
struct PackedSet {
    slots: Vec<u64>,
    shift: u32,
}

impl PackedSet {
    fn new(values: impl Iterator<Item = u64>) -> Self {
        let values: Vec<u64> = values.collect();
        let size = (values.len() * 4).next_power_of_two().max(16);
        let mut set = PackedSet {
            slots: vec![0; size],
            shift: 64 - size.trailing_zeros(),
        };
        for v in values {
            let mut i = set.slot(v);
            while set.slots[i] != 0 && set.slots[i] != v {
                i = (i + 1) & (size - 1);
            }
            set.slots[i] = v;
        }
        set
    }

    fn slot(&self, value: u64) -> usize {
        // The top bits of a multiplicative hash; `shift` leaves as many as the table needs.
        usize::try_from(value.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift).unwrap_or(0)
    }

    fn contains(&self, value: u64) -> bool {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(value);
        loop {
            match self.slots[i] {
                0 => return false,
                v if v == value => return true,
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// `text` in lowercase, into `out`.
pub(super) fn fold_into(text: &str, out: &mut String) {
    out.clear();
    out.push_str(text);
    out.make_ascii_lowercase();
    if text.is_ascii() || !text.chars().any(|c| !c.is_ascii() && c.is_uppercase()) {
        return;
    }
    out.clear();
    out.extend(text.chars().flat_map(char::to_lowercase));
}

#[expect(clippy::cast_precision_loss, reason = "counts of words in a line")]
fn ratio(part: usize, whole: usize) -> f32 {
    if whole == 0 {
        0.0
    } else {
        part as f32 / whole as f32
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_worked_out_once_count_as_worked_out_afresh() {
        use crate::document::{Document, Format};
        let text = "The bridge closed. the BRIDGE’s toll\nAnd the Bridge again, naïve NAÏVE\n\
                    東京 会議 and the end\nthe the the The";
        let doc = Document::new(text, Format::PlainText);
        let mut spelled = vec![Spelled::default(); doc.forms().len()];
        let mut folded = String::new();
        let mut keys = Vec::new();
        for (i, line) in doc.lines().iter().enumerate() {
            let measure = |spelled: &mut [Spelled], folded: &mut String| {
                let mut f = Features::default();
                let words = doc.line_words(i);
                count_words(line.slice(text), line.start, words, &mut f, spelled, folded);
                (f.words, f.cjk, f.stop_ratio, f.lower_ratio, f.key)
            };
            let cached = measure(&mut spelled, &mut folded);
            assert_eq!(cached, measure(&mut [], &mut folded), "line {i}");
            keys.push(cached.4);
            // The counts as defined, word by word: of the cased words after the first, the
            // share that start lowercase; function words among all words.
            let words: Vec<&str> = text::words(line.slice(text))
                .map(|w| w.slice(line.slice(text)))
                .collect();
            let firsts = words.iter().filter_map(|w| w.chars().next());
            let cased: Vec<bool> = firsts
                .filter(|c| c.is_uppercase() || c.is_lowercase())
                .map(char::is_lowercase)
                .collect();
            let lowers = cased.iter().skip(1).filter(|&&lower| lower).count();
            let expected_lower = if cased.len() > 1 {
                ratio(lowers, cased.len() - 1)
            } else {
                0.0
            };
            let stops = words
                .iter()
                .filter(|w| STOPWORDS.contains(w.to_lowercase().as_str()))
                .count();
            assert_eq!(cached.3, expected_lower, "line {i}");
            assert_eq!(cached.2, ratio(stops, words.len()), "line {i}");
        }
        // Case and apostrophes aside, the same words give the same key.
        let again = Document::new("the bridge CLOSED. The Bridge's TOLL", Format::PlainText);
        let mut f = Features::default();
        let line = again.lines()[0];
        count_words(
            line.slice(again.text),
            0,
            again.line_words(0),
            &mut f,
            &mut [],
            &mut folded,
        );
        assert_eq!(f.key, keys[0]);
        assert_ne!(keys[1], keys[0]);
    }

    #[test]
    fn ascii_words_hash_as_their_lowercase() {
        let line = "Minister URGES calm-headed Reconciliation, ok";
        let mut hashes = Vec::new();
        for span in text::words(line) {
            let word = span.slice(line);
            let slow = mix_word(7, word.bytes().map(|b| b.to_ascii_lowercase()));
            assert_eq!(
                mix_ascii_word(7, line.as_bytes(), span.start, span.end),
                slow,
                "{word}"
            );
            hashes.push(slow.0);
        }
        assert_eq!(hashes.len(), 5);
    }
}
