//! Words and their folded forms: the small pieces of text handling every rule shares.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::span::Span;

pub(crate) mod key;

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
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !is_general_punctuation(c) && c.is_alphanumeric()
}

/// Quotes, dashes and spaces of the General Punctuation block (U+2000 to U+206F): the most
/// common characters outside ASCII in copy. The block holds no letters or digits, and folding
/// leaves them what they are.
pub fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206f}').contains(&c)
}

/// The words of `text` with their byte spans: runs of letters and digits, joined by a single
/// apostrophe or hyphen between two word characters. Possessive `'s` stays on the word;
/// callers that want the bare name use [`strip_possessive`].
pub fn words(text: &str) -> impl Iterator<Item = Span> + '_ {
    Words { text, at: 0 }.map(|(span, _)| span)
}

/// The [`words`] of `text`, each with the [`class`] bits of its bytes or-ed together (so
/// that `class::UPPER` is set when it has an ASCII capital).
pub fn words_and_classes(text: &str) -> impl Iterator<Item = (Span, u8)> + '_ {
    Words { text, at: 0 }
}

/// The iterator behind [`words`]: reads bytes, decoding a character only outside ASCII.
struct Words<'t> {
    text: &'t str,
    /// Where the search for the next word starts.
    at: usize,
}

/// What a byte is in a word: see [`byte_class`].
pub mod class {
    pub const LOWER: u8 = 1;
    pub const UPPER: u8 = 2;
    pub const DIGIT: u8 = 4;
    /// An apostrophe or hyphen (`'`, `-`).
    pub const JOINER: u8 = 8;
    /// Part of a character outside ASCII.
    pub const NON_ASCII: u8 = 16;
    pub const ALNUM: u8 = LOWER | UPPER | DIGIT;
    /// Every class bit.
    pub const ALL: u8 = ALNUM | JOINER | NON_ASCII;
}

const BYTE_CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' => class::LOWER,
            b'A'..=b'Z' => class::UPPER,
            b'0'..=b'9' => class::DIGIT,
            b'\'' | b'-' => class::JOINER,
            0x80..=0xff => class::NON_ASCII,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// The [`class`] of a byte of text.
#[inline]
pub fn byte_class(b: u8) -> u8 {
    BYTE_CLASSES[usize::from(b)]
}

impl Iterator for Words<'_> {
    type Item = (Span, u8);

    #[inline]
    fn next(&mut self) -> Option<(Span, u8)> {
        let text = self.text;
        let bytes = text.as_bytes();
        // Skip to the next word character.
        let mut i = self.at;
        let (start, mut end, mut classes) = loop {
            let Some(&b) = bytes.get(i) else {
                self.at = text.len();
                return None;
            };
            let class = byte_class(b);
            if class & class::ALNUM != 0 {
                break (i, i + 1, class);
            }
            if class & class::NON_ASCII == 0 {
                i += 1;
                continue;
            }
            let c = char_at(text, i);
            if is_word_char(c) {
                break (i, i + c.len_utf8(), class);
            }
            i += c.len_utf8();
        };
        while let Some(&b) = bytes.get(end) {
            let class = byte_class(b);
            if class & class::ALNUM != 0 {
                classes |= class;
                end += 1;
                continue;
            }
            let (joiner, len) = if class & class::NON_ASCII == 0 {
                (class == class::JOINER, 1)
            } else {
                let c = char_at(text, end);
                if is_word_char(c) {
                    classes |= class;
                    end += c.len_utf8();
                    continue;
                }
                (is_apostrophe(c) || is_hyphen(c), c.len_utf8())
            };
            // A joiner stays when a word character follows it.
            if joiner && word_char_at(text, end + len) {
                classes |= class;
                end += len;
                continue;
            }
            break;
        }
        self.at = end;
        Some((Span::new(start, end), classes))
    }
}

/// The character starting at byte `i` of `text`, a char boundary before its end.
#[inline]
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

