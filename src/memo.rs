//! What a check leaves for the next check of the same document.
//!
//! In an editor a document is checked again at every keystroke, and all of it but a line or
//! two is what the last check read. A [`Memo`] keeps what was made of each line (boilerplate's
//! measures of it, the name mentions on it), keyed by the line's text, so that the next check
//! works only on the lines that changed; and it keeps the dictionary's verdicts on the
//! document's words. It never changes a finding: a check with a memo gives exactly the
//! findings of a check without one. An entry keeps the text it was made from and is used only
//! when that text is the same, byte for byte; and an entry made under other house style
//! settings is never used.
//!
//! A memo belongs to one document: the language server keeps one per open document; the
//! command line, which checks each file once, needs none.

use std::sync::{Mutex, PoisonError};

use rustc_hash::FxHashMap;

use crate::rules::{boilerplate, capitalization, name_consistency};

/// The memo of one document, shared by the threads that check it.
#[derive(Debug, Default)]
pub struct Memo {
    pub(crate) boilerplate: Mutex<boilerplate::LineMemo>,
    pub(crate) names: Mutex<name_consistency::NameMemo>,
    pub(crate) verdicts: Mutex<capitalization::Verdicts>,
}

impl Memo {
    pub fn new() -> Memo {
        Memo::default()
    }
}

/// A rule's entries in a memo, by a hash of the text each was made from, each marked with the
/// last check that made or took it. Entries no check has taken for a while are dropped once
/// they outnumber those the last check took, so a memo holds about one document's worth.
#[derive(Debug)]
pub(crate) struct Entries<E> {
    /// The fingerprint of the settings the entries were made with.
    settings: u64,
    entries: FxHashMap<u64, (u32, E)>,
    /// The number of this check, and how many entries it has made or taken.
    check: u32,
    taken: usize,
}

impl<E> Default for Entries<E> {
    fn default() -> Self {
        Entries {
            settings: 0,
            entries: FxHashMap::default(),
            check: 0,
            taken: 0,
        }
    }
}

impl<E> Entries<E> {
    /// Starts a check with settings of this fingerprint: entries made with others are dropped.
    pub fn begin(&mut self, settings: u64) {
        if self.settings != settings {
            self.entries.clear();
            self.settings = settings;
        }
        self.check = self.check.wrapping_add(1);
        self.taken = 0;
    }

    /// The entry under `key` that `is_of` accepts (the text it was made from is the text
    /// asked about), if there is one.
    pub fn recall(&mut self, key: u64, is_of: impl Fn(&E) -> bool) -> Option<&E> {
        let (check, entry) = self.entries.get_mut(&key).filter(|(_, e)| is_of(e))?;
        if *check != self.check {
            *check = self.check;
            self.taken += 1;
        }
        Some(entry)
    }

    /// Keeps an entry just made, in place of any other under its key.
    pub fn keep(&mut self, key: u64, entry: E) {
        self.entries.insert(key, (self.check, entry));
        self.taken += 1;
    }

    /// Ends a check: entries it did not take are dropped if they have come to outnumber
    /// those it took (a whole memo's sweep, not one at every keystroke).
    pub fn end(&mut self) {
        if self.entries.len() > 2 * self.taken + 64 {
            let check = self.check;
            self.entries.retain(|_, (c, _)| *c == check);
        }
    }
}

/// Takes a rule's part of a memo; a part left by a panicking check is still sound (entries
/// are only ever added whole).
pub(crate) fn take<T>(part: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    part.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format};
    use crate::style::HouseStyle;
    use crate::workspace::NameIndex;

    const TEXTS: [(&str, Format); 6] = [
        (
            include_str!("../tests/fixtures/boilerplate/page-dump.txt"),
            Format::PlainText,
        ),
        (
            include_str!("../tests/fixtures/boilerplate/stray-furniture.md"),
            Format::Markdown,
        ),
        (
            include_str!("../tests/fixtures/capitalization/ferry-talks.md"),
            Format::Markdown,
        ),
        (
            include_str!("../tests/fixtures/name-consistency/one-story.md"),
            Format::Markdown,
        ),
        (
            include_str!("../tests/fixtures/punctuation-spacing/spacing.md"),
            Format::Markdown,
        ),
        (
            include_str!("../examples/harbour-strike.md"),
            Format::Markdown,
        ),
    ];

    /// Small pieces an editor types or pastes: line breaks of every kind, furniture, markup.
    const PIECES: [&str; 15] = [
        "a",
        "Kim Jong",
        " Un",
        "Zelenskyy's ",
        "\"",
        "@",
        " ",
        "\n",
        "\r\n",
        "é",
        "Share",
        ".",
        "Related Posts\n",
        "```\n",
        "<!-- x -->",
    ];

    /// A text's name mentions and findings checked alone, and checked again with a memo
    /// after each edit.
    fn findings(text: &str, format: Format, style: &HouseStyle, memo: Option<&Memo>) -> String {
        let doc = Document::new(text, format);
        let mentions = match memo {
            Some(memo) => NameIndex::read_again(&doc, style, memo),
            None => NameIndex::read(&doc, style),
        };
        let read = format!("{mentions:#?}");
        let mut names = NameIndex::new();
        names.insert("a", mentions);
        let found = match memo {
            Some(memo) => crate::check_document_again(&doc, style, &names, "a", memo),
            None => crate::check_document(&doc, style, &names, "a"),
        };
        format!("{read}\n{found:#?}")
    }

    #[test]
    fn checks_with_a_memo_find_what_checks_without_one_find() {
        let house = HouseStyle::from_toml(
            "[boilerplate]\nphrases = [\"ferry\"]\npatterns = [\"^Share\"]\n\
             [names]\nfamilies = [[\"Erdogan\", \"Erdoğan\"]]\n[words]\nignore = [\"Marsh\"]\n",
            None,
        )
        .expect("style");
        let styles = [HouseStyle::default(), house];
        let mut rolls = crate::testing::Rolls::new(0x2545_f491_4f6c_dd1d);
        let mut next = |below: usize| rolls.below(below);
        for (original, format) in TEXTS {
            let memo = Memo::new();
            let mut text = original.to_string();
            for step in 0..80 {
                // The house style changes now and then: lines measured or read under the
                // other one must not be taken.
                let style = &styles[step / 20 % 2];
                let at = text.floor_char_boundary(next(text.len() + 1));
                match next(3) {
                    0 => text.insert_str(at, PIECES[next(PIECES.len())]),
                    1 => {
                        let end = text.floor_char_boundary(at + next(24));
                        text.replace_range(at..end, "");
                    }
                    _ => {
                        let line = text[at..].split_inclusive('\n').next().unwrap_or("");
                        let line = line.to_string();
                        text.insert_str(at, &line);
                    }
                }
                assert_eq!(
                    findings(&text, format, style, Some(&memo)),
                    findings(&text, format, style, None),
                    "step {step} of {:?}",
                    &original[..40]
                );
            }
        }
    }
}
