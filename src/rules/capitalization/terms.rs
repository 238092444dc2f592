//! Brands and terms in the wrong case: `Wordpress` for `WordPress`, `Iphone` for `iPhone`.
//!
//! The built-in list (`terms.txt`) and the house style's `[capitalization] terms` are compiled
//! into one case-insensitive automaton per house style; a house spelling replaces the built-in
//! spelling of the same letters (a desk that writes `Nato` lists it, and `Nato` stands).

use std::collections::hash_map::Entry;

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::finding::{Edit, Finding, Fix};
use crate::rules::Context;
use crate::rules::Rule;
use crate::rules::capitalization::dictionary;
use crate::rules::capitalization::reading::{Position, Reading, Words};
use crate::rules::capitalization::replace_with;
use crate::span::Span;
use crate::text::{is_apostrophe, with_lowercase};

/// The fewest words a line needs for its terms to be checked: shorter lines are buttons and
/// menu labels (`Linkedin`), page furniture rather than copy.
const MIN_LINE_WORDS: usize = 3;

/// The house spellings of terms, compiled once per house style.
#[derive(Debug, Default)]
pub(crate) struct Terms {
    /// The spellings as matched: each house spelling, and with a curly apostrophe.
    patterns: Vec<String>,
    /// The patterns again, to tell a house spelling at once.
    exact: FxHashSet<String>,
    /// The house spelling each pattern stands for.
    spellings: Vec<String>,
    /// House spellings by their letters in lowercase, straight apostrophes.
    by_key: FxHashMap<String, usize>,
    finder: Finder,
}

/// How the terms are found in the copy.
#[derive(Debug, Default)]
enum Finder {
    #[default]
    Nothing,
    /// Looked up at each word start (see [`Starts`]).
    Starts(Starts),
    /// Searched for everywhere, for house terms that may overlap a word start inside
    /// another term (`New York Times` and `Times Square`).
    Automaton(AhoCorasick),
}

impl Terms {
    pub fn new(house: &[String]) -> Terms {
        let mut spellings: Vec<String> = Vec::new();
        let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
        let built_in = include_str!("terms.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        for term in built_in.chain(house.iter().map(|t| t.trim())) {
            if term.is_empty() {
                continue;
            }
            // A later spelling (the house style's) replaces an earlier one of the same letters.
            match by_key.entry(key(term)) {
                Entry::Occupied(i) => spellings[*i.get()] = term.to_string(),
                Entry::Vacant(slot) => {
                    slot.insert(spellings.len());
                    spellings.push(term.to_string());
                }
            }
        }
        let mut patterns: Vec<String> = Vec::with_capacity(spellings.len());
        let mut of_pattern: Vec<String> = Vec::with_capacity(spellings.len());
        for spelling in &spellings {
            patterns.push(spelling.clone());
            of_pattern.push(spelling.clone());
            if spelling.contains('\'') {
                patterns.push(spelling.replace('\'', "’"));
                of_pattern.push(spelling.clone());
            }
        }
        let finder = match Starts::new(&patterns) {
            Some(starts) => Finder::Starts(starts),
            None => automaton(&patterns).map_or(Finder::Nothing, Finder::Automaton),
        };
        Terms {
            exact: patterns.iter().cloned().collect(),
            patterns,
            spellings: of_pattern,
            by_key,
            finder,
        }
    }

    /// True when the house spells `word` starting with a lowercase letter (`eBay`, `iPhone`).
    pub fn starts_lowercase(&self, word: &str) -> bool {
        // An ASCII word's key is the word in lowercase.
        let listed = if word.is_ascii() {
            with_lowercase(word, |lower| self.by_key.contains_key(lower))
        } else {
            self.by_key.contains_key(&key(word))
        };
        listed && word.chars().next().is_some_and(char::is_lowercase)
    }

    /// True when `text` is a term spelt exactly as the house (or the built-in list) spells it
    /// (`WhatsApp`, never `Whatsapp`), with either apostrophe: the patterns are those spellings.
    pub fn is_house_spelling(&self, text: &str) -> bool {
        self.exact.contains(text)
    }