/// True when a word character starts at byte `i` of `text`.
#[inline]
fn word_char_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i).map(|&b| byte_class(b)) {
        None => false,
        Some(class) if class & class::NON_ASCII == 0 => class & class::ALNUM != 0,
        Some(_) => is_word_char(char_at(text, i)),
    }
}

/// A fixed list of words with a quick membership test: a filter on each word's length and
/// first and last bytes (two bits of 1,024 a word) turns most other words away before any
/// comparison.
#[derive(Debug)]
pub struct WordList {
    words: &'static [&'static str],
    filter: [u64; 16],
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        let mut filter = [0u64; 16];
        let mut i = 0;
        while i < words.len() {
            let (a, b) = WordList::bits(words[i].as_bytes());
            filter[a / 64] |= 1 << (a % 64);
            filter[b / 64] |= 1 << (b % 64);
            i += 1;
        }
        WordList { words, filter }
    }

    /// Two bits of the filter for `word`.
    #[inline]
    const fn bits(word: &[u8]) -> (usize, usize) {
        let bytes = match word {
            [] => [0, 0, 0],
            [a] => [*a, *a, *a],
            [a, b] => [*a, *b, *b],
            [a, b, .., z] => [*a, *b, *z],
        };
        WordList::bits_of(word.len(), bytes)
    }

    /// Two bits of the filter for a word of `len` bytes that starts with `first` and
    /// `second` and ends with `last` (a one-byte word: all three the same).
    #[inline]
    const fn bits_of(len: usize, [first, second, last]: [u8; 3]) -> (usize, usize) {
        let h = (len as u64 | (first as u64) << 8 | (second as u64) << 16 | (last as u64) << 24)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        ((h >> 54) as usize, (h >> 44) as usize & 1023)
    }

    /// True when `word` is on the list, exactly.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let (a, b) = WordList::bits(word.as_bytes());
        self.filter[a / 64] & (1 << (a % 64)) != 0
            && self.filter[b / 64] & (1 << (b % 64)) != 0
            && self.words.contains(&word)
    }

    /// True when `word` in lowercase (as [`str::to_lowercase`] writes it) is on the list.
    #[inline]
    pub fn contains_lowercase(&self, word: &str) -> bool {
        // The filter, on the lowercase of an ASCII word, turns most words away.
        let bytes = word.as_bytes();
        if let (Some(first), Some(last)) = (bytes.first(), bytes.last())
            && word.is_ascii()
        {
            let second = bytes.get(1).unwrap_or(first);
            let lower = [first, second, last].map(u8::to_ascii_lowercase);
            let (a, b) = WordList::bits_of(bytes.len(), lower);
            if self.filter[a / 64] & (1 << (a % 64)) == 0
                || self.filter[b / 64] & (1 << (b % 64)) == 0
            {
                return false;
            }
        }
        with_lowercase(word, |lower| self.words.contains(&lower))
    }

    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }
}

/// The word without a trailing possessive (`'s`, `’s`, or a bare apostrophe after `s`).
#[inline(always)]
pub fn strip_possessive(word: &str) -> &str {
    // Every possessive ends in `s`.
    if !matches!(word.as_bytes().last(), Some(b's' | b'S')) {
        return word;
    }
    strip_possessive_s(word)
}

/// [`strip_possessive`] of a word that ends in `s`.
#[inline(never)]
fn strip_possessive_s(word: &str) -> &str {
    for suffix in ["'s", "’s", "ʼs", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return stem;
        }
    }
    word
}

