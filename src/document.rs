//! A document as the rules see it: the text, its format, which parts are prose, its lines,
//! and the suppressions its author wrote.
//!
//! Markdown carries a lot that is not copy: front matter, code, URLs, link targets, HTML
//! comments and markup characters. Rather than teach every rule about them, the document
//! keeps a *prose view* of the text: the same bytes at the same offsets, with everything that
//! is not prose blanked to spaces (line breaks kept). Rules scan the prose view, so their
//! spans are valid in the original text, and the check pipeline drops any finding that still
//! touches a masked region.

use std::borrow::Cow;
use std::path::Path;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;

use crate::rules::Rule;
use crate::span::Span;

pub(crate) use words::Word;
use words::Words;

/// How the text is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// CommonMark-ish: code, front matter, URLs, link targets and comments are not prose.
    Markdown,
    /// Checked whole, but for URLs and suppression lines.
    PlainText,
}

impl Format {
    /// The format of a file, by its extension: `.md`/`.markdown` or `.txt`/`.text`.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::PlainText),
            _ => None,
        }
    }
}

/// Why a region of the text is not prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MaskKind {
    FrontMatter,
    /// Fenced, indented or inline code.
    Code,
    /// An HTML comment (suppression directives among them).
    Comment,
    /// An HTML tag.
    Html,
    /// A bare URL, an autolink or an email address.
    Url,
    /// The target of a link or image, or a reference definition.
    LinkTarget,
    /// Markdown syntax: heading marks, list bullets, emphasis, brackets.
    Markup,
}

impl MaskKind {
    /// Whole lines of page furniture may still be deleted when they hold this kind of mask
    /// (a share row is full of links); code, comments and front matter are never touched.
    pub fn may_be_deleted_with_line(self) -> bool {
        matches!(
            self,
            MaskKind::Html | MaskKind::Url | MaskKind::LinkTarget | MaskKind::Markup
        )
    }
}

/// A region of the text that is not prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mask {
    pub span: Span,
    pub kind: MaskKind,
}

/// A region where the author turned rules off.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Suppression {
    /// `None` turns off every rule.
    rules: Option<Vec<Rule>>,
    span: Span,
}

/// A parsed document. Cheap to build: one pass over the text, and for plain text with no URLs
/// no copy of it.
#[derive(Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    pub format: Format,
    prose: Cow<'a, str>,
    /// Sorted by start, non-overlapping.
    masks: Vec<Mask>,
    /// The content of each line, without its line break. Lines end at `\n`; a `\r` before it
    /// is part of the break.
    lines: Vec<Span>,
    suppressions: Vec<Suppression>,
    /// The words of the prose, read when first asked (see [`Document::words`]).
    words: OnceLock<Words>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str, format: Format) -> Self {
        let lines = line_spans(text);
        let mut masks = Vec::new();
        if format == Format::Markdown {
            markdown::mask(text, &lines, &mut masks);
        }
        mask_urls(text, &mut masks);
        let suppressions = suppressions(text, format, &lines, &mut masks);
        let masks = normalize(masks);
        let prose = blank(text, &masks);
        Document {
            text,
            format,
            prose,
            masks,
            lines,
            suppressions,
            words: OnceLock::new(),
        }
    }

    /// The text with everything that is not prose replaced by spaces, at the same offsets.
    pub fn prose(&self) -> &str {
        &self.prose
    }

    pub fn masks(&self) -> &[Mask] {
        &self.masks
    }

    /// Each line's content, without the line break.
    pub fn lines(&self) -> &[Span] {
        &self.lines
    }

    /// The words of the prose, as [`crate::text::words`] finds them: read once, by the first
    /// rule (or the name index) that asks, and shared by every rule after it.
    pub(crate) fn words(&self) -> &[Word] {
        self.read_words().all()
    }

    /// The distinct spellings of the words of the prose.
    pub(crate) fn forms(&self) -> &words::Forms {
        self.read_words().forms()
    }

    /// The words of line `line` of the prose.
    pub(crate) fn line_words(&self, line: usize) -> &[Word] {
        self.read_words().of_line(line)
    }

    fn read_words(&self) -> &Words {
        self.words
            .get_or_init(|| Words::read(&self.prose, &self.lines))
    }

    /// The line with its line break, for deleting it whole.
    pub fn line_with_break(&self, line: usize) -> Span {
        let content = self.lines[line];
        let end = self
            .lines
            .get(line + 1)
            .map_or(self.text.len(), |next| next.start);
        Span::new(content.start, end)
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.start <= offset)
            .saturating_sub(1)
    }

    /// The masks that share a byte with `span`.
    pub fn masks_in(&self, span: Span) -> impl Iterator<Item = &Mask> {
        let first = self.masks.partition_point(|m| m.span.end <= span.start);
        self.masks[first..]
            .iter()
            .take_while(move |m| m.span.start < span.end)
    }

    /// True when some part of `span` is not prose.
    pub fn is_masked(&self, span: Span) -> bool {
        self.masks_in(span).next().is_some()
    }

    /// True when the line has prose on it: not blank once masks are blanked.
    pub fn line_has_prose(&self, line: usize) -> bool {
        !self.lines[line].slice(&self.prose).trim().is_empty()
    }

    /// True when the author turned `rule` off where `span` starts.
    pub fn is_suppressed(&self, rule: Rule, span: Span) -> bool {
        self.suppressions.iter().any(|s| {
            s.span.start <= span.start
                && span.start < s.span.end.max(s.span.start + 1)
                && s.rules.as_ref().is_none_or(|rules| rules.contains(&rule))
        })
    }
}

