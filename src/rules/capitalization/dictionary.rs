//! Which lowercase words are ordinary English words.
//!
//! A lowercase word a spelling dictionary does not know (`rubio`, `putin`) is likely a name
//! written in the wrong case; one it knows (`trump`, `bill`, `rose`) could be either, and only
//! the copy itself can tell. The list is embedded (`words.txt`, from SCOWL) and loaded once per
//! process.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::text::{fold, is_apostrophe, is_hyphen, strip_possessive};

static WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("words.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Capitalized words that are also ordinary words (`Bill`, `Turkey`, `March`, `Marsh`).
static ALSO_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("proper.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// True when an ordinary word is also a name when capitalized: `bill` (`Bill`), `marsh`
/// (`Marsh`), `turkey` (`Turkey`). Takes the word in any case.
pub(crate) fn is_also_a_name(word: &str) -> bool {
    let bare = strip_possessive(word);
    let mut chars = bare.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let capitalized: String = first
        .to_uppercase()
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    ALSO_NAMES.contains(capitalized.as_str())
}

/// True when `word` (in any case, with or without a possessive) is an ordinary English word.
/// A hyphenated word is one when every part is (`well-known`, `post-war`).
pub(crate) fn is_word(word: &str) -> bool {
    let bare = strip_possessive(word);
    let lower: String = bare
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    if known(&lower) {
        return true;
    }
    if lower.contains(is_hyphen) {
        return lower
            .split(is_hyphen)
            .all(|part| !part.is_empty() && known(part));
    }
    false
}

fn known(lower: &str) -> bool {
    if WORDS.contains(lower) {
        return true;
    }
    let folded = fold(lower);
    folded != lower && WORDS.contains(folded.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_known_and_names_are_not() {
        for word in [
            "the",
            "said",
            "trump",
            "tweeted",
            "anaesthetic",
            "café",
            "well-known",
        ] {
            assert!(is_word(word), "{word}");
        }
        for word in ["rubio", "putin", "zelenskyy", "starmer", "al-assad"] {
            assert!(!is_word(word), "{word}");
        }
        assert!(is_word("Minister’s"));
        assert!(is_word("wasn’t") && is_word("we've"));
        assert!(is_also_a_name("bill") && is_also_a_name("Turkey") && is_also_a_name("marsh"));
        assert!(!is_also_a_name("table") && !is_also_a_name("rubio"));
    }

    #[test]
    fn the_list_has_no_capitalized_entries() {
        assert!(
            include_str!("words.txt")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .all(|l| l.chars().next().is_some_and(char::is_lowercase))
        );
    }
}
