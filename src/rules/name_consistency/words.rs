//! What each distinct word of a document is as a piece of a name, worked out once.
//!
//! Copy repeats its capitalized words (`The`, `But`, the names it is about) many times over;
//! the kind of a word, its folded parts, its keys and its variant family depend on the word
//! alone, so they are computed the first time the word is seen and looked up after that.

use super::keys::{self, HashMapU64};
use super::lexicon::{self, FamilyRef, Lexicon};
use crate::span::Span;
use crate::text::{self, is_all_caps};

/// The fewest letters of an all-capitals word taken for a name rather than an acronym.
const CAPS_LEN: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A capitalized word that may be a name.
    Name,
    /// A word in capitals that may be a name in a headline.
    Caps,
    /// A capitalized word that is no name by itself (`Cape`, `President`).
    Capital,
    /// `al`, `bin`, `de` inside a name.
    Particle,
}

/// One word as a piece of a name.
#[derive(Clone, Copy, Debug)]
pub(super) struct Word {
    pub kind: Kind,
    /// The hash of the exact key.
    pub exact: u64,
    /// The folded parts and the skeleton: ranges into [`Words::parts`] and
    /// [`Words::skeletons`].
    pub parts: (usize, usize),
    pub skeleton: (usize, usize),
    /// The family of the word as a one-word spelling.
    pub family: Option<FamilyRef>,
}

/// A word as first seen.
struct Seen {
    first: Span,
    /// `None`: no piece of a name.
    word: Option<Word>,
    /// The form of the word's one-word spelling, once there is one.
    form: Option<u32>,
}

/// The words of one document seen so far.
pub(super) struct Words<'a> {
    lex: &'a Lexicon,
    prose: &'a str,
    /// By the hash of the word's text, the slot in `seen`.
    by_hash: HashMapU64<u32>,
    /// The words by slot. A word not remembered by its hash (a lowercase one, or another
    /// word's hash) takes a slot of its own each time it is seen.
    seen: Vec<Seen>,
    pub parts: String,
    pub skeletons: String,
}

impl<'a> Words<'a> {
    /// Room for `capacity` distinct words to start with.
    pub fn new(lex: &'a Lexicon, prose: &'a str, capacity: usize) -> Self {
        Words {
            lex,
            prose,
            by_hash: HashMapU64::with_capacity_and_hasher(capacity, Default::default()),
            seen: Vec::with_capacity(capacity / 2),
            parts: String::new(),
            skeletons: String::new(),
        }
    }

    /// The word at `span` as a piece of a name: its slot and kind; `None` for a word that
    /// ends any name.
    pub fn word(&mut self, span: Span) -> Option<(u32, Kind)> {
        let text = span.slice(self.prose);
        // Lowercase words are mostly told apart at once (`long-term`, `don’t`).
        if text.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
            return self.uncached(span);
        }
        let hash = text_hash(text.as_bytes());
        let Some(&slot) = self.by_hash.get(&hash) else {
            let word = self.classify(text);
            let slot = self.push(span, word);
            self.by_hash.insert(hash, slot);
            return word.map(|w| (slot, w.kind));
        };
        let seen = &self.seen[slot as usize];
        if seen.first.slice(self.prose) == text {
            return seen.word.map(|w| (slot, w.kind));
        }
        // Another word with the same hash: worked out afresh each time.
        self.uncached(span)
    }

    /// What a slot given out by [`Words::word`] holds.
    pub fn get(&self, slot: u32) -> &Word {
        self.seen[slot as usize]
            .word
            .as_ref()
            .expect("a slot given out holds a word")
    }

    /// The index of a word's one-word spelling, once recorded.
    pub fn form(&self, slot: u32) -> Option<u32> {
        self.seen[slot as usize].form
    }

    pub fn set_form(&mut self, slot: u32, form: u32) {
        self.seen[slot as usize].form = Some(form);
    }

    fn uncached(&mut self, span: Span) -> Option<(u32, Kind)> {
        let word = self.classify(span.slice(self.prose))?;
        Some((self.push(span, Some(word)), word.kind))
    }

    fn push(&mut self, first: Span, word: Option<Word>) -> u32 {
        self.seen.push(Seen {
            first,
            word,
            form: None,
        });
        (self.seen.len() - 1) as u32
    }

    /// What `word` is, its folded parts and skeleton filed in the buffers.
    fn classify(&mut self, word: &str) -> Option<Word> {
        let first = word.chars().next()?;
        let kind = if first.is_lowercase() {
            if lexicon::is_particle(word) {
                Kind::Particle
            } else {
                // `al-Qaeda`, `el-Sisi`: a particle joined to a capitalized name.
                let (head, tail) = word.split_once(text::is_hyphen)?;
                let capital = tail.chars().next().is_some_and(char::is_uppercase);
                if !(lexicon::is_particle(head) && capital) {
                    return None;
                }
                Kind::Name
            }
        } else if first.is_uppercase() {
            Kind::Name
        } else {
            return None;
        };
        let start = self.parts.len();
        let (exact, part_count) = keys::push_parts(word, &mut self.parts);
        let parts = &self.parts[start..];
        let kind = match kind {
            Kind::Name if first.is_uppercase() => {
                let common = lexicon::is_common(exact)
                    || self.lex.is_ignored(exact)
                    || (part_count > 1
                        && parts
                            .split('|')
                            .filter(|p| !p.is_empty())
                            .all(|p| lexicon::is_common(keys::hash(p))));
                if let Some(letters) = caps_letters(word) {
                    if letters < CAPS_LEN || common {
                        self.parts.truncate(start);
                        return None;
                    }
                    Kind::Caps
                } else if common {
                    Kind::Capital
                } else {
                    Kind::Name
                }
            }
            kind => kind,
        };
        let sk_start = self.skeletons.len();
        if kind != Kind::Capital {
            keys::push_skeleton(&self.parts[start..], &mut self.skeletons);
        }
        Some(Word {
            kind,
            exact,
            parts: (start, self.parts.len()),
            skeleton: (sk_start, self.skeletons.len()),
            family: self.lex.family_keys.get(&exact).copied(),
        })
    }
}

