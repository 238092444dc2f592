//! Findings from verdicts: one finding for each block of furniture, breadcrumbs glued to a
//! headline, and the deletions that fix them without moving anything else.

use super::features::{Features, Line};
use super::layout::{Reason, Verdict};
use crate::document::Document;
use crate::finding::{Edit, Finding, Fix, Related};
use crate::rules::Rule;
use crate::span::Span;

/// How many lines at the top may hold a breadcrumb glued to the headline.
const BREADCRUMB_LINES: usize = 20;
/// How far from the breadcrumb the headline on its own line may stand, in lines of text.
const BREADCRUMB_REACH: usize = 2;
/// The most words a breadcrumb has.
const BREADCRUMB_WORDS: usize = 5;

/// `Home World Minister resigns` above `Minister resigns`: the words glued before a headline
/// that also stands on its own line are a breadcrumb. The finding marks them; the fix deletes
/// the whole line, since the headline is kept on its own (and keeps its Markdown mark there).
pub(super) fn report_breadcrumbs(
    doc: &Document<'_>,
    lines: &[Line],
    text: &[(usize, &Features)],
    verdicts: &[Option<Verdict>],
    out: &mut Vec<Finding>,
) {
    let top = &text[..text.len().min(BREADCRUMB_LINES)];
    for (k, &(i, f)) in top.iter().enumerate() {
        if verdicts[k].is_some() {
            continue;
        }
        let line = f.copy.slice(doc.text);
        let near = k.saturating_sub(BREADCRUMB_REACH)..top.len().min(k + BREADCRUMB_REACH + 1);
        let glued = top[near.clone()].iter().zip(near).find_map(|(&(_, h), j)| {
            let headline = h.copy.slice(doc.text);
            let ok = j != k && h.words >= 4 && line.len() > headline.len();
            let prefix = line.strip_suffix(headline).filter(|_| ok)?;
            let words = prefix.split_whitespace().count();
            let plain = !prefix.contains(['.', '!', '?', ',', ':', ';']);
            (prefix.ends_with(char::is_whitespace)
                && (1..=BREADCRUMB_WORDS).contains(&words)
                && plain)
                .then_some((prefix, h.copy))
        });
        let Some((prefix, headline)) = glued else {
            continue;
        };
        let start = f.copy.start;
        let crumb = Span::new(start, start + prefix.trim_end().len());
        let headline_line = doc.line_of(headline.start) + 1;
        out.push(
            Finding::new(
                Rule::Boilerplate,
                crumb,
                format!(
                    "`{}` is a breadcrumb glued to a copy of the headline on line {headline_line}",
                    crumb.slice(doc.text)
                ),
            )
            .with_fix(Fix::safe(
                format!("Delete the line (the headline stays on line {headline_line})"),
                [Edit::delete(deletion(doc, lines, i, i))],
            ))
            .with_related(Related {
                document: None,
                span: headline,
                message: "The headline on its own line".into(),
            }),
        );
    }
}

