//! The marks of a line: how it ends, the separators between its items, the bullet or
//! number that makes it a list item, the credit that makes it a caption, the handle that makes
//! it a tweet's attribution.

use super::features::Shape;
use crate::text;

/// Whether the line ends like a sentence, and whether it ends with a colon.
pub(super) fn ending(line: &str) -> (bool, bool) {
    let end = line.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', ' ', '\t']);
    // `Storm closes the old bri...`: a teaser cut short, not a sentence.
    if let Some(cut) = end.strip_suffix("...").or_else(|| end.strip_suffix('…'))
        && cut.ends_with(char::is_alphanumeric)
    {
        return (false, false);
    }
    let last = end.chars().next_back();
    match last {
        Some('.' | '!' | '?' | '。' | '！' | '？' | '…') => (true, false),
        Some(':' | ';') => (false, true),
        _ => (false, false),
    }
}

/// Separators with white space beside them: `News | Sport`, `Home » World`, `a / b`.
pub(super) fn separators(line: &str) -> usize {
    const MARKS: [char; 7] = ['|', '•', '·', '»', '›', '>', '/'];
    let bytes = line.as_bytes();
    // The ASCII marks by their byte, the others at their first byte (`·` and `»` start with
    // 0xC2, `•` and `›` with 0xE2): every place a mark can stand, each once.
    let places = memchr::memchr3_iter(b'|', b'>', b'/', bytes)
        .chain(memchr::memchr2_iter(0xC2, 0xE2, bytes));
    places
        .filter(|&at| {
            let Some(c) = line[at..].chars().next().filter(|c| MARKS.contains(c)) else {
                return false;
            };
            let before = line[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
            let after = line[at + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_whitespace);
            if c == '/' {
                before && after
            } else {
                before || after
            }
        })
        .count()
}

/// The punctuation a list item's shape notes, one bit each; anything else shares the last bit.
const MARKS: [char; 31] = [
    '.', ',', ':', ';', '(', ')', '-', '–', '—', '/', '|', '@', '#', '$', '%', '&', '*', '+', '=',
    '!', '?', '"', '“', '”', '[', ']', '<', '>', '«', '»', '•',
];

const fn mark_bit(c: char) -> u32 {
    let mut index = 0;
    while index < MARKS.len() && MARKS[index] != c {
        index += 1;
    }
    1 << index
}

/// Marks a byte that starts a character outside ASCII in [`BYTE_MARK_BITS`]: above every
/// mark's bit.
const NON_ASCII_START: u64 = 1 << 32;
const _: () = assert!(MARKS.len() < 32);

/// The bit each byte adds to a line's punctuation: for an ASCII character, its mark's bit
/// (none for a letter, a digit, white space or the apostrophe); [`NON_ASCII_START`] for the
/// first byte of any other character, whose bit is worked out from the character; none for
/// the bytes that go on such a character.
const BYTE_MARK_BITS: [u64; 256] = {
    let mut bits = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let white = matches!(c, b'\t'..=b'\r' | b' ');
        if c >= 0xC0 {
            bits[b] = NON_ASCII_START;
        } else if c < 0x80 && !(c.is_ascii_alphanumeric() || white || c == b'\'') {
            bits[b] = mark_bit(c as char) as u64;
        }
        b += 1;
    }
    bits
};

pub(super) fn shape(line: &str) -> Shape {
    // Eight bytes at a time while they are ASCII, as most are.
    let mut punctuation = 0u32;
    let mut at = 0;
    for chunk in line.as_bytes().chunks_exact(8) {
        let bits = chunk
            .iter()
            .fold(0, |bits, &b| bits | BYTE_MARK_BITS[usize::from(b)]);
        punctuation |= if bits & NON_ASCII_START == 0 {
            bits as u32
        } else {
            punctuation_of(line, at..at + 8)
        };
        at += 8;
    }
    punctuation |= punctuation_of(line, at..line.len());
    let first = line.chars().next().unwrap_or(' ');
    if let Some(mark) = enumerator(line) {
        return Shape {
            start: mark,
            enumerated: true,
            punctuation,
        };
    }
    let start = if first.is_numeric() {
        'N'
    } else if first.is_uppercase() {
        'C'
    } else if first.is_lowercase() {
        'l'
    } else {
        first
    };
    Shape {
        start,
        enumerated: false,
        punctuation,
    }
}

/// The punctuation bits of the characters that start in `bytes` of `line`.
fn punctuation_of(line: &str, bytes: std::ops::Range<usize>) -> u32 {
    let mut punctuation = 0;
    for i in bytes {
        let bits = BYTE_MARK_BITS[usize::from(line.as_bytes()[i])];
        if bits & NON_ASCII_START == 0 {
            punctuation |= bits as u32;
            continue;
        }
        let c = line[i..].chars().next().unwrap_or(' ');
        if !c.is_alphanumeric() && !c.is_whitespace() && !text::is_apostrophe(c) {
            punctuation |= mark_bit(c);
        }
    }
    punctuation
}

