//! Which spelling wins, and the findings for the others.
//!
//! For each group of spellings this document shares with the documents checked together
//! (a variant family, one exact key, one skeleton), the spellings are tallied across all of
//! them. The house style's spelling wins if it names one; otherwise the majority wins, and a
//! tie goes to the family's usual spelling, to the one spelling of the tie that dictionaries
//! know as a name, or to the spelling used first. Only spellings of this document that lose
//! are flagged, each place on its own.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::keys::{self, LOOSE_LEN};
use super::lexicon::{self, Lexicon};
use super::mentions::{
    self, AUTO, EXACT_KEY, FAMILY, Form, Group, GroupKind, Mentions, SURNAME_KEY,
};
use crate::finding::{Edit, Finding, Fix, Related, RelatedPlaces, Text};
use crate::rules::Rule;
use crate::rules::capitalization::dictionary;
use crate::span::Span;
use crate::workspace::NameIndex;

mod typos;
use typos::typos;

/// The most places of the winning spelling a finding points to.
const MAX_RELATED: usize = 8;
/// The most spellings a message lists.
const MAX_LISTED: usize = 4;
/// The typo comparison: the slip occurs at most this often...
const TYPO_RARE: u32 = 2;
/// ...and the spelling it slipped from at least this often.
const TYPO_COMMON: u32 = 3;

/// The comparisons, in the order they are trusted when two flag the same place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Path {
    Family,
    Exact,
    Skeleton,
    Typo,
}

/// One spelling of the name across all documents.
#[derive(Debug)]
struct Class<'a> {
    id: u64,
    count: u32,
    /// Where it is first used: the document's place among the holders (which come in key
    /// order), then the offset.
    first: (usize, usize),
    /// The form that shows it: the most used one.
    shown: &'a Form,
    shown_count: u32,
    /// Where it stands, in tally order: as many places in the checked document, and as many
    /// elsewhere, as a finding points to.
    places: Vec<(&'a Arc<str>, Span)>,
    /// How many of `places` are in the checked document, and how many elsewhere.
    here: usize,
    elsewhere: usize,
}

impl<'a> Class<'a> {
    fn new(id: u64, first: (usize, usize), shown: &'a Form, count: u32) -> Self {
        Class {
            id,
            count,
            first,
            shown,
            shown_count: count,
            places: Vec::new(),
            here: 0,
            elsewhere: 0,
        }
    }

    /// Notes the places of a form in document `doc`, as far as a finding points to them.
    fn add_places(&mut self, doc: &'a Arc<str>, key: &str, form: &Form, flag: u8) {
        let taken = if &**doc == key {
            &mut self.here
        } else {
            &mut self.elsewhere
        };
        if *taken == MAX_RELATED {
            return;
        }
        for o in form.occurrences.iter().filter(|o| o.flags & flag != 0) {
            if *taken == MAX_RELATED {
                break;
            }
            *taken += 1;
            self.places.push((doc, o.span));
        }
    }
}

/// The group being decided: the document checked, the group's key and its forms there.
struct Place<'a> {
    names: &'a NameIndex,
    key: &'a str,
    mine: &'a Mentions,
    group_key: u64,
    group: Group<'a>,
}

/// Why the winner won.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reason {
    House,
    Majority,
    TieUsual,
    /// The one spelling dictionaries know as a name (see [`lexicon::is_known_name`]), among
    /// spellings used as often, or beside a slip of it too rare to be outvoted.
    Known,
    TieFirst,
}

/// A finding before overlapping ones are weeded out.
#[derive(Debug)]
struct Candidate {
    span: Span,
    path: Path,
    finding: Finding,
    /// Why the spelling it suggests won, the spelling it flags, and the one it suggests.
    reason: Reason,
    flagged: Arc<str>,
    suggested: Arc<str>,
}

