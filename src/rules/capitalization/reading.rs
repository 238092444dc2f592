//! How the copy reads: which words start a sentence, which stand mid-sentence, and which lines
//! are headlines rather than sentences.
//!
//! Every capitalization check hangs on this. A lowercase word that starts a sentence is a slip;
//! a capital mid-sentence is evidence that a word is a name; a capital at a sentence start or
//! in a title-case headline is evidence of nothing. When the punctuation does not settle it
//! (`U.S.` may or may not end a sentence, a colon may or may not start one) the position is
//! [`Position::Unknown`] and no check relies on it.

use crate::document::{Document, Format, Word as DocWord};
use crate::rules::capitalization::dictionary;
use crate::rules::capitalization::lines;
pub(crate) use crate::rules::capitalization::lines::{Line, LineKind};
use crate::span::Span;
use crate::text::WordList;

/// Where a word stands in its sentence, as far as the punctuation tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Position {
    SentenceStart,
    MidSentence,
    Unknown,
}

/// Where one word of the copy stands: kept beside the document's shared word list (eight
/// bytes a word), not in a copy of it.
#[derive(Clone, Copy, Debug)]
struct Place {
    line: u32,
    position: Position,
    in_fragment: bool,
}

/// One word of the copy as read: the document's word and where it stands.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Word {
    word: DocWord,
    line: u32,
    pub position: Position,
    /// Inside a quotation that opened mid-sentence (`called it “a farce`): its sentence
    /// boundaries are the quoted speaker's, not the copy's.
    pub in_fragment: bool,
}

impl Word {
    #[inline]
    fn of(word: DocWord, place: Place) -> Word {
        Word {
            word,
            line: place.line,
            position: place.position,
            in_fragment: place.in_fragment,
        }
    }

    /// The [`class`](crate::text::class) bits of its bytes.
    #[inline]
    pub fn classes(&self) -> u8 {
        self.word.classes()
    }

    /// In the document text.
    #[inline]
    pub fn span(&self) -> Span {
        self.word.span()
    }

    /// The line it stands on.
    #[inline]
    pub fn line(&self) -> usize {
        self.line as usize
    }

    /// The number of its spelling among the document's (see [`DocWord::form`]).
    #[inline]
    pub fn form(&self) -> u32 {
        self.word.form()
    }
}

/// The words of the copy as read, by their index.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Words<'r> {
    /// The document's words, one for each place.
    all: &'r [DocWord],
    places: &'r [Place],
}

impl<'r> Words<'r> {
    pub fn len(self) -> usize {
        self.places.len()
    }

    /// Word `i`, which must be there.
    #[inline]
    pub fn at(self, i: usize) -> Word {
        Word::of(self.all[i], self.places[i])
    }

    /// Word `i`, if there is one.
    pub fn get(self, i: usize) -> Option<Word> {
        (i < self.len()).then(|| self.at(i))
    }

    pub fn iter(self) -> impl DoubleEndedIterator<Item = Word> + ExactSizeIterator + 'r {
        self.all
            .iter()
            .zip(self.places)
            .map(|(&word, &place)| Word::of(word, place))
    }

    /// The index of the first word that does not start before `at`.
    pub fn first_from(self, at: usize) -> usize {
        self.all[..self.len()].partition_point(|w| (w.start as usize) < at)
    }
}

/// The words of a document with their positions, and what each line is.
#[derive(Debug, Default)]
pub(crate) struct Reading<'d> {
    /// The document's words: a blank line has none, so the reading has every one.
    all: &'d [DocWord],
    places: Vec<Place>,
    pub lines: Vec<Line>,
}

impl<'d> Reading<'d> {
    pub fn words(&self) -> Words<'_> {
        Words {
            all: self.all,
            places: &self.places,
        }
    }

    pub fn line_kind(&self, word: &Word) -> LineKind {
        self.lines[word.line()].kind
    }

    /// True when the word stands in a sentence or a headline: where a lowercase name is a
    /// slip, unlike a tag list (`Filed under afghanistan, hostages`).
    pub fn in_copy(&self, word: &Word) -> bool {
        let line = self.lines[word.line()];
        line.sentence || line.kind == LineKind::Headline
    }
}

/// Quotation marks and brackets that open.
const OPENERS: &[char] = &['“', '"', '‘', '\'', '(', '['];
/// Quotation marks and brackets that close.
pub(crate) const CLOSERS: &[char] = &['”', '"', '’', '\'', ')', ']'];

