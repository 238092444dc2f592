//! Titles and job descriptions that stand before a name: `Secretary of State`, `Mr.`,
//! `President Vladimir`, `union organiser`, `its chief executive,`.
//!
//! A lowercase word right after one is more likely a name than anywhere else, which lets the
//! check for names accept a name the copy never capitalizes (`marco rubio`).

use crate::rules::capitalization::reading::{TITLE_ABBREVIATIONS, Words};
use crate::span::Span;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::text::{WordList, with_lowercase};

/// Titles that stand before a name, as written in copy (capitalized).
#[rustfmt::skip]
static TITLES: WordList = WordList::new(&[
    "President", "Vice-President", "Minister", "Secretary", "Secretary-General", "Chancellor",
    "Senator", "Governor", "Mayor", "General", "King", "Queen", "Prince", "Princess", "Pope",
    "Sheikh", "Emir", "Ayatollah", "Judge", "Justice", "Commissioner", "Ambassador",
    "Spokesperson", "Spokesman", "Spokeswoman", "Chairman", "Chairwoman", "Director", "Premier",
    "Speaker", "Admiral", "Colonel", "Captain", "Lieutenant", "Sergeant", "Professor", "Reverend",
    "Bishop", "Archbishop", "Cardinal", "Rabbi", "Imam", "Sir", "Dame", "Lord", "Lady",
    "Detective", "Inspector", "Commander", "Marshal", "Congressman", "Congresswoman", "Councillor",
    "Councilman", "Councilwoman", "Representative", "Leader", "CEO", "Envoy", "Sultan", "Tsar",
    "Czar", "Crown", "Duke", "Duchess", "Earl", "Baroness", "Baron",
]);

/// Job descriptions in lowercase that stand before a name (`union organiser Tomasz
/// Wierzbicki`, `fire chief Deborah Okonkwo`). Weaker than a title: the check for names asks
/// more of the words after one.
#[rustfmt::skip]
static DESCRIPTIONS: WordList = WordList::new(&[
    "leader", "organiser", "organizer", "chief", "executive", "master", "spokesman",
    "spokeswoman", "spokesperson", "director", "chairman", "chairwoman", "chair", "minister",
    "secretary", "president", "founder", "co-founder", "coach", "manager", "captain", "officer",
    "commander", "governor", "mayor", "senator", "ambassador", "envoy", "adviser", "advisor",
    "economist", "analyst", "professor", "lawyer", "attorney", "judge", "owner", "shopkeeper",
    "councillor", "councilor", "deputy", "official", "aide", "chancellor", "premier",
    "vice-chancellor", "head", "boss", "commissioner", "superintendent", "inspector",
    "detective", "sergeant", "colonel", "general", "editor", "correspondent", "reporter",
]);

/// True when `word` (any case) is a title or job description: part of a title, never of a
/// name (`deputy prime minister`).
pub(crate) fn is_title_word(word: &str) -> bool {
    with_lowercase(word, |lower| {
        DESCRIPTIONS.contains(lower)
            || matches!(lower, "prime" | "vice" | "foreign" | "state" | "deputy")
    }) || in_ascii_lowercase(&TITLES_LOWERCASE, word)
}

/// [`TITLES`] in ASCII lowercase.
static TITLES_LOWERCASE: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| ascii_lowercase(TITLES.words().iter()));

/// [`TITLES`], [`TITLE_ABBREVIATIONS`] and `State`, in ASCII lowercase: made once a
/// process and kept for its life, like the lists it comes from.
static TITLES_AND_ABBREVIATIONS_LOWERCASE: LazyLock<WordList> = LazyLock::new(|| {
    let titles = TITLES.words().iter().chain(TITLE_ABBREVIATIONS.words());
    let lowercase: Vec<&'static str> = titles
        .chain(&["State"])
        .map(|t| &*t.to_ascii_lowercase().leak())
        .collect();
    WordList::new(lowercase.leak())
});

fn ascii_lowercase<'a>(words: impl Iterator<Item = &'a &'a str>) -> FxHashSet<String> {
    words.map(|t| t.to_ascii_lowercase()).collect()
}

/// True when `word` is one of `set` in some ASCII case: `set.iter().any(|t|
/// t.eq_ignore_ascii_case(word))` for a set of ASCII words in lowercase.
fn in_ascii_lowercase(set: &FxHashSet<String>, word: &str) -> bool {
    word.len() <= MAX_TITLE_LEN
        && word.is_ascii()
        && with_lowercase(word, |lower| set.contains(lower))
}

/// The most capitalized words between a title and the lowercase part of a name.
const MAX_NAMES_BEFORE: usize = 2;

/// The most words [`title_before`] looks back: the names before, and the title.
pub(crate) const MAX_WORDS_BEFORE: usize = MAX_NAMES_BEFORE + 1;

/// True when `word` is what [`title_before`] looks for: a title, a title's abbreviation,
/// `State`, or a job description.
pub(crate) fn is_title(word: &str) -> bool {
    // An ASCII word's length and first two bytes rule most words out.
    if word.is_ascii() && !has_title_shape(word.as_bytes()) {
        return false;
    }
    TITLES.contains(word)
        || TITLE_ABBREVIATIONS.contains(word)
        || word == "State"
        || DESCRIPTIONS.contains_lowercase(word)
}

