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
mod dates;
mod features;
mod layout;
mod marks;
mod report;
mod story;
mod words;

use std::hash::{Hash, Hasher};

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexBuilder};

use crate::finding::Finding;
use crate::rules::Context;
use crate::style::{Settings, StyleError};

pub(crate) use features::LineMemo;
use features::{Features, Line};
use layout::Verdict;

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
`[boilerplate] bylines = false` keeps lines that are only a byline or a timestamp, for a desk
whose own stories carry them: they are copy, and no sign of a pasted page.

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
    /// Bylines and timestamps are the desk's own copy: never flagged, and no sign of a page.
    pub(crate) keep_bylines: bool,
    /// A hash of the phrases, patterns and switches, to tell a memo's lines measured with
    /// others.
    pub(crate) fingerprint: u64,
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
        let mut hasher = std::hash::DefaultHasher::new();
        settings.boilerplate_phrases.hash(&mut hasher);
        for (pattern, _) in &settings.boilerplate_patterns {
            pattern.hash(&mut hasher);
        }
        settings.keep_bylines.hash(&mut hasher);
        Ok(Lexicon {
            phrases,
            patterns,
            keep_bylines: settings.keep_bylines,
            fingerprint: hasher.finish(),
        })
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let lines = features::scan(doc, &cx.style.boilerplate, cx.memo.map(|m| &m.boilerplate));
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
    report::report_breadcrumbs(doc, &lines, &text, &verdicts, out);
    report::report_blocks(doc, &lines, &text, &by_line, out);
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Format};
    use crate::rules::Rule;
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
    fn the_house_style_can_keep_bylines_and_timestamps() {
        let keep = HouseStyle::from_toml("[boilerplate]\nbylines = false\n", None)
            .expect("valid house style");
        let flagged = |text: &str, style: &HouseStyle| -> Vec<String> {
            findings_with(R, text, style)
                .iter()
                .map(|f| f.span.slice(text).to_string())
                .collect()
        };
        // A desk's own story: headline, byline, date line.
        let own = story_with(
            "Council Shuts Old Bridge\n\nBy Dana Whitlock, Transport Correspondent\nMarch 3, 2026\n\n",
            "",
        );
        assert_eq!(
            flagged(&own, &HouseStyle::default()),
            ["By Dana Whitlock, Transport Correspondent\nMarch 3, 2026"]
        );
        assert!(flagged(&own, &keep).is_empty());
        // Stubs and timestamps are bylines and timestamps too.
        let stub = story_with("by editor\n\nUpdated 9:41 AM\n\n", "");
        assert_eq!(flagged(&stub, &HouseStyle::default()).len(), 1);
        assert!(flagged(&stub, &keep).is_empty());
        // Chrome is still chrome, beside the byline or on its line.
        let chrome = story_with("By Dana Whitlock\n\nLeave a Reply\n\n", "\nShare this:\n");
        assert_eq!(flagged(&chrome, &keep), ["Leave a Reply", "Share this:"]);
        let shared = story_with("By Dana Whitlock | Share on Facebook\n\n", "");
        assert_eq!(flagged(&shared, &keep).len(), 1);
        // On a page dump the rest of the page still goes, the byline and date stay.
        let top = "Home\nNews\nWorld\nSport\nWeather\nCouncil Shuts Old Bridge\n\
                   By Jane Okafor\nMarch 3, 2024 9:41 AM\nShare\n";
        let dump = story_with(top, "About Us\nContact\nPrivacy Policy\n");
        let found = flagged(&dump, &keep).join("|");
        assert!(found.starts_with("Home\nNews"), "{found}");
        assert!(
            !found.contains("Okafor") && !found.contains("9:41"),
            "{found}"
        );
        assert!(found.contains("Privacy Policy"), "{found}");
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
    fn a_table_in_the_story_stays() {
        let text = format!(
            "{STORY}\n| Route | Buses a day |\n|-------|-------------|\n| North | 40 |\n| South | 32 |\n\n\
             Shuttles start on Friday, the council said.\n\nShare this:\nFacebook\n\nLeave a Reply\n"
        );
        let found = crate::check(&text, Format::Markdown, &HouseStyle::default());
        let found: Vec<_> = found.iter().filter(|f| f.rule == R).collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.starts_with("3 lines are"),
            "{}",
            found[0].message
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
