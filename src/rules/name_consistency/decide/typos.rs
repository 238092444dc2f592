//! The typo comparison, the loosest: one slip inside a long word, within one story.

use rustc_hash::FxHashMap;

use super::{
    Class, Path, Reason, TYPO_COMMON, TYPO_RARE, Winner, different_people, exact_count,
    exact_total, flag, listing, related, tally,
};
use crate::rules::capitalization::dictionary;
use crate::rules::name_consistency::keys;
use crate::rules::name_consistency::lexicon::{self, Lexicon};
use crate::rules::name_consistency::mentions::{self, AUTO, EXACT_KEY, Form, Mentions};
use crate::workspace::NameIndex;

/// The typo comparison: a long single word used once or twice, one slip away from a word
/// used three times or more in the same story, or from a name dictionaries know used at
/// least as often there when the slip is no known word or name (`Amrrican` beside one
/// `American`). Across stories, look-alike names are more often two people than a slip, so
/// the common spelling must stand beside the slip.
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
    // The common spellings, with how often each is used, in order of first appearance.
    let common: Vec<(&Form, u32, String)> = long
        .iter()
        .filter_map(|&form| {
            let total = exact_count(mine, form.exact);
            (total >= TYPO_COMMON || lexicon::is_known_name(&form.text))
                .then(|| (form, total, form.exact_key()))
        })
        .collect();
    if common.is_empty() {
        return;
    }
    // The common spellings by their keys' first and last bytes, in order: `typo_pair` pairs
    // no others, so a rare spelling is compared with a few of them, not all.
    let mut by_ends: FxHashMap<(u8, u8), Vec<usize>> = FxHashMap::default();
    for (i, (_, _, common_key)) in common.iter().enumerate() {
        if let Some(ends) = ends(common_key) {
            by_ends.entry(ends).or_default().push(i);
        }
    }
    for &rare in &long {
        // A spelling the house style prefers is no slip.
        if exact_count(mine, rare.exact) > TYPO_RARE
            || lex.preferred_by_exact.contains_key(&rare.exact)
        {
            continue;
        }
        // Most spellings have no common one with the same ends: their key is never spelled out.
        let Some(alike) = ends(&rare.parts).and_then(|ends| by_ends.get(&ends)) else {
            continue;
        };
        let rare_key = rare.exact_key();
        let Some(common) = slipped_from(&rare_key, alike.iter().map(|&i| &common[i])) else {
            continue;
        };
        // Used more often elsewhere, or by another person: no slip.
        let rare_total = exact_total(names, rare.exact);
        if rare_total > TYPO_RARE || different_people(names, rare.exact, common.exact) {
            continue;
        }
        // Used too seldom to outvote the slip: it wins only as a name dictionaries know, over
        // a spelling used no more often that is no word (a known name it is not either:
        // `slipped_from` never pairs two, as both are in the distinct list).
        let common_count = exact_count(mine, common.exact);
        let known = common_count < TYPO_COMMON;
        // And only in copy: a line that holds nothing but the slip may be a menu's pun
        // (`Newsgeek` under `Newsweek`).
        let in_copy = rare
            .occurrences
            .iter()
            .any(|o| o.flags & AUTO != 0 && o.flags & mentions::ALONE == 0);
        if known
            && (!in_copy
                || exact_count(mine, rare.exact) > common_count
                || dictionary::is_word(&rare.text))
        {
            continue;
        }
        let group_key = mentions::group_key(EXACT_KEY, common.exact);
        let holders = names
            .holders(group_key)
            .filter(|(doc, _, _)| &***doc == key);
        let mut classes = tally(holders, key, Path::Typo, false);
        classes.push(Class::new(rare.exact, (0, 0), rare, rare_total));
        let house = lex.preferred_by_exact.contains_key(&common.exact);
        let winner = Winner {
            id: common.exact,
            text: common.text.clone(),
            parts: common.parts.clone(),
            reason: if house {
                Reason::House
            } else if known {
                Reason::Known
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

/// The first and last bytes of a key, which a typo leaves as they are. Read from the key or
/// from the parts it is made of: the separators between parts are not the key's.
fn ends(key_or_parts: &str) -> Option<(u8, u8)> {
    let mut bytes = key_or_parts.bytes().filter(|&b| b != b'|');
    let first = bytes.next()?;
    Some((first, bytes.next_back().unwrap_or(first)))
}

/// The common spelling a rare one is a slip of: the most used of those one typing slip away.
/// Among equally used ones, the first found when the rare spelling's deletion hashes are
/// looked up in turn among theirs (then the first used) wins.
fn slipped_from<'c, T: Copy + 'c>(
    rare_key: &str,
    common: impl IntoIterator<Item = &'c (T, u32, String)>,
) -> Option<T> {
    let mut rare_hashes: Vec<u64> = Vec::new();
    let mut best: Option<(u32, usize, T)> = None;
    for (form, total, common_key) in common {
        let alike = keys::typo_pair(rare_key, common_key)
            && !(lexicon::is_known_distinct(rare_key) && lexicon::is_known_distinct(common_key));
        if !alike || best.is_some_and(|(n, _, _)| *total < n) {
            continue;
        }
        if rare_hashes.is_empty() {
            rare_hashes.extend(keys::deletion_hashes(rare_key));
        }
        let theirs: Vec<u64> = keys::deletion_hashes(common_key).collect();
        // One slip apart, they share a deletion hash.
        let Some(found) = rare_hashes.iter().position(|h| theirs.contains(h)) else {
            continue;
        };
        if best.is_none_or(|(n, at, _)| *total > n || found < at) {
            best = Some((*total, found, *form));
        }
    }
    best.map(|(_, _, form)| form)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ends_of_a_key_are_read_from_its_parts() {
        for parts in ["zelensky|", "|kim|jong|un|", "a|", "ab", "|", "", "ñu|ño"] {
            let key = parts.replace('|', "");
            let expected = key.as_bytes().first().zip(key.as_bytes().last());
            assert_eq!(ends(parts), expected.map(|(&a, &b)| (a, b)), "{parts}");
            assert_eq!(ends(&key), ends(parts), "{parts}");
        }
    }

    /// The lookup as first written: every deletion hash of the common spellings filed, the
    /// rare spelling's looked up in turn, the first of the most used kept.
    fn by_buckets(rare_key: &str, common: &[(usize, u32, String)]) -> Option<usize> {
        let mut filed: Vec<(u64, usize, u32)> = Vec::new();
        for (id, total, key) in common {
            filed.extend(keys::deletion_hashes(key).map(|h| (h, *id, *total)));
        }
        filed.sort_by_key(|&(h, _, _)| h);
        let mut best: Option<(u32, usize)> = None;
        for h in keys::deletion_hashes(rare_key) {
            for &(_, id, total) in filed.iter().filter(|&&(c, _, _)| c == h) {
                let key = &common[id].2;
                let alike = keys::typo_pair(rare_key, key)
                    && !(lexicon::is_known_distinct(rare_key) && lexicon::is_known_distinct(key));
                if alike && best.is_none_or(|(n, _)| total > n) {
                    best = Some((total, id));
                }
            }
        }
        best.map(|(_, id)| id)
    }

    #[test]
    fn the_slip_is_paired_as_by_deletion_buckets() {
        let spellings = [
            "ukrainian",
            "ukrainain",
            "ukranian",
            "ukrainiann",
            "ukrainina",
            "ukrainan",
            "ukreinian",
            "zelensky",
            "zelesnky",
            "zelenksy",
            "zelenskyy",
            "zelensly",
            "bornstein",
            "bernstein",
            "barnstein",
            "phillips",
            "philips",
            "russia",
            "russian",
            "aabbcc",
            "abbbcc",
            "aabcc",
        ];
        let (mut paired, mut several) = (0, 0);
        for totals in [[3u32, 4, 5], [3, 3, 3], [5, 3, 4]] {
            let common: Vec<(usize, u32, String)> = spellings
                .iter()
                .enumerate()
                .map(|(i, k)| (i, totals[i % 3], k.to_string()))
                .collect();
            for rare in spellings
                .iter()
                .chain(&["ukrainain", "zelenskky", "aabbc", "bornsteim"])
            {
                let alike = spellings
                    .iter()
                    .filter(|k| keys::typo_pair(rare, k))
                    .count();
                paired += usize::from(alike > 0);
                several += usize::from(alike > 1);
                assert_eq!(
                    slipped_from(rare, &common),
                    by_buckets(rare, &common),
                    "{rare} {totals:?}"
                );
                // Only the spellings with the rare one's first and last bytes, as `typos`
                // compares them.
                let same_ends = common.iter().filter(|(_, _, key)| ends(key) == ends(rare));
                assert_eq!(
                    slipped_from(rare, same_ends),
                    slipped_from(rare, &common),
                    "{rare} {totals:?}"
                );
            }
        }
        assert!(paired > 10 && several > 3, "{paired} {several}");
    }
}
