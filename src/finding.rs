//! What a check reports: findings, their fixes as plain edits, and how edits are applied.
//!
//! A fix is data, not code: a list of byte-range replacements plus a flag saying whether
//! `copydesk fix` (and fix-all on save) may apply it without a person looking. Applying never
//! loses text it was not asked to touch: edits are sorted, and an edit that overlaps one
//! already taken is left for the next pass.

use std::fmt;
use std::sync::Arc;

use smallvec::SmallVec;

mod text;
pub use text::Text;

use crate::rules::Rule;
use crate::span::Span;

/// How loudly a finding is shown. Ordered from the most to the least serious.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Hint,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One replacement: the bytes of `span` become `replacement` (`""` deletes them).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    pub span: Span,
    pub replacement: Text,
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<Text>) -> Self {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    pub fn delete(span: Span) -> Self {
        Edit::replace(span, "")
    }

    pub fn insert(at: usize, text: impl Into<Text>) -> Self {
        Edit::replace(Span::new(at, at), text)
    }
}

/// A fix's edits: usually one, kept inline.
pub type Edits = SmallVec<[Edit; 1]>;

/// A finding's fixes: usually one. Not kept inline: a finding stays small, and so does a
/// check's heap (at 460 findings, a larger one had the allocator give pages back to the
/// system and fault them in again on every check).
pub type Fixes = Vec<Fix>;

/// A way to resolve a finding.
///
/// Invariant: the edits do not overlap one another.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    /// Imperative, for a menu: "Replace with `Zelenskyy`".
    pub title: Text,
    pub edits: Edits,
    /// Safe fixes are applied by `copydesk fix` and fix-all without review.
    pub safe: bool,
}

impl Fix {
    pub fn safe(title: impl Into<Text>, edits: impl IntoIterator<Item = Edit>) -> Self {
        Fix {
            title: title.into(),
            edits: edits.into_iter().collect(),
            safe: true,
        }
    }

    pub fn unsafe_(title: impl Into<Text>, edits: impl IntoIterator<Item = Edit>) -> Self {
        Fix {
            title: title.into(),
            edits: edits.into_iter().collect(),
            safe: false,
        }
    }
}

/// Another place that bears on a finding: the other spelling of a name, the first headline.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Related {
    /// The document it stands in: `None` for the document being checked, otherwise the key
    /// the adapter gave that document (a path for the CLI, a URI for the language server).
    pub document: Option<Arc<str>>,
    pub span: Span,
    pub message: String,
}

/// The places related to a finding, shared between findings (every place of one
/// misspelling points to the same places of the winning spelling). Derefs to a slice.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RelatedPlaces(Option<Arc<[Related]>>);

impl std::ops::Deref for RelatedPlaces {
    type Target = [Related];
    fn deref(&self) -> &[Related] {
        self.0.as_deref().unwrap_or(&[])
    }
}

impl From<Vec<Related>> for RelatedPlaces {
    fn from(places: Vec<Related>) -> Self {
        RelatedPlaces((!places.is_empty()).then(|| places.into()))
    }
}

/// One thing a copy editor would mark.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    pub rule: Rule,
    pub span: Span,
    /// States the fact, quoting copy in backticks, with no trailing period.
    pub message: Text,
    pub severity: Severity,
    /// The preferred fix first; alternatives after it.
    pub fixes: Fixes,
    pub related: RelatedPlaces,
}

