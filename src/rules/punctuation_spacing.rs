//! `punctuation-spacing`: the small spacing slips a copy editor fixes on sight.

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::{Edit, Finding, Fix, Text};
use crate::rules::{Context, Rule};
use crate::span::Span;

pub const DOCS: &str = "\
# punctuation-spacing

## What it does
Flags three spacing slips: a space before a full stop, comma, semicolon, question mark or
exclamation mark (`for peace .`); two or more spaces between words; and a missing space after
the full stop that ends a sentence (`talks.The minister`).

## Why
They are the marks of copy pasted together or retyped in a hurry, and every reader sees them.

## Example
```text
The talks ended without a deal .  Officials said more meetings were planned.Later on ...
```
is flagged three times: the space before the full stop, the double space after it, and the
missing space after `planned.`.

## What it leaves alone
A space before a colon (`VIP : 60,000`, French-style spacing), an ellipsis after a space
(`and ... then`), a decimal point (`.5`), aligned columns (a line with several runs of spaces,
a table row), spaces at the start or end of a line, and anything in code, URLs or other text
that is not prose.

## Fix
Deletes the stray space, folds the run of spaces into one, or inserts the missing space.
All three fixes are safe and applied by `copydesk fix`.
";

/// Two or more spaces (between two non-space characters, checked in code).
static DOUBLED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r" {2,}").expect("pattern compiles"));

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // Each pattern runs over the whole prose once: none of them can cross a line break.
    let prose = cx.doc.prose();
    space_before(prose, out);
    doubled(cx, prose, out);
    missing_after(prose, out);
}

fn space_before(text: &str, out: &mut Vec<Finding>) {
    let bytes = text.as_bytes();
    // A mark with a space right before it. Not a colon: `VIP : 60` lines and French-style
    // spacing are not slips.
    let marks = in_order(
        memchr::memchr3_iter(b'.', b',', b';', bytes),
        memchr::memchr2_iter(b'!', b'?', bytes),
    );
    for at in marks {
        if at == 0 || bytes[at - 1] != b' ' {
            continue;
        }
        let start = text[..at].trim_end_matches(' ').len();
        let before = text[..start].chars().next_back();
        if !before.is_some_and(|c| c.is_alphanumeric() || matches!(c, ')' | ']' | '”' | '’')) {
            continue;
        }
        let mark = &text[at..at + 1];
        let after = text[at + 1..].chars().next();
        // `... then` and `.5` and `.com` are not a stray space before a full stop.
        let continues =
            after.is_some_and(|c| !c.is_whitespace() && !matches!(c, '"' | '”' | '’' | '\'' | ')'));
        if continues || (mark == "." && after == Some('.')) {
            continue;
        }
        let spaces = Span::new(start, at);
        out.push(
            Finding::new(
                Rule::PunctuationSpacing,
                Span::new(start, at + 1),
                space_before_message(mark),
            )
            .with_fix(Fix::safe("Remove the space", [Edit::delete(spaces)])),
        );
    }
}

fn doubled(cx: &Context<'_>, text: &str, out: &mut Vec<Finding>) {
    let mut runs = DOUBLED
        .find_iter(text)
        .filter(|m| {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            before.is_some_and(|c| !c.is_whitespace()) && after.is_some_and(|c| !c.is_whitespace())
        })
        .map(|m| Span::new(m.start(), m.end()))
        .peekable();
    while let Some(first) = runs.next() {
        let line = cx.doc.lines()[cx.doc.line_of(first.start)];
        let mut on_line = vec![first];
        while let Some(next) = runs.next_if(|r| r.start < line.end) {
            on_line.push(next);
        }
        // Several runs on one line, or a table row, are aligned columns, not slips.
        if on_line.len() > 2 || line.slice(text).contains(['|', '\t']) {
            continue;
        }
        for span in on_line {
            out.push(
                Finding::new(Rule::PunctuationSpacing, span, spaces_in_a_row(span.len()))
                    .with_fix(Fix::safe("Use one space", [Edit::replace(span, " ")])),
            );
        }
    }
}