/// Abbreviations that stand before a name and never end a sentence.
#[rustfmt::skip]
pub(crate) static TITLE_ABBREVIATIONS: WordList = WordList::new(&[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Adm",
    "Cmdr", "Maj", "Brig", "Prof", "Rev", "Fr", "Hon", "Pres", "Supt", "Insp", "Det", "Mt", "Ft",
    "Messrs", "Mme", "Mlle", "Msgr", "Rt", "St",
]);

/// Abbreviations after which a sentence may or may not go on.
#[rustfmt::skip]
static OTHER_ABBREVIATIONS: WordList = WordList::new(&[
    "No", "Nos", "vs", "v", "etc", "Inc", "Ltd", "Co", "Corp", "Jr", "Sr", "Bros", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "approx", "ca", "cf",
    "al", "fig", "Fig", "vol", "Vol", "p", "pp", "ed", "eds", "est", "Est", "dept", "Dept", "Ave",
    "Blvd", "Rd", "Sq", "Univ", "Assn", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del",
    "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo",
    "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Vt", "Va", "Wash", "Wis", "Wyo", "Op",
    "Ch", "Art", "Sec", "Gov't", "min", "max", "hr", "hrs", "yr", "yrs", "mo", "oz", "lb", "lbs",
    "ft", "in", "km", "mi", "sq", "incl", "esp", "viz", "Ph", "ibid", "Ibid", "tsp", "tbsp",
    "Tbsp", "misc", "govt", "intl", "natl", "asst", "avg", "mins", "secs", "wks",
]);

/// Reads the document once. (A document of 4 GiB or more has no words: offsets are kept in
/// 32 bits.)
#[inline(never)]
pub(crate) fn read<'d>(doc: &'d Document<'_>) -> Reading<'d> {
    let prose = doc.prose();
    if u32::try_from(prose.len()).is_err() || u32::try_from(doc.lines().len()).is_err() {
        return Reading::default();
    }
    let mut reading = Reading {
        all: doc.words(),
        places: Vec::with_capacity(doc.words().len()),
        lines: Vec::with_capacity(doc.lines().len()),
    };
    // First the words of each line, and what each line is.
    for (i, line) in doc.lines().iter().enumerate() {
        let text = line.slice(prose);
        let kind = lines::classify(text, line.slice(doc.text));
        let before = reading.places.len();
        if kind != LineKind::Blank {
            let place = Place {
                line: i as u32,
                position: Position::Unknown,
                in_fragment: false,
            };
            let count = doc.line_words(i).len();
            reading.places.resize(before + count, place);
        }
        reading.lines.push(Line {
            kind,
            sentence: false,
            words: reading.places.len() - before,
        });
    }
    // A blank line has no words (checked, to be sure a word's place is that word's).
    if reading.places.len() != reading.all.len() {
        return Reading::default();
    }
    lines::mark_sentences(doc, &mut reading.lines);
    // Then where each word stands, line by line.
    // Whether the last line with text ended a sentence; `None` before the first one.
    let mut previous_ended: Option<bool> = None;
    // Whether the last line with text was a headline: the copy after it starts afresh once
    // a blank line (or, after a Markdown heading, the line break) closes it.
    let mut after_headline = false;
    let mut first = 0;
    for (i, line) in doc.lines().iter().enumerate() {
        let Line {
            kind,
            sentence,
            words: count,
        } = reading.lines[i];
        let line_words = &reading.all[first..first + count];
        let line_places = &mut reading.places[first..first + count];
        first += count;
        if kind == LineKind::Blank {
            // (A Markdown break or underline is blank in the prose.)
            if after_headline || is_break(line.slice(doc.text)) {
                previous_ended = Some(true);
            }
            continue;
        }
        let text = line.slice(prose);
        let at =
            |w: &DocWord| Span::new(w.start as usize - line.start, w.end as usize - line.start);
        // Most words: a space, or a comma and a space, after a word go on with its sentence
        // (no quotation, question or bracket between).
        let mid = match kind {
            LineKind::Prose | LineKind::ListItem => Position::MidSentence,
            _ => Position::Unknown,
        };
        let bytes = prose.as_bytes();
        let mut state = LineState::default();
        let mut prev = Span::new(0, 0);
        for (k, (word, place)) in line_words.iter().zip(line_places.iter_mut()).enumerate() {
            let (start, after_prev) = (word.start as usize, prev.end + line.start);
            let plain = match start - after_prev {
                1 => bytes[after_prev] == b' ',
                2 => bytes[after_prev..start] == *b", ",
                _ => false,
            };
            (place.position, place.in_fragment) = if k > 0 && plain {
                (mid, state.fragment_open)
            } else {
                let starts = previous_ended.is_none_or(|ended| ended);
                state.place(text, prev, at(word), k, (kind, sentence), starts)
            };
            prev = at(word);
        }
        let last = line_words.last().map(at);
        let original = line.slice(doc.text);
        let closes = is_break(original)
            || (doc.format == Format::Markdown && is_heading(original))
            || ends_sentence(text, last, line_words.len());
        previous_ended = Some(closes);
        after_headline = matches!(kind, LineKind::Headline | LineKind::AllCaps);
    }
    reading
}

