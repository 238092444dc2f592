//! The keys that make two spellings one name, and the cheap hashing they are stored under.
//!
//! Three keys, from strict to loose:
//! - the *identity* of a spelling: the text itself, with apostrophes, hyphens and spaces of
//!   every kind made one, and the first letter of each part lowercased (`al-Qaeda` at the
//!   start of a sentence is `Al-Qaeda`; a title-case headline writes `Jong-Un`);
//! - the *exact key*: folded (no case, no diacritics) with hyphens, spaces and apostrophes
//!   removed: `Erdoğan`/`Erdogan`, `Kilroy-Silk`/`Kilroy Silk`, `WorldCom`/`Worldcom`;
//! - the *skeleton*: each part of the exact key with doubled letters made single and a
//!   `-y`/`-yy`/`-iy`/`-yi`/`-i` ending after a stem of five letters or more made one mark:
//!   `Zelensky`/`Zelenskyy`/`Zelenskiy`, `Eurrope`/`Europe`.
//!
//! `make_lists.py` beside this file mirrors [`skeleton_part`] and [`typo_pair`]: keep them in
//! step.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::text::{fold, is_apostrophe, is_general_punctuation, is_hyphen, is_word_char};

/// The shortest stem an ending is normalised after (`Zelensk-`; not `Henr-`).
pub(crate) const ENDING_STEM: usize = 5;
/// Endings that transliterations swap for one another, longest first.
const ENDINGS: [&str; 4] = ["yi", "iy", "y", "i"];
/// The shortest word the loose comparisons (skeleton and one-edit typos) look at.
pub(crate) const LOOSE_LEN: usize = 6;

/// FNV-1a, fed byte by byte: the hash of `ab` fed as `a` then `b` is the hash of `ab`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fnv(pub u64);

impl Fnv {
    pub const START: Fnv = Fnv(0xcbf2_9ce4_8422_2325);