/// The mark of a list item's number or its bullet: `1.` gives `.`, `(2)` gives `(`, `• x`
/// gives `•`.
fn enumerator(line: &str) -> Option<char> {
    let rest = line.trim_start();
    let spaced = |s: &str| s.starts_with(char::is_whitespace);
    if let Some(after) = rest.strip_prefix(['•', '*', '·', '–', '-']) {
        return spaced(after).then(|| rest.chars().next().unwrap_or('-'));
    }
    let (open, rest) = match rest.strip_prefix('(') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let after = &rest[digits..];
    let mark = after.chars().next()?;
    let ok = if open {
        mark == ')'
    } else {
        matches!(mark, '.' | ')')
    };
    (ok && spaced(&after[1..])).then_some(if open { '(' } else { mark })
}

/// Words of a photo credit, as they close a caption.
const CREDIT_WORDS: [&str; 15] = [
    "getty",
    "reuters",
    "afp",
    "ap",
    "ap photo",
    "via ap",
    "epa",
    "shutterstock",
    "photo",
    "photograph",
    "image",
    "credit",
    "courtesy",
    "file",
    "pool",
];

/// `… in Hanoi on Wednesday. (AP Photo/Jane Doe)`, `… at the port.Jane Doe/Getty`: a
/// caption, closed by a credit in brackets or after a slash.
pub(super) fn ends_with_credit(lower: &str) -> bool {
    let end = lower.trim_end();
    let tail = if let Some(inner) = end.strip_suffix(')') {
        let Some(open) = inner.rfind('(') else {
            return false;
        };
        &inner[open..]
    } else {
        // `Name/Agency` or `Name / Agency file` after the last sentence or comma.
        let start = end.rfind(['.', ',', ')']).map_or(0, |i| i + 1);
        let tail = &end[start..];
        if !tail.contains('/') {
            return false;
        }
        tail
    };
    let words: Vec<&str> = tail
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 8
        && CREDIT_WORDS.iter().any(|credit| {
            let mut parts = credit
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty());
            let first = parts.next().unwrap_or_default();
            match parts.next() {
                // `ap photo`, `via ap`: the two words in a row.
                Some(second) => words.windows(2).any(|w| w[0] == first && w[1] == second),
                None => words.contains(&first),
            }
        })
}

/// `— Jane Doe (@janedoe) November 4, 2019`: the credit under an embedded tweet, which is copy.
pub(super) fn is_tweet_attribution(line: &str) -> bool {
    let Some(rest) = line.strip_prefix(['—', '–', '-']) else {
        return false;
    };
    let Some(at) = rest.find("(@") else {
        return false;
    };
    at <= 80
        && rest[at + 2..]
            .split_once(')')
            .is_some_and(|(handle, _)| !handle.is_empty() && handle.chars().all(is_handle_char))
}

fn is_handle_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character's bit as the shape first found it: character by character.
    #[test]
    fn punctuation_bits_are_those_of_each_character() {
        let slowly = |line: &str| {
            line.chars()
                .filter(|&c| !c.is_alphanumeric() && !c.is_whitespace() && !text::is_apostrophe(c))
                .fold(0, |bits, c| bits | mark_bit(c))
        };
        let mut line = String::new();
        for b in 0..128u8 {
            line.clear();
            line.push(char::from(b));
            assert_eq!(shape(&line).punctuation, slowly(&line), "{b:#x}");
        }
        for line in [
            "1. Share on Facebook | Twitter — Email",
            "“Quoted,” she said; (and) [then] «left» • 50% & more!",
            "Tab\tand\u{b}vertical\u{c}feed\r\n",
            "It’s ʼnot an apostrophe' here: 3 + 4 = 7 #tag @name $5 *",
            "日本語の文。 Ελληνικά; Русский — ok?",
        ] {
            assert_eq!(shape(line).punctuation, slowly(line), "{line}");
        }
    }

    /// Separators counted character by character, as the rule first did.
    fn separators_slowly(line: &str) -> usize {
        const MARKS: [char; 7] = ['|', '•', '·', '»', '›', '>', '/'];
        let chars: Vec<char> = line.chars().collect();
        let space = |i: Option<usize>| {
            i.and_then(|i| chars.get(i))
                .is_some_and(|c| c.is_whitespace())
        };
        (0..chars.len())
            .filter(|&i| {
                let (before, after) = (space(i.checked_sub(1)), space(Some(i + 1)));
                match chars[i] {
                    '/' => before && after,
                    c => MARKS.contains(&c) && (before || after),
                }
            })
            .count()
    }

    #[test]
    fn separators_are_counted_once_each() {
        for line in [
            "Home » World » Europe",
            "News | Sport | Weather",
            "a•b • c ·d› e › f",
            "“Quoted” — dashes – and ‘quotes’ … and â ú û º ÷ ¢",
            "1/2 and a / b and >quote and x> y",
            "»»» ·· •• ›› || //",
            "\u{a0}»\u{a0}•\u{2009}›\u{3000}·",
            "",
            "»",
        ] {
            assert_eq!(separators(line), separators_slowly(line), "{line}");
        }
        assert_eq!(separators("Home » World » Europe"), 2);
    }
}
