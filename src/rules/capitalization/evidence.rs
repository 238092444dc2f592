//! What the copy itself shows about its words' case: how often each word stands lowercase,
//! and how (and how often) it is capitalized, mid-sentence or anywhere in running copy.
//!
//! Gathered in one pass over the words; each distinct word (in lowercase, without a
//! possessive) gets one tally, and each lowercase word of the reading points at its own.

use std::borrow::Cow;
use std::cell::Cell;

use rustc_hash::FxHashMap;

use crate::rules::capitalization::dictionary;
use crate::rules::capitalization::reading::{LineKind, Position, Reading, Word};
use crate::rules::capitalization::titles;
use crate::rules::capitalization::vocabulary::{Key, Vocabulary};
use crate::text::{byte_class, class, is_apostrophe, is_hyphen, strip_possessive, with_lowercase};

/// The share of distinct lowercase words the dictionary must know for copy to read as English.
const MIN_ENGLISH_PERCENT: usize = 75;

/// The fewest distinct lowercase words that tell the language; short copy is taken as English.
const MIN_WORDS_TO_TELL_LANGUAGE: usize = 20;

/// The most distinct lowercase words asked about to tell the language: the first ones the copy
/// uses. The longest story of the evaluation kit (3,555 words) has about 1,100; past that,
/// more words only cost dictionary look-ups (a megabyte of copy has some 13,000) without
/// changing the answer for copy in one language.
const MAX_WORDS_TO_TELL_LANGUAGE: usize = 2_000;

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

/// Bits of a word's entry in [`Evidence::word_tallies`]: its tally's id, and marks. Copy has
/// far fewer than 2^29 distinct words (a megabyte of stories about 13,500); past that, only
/// in gigabytes of made-up words, ids would run into the marks and words be misjudged, never
/// read out of bounds.
const ID: u32 = (1 << 29) - 1;
/// Marks a word of the reading without a tally.
const NO_TALLY: u32 = ID;
/// Marks a lowercase word.
const LOWERCASE: u32 = 1 << 31;
/// Marks a word that may be a title (see [`titles::is_title`]).
const TITLE: u32 = 1 << 30;
/// Marks a lowercase word that may be a name wherever it stands: no dictionary knows it, and
/// the copy capitalizes it somewhere in running copy. Set once every word is gathered.
const MAY_BE_NAME: u32 = 1 << 29;

/// What the copy shows about its words' case.
#[derive(Debug)]
pub(crate) struct Evidence<'t> {
    /// The distinct words: lowercase words, and capitalized words in lowercase.
    vocabulary: Vocabulary<'t>,
    /// Each distinct word's tally, by its id.
    tallies: Vec<Tally<'t>>,
    /// For each word of the reading: its tally, when it is a lowercase word or a capitalized
    /// one (the tally of the word in lowercase), and marks.
    word_tallies: Vec<u32>,
}

/// What a word (without a possessive) is, as far as case goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// [`is_lowercase_word`].
    Lowercase,
    /// [`is_name_like`], in ASCII.
    AsciiName,
    /// [`is_name_like`].
    Name,
    Other,
}

impl Shape {
    /// The shape of `word`, whose bytes' [`class`] bits or-ed together are `classes`.
    #[inline]
    fn of(word: &str, classes: u8) -> Shape {
        let Some(&first) = word.as_bytes().first() else {
            return Shape::Other;
        };
        if classes & class::NON_ASCII != 0 {
            return if is_lowercase_word(word) {
                Shape::Lowercase
            } else if is_name_like(word) {
                Shape::Name
            } else {
                Shape::Other
            };
        }
        if first.is_ascii_lowercase() && classes & !(class::LOWER | class::JOINER) == 0 {
            Shape::Lowercase
        } else if first.is_ascii_uppercase()
            && classes & class::LOWER != 0
            && classes & class::DIGIT == 0
        {
            Shape::AsciiName
        } else {
            Shape::Other
        }
    }
}