impl Finding {
    /// A finding with the rule's default severity, no fix and nothing related.
    pub fn new(rule: Rule, span: Span, message: impl Into<Text>) -> Self {
        Finding {
            rule,
            span,
            message: message.into(),
            severity: rule.default_severity(),
            fixes: Fixes::new(),
            related: RelatedPlaces::default(),
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        // Most findings have one fix: room for just that one, allocated at once.
        if self.fixes.is_empty() {
            self.fixes = vec![fix];
        } else {
            self.fixes.push(fix);
        }
        self
    }

    pub fn with_related(mut self, related: Related) -> Self {
        let mut places = self.related.to_vec();
        places.push(related);
        self.related = places.into();
        self
    }

    /// Points to places shared with other findings.
    pub fn with_related_places(mut self, places: RelatedPlaces) -> Self {
        self.related = places;
        self
    }

    /// The same finding for the same copy at `start` (one slip repeated through a story):
    /// its span and its edits move there, its message and fixes are shared with this one,
    /// its related places are the same.
    pub fn repeat_at(&mut self, start: usize) -> Finding {
        let from = self.span.start;
        let moved = |s: Span| {
            Span::new(
                s.start.wrapping_add(start).wrapping_sub(from),
                s.end.wrapping_add(start).wrapping_sub(from),
            )
        };
        let fixes = self
            .fixes
            .iter_mut()
            .map(|fix| Fix {
                title: fix.title.share(),
                edits: fix
                    .edits
                    .iter_mut()
                    .map(|e| Edit::replace(moved(e.span), e.replacement.share()))
                    .collect(),
                safe: fix.safe,
            })
            .collect();
        Finding {
            rule: self.rule,
            span: moved(self.span),
            message: self.message.share(),
            severity: self.severity,
            fixes,
            related: self.related.clone(),
        }
    }

    /// The first fix, which editors mark as preferred.
    pub fn fix(&self) -> Option<&Fix> {
        self.fixes.first()
    }
}

/// Sorts `items` in the order `compare` gives, equal ones kept in their order (a stable sort).
///
/// Findings are large: the sort orders their positions, then moves each finding round its
/// cycle of the permutation, in place.
pub(crate) fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> std::cmp::Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| compare(&items[a], &items[b]));
    // `items[i]` becomes the old `items[order[i]]`; a position done is marked `usize::MAX`.
    for start in 0..order.len() {
        let mut i = start;
        loop {
            let from = std::mem::replace(&mut order[i], usize::MAX);
            if from == start || from == usize::MAX {
                break;
            }
            items.swap(i, from);
            i = from;
        }
    }
}

/// Applies `edits` to `text`.
///
/// Edits are taken in order of position; one that overlaps an edit already taken is skipped
/// and returned, so a caller can run another pass. Edits whose span is out of range or not on
/// char boundaries are skipped too (they cannot come from a check of this text).
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, Vec<Edit>) {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut skipped = Vec::new();
    let mut at = 0;
    for edit in sorted {
        let Span { start, end } = edit.span;
        let valid = end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end);
        // Two insertions at one place are kept in order; anything else touching is an overlap.
        if !valid || start < at {
            skipped.push(edit.clone());
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&edit.replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    (out, skipped)
}

/// Collects the edits of the first safe fix of every finding, dropping whole fixes that would
/// overlap a fix already taken, so that each fix is applied entirely or not at all.
pub fn safe_edits(findings: &[Finding]) -> Vec<Edit> {
    let mut taken: Vec<Span> = Vec::new();
    let mut edits = Vec::new();
    for fix in findings
        .iter()
        .filter_map(|f| f.fix().filter(|fix| fix.safe))
    {
        let clashes = fix.edits.iter().any(|e| {
            taken
                .iter()
                .any(|t| t.overlaps(e.span) || (e.span.is_empty() && t.start == e.span.start))
        });
        if clashes {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| e.span));
        edits.extend(fix.edits.iter().cloned());
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_finding_moves_its_spans_and_shares_its_text() {
        let mut first = Finding::new(
            Rule::Capitalization,
            Span::new(4, 8),
            String::from("`dana`"),
        )
        .with_fix(Fix::safe(
            String::from("Replace with `Dana`"),
            [Edit::replace(Span::new(4, 5), String::from("D"))],
        ));
        let again = first.repeat_at(20);
        assert_eq!(again.span, Span::new(20, 24));
        assert_eq!(again.fixes[0].edits[0].span, Span::new(20, 21));
        assert_eq!(again.message, first.message);
        assert_eq!(again.fixes[0].title, "Replace with `Dana`");
        assert_eq!(again.fixes[0].edits[0].replacement, "D");
        assert_eq!(first.repeat_at(0).span, Span::new(0, 4));
    }

    #[test]
    fn sorting_in_place_is_stable() {
        let mut items = [(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e'), (2, 'f')];
        let mut expected = items;
        expected.sort_by_key(|x| x.0);
        sort_by(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, expected);
    }

    #[test]
    fn edits_apply_in_position_order() {
        let edits = [
            Edit::replace(Span::new(7, 12), "desk"),
            Edit::delete(Span::new(0, 1)),
        ];
        let (out, skipped) = apply_edits("A copy world", &edits);
        assert_eq!(out, " copy desk");
        assert!(skipped.is_empty());
    }

    #[test]
    fn overlapping_edit_is_skipped_not_merged() {
        let edits = [
            Edit::replace(Span::new(0, 4), "x"),
            Edit::replace(Span::new(2, 6), "y"),
        ];
        let (out, skipped) = apply_edits("abcdefg", &edits);
        assert_eq!(out, "xefg");
        assert_eq!(skipped.len(), 1);
    }

    #[test]
    fn edit_off_a_char_boundary_is_refused() {
        let (out, skipped) = apply_edits("é", &[Edit::delete(Span::new(0, 1))]);
        assert_eq!(out, "é");
        assert_eq!(skipped.len(), 1);
    }
}
