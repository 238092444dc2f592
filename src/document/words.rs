//! The words of a document's prose, read once: the rules that go word by word (capitalization,
//! boilerplate's line measures, the name finder) share one reading rather than each splitting
//! every word of the copy again.

use crate::span::Span;
use crate::text;

/// One word of the prose, as [`text::words`] finds words (twelve bytes: a story has many).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    /// Where it starts and ends in the document text.
    pub start: u32,
    pub end: u32,
    /// The [`class`](text::class) bits of its bytes or-ed together.
    pub classes: u8,
}

impl Word {
    #[inline]
    pub fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// True when every byte of it is ASCII.
    #[inline]
    pub fn is_ascii(self) -> bool {
        self.classes & text::class::NON_ASCII == 0
    }
}

/// The words of a document, line by line.
#[derive(Debug, Default)]
pub(crate) struct Words {
    words: Vec<Word>,
    /// Where each line's words start in `words`, and after the last line where they end.
    line_starts: Vec<u32>,
}

impl Words {
    /// Reads the words of each line of `prose`. Words never cross a line break. (A document
    /// of 4 GiB or more has no words: offsets are kept in 32 bits.)
    pub fn read(prose: &str, lines: &[Span]) -> Words {
        if u32::try_from(prose.len()).is_err() {
            return Words {
                words: Vec::new(),
                line_starts: vec![0; lines.len() + 1],
            };
        }
        // A word and a space take six bytes on average: room for more, not to grow the list.
        let mut words = Vec::with_capacity(prose.len() / 4);
        let mut line_starts = Vec::with_capacity(lines.len() + 1);
        for line in lines {
            line_starts.push(words.len() as u32);
            // Offsets fit in 32 bits (checked above).
            words.extend(
                text::words_and_classes(line.slice(prose)).map(|(w, classes)| Word {
                    start: (line.start + w.start) as u32,
                    end: (line.start + w.end) as u32,
                    classes,
                }),
            );
        }
        line_starts.push(words.len() as u32);
        Words { words, line_starts }
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

#[cfg(test)]
mod tests {
    use crate::document::{Document, Format};
    use crate::text;

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
                let shared: Vec<_> = doc.words().iter().map(|w| (w.span(), w.classes)).collect();
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
    fn ascii_words_are_told() {
        let doc = Document::new("naïve plain O'Brien café’s", Format::PlainText);
        let ascii: Vec<bool> = doc.words().iter().map(|w| w.is_ascii()).collect();
        assert_eq!(ascii, [false, true, true, false]);
    }
}