/// Marks a spelling not yet worked out, in [`Evidence::gather`]. (No entry has every bit
/// set: only a word with a tally is marked lowercase.)
const UNSET: u32 = u32::MAX;

/// What one spelling of the copy is to the tallies, worked out at its first use (eight
/// bytes: a long story has thousands).
#[derive(Clone, Copy)]
struct Spelling {
    /// Its entry in [`Evidence::word_tallies`].
    entry: u32,
    /// For a capitalized word, its length without a possessive; else zero.
    capitalized: u32,
}

impl<'t> Evidence<'t> {
    /// Gathers the evidence of the copy's words, whose spellings are numbered below `forms`.
    pub fn gather(text: &'t str, reading: &Reading, forms: usize) -> Self {
        // About how many distinct words a story of this length has (Heaps' law).
        let n = reading.words().len();
        let distinct = n.min(16 * n.isqrt());
        // Room for every distinct word, not to grow the lists (a copy costs more than room):
        // each is one or more of the copy's spellings in lowercase.
        let room = forms.min(n);
        let mut evidence = Evidence {
            vocabulary: Vocabulary::with_capacity(distinct),
            tallies: Vec::with_capacity(room),
            word_tallies: vec![NO_TALLY; n],
        };
        // Each tally's lowercase count and marks, apart from the tallies while counting: a
        // story's every word touches them.
        let mut lowercase: Vec<usize> = Vec::with_capacity(room);
        let mut marks: Vec<u32> = Vec::with_capacity(room);
        // Each spelling's entry: a word is worked out once per spelling, not once per use.
        let mut spellings = vec![
            Spelling {
                entry: UNSET,
                capitalized: 0,
            };
            forms
        ];
        for (i, w) in reading.words().iter().enumerate() {
            let spelling = match spellings.get(w.form() as usize) {
                Some(known) if known.entry != UNSET => *known,
                _ => {
                    let spelling = evidence.spell(text, &w, &mut lowercase, &mut marks);
                    if let Some(slot) = spellings.get_mut(w.form() as usize) {
                        *slot = spelling;
                    }
                    spelling
                }
            };
            evidence.word_tallies[i] = spelling.entry;
            let id = (spelling.entry & ID) as usize;
            if spelling.entry & LOWERCASE != 0 {
                lowercase[id] += 1;
                continue;
            }
            if spelling.capitalized == 0 {
                continue;
            }
            // The same bytes wherever the spelling stands.
            let word = &text[w.span().start..w.span().start + spelling.capitalized as usize];
            // Headlines capitalize every word: they show nothing.
            if !matches!(reading.line_kind(&w), LineKind::Prose | LineKind::ListItem) {
                continue;
            }
            let tally = &mut evidence.tallies[id];
            count(&mut tally.anywhere, word);
            if w.position == Position::MidSentence {
                count(&mut tally.capitalized, word);
            }
        }
        for (tally, count) in evidence.tallies.iter_mut().zip(lowercase) {
            tally.lowercase = count;
        }
        // The words that may be names wherever they stand in lowercase, marked on each of
        // their uses for [`Evidence::next_may_be_name`] to pass the rest by.
        let may_be_name: Vec<bool> = (evidence.tallies.iter().enumerate())
            .map(|(id, t)| {
                t.lowercase > 0
                    && t.anywhere.is_some()
                    && !t.is_word(evidence.vocabulary.word(id as u32))
            })
            .collect();
        if may_be_name.contains(&true) {
            for entry in &mut evidence.word_tallies {
                if *entry & LOWERCASE != 0 && may_be_name[(*entry & ID) as usize] {
                    *entry |= MAY_BE_NAME;
                }
            }
        }
        evidence
    }

