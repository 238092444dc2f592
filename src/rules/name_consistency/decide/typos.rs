//! The typo comparison, the loosest: one slip inside a long word, within one story.

use super::{
    Class, Path, Reason, TYPO_COMMON, TYPO_RARE, Winner, different_people, exact_count,
    exact_total, flag, listing, related, tally,
};
use crate::rules::name_consistency::keys::{self, HashMapU64};
use crate::rules::name_consistency::lexicon::{self, Lexicon};
use crate::rules::name_consistency::mentions::{self, AUTO, EXACT_KEY, Form, Mentions};
use crate::workspace::NameIndex;

/// The typo comparison: a long single word used once or twice, one slip away from a word
/// used three times or more in the same story. Across stories, look-alike names are more
/// often two people than a slip, so the common spelling must stand beside the slip.
pub(super) fn typos(
    names: &NameIndex,
    key: &str,
    mine: &Mentions,
    lex: &Lexicon,
    out: &mut Vec<super::Candidate>,
) {
    let long: Vec<&Form> = mine
        .forms
        .iter()
        .filter(|f| f.may_be_a_typo() && f.inside_a_sentence(AUTO) && f.family.is_none())
        .collect();
    // The common spellings, by their deletion hashes.
    let mut common: HashMapU64<Vec<(&Form, u32)>> = HashMapU64::default();
    for &form in &long {
        let total = exact_count(mine, form.exact);
        if total >= TYPO_COMMON {
            for h in keys::deletion_hashes(&form.exact_key()) {
                common.entry(h).or_default().push((form, total));
            }
        }
    }
    if common.is_empty() {
        return;
    }
    for &rare in &long {
        // A spelling the house style prefers is no slip.
        if exact_count(mine, rare.exact) > TYPO_RARE
            || lex.preferred_by_exact.contains_key(&rare.exact)
        {
            continue;
        }
        let rare_key = rare.exact_key();
        let mut best: Option<(u32, &Form)> = None;
        for h in keys::deletion_hashes(&rare_key) {
            for &(form, total) in common.get(&h).into_iter().flatten() {
                let common_key = form.exact_key();
                let alike = keys::typo_pair(&rare_key, &common_key)
                    && !(lexicon::is_known_distinct(&rare_key)
                        && lexicon::is_known_distinct(&common_key));
                if alike && best.is_none_or(|(n, _)| total > n) {
                    best = Some((total, form));
                }
            }
        }
        let Some((_, common)) = best else {
            continue;
        };
        // Used more often elsewhere, or by another person: no slip.
        let rare_total = exact_total(names, rare.exact);
        if rare_total > TYPO_RARE || different_people(names, rare.exact, common.exact) {
            continue;
        }
        let group_key = mentions::group_key(EXACT_KEY, common.exact);
        let holders: Vec<_> = names
            .holders(group_key)
            .into_iter()
            .filter(|(doc, _)| &***doc == key)
            .collect();
        let mut classes = tally(&holders, group_key, Path::Typo, false);
        classes.push(Class {
            id: rare.exact,
            count: rare_total,
            first: (key, 0),
            shown: rare,
            shown_count: rare_total,
            places: Vec::new(),
        });
        let house = lex.preferred_by_exact.contains_key(&common.exact);
        let winner = Winner {
            id: common.exact,
            text: common.text.clone(),
            parts: common.parts.clone(),
            reason: if house {
                Reason::House
            } else {
                Reason::Majority
            },
            class: classes.iter().find(|c| c.id == common.exact),
        };
        let counts = listing(&classes, &winner);
        let related = related(key, &winner);
        flag(rare, AUTO, &winner, &counts, &related, Path::Typo, out);
    }
}
