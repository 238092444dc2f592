//! `punctuation-spacing`: the small spacing slips a copy editor fixes on sight.

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::{Edit, Finding, Fix};
use crate::rules::{Context, Rule};
use crate::span::Span;

pub const DOCS: &str = "\
# punctuation-spacing

## What it does
Flags three spacing slips: a space before a full stop, comma, colon, semicolon, question mark
or exclamation mark (`for peace .`); two or more spaces between words; and a missing space
after the full stop that ends a sentence (`talks.The minister`).

## Why
They are the marks of copy pasted together or retyped in a hurry, and every reader sees them.

## Example
```text
The talks ended without a deal .  Officials said more meetings were planned.Later on ...
```
is flagged three times: the space before the full stop, the double space after it, and the
missing space after `planned.`.

## What it leaves alone
An ellipsis after a space (`and ... then`), a decimal point (`.5`), aligned columns (a line
with several runs of spaces, a table row), spaces at the start or end of a line, and anything in code,
URLs or other text that is not prose.

## Fix
Deletes the stray space, folds the run of spaces into one, or inserts the missing space.
All three fixes are safe and applied by `copydesk fix`.
";

/// A run of spaces between a word and punctuation.
static SPACE_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N})\]”’] +[.,;:!?]").expect("pattern compiles"));
/// Two or more spaces (between two non-space characters, checked in code).
static DOUBLED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r" {2,}").expect("pattern compiles"));
/// A sentence end glued to the next sentence: two lowercase letters, a stop, a capitalized word.
static MISSING_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Ll}{2}[.!?]\p{Lu}\p{Ll}").expect("pattern compiles"));

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let prose = cx.doc.prose();
    for line in cx.doc.lines() {
        let text = line.slice(prose);
        if text.trim().is_empty() {
            continue;
        }
        space_before(text, line.start, out);
        doubled(text, line.start, out);
        missing_after(text, line.start, out);
    }
}

fn space_before(line: &str, base: usize, out: &mut Vec<Finding>) {
    for m in SPACE_BEFORE.find_iter(line) {
        let first = line[m.start()..].chars().next().map_or(1, char::len_utf8);
        let spaces = Span::new(m.start() + first, m.end() - 1);
        let mark = &line[m.end() - 1..m.end()];
        let after = line[m.end()..].chars().next();
        // `... then` and `.5` and `.com` are not a stray space before a full stop.
        let continues =
            after.is_some_and(|c| !c.is_whitespace() && !matches!(c, '"' | '”' | '’' | '\'' | ')'));
        if continues || (mark == "." && after == Some('.')) {
            continue;
        }
        let span = spaces.shifted(base);
        out.push(
            Finding::new(
                Rule::PunctuationSpacing,
                Span::new(span.start, span.end + 1),
                format!("Space before `{mark}`"),
            )
            .with_fix(Fix::safe("Remove the space", vec![Edit::delete(span)])),
        );
    }
}

fn doubled(line: &str, base: usize, out: &mut Vec<Finding>) {
    let runs: Vec<_> = DOUBLED
        .find_iter(line)
        .filter(|m| {
            let before = line[..m.start()].chars().next_back();
            let after = line[m.end()..].chars().next();
            before.is_some_and(|c| !c.is_whitespace()) && after.is_some_and(|c| !c.is_whitespace())
        })
        .collect();
    // Several runs on one line, or a table row, are aligned columns, not slips.
    if runs.len() > 2 || line.contains(['|', '\t']) {
        return;
    }
    for run in runs {
        let span = Span::new(run.start(), run.end()).shifted(base);
        out.push(
            Finding::new(
                Rule::PunctuationSpacing,
                span,
                format!("{} spaces in a row", run.len()),
            )
            .with_fix(Fix::safe("Use one space", vec![Edit::replace(span, " ")])),
        );
    }
}

fn missing_after(line: &str, base: usize, out: &mut Vec<Finding>) {
    for m in MISSING_AFTER.find_iter(line) {
        // The stop is the third character; every character before it is a letter.
        let stop = line[m.start()..]
            .char_indices()
            .nth(2)
            .map_or(m.start(), |(i, _)| m.start() + i);
        let at = base + stop + 1;
        out.push(
            Finding::new(
                Rule::PunctuationSpacing,
                Span::new(base + stop, at),
                format!("No space after `{}`", &line[stop..stop + 1]),
            )
            .with_fix(Fix::safe("Insert a space", vec![Edit::insert(at, " ")])),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{carets, fixed};

    const R: Rule = Rule::PunctuationSpacing;

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
