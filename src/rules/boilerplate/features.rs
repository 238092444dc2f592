//! What the boilerplate rule knows about each line, measured in one pass over the document.
//!
//! Everything the layout decides later comes from these numbers and flags: how long a line
//! is, whether it ends like a sentence, how many of its words are function words, whether it
//! is a known label of page chrome, whether it holds a credit or a timestamp. The costly
//! measurements (phrase search, the date patterns) run only on lines short enough for them to
//! matter, so the pass stays linear and cheap on long copy.

use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use rustc_hash::FxHasher;

use super::Lexicon;
use super::cues::{LABELS, Noun, PHRASES, SHARE_WORDS};
use super::dates::dated_and_timed;
use super::marks::{ending, ends_with_credit, is_tweet_attribution, separators, shape};
use super::words::{Spelled, count_words, fold_into};
use crate::document::Document;
use crate::memo::Entries;
use crate::span::Span;
use crate::text;

/// One line of the document as the layout sees it.
#[derive(Debug)]
pub(super) enum Line {
    /// Nothing on it.
    Blank,
    /// Code, front matter or a comment: never flagged, and a block of furniture stops at it.
    Barrier,
    Text(Features),
}

/// Where a whole-line label comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LabelKind {
    /// A label of page chrome (`Share`, `COMMENTS 0`, `Facebook Twitter`).
    Chrome,
    /// A heading that opens a part of the page that is not the story (`Related Posts`).
    Section,
    /// A language name, as a language picker lists it.
    Language,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Label {
    pub kind: LabelKind,
    pub noun: Noun,
}

/// The measurements of one line with text on it.
#[derive(Clone, Debug, Default)]
pub(super) struct Features {
    /// The copy on the line: from its first to its last character of prose, so without a
    /// Markdown heading mark or bullet (the whole trimmed line if it has no prose).
    pub copy: Span,
    /// Words, counting two CJK characters as one word.
    pub words: usize,
    pub cjk: bool,
    /// Whether the prose of the line holds a letter at all (`___`, `16`, a bare URL do not).
    pub letters: bool,
    /// Ends with `.`, `!`, `?`, `…` (or their CJK forms), perhaps inside quotes or brackets.
    pub ends_sentence: bool,
    pub ends_colon: bool,
    /// Of the cased words after the first, the share that start lowercase.
    pub lower_ratio: f32,
    /// The share of function words (`the`, `und`, `и`...).
    pub stop_ratio: f32,
    /// A table row: cells between tabs or pipes.
    pub table: bool,
    pub label: Option<Label>,
    /// Chrome phrases found, and the noun of the first.
    pub chrome: usize,
    pub chrome_noun: Option<Noun>,
    /// The noun of the first metadata phrase found.
    pub metadata: Option<Noun>,
    pub dated: bool,
    /// A clock time, a year or `updated`/`published`/`ago`.
    pub timed: bool,
    pub byline: bool,
    /// Separators standing between items: `News | Sport`, `Home » World`.
    pub separators: usize,
    /// The attribution line of an embedded tweet: `— Name (@handle) Date`.
    pub tweet: bool,
    /// Ends with a photo credit: `… shake hands in Hanoi. (AP Photo/Jane Doe)`.
    pub caption: bool,
    /// Matches a phrase or pattern of the house style.
    pub house: bool,
    /// A byline or timestamp, and no chrome, that the house style keeps as copy
    /// (`[boilerplate] bylines = false`): never flagged. Its `byline`, `dated` and `timed`
    /// are cleared, so that it is no evidence of a page either.
    pub own: bool,
    /// A hash of the line's folded words, to find repeated lines.
    pub key: u64,
    /// The look of the line as a list item; `None` for a paragraph too long to be one.
    pub shape: Option<Shape>,
}

/// The look of a line as a list item: how it starts and which punctuation it uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Shape {
    /// `N` for a digit, `C` for a capital, `l` for a lowercase letter, else the character;
    /// for an enumerated item, the mark after its number (`.`, `)`) or its bullet.
    pub start: char,
    /// Starts with a number and a mark, or a bullet: `1.`, `2)`, `(3)`, `•`, `-`.
    pub enumerated: bool,
    /// The punctuation characters in the line, one bit each (apostrophes left out).
    pub punctuation: u32,
}

/// Lines longer than this are paragraphs; phrase and date searches skip them.
const MAX_CUE_WORDS: usize = 40;
/// Lines longer than this are not labels, bylines or timestamps.
const MAX_SHORT_WORDS: usize = 12;

