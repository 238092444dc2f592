//! The words of a document's prose, read once: the rules that go word by word (capitalization,
//! boilerplate's line measures, the name finder) share one reading rather than each splitting
//! every word of the copy again. Each distinct spelling is numbered as the words are read
//! ([`Forms`]), so that a rule works out what a spelling is once and looks it up by number at
//! every other use: a story says `the` hundreds of times.

use rustc_hash::FxHashMap;

use crate::span::Span;
use crate::text;
use crate::text::key::{Key, KeyNumbers};

/// One word of the prose, as [`text::words`] finds words (twelve bytes: a story has many).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    /// Where it starts and ends in the document text.
    pub start: u32,
    pub end: u32,
    /// The number of its spelling among the document's [`Forms`], above the [`class`] bits
    /// of its bytes or-ed together.
    ///
    /// [`class`]: text::class
    form_and_classes: u32,
}

/// The bits of [`Word::form_and_classes`] that hold the classes.
const CLASS_BITS: u32 = 5;
const _: () = assert!(text::class::ALL < 1 << CLASS_BITS);

/// The number of a spelling past the numbers a word can hold: no spelling's.
pub(crate) const NO_FORM: u32 = u32::MAX >> CLASS_BITS;

impl Word {
    fn new(start: usize, end: usize, form: u32, classes: u8) -> Word {
        Word {
            start: start as u32,
            end: end as u32,
            form_and_classes: form.min(NO_FORM) << CLASS_BITS | u32::from(classes),
        }
    }

    #[inline]
    pub fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// The [`class`](text::class) bits of its bytes or-ed together.
    #[inline]
    pub fn classes(self) -> u8 {
        (self.form_and_classes & ((1 << CLASS_BITS) - 1)) as u8
    }

    /// The number of its spelling, as written, among the document's [`Forms`]: below
    /// [`Forms::len`], or [`NO_FORM`] in a document with too many to number.
    #[inline]
    pub fn form(self) -> u32 {
        self.form_and_classes >> CLASS_BITS
    }

    /// True when every byte of it is ASCII.
    #[inline]
    pub fn is_ascii(self) -> bool {
        self.classes() & text::class::NON_ASCII == 0
    }
}

/// The words of a document, line by line.
#[derive(Debug, Default)]
pub(crate) struct Words {
    words: Vec<Word>,
    /// Where each line's words start in `words`, and after the last line where they end.
    line_starts: Vec<u32>,
    forms: Forms,
}

impl Words {
    /// Reads the words of each line of `prose`. Words never cross a line break. (A document
    /// of 4 GiB or more has no words: offsets are kept in 32 bits.)
    pub fn read(prose: &str, lines: &[Span]) -> Words {
        if u32::try_from(prose.len()).is_err() {
            return Words {
                words: Vec::new(),
                line_starts: vec![0; lines.len() + 1],
                forms: Forms::default(),
            };
        }
        // A word and a space take six bytes on average: room for more, not to grow the list.
        let mut words = Vec::with_capacity(prose.len() / 4);
        let mut line_starts = Vec::with_capacity(lines.len() + 1);
        let mut forms = Forms::with_capacity(prose.len());
        for line in lines {
            line_starts.push(words.len() as u32);
            // Offsets fit in 32 bits (checked above).
            words.extend(
                text::words_and_classes(line.slice(prose)).map(|(w, classes)| {
                    let (start, end) = (line.start + w.start, line.start + w.end);
                    Word::new(start, end, forms.number(prose, start, end), classes)
                }),
            );
        }
        line_starts.push(words.len() as u32);
        Words {
            words,
            line_starts,
            forms,
        }
    }

    /// The distinct spellings of the words.
    pub fn forms(&self) -> &Forms {
        &self.forms
    }

    /// Every word, in order.
    pub fn all(&self) -> &[Word] {
        &self.words
    }

    /// The words of line `line`.
    pub fn of_line(&self, line: usize) -> &[Word] {
        &self.words[self.line_starts[line] as usize..self.line_starts[line + 1] as usize]
    }
}

/// The distinct spellings of a document's words, as written (`The` and `the` are two), each
/// numbered once in the order first seen: what a rule works out about a word it can work out
/// once per spelling, and look up by number for every other use of it.
#[derive(Debug, Default)]
pub(crate) struct Forms {
    /// The short spellings' numbers; a long one's number has no key there.
    numbers: KeyNumbers,
    /// Longer spellings, rare in copy.
    long: FxHashMap<Box<str>, u32>,
}

impl Forms {
    /// Room for the spellings of `bytes` of copy: at most about forty times the square root
    /// of its words (about six bytes each), as real copy has them (the megabyte of real
    /// stories has about 15,300 for an estimate of 16,600). The table starts with that many
    /// slots, rounded up to a power of two; kept at most half full, it grows when a text has
    /// more. Twice as many slots cost the megabyte 160 more page faults a check.
    fn with_capacity(bytes: usize) -> Forms {
        let estimate = 40 * (bytes / 6).isqrt();
        Forms {
            numbers: KeyNumbers::with_capacity(estimate, estimate.min(1 << 20)),
            long: FxHashMap::default(),
        }
    }

