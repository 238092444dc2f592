//! Words and their folded forms: the small pieces of text handling every rule shares.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::span::Span;

/// Apostrophes that may stand inside a word (`O’Brien`, `Zelensky's`).
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Hyphens that may join the parts of a word (`Kilroy-Silk`, `Jong-un`).
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Letters and digits.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `text` with their byte spans: runs of letters and digits, joined by a single
/// apostrophe or hyphen between two word characters. Possessive `'s` stays on the word;
/// callers that want the bare name use [`strip_possessive`].
pub fn words(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        // Skip to the next word character.
        let start = loop {
            let (i, c) = chars.next()?;
            if is_word_char(c) {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if is_word_char(c) {
                chars.next();
                continue;
            }
            if is_apostrophe(c) || is_hyphen(c) {
                let next = text[i + c.len_utf8()..].chars().next();
                if next.is_some_and(is_word_char) {
                    chars.next();
                    continue;
                }
            }
            end = i;
            break;
        }
        Some(Span::new(start, end))
    })
}

/// The word without a trailing possessive (`'s`, `’s`, or a bare apostrophe after `s`).
pub fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "ʼs", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return stem;
        }
    }
    word
}

/// Lowercase, without diacritics: `Erdoğan` and `ERDOGAN` fold to `erdogan`.
pub fn fold(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ı' => out.push('i'),
            'ł' | 'Ł' => out.push('l'),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ß' => out.push_str("ss"),
            c => out.extend(c.to_lowercase()),
        }
    }
    Cow::Owned(out)
}

/// True for a word whose letters are all capitals and that has at least two of them (`NATO`).
pub fn is_all_caps(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// True for a word that starts with a capital letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True for a line set in capitals (a shouted headline, `COMMENTS 0`): at least four capital
/// letters and at most one letter in ten lowercase.
pub fn is_capitals_line(line: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in line.chars().filter(|c| c.is_alphabetic()) {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    upper >= 4 && lower * 10 <= upper + lower
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        words(text).map(|s| s.slice(text)).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        assert_eq!(
            split("Zelensky’s aide, Kilroy-Silk -- and O'Brien's 'quote'."),
            [
                "Zelensky’s",
                "aide",
                "Kilroy-Silk",
                "and",
                "O'Brien's",
                "quote"
            ]
        );
    }

    #[test]
    fn folding_drops_case_and_diacritics() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("ZELENSKYY"), "zelenskyy");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(strip_possessive("Zelensky’s"), "Zelensky");
        assert_eq!(strip_possessive("’s"), "’s");
    }

    #[test]
    fn capitals_lines() {
        assert!(is_capitals_line("BREAKING: US STRIKES"));
        assert!(is_capitals_line("COMMENTS 0"));
        assert!(!is_capitals_line("The US and NATO"));
        assert!(!is_capitals_line("US"));
    }
}
