//! The built-in word lists of the boilerplate rule, embedded from the `.txt` files beside this
//! one and compiled once per process.
//!
//! Each list file holds one entry a line; `#` starts a comment and `[noun]` names the kind of
//! furniture for the entries below it (the noun is what messages say: "share buttons").

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::{AhoCorasick, Anchored, MatchKind, dfa};

/// A set keyed by short strings or hashes, with a hasher much cheaper than SipHash (the keys
/// are the built-in lists and line hashes, not input an attacker chooses).
pub(super) type FastSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;
pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The multiply-rotate hash of rustc (`FxHasher`).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
        }
    }

    fn write_u64(&mut self, value: u64) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(SEED);
    }

    fn write_u8(&mut self, value: u8) {
        self.write_u64(u64::from(value));
    }

    fn write_usize(&mut self, value: usize) {
        self.write_u64(value as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// What kind of furniture a cue stands for, as a message names it: "share buttons".
pub(super) type Noun = &'static str;

/// Whole-line labels and section headings: folded line -> noun.
pub(super) struct Labels {
    pub ui: FastMap<&'static str, Noun>,
    pub breaks: FastMap<&'static str, Noun>,
    pub languages: FastSet<&'static str>,
}

/// Phrases found anywhere in a line: chrome and metadata in one automaton, so a line is
/// searched once. Each pattern has its noun and says whether it is chrome, and whether it
/// counts only at the end of a line (written with a `$` after it in the list).
pub(super) struct Phrases {
    /// The patterns, leftmost-longest, as a DFA walked by [`Phrases::find_each`].
    automaton: dfa::DFA,
    pub nouns: Vec<Noun>,
    pub chrome: Vec<bool>,
    pub at_end: Vec<bool>,
}

impl Phrases {
    /// Calls `found` with the pattern and the end of each phrase in `haystack`, in order:
    /// the leftmost-longest matches that do not overlap, as `AhoCorasick::find_iter` finds
    /// them. Short lines are searched by the thousand, so the walk is written out here: a
    /// byte costs a table look-up and a comparison.
    pub fn find_each(&self, haystack: &str, mut found: impl FnMut(usize, usize)) {
        let dfa = &self.automaton;
        let Ok(start) = dfa.start_state(Anchored::No) else {
            return;
        };
        let bytes = haystack.as_bytes();
        let mut from = 0;
        loop {
            // One search from `from`: the last match state seen, until the automaton dies
            // (a longer match is no longer possible) or the bytes run out.
            let (mut state, mut last) = (start, None);
            let mut at = from;
            while at < bytes.len() {
                state = dfa.next_state(Anchored::No, state, bytes[at]);
                at += 1;
                if dfa.is_special(state) {
                    if dfa.is_dead(state) {
                        break;
                    }
                    last = Some((dfa.match_pattern(state, 0).as_usize(), at));
                }
            }
            // No phrase is empty, so the next search starts further on.
            let Some((pattern, end)) = last else {
                return;
            };
            found(pattern, end);
            from = end;
        }
    }
}

pub(super) static LABELS: LazyLock<Labels> = LazyLock::new(|| Labels {
    ui: with_nouns(include_str!("ui_labels.txt")).collect(),
    breaks: with_nouns(include_str!("section_breaks.txt")).collect(),
    languages: with_nouns(include_str!("language_names.txt"))
        .map(|(entry, _)| entry)
        .collect(),
});

/// Chrome (share rows, comment forms, promos, prompts) and metadata (credits, bylines, tags,
/// timestamps).
pub(super) static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let chrome = with_nouns(include_str!("chrome_cues.txt")).map(|(p, n)| (p, n, true));
    let metadata = with_nouns(include_str!("metadata_cues.txt")).map(|(p, n)| (p, n, false));
    let mut patterns = Vec::new();
    let mut nouns = Vec::new();
    let mut is_chrome = Vec::new();
    let mut at_end = Vec::new();
    for (pattern, noun, chrome) in chrome.chain(metadata) {
        let (pattern, end) = match pattern.strip_suffix('$') {
            Some(pattern) => (pattern, true),
            None => (pattern, false),
        };
        patterns.push(pattern);
        nouns.push(noun);
        is_chrome.push(chrome);
        at_end.push(end);
    }
    // A DFA: the lists are small, and a line is searched in one pass over its bytes. No
    // prefilter: then only dead and match states are special (see `find_each`).
    let automaton = dfa::Builder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .prefilter(false)
        .build(&patterns)
        .expect("built-in phrases compile");
    Phrases {
        automaton,
        nouns,
        chrome: is_chrome,
        at_end,
    }
});

pub(super) static STOPWORDS: LazyLock<FastSet<&'static str>> = LazyLock::new(|| {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_with_their_nouns() {
        assert_eq!(LABELS.ui.get("facebook"), Some(&"share buttons"));
        assert_eq!(LABELS.breaks.get("related posts"), Some(&"related links"));
        assert!(LABELS.languages.contains("kinyarwanda"));
        assert!(STOPWORDS.contains("the") && STOPWORDS.contains("und"));
        let first = |line: &str| {
            let mut hits = Vec::new();
            PHRASES.find_each(line, |p, end| hits.push((p, end)));
            hits.first().copied().expect(line)
        };
        let (p, _) = first("your email address will not be published.");
        assert_eq!(PHRASES.nouns[p], "comment form");
        assert!(PHRASES.chrome[p]);
        let (p, _) = first("photo: jane doe");
        assert!(!PHRASES.chrome[p]);
        let (p, end) = first("jane doe says:");
        assert!(PHRASES.at_end[p]);
        assert_eq!(end, "jane doe says:".len(), "stored without its `$`");
    }

    /// The walk finds what the library's own search finds over the same patterns.
    #[test]
    fn phrases_are_found_as_aho_corasick_finds_them() {
        let patterns: Vec<&str> = with_nouns(include_str!("chrome_cues.txt"))
            .chain(with_nouns(include_str!("metadata_cues.txt")))
            .map(|(p, _)| p.strip_suffix('$').unwrap_or(p))
            .collect();
        let reference = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("compiles");
        let mut lines: Vec<String> = vec![
            String::new(),
            "share on share this share via click to share".into(),
            "continue reading below and continue reading, story continues below".into(),
            "posted by jane on march 3 | posted in news | tags: a, b".into(),
            "read more read the full story: read more:".into(),
            "sshare onn photo:photos: (photo: x) (image: y) image credit: ap photo/file photo"
                .into(),
            "© 2024 all rights reserved. copyright © 2024".into(),
            "поделиться в комментариях: читайте также подробнее".into(),
            "no phrase at all in this line of ordinary copy.".into(),
        ];
        // Every pattern alone, run together, and cut short.
        for p in &patterns {
            lines.push((*p).to_string());
            lines.push(format!("x{p}{p} {p}y"));
            lines.push(p[..p.len() - p.chars().next_back().map_or(0, char::len_utf8)].to_string());
        }
        lines.push(patterns.concat());
        lines.push(patterns.join(" "));
        for line in &lines {
            let expected: Vec<(usize, usize)> = reference
                .find_iter(line.as_str())
                .map(|m| (m.pattern().as_usize(), m.end()))
                .collect();
            let mut walked = Vec::new();
            PHRASES.find_each(line, |p, end| walked.push((p, end)));
            assert_eq!(walked, expected, "{line:?}");
        }
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