    /// How many spellings have numbers: every number a word holds is below it, and
    /// [`NO_FORM`] is not.
    pub fn len(&self) -> usize {
        self.numbers.len().min(NO_FORM as usize)
    }

    /// The number of the word at `start..end` of `prose`, numbering it if new.
    #[inline(always)]
    fn number(&mut self, prose: &str, start: usize, end: usize) -> u32 {
        match Key::at(prose, start, end - start) {
            Some(key) => self.numbers.number(key).0,
            None => self.number_long(&prose[start..end]),
        }
    }

    fn number_long(&mut self, word: &str) -> u32 {
        if let Some(&number) = self.long.get(word) {
            return number;
        }
        let number = self.numbers.push_unkeyed();
        self.long.insert(word.into(), number);
        number
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format};

    /// Text that trips word splitters: joiners at word ends, curly and modifier apostrophes,
    /// Unicode hyphens, CJK, emoji, digits, CRLF and lone CR, Markdown that is blanked.
    const TRICKY: &[&str] = &[
        "Zelensky’s aide, Kilroy-Silk -- and O'Brien's 'quote'.",
        "Erdoğan‑Łódź ‘x’ al-Qaeda, Qur'an; 2024-25 — ÉCOLE… a- -b 'c d'",
        "killed bin Laden\r\nand de Gaulle's iPhone 3G,\rx-Ray ÿes über Ärger\n",
        "東京で 会議 Tokyo’s 🎉party🎉 naïve café ʼokina x‐y x‑y",
        "# Head *line*\n\n| a | b-c |\n|---|---|\n```\ncode words\n```\n[link text](https://x.y/z) <!-- note -->",
        "The council's long-term plan -- for 2024's budget -- passed.",
        "O’Brien’s twelve-year-old café—open “late” on Straße 9",
        "a-'b 'quoted' don't- -x x- ab'-cd 1.5 x_y",
        "市議会は火曜日、古い橋を閉鎖することを決めた。",
        "Ünïcode‐hyphen and ʼokina words, ééééééééé éx",
        "averyveryverylongwordindeed-and-more THE END",
        "",
        "  ",
        "-'\n\n\n",
    ];

    #[test]
    fn the_words_are_those_of_text_words_line_by_line() {
        for text in TRICKY {
            for format in [Format::PlainText, Format::Markdown] {
                let doc = Document::new(text, format);
                let prose = doc.prose();
                let expected: Vec<_> = text::words_and_classes(prose).collect();
                let shared: Vec<_> = doc
                    .words()
                    .iter()
                    .map(|w| (w.span(), w.classes()))
                    .collect();
                assert_eq!(shared, expected, "{text:?}");
                for (i, line) in doc.lines().iter().enumerate() {
                    let expected: Vec<_> = text::words(line.slice(prose))
                        .map(|w| w.start + line.start..w.end + line.start)
                        .collect();
                    let shared: Vec<_> =
                        doc.line_words(i).iter().map(|w| w.span().range()).collect();
                    assert_eq!(shared, expected, "{text:?} line {i}");
                }
            }
        }
    }

    #[test]
    fn each_spelling_is_numbered_once() {
        let long = "extraordinarily-long-compound";
        let text = format!("The council and the Council. {long} the café, {long}\nthe THE café");
        let doc = Document::new(&text, Format::PlainText);
        let forms = doc.forms();
        let mut first: Vec<(&str, u32)> = Vec::new();
        for w in doc.words() {
            let word = w.span().slice(&text);
            assert!((w.form() as usize) < forms.len(), "{word}");
            match first.iter().find(|(seen, _)| *seen == word) {
                Some(&(_, form)) => assert_eq!(w.form(), form, "{word}"),
                None => {
                    // Numbered in the order first seen, and never shared by two spellings.
                    assert_eq!(w.form() as usize, first.len(), "{word}");
                    first.push((word, w.form()));
                }
            }
        }
        assert_eq!(forms.len(), first.len());
        assert_eq!(
            first.iter().map(|(w, _)| *w).collect::<Vec<_>>(),
            [
                "The", "council", "and", "the", "Council", long, "café", "THE"
            ]
        );
    }

    #[test]
    fn a_spelling_number_and_classes_share_a_word() {
        let w = Word::new(3, 9, 1234, text::class::ALL);
        assert_eq!(
            (w.span(), w.form(), w.classes()),
            (Span::new(3, 9), 1234, text::class::ALL)
        );
        // Past the numbers a word holds: none.
        let w = Word::new(0, 1, u32::MAX, text::class::LOWER);
        assert_eq!((w.form(), w.classes()), (NO_FORM, text::class::LOWER));
    }

    #[test]
    fn ascii_words_are_told() {
        let doc = Document::new("naïve plain O'Brien café’s", Format::PlainText);
        let ascii: Vec<bool> = doc.words().iter().map(|w| w.is_ascii()).collect();
        assert_eq!(ascii, [false, true, true, false]);
    }
}
