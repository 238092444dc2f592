//! Brands and terms in the wrong case: `Wordpress` for `WordPress`, `Iphone` for `iPhone`.
//!
//! The built-in list (`terms.txt`) and the house style's `[capitalization] terms` are compiled
//! into one case-insensitive automaton per house style; a house spelling replaces the built-in
//! spelling of the same letters (a desk that writes `Nato` lists it, and `Nato` stands).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::finding::{Edit, Finding, Fix};
use crate::rules::Context;
use crate::rules::Rule;
use crate::rules::capitalization::dictionary;
use crate::rules::capitalization::reading::{Position, Reading};
use crate::span::Span;
use crate::text::is_apostrophe;

/// The fewest words a line needs for its terms to be checked: shorter lines are buttons and
/// menu labels (`Linkedin`), page furniture rather than copy.
const MIN_LINE_WORDS: usize = 3;

/// The house spellings of terms, compiled once per house style.
#[derive(Debug, Default)]
pub(crate) struct Terms {
    matcher: Option<AhoCorasick>,
    /// The house spelling each pattern of `matcher` stands for.
    spellings: Vec<String>,
    /// House spellings by their letters in lowercase, straight apostrophes.
    by_key: HashMap<String, usize>,
}

impl Terms {
    pub fn new(house: &[String]) -> Terms {
        let mut spellings: Vec<String> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let built_in = include_str!("terms.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        for term in built_in.chain(house.iter().map(|t| t.trim())) {
            if term.is_empty() {
                continue;
            }
            // A later spelling (the house style's) replaces an earlier one of the same letters.
            match by_key.get(&key(term)) {
                Some(&i) => spellings[i] = term.to_string(),
                None => {
                    by_key.insert(key(term), spellings.len());
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
        let matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        Terms {
            matcher,
            spellings: of_pattern,
            by_key,
        }
    }

    /// True when the house spells `word` starting with a lowercase letter (`eBay`, `iPhone`).
    pub fn starts_lowercase(&self, word: &str) -> bool {
        self.by_key.contains_key(&key(word)) && word.chars().next().is_some_and(char::is_lowercase)
    }
}

/// A term's letters in lowercase, with straight apostrophes.
fn key(term: &str) -> String {
    term.chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

pub(crate) fn check(cx: &Context<'_>, reading: &Reading, out: &mut Vec<Finding>) {
    let terms = &cx.style.capitalization.terms;
    let Some(matcher) = &terms.matcher else {
        return;
    };
    let prose = cx.doc.prose();
    for m in matcher.find_iter(prose) {
        let span = Span::new(m.start(), m.end());
        let found = span.slice(cx.doc.text);
        let spelling = &terms.spellings[m.pattern().as_usize()];
        // Only case-only differences are flagged; the apostrophe may be straight or curly.
        if key(found) != key(spelling) || same_but_apostrophes(found, spelling) {
            continue;
        }
        // Only whole words are terms: not part of a longer word, an address or a handle.
        if !stands_alone(prose, span) {
            continue;
        }
        if cx.style.is_ignored(found) {
            continue;
        }
        // Only copy: a sentence or a headline, not a share row, a menu or a tag list, nor a
        // line in capitals, where `YOUTUBE` is typography, not a slip.
        let Some(word) = reading
            .words
            .get(reading.words.partition_point(|w| w.span.start < span.start))
            .filter(|w| w.span.start == span.start)
        else {
            continue;
        };
        if !reading.in_copy(word) || reading.lines[word.line].words < MIN_LINE_WORDS {
            continue;
        }
        let mid_sentence = word.position == Position::MidSentence;
        // `blackberry` is a fruit, and so is `Blackberry` starting a sentence.
        let lower = found.to_lowercase();
        let plain_capital = found.chars().skip(1).eq(lower.chars().skip(1));
        if dictionary::is_word(&lower) && (found == lower || (plain_capital && !mid_sentence)) {
            continue;
        }
        // `EBay` and `IPhone` may start a sentence.
        if spelling.starts_with(char::is_lowercase)
            && !mid_sentence
            && found.chars().skip(1).eq(spelling.chars().skip(1))
        {
            continue;
        }
        let replacement = with_apostrophes_of(spelling, found);
        out.push(
            Finding::new(
                Rule::Capitalization,
                span,
                format!("`{found}` is spelled `{replacement}`"),
            )
            .with_fix(Fix::safe(
                format!("Replace with `{replacement}`"),
                vec![Edit::replace(span, replacement.clone())],
            )),
        );
    }
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