/// What a line has opened so far, as its words are read.
#[derive(Default)]
struct LineState {
    /// A quotation that opened mid-sentence, and is not closed.
    fragment_open: bool,
    quote_open: bool,
    /// Brackets open.
    brackets: usize,
}

impl LineState {
    /// The position of word `k`, at `w` of the line `text`, and whether it stands in a
    /// quoted fragment: for a line's first word, and for a word whose gap from the word
    /// before (at `prev`) is more than a space or a comma and a space. `starts` tells
    /// whether the line before ended a sentence (or there is none).
    #[inline(never)]
    fn place(
        &mut self,
        text: &str,
        prev: Span,
        w: Span,
        k: usize,
        (kind, sentence): (LineKind, bool),
        starts: bool,
    ) -> (Position, bool) {
        let gap = &text[prev.end..w.start];
        let (position, opened, closed) = if k == 0 {
            let lead = text[..w.start].trim_start();
            let opened = lead.chars().any(is_quote);
            let clean = lead.chars().all(|c| OPENERS.contains(&c));
            let position = if clean && starts {
                Position::SentenceStart
            } else {
                Position::Unknown
            };
            (position, opened, false)
        } else {
            position_after(text, prev, w, k == 1)
        };
        if closed {
            self.fragment_open = false;
            self.quote_open = false;
        }
        // A question inside a quotation may run on in lowercase, as speech does.
        let asked_in_quote = self.quote_open && k > 0 && gap.contains('?');
        if opened {
            self.fragment_open = k > 0 && is_fragment_opening(text, prev, w);
            self.quote_open = true;
        }
        let count = |a: u8, b: u8| gap.bytes().filter(|&c| c == a || c == b).count();
        self.brackets = (self.brackets + count(b'(', b'[')).saturating_sub(count(b')', b']'));
        let position = match (position, kind) {
            // Only running copy has sentences: not a list, a headline, a tag line, a
            // bracketed aside (`[1 tsp. sesame oil]`).
            (Position::SentenceStart, _) if !sentence || self.brackets > 0 || asked_in_quote => {
                Position::Unknown
            }
            (p, LineKind::Prose) => p,
            (p, LineKind::ListItem) if k > 0 => p,
            _ => Position::Unknown,
        };
        (position, self.fragment_open)
    }
}

/// A line that breaks the copy into sections (`* * *`, `---`, `###`), or underlines the
/// heading above it (`=====`): three or more marks and nothing else.
fn is_break(original: &str) -> bool {
    let mut marks = 0;
    for c in original.chars() {
        match c {
            '-' | '*' | '_' | '=' | '~' | '#' | '•' | '·' | '–' | '—' => marks += 1,
            ' ' | '\t' => {}
            _ => return false,
        }
    }
    marks >= 3
}

/// A Markdown heading: up to three spaces, one to six `#`, then a space or the line's end.
fn is_heading(original: &str) -> bool {
    let indent = original.len() - original.trim_start_matches(' ').len();
    let rest = &original[indent..];
    let marks = rest.len() - rest.trim_start_matches('#').len();
    indent <= 3
        && (1..=6).contains(&marks)
        && rest[marks..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
}

/// What each line is, and which lines are running copy, without the words' positions: for
/// a rule that only asks which lines are sentences. The lines are those of [`read`].
pub(crate) fn read_lines(doc: &Document<'_>) -> Vec<Line> {
    let prose = doc.prose();
    let mut lines: Vec<Line> = doc
        .lines()
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let text = line.slice(prose);
            let kind = lines::classify(text, line.slice(doc.text));
            let words = match kind {
                LineKind::Blank => 0,
                _ => doc.line_words(i).len(),
            };
            Line {
                kind,
                sentence: false,
                words,
            }
        })
        .collect();
    lines::mark_sentences(doc, &mut lines);
    lines
}

