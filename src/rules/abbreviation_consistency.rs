//! `abbreviation-consistency`: `US` and `U.S.` (and their kin) mixed in one story.
//!
//! A desk writes either `U.S.` or `US`; a story that has both was pieced together from
//! sources with different styles. The form the story uses most wins; the others are flagged.

use crate::finding::{Edit, Finding, Fix, Text};
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::text::is_capitals_line;

pub const DOCS: &str = "\
# abbreviation-consistency

## What it does
Flags a country or body abbreviation written both with and without full stops in one
story: `US` and `U.S.`, `UK` and `U.K.`, `UN` and `U.N.`, `EU` and `E.U.`, `DC` and
`D.C.`. The form the story uses less often is flagged, with the counts of both.

## Why
House style picks one form. A story that mixes them was stitched together from copy with
different styles, and the mix shows.

## Example
```text
Aid from the U.S. arrived on Monday. The U.S. envoy said US support would continue.
```
flags `US` (the story writes `U.S.` twice and `US` once), with the fix `U.S.`.

## What it leaves alone
- A story whose running copy uses one form throughout. Headlines, labels and citations may
  keep a style of their own (`UK Tories under fire` over copy that writes `U.K.`): they are
  counted, to break a tie, but never flagged.
- Quotations and quoted titles (`a report titled “US Aid in Numbers”`).
- Lines set in capitals (`BREAKING: US STRIKES`): there the capitals are not a choice.
- `us`, the pronoun, in any case but `US`; `US$` (a currency sign); `U.S.A.`.
- `DC` unless it follows `Washington` (`DC Comics`, `DC power` are not the city).

## House style
None yet: the majority form of each story wins.

## Fix
Replaces the minority form with the majority form, keeping the sentence's full stop right:
`the U.S.` ending a sentence becomes `the US.`, and `the US.` becomes `the U.S.`. Safe when
one form clearly wins; when both are used equally often, the headlines' form (or else the
form the story uses first) is offered, for review. Where it cannot tell whether `U.S.` ends the sentence (`U.S. Navy` or
`U.S. Officials said`), the fix is for review too.
";

/// The abbreviations checked, bare and with full stops.
const FAMILIES: [(&str, &str); 5] = [
    ("US", "U.S."),
    ("UK", "U.K."),
    ("UN", "U.N."),
    ("EU", "E.U."),
    ("DC", "D.C."),
];

/// Capitalized words that start a sentence rather than continue a name: after `U.S.` they
/// show that its full stop also ended the sentence.
#[rustfmt::skip]
const SENTENCE_OPENERS: &[&str] = &[
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "On", "At",
    "This", "That", "These", "Those", "There", "His", "Her", "Its", "Their", "Our", "Meanwhile",
    "However", "Still", "Yet", "So", "After", "Before", "When", "While", "As", "If", "For", "With",
    "By", "From", "To", "Earlier", "Later", "Now", "Then", "Last", "Since", "Despite", "According",
    "Officials", "Some", "Many", "Both", "Analysts", "Critics",
];

/// One use of an abbreviation.
#[derive(Clone, Copy, Debug)]
struct Use {
    span: Span,
    dotted: bool,
    /// In running copy, not a headline, label or citation (which may keep another style).
    in_copy: bool,
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let prose = cx.doc.prose();
    let mut uses: [Vec<Use>; FAMILIES.len()] = Default::default();
    for (i, line) in cx.doc.lines().iter().enumerate() {
        let text = line.slice(prose);
        let present = families_in(text);
        // In a line set in capitals, `US` is not a choice.
        if !present.contains(&true) || is_capitals_line(text) {
            continue;
        }
        let in_copy = cx.lines()[i].sentence;
        let quoted = quoted_ranges(text);
        for (f, &(bare, dotted)) in FAMILIES.iter().enumerate() {
            if present[f] {
                find_uses(
                    text,
                    (bare, dotted),
                    line.start,
                    in_copy,
                    &quoted,
                    &mut uses[f],
                );
            }
        }
    }
    for (&(bare, dotted), uses) in FAMILIES.iter().zip(&uses) {
        flag_minority(cx, bare, dotted, uses, out);
    }
}