    /// Calls `found` with each term that starts a word of the copy: the word's index, the
    /// term's span and its pattern. These are the matches, starting at a word, of a
    /// leftmost-longest search for the terms through the prose (ASCII letters in any case).
    fn for_each_at_word_start(
        &self,
        prose: &str,
        words: Words<'_>,
        mut found: impl FnMut(usize, Span, usize),
    ) {
        match &self.finder {
            Finder::Nothing => {}
            Finder::Starts(starts) => {
                for (i, w) in words.iter().enumerate() {
                    if let Some((pattern, end)) =
                        starts.find_at(&self.patterns, prose, w.span().start)
                    {
                        found(i, Span::new(w.span().start, end), pattern);
                    }
                }
            }
            Finder::Automaton(matcher) => {
                for m in matcher.find_iter(prose) {
                    let i = words.first_from(m.start());
                    if words.get(i).is_some_and(|w| w.span().start == m.start()) {
                        found(i, Span::new(m.start(), m.end()), m.pattern().as_usize());
                    }
                }
            }
        }
    }
}

fn automaton(patterns: &[String]) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .ok()
}

/// The terms by their first bytes (ASCII letters in lowercase), to look them up where a word
/// starts rather than search every byte of the copy.
///
/// Only a term that starts a word can be flagged, and a search finds every term at a word
/// start unless an earlier match runs over that word start. That takes a term with a word
/// start inside it (after a space or a dash, not after the apostrophe of `McDonald's`) where
/// another term could begin; for such lists the automaton searches instead.
#[derive(Debug)]
struct Starts {
    /// Bit [`filter_bit`] of the first four bytes of each pattern is set (of each first four
    /// bytes a word may start with, for a shorter pattern): a word start without its bit
    /// starts no pattern.
    filter: Box<[u64; FILTER_WORDS]>,
    /// The patterns by the key of their first two bytes, longest first.
    by_start: FxHashMap<u16, Vec<usize>>,
}

impl Starts {
    fn new(patterns: &[String]) -> Option<Starts> {
        let mut starts = Starts {
            filter: Box::new([0; FILTER_WORDS]),
            by_start: FxHashMap::default(),
        };
        for (i, pattern) in patterns.iter().enumerate() {
            let &[a, b, ..] = pattern.as_bytes() else {
                return None;
            };
            if patterns[..i]
                .iter()
                .any(|p| p.eq_ignore_ascii_case(pattern))
                || has_inner_word_start(pattern, patterns)
            {
                return None;
            }
            // A shorter pattern may start a word with any bytes after it.
            let any = |n: usize| {
                let low = pattern.as_bytes().get(n).map(|&c| c & 31);
                low.map_or(0..32, |c| c..c + 1)
            };
            for c in any(2) {
                for d in any(3) {
                    let bit = filter_bit(u32::from_le_bytes([a, b, c, d]));
                    starts.filter[bit / 64] |= 1 << (bit % 64);
                }
            }
            let key = pair_key(a, b);
            starts.by_start.entry(key).or_default().push(i);
        }
        for list in starts.by_start.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(patterns[i].len()));
        }
        Some(starts)
    }

    /// The longest pattern at byte `at` of the prose, and where it ends.
    #[inline(always)]
    fn find_at(&self, patterns: &[String], prose: &str, at: usize) -> Option<(usize, usize)> {
        let bytes = prose.as_bytes();
        // Past the end of the prose, any byte will do: no pattern goes on there.
        // Read as one number: the filter turns most words away.
        let four = match bytes.get(at..).and_then(|b| b.first_chunk::<4>()) {
            Some(&four) => u32::from_le_bytes(four),
            None => {
                let (&a, &b) = (bytes.get(at)?, bytes.get(at + 1)?);
                u32::from_le_bytes([a, b, bytes.get(at + 2).copied().unwrap_or(0), 0])
            }
        };
        let bit = filter_bit(four);
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let [a, b, ..] = four.to_le_bytes();
        let key = pair_key(a, b);
        self.by_start.get(&key)?.iter().find_map(|&i| {
            let pattern = patterns[i].as_bytes();
            let end = at + pattern.len();
            bytes
                .get(at..end)
                .is_some_and(|there| there.eq_ignore_ascii_case(pattern))
                .then_some((i, end))
        })
    }
}

/// The size of the filter of [`Starts`], in bits, as a power of two.
const FILTER_BITS: u32 = 16;
const FILTER_WORDS: usize = (1 << FILTER_BITS) / 64;