    /// Works out the spelling of word `w`: its tally (numbering the word, in lowercase and
    /// without a possessive, if new) and its marks.
    fn spell(
        &mut self,
        text: &'t str,
        w: &Word,
        lowercase: &mut Vec<usize>,
        marks: &mut Vec<u32>,
    ) -> Spelling {
        let span = w.span();
        let (id, capitalized) = if w.classes() == class::LOWER {
            // Most words: ASCII lowercase letters, with no possessive to strip, as they
            // stand in the text.
            let word = || span.slice(text);
            let id = match Key::at(text, span.start, span.len()) {
                Some(key) => self.vocabulary.id_of_key(key, || Cow::Borrowed(word())),
                None => self.vocabulary.id_of(word()),
            };
            (id, None)
        } else {
            let written = span.slice(text);
            let word = strip_possessive(written);
            let classes = if word.len() == written.len() {
                w.classes()
            } else {
                word.bytes().fold(0, |seen, b| seen | byte_class(b))
            };
            match Shape::of(word, classes) {
                Shape::Lowercase => {
                    let id = match Key::at(text, span.start, word.len()) {
                        Some(key) => self.vocabulary.id_of_key(key, || Cow::Borrowed(word)),
                        None => self.vocabulary.id_of(word),
                    };
                    (id, None)
                }
                Shape::AsciiName => {
                    let id = match Key::at(text, span.start, word.len()) {
                        Some(key) => {
                            let lower = key.ascii_lowercase();
                            self.vocabulary
                                .id_of_key(lower, || Cow::Owned(lower.text()))
                        }
                        None => with_lowercase(word, |lower| self.vocabulary.id_of_string(lower)),
                    };
                    (id, Some(word))
                }
                Shape::Name => (
                    with_lowercase(word, |lower| self.vocabulary.id_of_string(lower)),
                    Some(word),
                ),
                Shape::Other => {
                    let entry = if titles::is_title(written) {
                        NO_TALLY | TITLE
                    } else {
                        NO_TALLY
                    };
                    return Spelling {
                        entry,
                        capitalized: 0,
                    };
                }
            }
        };
        if id as usize == self.tallies.len() {
            let title = titles::may_be_title(self.vocabulary.word(id));
            self.tallies.push(Tally::default());
            lowercase.push(0);
            marks.push(if title { TITLE } else { 0 });
        }
        let entry = id | marks[id as usize];
        match capitalized {
            None => Spelling {
                entry: entry | LOWERCASE,
                capitalized: 0,
            },
            // A word is never empty, nor 4 GiB long.
            Some(word) => Spelling {
                entry,
                capitalized: word.len() as u32,
            },
        }
    }

    /// True when a word among the [`titles::MAX_WORDS_BEFORE`] before word `i` may be a title.
    pub fn may_follow_title(&self, i: usize) -> bool {
        self.word_tallies[i.saturating_sub(titles::MAX_WORDS_BEFORE)..i]
            .iter()
            .any(|&t| t & TITLE != 0)
    }