/// The uses of one abbreviation on one line, outside quotations (a quoted title keeps its
/// own style).
fn find_uses(
    line: &str,
    (bare, dotted): (&str, &str),
    base: usize,
    in_copy: bool,
    quoted: &[std::ops::Range<usize>],
    uses: &mut Vec<Use>,
) {
    let outside = |at: usize| !quoted.iter().any(|q| q.start <= at && at < q.end);
    for (at, _) in line.match_indices(dotted) {
        let before = line[..at].chars().next_back();
        let after = line[at + dotted.len()..].chars().next();
        // Not `U.S.A.`, nor the tail of a longer run of initials.
        if before.is_some_and(|c| c.is_alphanumeric() || c == '.')
            || after.is_some_and(char::is_alphanumeric)
            || !outside(at)
        {
            continue;
        }
        uses.push(Use {
            span: Span::new(at, at + dotted.len()).shifted(base),
            dotted: true,
            in_copy,
        });
    }
    for (at, _) in line.match_indices(bare) {
        let before = line[..at].chars().next_back();
        let mut rest = line[at + bare.len()..].chars();
        let after = rest.next();
        if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '@' | '#' | '$' | '/'))
            || !outside(at)
        {
            continue;
        }
        // `US$5`, `USA`, `US.A`, `us@example`.
        match after {
            Some(c) if c.is_alphanumeric() || matches!(c, '$' | '@' | '/' | '_') => continue,
            Some('.') if rest.next().is_some_and(char::is_alphanumeric) => continue,
            _ => {}
        }
        // `DC` is only the city after `Washington`.
        if bare == "DC"
            && !line[..at]
                .trim_end_matches([' ', ','])
                .ends_with("Washington")
        {
            continue;
        }
        uses.push(Use {
            span: Span::new(at, at + bare.len()).shifted(base),
            dotted: false,
            in_copy,
        });
    }
}

/// For each of [`FAMILIES`], whether the line has either form: read byte by byte, once for
/// all of them.
fn families_in(line: &str) -> [bool; FAMILIES.len()] {
    let mut present = [false; FAMILIES.len()];
    let bytes = line.as_bytes();
    for i in memchr::memchr3_iter(b'U', b'E', b'D', bytes) {
        let rest = &bytes[i..];
        for (f, (bare, dotted)) in FAMILIES.iter().enumerate() {
            present[f] |= rest.starts_with(bare.as_bytes()) || rest.starts_with(dotted.as_bytes());
        }
    }
    present
}

/// The byte ranges of a line inside double quotation marks, curly or straight.
fn quoted_ranges(line: &str) -> Vec<std::ops::Range<usize>> {
    const OPENING: &[u8] = "“".as_bytes();
    const CLOSING: &[u8] = "”".as_bytes();
    let mut ranges = Vec::new();
    let mut open: Option<usize> = None;
    let bytes = line.as_bytes();
    // Only `"` and the first byte of `“` and `”` start a quotation mark.
    for i in memchr::memchr2_iter(b'"', OPENING[0], bytes) {
        let b = bytes[i];
        let rest = &bytes[i..];
        match (b, open) {
            (_, _) if rest.starts_with(OPENING) => open = Some(i),
            (b'"', Some(start)) => {
                ranges.push(start..i);
                open = None;
            }
            (_, Some(start)) if rest.starts_with(CLOSING) => {
                ranges.push(start..i);
                open = None;
            }
            (b'"', None) => open = Some(i),
            _ => {}
        }
    }
    // A quotation still open at the end of the line runs on to the next.
    if let Some(start) = open {
        ranges.push(start..line.len());
    }
    ranges
}