/// The key of a pattern's or a word's first two bytes: in ASCII lowercase.
#[inline]
fn pair_key(a: u8, b: u8) -> u16 {
    u16::from_le_bytes([a.to_ascii_lowercase(), b.to_ascii_lowercase()])
}

/// The filter bit for the first four bytes of a pattern or a word: of their low five bits,
/// the same for an ASCII letter in either case.
#[inline(always)]
fn filter_bit(four: u32) -> usize {
    let x = u64::from(four & 0x1f1f_1f1f);
    (x.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - FILTER_BITS)) as usize
}

/// True when a word may start inside `pattern` where a pattern could match: after a
/// character that does not join two letters into one word (`New York`, not `O'Brien`).
fn has_inner_word_start(pattern: &str, patterns: &[String]) -> bool {
    let chars: Vec<(usize, char)> = pattern.char_indices().collect();
    (1..chars.len()).any(|k| {
        let (at, c) = chars[k];
        let (_, before) = chars[k - 1];
        let joined = (is_apostrophe(before) || crate::text::is_hyphen(before))
            && k >= 2
            && chars[k - 2].1.is_alphanumeric();
        if !c.is_alphanumeric() || before.is_alphanumeric() || joined {
            return false;
        }
        let rest = &pattern.as_bytes()[at..];
        patterns.iter().any(|p| {
            let n = p.len().min(rest.len());
            p.as_bytes()[..n].eq_ignore_ascii_case(&rest[..n])
        })
    })
}