/// Measures every line of the document: with a memo, only the lines it does not hold.
pub(super) fn scan(
    doc: &Document<'_>,
    lexicon: &Lexicon,
    memo: Option<&Mutex<LineMemo>>,
) -> Vec<Line> {
    let prose = doc.prose();
    let mut buffers = Buffers {
        spelled: vec![Spelled::default(); doc.forms().len()],
        ..Buffers::default()
    };
    let mut memo = memo.map(crate::memo::take);
    if let Some(memo) = memo.as_deref_mut() {
        memo.begin(lexicon);
    }
    let lines = doc
        .lines()
        .iter()
        .enumerate()
        .map(|(i, &span)| {
            if span.slice(doc.text).trim().is_empty() {
                return Line::Blank;
            }
            if doc
                .masks_in(span)
                .any(|m| !m.kind.may_be_deleted_with_line())
            {
                return Line::Barrier;
            }
            let mut measure = || measure(doc, i, prose, lexicon, &mut buffers);
            Line::Text(match memo.as_deref_mut() {
                Some(memo) => memo.recall(doc.text, prose, span, measure),
                None => measure(),
            })
        })
        .collect();
    if let Some(memo) = memo.as_deref_mut() {
        memo.end();
    }
    lines
}

/// What the last check measured of each line, by the line's text (see [`crate::memo`]).
#[derive(Debug, Default)]
pub(crate) struct LineMemo {
    lines: Entries<Measured>,
}

#[derive(Debug)]
struct Measured {
    /// The line, and its prose where that differs.
    text: Box<str>,
    prose: Option<Box<str>>,
    /// With `copy` counted from the line's start.
    features: Features,
}

impl Measured {
    fn is_of(&self, text: &str, prose: &str) -> bool {
        *self.text == *text && self.prose.as_deref().unwrap_or(&self.text) == prose
    }
}

impl LineMemo {
    /// Starts a check. Lines measured with other phrases or patterns are forgotten.
    fn begin(&mut self, lexicon: &Lexicon) {
        self.lines.begin(lexicon.fingerprint);
    }

    /// The features of the line at `span`: remembered if its text and prose are those of a
    /// line measured before, else measured now and remembered.
    fn recall(
        &mut self,
        text: &str,
        prose: &str,
        span: Span,
        measure: impl FnOnce() -> Features,
    ) -> Features {
        let (line, line_prose) = (span.slice(text), span.slice(prose));
        let mut hasher = FxHasher::default();
        line.hash(&mut hasher);
        line_prose.hash(&mut hasher);
        let key = hasher.finish();
        let shift = |f: &Features, by: isize| {
            let at = |offset: usize| offset.wrapping_add_signed(by);
            Features {
                copy: Span::new(at(f.copy.start), at(f.copy.end)),
                ..f.clone()
            }
        };
        if let Some(m) = self.lines.recall(key, |m| m.is_of(line, line_prose)) {
            return shift(&m.features, span.start as isize);
        }
        let features = measure();
        let measured = Measured {
            text: line.into(),
            prose: (line_prose != line).then(|| line_prose.into()),
            features: shift(&features, -(span.start as isize)),
        };
        self.lines.keep(key, measured);
        features
    }

    /// Ends a check: what it measured is what the next one remembers.
    fn end(&mut self) {
        self.lines.end();
    }
}

/// Scratch space reused from line to line.
#[derive(Default)]
struct Buffers {
    /// What each of the document's spellings adds to a line's word counts.
    spelled: Vec<Spelled>,
    lower: String,
    word: String,
    ascii: String,
}