fn line_spans(text: &str) -> Vec<Span> {
    let mut lines = Vec::with_capacity(text.len() / 40 + 1);
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let end = if nl > start && text.as_bytes()[nl - 1] == b'\r' {
            nl - 1
        } else {
            nl
        };
        lines.push(Span::new(start, end));
        start = nl + 1;
    }
    lines.push(Span::new(start, text.len()));
    lines
}

/// Bare URLs and email addresses. ASCII word boundaries keep the search on the fast engines
/// whatever the text; case matters only to the schemes (the classes are closed under case
/// folding), and folding the large Unicode classes is most of the time building the pattern.
const URL_PATTERN: &str =
    r"(?-u:\b)(?i:https?://|ftp://|mailto:|www\.)[^\s<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+";

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(URL_PATTERN).expect("URL pattern compiles"));

/// Bare URLs and email addresses, without the punctuation that ends the sentence they stand in.
///
/// Neither alternative of the pattern matches white space, and each match holds one of the
/// cues of [`url_cues`]; so every match lies inside a run of non-space characters that holds a
/// cue, and the pattern is run on those runs alone. Searching a run by itself finds what
/// searching the whole text finds there: the match's leading `\b` sees white space or the
/// start of the text before the run either way. Most copy has no cue, or a few, so the search
/// reads a few words instead of the document.
fn mask_urls(text: &str, masks: &mut Vec<Mask>) {
    let mut searched = 0;
    for cue in url_cues(text.as_bytes()) {
        if cue < searched {
            continue;
        }
        let start = text[searched..cue]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(searched, |(at, c)| searched + at + c.len_utf8());
        let end = text[cue..]
            .char_indices()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(text.len(), |(at, _)| cue + at);
        searched = end;
        for m in URL.find_iter(&text[start..end]) {
            let trimmed = without_closing_punctuation(m.as_str());
            if trimmed.is_empty() {
                continue;
            }
            let at = start + m.start();
            masks.push(Mask {
                span: Span::new(at, at + trimmed.len()),
                kind: MaskKind::Url,
            });
        }
    }
}

/// A URL or address found by the pattern, without the punctuation of the sentence around it.
fn without_closing_punctuation(found: &str) -> &str {
    found.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'', '’', '”', ']'])
}

/// The places of the cues every URL or address the pattern finds holds: `@`, `://`, `www.`
/// and `mailto:` (the last two in any case, as the pattern's schemes), each at a byte of its
/// own. Read with `memchr`, stopping only at `@`, `:` and `.`.
fn url_cues(text: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr3_iter(b'@', b':', b'.', text).filter(|&at| match text[at] {
        b'@' => true,
        b':' => {
            text[at + 1..].starts_with(b"//")
                || (at >= 6 && text[at - 6..at].eq_ignore_ascii_case(b"mailto"))
        }
        _ => at >= 3 && text[at - 3..at].eq_ignore_ascii_case(b"www"),
    })
}

/// Sorts masks and merges overlapping ones, keeping the kind of the earlier one.
fn normalize(mut masks: Vec<Mask>) -> Vec<Mask> {
    masks.retain(|m| !m.span.is_empty());
    masks.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut out: Vec<Mask> = Vec::with_capacity(masks.len());
    for m in masks {
        match out.last_mut() {
            Some(last) if m.span.start < last.span.end => {
                last.span.end = last.span.end.max(m.span.end);
            }
            _ => out.push(m),
        }
    }
    out
}

