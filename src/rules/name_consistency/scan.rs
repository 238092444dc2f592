//! Reading the prose for the words that may be names.

use super::lexicon;
use crate::document::{Document, Word};
use crate::text;

/// The words of the document that may be part of a name, line by line: its shared
/// [`words`](Document::line_words), skipping [`ends_names`] words. Told once per spelling.
pub(super) struct Candidates<'d, 't> {
    doc: &'d Document<'t>,
    /// Per spelling: 0 not yet told, else [`MAY`] or [`MAY_NOT`].
    told: Vec<u8>,
}

const MAY: u8 = 1;
const MAY_NOT: u8 = 2;

impl<'d, 't> Candidates<'d, 't> {
    pub fn new(doc: &'d Document<'t>) -> Self {
        Candidates {
            doc,
            told: vec![0; doc.forms().len()],
        }
    }

    /// The candidates on line `line` of the document.
    pub fn of_line(&mut self, line: usize) -> impl Iterator<Item = Word> + '_ {
        let prose = self.doc.prose();
        let told = &mut self.told;
        self.doc.line_words(line).iter().copied().filter(move |&w| {
            let Some(told) = told.get_mut(w.form() as usize) else {
                return may_be_name(prose, w);
            };
            if *told == 0 {
                *told = if may_be_name(prose, w) { MAY } else { MAY_NOT };
            }
            *told == MAY
        })
    }
}

/// Not [`ends_names`], told from the word's classes alone for most words: a word of lowercase
/// ASCII letters and digits is a piece of a name only as a particle.
#[inline]
fn may_be_name(prose: &str, w: Word) -> bool {
    if w.classes() & !(text::class::LOWER | text::class::DIGIT) != 0 {
        return !ends_names(w.span().slice(prose));
    }
    let first = prose.as_bytes()[w.start as usize];
    first.is_ascii_lowercase()
        && w.end - w.start <= 5
        && lexicon::is_particle(w.span().slice(prose))
}

/// Words that make a compound of a name without being part of it: `Kyiv-based`,
/// `Europe-wide`, `Zelensky-led`.
const COMPOUND_TAILS: &[&str] = &[
    "affiliated",
    "aligned",
    "allied",
    "annexed",
    "backed",
    "based",
    "born",
    "bound",
    "centric",
    "controlled",
    "era",
    "friendly",
    "funded",
    "held",
    "inspired",
    "led",
    "like",
    "linked",
    "made",
    "occupied",
    "owned",
    "related",
    "run",
    "speaking",
    "sponsored",
    "style",
    "wide",
];

/// The name in a compound such as `Kyiv-based`.
pub(super) fn strip_compound(word: &str) -> &str {
    // Every hyphen is `-` or starts with the byte 0xE2.
    if !word.bytes().any(|b| b == b'-' || b == 0xE2) {
        return word;
    }
    let mut word = word;
    while let Some((head, tail)) = word.rsplit_once(text::is_hyphen)
        && COMPOUND_TAILS.contains(&tail)
        && !head.is_empty()
    {
        word = head;
    }
    word
}

/// A word that cannot be part of a name, told cheaply: a digit first, or a lowercase word
/// that is neither a particle nor joined to a capitalized name by a hyphen.
pub(super) fn ends_names(word: &str) -> bool {
    let Some(&first) = word.as_bytes().first() else {
        return true;
    };
    if first.is_ascii_digit() {
        return true;
    }
    first.is_ascii_lowercase()
        && !(word.len() <= 5 && lexicon::is_particle(word))
        && !word.bytes().any(|b| b == b'-' || b == 0xE2)
}

/// Whether the word at `at` opens a sentence or a paragraph (quotes and brackets before it
/// aside). A single line break inside hard-wrapped copy does not.
pub(super) fn opens_sentence(prose: &str, at: usize) -> bool {
    let mut breaks = 0;
    for c in prose[..at].chars().rev() {
        match c {
            '\n' => {
                breaks += 1;
                if breaks > 1 {
                    return true;
                }
            }
            ' ' | '\t' | '\r' | '\u{a0}' | '"' | '“' | '‘' | '\'' | '(' | '[' | '«' => {}
            '.' | '!' | '?' | ':' | ';' | '…' => return true,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_keep_the_name() {
        assert_eq!(strip_compound("Kyiv-based"), "Kyiv");
        assert_eq!(strip_compound("Zelensky-led"), "Zelensky");
        assert_eq!(strip_compound("Kim Il-sung"), "Kim Il-sung");
        assert_eq!(strip_compound("Jae-in"), "Jae-in");
    }

    #[test]
    fn candidates_are_the_shared_words_that_may_be_names() {
        for text in [
            "Zelensky’s aide, Kilroy-Silk -- and O'Brien's 'quote'.",
            "Erdoğan‑Łódź ‘x’ al-Qaeda, Qur'an; 2024-25 — ÉCOLE… a-",
            "killed bin Laden and de Gaulle's iPhone 3G, x-Ray ÿes über Ärger",
            "Ludwig van der Berg, von 3g da Silva al vanguard de-icing 2024 ben bin9 dos-Santos",
            // Spellings told once, then looked up.
            "van Gogh and van der Berg saw the the Van van Gogh-led 3g 3g and-so and-so",
            "",
            "-'",
            "Two lines\nof Kyiv copy\r\nand\n\nVan Gogh's van",
        ] {
            let doc = Document::new(text, crate::document::Format::PlainText);
            let mut candidates = Candidates::new(&doc);
            let ours: Vec<_> = (0..doc.lines().len())
                .flat_map(|i| candidates.of_line(i).map(|w| w.span()).collect::<Vec<_>>())
                .collect();
            let shared: Vec<_> = text::words(text)
                .filter(|w| !ends_names(w.slice(text)))
                .collect();
            assert_eq!(ours, shared, "{text}");
        }
    }
}
