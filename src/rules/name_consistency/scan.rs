//! Reading the prose for the words that may be names: the rule's one pass over every byte.

use super::lexicon;
use crate::span::Span;
use crate::text;

/// The words of `text` that may be part of a name, as [`text::words`] finds words (runs of
/// letters and digits joined by one apostrophe or hyphen), skipping [`ends_names`] words. The
/// one pass over every byte of the document is the rule's hottest loop, so plain lowercase
/// ASCII words are skipped without being looked at twice.
pub(super) fn candidates(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let b = *bytes.get(at)?;
            if b.is_ascii_lowercase() || b.is_ascii_digit() {
                let start = at;
                at = text::ascii_alnum_run_end(bytes, at);
                let plain = !bytes
                    .get(at)
                    .is_some_and(|&n| n == b'-' || n == b'\'' || !n.is_ascii());
                if plain {
                    if b.is_ascii_lowercase() && lexicon::is_particle(&text[start..at]) {
                        return Some(Span::new(start, at));
                    }
                    continue;
                }
                at = word_end(text, at);
                if !ends_names(&text[start..at]) {
                    return Some(Span::new(start, at));
                }
            } else if b.is_ascii() {
                if b.is_ascii_uppercase() {
                    let start = at;
                    at = word_end(text, start);
                    return Some(Span::new(start, at));
                }
                at += 1;
            } else {
                let c = text[at..].chars().next()?;
                if !text::is_word_char(c) {
                    at += c.len_utf8();
                    continue;
                }
                let start = at;
                at = word_end(text, start);
                if !ends_names(&text[start..at]) {
                    return Some(Span::new(start, at));
                }
            }
        }
    })
}

/// The end of the word that starts at `start` (or goes on at `start`).
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    // The length of the word character at `i`, if there is one.
    let word_char = |i: usize| -> Option<usize> {
        let b = *bytes.get(i)?;
        if b.is_ascii() {
            return b.is_ascii_alphanumeric().then_some(1);
        }
        let c = text[i..].chars().next()?;
        text::is_word_char(c).then(|| c.len_utf8())
    };
    let mut at = start;
    loop {
        // Most words are plain ASCII letters.
        at = text::ascii_alnum_run_end(bytes, at);
        if at >= bytes.len() {
            break;
        }
        if let Some(len) = word_char(at) {
            at += len;
            continue;
        }
        let b = bytes[at];
        let joiner = if b.is_ascii() {
            matches!(b, b'\'' | b'-').then_some(1)
        } else {
            text[at..]
                .chars()
                .next()
                .filter(|&c| text::is_apostrophe(c) || text::is_hyphen(c))
                .map(char::len_utf8)
        };
        match joiner {
            Some(len) if word_char(at + len).is_some() => at += len,
            _ => break,
        }
    }
    at
}

/// Words that make a compound of a name without being part of it: `Kyiv-based`,
/// `Europe-wide`, `Zelensky-led`.
const COMPOUND_TAILS: &[&str] = &[
    "affiliated",
    "aligned",
    "allied",
    "annexed",
    "backed",
    "based",
    "born",
    "bound",
    "centric",
    "controlled",
    "era",
    "friendly",
    "funded",
    "held",
    "inspired",
    "led",
    "like",
    "linked",
    "made",
    "occupied",
    "owned",
    "related",
    "run",
    "speaking",
    "sponsored",
    "style",
    "wide",
];

/// The name in a compound such as `Kyiv-based`.
pub(super) fn strip_compound(word: &str) -> &str {
    // Every hyphen is `-` or starts with the byte 0xE2.
    if !word.bytes().any(|b| b == b'-' || b == 0xE2) {
        return word;
    }
    let mut word = word;
    while let Some((head, tail)) = word.rsplit_once(text::is_hyphen)
        && COMPOUND_TAILS.contains(&tail)
        && !head.is_empty()
    {
        word = head;
    }
    word
}

/// A word that cannot be part of a name, told cheaply: a digit first, or a lowercase word
/// that is neither a particle nor joined to a capitalized name by a hyphen.
pub(super) fn ends_names(word: &str) -> bool {
    let Some(&first) = word.as_bytes().first() else {
        return true;
    };
    if first.is_ascii_digit() {
        return true;
    }
    first.is_ascii_lowercase()
        && !(word.len() <= 5 && lexicon::is_particle(word))
        && !word.bytes().any(|b| b == b'-' || b == 0xE2)
}

/// Whether the word at `at` opens a sentence or a paragraph (quotes and brackets before it
/// aside). A single line break inside hard-wrapped copy does not.
pub(super) fn opens_sentence(prose: &str, at: usize) -> bool {
    let mut breaks = 0;
    for c in prose[..at].chars().rev() {
        match c {
            '\n' => {
                breaks += 1;
                if breaks > 1 {
                    return true;
                }
            }
            ' ' | '\t' | '\r' | '\u{a0}' | '"' | '“' | '‘' | '\'' | '(' | '[' | '«' => {}
            '.' | '!' | '?' | ':' | ';' | '…' => return true,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum_runs_end_at_the_first_other_byte() {
        for b in 0..=255u8 {
            for at in 0..12 {
                let mut text = vec![b'a'; 20];
                text[at] = b;
                let end = if b.is_ascii_alphanumeric() { 20 } else { at };
                assert_eq!(text::ascii_alnum_run_end(&text, 0), end, "{b} at {at}");
            }
        }
        assert_eq!(text::ascii_alnum_run_end(b"Kyiv9-x", 0), 5);
        assert_eq!(text::ascii_alnum_run_end(b"ab", 2), 2);
    }

    #[test]
    fn compounds_keep_the_name() {
        assert_eq!(strip_compound("Kyiv-based"), "Kyiv");
        assert_eq!(strip_compound("Zelensky-led"), "Zelensky");
        assert_eq!(strip_compound("Kim Il-sung"), "Kim Il-sung");
        assert_eq!(strip_compound("Jae-in"), "Jae-in");
    }

    #[test]
    fn candidates_are_the_shared_words_that_may_be_names() {
        for text in [
            "Zelensky’s aide, Kilroy-Silk -- and O'Brien's 'quote'.",
            "Erdoğan‑Łódź ‘x’ al-Qaeda, Qur'an; 2024-25 — ÉCOLE… a-",
            "killed bin Laden and de Gaulle's iPhone 3G, x-Ray ÿes über Ärger",
            "",
            "-'",
        ] {
            let ours: Vec<Span> = candidates(text).collect();
            let shared: Vec<Span> = text::words(text)
                .filter(|w| !ends_names(w.slice(text)))
                .collect();
            assert_eq!(ours, shared, "{text}");
        }
    }
}