/// The findings for the document `key` of `names`.
pub(crate) fn findings(names: &NameIndex, key: &str, lex: &Lexicon, out: &mut Vec<Finding>) {
    let Some(mine) = names.mentions(key) else {
        return;
    };
    let mut candidates = Vec::new();
    for (group_key, group) in mine.groups() {
        let path = match group.kind {
            GroupKind::Family(_) => Path::Family,
            GroupKind::Exact => Path::Exact,
            GroupKind::Skeleton => Path::Skeleton,
            GroupKind::Surname => continue,
        };
        let at = Place {
            names,
            key,
            mine,
            group_key,
            group,
        };
        decide(&at, lex, path, &mut candidates);
    }
    typos(names, key, mine, lex, &mut candidates);
    drop_ties_that_suggest_a_loser(&mut candidates);
    // The shortest span says most precisely what differs; among equal spans, the most
    // trusted comparison speaks.
    crate::finding::sort_by(&mut candidates, |a, b| {
        (a.span.len(), a.path, a.span.start).cmp(&(b.span.len(), b.path, b.span.start))
    });
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    for c in candidates {
        let before = taken.range(..=c.span.start).next_back();
        let after = taken.range(c.span.start..).next();
        if before.is_some_and(|(_, &end)| end > c.span.start)
            || after.is_some_and(|(&start, _)| start < c.span.end)
        {
            continue;
        }
        taken.insert(c.span.start, c.span.end);
        out.push(c.finding);
    }
}

/// A tie says nothing about which spelling is right. So where a firmer decision of the same
/// check flags a spelling (`Níelsen`, outvoted by `Nielsen` four to one), a tie must not
/// suggest it, alone or as a word of a longer name (`Patrick Nielsen` to be spelled `Patrick
/// Níelsen`, one each, because that came first). The firmer finding is left to flag the slip.
fn drop_ties_that_suggest_a_loser(candidates: &mut Vec<Candidate>) {
    let losers: Vec<Arc<str>> = candidates
        .iter()
        .filter(|c| c.reason != Reason::TieFirst)
        .map(|c| c.flagged.clone())
        .collect();
    if losers.is_empty() {
        return;
    }
    let is_loser = |spelling: &str| losers.iter().any(|l| **l == *spelling);
    candidates.retain(|c| {
        c.reason != Reason::TieFirst
            || !(is_loser(&c.suggested) || c.suggested.split_whitespace().any(is_loser))
    });
}

/// The class a form belongs to in a comparison.
fn class_of(form: &Form, path: Path) -> u64 {
    match path {
        Path::Family => form.family.map_or(u64::MAX, |f| u64::from(f.variant)),
        Path::Exact => form.identity,
        Path::Skeleton | Path::Typo => form.exact,
    }
}

fn flag_of(path: Path) -> u8 {
    if path == Path::Family { FAMILY } else { AUTO }
}

/// Whether a form takes part in a comparison at all: unless the house style names the
/// spelling, the loose comparisons ignore single words seen only at the start of sentences,
/// where a capital says nothing about being a name. The skeleton comparison (doubled
/// letters, endings) still takes such a word when no English dictionary knows it and its own
/// document spells the name another way inside a sentence (`Zelenskyy said ...` in a story
/// that writes `aides to Zelensky`); `beside_inside` says whether that document does.
fn takes_part(form: &Form, path: Path, house: bool, beside_inside: bool) -> bool {
    let loose = || house || form.words > 1 || form.caps || form.inside_a_sentence(AUTO);
    match path {
        Path::Family | Path::Exact => true,
        Path::Skeleton => loose() || (beside_inside && !dictionary::is_word(&form.text)),
        Path::Typo => loose(),
    }
}

/// Whether some spelling of `group` in `mentions` stands inside a sentence.
fn inside_a_sentence(mentions: &Mentions, group: &Group<'_>) -> bool {
    group
        .forms
        .iter()
        .any(|&i| mentions.forms[i as usize].inside_a_sentence(AUTO))
}