    pub fn bytes(mut self, bytes: &[u8]) -> Fnv {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    pub fn byte(self, b: u8) -> Fnv {
        Fnv((self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    pub fn str(self, s: &str) -> Fnv {
        self.bytes(s.as_bytes())
    }

    pub fn char(self, c: char) -> Fnv {
        self.bytes(c.encode_utf8(&mut [0; 4]).as_bytes())
    }
}

pub(crate) fn hash(s: &str) -> u64 {
    Fnv::START.str(s).0
}

/// A hasher for keys that are already hashes.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = Fnv(self.0).bytes(bytes).0;
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub(crate) type HashMapU64<V> = HashMap<u64, V, BuildHasherDefault<Prehashed>>;
pub(crate) type HashSetU64 = HashSet<u64, BuildHasherDefault<Prehashed>>;

/// Appends the folded parts of `word` to `out`, each part preceded by `|` (so a one-part word
/// `Kyiv` gives `|kyiv`, `Kilroy-Silk` gives `|kilroy|silk`). Parts are runs of letters and
/// digits; everything else separates them. Returns the hash of the exact key (the parts
/// without separators) and the number of parts.
pub(crate) fn push_parts(word: &str, out: &mut String) -> (u64, usize) {
    // The common case, ASCII letters with at most curly quotes or dashes between them, in one
    // pass over the bytes: a byte outside ASCII is then part of a separator.
    if word.is_ascii()
        || word
            .chars()
            .all(|c| c.is_ascii() || is_general_punctuation(c))
    {
        let mut h = Fnv::START;
        let mut parts = 0;
        let mut in_part = false;
        for b in word.bytes() {
            if b.is_ascii_alphanumeric() {
                if !in_part {
                    out.push('|');
                    parts += 1;
                    in_part = true;
                }
                let b = b.to_ascii_lowercase();
                out.push(char::from(b));
                h = h.byte(b);
            } else {
                in_part = false;
            }
        }
        return (h.0, parts);
    }
    let start = out.len();
    push_folded_parts(word, out);
    let pushed = &out[start..];
    let h = pushed
        .bytes()
        .filter(|&b| b != b'|')
        .fold(Fnv::START, Fnv::byte);
    (h.0, pushed.bytes().filter(|&b| b == b'|').count())
}

fn push_folded_parts(word: &str, out: &mut String) {
    let mut in_part = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_alphanumeric() {
            if !in_part {
                out.push('|');
                in_part = true;
            }
            out.push(c);
        } else {
            in_part = false;
        }
    };
    for c in fold(word).chars() {
        push(c, out);
    }
}

/// The exact key of `word`: folded parts, no separators.
#[cfg(test)]
pub(crate) fn exact_key(word: &str) -> String {
    let mut parts = String::new();
    push_parts(word, &mut parts);
    parts.replace('|', "")
}

/// The hash of the exact key of `word`: `hash(&exact_key(word))` without building it.
pub(crate) fn exact_hash(word: &str) -> u64 {
    if word.is_ascii() {
        return word
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .fold(Fnv::START, |h, b| h.byte(b.to_ascii_lowercase()))
            .0;
    }
    push_parts(word, &mut String::new()).0
}

/// Appends the skeleton of one folded part (no `|` in it) to `out`.
pub(crate) fn skeleton_part(part: &str, out: &mut String) {
    let start = out.len();
    let mut last = None;
    for c in part.chars() {
        if last != Some(c) {
            out.push(c);
        }
        last = Some(c);
    }
    let collapsed = &out[start..];
    for ending in ENDINGS {
        if let Some(stem) = collapsed.strip_suffix(ending)
            && stem.chars().count() >= ENDING_STEM
        {
            let cut = start + stem.len();
            out.truncate(cut);
            out.push('~');
            return;
        }
    }
}

/// Appends the skeleton of a parts string (`|kilroy|silk`) to `out`, keeping the `|`s.
pub(crate) fn push_skeleton(parts: &str, out: &mut String) {
    for part in parts.split('|').filter(|p| !p.is_empty()) {
        out.push('|');
        skeleton_part(part, out);
    }
}

/// Feeds the identity of a spelling to `h`: one apostrophe, one hyphen, one space, and the
/// first letter of each part lowercased.
pub(crate) fn identity(surface: &str, h: Fnv) -> Fnv {
    if surface.is_ascii() {
        return ascii_identity(surface, h);
    }
    char_identity(surface, h)
}

/// [`identity`] of any spelling, char by char.
fn char_identity(surface: &str, mut h: Fnv) -> Fnv {
    let mut part_start = true;
    for c in surface.chars() {
        let c = if is_apostrophe(c) {
            '\''
        } else if is_hyphen(c) {
            '-'
        } else if c.is_whitespace() {
            ' '
        } else {
            c
        };
        if is_word_char(c) {
            if part_start {
                for l in c.to_lowercase() {
                    h = h.char(l);
                }
            } else {
                h = h.char(c);
            }
            part_start = false;
        } else {
            h = h.char(c);
            part_start = true;
        }
    }
    h
}

/// [`identity`] of an ASCII spelling, byte by byte.
fn ascii_identity(surface: &str, mut h: Fnv) -> Fnv {
    let mut part_start = true;
    for b in surface.bytes() {
        if b.is_ascii_alphanumeric() {
            h = h.byte(if part_start {
                b.to_ascii_lowercase()
            } else {
                b
            });
            part_start = false;
        } else {
            // `char::is_whitespace` in ASCII: tab to carriage return, and the space.
            let b = if matches!(b, b'\t'..=b'\r') { b' ' } else { b };
            h = h.byte(b);
            part_start = true;
        }
    }
    h
}

/// Whether two exact keys are one typing slip apart in the way the typo comparison accepts:
/// both long, the same first letter and the same last two letters (so `Russia`/`Russian`
/// and other suffixes never pair), and one insertion, deletion, substitution or swap of
/// neighbours between them.
pub(crate) fn typo_pair(a: &str, b: &str) -> bool {
    // Told cheaply for most pairs: the same first and last letters mean the same bytes there.
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.first() != y.first() || x.last() != y.last() {
        return false;
    }
    // In ASCII a character is a byte: compared as they stand, without a copy.
    if a.is_ascii() && b.is_ascii() {
        return one_slip(x, y);
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    one_slip(&a, &b)
}

/// [`typo_pair`] on the keys' characters.
fn one_slip<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a.len().min(b.len()) < LOOSE_LEN || a == b {
        return false;
    }
    if a[0] != b[0] || a[a.len() - 2..] != b[b.len() - 2..] {
        return false;
    }
    one_edit(a, b)
}

fn one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => {
            // The places where they differ: one, or two neighbours swapped.
            let mut diff = (0..short.len()).filter(|&i| short[i] != long[i]);
            match (diff.next(), diff.next(), diff.next()) {
                (Some(_), None, None) => true,
                (Some(i), Some(j), None) => {
                    j == i + 1 && short[i] == long[j] && short[j] == long[i]
                }
                _ => false,
            }
        }
        1 => {
            let first = (0..short.len())
                .find(|&i| short[i] != long[i])
                .unwrap_or(short.len());
            short[first..] == long[first + 1..]
        }
        _ => false,
    }
}

/// The hash of `key` and of each string made by deleting one character of it: two keys one
/// edit apart share one of these.
pub(crate) fn deletion_hashes(key: &str) -> impl Iterator<Item = u64> + '_ {
    std::iter::once(hash(key)).chain(
        key.char_indices()
            .map(move |(i, c)| Fnv::START.str(&key[..i]).str(&key[i + c.len_utf8()..]).0),
    )
}

