//! `boilerplate`: lines and blocks dragged in from a web page that are not copy.
//!
//! The rule finds the story first (the run of prose paragraphs) and judges the lines around
//! and inside it by their structure: where they stand, how long they are, whether they end
//! like sentences, whether they are labels of page chrome, credits or timestamps. Phrase
//! lists (`src/rules/boilerplate/*.txt`, in several languages) name what the structure
//! finds; they are not the whole test, so pages the rule has never seen are caught too.
//! `features` measures each line in one pass; `layout` decides; this file reports blocks of
//! furniture as one finding each and offers to delete them.

mod cues;
mod features;
mod layout;

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexBuilder};

use crate::document::Document;
use crate::finding::{Edit, Finding, Fix, Related};
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::style::{Settings, StyleError};

use features::{Features, Line};
use layout::{Reason, Verdict};

pub const DOCS: &str = "\
# boilerplate

## What it does
Flags lines and blocks that are page furniture dragged in with the copy from a web page:
comment forms (`Leave a Reply`, `Your email address will not be published`), share rows
(network names on one line or one a line), `Related Posts` and other lists of stories,
`Read more` and `See more…` links, language pickers (`SELECT LANGUAGE BELOW`, language names
one a line), comment counts (`COMMENTS 0`), byline stubs (`by editor`), breadcrumbs glued to a
headline (`Home World <headline>`), plug-in credits, site promos (`like us on Facebook … Read
more on …`), newsletter and cookie prompts, photo credits and captions, bylines and
timestamps above the story, tag lists, `Advertisement`, navigation menus and footers, and a
headline pasted twice at the top (exactly, or with only quotes, case or spacing changed).
Lines next to each other (blank lines between them allowed) are one finding.

## Why
Copy taken from a web page brings the page with it. An editor deletes these lines on sight;
left in, they end up in print, in feeds and in the archive.

## Example
```text
Council Votes to Close Old Bridge

Council Votes to Close Old Bridge

The council voted on Tuesday to close the old bridge to traffic from March.

Facebook
Twitter
WhatsApp

Related Posts
```
flags the second headline (a repeat of line 1) and, as one finding, the four lines from
`Facebook` to `Related Posts`.

## How it decides
It finds the story first: the run of prose paragraphs (sentences with a full stop and the
function words of ordinary prose, in several languages). Lines above it, below it and inside
it are then judged by their structure (position, length, sentence punctuation, runs of short
lines, labels, credits, timestamps, repeats), with word lists in several languages as one cue
among others, so pages it has never seen are caught too. A story with only a stray line or
two of furniture loses just the lines that are page chrome by themselves (and a byline or
timestamp above it); a page dump loses everything around the story but its headlines, and
inside the story only chrome, credits, captions and the lists that `Related` headings open.

## What it leaves alone
The first headline, other distinct headlines and subheads above the story, short real
sentences, a dateline that opens the first paragraph (`LONDON (Reuters) — …`), subheads and
lists inside the story (numbered or bulleted items, tour dates, tables, and any stretch of
fifty lines with no furniture in it), a sentence with a single chrome phrase in it (`Share
the news with your neighbours, the mayor said.`), the attribution line of an embedded tweet,
and code, front matter and comments in Markdown.

## House style keys
`[boilerplate] phrases` (matched anywhere in a line, ignoring ASCII case) and
`[boilerplate] patterns` (regular expressions matched against each line, trimmed) add lines
the desk knows are furniture. A line matching one is always flagged, and deleting it is safe.

## Fix
Deletes the line, or the whole block with the blank lines between its lines, so that nothing
else moves; the blank lines the deletion would leave over go too (after a block between
paragraphs, next to a block at the end or the start). A breadcrumb glued to a copy of the
headline deletes its line when the headline also stands on a line of its own. The fix is safe
(applied by `copydesk fix`) only for certain furniture: a repeated headline, labels such as
`Related Posts` or `Leave a Reply`, share rows, language pickers, comment-form sentences,
plug-in credits and house-style matches. A block that also holds lines judged by their place
alone (a byline, a caption, a list of other stories, a menu) is offered for review and
deleted whole or not at all.
";

/// The most memory one house-style pattern may compile to.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// The house style's extra phrases and patterns, compiled once.
#[derive(Debug)]
#[allow(dead_code, reason = "read by the check once it is built")]
pub struct Lexicon {
    pub(crate) phrases: Option<AhoCorasick>,
    pub(crate) patterns: Vec<Regex>,
}

