//! A stray capital on a common word mid-sentence: `the talks on a Ceasefire went on` in a
//! story that writes `ceasefire` everywhere else.
//!
//! Capitals mid-sentence are usually right (names, titles of works, a desk's style for
//! institutions), so this check wants strong evidence: the word is an ordinary word that is not
//! also a name (`bill`, not `Bill`), the story writes it lowercase at least
//! [`MIN_LOWERCASE`] times and capitalizes it only here, no other capital stands within two
//! words (`Doctors for Camp Closure`, `an About page`), and it is not a word desks capitalize
//! by choice (`the Government`, `the Church`).

use crate::finding::{Edit, Finding, Fix};
use crate::rules::Context;
use crate::rules::Rule;
use crate::rules::capitalization::dictionary;
use crate::rules::capitalization::names::Evidence;
use crate::rules::capitalization::reading::{LineKind, Position, Reading, Words};
use crate::rules::capitalization::replace_with;
use crate::span::Span;
use crate::text::{WordList, class};

/// How often the story must write the word lowercase.
const MIN_LOWERCASE: usize = 3;
/// How many words either side must be free of capitals.
const CLEAR_WORDS: usize = 2;

/// Words desks capitalize by choice when they mean one body: `the Government`, `the State`.
#[rustfmt::skip]
static INSTITUTIONS: WordList = WordList::new(&[
    "government", "state", "states", "party", "church", "court", "army", "navy", "parliament",
    "senate", "house", "congress", "crown", "council", "cabinet", "ministry", "department",
    "president", "minister", "premier", "queen", "king", "prince", "constitution", "union",
    "administration", "opposition", "bible", "internet", "web", "earth", "moon", "sun", "universe",
    "god", "gods", "city", "county", "province", "region", "republic", "kingdom", "empire",
    "federation", "commission", "committee", "assembly", "board", "agency", "bureau", "office",
    "service", "force", "forces", "police", "university", "college", "school", "hospital",
    "museum", "bank", "fund", "group", "company", "club", "team", "league", "cup", "championship",
    "games", "olympics", "war", "act", "bill", "treaty", "accord", "plan", "program", "programme",
    "project", "initiative", "summit", "conference", "forum", "festival", "award", "awards",
    "prize", "day", "week", "year", "season", "era", "age", "west", "east", "north", "south",
    "western", "eastern", "northern", "southern",
]);

/// Words that start sentences: capitalized mid-sentence, they mark a lost full stop
/// (`was updated The previous`), not a stray capital.
#[rustfmt::skip]
static SENTENCE_WORDS: WordList = WordList::new(&[
    "this", "that", "these", "those", "they", "their", "them", "there", "here", "then", "when",
    "while", "after", "before", "with", "from", "also", "however", "meanwhile", "some", "many",
    "most", "both", "each", "every", "what", "which", "where", "because", "although", "though",
    "since", "until", "despite", "during", "into", "about", "over", "under", "more", "less",
    "last", "next", "first", "other", "such", "only", "even", "just", "once", "instead", "still",
    "even", "today", "yesterday", "tomorrow", "now", "later", "earlier", "officials", "according",
    "but", "and", "will", "would", "could", "should", "must", "have", "were",
]);

pub(crate) fn check(
    cx: &Context<'_>,
    reading: &Reading,
    evidence: &Evidence<'_>,
    out: &mut Vec<Finding>,
) {
    let text = cx.doc.text;
    let words = reading.words();
    for (i, w) in words.iter().enumerate() {
        // Not a word of lowercase ASCII letters (most words), which has no capital.
        if w.classes() == class::LOWER {
            continue;
        }
        // Mid-sentence in running copy.
        if w.position != Position::MidSentence
            || w.in_fragment
            || w.span().len() < 4
            || reading.line_kind(&w) != LineKind::Prose
            || !reading.lines[w.line()].sentence
        {
            continue;
        }
        // A capital, then lowercase letters only.
        let span = w.span();
        if text.as_bytes()[span.start].is_ascii_lowercase() {
            continue;
        }
        let word = span.slice(text);
        let mut chars = word.chars();
        if !chars.next().is_some_and(char::is_uppercase) || !chars.all(char::is_lowercase) {
            continue;
        }
        // Written lowercase often, capitalized mid-sentence only here. (A capitalized word in
        // running copy has the tally of its lowercase.)
        let Some(tally) = evidence.word(i) else {
            continue;
        };
        let lowercase = tally.lowercase;
        if lowercase < MIN_LOWERCASE || tally.capitalized.map_or(0, |c| c.count) != 1 {
            continue;
        }
        let lower = word.to_lowercase();
        // An ordinary word, not also a name, not an institution a desk may capitalize.
        if !evidence.is_word(&lower)
            || dictionary::is_also_a_name(word)
            || INSTITUTIONS.contains(&lower)
            || SENTENCE_WORDS.contains(&lower)
            || cx.style.is_ignored(word)
        {
            continue;
        }
        // Not part of a run of capitals: a name, a title, a menu of page names.
        if capital_nearby(text, words, i) {
            continue;
        }
        let Some(initial) = word.chars().next() else {
            continue;
        };
        let first = Span::new(w.span().start, w.span().start + initial.len_utf8());
        let small: String = initial.to_lowercase().collect();
        out.push(
            Finding::new(
                Rule::Capitalization,
                w.span(),
                format!(
                    "`{word}` is capitalized mid-sentence; the story writes `{lower}` {lowercase} times"
                ),
            )
            .with_fix(Fix::unsafe_(
                replace_with(&lower),
                [Edit::replace(first, small)],
            )),
        );
    }
}

/// True when a capitalized word stands within [`CLEAR_WORDS`] words of word `i` on its line.
fn capital_nearby(text: &str, words: Words<'_>, i: usize) -> bool {
    let line = words.at(i).line();
    let start = i.saturating_sub(CLEAR_WORDS);
    let end = (i + CLEAR_WORDS + 1).min(words.len());
    (start..end).filter(|&j| j != i).any(|j| {
        words.at(j).line() == line
            && words
                .at(j)
                .span()
                .slice(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    })
}