/// Measures line `i`.
fn measure(
    doc: &Document<'_>,
    i: usize,
    prose: &str,
    lexicon: &Lexicon,
    buffers: &mut Buffers,
) -> Features {
    let span = doc.lines()[i];
    let raw = span.slice(doc.text);
    let start = span.start + (raw.len() - raw.trim_start().len());
    let trimmed = Span::new(start, start + raw.trim().len());
    let line = span.slice(prose).trim();
    let lead = span.slice(prose).len() - span.slice(prose).trim_start().len();
    let copy = if line.is_empty() {
        trimmed
    } else {
        Span::new(span.start + lead, span.start + lead + line.len())
    };
    let mut f = Features {
        copy,
        table: is_table_row(raw),
        ..Features::default()
    };
    f.house = house_style(lexicon, trimmed.slice(doc.text), line);
    let offset = span.start + lead;
    count_words(
        line,
        offset,
        doc.line_words(i),
        &mut f,
        &mut buffers.spelled,
        &mut buffers.word,
    );
    f.letters = line.chars().any(char::is_alphabetic);
    (f.ends_sentence, f.ends_colon) = ending(line);
    f.separators = separators(line);
    f.tweet = is_tweet_attribution(line);
    if f.words > MAX_CUE_WORDS || !f.letters {
        return f;
    }
    // The text, not the prose: Markdown bullets and numbers are blanked in the prose.
    f.shape = Some(shape(trimmed.slice(doc.text)));
    fold_into(line, &mut buffers.lower);
    let lower = buffers.lower.as_str();
    f.caption = !f.ends_sentence && ends_with_credit(lower);
    PHRASES.find_each(lower, |p, end| {
        if PHRASES.at_end[p] && !lower[end..].trim().is_empty() {
            return;
        }
        let (noun, chrome) = (PHRASES.nouns[p], PHRASES.chrome[p]);
        if chrome {
            f.chrome += 1;
            f.chrome_noun.get_or_insert(noun);
        } else {
            f.metadata.get_or_insert(noun);
        }
    });
    if f.words > MAX_SHORT_WORDS {
        return f;
    }
    f.label = label(lower, f.ends_sentence);
    // Every date pattern holds a digit or one of three words.
    let may_be_dated = lower.bytes().any(|b| b.is_ascii_digit())
        || ["updated", "published", "posted"]
            .iter()
            .any(|w| lower.contains(w));
    if may_be_dated {
        (f.dated, f.timed) = dated_and_timed(line, &mut buffers.ascii);
    }
    f.byline = f.words <= 8 && !f.ends_sentence && is_byline(lower);
    if lexicon.keep_bylines && f.is_byline_or_timestamp() && !f.is_chrome() {
        (f.own, f.byline, f.dated, f.timed) = (true, false, false, false);
    }
    f
}

/// A row of a table: cells between tabs (as a browser copies a table) or between pipes (a
/// Markdown table).
fn is_table_row(raw: &str) -> bool {
    let row = raw.trim();
    let at_least = |n: usize, byte: u8, text: &str| {
        memchr::memchr_iter(byte, text.as_bytes())
            .nth(n - 1)
            .is_some()
    };
    at_least(2, b'\t', raw)
        || (row.starts_with('|') && row.ends_with('|') && at_least(3, b'|', row))
}

fn house_style(lexicon: &Lexicon, text: &str, prose: &str) -> bool {
    lexicon.phrases.as_ref().is_some_and(|ac| ac.is_match(text))
        || lexicon
            .patterns
            .iter()
            .any(|p| p.is_match(text) || p.is_match(prose))
}

