//! Dates and times on a short line: `March 3, 2024`, `9:41`, `2 hours ago`, `Updated`.
//!
//! The patterns hold Unicode word boundaries, which the regex engine's fast searches handle
//! only on ASCII text: on a line with a curly quote or a dash it falls back to a search that
//! costs a hundred times more. So a line is searched through an ASCII stand-in that the
//! patterns read exactly as they read the line.

use std::sync::LazyLock;

use regex::Regex;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    Regex::new(&format!(
        r"(?i)\b{month}\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\.?\s+{month}\b|\b\d{{1,2}}:\d{{2}}\b|\b\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}\b|\b\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}\b|\b(?:updated|published|posted)\b|\b\d+\s*(?:min|mins|minutes?|hours?|hrs?|days?)\s+ago\b|\d{{4}}\s*[년年]|\d+월\s*\d+일"
    ))
    .expect("date pattern compiles")
});

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}[:.]\d{2}\b|\b(?:updated|published|posted|last modified)\b|\b\d+\s*(?:min|mins|minutes?|hours?|hrs?|h|days?|weeks?)\s+ago\b|\b(?:19|20)\d\d\b|\d{4}\s*[년年]")
        .expect("time pattern compiles")
});

/// Whether the line holds a date, and whether it also holds a clock time, a year or
/// `updated`/`published`/`ago`. `buffer` is scratch space for the stand-in.
pub(super) fn dated_and_timed(line: &str, buffer: &mut String) -> (bool, bool) {
    let haystack = ascii_stand_in(line, buffer).unwrap_or(line);
    let dated = DATE.is_match(haystack);
    (dated, dated && TIME.is_match(haystack))
}

/// `ſ` and the Kelvin sign: case folding makes them `s` and `k`.
const LONG_S: char = '\u{17f}';
const KELVIN: char = '\u{212a}';

/// The line in ASCII as the patterns read it: each character outside ASCII becomes one that
/// the patterns treat alike. A space stays a space (to `\s` and to a word boundary), a word
/// character becomes `x` and anything else `#` (no pattern names either). `None` when a
/// character outside ASCII could match a pattern itself: a digit (`\d` is every script's), a
/// letter that case folding makes ASCII (`ſ`, the Kelvin sign), or a Korean or Chinese date
/// mark. The line itself when it is ASCII.
fn ascii_stand_in<'a>(line: &'a str, buffer: &'a mut String) -> Option<&'a str> {
    if line.is_ascii() {
        return Some(line);
    }
    buffer.clear();
    for c in line.chars() {
        let stand_in = if c.is_ascii() {
            c
        } else if c.is_whitespace() {
            ' '
        } else if c.is_numeric() || matches!(c, LONG_S | KELVIN | '년' | '年' | '월' | '일') {
            return None;
        } else if regex_syntax::is_word_character(c) {
            'x'
        } else {
            '#'
        };
        buffer.push(stand_in);
    }
    Some(buffer)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character outside ASCII (but the last planes, private use), in one string.
    fn all_other_characters() -> String {
        (0x80..0xF_0000).filter_map(char::from_u32).collect()
    }

    #[test]
    fn the_stand_in_keeps_what_the_patterns_see() {
        let others = all_other_characters();
        let found = |pattern: &str| -> Vec<char> {
            let re = Regex::new(pattern).expect("pattern compiles");
            re.find_iter(&others)
                .flat_map(|m| m.as_str().chars())
                .collect()
        };
        // Case folding makes only two letters outside ASCII match an ASCII letter.
        assert_eq!(found("(?i)[a-z]"), [LONG_S, KELVIN]);
        // `\s` is white space as `char` tells it; `\d` is numeric.
        let spaces: Vec<char> = others.chars().filter(|c| c.is_whitespace()).collect();
        assert_eq!(found(r"\s"), spaces);
        assert!(found(r"\d").iter().all(|c| c.is_numeric()));
        // The word characters are the engine's own.
        let words: Vec<char> = others
            .chars()
            .filter(|&c| regex_syntax::is_word_character(c))
            .collect();
        assert_eq!(found(r"\w"), words);
    }

    #[test]
    fn lines_match_as_their_stand_ins_do() {
        let pieces = [
            "March",
            "mar.",
            "SEPT",
            "ſept",
            "3",
            "12",
            "2024",
            "9:41",
            "9.41",
            "2024-03-05",
            "3/5/24",
            "Updated",
            "published",
            "posted",
            "2 hours",
            "ago",
            "5 mins",
            "last",
            "modified",
            "“",
            "”",
            "—",
            "é",
            "x",
            "–",
            "\u{a0}",
            "\u{2009}",
            "👩\u{200d}⚕️",
            "١٢",
            "2024년",
            "3월",
            "5일",
            "年",
            "Kelvin",
            "Ünïcode",
            " ",
            "  ",
            ",",
            ".",
            "(",
            ")",
            "1999",
            "2021",
            "h",
            "weeks",
            "_",
            "·",
            "wee\u{212a}s",
            "\u{17f}ep",
            "AUGU\u{17f}T",
        ];
        let mut rolls = crate::testing::Rolls::new(0x9e37_79b9_7f4a_7c15);
        let mut next = || rolls.next();
        let mut buffer = String::new();
        let (mut dated, mut stood_in) = (0, 0);
        for _ in 0..20_000 {
            let words = 1 + next() % 7;
            let line: String = (0..words)
                .map(|_| {
                    let piece = pieces[(next() % pieces.len() as u64) as usize];
                    if next() % 3 == 0 {
                        piece.to_string()
                    } else {
                        format!("{piece} ")
                    }
                })
                .collect();
            let expected = (DATE.is_match(&line), TIME.is_match(&line));
            let (d, t) = dated_and_timed(&line, &mut buffer);
            assert_eq!(
                (d, d && t),
                (expected.0, expected.0 && expected.1),
                "{line:?}"
            );
            dated += usize::from(d);
            stood_in +=
                usize::from(!line.is_ascii() && ascii_stand_in(&line, &mut buffer).is_some());
        }
        // The lines try both answers, and most that are not ASCII go through a stand-in.
        assert!(dated > 2_000 && stood_in > 2_000, "{dated} {stood_in}");
    }
}