/// For a word in capitals ([`is_all_caps`]), how many letters it has.
fn caps_letters(word: &str) -> Option<usize> {
    if !word.is_ascii() {
        return is_all_caps(word).then(|| word.chars().filter(|c| c.is_alphabetic()).count());
    }
    let mut letters = 0;
    for b in word.bytes() {
        if b.is_ascii_lowercase() {
            return None;
        }
        letters += usize::from(b.is_ascii_uppercase());
    }
    (letters >= 2).then_some(letters)
}

/// A quick hash of a word's bytes, read eight or four at a time (overlapping at the end):
/// words are short.
fn text_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let n = bytes.len();
    let load8 = |at: usize| {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(word)
    };
    let load4 = |at: usize| {
        let mut word = [0; 4];
        word.copy_from_slice(&bytes[at..at + 4]);
        u64::from(u32::from_le_bytes(word))
    };
    let mut h = (n as u64).wrapping_mul(K);
    if n >= 8 {
        let mut at = 0;
        while at + 8 < n {
            h = (h ^ load8(at)).wrapping_mul(K);
            at += 8;
        }
        h = (h ^ load8(n - 8)).wrapping_mul(K);
    } else if n >= 4 {
        h = (h ^ (load4(0) << 32 | load4(n - 4))).wrapping_mul(K);
    } else if n > 0 {
        let v = u64::from(bytes[0]) << 16 | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]);
        h = (h ^ v).wrapping_mul(K);
    }
    h.rotate_left(26)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::Settings;

    #[test]
    fn a_word_is_worked_out_once_and_remembered() {
        let lex = Lexicon::new(&Settings::default());
        let prose = "Kiev NATO The Kiev bin WHO";
        let mut words = Words::new(&lex, prose, 0);
        let (kiev, kind) = words.word(Span::new(0, 4)).expect("a name");
        assert_eq!(kind, Kind::Name);
        assert!(words.get(kiev).family.is_some());
        assert_eq!(words.word(Span::new(14, 18)), Some((kiev, Kind::Name)));
        let mut kind_at = |start, end| words.word(Span::new(start, end)).map(|w| w.1);
        assert_eq!(kind_at(5, 9), Some(Kind::Caps));
        assert_eq!(kind_at(10, 13), Some(Kind::Capital));
        assert_eq!(kind_at(19, 22), Some(Kind::Particle));
        assert_eq!(kind_at(23, 26), None, "an acronym");
        let words = [
            "",
            "A",
            "Al",
            "Kiev",
            "Kyiv",
            "Kievs",
            "Zelensky",
            "Zelenskyy",
            "Zelenskyyy",
        ];
        for (i, a) in words.iter().enumerate() {
            for b in &words[i + 1..] {
                assert_ne!(text_hash(a.as_bytes()), text_hash(b.as_bytes()), "{a} {b}");
            }
        }
    }
}