impl Lexicon {
    pub fn new(settings: &Settings) -> Result<Self, StyleError> {
        let phrases = if settings.boilerplate_phrases.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(&settings.boilerplate_phrases)
                    .map_err(|e| StyleError {
                        path: None,
                        line: None,
                        key: Some("boilerplate.phrases".into()),
                        message: e.to_string(),
                    })?,
            )
        };
        let patterns = settings
            .boilerplate_patterns
            .iter()
            .map(|(pattern, line)| {
                RegexBuilder::new(pattern)
                    .size_limit(PATTERN_SIZE_LIMIT)
                    .build()
                    .map_err(|e| StyleError {
                        path: None,
                        line: *line,
                        key: Some("boilerplate.patterns".into()),
                        message: format!(
                            "invalid regular expression: {}",
                            one_line(&e.to_string())
                        ),
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(Lexicon { phrases, patterns })
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let lines = features::scan(doc, &cx.style.boilerplate);
    let text: Vec<(usize, &Features)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| match line {
            Line::Text(f) => Some((i, f)),
            _ => None,
        })
        .collect();
    let measured: Vec<&Features> = text.iter().map(|&(_, f)| f).collect();
    let verdicts = layout::judge(&measured);
    let mut by_line: Vec<Option<Verdict>> = vec![None; lines.len()];
    for (&(i, _), verdict) in text.iter().zip(&verdicts) {
        by_line[i] = *verdict;
    }
    report_breadcrumbs(doc, &lines, &text, &verdicts, out);
    report_blocks(doc, &lines, &text, &by_line, out);
}

/// How many lines at the top may hold a breadcrumb glued to the headline.
const BREADCRUMB_LINES: usize = 20;
/// How far from the breadcrumb the headline on its own line may stand, in lines of text.
const BREADCRUMB_REACH: usize = 2;
/// The most words a breadcrumb has.
const BREADCRUMB_WORDS: usize = 5;

/// `Home World Minister resigns` above `Minister resigns`: the words glued before a headline
/// that also stands on its own line are a breadcrumb. The finding marks them; the fix deletes
/// the whole line, since the headline is kept on its own (and keeps its Markdown mark there).
fn report_breadcrumbs(
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
                vec![Edit::delete(deletion(doc, lines, i, i))],
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
fn report_blocks(
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
        title,
        edits: vec![edit],
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::rules::test_support::{carets, findings, findings_with, fixed};
    use crate::style::HouseStyle;

    const R: Rule = Rule::Boilerplate;

    /// A short story of ordinary copy, for the furniture to stand around.
    const STORY: &str = "\
The council voted on Tuesday to close the old bridge to traffic from March, after engineers found cracks in two of its piers.

Residents who cross it every day said they would need a bus. The council said one would run every twenty minutes.

Repairs are expected to take most of the year, and the cost will be shared with the county.
";

    fn story_with(top: &str, bottom: &str) -> String {
        format!("{top}{STORY}{bottom}")
    }

    /// The 1-based numbers of the lines the findings cover.
    fn flagged_lines(text: &str) -> Vec<usize> {
        let doc = Document::new(text, Format::PlainText);
        let mut out: Vec<usize> = findings(R, text)
            .iter()
            .flat_map(|f| doc.line_of(f.span.start) + 1..=doc.line_of(f.span.end) + 1)
            .collect();
        out.dedup();
        out
    }

    #[test]
    fn a_headline_repeated_with_other_quotes_goes() {
        let text = story_with(
            "Council Shuts ‘Unsafe’ Bridge\n\nCouncil Shuts 'Unsafe' Bridge\n\n",
            "",
        );
        assert_eq!(
            carets(R, &text),
            ["Council Shuts 'Unsafe' Bridge\n^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"]
        );
        let f = &findings(R, &text)[0];
        assert_eq!(f.message, "`Council Shuts 'Unsafe' Bridge` repeats line 1");
        assert!(f.fix().is_some_and(|fix| fix.safe));
        assert_eq!(
            fixed(R, &text),
            story_with("Council Shuts ‘Unsafe’ Bridge\n\n", "")
        );
    }

    #[test]
    fn a_second_different_headline_stays() {
        let text = story_with(
            "Council Shuts Old Bridge\n\nRepairs to Take a Year as Cracks Found in Piers\n\n",
            "",
        );
        assert!(carets(R, &text).is_empty(), "{:?}", carets(R, &text));
    }

    #[test]
    fn comment_form_and_share_row_are_one_block() {
        let text = story_with(
            "",
            "\nSee more…\n\nShare this:\nFacebook\nX\nWhatsApp\n\nLeave a Reply\n\n\
             Your email address will not be published. Required fields are marked *\n",
        );
        let found = findings(R, &text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.starts_with("7 lines are page furniture ("),
            "{}",
            found[0].message
        );
        // The block goes with the blank lines before it: the story ends as it did.
        assert_eq!(fixed(R, &text), STORY);
    }

    #[test]
    fn a_language_picker_goes() {
        let text = story_with("", "\nSELECT LANGUAGE\nEnglish\nFrançais\nKiswahili\n");
        assert_eq!(flagged_lines(&text), [7, 8, 9, 10]);
        assert_eq!(fixed(R, &text), STORY);
    }

    #[test]
    fn related_posts_and_a_comment_count_go() {
        let text = story_with("", "\nRelated Posts\n\nCOMMENTS 0\n");
        assert_eq!(flagged_lines(&text), [7, 8, 9]);
    }

    #[test]
    fn a_site_promo_after_the_story_goes() {
        let text = story_with(
            "",
            "For breaking news, like us on Facebook or follow us on X. Read more on example.com.\n",
        );
        assert_eq!(flagged_lines(&text), [6]);
    }

    #[test]
    fn a_breadcrumb_glued_to_the_headline() {
        let text = story_with(
            "Home World Council Shuts Old Bridge\n\nCouncil Shuts Old Bridge\n\n",
            "",
        );
        assert_eq!(
            carets(R, &text),
            ["Home World Council Shuts Old Bridge\n^^^^^^^^^^"]
        );
        // The line goes; the headline stays on its own line.
        assert_eq!(
            fixed(R, &text),
            story_with("Council Shuts Old Bridge\n\n", "")
        );
    }

    #[test]
    fn a_byline_stub_at_the_top() {
        let text = story_with("Council Shuts Old Bridge\n\nby editor\n\n", "");
        assert_eq!(carets(R, &text), ["by editor\n^^^^^^^^^"]);
        // A byline is judged by its place alone: it is offered, not deleted.
        assert!(findings(R, &text)[0].fix().is_some_and(|fix| !fix.safe));
        let style = HouseStyle::default();
        assert_eq!(crate::fix(&text, Format::PlainText, &style), text);
    }

    #[test]
    fn a_page_dump_loses_its_menu_and_footer_but_not_its_headline() {
        let top = "Home\nNews\nWorld\nSport\nWeather\nCouncil Shuts Old Bridge\n\
                   By Jane Okafor\nMarch 3, 2024 9:41 AM\nShare\n";
        let bottom = "Most Popular\nMayor opens new library wing\nSchools close early for storm\n\
                      About Us\nContact\nPrivacy Policy\n© 2024 Example Gazette\n";
        let text = story_with(top, bottom);
        let lines = flagged_lines(&text);
        assert!(!lines.contains(&6), "the headline stays: {lines:?}");
        assert_eq!(lines[..5], [1, 2, 3, 4, 5]);
        assert!(lines.ends_with(&[15, 16, 17, 18, 19, 20, 21]), "{lines:?}");
        // Nothing of the story itself.
        assert!(lines.iter().all(|&l| !(10..=14).contains(&l)), "{lines:?}");
    }

    #[test]
    fn advertisement_inside_the_story() {
        let text = STORY.replacen("\n\nResidents", "\n\nAdvertisement\n\nResidents", 1);
        assert_eq!(carets(R, &text), ["Advertisement\n^^^^^^^^^^^^^"]);
    }

    #[test]
    fn clean_copy_stays_clean() {
        let text = "\
Bridge Closure: What Changes for Commuters

LONDON (Reuters) — The council voted on Tuesday to close the old bridge.

Why now?

For months, engineers have warned that the piers were failing.

Buses will replace the crossing. Share the news with neighbours who cross it, the mayor said.

Closures by date:

1. March 4 – northbound lanes
2. March 11 – southbound lanes
3. March 18 – footpath

— Jane Okafor (@janeokafor) March 3, 2024
";
        assert!(carets(R, text).is_empty(), "{:?}", carets(R, text));
    }

    #[test]
    fn house_style_phrases_and_patterns() {
        let style = HouseStyle::from_toml(
            "[boilerplate]\nphrases = [\"Gazette Plus\"]\npatterns = [\"^Filed at \\\\d+\"]\n",
            None,
        )
        .expect("valid house style");
        let text = story_with("", "\nRead it all on Gazette Plus today\n\nFiled at 0930\n");
        let found = findings_with(R, &text, &style);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].fix().is_some_and(|fix| fix.safe));
        assert!(
            found[0].message.contains("house-style boilerplate"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn markdown_code_and_links() {
        let text = format!(
            "{STORY}\n```\nShare\nFacebook\n```\n\n[Facebook](https://example.com/f) | [X](https://example.com/x)\n"
        );
        let found = crate::check(&text, Format::Markdown, &HouseStyle::default());
        let found: Vec<_> = found.iter().filter(|f| f.rule == R).collect();
        assert_eq!(found.len(), 1, "{found:?}");
        let doc = Document::new(&text, Format::Markdown);
        assert_eq!(
            doc.line_of(found[0].span.start) + 1,
            12,
            "the link row, not the code"
        );
    }

    #[test]
    fn crlf_lines_are_deleted_whole() {
        let text = story_with("", "\nRelated Posts\n").replace('\n', "\r\n");
        assert_eq!(fixed(R, &text), STORY.replace('\n', "\r\n"));
    }

    #[test]
    fn suppressed_lines_stay() {
        let text = story_with(
            "",
            "\n<!-- copydesk-disable-next-line boilerplate -->\nRelated Posts\n",
        );
        let found = crate::check(&text, Format::Markdown, &HouseStyle::default());
        assert!(found.iter().all(|f| f.rule != R), "{found:?}");
    }

    #[test]
    fn odd_input_does_not_trip_the_rule() {
        for text in ["", "\n\n\n", "Share", "é\u{301}\r\n\t\r\n", "· · ·\n|\n»\n"] {
            let _ = findings(R, text);
        }
        assert!(findings(R, "Share").len() <= 1);
    }
}
