//! The built-in word lists of the boilerplate rule, embedded from the `.txt` files beside this
//! one and compiled once per process.
//!
//! Each list file holds one entry a line; `#` starts a comment and `[noun]` names the kind of
//! furniture for the entries below it (the noun is what messages say: "share buttons").

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// What kind of furniture a cue stands for, as a message names it: "share buttons".
pub(super) type Noun = &'static str;

/// Whole-line labels and section headings: folded line -> noun.
pub(super) struct Labels {
    pub ui: HashMap<&'static str, Noun>,
    pub breaks: HashMap<&'static str, Noun>,
    pub languages: HashSet<&'static str>,
}

/// Phrases found anywhere in a line, with the noun of each pattern.
pub(super) struct Phrases {
    pub automaton: AhoCorasick,
    pub nouns: Vec<Noun>,
}

pub(super) static LABELS: LazyLock<Labels> = LazyLock::new(|| Labels {
    ui: with_nouns(include_str!("ui_labels.txt")).collect(),
    breaks: with_nouns(include_str!("section_breaks.txt")).collect(),
    languages: with_nouns(include_str!("language_names.txt"))
        .map(|(entry, _)| entry)
        .collect(),
});

/// Chrome: share rows, comment forms, promos, prompts.
pub(super) static CHROME: LazyLock<Phrases> =
    LazyLock::new(|| phrases(include_str!("chrome_cues.txt")));

/// Metadata: credits, bylines, tags, timestamps.
pub(super) static METADATA: LazyLock<Phrases> =
    LazyLock::new(|| phrases(include_str!("metadata_cues.txt")));

pub(super) static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    entries(include_str!("stopwords.txt"))
        .flat_map(str::split_whitespace)
        .collect()
});

pub(super) static SHARE_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(entries(include_str!("share_words.txt"))).expect("share words compile")
});

/// The entries of a list file: trimmed, without comments, blank lines or `[noun]` headers.
fn entries(source: &'static str) -> impl Iterator<Item = &'static str> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('['))
}

/// The entries of a list file, each with the noun of the `[noun]` header above it.
fn with_nouns(source: &'static str) -> impl Iterator<Item = (&'static str, Noun)> {
    let mut noun = "page furniture";
    source.lines().map(str::trim).filter_map(move |line| {
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            noun = header;
            return None;
        }
        Some((line, noun))
    })
}

fn phrases(source: &'static str) -> Phrases {
    let (patterns, nouns): (Vec<&str>, Vec<Noun>) = with_nouns(source).unzip();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("built-in phrases compile");
    Phrases { automaton, nouns }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_with_their_nouns() {
        assert_eq!(LABELS.ui.get("facebook"), Some(&"share buttons"));
        assert_eq!(LABELS.breaks.get("related posts"), Some(&"related links"));
        assert!(LABELS.languages.contains("kinyarwanda"));
        assert!(STOPWORDS.contains("the") && STOPWORDS.contains("und"));
        let hit = CHROME
            .automaton
            .find("your email address will not be published.")
            .expect("a comment-form phrase");
        assert_eq!(CHROME.nouns[hit.pattern().as_usize()], "comment form");
        assert!(METADATA.automaton.find("photo: jane doe").is_some());
    }

    #[test]
    fn every_entry_is_lowercase() {
        for source in [
            include_str!("ui_labels.txt"),
            include_str!("section_breaks.txt"),
            include_str!("language_names.txt"),
            include_str!("chrome_cues.txt"),
            include_str!("metadata_cues.txt"),
            include_str!("stopwords.txt"),
            include_str!("share_words.txt"),
        ] {
            for entry in entries(source) {
                assert_eq!(entry, entry.to_lowercase(), "{entry}");
            }
        }
    }
}