/// A whole-line label: the line folded to lowercase words is a known label, a section heading
/// or a language name, or all its words are one-word chrome labels (`Share Tweet Email`).
fn label(lower: &str, ends_sentence: bool) -> Option<Label> {
    let mut folded = String::with_capacity(lower.len());
    for word in lower
        .split(|c: char| !(c.is_alphabetic() || text::is_apostrophe(c) || c == '-'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty())
    {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.extend(word.chars().map(|c| if c == '’' { '\'' } else { c }));
    }
    if folded.is_empty() {
        return None;
    }
    let found = |kind, noun| Some(Label { kind, noun });
    if let Some(&noun) = LABELS.breaks.get(folded.as_str()) {
        return found(LabelKind::Section, noun);
    }
    if let Some(&noun) = LABELS.ui.get(folded.as_str()) {
        return found(LabelKind::Chrome, noun);
    }
    if LABELS.languages.contains(folded.as_str()) {
        return found(LabelKind::Language, "language picker");
    }
    let mut nouns = folded.split(' ').map(|w| LABELS.ui.get(w).copied());
    if let Some(Some(noun)) = nouns.next()
        && nouns.all(|n| n.is_some())
    {
        return found(LabelKind::Chrome, noun);
    }
    // A short line naming a share network or button is a share row.
    let words = folded.split(' ').count();
    if words <= 6 && !ends_sentence && SHARE_WORDS.is_match(lower) {
        return found(LabelKind::Section, "share buttons");
    }
    None
}

/// `By Jane Doe`, `por Maria Silva`, `Posted by admin`.
fn is_byline(lower: &str) -> bool {
    const LEADS: [&str; 9] = [
        "by ",
        "por ",
        "von ",
        "par ",
        "oleh ",
        "автор ",
        "written by ",
        "posted by ",
        "reported by ",
    ];
    LEADS.iter().any(|lead| {
        lower
            .strip_prefix(lead)
            .is_some_and(|rest| rest.chars().next().is_some_and(char::is_alphanumeric))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::style::HouseStyle;

    fn features(line: &str) -> Features {
        let doc = Document::new(line, Format::PlainText);
        let style = HouseStyle::default();
        match scan(&doc, &style.boilerplate, None).remove(0) {
            Line::Text(f) => f,
            other => panic!("not a text line: {other:?}"),
        }
    }

    #[test]
    fn prose_is_measured() {
        let f = features("The council voted on Tuesday to close the old bridge.");
        assert_eq!(f.words, 10);
        assert!(f.ends_sentence && f.letters && f.label.is_none());
        assert!(f.stop_ratio > 0.3, "{}", f.stop_ratio);
        assert!(f.lower_ratio > 0.7, "{}", f.lower_ratio);
    }

    #[test]
    fn labels_are_found_whatever_the_case_and_counts() {
        let kind = |line: &str| features(line).label.map(|l| (l.kind, l.noun));
        for (line, expected) in [
            ("COMMENTS 0", (LabelKind::Section, "comment form")),
            ("Advertisement", (LabelKind::Chrome, "advertisement label")),
            ("Related Posts", (LabelKind::Section, "related links")),
            (
                "Facebook Twitter Email",
                (LabelKind::Chrome, "share buttons"),
            ),
            ("Swahili", (LabelKind::Language, "language picker")),
            ("Image 3 of 12", (LabelKind::Chrome, "media label")),
            (
                "Share this on WhatsApp",
                (LabelKind::Section, "share buttons"),
            ),
        ] {
            assert_eq!(kind(line), Some(expected), "{line}");
        }
        assert_eq!(kind("Share prices fell sharply on Monday."), None);
        assert_eq!(kind("Council approves new budget"), None);
    }

    #[test]
    fn metadata_lines() {
        assert!(features("By Jane Doe").byline);
        assert!(!features("By then, the vote was over.").byline);
        // A comment's header ends with `says:`; copy goes on to the quote.
        assert_eq!(features("janedoe42 says:").metadata, Some("byline"));
        assert_eq!(
            features("Jane Doe on March 3, 2024 at 9:41 am said:").metadata,
            Some("byline")
        );
        let quote = features("The mayor said: “We will rebuild the bridge by spring.”");
        assert_eq!(quote.metadata, None);
        let stamp = features("Updated 9:41 AM, March 3, 2024");
        assert!(stamp.dated && stamp.timed);
        assert_eq!(
            features("Photo: Jane Doe / Example Agency").metadata,
            Some("credit line")
        );
        assert_eq!(features("Home » World » Europe").separators, 2);
        assert!(features("— Jane Doe (@janedoe) March 3, 2024").tweet);
    }

    #[test]
    fn repeated_lines_share_a_key_despite_quotes_and_case() {
        let a = features("Minister Urges ‘Calm’ After Storm");
        let b = features("Minister urges 'calm' after storm");
        assert_eq!(a.key, b.key);
        assert_ne!(a.key, features("Minister urges calm after the storm").key);
    }

    #[test]
    fn table_rows_have_cells() {
        for row in ["Team\tWon\tLost", "\tA\t", "| a | b |", "|a|b|c|"] {
            assert!(is_table_row(row), "{row:?}");
        }
        for line in ["One\ttab", "| a |", "a | b | c", "|", "||", "Plain words"] {
            assert!(!is_table_row(line), "{line:?}");
        }
    }

    #[test]
    fn captions_end_with_a_credit() {
        assert!(
            features("The mayor, left, opens the bridge on Monday. (AP Photo/Jane Doe)").caption
        );
        assert!(features("Divers inspect the southern pier.Jane Doe/Getty").caption);
        assert!(!features("The agency (EPA) said it would review the permit.").caption);
        assert!(!features("The plan for the shared electronic record (eEPA)").caption);
    }

    #[test]
    fn cjk_characters_count_as_words() {
        let f = features("市議会は火曜日、古い橋を閉鎖することを決めた。");
        assert!(f.cjk && f.words >= 8 && f.ends_sentence);
    }
}