/// The replacement for a mention: the winning spelling in the mention's case. An all-caps
/// mention gets the spelling in capitals; otherwise the first letter follows the mention
/// (`al-Qaida` at a sentence start is `Al-Qaida`).
pub(crate) fn in_case_of(mention: &str, winner: &str) -> String {
    if crate::text::is_all_caps(mention) {
        return winner.to_uppercase();
    }
    let mut chars = winner.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let upper = mention.chars().next().is_some_and(char::is_uppercase);
    let mut out = String::with_capacity(winner.len());
    if upper {
        out.extend(first.to_uppercase());
    } else {
        out.extend(first.to_lowercase());
    }
    out.push_str(chars.as_str());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skeleton(word: &str) -> String {
        let mut parts = String::new();
        push_parts(word, &mut parts);
        let mut out = String::new();
        push_skeleton(&parts, &mut out);
        out
    }

    fn ident(s: &str) -> u64 {
        identity(s, Fnv::START).0
    }

    #[test]
    fn exact_keys_drop_case_accents_and_separators() {
        assert_eq!(exact_key("Erdoğan"), exact_key("ERDOGAN"));
        assert_eq!(exact_key("Kilroy-Silk"), exact_key("Kilroy Silk"));
        assert_eq!(exact_key("Kim Jong-un"), "kimjongun");
        assert_eq!(exact_key("WorldCom"), exact_key("Worldcom"));
    }

    #[test]
    fn parts_with_curly_quotes_match_the_folding_path() {
        for word in [
            "Don’t",
            "O’Brien’s",
            "Kilroy‑Silk",
            "Jong‐un",
            "“Quote”",
            "a\u{2000}B",
        ] {
            let mut fast = String::new();
            let (h, n) = push_parts(word, &mut fast);
            let mut slow = String::new();
            push_folded_parts(word, &mut slow);
            assert_eq!(fast, slow, "{word}");
            assert_eq!(h, hash(&slow.replace('|', "")), "{word}");
            assert_eq!(n, slow.matches('|').count(), "{word}");
        }
    }

    #[test]
    fn exact_hashes_and_ascii_identities_match_the_general_path() {
        for word in [
            "Erdoğan",
            "ERDOGAN",
            "Kilroy-Silk",
            "Kim Jong-un",
            "O'Brien",
            "O’Brien",
            "3G-x",
            "Łódź",
            "al-Qaeda",
            "",
            "--",
            "Al\tQaeda\x0bX\r\nY|z",
        ] {
            assert_eq!(exact_hash(word), hash(&exact_key(word)), "{word}");
            if word.is_ascii() {
                assert_eq!(
                    ascii_identity(word, Fnv::START).0,
                    char_identity(word, Fnv::START).0,
                    "{word:?}"
                );
            }
        }
    }

    #[test]
    fn skeletons_join_doubled_letters_and_endings() {
        for v in [
            "Zelensky",
            "Zelenskyy",
            "Zelenskiy",
            "Zelenski",
            "Zelenskii",
        ] {
            assert_eq!(skeleton(v), "|zelensk~", "{v}");
        }
        assert_eq!(skeleton("Zaluzhnyi"), skeleton("Zaluzhny"));
        assert_eq!(skeleton("Eurrope"), skeleton("Europe"));
        // Too short a stem: two names.
        assert_ne!(skeleton("Henry"), skeleton("Henri"));
        // Israel and Israeli, Russia and Russian stay apart.
        assert_ne!(skeleton("Israel"), skeleton("Israeli"));
        assert_ne!(skeleton("Russia"), skeleton("Russian"));
        assert_eq!(skeleton("Kilroy-Silk"), "|kilro~|silk");
    }

    #[test]
    fn identity_ignores_part_initial_case_and_separator_kinds() {
        assert_eq!(ident("al-Qaeda"), ident("Al-Qaeda"));
        assert_eq!(ident("Jong-Un"), ident("Jong-un"));
        assert_eq!(ident("O’Brien"), ident("O'Brien"));
        assert_ne!(ident("WorldCom"), ident("Worldcom"));
        assert_ne!(ident("Kilroy-Silk"), ident("Kilroy Silk"));
        assert_ne!(ident("Erdoğan"), ident("Erdogan"));
    }

    #[test]
    fn hashing_is_streaming() {
        assert_eq!(Fnv::START.str("kim").str("jongun").0, hash("kimjongun"));
    }

    /// ASCII keys compared byte by byte pair as the rule says, character by character: one
    /// character deleted, replaced, or swapped with its neighbour, found by trying each.
    #[test]
    fn typo_pairs_in_ascii_are_those_of_characters() {
        let by_chars = |a: &str, b: &str| {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            if a.len().min(b.len()) < LOOSE_LEN
                || a == b
                || a[0] != b[0]
                || a[a.len() - 2..] != b[b.len() - 2..]
            {
                return false;
            }
            let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            let deleted = |i: usize| [&long[..i], &long[i + 1..]].concat() == short;
            let swapped = |i: usize| {
                let mut w = long.clone();
                w.swap(i, i + 1);
                w == short
            };
            let replaced = (0..long.len()).filter(|&i| short.get(i) != Some(&long[i]));
            match long.len() - short.len() {
                0 => replaced.count() == 1 || (0..long.len() - 1).any(swapped),
                1 => (0..long.len()).any(deleted),
                _ => false,
            }
        };
        let keys = [
            "zelensky",
            "zelenksy",
            "zelesnky",
            "zelenskyy",
            "zelensy",
            "zlensky",
            "zelenzky",
            "ukrainian",
            "ukranian",
            "ukrainain",
            "russia",
            "russian",
            "erdogan",
            "erdoğan",
            "erdoagn",
            "kharkiv",
            "kharkov",
            "abcdefgh",
            "abdcefgh",
            "bacdefgh",
            "abcdefhg",
            "abcdefg",
            "abcdefghh",
            "aabbccdd",
            "abab",
            "ab",
            "",
        ];
        let mut pairs = 0;
        for a in keys {
            for b in keys {
                assert_eq!(typo_pair(a, b), by_chars(a, b), "{a} {b}");
                pairs += usize::from(typo_pair(a, b));
            }
        }
        assert!(pairs > 10, "{pairs}");
    }

    #[test]
    fn typos_need_long_words_and_the_same_ends() {
        assert!(typo_pair("ukranian", "ukrainian"));
        assert!(typo_pair("zelesnky", "zelensky"));
        assert!(!typo_pair("zelenksy", "zelensky"));
        assert!(!typo_pair("russia", "russian"));
        assert!(!typo_pair("israel", "israeli"));
        assert!(!typo_pair("sudan", "sedan"));
        assert!(!typo_pair("gambia", "zambia"));
        assert!(!typo_pair("austria", "australia"));
    }

    #[test]
    fn replacement_keeps_the_mentions_case() {
        assert_eq!(in_case_of("ZELENSKY", "Zelenskyy"), "ZELENSKYY");
        assert_eq!(in_case_of("Al-Qaeda", "al-Qaida"), "Al-Qaida");
        assert_eq!(in_case_of("Kiev", "Kyiv"), "Kyiv");
        let hashes: Vec<u64> = deletion_hashes("abc").collect();
        assert_eq!(hashes, [hash("abc"), hash("bc"), hash("ac"), hash("ab")]);
    }
}