/// A term's letters in lowercase, with straight apostrophes.
fn key(term: &str) -> String {
    term.chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when `a` and `b` have the same [`key`].
fn same_key(a: &str, b: &str) -> bool {
    let letters = |s: &str| {
        s.chars()
            .map(|c| if is_apostrophe(c) { '\'' } else { c })
            .flat_map(char::to_lowercase)
            .collect::<Vec<char>>()
    };
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    letters(a) == letters(b)
}

#[inline(never)]
pub(crate) fn check(cx: &Context<'_>, reading: &Reading, out: &mut Vec<Finding>) {
    let terms = &cx.style.capitalization.terms;
    let prose = cx.doc.prose();
    // The finding for each spelling flagged, by the spelling and the term: the same again
    // repeats it.
    let mut first: FxHashMap<(&str, usize), usize> = FxHashMap::default();
    terms.for_each_at_word_start(prose, reading.words(), |i, span, pattern| {
        let found = span.slice(cx.doc.text);
        let spelling = &terms.spellings[pattern];
        // Only case-only differences are flagged; the apostrophe may be straight or curly.
        if found == spelling || !same_key(found, spelling) || same_but_apostrophes(found, spelling)
        {
            return;
        }
        // Only whole words are terms: not part of a longer word, an address or a handle.
        if !stands_alone(prose, span) {
            return;
        }
        if cx.style.is_ignored(found) {
            return;
        }
        // Only copy: a sentence or a headline, not a share row, a menu or a tag list, nor a
        // line in capitals, where `YOUTUBE` is typography, not a slip.
        let word = &reading.words().at(i);
        if !reading.in_copy(word) || reading.lines[word.line()].words < MIN_LINE_WORDS {
            return;
        }
        let mid_sentence = word.position == Position::MidSentence;
        // `blackberry` is a fruit, and so is `Blackberry` starting a sentence.
        let ordinary_word = with_lowercase(found, |lower| {
            let plain_capital = found.chars().skip(1).eq(lower.chars().skip(1));
            (found == lower || (plain_capital && !mid_sentence)) && dictionary::is_word(lower)
        });
        if ordinary_word {
            return;
        }
        // `EBay` and `IPhone` may start a sentence.
        if spelling.starts_with(char::is_lowercase)
            && !mid_sentence
            && found.chars().skip(1).eq(spelling.chars().skip(1))
        {
            return;
        }
        if let Some(&at) = first.get(&(found, pattern)) {
            let again = out[at].repeat_at(span.start);
            out.push(again);
            return;
        }
        first.insert((found, pattern), out.len());
        let replacement = with_apostrophes_of(spelling, found);
        let message = ["`", found, "` is spelled `", &replacement, "`"].concat();
        let title = replace_with(&replacement);
        out.push(
            Finding::new(Rule::Capitalization, span, message)
                .with_fix(Fix::safe(title, [Edit::replace(span, replacement)])),
        );
    });
}

fn same_but_apostrophes(found: &str, spelling: &str) -> bool {
    found.chars().count() == spelling.chars().count()
        && found
            .chars()
            .zip(spelling.chars())
            .all(|(a, b)| a == b || (is_apostrophe(a) && is_apostrophe(b)))
}

/// The house spelling, with the apostrophes the copy uses.
fn with_apostrophes_of(spelling: &str, found: &str) -> String {
    let Some(apostrophe) = found.chars().find(|&c| is_apostrophe(c)) else {
        return spelling.to_string();
    };
    spelling
        .chars()
        .map(|c| if is_apostrophe(c) { apostrophe } else { c })
        .collect()
}

/// True when the match is a whole word: not glued to letters or digits (a plural or
/// possessive `s` aside), and not part of an address, a path, a handle or a hashtag.
pub(crate) fn stands_alone(prose: &str, span: Span) -> bool {
    let before = prose[..span.start].chars().next_back();
    if before
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '@' | '#' | '.' | '/' | '_' | '\\'))
    {
        return false;
    }
    let mut after = prose[span.end..].chars();
    let mut next = after.next();
    if next == Some('s') {
        next = after.next();
    }
    match next {
        None => true,
        // `linkedin-in`, `facebook-f`: an icon's name, not copy.
        Some(c) if crate::text::is_hyphen(c) => {
            after.take_while(|c| c.is_alphanumeric()).count() > 2
        }
        Some(c) if c.is_alphanumeric() || matches!(c, '@' | '/' | '_' | '\\') => false,
        // `paypal.com`
        Some('.') => !after.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format};
    use crate::rules::capitalization::reading::read;

    /// The terms at word starts, as the finder of `terms` sees them.
    fn found(terms: &Terms, text: &str) -> Vec<(Span, usize)> {
        let doc = Document::new(text, Format::Markdown);
        let reading = read(&doc);
        let mut found = Vec::new();
        terms.for_each_at_word_start(doc.prose(), reading.words(), |_, span, pattern| {
            found.push((span, pattern));
        });
        found
    }

    #[test]
    fn word_starts_find_what_the_automaton_finds() {
        let mut terms = Terms::new(&["Nato".to_string(), "New York Times".to_string()]);
        assert!(matches!(terms.finder, Finder::Starts(_)));
        let text = "Youtube's Youtubers and YOUTUBE, anti-Youtube, xYoutube, Paypals, \
                    paypal.com, @paypal and mcdonald’s or McDonald's; xO'Brien and O'brien, \
                    McGraw-hill, iphone-y Iphones. nato and NATO-led, the new york times, \
                    `Wordpress` [Tiktok](https://tiktok.com), GitHubber, Linkedin\nlinkedin";
        let by_starts = found(&terms, text);
        assert!(by_starts.len() > 15, "{by_starts:?}");
        terms.finder = Finder::Automaton(automaton(&terms.patterns).expect("builds"));
        assert_eq!(by_starts, found(&terms, text));
    }

    #[test]
    fn short_terms_pass_the_filter_at_any_word_start() {
        let mut terms = Terms::new(&["Qx".to_string()]);
        assert!(matches!(terms.finder, Finder::Starts(_)));
        let text = "qx QXs ios IOS7 iOs, phd's Qx-ray and at the end qx";
        let by_starts = found(&terms, text);
        assert_eq!(by_starts.len(), 8, "{by_starts:?}");
        terms.finder = Finder::Automaton(automaton(&terms.patterns).expect("builds"));
        assert_eq!(by_starts, found(&terms, text));
    }

    #[test]
    fn terms_that_may_start_inside_another_are_searched_for() {
        let terms = Terms::new(&["New York Times".to_string(), "Times Square".to_string()]);
        assert!(matches!(terms.finder, Finder::Automaton(_)));
        // The search that finds `new york times` passes over `times square`.
        assert_eq!(found(&terms, "the new york times square").len(), 1);
        let terms = Terms::new(&["Ab".to_string(), "a".to_string()]);
        assert!(matches!(terms.finder, Finder::Automaton(_)));
    }
}