/// Calls `f` with `word` in lowercase (as [`str::to_lowercase`] writes it), without
/// allocating for a short ASCII word.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    const SHORT: usize = 32;
    let classes = word.bytes().fold(0, |seen, b| seen | byte_class(b));
    if classes & class::NON_ASCII == 0 {
        if classes & class::UPPER == 0 {
            return f(word);
        }
        if word.len() <= SHORT {
            let mut buf = [0u8; SHORT];
            let buf = &mut buf[..word.len()];
            buf.copy_from_slice(word.as_bytes());
            buf.make_ascii_lowercase();
            // ASCII stays valid UTF-8.
            if let Ok(lower) = std::str::from_utf8(buf) {
                return f(lower);
            }
        }
    }
    f(&word.to_lowercase())
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
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Eight ASCII bytes at a time.
        if let Some(eight) = bytes
            .get(i..i + 8)
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
            && let Some((capitals, small)) = ascii_letter_cases(u64::from_le_bytes(eight))
        {
            upper += capitals;
            lower += small;
            i += 8;
            // Settled once the capitals still to come (at most one a byte) cannot outweigh
            // the lowercase letters: `lower * 10 <= upper + lower` is `lower * 9 <= upper`.
            if lower * 9 > upper + (line.len() - i) {
                return false;
            }
            continue;
        }
        let class = byte_class(bytes[i]);
        let (is_upper, is_lower, len) = if class & class::NON_ASCII == 0 {
            (class == class::UPPER, class == class::LOWER, 1)
        } else {
            let c = char_at(line, i);
            let letter = c.is_alphabetic();
            (
                letter && c.is_uppercase(),
                letter && c.is_lowercase(),
                c.len_utf8(),
            )
        };
        if is_upper {
            upper += 1;
        } else if is_lower {
            lower += 1;
            if lower * 9 > upper + (line.len() - i) {
                return false;
            }
        }
        i += len;
    }
    upper >= 4 && lower * 10 <= upper + lower
}