fn flag_minority(cx: &Context<'_>, bare: &str, dotted: &str, uses: &[Use], out: &mut Vec<Finding>) {
    let count = |dotted: bool, in_copy: Option<bool>| {
        uses.iter()
            .filter(|u| u.dotted == dotted && in_copy.is_none_or(|c| u.in_copy == c))
            .count()
    };
    // Only a story whose running copy mixes the two forms: headlines may follow a style of
    // their own.
    let (copy_dotted, copy_bare) = (count(true, Some(true)), count(false, Some(true)));
    if copy_dotted == 0 || copy_bare == 0 {
        return;
    }
    // The copy's majority wins; a tie goes to the headlines' choice, then to the first use.
    let (n_dotted, n_bare) = (count(true, None), count(false, None));
    let first_dotted = uses
        .iter()
        .filter(|u| u.in_copy)
        .min_by_key(|u| u.span.start)
        .is_some_and(|u| u.dotted);
    let dotted_wins = (copy_dotted, n_dotted, first_dotted) > (copy_bare, n_bare, !first_dotted);
    let tie = n_dotted == n_bare;
    let (winner, winner_count, loser, loser_count) = if dotted_wins {
        (dotted, n_dotted, bare, n_bare)
    } else {
        (bare, n_bare, dotted, n_dotted)
    };
    // Every place gets the same message and fix title, and one of two replacements: shared.
    let mut message = Text::from(format!(
        "The story writes `{winner}` {} and `{loser}` {}",
        times(winner_count),
        times(loser_count)
    ));
    let mut title = Text::from(format!("Replace with `{winner}`"));
    let mut replacements = Replacements {
        dotted: Text::from(dotted.to_owned()),
        bare: Text::from(bare.to_owned()),
        bare_stop: None,
    };
    let text = cx.doc.text;
    for u in uses.iter().filter(|u| u.in_copy && u.dotted != dotted_wins) {
        let (edit, certain) = if dotted_wins {
            to_dotted(text, u.span, &mut replacements)
        } else {
            to_bare(text, u.span, &mut replacements)
        };
        let fix = if certain && !tie {
            Fix::safe(title.share(), [edit])
        } else {
            Fix::unsafe_(title.share(), [edit])
        };
        out.push(
            Finding::new(Rule::AbbreviationConsistency, u.span, message.share()).with_fix(fix),
        );
    }
}

/// The replacements of one abbreviation's places: `U.S.`, `US`, and `US.` if one is needed.
struct Replacements {
    dotted: Text,
    bare: Text,
    bare_stop: Option<Text>,
}

fn times(n: usize) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

/// `US` as `U.S.`: a full stop right after `US` ends the sentence and becomes the last
/// stop of `U.S.` (`the US.` → `the U.S.`).
fn to_dotted(text: &str, span: Span, replacements: &mut Replacements) -> (Edit, bool) {
    let stop = text[span.end..].starts_with('.');
    let span = if stop {
        Span::new(span.start, span.end + 1)
    } else {
        span
    };
    (Edit::replace(span, replacements.dotted.share()), true)
}

/// `U.S.` as `US`, keeping a full stop where the one in `U.S.` also ended the sentence.
/// Returns whether that could be told for sure.
fn to_bare(text: &str, span: Span, replacements: &mut Replacements) -> (Edit, bool) {
    let ends = ends_sentence(&text[span.end..]);
    let replacement = match ends {
        Some(true) => {
            let Replacements {
                bare, bare_stop, ..
            } = replacements;
            bare_stop
                .get_or_insert_with(|| Text::from(format!("{bare}.")))
                .share()
        }
        _ => replacements.bare.share(),
    };
    (Edit::replace(span, replacement), ends.is_some())
}

