//! Names written lowercase: `Vladimir putin` where the story elsewhere writes `Putin`, and
//! `Secretary of State marco rubio`, a title followed by words no dictionary knows.
//!
//! A lowercase word is only taken for a name on evidence: the copy itself capitalizes it
//! mid-sentence (a capital at a sentence start or in a headline proves nothing), or it follows
//! a title and no dictionary knows it. `President said` and `the Queen bee` are never names.

use rustc_hash::FxHashMap;

use crate::finding::{Edit, Finding, Fix};
use crate::rules::Context;
use crate::rules::Rule;
use crate::rules::capitalization::dictionary;
pub(crate) use crate::rules::capitalization::evidence::Evidence;
use crate::rules::capitalization::evidence::{is_lowercase_word, is_name_like};
use crate::rules::capitalization::reading::{LineKind, Position, Reading, Words};
use crate::rules::capitalization::replace_with;
use crate::rules::capitalization::terms::stands_alone;
use crate::rules::capitalization::titles::{is_title_word, single_space, title_before};
use crate::span::Span;
use crate::text::{WordList, is_hyphen, strip_possessive};

/// Lowercase parts of names: `Charles de Gaulle`, `bin Salman`, `al-Assad`.
#[rustfmt::skip]
static PARTICLES: WordList = WordList::new(&[
    "de", "da", "di", "del", "della", "dei", "degli", "der", "den", "des", "du", "dos", "das",
    "do", "van", "von", "vom", "zu", "ten", "ter", "te", "la", "le", "lo", "los", "las", "el",
    "al", "bin", "ibn", "bint", "binti", "abu", "ben", "bat", "af", "av", "y", "e", "et",
]);

/// Ordinary words that are also names but, after a name, are far likelier the verb or word
/// that follows it (`Senator xu will`, `Mayor kim hopes`).
#[rustfmt::skip]
static NOT_LAST: WordList = WordList::new(&[
    "will", "may", "can", "is", "might", "must", "rose", "hope", "hopes", "love", "loves", "hunt",
    "hunts", "cook", "cooks", "grant", "grants", "mark", "marks", "bill", "bills", "long", "frank",
    "best", "sharp", "wise", "strong", "major", "land", "lands", "park", "parks", "field",
    "fields", "joy", "faith", "church", "bishop", "king", "said", "says", "told",
]);

/// Words that make the next one a common noun.
#[rustfmt::skip]
static DETERMINERS: WordList = WordList::new(&[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "my", "your", "every", "each", "any", "no",
]);

/// The most lowercase words taken for one name after a title.
const MAX_NAME_WORDS: usize = 4;

fn is_particle(word: &str) -> bool {
    PARTICLES.contains(word)
}

/// What one lowercase word after a title is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The copy capitalizes it elsewhere.
    Known,
    /// No dictionary knows it.
    Unknown,
    /// An ordinary word that is also a name (`marsh`, `bill`): part of a name only beside
    /// a word that must be one.
    AlsoName,
    Particle,
}

