//! Which lowercase words are ordinary English words.
//!
//! A lowercase word a spelling dictionary does not know (`rubio`, `putin`) is likely a name
//! written in the wrong case; one it knows (`trump`, `bill`, `rose`) could be either, and only
//! the copy itself can tell. The list is embedded (`words.txt`, from SCOWL) with a hash table
//! that `build.rs` makes of it, so looking a word up costs no loading.

use crate::rules::capitalization::word_table::Table;
use crate::text::{fold, is_apostrophe, is_hyphen, strip_possessive, with_lowercase};

static WORDS: Table = Table {
    list: include_str!("words.txt"),
    slots: include_bytes!(concat!(env!("OUT_DIR"), "/words.table")),
};

/// Capitalized words that are also ordinary words (`Bill`, `Turkey`, `March`, `Marsh`).
static ALSO_NAMES: Table = Table {
    list: include_str!("proper.txt"),
    slots: include_bytes!(concat!(env!("OUT_DIR"), "/proper.table")),
};

/// The longest word looked up without allocating.
const SHORT: usize = 48;

/// True when an ordinary word is also a name when capitalized: `bill` (`Bill`), `marsh`
/// (`Marsh`), `turkey` (`Turkey`). Takes the word in any case.
pub(crate) fn is_also_a_name(word: &str) -> bool {
    let bare = strip_possessive(word);
    if bare.is_empty() {
        return false;
    }
    if bare.len() <= SHORT && bare.is_ascii() {
        let mut buf = [0u8; SHORT];
        let buf = &mut buf[..bare.len()];
        buf.copy_from_slice(bare.as_bytes());
        buf.make_ascii_lowercase();
        buf[0].make_ascii_uppercase();
        return std::str::from_utf8(buf).is_ok_and(|name| ALSO_NAMES.contains(name));
    }
    let mut chars = bare.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let capitalized: String = first
        .to_uppercase()
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    ALSO_NAMES.contains(&capitalized)
}

/// True when `word` (in any case, with or without a possessive) is an ordinary English word.
/// A hyphenated word is one when every part is (`well-known`, `post-war`).
pub(crate) fn is_word(word: &str) -> bool {
    // ASCII lowercase letters (most words): nothing to strip, lowercase or split.
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        return WORDS.contains(word);
    }
    let bare = strip_possessive(word);
    // ASCII (most words): lowercase without allocating; nothing to fold.
    if bare.is_ascii() {
        return with_lowercase(bare, |lower| {
            WORDS.contains(lower)
                || (lower.contains('-')
                    && lower
                        .split('-')
                        .all(|part| !part.is_empty() && WORDS.contains(part)))
        });
    }
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
    use crate::rules::capitalization::word_table::{self, entries, padded};

    #[test]
    fn short_words_are_padded_byte_by_byte() {
        for n in 0..=17u8 {
            let word: Vec<u8> = (1..=n).map(|b| b * 13).collect();
            let expected = (n <= 16).then(|| {
                let mut halves = [0u64; 2];
                for (i, &b) in word.iter().enumerate() {
                    halves[i / 8] |= u64::from(b) << (8 * (i % 8));
                }
                halves
            });
            assert_eq!(padded(&word), expected, "{n} bytes");
        }
    }

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

    #[test]
    fn the_tables_hold_every_entry_and_nothing_else() {
        for table in [&WORDS, &ALSO_NAMES] {
            let mut n = 0;
            for (at, entry) in entries(table.list) {
                assert!(table.contains(entry), "{entry} at {at}");
                n += 1;
            }
            let full = table
                .slots
                .chunks(word_table::SLOT_BYTES)
                .filter(|s| s.iter().any(|&b| b != 0))
                .count();
            assert_eq!(full, n);
        }
        for word in [
            "",
            "#",
            "Bill",
            "bill's",
            "tweetedx",
            "a\n",
            "counterrevolutionariesx",
        ] {
            assert!(!WORDS.contains(word), "{word:?}");
        }
        assert!(ALSO_NAMES.contains("Bill") && !ALSO_NAMES.contains("bill"));
    }
}