/// True when the line's last word (of `count`) is followed by punctuation that ends a
/// sentence.
fn ends_sentence(text: &str, last: Option<Span>, count: usize) -> bool {
    let Some(last) = last else {
        return false;
    };
    let tail = text[last.end..].trim_end();
    !tail.is_empty() && {
        let chunk = chunk_ending(text, last.end + tail.len());
        after_chunk(chunk, count == 1, true) == Position::SentenceStart
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '‘')
}

/// The position of `next`, judged by the punctuation between it and `prev` on the same line.
/// Also says whether a quotation opens right before `next` and whether one closed after `prev`.
fn position_after(
    text: &str,
    prev: Span,
    next: Span,
    prev_is_first: bool,
) -> (Position, bool, bool) {
    let gap = &text[prev.end..next.start];
    // Punctuation glued to the previous word, the space, then what is glued to the next word.
    let Some(space) = gap.find(char::is_whitespace) else {
        // `U.S`, `and/or`, `end.The`: not a word boundary a sentence could fall on. A
        // quotation mark glued to the word before closes a quotation (`"torpor"—the term`).
        let closed = gap.starts_with(['”', '"']);
        return (Position::Unknown, false, closed);
    };
    let glued_before = &gap[..space];
    let glued_after = gap[space..].trim_start();
    let closed = glued_before.chars().any(|c| matches!(c, '”' | '"'));
    let opened = glued_after.chars().any(is_quote);
    if !glued_after.chars().all(|c| OPENERS.contains(&c)) {
        // A dash, an ampersand, a bullet: the sentence may go on or not.
        return (Position::Unknown, opened, closed);
    }
    let chunk = chunk_ending(text, prev.end + space);
    // `1 tsp. sugar`, `2 Tbsp. oil`, `5 ft. tall`: a unit after a number.
    let chunk_start = prev.end + space - chunk.len();
    if is_unit_after_number(chunk, &text[..chunk_start]) {
        return (Position::Unknown, opened, closed);
    }
    let position = after_chunk(
        chunk,
        prev_is_first && chunk_is_line_start(text, chunk),
        false,
    );
    let position = match position {
        // A quotation or bracket opening mid-sentence may start a quoted sentence.
        Position::MidSentence if !glued_after.is_empty() => Position::Unknown,
        p => p,
    };
    (position, opened, closed)
}

/// Units written with a full stop that are also ordinary words, or that a dictionary may
/// list: after a number they are units (`3 in. long`, `2 c. flour`).
#[rustfmt::skip]
static UNITS: WordList = WordList::new(&[
    "in", "min", "mins", "sec", "secs", "hr", "hrs", "ft", "yd", "yds", "mi", "oz", "lb", "lbs",
    "pt", "pts", "qt", "gal", "sq", "cu", "mo", "mos", "yr", "yrs", "wk", "wks", "tsp", "tbsp",
    "c", "g", "kg", "mg", "ml", "cm", "mm", "km", "m", "lg", "med", "sm", "pkg", "doz", "env",
    "cal", "deg",
]);

/// True when `chunk` is a short abbreviation (`tsp.`) right after a number: a unit, or a
/// short word no dictionary knows. An ordinary word ends a sentence there (`cut 4 jobs.`,
/// `in 3 days.`).
fn is_unit_after_number(chunk: &str, before: &str) -> bool {
    let Some(stem) = chunk.strip_suffix('.') else {
        return false;
    };
    if !(1..=4).contains(&stem.len()) || !stem.chars().all(char::is_alphabetic) {
        return false;
    }
    let number = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    // The number first: the dictionary is the dearest question.
    number
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c.is_numeric())
        && (UNITS.contains_lowercase(stem) || !dictionary::is_word(stem))
}

/// True when the quotation that opens before `next` opens mid-sentence, right after a word
/// (`called it “a farce`), rather than after a comma, a colon or a full stop.
fn is_fragment_opening(text: &str, prev: Span, next: Span) -> bool {
    let gap = &text[prev.end..next.start];
    gap.starts_with(char::is_whitespace)
}