/// How many of eight bytes are ASCII capitals and how many ASCII lowercase letters, when all
/// eight are ASCII.
#[inline]
fn ascii_letter_cases(x: u64) -> Option<(usize, usize)> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x80 * ONES;
    if x & TOPS != 0 {
        return None;
    }
    // With every byte below 0x80, `b + (0x80 - c)` has its top bit set when `b >= c`, and no
    // sum carries into the next byte.
    let at_least = |c: u8| x + (0x80 - u64::from(c)) * ONES;
    let in_range = |from: u8, to: u8| (at_least(from) & !at_least(to + 1) & TOPS).count_ones();
    Some((in_range(b'A', b'Z') as usize, in_range(b'a', b'z') as usize))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Rolls;

    fn split(text: &str) -> Vec<&str> {
        words(text).map(|s| s.slice(text)).collect()
    }

    #[test]
    fn words_come_with_their_classes() {
        let text = "Zelensky’s aide, O'Brien 2024 well-known";
        let classes: Vec<u8> = words_and_classes(text).map(|(_, c)| c).collect();
        assert_eq!(
            classes,
            [
                class::UPPER | class::LOWER | class::NON_ASCII,
                class::LOWER,
                class::UPPER | class::LOWER | class::JOINER,
                class::DIGIT,
                class::LOWER | class::JOINER,
            ]
        );
        for (span, classes) in words_and_classes(text) {
            let word = span.slice(text);
            assert_eq!(
                classes,
                word.bytes().fold(0, |c, b| c | byte_class(b)),
                "{word}"
            );
        }
    }

    /// The definition of a word, character by character: a word character, then word
    /// characters, each apostrophe or hyphen kept when a word character follows it.
    fn words_by_definition(text: &str) -> Vec<(Span, u8)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let at = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
        let word_char = |k: usize| chars.get(k).is_some_and(|&(_, c)| is_word_char(c));
        let joiner = |k: usize| {
            chars
                .get(k)
                .is_some_and(|&(_, c)| is_apostrophe(c) || is_hyphen(c))
        };
        let mut out = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            if !word_char(k) {
                k += 1;
                continue;
            }
            let start = k;
            k += 1;
            loop {
                if word_char(k) {
                    k += 1;
                } else if joiner(k) && word_char(k + 1) {
                    k += 2;
                } else {
                    break;
                }
            }
            let span = Span::new(at(start), at(k));
            let classes = span.slice(text).bytes().fold(0, |c, b| c | byte_class(b));
            out.push((span, classes));
        }
        out
    }

    #[test]
    fn words_are_found_as_defined() {
        // Pieces that meet in every order: ASCII and other letters, joiners of both kinds,
        // general punctuation, spaces, line breaks, long words.
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "7",
            "word",
            "Kilroy",
            "-",
            "'",
            "’",
            "‐",
            "é",
            "Ł",
            "東京",
            " ",
            "  ",
            "\n",
            "\r\n",
            ".",
            ",",
            "—",
            "“",
            "…",
            "@",
            "_",
            "`",
            "{",
            "[",
            "🎉",
            "\u{a0}",
            "abcdefghij",
            "0123456789",
            "ÀÉÎ",
            "x-",
            "-x",
            "don't",
            "well-to-do",
            "\0",
            "averyveryverylongwordthatgoesonpastsixtyfourbytesofasciilettersanddigits123",
        ];
        let mut rolls = Rolls::new(0x2545_f491_4f6c_dd1d);
        for _ in 0..5000 {
            let len = rolls.below(80);
            let text: String = (0..len)
                .map(|_| PIECES[rolls.below(PIECES.len())])
                .collect();
            let expected = words_by_definition(&text);
            let found: Vec<_> = words_and_classes(&text).collect();
            assert_eq!(found, expected, "{text:?}");
        }
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
    fn word_chars_are_letters_and_digits() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
        for c in ('\u{2000}'..='\u{206f}').filter(|&c| is_general_punctuation(c)) {
            let folded = fold(&format!("a{c}B")).into_owned();
            assert!(
                !folded[1..folded.len() - 1].chars().any(is_word_char),
                "{c:?}"
            );
            assert_eq!((&folded[..1], &folded[folded.len() - 1..]), ("a", "b"));
        }
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
    fn word_lists() {
        const LIST: WordList = WordList::new(&["de", "van", "al", "bin", "y", "Mr"]);
        for word in LIST.words() {
            assert!(LIST.contains(word));
        }
        for word in ["", "d", "dé", "Van", "bint", "mr", "yy", "Mrs"] {
            assert!(!LIST.contains(word), "{word}");
        }
        for word in ["DE", "Van", "y", "Y", "bIn"] {
            assert!(LIST.contains_lowercase(word), "{word}");
        }
        for word in ["", "d", "Mr", "MR", "BINT", "Dé"] {
            assert!(!LIST.contains_lowercase(word), "{word}");
        }
    }

    #[test]
    fn letter_cases_eight_bytes_at_a_time() {
        for text in ["AZaz@[`{", "Hello, W", "12345678", "        ", "ZZZZZZZZ"] {
            let bytes: [u8; 8] = text.as_bytes().try_into().expect("eight bytes");
            let upper = text.bytes().filter(u8::is_ascii_uppercase).count();
            let lower = text.bytes().filter(u8::is_ascii_lowercase).count();
            assert_eq!(
                ascii_letter_cases(u64::from_le_bytes(bytes)),
                Some((upper, lower)),
                "{text}"
            );
        }
        let bytes: [u8; 8] = "Zoë is ".as_bytes().try_into().expect("eight bytes");
        assert_eq!(ascii_letter_cases(u64::from_le_bytes(bytes)), None);
    }

    #[test]
    fn capitals_lines() {
        assert!(is_capitals_line("BREAKING: US STRIKES"));
        assert!(is_capitals_line("COMMENTS 0"));
        assert!(!is_capitals_line("The US and NATO"));
        assert!(!is_capitals_line("US"));
        assert!(is_capitals_line(
            "PUTIN MEETS ZELENSKYY IN GENEVA, TALKS RESUME ON MONDAY"
        ));
        assert!(is_capitals_line(
            "ÉLYSÉE: MACRON À BRUXELLES POUR LE SOMMET"
        ));
        assert!(!is_capitals_line(
            "Putin meets Zelenskyy in Geneva, talks resume on Monday"
        ));
    }
}
