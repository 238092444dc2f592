//! What the copy itself shows about its words' case: how often each word stands lowercase,
//! and how (and how often) it is capitalized, mid-sentence or anywhere in running copy.
//!
//! Gathered in one pass over the words; each distinct word (in lowercase, without a
//! possessive) gets one tally, and each lowercase word of the reading points at its own.

use std::borrow::Cow;
use std::cell::Cell;

use rustc_hash::FxHashMap;

use crate::rules::capitalization::dictionary;
use crate::rules::capitalization::reading::{LineKind, Position, Reading};
use crate::text::{is_apostrophe, is_hyphen, strip_possessive, with_lowercase};

/// The share of distinct lowercase words the dictionary must know for copy to read as English.
const MIN_ENGLISH_PERCENT: usize = 75;

/// The fewest distinct lowercase words that tell the language; short copy is taken as English.
const MIN_WORDS_TO_TELL_LANGUAGE: usize = 20;

/// How the copy capitalizes a word.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Capitalized<'t> {
    /// The first capitalized form, as written.
    pub form: &'t str,
    pub count: usize,
}

/// What the copy shows about one word.
#[derive(Debug, Default)]
pub(crate) struct Tally<'t> {
    /// How often the word stands in lowercase.
    pub lowercase: usize,
    /// Capitalized mid-sentence.
    pub capitalized: Option<Capitalized<'t>>,
    /// Capitalized anywhere in running copy, sentence starts included.
    pub anywhere: Option<Capitalized<'t>>,
    /// Whether the dictionary knows the word, once asked.
    known: Cell<Option<bool>>,
}

/// Marks a word of the reading that is not a lowercase word.
const NOT_LOWERCASE: u32 = u32::MAX;

/// What the copy shows about its words' case.
#[derive(Debug)]
pub(crate) struct Evidence<'t> {
    /// Each distinct word's tally, by the word in lowercase.
    ids: FxHashMap<Cow<'t, str>, u32>,
    tallies: Vec<Tally<'t>>,
    /// For each word of the reading, its tally when it is a lowercase word.
    lowercase_words: Vec<u32>,
}

impl<'t> Evidence<'t> {
    pub fn gather(text: &'t str, reading: &Reading) -> Self {
        let mut evidence = Evidence {
            ids: FxHashMap::default(),
            tallies: Vec::new(),
            lowercase_words: vec![NOT_LOWERCASE; reading.words.len()],
        };
        for (i, w) in reading.words.iter().enumerate() {
            let word = strip_possessive(w.span.slice(text));
            if is_lowercase_word(word) {
                let id = evidence.id_of_lowercase(word);
                evidence.tallies[id as usize].lowercase += 1;
                evidence.lowercase_words[i] = id;
                continue;
            }
            // Headlines capitalize every word: they show nothing.
            let prose_line = matches!(reading.line_kind(w), LineKind::Prose | LineKind::ListItem);
            if !is_name_like(word) || !prose_line {
                continue;
            }
            let id = with_lowercase(word, |lower| evidence.id_of(lower));
            let tally = &mut evidence.tallies[id as usize];
            count(&mut tally.anywhere, word);
            if w.position == Position::MidSentence {
                count(&mut tally.capitalized, word);
            }
        }
        evidence
    }

    /// The id of a lowercase word of the text.
    fn id_of_lowercase(&mut self, word: &'t str) -> u32 {
        let next = self.tallies.len();
        let id = *self
            .ids
            .entry(Cow::Borrowed(word))
            .or_insert_with(|| next as u32);
        if id as usize == next {
            self.tallies.push(Tally::default());
        }
        id
    }

    /// The id of a word in lowercase that may not stand in the text so.
    fn id_of(&mut self, lower: &str) -> u32 {
        if let Some(&id) = self.ids.get(lower) {
            return id;
        }
        let id = self.tallies.len() as u32;
        self.ids.insert(Cow::Owned(lower.to_string()), id);
        self.tallies.push(Tally::default());
        id
    }