/// The run of non-space characters that ends at `end`.
fn chunk_ending(text: &str, end: usize) -> &str {
    // Most chunks are ASCII back to an ASCII space; a byte past ASCII takes the long way.
    let before = &text.as_bytes()[..end];
    let start = match before
        .iter()
        .rposition(|&b| matches!(b, b'\t'..=b'\r' | b' ') || !b.is_ascii())
    {
        None => 0,
        Some(i) if before[i].is_ascii() => i + 1,
        Some(_) => text[..end].rfind(char::is_whitespace).map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        }),
    };
    &text[start..end]
}

/// `text` without the closing quotation marks and brackets ([`CLOSERS`]) it ends with.
fn trim_closers(text: &str) -> &str {
    match text.as_bytes().last() {
        Some(&b) if b.is_ascii() && !matches!(b, b'"' | b'\'' | b')' | b']') => text,
        _ => text.trim_end_matches(CLOSERS),
    }
}

/// `text` without the opening quotation marks and brackets ([`OPENERS`]) it starts with.
fn trim_openers(text: &str) -> &str {
    match text.as_bytes().first() {
        Some(&b) if b.is_ascii() && !matches!(b, b'"' | b'\'' | b'(' | b'[') => text,
        _ => text.trim_start_matches(OPENERS),
    }
}

fn chunk_is_line_start(text: &str, chunk: &str) -> bool {
    text.trim_start().starts_with(chunk)
}

/// The position of a word that follows `chunk` (the previous word with the punctuation glued to
/// it: `said.”`, `U.S.`, `Mr.`, `2019.`, `e.g.,`). `first_on_line` marks a list number;
/// `line_end` says the chunk ends its line.
fn after_chunk(chunk: &str, first_on_line: bool, line_end: bool) -> Position {
    let core = trim_closers(chunk);
    let closed = core.len() != chunk.len();
    let Some(last) = core.chars().next_back() else {
        return Position::Unknown;
    };
    match last {
        ',' => Position::MidSentence,
        c if c.is_alphanumeric() => Position::MidSentence,
        // `“Why?” he asked` goes on; so may `Yahoo! said`.
        '?' if !closed => Position::SentenceStart,
        // A full stop inside a closing quotation mark may end a quoted title or slogan
        // mid-sentence (`the “Meth. We’re on it.” campaign`), unless the line ends there.
        '.' if closed && !line_end => Position::Unknown,
        '.' => after_full_stop(&core[..core.len() - 1], first_on_line),
        _ => Position::Unknown,
    }
}