/// One finding for each block of furniture: flagged lines with only blank lines between. A
/// repeated headline is a finding of its own, so that its certain fix is not held back by
/// the lines next to it.
pub(super) fn report_blocks(
    doc: &Document<'_>,
    lines: &[Line],
    text: &[(usize, &Features)],
    by_line: &[Option<Verdict>],
    out: &mut Vec<Finding>,
) {
    let mut i = 0;
    while i < lines.len() {
        if by_line[i].is_none() {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        let mut j = i + 1;
        while j < lines.len() && !is_repeat(by_line[last]) {
            match (&lines[j], by_line[j]) {
                (Line::Blank, _) => j += 1,
                (Line::Text(_), Some(v)) if !is_repeat(Some(v)) => {
                    last = j;
                    j += 1;
                }
                _ => break,
            }
        }
        out.push(block_finding(doc, lines, text, by_line, first, last));
        i = last + 1;
    }
}

fn is_repeat(verdict: Option<Verdict>) -> bool {
    verdict.is_some_and(|v| matches!(v.reason, Reason::Repeat { .. }))
}

fn block_finding(
    doc: &Document<'_>,
    lines: &[Line],
    text: &[(usize, &Features)],
    by_line: &[Option<Verdict>],
    first: usize,
    last: usize,
) -> Finding {
    let flagged: Vec<(usize, &Features, Verdict)> = (first..=last)
        .filter_map(|i| match (&lines[i], by_line[i]) {
            (Line::Text(f), Some(v)) => Some((i, f, v)),
            _ => None,
        })
        .collect();
    let safe = flagged.iter().all(|(_, _, v)| v.safe);
    let (_, head, head_verdict) = flagged[0];
    let (_, tail, _) = flagged[flagged.len() - 1];
    let span = Span::new(head.copy.start, tail.copy.end);
    let edit = Edit::delete(deletion(doc, lines, first, last));
    let count = flagged.len();
    let mut related = None;
    let (message, title) = match (count, head_verdict.reason) {
        (1, Reason::Repeat { of }) => {
            let original = text[of].1.copy;
            related = Some(Related {
                document: None,
                span: original,
                message: "The first copy".into(),
            });
            (
                format!(
                    "`{}` repeats line {}",
                    excerpt(head.copy.slice(doc.text)),
                    doc.line_of(original.start) + 1
                ),
                "Delete the repeated line".to_string(),
            )
        }
        (1, reason) => (
            format!(
                "`{}` {} page furniture ({}), not copy",
                excerpt(head.copy.slice(doc.text)),
                if safe { "is" } else { "looks like" },
                noun(reason)
            ),
            "Delete the line".to_string(),
        ),
        _ => {
            let mut nouns: Vec<&str> = Vec::new();
            for (_, _, v) in &flagged {
                let noun = noun(v.reason);
                if !nouns.contains(&noun) {
                    nouns.push(noun);
                }
            }
            let more = nouns.len() > 3;
            nouns.truncate(3);
            (
                format!(
                    "{count} lines {} page furniture ({}{}), not copy: `{}` … `{}`",
                    if safe { "are" } else { "look like" },
                    nouns.join(", "),
                    if more { ", …" } else { "" },
                    excerpt(head.copy.slice(doc.text)),
                    excerpt(tail.copy.slice(doc.text)),
                ),
                format!("Delete the {count} lines"),
            )
        }
    };
    let whole = Fix {
        title: title.into(),
        edits: [edit].into_iter().collect(),
        safe,
    };
    // A block is deleted whole or not at all: deleting only its certain lines would leave
    // the guesses behind without the lines that showed what they are.
    let finding = Finding::new(Rule::Boilerplate, span, message).with_fix(whole);
    match related {
        Some(r) => finding.with_related(r),
        None => finding,
    }
}

fn noun(reason: Reason) -> &'static str {
    match reason {
        Reason::Repeat { .. } => "repeated headline",
        Reason::Furniture(noun) | Reason::Outside(noun) => noun,
        Reason::HouseStyle => "house-style boilerplate",
    }
}

/// The bytes to delete for lines `first..=last`: whole lines with their breaks, so that
/// nothing else moves. The blank lines that would be left over go too: those after a block
/// that stands between blank lines, and those next to a block at the end or the start.
fn deletion(doc: &Document<'_>, lines: &[Line], first: usize, last: usize) -> Span {
    let is_blank = |l: &Line| matches!(l, Line::Blank);
    let at_end = lines[last + 1..].iter().all(is_blank);
    let at_start = lines[..first].iter().all(is_blank);
    let mut start = doc.line_with_break(first).start;
    let mut end = doc.line_with_break(last).end;
    let blank_before = first > 0 && is_blank(&lines[first - 1]);
    if blank_before && !at_end {
        let next = lines[last + 1..].iter().position(|l| !is_blank(l));
        if let Some(next) = next.filter(|&n| n > 0) {
            end = doc.line_with_break(last + next).end;
        }
    }
    if at_end && !at_start {
        let kept = lines[..first].iter().rposition(|l| !is_blank(l));
        if let Some(kept) = kept {
            start = doc.line_with_break(kept).end;
        }
        end = doc.text.len();
    } else if at_start {
        end = lines[last + 1..]
            .iter()
            .position(|l| !is_blank(l))
            .map_or(doc.text.len(), |next| {
                doc.line_with_break(last + 1 + next).start
            });
        start = 0;
    }
    Span::new(start, end)
}

/// The line as a message quotes it: white space folded, at most 50 characters.
fn excerpt(line: &str) -> String {
    const MAX: usize = 50;
    let folded = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= MAX {
        return folded;
    }
    let cut: String = folded.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}