fn blank<'a>(text: &'a str, masks: &[Mask]) -> Cow<'a, str> {
    if masks.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for m in masks {
        for b in &mut bytes[m.span.range()] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Masks cover whole characters, so the bytes are still UTF-8; fall back to the text if not.
    String::from_utf8(bytes).map_or(Cow::Borrowed(text), Cow::Owned)
}

const DISABLE_NEXT_LINE: &str = "copydesk-disable-next-line";
const DISABLE: &str = "copydesk-disable";
const ENABLE: &str = "copydesk-enable";

#[derive(Debug, PartialEq, Eq)]
enum Directive {
    DisableNextLine(Option<Vec<Rule>>),
    Disable(Option<Vec<Rule>>),
    Enable(Option<Vec<Rule>>),
}

/// Reads a directive such as `copydesk-disable-next-line boilerplate, capitalization`.
/// Unknown rule ids are ignored; a directive naming only unknown ids turns nothing off.
fn parse_directive(body: &str) -> Option<Directive> {
    let body = body.trim();
    type Make = fn(Option<Vec<Rule>>) -> Directive;
    let (make, rest): (Make, &str) = if let Some(rest) = body.strip_prefix(DISABLE_NEXT_LINE) {
        (Directive::DisableNextLine, rest)
    } else if let Some(rest) = body.strip_prefix(DISABLE) {
        (Directive::Disable, rest)
    } else if let Some(rest) = body.strip_prefix(ENABLE) {
        (Directive::Enable, rest)
    } else {
        return None;
    };
    if !rest.is_empty() && !rest.starts_with([' ', '\t', ',']) {
        return None;
    }
    let ids: Vec<&str> = rest
        .split([' ', '\t', ','])
        .filter(|s| !s.is_empty())
        .collect();
    if ids.is_empty() {
        return Some(make(None));
    }
    Some(make(Some(
        ids.into_iter().filter_map(Rule::from_id).collect(),
    )))
}

/// Finds suppression directives: `<!-- copydesk-... -->` anywhere, and in plain text also a
/// line holding only the directive. Directive lines are masked so no rule flags them.
fn suppressions(
    text: &str,
    format: Format,
    lines: &[Span],
    masks: &mut Vec<Mask>,
) -> Vec<Suppression> {
    if !text.contains("copydesk-") {
        return Vec::new();
    }
    let mut found: Vec<(usize, Directive)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let content = line.slice(text);
        let trimmed = content.trim();
        if let Some(inner) = trimmed
            .strip_prefix("<!--")
            .and_then(|s| s.strip_suffix("-->"))
        {
            if let Some(d) = parse_directive(inner) {
                masks.push(Mask {
                    span: *line,
                    kind: MaskKind::Comment,
                });
                found.push((i, d));
            }
        } else if format == Format::PlainText
            && let Some(d) = parse_directive(trimmed)
        {
            masks.push(Mask {
                span: *line,
                kind: MaskKind::Comment,
            });
            found.push((i, d));
        }
    }
    let mut out = Vec::new();
    let mut open: Vec<(usize, Option<Vec<Rule>>)> = Vec::new();
    for (i, d) in found {
        match d {
            Directive::DisableNextLine(rules) => {
                // The next line with text on it: a blank line between is forgiven.
                if let Some(next) = lines[i + 1..]
                    .iter()
                    .find(|l| !l.slice(text).trim().is_empty())
                {
                    out.push(Suppression { rules, span: *next });
                }
            }
            Directive::Disable(rules) => open.push((lines[i].start, rules)),
            Directive::Enable(rules) => {
                // Closes the most recent matching `disable`.
                if let Some(pos) = open.iter().rposition(|(_, r)| *r == rules) {
                    let (start, rules) = open.remove(pos);
                    out.push(Suppression {
                        rules,
                        span: Span::new(start, lines[i].end),
                    });
                }
            }
        }
    }
    out.extend(open.into_iter().map(|(start, rules)| Suppression {
        rules,
        span: Span::new(start, text.len()),
    }));
    out
}