/// The position after a full stop that follows `stem` (`U.S`, `Mr`, `2019`, `said`).
fn after_full_stop(stem: &str, first_on_line: bool) -> Position {
    let stem = trim_openers(stem);
    // An ellipsis, `U.S.`, `e.g.`, `a.m.`, `J.K.`: may or may not end the sentence.
    if stem.is_empty() || stem.contains('.') || stem.ends_with('…') {
        return Position::Unknown;
    }
    // `NATO.` may end a sentence, `ID.` may name a product.
    if stem.chars().all(|c| !c.is_lowercase()) && stem.chars().any(char::is_uppercase) {
        return Position::Unknown;
    }
    if TITLE_ABBREVIATIONS.contains(stem) {
        return Position::MidSentence;
    }
    if OTHER_ABBREVIATIONS.contains(stem) {
        return Position::Unknown;
    }
    // `Tbsp.`, `Ont.`: a short capitalized abbreviation no dictionary knows.
    if stem.len() <= 4
        && stem.chars().next().is_some_and(char::is_uppercase)
        && !dictionary::is_word(stem)
    {
        return Position::Unknown;
    }
    let mut chars = stem.chars();
    let first = chars.next();
    // An initial: `J. Smith`, or `Plan B.` at a sentence end.
    if first.is_some_and(char::is_alphabetic) && chars.next().is_none() {
        return Position::Unknown;
    }
    if stem.chars().all(|c| c.is_ascii_digit()) {
        // `1.` at the start of a line numbers a list item.
        return if first_on_line {
            Position::Unknown
        } else {
            Position::SentenceStart
        };
    }
    // `pkg.`, `tbl.`: a very short lowercase abbreviation no dictionary knows (a longer
    // unknown word may be a name written lowercase: `putin.`).
    if stem.len() <= 3 && stem.chars().all(|c| c.is_ascii_lowercase()) && !dictionary::is_word(stem)
    {
        return Position::Unknown;
    }
    if !stem.chars().next_back().is_some_and(char::is_alphanumeric) {
        return Position::Unknown;
    }
    Position::SentenceStart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn positions(text: &str) -> Vec<(String, Position)> {
        let doc = Document::new(text, Format::PlainText);
        read(&doc)
            .words()
            .iter()
            .map(|w| (w.span().slice(text).to_string(), w.position))
            .collect()
    }

    fn position_of(text: &str, word: &str) -> Position {
        positions(text)
            .into_iter()
            .find(|(w, _)| w == word)
            .map(|(_, p)| p)
            .expect("word is in the text")
    }

    use Position::*;

    #[test]
    fn ascii_fast_paths_agree_with_the_long_way() {
        let samples = [
            "",
            "said.",
            "He said.” Then",
            "(U.S.) and",
            "“Why",
            "'quoted'",
            "a naïve.",
            "3\u{a0}tsp.",
            "x\u{2009}said.",
            "tab\tend\x0bvt\x0cff\r\n",
            "cost €5.",
            "say…",
            "[1]",
            "\"\"",
            "”",
            "‘a’",
            "word\u{3000}next",
        ];
        for text in samples {
            assert_eq!(
                trim_closers(text),
                text.trim_end_matches(CLOSERS),
                "{text:?}"
            );
            assert_eq!(
                trim_openers(text),
                text.trim_start_matches(OPENERS),
                "{text:?}"
            );
            for end in (0..=text.len()).filter(|&end| text.is_char_boundary(end)) {
                let start = text[..end].rfind(char::is_whitespace).map_or(0, |i| {
                    i + text[i..].chars().next().map_or(1, char::len_utf8)
                });
                assert_eq!(chunk_ending(text, end), &text[start..end], "{text:?} {end}");
            }
        }
    }

    #[test]
    fn full_stops_start_sentences_abbreviations_do_not() {
        let text =
            "The talks ended. Officials left the U.S. embassy with Mr. Smith at 5 p.m. today.";
        assert_eq!(position_of(text, "The"), SentenceStart);
        assert_eq!(position_of(text, "talks"), MidSentence);
        assert_eq!(position_of(text, "Officials"), SentenceStart);
        assert_eq!(position_of(text, "embassy"), Unknown);
        assert_eq!(position_of(text, "Smith"), MidSentence);
        assert_eq!(position_of(text, "today"), Unknown);
    }

    #[test]
    fn quotes_colons_and_questions() {
        let text = "“Why?” he asked. She said: Never. It was “a farce,” he said. Is it over? yes.";
        assert_eq!(position_of(text, "he"), Unknown);
        assert_eq!(position_of(text, "Never"), Unknown);
        assert_eq!(position_of(text, "a"), Unknown);
        assert_eq!(position_of(text, "yes"), SentenceStart);
        assert_eq!(position_of(text, "said"), MidSentence);
    }

    #[test]
    fn lines_read_alone_are_the_lines_of_the_reading() {
        let text = "Talks Resume in Geneva\nthe ministers met on Monday and\nagreed to meet again.\n\n\
                    - a list item here\n> quoted. words\nSHARE THIS\none two\nthree.\n\
                    A long line without a full stop that wraps on to the next one here\n\
                    And the next one ends it.\nTags: a, b, c\n";
        for format in [Format::PlainText, Format::Markdown] {
            let doc = Document::new(text, format);
            let seen = |lines: &[Line]| -> Vec<(LineKind, bool, usize)> {
                lines
                    .iter()
                    .map(|l| (l.kind, l.sentence, l.words))
                    .collect()
            };
            assert_eq!(seen(&read(&doc).lines), seen(&read_lines(&doc)));
        }
    }

    #[test]
    fn lines_follow_the_line_before() {
        let text = "Talks Resume in Geneva\nthe ministers met on Monday and\nagreed to meet again.\n\nthey left after lunch on Friday.";
        assert_eq!(position_of(text, "the"), Unknown);
        assert_eq!(position_of(text, "agreed"), Unknown);
        assert_eq!(position_of(text, "they"), SentenceStart);
        assert_eq!(position_of(text, "Resume"), Unknown);
    }
}