/// Tallies the spellings of one group across the documents that hold it, in key order; `key`
/// is the document checked.
fn tally<'a>(
    holders: impl IntoIterator<Item = (&'a Arc<str>, &'a Mentions, Group<'a>)>,
    key: &str,
    path: Path,
    house: bool,
) -> Vec<Class<'a>> {
    let flag = flag_of(path);
    let mut classes: Vec<Class<'a>> = Vec::new();
    for (ordinal, (doc, mentions, group)) in holders.into_iter().enumerate() {
        let beside_inside = path == Path::Skeleton && inside_a_sentence(mentions, &group);
        for &i in group.forms {
            let form = &mentions.forms[i as usize];
            if !takes_part(form, path, house, beside_inside) {
                continue;
            }
            let count = if form.caps { 0 } else { form.count(flag) };
            let id = class_of(form, path);
            let first = (ordinal, form.first_start());
            let class = match classes.iter().position(|c| c.id == id) {
                Some(at) => {
                    let class = &mut classes[at];
                    class.count += count;
                    class.first = class.first.min(first);
                    if count > class.shown_count {
                        class.shown = form;
                        class.shown_count = count;
                    }
                    class
                }
                None => {
                    classes.push(Class::new(id, first, form, count));
                    classes.last_mut().expect("just pushed")
                }
            };
            if !form.caps {
                class.add_places(doc, key, form, flag);
            }
        }
    }
    classes
}

/// The winning spelling of a group: its class (if used), its text and why it won.
struct Winner<'a> {
    id: u64,
    text: Arc<str>,
    parts: Arc<str>,
    reason: Reason,
    class: Option<&'a Class<'a>>,
}

/// The house style's spelling for a group, given one form of it.
fn house_spelling(
    lex: &Lexicon,
    kind: GroupKind,
    path: Path,
    sample: &Form,
) -> Option<(u64, Box<str>)> {
    Some(match kind {
        GroupKind::Family(f) => {
            let family = lex.families.get(f as usize)?;
            let variant = family.house?;
            (
                u64::from(variant),
                family.spellings[variant as usize].clone(),
            )
        }
        _ => {
            let index = match path {
                Path::Exact => lex.preferred_by_exact.get(&sample.exact),
                _ => lex.preferred_by_skeleton.get(&sample.skeleton),
            }?;
            let preferred = &lex.preferred[*index];
            let id = match path {
                Path::Exact => preferred.identity,
                _ => preferred.exact,
            };
            (id, preferred.spelling.clone())
        }
    })
}