/// Whether the full stop of an abbreviation followed by `rest` also ends the sentence; `None`
/// when the text cannot tell (`U.S. Navy` or `U.S. Officials said`).
fn ends_sentence(rest: &str) -> Option<bool> {
    let line = rest.split('\n').next().unwrap_or("");
    let after_closers = line.trim_start_matches(['”', '’', '"', '\'', ')', ']']);
    if after_closers.trim().is_empty() {
        return Some(true);
    }
    let Some(first) = line.chars().next() else {
        return Some(true);
    };
    if !first.is_whitespace() {
        // `U.S.,` `U.S.-led` `U.S.'s`: glued punctuation, mid-sentence.
        return Some(false);
    }
    let next_word: String = line
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    match next_word.chars().next() {
        Some(c) if c.is_lowercase() || c.is_ascii_digit() => Some(false),
        Some(c) if c.is_uppercase() && SENTENCE_OPENERS.contains(&next_word.as_str()) => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{carets, findings, fixed};

    const R: Rule = Rule::AbbreviationConsistency;

    #[test]
    fn minority_form_is_flagged_with_counts() {
        let text = "The U.S. envoy met U.S. officials. He thanked US support.";
        assert_eq!(
            carets(R, text),
            [
                "The U.S. envoy met U.S. officials. He thanked US support.\n                                              ^^"
            ]
        );
        let f = &findings(R, text)[0];
        assert_eq!(f.message, "The story writes `U.S.` twice and `US` once");
        assert!(f.fix().unwrap().safe);
        assert_eq!(
            fixed(R, text),
            "The U.S. envoy met U.S. officials. He thanked U.S. support."
        );
    }

    #[test]
    fn full_stops_at_sentence_ends() {
        // `US.` at a sentence end becomes `U.S.`, not `U.S..`.
        assert_eq!(
            fixed(R, "The U.S. envoy and U.S. aid. He thanked the US."),
            "The U.S. envoy and U.S. aid. He thanked the U.S."
        );
        // `U.S.` ending a sentence keeps its full stop as `US.`.
        assert_eq!(
            fixed(
                R,
                "US aid and US envoys came from the U.S. The talks went on."
            ),
            "US aid and US envoys came from the US. The talks went on."
        );
        assert_eq!(
            fixed(R, "US aid and US envoys came from the U.S.\nNext line."),
            "US aid and US envoys came from the US.\nNext line."
        );
        assert_eq!(
            fixed(
                R,
                "US aid and US envoys met U.S.-backed groups and U.S. officials."
            ),
            "US aid and US envoys met US-backed groups and US officials."
        );
        // `U.S. Navy` or a new sentence? The fix is for review.
        let f = &findings(R, "US aid and US envoys met the U.S. Navy.")[0];
        assert!(!f.fix().unwrap().safe);
        assert_eq!(f.fix().unwrap().edits[0].replacement, "US");
    }

    #[test]
    fn compounds_count_and_a_tie_is_for_review() {
        let text = "The US-Ukraine deal and the U.S. reply.";
        let f = findings(R, text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.slice(text), "U.S.");
        assert_eq!(f[0].message, "The story writes `US` once and `U.S.` once");
        assert!(!f[0].fix().unwrap().safe);
    }

    #[test]
    fn other_families() {
        assert_eq!(
            fixed(
                R,
                "The U.K. and the U.N. met. The UK said the U.K. would stay."
            ),
            "The U.K. and the U.N. met. The U.K. said the U.K. would stay."
        );
        assert_eq!(
            fixed(
                R,
                "Washington, D.C., and Washington DC both, and D.C. again."
            ),
            "Washington, D.C., and Washington D.C. both, and D.C. again."
        );
    }

    #[test]
    fn headlines_and_quotations_keep_their_own_style() {
        for text in [
            "UK Tories under fire over a name switch\n\nThe U.K. election is close.",
            "A report titled \"US Aid in Numbers\" came out. The U.S. envoy and the U.S. team read it.",
        ] {
            assert!(findings(R, text).is_empty(), "{text}");
        }
        // A tie in the copy goes to the headline's choice.
        let text = "Envoy Thanks the U.S. for Support\n\nHe thanked US support. The aid reached the U.S. on Monday.";
        let f = findings(R, text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.slice(text), "US");
        assert!(f[0].fix().unwrap().safe);
    }

    #[test]
    fn left_alone() {
        for text in [
            "Let us go to the U.S. and back to the U.S. soon.",
            "BREAKING: US STRIKES\n\nThe U.S. said it struck.",
            "It cost US$5 in the U.S., and the U.S.A. agreed.",
            "DC Comics opened in Washington, D.C., and D.C. loved it.",
            "Only US here, and US there.",
        ] {
            assert!(findings(R, text).is_empty(), "{text}");
        }
    }
}