/// Flags lowercase names; returns the spans flagged.
pub(crate) fn check(
    cx: &Context<'_>,
    reading: &Reading,
    evidence: &Evidence<'_>,
    out: &mut Vec<Finding>,
) -> Vec<Span> {
    let text = cx.doc.text;
    let prose = cx.doc.prose();
    let words = reading.words();
    let mut flagged: Vec<Span> = Vec::new();
    // The finding for each word flagged, by the word and its capitalized form and count:
    // the same again repeats it.
    let mut first: FxHashMap<(&str, &str, usize), usize> = FxHashMap::default();
    let mut i = 0;
    loop {
        // Only lowercase words that may follow a title, or that no dictionary knows and the
        // copy capitalizes somewhere: what the two checks below ask of a word.
        i = evidence.next_may_be_name(i);
        if i >= words.len() {
            break;
        }
        if let Some(end) = after_title(cx, reading, evidence, i, out) {
            flagged.push(Span::new(
                words.at(i).span().start,
                words.at(end - 1).span().end,
            ));
            i = end;
            continue;
        }
        let w = words.at(i);
        i += 1;
        // Only lowercase words the copy capitalizes somewhere.
        let Some(tally) = evidence.lowercase_word_capitalized_elsewhere(i - 1) else {
            continue;
        };
        let Some(anywhere) = tally.anywhere else {
            continue;
        };
        let word = strip_possessive(w.span().slice(text));
        // Only lowercase words in copy, where a capital would be evidence: mid-sentence,
        // starting a sentence, or in a title-case headline.
        let headline = reading.line_kind(&w) == LineKind::Headline;
        if (w.position == Position::Unknown && !headline)
            || !reading.in_copy(&w)
            || is_particle(word)
        {
            continue;
        }
        let lowercase = tally.lowercase;
        // Only words no dictionary knows: `marsh` or `bill` may be a surname, or not.
        if tally.is_word(word) {
            continue;
        }
        let beside_name = beside_a_name(text, words, i - 1, evidence);
        let common_noun = after_determiner(text, words, i - 1);
        // The copy capitalizes it mid-sentence more often than not, or as often unless it
        // reads as a common noun (`the roadmap` beside `the Plan and Roadmap`); or half as
        // often when a name stands beside it (`Tomasz wierzbicki`); or at all when it starts
        // a sentence, which wants a capital anyway. Beside a name, a capital at a sentence
        // start elsewhere will do (`Margarethe lindqvist` ... `Lindqvist said`).
        let cap = match tally.capitalized {
            Some(cap)
                if lowercase < cap.count
                    || (lowercase == cap.count && !common_noun)
                    || (beside_name && lowercase <= 2 * cap.count)
                    || w.position == Position::SentenceStart =>
            {
                cap
            }
            _ => match anywhere {
                cap if beside_name && lowercase <= cap.count => cap,
                _ => continue,
            },
        };
        // Not a brand with inner capitals, which codes and handles write lowercase
        // (`coupon code appleinsider`).
        if has_inner_capital(cap.form) || cx.style.is_ignored(word) || cx.style.is_ignored(cap.form)
        {
            continue;
        }
        let span = Span::new(w.span().start, w.span().start + word.len());
        if !stands_alone(prose, span) || !ends_cleanly(prose, w.span()) {
            continue;
        }
        flagged.push(span);
        if let Some(&at) = first.get(&(word, cap.form, cap.count)) {
            let again = out[at].repeat_at(span.start);
            out.push(again);
            continue;
        }
        first.insert((word, cap.form, cap.count), out.len());
        let places = plural(cap.count, "place", "places");
        out.push(
            Finding::new(
                Rule::Capitalization,
                span,
                ["`", word, "` is written `", cap.form, "` in ", &places].concat(),
            )
            .with_fix(Fix::safe(
                replace_with(cap.form),
                [Edit::replace(span, cap.form.to_owned())],
            )),
        );
    }
    flagged
}

/// True when a name stands right beside word `i`, one space away: a capitalized word that no
/// dictionary knows or that stands mid-sentence (`Vladimir putin`, `ferrante Marine`, not
/// `The covid`), or a lowercase word the copy capitalizes elsewhere (`vladimir putin`).
fn beside_a_name(text: &str, words: Words<'_>, i: usize, evidence: &Evidence<'_>) -> bool {
    let before = i
        .checked_sub(1)
        .map(|j| (words.at(j).span(), words.at(i).span(), j));
    let after = (i + 1 < words.len()).then(|| (words.at(i).span(), words.at(i + 1).span(), i + 1));
    [before, after].into_iter().flatten().any(|(a, b, other)| {
        let written = words.at(other).span().slice(text);
        let word = strip_possessive(written);
        // `Korea's roadmap`: a possessive owns the next word, it does not name it.
        if other < i && word.len() != written.len() {
            return false;
        }
        let capitalized_name = is_name_like(word)
            && (words.at(other).position == Position::MidSentence || !dictionary::is_word(word));
        single_space(text, a, b)
            && (capitalized_name
                || (is_lowercase_word(word) && evidence.capitalized(word).is_some()))
    })
}