mod markdown;
mod words;

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> String {
        Document::new(text, Format::Markdown).prose().to_string()
    }

    #[test]
    fn prose_keeps_offsets_and_blanks_code() {
        let text = "Say `code` here.\n```\nfenced é\n```\nAfter.";
        let p = prose(text);
        assert_eq!(p.len(), text.len());
        assert_eq!(&p[..17], "Say        here.\n");
        assert!(p.contains("After."));
        assert!(!p.contains("fenced"));
    }

    #[test]
    fn front_matter_and_links_are_not_prose() {
        let p = prose("---\ntitle: x\n---\nRead [the story](https://example.com/a) now.");
        assert!(!p.contains("title"));
        assert!(p.contains("the story"));
        assert!(!p.contains("example"));
    }

    #[test]
    fn the_url_pattern_is_the_one_first_written() {
        let first =
            r"(?i)(?-u:\b)(?:https?://|ftp://|mailto:|www\.)[^\s<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+";
        assert_eq!(
            regex_syntax::parse(URL_PATTERN).expect("parses"),
            regex_syntax::parse(first).expect("parses")
        );
    }

    /// The masks of searching only the runs around cues are those of searching the whole text.
    #[test]
    fn urls_found_in_runs_are_those_of_the_whole_text() {
        let whole = |text: &str| -> Vec<Span> {
            URL.find_iter(text)
                .filter_map(|m| {
                    let trimmed = without_closing_punctuation(m.as_str());
                    (!trimmed.is_empty()).then(|| Span::new(m.start(), m.start() + trimmed.len()))
                })
                .collect()
        };
        let pieces = [
            "See",
            "www.example.com.",
            "WWW.EXAMPLE.COM",
            "mailto:desk@example.org",
            "a@b.c",
            "x@y",
            "(https://example.com/a?b=c)",
            "<https://x.y>",
            "é@exemple.fr",
            "a@b.c,d@e.f",
            "ftp://files.example.net/x",
            "foo:bar",
            "wwwx.y",
            "éwww.a.b",
            "http://",
            "@",
            ".",
            "name@example.com;next@example.com",
            "“www.example.com”",
            "\u{a0}",
            "\u{3000}",
            "\u{2003}",
            "\t",
            "\n",
            "\r\n",
            " ",
            "story",
            "Mailto:X@Y.Z",
            "_www.a.b",
        ];
        let mut seed = 7u64;
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..(seed % 9) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                if seed >> 62 == 0 {
                    text.push(' ');
                }
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let mut masks = Vec::new();
            mask_urls(&text, &mut masks);
            let found: Vec<Span> = masks.iter().map(|m| m.span).collect();
            assert_eq!(found, whole(&text), "{text:?}");
        }
    }

    #[test]
    fn capitalized_urls_are_masked_on_their_own() {
        let doc = Document::new("See WWW.EXAMPLE.COM today", Format::PlainText);
        assert_eq!(doc.prose(), "See                 today");
    }

    #[test]
    fn plain_text_urls_are_masked() {
        let doc = Document::new("See www.example.com. Then go.", Format::PlainText);
        assert_eq!(doc.prose(), "See                . Then go.");
    }

    #[test]
    fn next_line_suppression_covers_the_next_text_line() {
        let text = "<!-- copydesk-disable-next-line boilerplate -->\nShare\nTweet";
        let doc = Document::new(text, Format::Markdown);
        let share = Span::new(48, 53);
        assert_eq!(share.slice(text), "Share");
        assert!(doc.is_suppressed(Rule::Boilerplate, share));
        assert!(!doc.is_suppressed(Rule::Capitalization, share));
        assert!(!doc.is_suppressed(Rule::Boilerplate, Span::new(54, 59)));
    }

    #[test]
    fn disable_enable_block_in_plain_text() {
        let text = "copydesk-disable\nShare\ncopydesk-enable\nTweet";
        let doc = Document::new(text, Format::PlainText);
        assert!(doc.is_suppressed(Rule::Boilerplate, Span::new(17, 22)));
        assert!(!doc.is_suppressed(Rule::Boilerplate, Span::new(39, 44)));
        assert!(doc.is_masked(Span::new(0, 5)));
    }

    #[test]
    fn lines_exclude_crlf() {
        let doc = Document::new("a\r\nb\n", Format::PlainText);
        assert_eq!(
            doc.lines(),
            &[Span::new(0, 1), Span::new(3, 4), Span::new(5, 5)]
        );
        assert_eq!(doc.line_with_break(0), Span::new(0, 3));
        assert_eq!(doc.line_of(3), 1);
    }
}