/// True when `lowercase` (a word in lowercase) in some case may be what [`title_before`]
/// looks for (see [`is_title`]).
pub(crate) fn may_be_title(lowercase: &str) -> bool {
    // In lowercase already: the lists are asked as they stand.
    has_title_shape(lowercase.as_bytes())
        && (DESCRIPTIONS.contains(lowercase)
            || TITLES_AND_ABBREVIATIONS_LOWERCASE.contains(lowercase))
}

/// The longest title or abbreviation, in bytes.
const MAX_TITLE_LEN: usize = 20;

/// A bit for the length and first two bytes of each word [`is_title`] looks for, in any
/// ASCII case (see [`shape_bit`]).
static TITLE_SHAPES: LazyLock<[u64; 512]> = LazyLock::new(|| {
    let mut shapes = [0u64; 512];
    let titles = TITLES.words().iter().chain(TITLE_ABBREVIATIONS.words());
    for title in titles.chain(DESCRIPTIONS.words()).chain(&["State"]) {
        if let Some(bit) = shape_bit(title.as_bytes()) {
            shapes[bit / 64] |= 1 << (bit % 64);
        }
    }
    shapes
});

/// The bit of a word of two to 31 bytes: its length and the low five bits of its first two
/// bytes, the same for an ASCII letter in either case.
#[inline]
fn shape_bit(word: &[u8]) -> Option<usize> {
    let &[a, b, ..] = word else {
        return None;
    };
    (word.len() < 32).then(|| word.len() << 10 | usize::from(a & 31) << 5 | usize::from(b & 31))
}

/// False when `word` (bytes of an ASCII word, or of a word in lowercase) is none of the words
/// [`is_title`] looks for in any ASCII case: their shapes are few.
#[inline]
fn has_title_shape(word: &[u8]) -> bool {
    shape_bit(word).is_some_and(|bit| TITLE_SHAPES[bit / 64] & (1 << (bit % 64)) != 0)
}

/// A title found before a lowercase word.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Title {
    pub span: Span,
    /// Capitalized names between the title and the lowercase word (`President Vladimir`).
    pub names_before: usize,
    /// A lowercase job description rather than a title.
    pub description: bool,
    /// Set off by a comma (`its chief executive, ruth calloway,`): the name must close with
    /// one too.
    pub appositive: bool,
}

/// The title before word `i`, maybe with capitalized names between.
pub(crate) fn title_before(
    text: &str,
    words: Words<'_>,
    i: usize,
    is_name: impl Fn(&str) -> bool,
) -> Option<Title> {
    let mut j = i.checked_sub(1)?;
    let mut names_before = 0;
    loop {
        let next = words.at(j + 1).span();
        let here = words.at(j).span();
        let word = here.slice(text);
        let gap = &text[here.end..next.start];
        let title = |span: Span, description: bool, appositive: bool| Title {
            span,
            names_before,
            description,
            appositive,
        };
        if gap.strip_prefix('.').is_some_and(is_single_space) && TITLE_ABBREVIATIONS.contains(word)
        {
            return Some(title(Span::new(here.start, here.end + 1), false, false));
        }
        let appositive = names_before == 0 && gap.strip_prefix(',').is_some_and(is_single_space);
        if !is_single_space(gap) && !appositive {
            return None;
        }
        if TITLES.contains(word) {
            let span = secretary_of_state(text, words, j).unwrap_or(here);
            return Some(title(span, false, appositive));
        }
        if word == "State"
            && let Some(span) = secretary_of_state(text, words, j)
        {
            return Some(title(span, false, appositive));
        }
        // A description may start the sentence (`Shopkeeper priya ramaswamy`).
        if names_before == 0 && DESCRIPTIONS.contains_lowercase(word) {
            return Some(title(here, true, appositive));
        }
        // A capitalized first name between title and surname.
        if appositive || names_before == MAX_NAMES_BEFORE || !is_name(word) || j == 0 {
            return None;
        }
        names_before += 1;
        j -= 1;
    }
}

/// `Secretary of State` ending at word `j`.
fn secretary_of_state(text: &str, words: Words<'_>, j: usize) -> Option<Span> {
    if j < 2 {
        return None;
    }
    let [a, b, c] = [words.at(j - 2), words.at(j - 1), words.at(j)].map(|w| w.span());
    let phrase = [a, b, c].map(|s| s.slice(text));
    let spaced = single_space(text, a, b) && single_space(text, b, c);
    (phrase == ["Secretary", "of", "State"] && spaced).then(|| Span::new(a.start, c.end))
}

/// True when one space (or a line break) stands between the two words.
pub(crate) fn single_space(text: &str, a: Span, b: Span) -> bool {
    is_single_space(&text[a.end..b.start])
}

/// One space, or the line break of wrapped copy.
fn is_single_space(gap: &str) -> bool {
    matches!(gap, " " | "\u{a0}" | "\n" | "\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_title_may_be_one_in_lowercase() {
        let titles = TITLES.words().iter().chain(TITLE_ABBREVIATIONS.words());
        for title in titles.chain(DESCRIPTIONS.words()).chain(&["State"]) {
            assert!(title.len() <= MAX_TITLE_LEN, "{title}");
            assert!(is_title(title), "{title}");
            assert!(may_be_title(&title.to_lowercase()), "{title}");
        }
        assert!(!may_be_title("putin") && !is_title("Putin") && !is_title("state"));
    }
}