    /// The tally of `lowercase`, when the copy has the word.
    pub fn tally(&self, lowercase: &str) -> Option<&Tally<'t>> {
        self.vocabulary
            .get(lowercase)
            .map(|id| &self.tallies[id as usize])
    }

    /// The first word from word `from` on that may be a name: a lowercase word that may
    /// follow a title ([`Evidence::may_follow_title`]) or that no dictionary knows and the
    /// copy capitalizes somewhere ([`Evidence::lowercase_word_capitalized_elsewhere`]). The
    /// number of words when none is.
    pub fn next_may_be_name(&self, from: usize) -> usize {
        let entries = &self.word_tallies;
        // How many words back the last that may be a title stands (more than enough when
        // none is near).
        let window = titles::MAX_WORDS_BEFORE;
        let mut since_title = (1..=window.min(from))
            .find(|&back| entries[from - back] & TITLE != 0)
            .unwrap_or(window + 1);
        let mut i = from;
        while i < entries.len() {
            if since_title > window {
                // Far from a title, only a title or a word marked as a possible name matters.
                match first_marked(&entries[i..], TITLE | MAY_BE_NAME) {
                    Some(skipped) => i += skipped,
                    None => return entries.len(),
                }
            }
            let entry = entries[i];
            if entry & LOWERCASE != 0 && (entry & MAY_BE_NAME != 0 || since_title <= window) {
                return i;
            }
            since_title = if entry & TITLE != 0 {
                1
            } else {
                (since_title + 1).min(window + 1)
            };
            i += 1;
        }
        entries.len()
    }

    /// The tally of word `i` of the reading when it is a lowercase word that the copy
    /// capitalizes somewhere in running copy.
    pub fn lowercase_word_capitalized_elsewhere(&self, i: usize) -> Option<&Tally<'t>> {
        let entry = self.word_tallies[i];
        let id = (entry & ID) as usize;
        (entry & LOWERCASE != 0 && self.tallies[id].anywhere.is_some()).then(|| &self.tallies[id])
    }

    /// The tally of word `i` of the reading when it is a lowercase word.
    pub fn lowercase_word(&self, i: usize) -> Option<&Tally<'t>> {
        let entry = self.word_tallies[i];
        (entry & LOWERCASE != 0).then(|| &self.tallies[(entry & ID) as usize])
    }

    /// The tally of word `i` of the reading: a lowercase word, or a capitalized word in
    /// running copy (the tally of the word in lowercase).
    pub fn word(&self, i: usize) -> Option<&Tally<'t>> {
        match self.word_tallies[i] & ID {
            NO_TALLY => None,
            id => Some(&self.tallies[id as usize]),
        }
    }

    /// How the copy capitalizes `lowercase` mid-sentence.
    pub fn capitalized(&self, lowercase: &str) -> Option<&Capitalized<'t>> {
        self.tally(lowercase)?.capitalized.as_ref()
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
    ///
    /// Verdicts `kept` from an earlier check are taken before the dictionary is asked; the
    /// ids of the words it was asked about are added to `asked`.
    pub fn reads_as_english(&self, kept: Option<&Verdicts>, asked: &mut Vec<u32>) -> bool {
        let lowercase = || {
            self.tallies
                .iter()
                .enumerate()
                .map(|(id, tally)| (id as u32, self.vocabulary.word(id as u32), tally))
                .filter(|(_, word, tally)| tally.lowercase > 0 && word.len() > 2)
                .take(MAX_WORDS_TO_TELL_LANGUAGE)
        };
        let all = lowercase().count();
        if all < MIN_WORDS_TO_TELL_LANGUAGE {
            return true;
        }
        let mut is_word = |id: u32, word: &str, tally: &Tally<'_>| {
            if tally.known.get().is_none()
                && let Some(known) = kept.and_then(|v| v.get(word))
            {
                tally.known.set(Some(known));
            }
            if tally.known.get().is_none() {
                asked.push(id);
            }
            tally.is_word(word)
        };
        // Asks the dictionary until the share is settled either way.
        let (mut known, mut unknown) = (0usize, 0usize);
        for (id, word, tally) in lowercase() {
            if is_word(id, word, tally) {
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

/// The dictionary's verdicts on one document's words, kept from one check to the next (see
/// [`crate::memo`]). The dictionary never changes, so a kept verdict is always right. Between
/// keystrokes the dictionary's table (120,000 words) leaves the processor's caches, and a
/// story asks it about hundreds of words; this table holds only the story's own.
#[derive(Debug, Default)]
pub(crate) struct Verdicts {
    short: FxHashMap<Key, bool>,
    long: FxHashMap<Box<str>, bool>,
}

impl Verdicts {
    fn get(&self, word: &str) -> Option<bool> {
        match Key::of(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    fn insert(&mut self, word: &str, known: bool) {
        match Key::of(word) {
            Some(key) => self.short.insert(key, known),
            None => self.long.insert(word.into(), known),
        };
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }
}

impl Evidence<'_> {
    /// Keeps the verdicts this check asked the dictionary for, the words `asked` by
    /// [`Evidence::reads_as_english`]. Words the copy no longer holds are dropped once they
    /// outnumber its own.
    pub fn keep_verdicts(&self, asked: &[u32], kept: &mut Verdicts) {
        if kept.len() > 2 * self.tallies.len() + 1024 {
            *kept = Verdicts::default();
            for (id, tally) in self.tallies.iter().enumerate() {
                if let Some(known) = tally.known.get() {
                    kept.insert(self.vocabulary.word(id as u32), known);
                }
            }
            return;
        }
        for &id in asked {
            if let Some(known) = self.tallies[id as usize].known.get() {
                kept.insert(self.vocabulary.word(id), known);
            }
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
    // ASCII letters settle it, byte by byte.
    let mut ascii = true;
    for (i, &b) in word.as_bytes().iter().enumerate() {
        let class = byte_class(b);
        if class & class::NON_ASCII != 0 {
            ascii = false;
            break;
        }
        let allowed = if i == 0 {
            class::LOWER
        } else {
            class::LOWER | class::JOINER
        };
        if class & allowed == 0 {
            return false;
        }
    }
    if ascii {
        return !word.is_empty();
    }
    word.chars().next().is_some_and(char::is_lowercase)
        && word
            .chars()
            .all(|c| c.is_lowercase() || is_hyphen(c) || is_apostrophe(c))
}

/// A capital followed by at least one lowercase letter, no digits: `Putin`, `McCarthy`.
pub(crate) fn is_name_like(word: &str) -> bool {
    // ASCII letters settle it, byte by byte.
    let mut seen = 0;
    for (i, &b) in word.as_bytes().iter().enumerate() {
        let class = byte_class(b);
        if class & class::NON_ASCII != 0 {
            seen = class::NON_ASCII;
            break;
        }
        if (i == 0 && class != class::UPPER) || class & class::DIGIT != 0 {
            return false;
        }
        seen |= class;
    }
    if seen & class::NON_ASCII == 0 {
        return seen & class::LOWER != 0;
    }
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && word.chars().all(|c| !c.is_numeric())
}

/// The index of the first of `entries` with a bit of `marks`. Most entries have none: they
/// are read sixteen at a time.
fn first_marked(entries: &[u32], marks: u32) -> Option<usize> {
    let mut skipped = 0;
    for chunk in entries.chunks_exact(16) {
        if chunk.iter().fold(0, |seen, &e| seen | e) & marks != 0 {
            break;
        }
        skipped += 16;
    }
    entries[skipped..]
        .iter()
        .position(|&e| e & marks != 0)
        .map(|at| skipped + at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format};
    use crate::rules::capitalization::reading;

    #[test]
    fn the_next_word_that_may_be_a_name_is_the_first_from_there() {
        for text in [
            "Secretary of State marco rubio met the Minister. Rubio and rubio again; marco.",
            "the president said that Wierzbicki and wierzbicki met Senator tom and the senator",
            "marco Marco marco. Gov. jane doe",
            "",
        ] {
            let doc = Document::new(text, Format::PlainText);
            let reading = reading::read(&doc);
            let evidence = Evidence::gather(text, &reading, doc.forms().len());
            let n = reading.words().len();
            // Word by word, as the definition reads.
            let may_be_name = |i: usize| {
                let entry = evidence.word_tallies[i];
                let id = (entry & ID) as usize;
                entry & LOWERCASE != 0
                    && ((evidence.tallies[id].anywhere.is_some()
                        && !evidence.tallies[id].is_word(evidence.vocabulary.word(id as u32)))
                        || evidence.may_follow_title(i))
            };
            let mut some = false;
            for from in 0..=n {
                let expected = (from..n).find(|&i| may_be_name(i)).unwrap_or(n);
                assert_eq!(
                    evidence.next_may_be_name(from),
                    expected,
                    "{text:?} from {from}"
                );
                some |= expected < n;
            }
            assert_eq!(some, !text.is_empty(), "{text:?}");
        }
    }
}