    /// The tally of `lowercase`, when the copy has the word.
    pub fn tally(&self, lowercase: &str) -> Option<&Tally<'t>> {
        self.ids
            .get(lowercase)
            .map(|&id| &self.tallies[id as usize])
    }

    /// The tally of word `i` of the reading when it is a lowercase word.
    pub fn lowercase_word(&self, i: usize) -> Option<&Tally<'t>> {
        match self.lowercase_words[i] {
            NOT_LOWERCASE => None,
            id => Some(&self.tallies[id as usize]),
        }
    }

    /// How the copy capitalizes `lowercase` mid-sentence.
    pub fn capitalized(&self, lowercase: &str) -> Option<&Capitalized<'t>> {
        self.tally(lowercase)?.capitalized.as_ref()
    }

    /// How often the copy capitalizes `lowercase` mid-sentence.
    pub fn capitalized_count(&self, lowercase: &str) -> usize {
        self.capitalized(lowercase).map_or(0, |c| c.count)
    }

    /// How often the copy writes `lowercase` so.
    pub fn lowercase_count(&self, lowercase: &str) -> usize {
        self.tally(lowercase).map_or(0, |t| t.lowercase)
    }

    /// [`dictionary::is_word`] of `lowercase`, asked once per word of the copy.
    pub fn is_word(&self, lowercase: &str) -> bool {
        match self.tally(lowercase) {
            Some(tally) => tally.is_word(lowercase),
            None => dictionary::is_word(lowercase),
        }
    }

    /// True when most of the copy's lowercase words are English words. In copy in another
    /// language (or mostly code or tags) nothing here can tell a name from a word.
    pub fn reads_as_english(&self) -> bool {
        let lowercase = || {
            self.ids
                .iter()
                .map(|(word, &id)| (word, &self.tallies[id as usize]))
                .filter(|(word, tally)| tally.lowercase > 0 && word.len() > 2)
        };
        let all = lowercase().count();
        if all < MIN_WORDS_TO_TELL_LANGUAGE {
            return true;
        }
        // Asks the dictionary until the share is settled either way.
        let (mut known, mut unknown) = (0usize, 0usize);
        for (word, tally) in lowercase() {
            if tally.is_word(word) {
                known += 1;
                if known * 100 >= all * MIN_ENGLISH_PERCENT {
                    return true;
                }
            } else {
                unknown += 1;
                if (all - unknown) * 100 < all * MIN_ENGLISH_PERCENT {
                    return false;
                }
            }
        }
        known * 100 >= all * MIN_ENGLISH_PERCENT
    }

    /// True when the copy capitalizes `lowercase` mid-sentence at least as often as it
    /// writes it lowercase; three times as often for a word the dictionary knows (`Trump`
    /// against `trump`, never `May` against `may`).
    pub fn is_mostly_capitalized(&self, lowercase: &str) -> bool {
        let Some(tally) = self.tally(lowercase) else {
            return false;
        };
        let Some(cap) = tally.capitalized else {
            return false;
        };
        if tally.is_word(lowercase) {
            tally.lowercase * 3 <= cap.count
        } else {
            tally.lowercase <= cap.count
        }
    }
}

impl Tally<'_> {
    /// [`dictionary::is_word`] of this tally's word, `lowercase`.
    pub fn is_word(&self, lowercase: &str) -> bool {
        if let Some(known) = self.known.get() {
            return known;
        }
        let known = dictionary::is_word(lowercase);
        self.known.set(Some(known));
        known
    }
}

fn count<'t>(seen: &mut Option<Capitalized<'t>>, word: &'t str) {
    seen.get_or_insert(Capitalized {
        form: word,
        count: 0,
    })
    .count += 1;
}

/// Letters only (inner hyphens and apostrophes allowed), all lowercase.
pub(crate) fn is_lowercase_word(word: &str) -> bool {
    if word.is_ascii() {
        let bytes = word.as_bytes();
        return bytes.first().is_some_and(u8::is_ascii_lowercase)
            && bytes
                .iter()
                .all(|&b| b.is_ascii_lowercase() || b == b'-' || b == b'\'');
    }
    word.chars().next().is_some_and(char::is_lowercase)
        && word
            .chars()
            .all(|c| c.is_lowercase() || is_hyphen(c) || is_apostrophe(c))
}

/// A capital followed by at least one lowercase letter, no digits: `Putin`, `McCarthy`.
pub(crate) fn is_name_like(word: &str) -> bool {
    if word.is_ascii() {
        let bytes = word.as_bytes();
        return bytes.first().is_some_and(u8::is_ascii_uppercase)
            && bytes.iter().any(u8::is_ascii_lowercase)
            && !bytes.iter().any(u8::is_ascii_digit);
    }
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && word.chars().all(|c| !c.is_numeric())
}
