//! What each line of the copy is: running copy, a headline, a line in capitals, a list item,
//! a block quotation; and which lines of running copy read as sentences, wrapped or not.
//!
//! Web copy comes one paragraph a line; copy pasted from elsewhere comes wrapped at some
//! width. A line without sentence punctuation is a headline, a label or a tag list, unless it
//! runs on into the next line.

use crate::document::Document;
use crate::rules::capitalization::reading::CLOSERS;
use crate::text::{WordList, is_capitals_line, words};

/// What a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineKind {
    Blank,
    /// Running copy.
    Prose,
    /// A title-case line that does not end in a full stop: a headline or subhead.
    Headline,
    /// A line in capitals.
    AllCaps,
    /// A bulleted or numbered item.
    ListItem,
    /// A Markdown block quotation (`> ...`): someone else's words, often a post quoted as
    /// its author wrote it.
    Quote,
}

/// What a line holds.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line {
    pub kind: LineKind,
    /// Running copy: its paragraph ends in sentence punctuation; not a tag list or a label.
    pub sentence: bool,
    /// How many words it has.
    pub words: usize,
}

/// Short words that title case leaves lowercase.
#[rustfmt::skip]
static SMALL_WORDS: WordList = WordList::new(&[
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "with", "by",
    "from", "as", "vs", "via", "per", "into", "onto", "up", "off", "out", "over", "is", "be",
    "are", "was", "its", "it", "than", "so", "if", "s",
]);

/// The fewest words and characters a line without sentence punctuation needs to be taken for
/// a wrapped line of running copy when the next line starts with a capital: shorter lines are
/// headlines and labels.
const MIN_WRAPPED_WORDS: usize = 8;

const MIN_WRAPPED_CHARS: usize = 60;

/// Marks the lines of running copy: a prose line that ends in sentence punctuation, or one
/// that runs on into such a line (wrapped copy: the next line goes on in lowercase), in a run
/// of three words or more.
pub(crate) fn mark_sentences(doc: &Document<'_>, lines: &mut [Line]) {
    let prose = doc.prose();
    // Whether the line after this one is running copy, and how many words its run has.
    let mut next: Option<usize> = None;
    for i in (0..lines.len()).rev() {
        let text = doc.lines()[i].slice(prose);
        if lines[i].kind != LineKind::Prose {
            next = None;
            continue;
        }
        let words = lines[i].words;
        let run = if ends_in_sentence_punctuation(text)
            || (words >= MIN_WRAPPED_WORDS && inner_sentence_ends(text) >= MIN_INNER_ENDS)
        {
            Some(words)
        } else {
            // Wrapped copy: the next line goes on in lowercase, or this one is too long for a
            // headline or a label.
            let next_starts_lowercase = doc
                .lines()
                .get(i + 1)
                .and_then(|l| l.slice(prose).trim_start().chars().next())
                .is_some_and(char::is_lowercase);
            let runs_on = next_starts_lowercase
                || (words >= MIN_WRAPPED_WORDS && text.trim().chars().count() >= MIN_WRAPPED_CHARS);
            next.filter(|_| runs_on).map(|n| n + words)
        };
        lines[i].sentence = run.is_some_and(|n| n >= 3);
        next = run;
    }
}

/// How many sentence ends a paragraph that does not end in sentence punctuation needs to be
/// running copy all the same (`... I wish I had. Should I have? -- A READER`, a paragraph
/// ending in a link or a signature).
const MIN_INNER_ENDS: usize = 2;

/// How many times a sentence ends inside the line: a lowercase letter or a digit, a full
/// stop, question mark or exclamation mark (a closing quotation mark may follow), a space, a
/// capital.
fn inner_sentence_ends(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut ends = 0;
    for (i, _) in text.match_indices(['.', '?', '!']) {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = text[i + 1..].trim_start_matches(['"', '\'', ')']);
        let spaced = after.strip_prefix(' ').unwrap_or("");
        let spaced = spaced.trim_start_matches(['"', '“', '‘']);
        if before.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && spaced.starts_with(|c: char| c.is_ascii_uppercase())
        {
            ends += 1;
        }
    }
    ends
}

/// True when the line ends in a full stop, question mark or exclamation mark (a closing
/// quotation mark or bracket may follow).
fn ends_in_sentence_punctuation(text: &str) -> bool {
    let core = text.trim_end().trim_end_matches(CLOSERS);
    core.ends_with(['.', '?', '!'])
}

/// Classifies one line by its prose view (`text`) and what was written (`original`).
pub(crate) fn classify(text: &str, original: &str) -> LineKind {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return LineKind::Blank;
    }
    if is_list_item(original.trim_start()) {
        return LineKind::ListItem;
    }
    if original.trim_start().starts_with('>') {
        return LineKind::Quote;
    }
    if is_capitals_line(trimmed) {
        return LineKind::AllCaps;
    }
    if is_title_case(trimmed) {
        return LineKind::Headline;
    }
    LineKind::Prose
}

fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '+' | '•' | '·' | '–' | '—' | '▪' | '►') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.len() < line.len() && line.len() - rest.len() <= 3 && {
                let mut r = rest.chars();
                matches!(r.next(), Some('.' | ')')) && r.next().is_some_and(char::is_whitespace)
            }
        }
        _ => false,
    }
}

/// A line of title-case words that does not end in a full stop.
fn is_title_case(line: &str) -> bool {
    if line.trim_end_matches(CLOSERS).ends_with('.') {
        return false;
    }
    let (mut content, mut capitalized) = (0usize, 0usize);
    for w in words(line) {
        let word = w.slice(line);
        let Some(first) = word.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() || SMALL_WORDS.contains_lowercase(word) {
            continue;
        }
        content += 1;
        if first.is_uppercase() {
            capitalized += 1;
        }
        if content > 30 {
            return false;
        }
    }
    content >= 2 && capitalized * 4 >= content * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_kinds() {
        assert_eq!(classify("", ""), LineKind::Blank);
        assert_eq!(classify("RUSSIA WARNS THE WEST", "x"), LineKind::AllCaps);
        assert_eq!(
            classify("Russia Pushes Forward on the Front", "x"),
            LineKind::Headline
        );
        assert_eq!(
            classify("Russia pushes forward on the front.", "x"),
            LineKind::Prose
        );
        assert_eq!(
            classify(" the first item", "- the first item"),
            LineKind::ListItem
        );
        assert_eq!(
            classify("the first item", "2. the first item"),
            LineKind::ListItem
        );
        assert_eq!(classify("  lol. this", "> lol. this"), LineKind::Quote);
    }
}