/// True when word `i` follows a determiner (`the roadmap`, `its roadmap`).
///
/// `that` after a verb of saying or knowing, or after a name, joins a clause (`told Reuters
/// that russia is`, `said that kenya will`): it does not make the next word a common noun.
fn after_determiner(text: &str, words: Words<'_>, i: usize) -> bool {
    i.checked_sub(1).is_some_and(|j| {
        let determiner = words.at(j).span().slice(text);
        single_space(text, words.at(j).span(), words.at(i).span())
            && DETERMINERS.contains_lowercase(determiner)
            && !(determiner == "that" && j > 0 && joins_a_clause(text, words, j - 1))
    })
}

/// Verbs after which `that` starts a clause.
#[rustfmt::skip]
static CLAUSE_VERBS: WordList = WordList::new(&[
    "said", "says", "say", "told", "tells", "tell", "reported", "reports", "announced",
    "warned", "warns", "added", "adds", "noted", "notes", "argued", "argues", "claimed",
    "claims", "insisted", "insists", "suggested", "suggests", "believe", "believes",
    "believed", "think", "thinks", "thought", "know", "knows", "knew", "confirmed", "confirms",
    "denied", "denies", "found", "show", "shows", "showed", "expect", "expects", "expected",
    "fear", "fears", "feared", "hope", "hopes", "hoped", "agreed", "stated", "states",
    "wrote", "writes", "revealed", "reveals", "ruled", "rules", "means", "meant", "so",
]);

/// True when word `j`, right before a `that`, makes that `that` start a clause: a verb of
/// saying or knowing, or a capitalized word mid-sentence (`told Reuters that`).
fn joins_a_clause(text: &str, words: Words<'_>, j: usize) -> bool {
    let before = strip_possessive(words.at(j).span().slice(text));
    CLAUSE_VERBS.contains_lowercase(before)
        || (words.at(j).position == Position::MidSentence && is_name_like(before))
}

/// A capital after the first letter, not after an apostrophe or hyphen: `AppleInsider`.
fn has_inner_capital(word: &str) -> bool {
    let mut previous = ' ';
    for (n, c) in word.chars().enumerate() {
        if n > 0
            && c.is_uppercase()
            && !is_hyphen(previous)
            && !crate::text::is_apostrophe(previous)
        {
            return true;
        }
        previous = c;
    }
    false
}

/// True when the word is followed by a space, the end of the line, or punctuation that ends
/// a phrase; not by a dash that makes it a prefix (`neo–payday`).
fn ends_cleanly(prose: &str, span: Span) -> bool {
    prose[span.end..].chars().next().is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '”' | '’' | '"' | '\''
            )
    })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        return ["1 other ", one].concat();
    }
    // The digits, last first.
    let mut digits = [0u8; 20];
    let mut count = 0;
    let mut rest = n;
    loop {
        digits[count] = b'0' + (rest % 10) as u8;
        count += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut out = String::with_capacity(count + 7 + many.len());
    out.extend(digits[..count].iter().rev().map(|&d| char::from(d)));
    out.push_str(" other ");
    out.push_str(many);
    out
}