/// A sentence end glued to the next sentence: two lowercase letters, a stop, then a
/// capitalized word (`ended.Officials`).
fn missing_after(text: &str, out: &mut Vec<Finding>) {
    for stop in memchr::memchr3_iter(b'.', b'!', b'?', text.as_bytes()) {
        // The side after first: a stop is mostly followed by a space.
        let mut after = text[stop + 1..].chars();
        let capital_after = after.next().is_some_and(char::is_uppercase)
            && after.next().is_some_and(char::is_lowercase);
        if !capital_after {
            continue;
        }
        let mut before = text[..stop].chars().rev();
        let lower_before = before.next().is_some_and(char::is_lowercase)
            && before.next().is_some_and(char::is_lowercase);
        if !lower_before {
            continue;
        }
        out.push(
            Finding::new(
                Rule::PunctuationSpacing,
                Span::new(stop, stop + 1),
                no_space_after_message(&text[stop..stop + 1]),
            )
            .with_fix(Fix::safe("Insert a space", [Edit::insert(stop + 1, " ")])),
        );
    }
}

/// "2 spaces in a row", written out for the usual runs.
fn spaces_in_a_row(n: usize) -> Text {
    match n {
        2 => "2 spaces in a row".into(),
        3 => "3 spaces in a row".into(),
        n => format!("{n} spaces in a row").into(),
    }
}

/// "Space before `.`", written out for each mark: a check may make hundreds.
fn space_before_message(mark: &str) -> &'static str {
    match mark {
        "." => "Space before `.`",
        "," => "Space before `,`",
        ";" => "Space before `;`",
        "!" => "Space before `!`",
        _ => "Space before `?`",
    }
}

/// "No space after `.`", written out for each stop.
fn no_space_after_message(stop: &str) -> &'static str {
    match stop {
        "." => "No space after `.`",
        "!" => "No space after `!`",
        _ => "No space after `?`",
    }
}

/// Two rising sequences of places merged into one, in order.
fn in_order(
    a: impl Iterator<Item = usize>,
    b: impl Iterator<Item = usize>,
) -> impl Iterator<Item = usize> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if y < x => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{carets, fixed};

    const R: Rule = Rule::PunctuationSpacing;

    #[test]
    fn messages_name_the_mark() {
        for mark in [".", ",", ";", "!", "?"] {
            assert_eq!(space_before_message(mark), format!("Space before `{mark}`"));
        }
        for stop in [".", "!", "?"] {
            assert_eq!(
                no_space_after_message(stop),
                format!("No space after `{stop}`")
            );
        }
    }

    #[test]
    fn space_before_full_stop() {
        assert_eq!(
            carets(R, "Leaders pledged support for peace ."),
            ["Leaders pledged support for peace .\n                                 ^^"]
        );
        assert_eq!(
            fixed(R, "Leaders pledged support for peace ."),
            "Leaders pledged support for peace."
        );
        assert_eq!(fixed(R, "One , two ; three !"), "One, two; three!");
    }

    #[test]
    fn ellipsis_decimal_and_domains_are_fine() {
        assert!(
            carets(
                R,
                "And then ... silence. It rose by .5 points on example .com"
            )
            .is_empty()
        );
    }

    #[test]
    fn space_before_a_colon_is_left_alone() {
        assert!(carets(R, "Tickets\nVIP : 60,000 won").is_empty());
    }

    #[test]
    fn doubled_spaces() {
        assert_eq!(fixed(R, "The  minister left."), "The minister left.");
        assert_eq!(fixed(R, "It ended.  Then"), "It ended. Then");
        // Aligned columns stay.
        assert!(carets(R, "Team  W  L  Pts").is_empty());
        assert!(carets(R, "| North |  12   |").is_empty());
        // Indentation and trailing spaces are not between words.
        assert!(carets(R, "    Indented line  ").is_empty());
    }

    #[test]
    fn missing_space_after_a_sentence() {
        assert_eq!(
            fixed(R, "The talks ended.Officials left."),
            "The talks ended. Officials left."
        );
        assert!(carets(R, "Visit Node.js or the U.S.Army or Mr.Smith").is_empty());
    }

    #[test]
    fn markdown_code_is_not_checked() {
        let findings = crate::check(
            "Run `a  b .` now.\n\n```\nx  .\n```\n",
            crate::Format::Markdown,
            &crate::HouseStyle::default(),
        );
        assert!(findings.is_empty(), "{findings:?}");
    }
}