fn house_winner<'a>(id: u64, text: Arc<str>, classes: &'a [Class<'a>]) -> Winner<'a> {
    let mut parts = String::new();
    keys::push_parts(&text, &mut parts);
    Winner {
        id,
        class: classes.iter().find(|c| c.id == id),
        text,
        parts: parts.into(),
        reason: Reason::House,
    }
}

fn majority_winner<'a>(path: Path, classes: &'a [Class<'a>]) -> Option<Winner<'a>> {
    // Two spellings at least, one of them used outside capitals.
    let voting: Vec<&Class> = classes.iter().filter(|c| c.count > 0).collect();
    if voting.is_empty() || classes.len() < 2 {
        return None;
    }
    let top = voting.iter().map(|c| c.count).max()?;
    let tied: Vec<&&Class> = voting.iter().filter(|c| c.count == top).collect();
    let (best, reason) = if tied.len() == 1 {
        (*tied[0], Reason::Majority)
    } else if path == Path::Family {
        (**tied.iter().min_by_key(|c| c.id)?, Reason::TieUsual)
    } else if let [known] = tied
        .iter()
        .filter(|c| lexicon::is_known_name(&c.shown.text))
        .collect::<Vec<_>>()[..]
    {
        (**known, Reason::Known)
    } else {
        (**tied.iter().min_by_key(|c| c.first)?, Reason::TieFirst)
    };
    Some(Winner {
        id: best.id,
        text: best.shown.text.clone(),
        parts: best.shown.parts.clone(),
        reason,
        class: Some(best),
    })
}

fn decide(at: &Place<'_>, lex: &Lexicon, path: Path, out: &mut Vec<Candidate>) {
    let &Place {
        names,
        key,
        mine,
        group_key,
        group,
    } = at;
    let Some(sample) = group.forms.first().map(|&i| &mine.forms[i as usize]) else {
        return;
    };
    let house = house_spelling(lex, group.kind, path, sample);
    let by_house = house.is_some();
    // One spelling in one document, and no house rule: nothing to decide.
    if !by_house && group.forms.len() == 1 && names.holder_count(group_key) == 1 {
        return;
    }
    let classes = tally(names.holders(group_key), key, path, by_house);
    let winner = match house {
        Some((id, text)) => house_winner(id, text.into(), &classes),
        None => {
            let Some(winner) = majority_winner(path, &classes) else {
                return;
            };
            winner
        }
    };
    let mut related = None;
    let beside_inside = path == Path::Skeleton && inside_a_sentence(mine, &group);
    for &i in group.forms {
        let form = &mine.forms[i as usize];
        if !takes_part(form, path, by_house, beside_inside) || class_of(form, path) == winner.id {
            continue;
        }
        // Capitals follow the spelling; an exact match in capitals is the same spelling.
        if form.caps && (path == Path::Exact || *form.text == *winner.text.to_uppercase()) {
            continue;
        }
        if path == Path::Skeleton
            && (!loosely_alike(&form.parts, &winner.parts)
                || (form.words == 1 && different_people(names, form.exact, winner.id)))
        {
            continue;
        }
        let counts = listing(&classes, &winner);
        let related = related.get_or_insert_with(|| self::related(key, &winner));
        flag(form, flag_of(path), &winner, &counts, related, path, out);
    }
}

/// The spellings and their counts, the winner first: `` `Zelensky` 46, `Zelenskyy` 16 ``.
fn listing(classes: &[Class<'_>], winner: &Winner<'_>) -> String {
    let mut shown: Vec<(&str, u32)> = classes
        .iter()
        .filter(|c| c.count > 0 && c.id != winner.id)
        .map(|c| (&*c.shown.text, c.count))
        .collect();
    shown.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let winner_count = winner.class.map_or(0, |c| c.count);
    let mut items = Vec::new();
    if winner_count > 0 {
        items.push(format!("`{}` {}", winner.text, winner_count));
    }
    items.extend(
        shown
            .iter()
            .take(MAX_LISTED.saturating_sub(items.len()))
            .map(|(t, n)| format!("`{t}` {n}")),
    );
    items.join(", ")
}

/// The places where the winning spelling stands: this document's first, then the others'
/// in key order (the order they were tallied in).
fn related(key: &str, winner: &Winner<'_>) -> RelatedPlaces {
    let Some(class) = winner.class else {
        return RelatedPlaces::default();
    };
    let here = class.places.iter().filter(|(doc, _)| &***doc == key);
    let elsewhere = class.places.iter().filter(|(doc, _)| &***doc != key);
    here.chain(elsewhere)
        .take(MAX_RELATED)
        .map(|&(doc, span)| Related {
            document: (&**doc != key).then(|| doc.clone()),
            span,
            message: format!("`{}` here", winner.text),
        })
        .collect::<Vec<_>>()
        .into()
}

/// The findings for every counted place of a losing form.
fn flag(
    form: &Form,
    flag: u8,
    winner: &Winner<'_>,
    counts: &str,
    related: &RelatedPlaces,
    path: Path,
    out: &mut Vec<Candidate>,
) {
    let n = winner.class.map_or(0, |c| c.count);
    let places = if n == 1 { "place" } else { "places" };
    let spelled = format!("`{}` is spelled `{}`", form.text, winner.text);
    let message = match winner.reason {
        Reason::House if n == 0 => format!("{spelled} in the house style ({counts})"),
        Reason::House => {
            format!("{spelled} in the house style and in {n} other {places} ({counts})")
        }
        Reason::Majority => format!("{spelled} in {n} other {places} (majority: {counts})"),
        Reason::TieUsual => {
            format!("{spelled} in {n} other {places} (a tie; the usual spelling wins: {counts})")
        }
        Reason::Known => format!(
            "{spelled} in {n} other {places} (the spelling dictionaries know wins: {counts})"
        ),
        Reason::TieFirst => {
            format!(
                "{spelled} in {n} other {places} (a tie; the spelling used first wins: {counts})"
            )
        }
    };
    // Every place of the form gets the same message, fix title and replacement: shared.
    let message: Arc<str> = message.into();
    let replacement: Arc<str> = keys::in_case_of(&form.text, &winner.text).into();
    let title: Arc<str> = format!("Replace with `{replacement}`").into();
    for o in form.occurrences.iter().filter(|o| o.flags & flag != 0) {
        let edits = [Edit::replace(o.span, Text::from(&replacement))];
        let fix = if winner.reason == Reason::House {
            Fix::safe(&title, edits)
        } else {
            Fix::unsafe_(&title, edits)
        };
        let finding = Finding::new(Rule::NameConsistency, o.span, &message)
            .with_fix(fix)
            .with_related_places(related.clone());
        out.push(Candidate {
            span: o.span,
            path,
            finding,
            reason: winner.reason,
            flagged: form.text.clone(),
            suggested: winner.text.clone(),
        });
    }
}

/// Whether two spellings with one skeleton are loose variants rather than two known names:
/// every part that differs is long enough, and not both spellings of it are known words or
/// names (`Phillips` and `Philips`).
fn loosely_alike(a: &str, b: &str) -> bool {
    let a: Vec<&str> = a.split('|').filter(|p| !p.is_empty()).collect();
    let b: Vec<&str> = b.split('|').filter(|p| !p.is_empty()).collect();
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(&b).filter(|(x, y)| x != y).all(|(x, y)| {
        x.chars().count().min(y.chars().count()) >= LOOSE_LEN
            && !(lexicon::is_known_distinct(x) && lexicon::is_known_distinct(y))
    })
}

/// How often a spelling (by exact key) is used in one document, by the automatic count.
fn exact_count(mine: &Mentions, exact: u64) -> u32 {
    let key = mentions::group_key(EXACT_KEY, exact);
    mine.group(key)
        .map_or(0, |group| exact_count_in(mine, group, exact))
}

/// How often a spelling (by exact key) is used in one group of a document.
fn exact_count_in(mine: &Mentions, group: Group<'_>, exact: u64) -> u32 {
    group
        .forms
        .iter()
        .map(|&i| &mine.forms[i as usize])
        .filter(|f| !f.caps && f.exact == exact)
        .map(|f| f.count(AUTO))
        .sum()
}

/// How often a spelling (by exact key) is used across the index, by the automatic count.
fn exact_total(names: &NameIndex, exact: u64) -> u32 {
    let key = mentions::group_key(EXACT_KEY, exact);
    names
        .holders(key)
        .map(|(_, m, group)| exact_count_in(m, group, exact))
        .sum()
}

/// The first names (by skeleton) that go with a surname (by exact key) anywhere.
fn first_names(names: &NameIndex, surname: u64) -> Vec<u64> {
    let key = mentions::group_key(SURNAME_KEY, surname);
    let mut out: Vec<u64> = names
        .holders(key)
        .flat_map(|(_, m, g)| g.forms.iter().map(|&i| &m.forms[i as usize]))
        .filter_map(|f| f.full_name.filter(|&(_, s)| s == surname).map(|(g, _)| g))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Two look-alike surnames that come with different first names are two people (`Carl
/// Bernstein`, `Harold Bornstein`).
fn different_people(names: &NameIndex, a: u64, b: u64) -> bool {
    let (a, b) = (first_names(names, a), first_names(names, b));
    !a.is_empty() && !b.is_empty() && !a.iter().any(|g| b.contains(g))
}