/// Flags the lowercase name that starts at word `i` when a title stands before it
/// (`Secretary of State marco rubio`, `President Vladimir putin`). Returns the index after the
/// name's last word.
fn after_title(
    cx: &Context<'_>,
    reading: &Reading,
    evidence: &Evidence<'_>,
    i: usize,
    out: &mut Vec<Finding>,
) -> Option<usize> {
    let text = cx.doc.text;
    let words = reading.words();
    if evidence.lowercase_word(i).is_none()
        || !evidence.may_follow_title(i)
        || !reading.in_copy(&words.at(i))
    {
        return None;
    }
    let title = title_before(text, words, i, is_name_like)?;
    let names_before = title.names_before;
    // The lowercase words after it, while each is a name part.
    let mut parts: Vec<(usize, Part)> = Vec::new();
    let mut k = i;
    while k < words.len() && parts.len() < MAX_NAME_WORDS {
        if k > i && !single_space(text, words.at(k - 1).span(), words.at(k).span()) {
            break;
        }
        let word = strip_possessive(words.at(k).span().slice(text));
        if !is_lowercase_word(word) || cx.style.is_ignored(word) || is_title_word(word) {
            break;
        }
        let part = if is_particle(word) {
            Part::Particle
        } else if evidence.is_mostly_capitalized(word) {
            Part::Known
        } else if !evidence.is_word(word) {
            Part::Unknown
        } else if dictionary::is_also_a_name(word) {
            Part::AlsoName
        } else {
            break;
        };
        parts.push((k, part));
        k += 1;
        // A possessive ends the name.
        if word.len() != words.at(k - 1).span().len() {
            break;
        }
    }
    // A name ends on a word that must be one, or on a surname that is also a word
    // (`helena marsh`), not on a particle or a verb that is also a name (`xu will`).
    while let Some(&(k, part)) = parts.last() {
        let word = strip_possessive(words.at(k).span().slice(text));
        let ends_name = match part {
            Part::Particle => false,
            Part::AlsoName => !NOT_LAST.contains(word),
            _ => true,
        };
        if ends_name {
            break;
        }
        parts.pop();
    }
    let count = |part: Part| parts.iter().filter(|&&(_, p)| p == part).count();
    let (known, unknown, also_names) = (
        count(Part::Known),
        count(Part::Unknown),
        count(Part::AlsoName),
    );
    // One word no dictionary knows right after a title may be a verb the dictionary lacks
    // (`the President livestreamed`); two, or one beside a first name or a word that is also
    // a name (`helena marsh`), make a name. Ordinary words alone never do.
    // A job description in lowercase (`union organiser`) asks for two.
    let enough = known > 0
        || unknown >= 2
        || (unknown == 1 && !title.description && (names_before > 0 || also_names > 0));
    if !enough {
        return None;
    }
    let (last, _) = *parts.last()?;
    let last_word = words.at(last).span();
    let last_bare = strip_possessive(last_word.slice(text)).len();
    let span = Span::new(words.at(i).span().start, last_word.start + last_bare);
    // `its chief executive, ruth calloway, said`: an appositive closes with a comma.
    if !stands_alone(cx.doc.prose(), span)
        || (title.appositive && !text[span.end..].starts_with(','))
    {
        return None;
    }
    let name = span.slice(text);
    let replacement = capitalize_name(name, evidence);
    let safe = unknown == 0 && also_names == 0;
    let title_text = title.span.slice(text);
    let message = match parts.as_slice() {
        [(_, Part::Known)] => {
            let count = evidence.capitalized(name.trim_end()).map_or(0, |c| c.count);
            format!(
                "`{name}` is written `{replacement}` in {}",
                plural(count, "place", "places")
            )
        }
        _ if safe => format!("`{name}` is written `{replacement}` elsewhere in the story"),
        _ => format!("`{name}` after `{title_text}` is a name written lowercase"),
    };
    let fix_title = replace_with(&replacement);
    let fix = if safe {
        Fix::safe(fix_title, [Edit::replace(span, replacement)])
    } else {
        Fix::unsafe_(fix_title, [Edit::replace(span, replacement)])
    };
    out.push(Finding::new(Rule::Capitalization, span, message).with_fix(fix));
    Some(last + 1)
}

/// `marco rubio` as `Marco Rubio`, `bashar al-assad` as `Bashar al-Assad`, taking the copy's
/// own capitalized form where it has one (`mccarthy` as `McCarthy`).
fn capitalize_name(name: &str, evidence: &Evidence<'_>) -> String {
    let mut out = String::with_capacity(name.len());
    for piece in name.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end_matches(char::is_whitespace);
        let bare = strip_possessive(word);
        if let Some(cap) = evidence.capitalized(bare) {
            out.push_str(cap.form);
        } else if is_particle(bare) {
            out.push_str(bare);
        } else {
            let mut parts = bare.split_inclusive(is_hyphen).peekable();
            while let Some(part) = parts.next() {
                let stem = part.trim_end_matches(is_hyphen);
                if parts.peek().is_some() && is_particle(stem) {
                    out.push_str(part);
                } else {
                    out.push_str(&capitalize(part));
                }
            }
        }
        out.push_str(&piece[bare.len()..]);
    }
    out
}

/// The word with its first letter in capitals.
pub(crate) fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
