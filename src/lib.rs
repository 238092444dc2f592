//! copydesk: a copy desk's first pass on news copy.
//!
//! The core is one pure function: text in, findings out. It does no I/O, knows nothing of
//! editors or files, never fails and never panics; findings carry byte spans and fixes as
//! plain edits. The CLI (`src/main.rs`) and the language server (`src/lsp/`) are thin
//! adapters over it.
//!
//! ```
//! use copydesk::{check, fix, Format, HouseStyle, Rule};
//!
//! let style = HouseStyle::default();
//! let copy = "The minister spoke .\n";
//! let findings = check(copy, Format::PlainText, &style);
//! assert_eq!(findings[0].rule, Rule::PunctuationSpacing);
//! assert_eq!(fix(copy, Format::PlainText, &style), "The minister spoke.\n");
//! ```
//!
//! Stories checked together share a [`NameIndex`], so that a name spelt one way in one story
//! and another way in the next is caught: see [`check_document`].

pub mod document;
pub mod finding;
pub mod line_index;
pub mod lsp;
pub mod memo;
pub mod memory;
pub mod rules;
pub mod span;
pub mod style;
pub mod text;
pub mod workspace;

#[cfg(test)]
mod testing;

use std::panic::{AssertUnwindSafe, catch_unwind};

pub use document::{Document, Format};
pub use finding::{Edit, Finding, Fix, Related, Severity, apply_edits};
pub use line_index::{LineColumn, LineIndex};
pub use memo::Memo;
pub use rules::Rule;
pub use span::Span;
pub use style::{HouseStyle, StyleError};
pub use workspace::NameIndex;

/// The key a lone document has in its own name index.
const LONE: &str = "";

/// Checks one document on its own.
pub fn check(text: &str, format: Format, style: &HouseStyle) -> Vec<Finding> {
    let doc = Document::new(text, format);
    let mut names = NameIndex::new();
    names.update(LONE, &doc, style);
    check_document(&doc, style, &names, LONE)
}

/// Checks one document among others: `names` holds the mentions of every document checked
/// together, this one included under `key` (call [`NameIndex::update`] first).
///
/// Findings come sorted by position. Findings that touch code, front matter or other text
/// that is not prose, or that the author suppressed, are left out. In release builds a rule
/// that panics on some odd input loses its findings for this document instead of taking the
/// caller (an editor's language server) down; debug builds let the panic through.
pub fn check_document(
    doc: &Document<'_>,
    style: &HouseStyle,
    names: &NameIndex,
    key: &str,
) -> Vec<Finding> {
    settle(
        doc,
        style,
        run_rules(doc, style, names, key, Rule::ALL, None),
    )
}

/// [`check_document`] for a document checked again and again (an editor's, at every
/// keystroke): `memo` keeps what this check measured for the next one, which then measures
/// only what changed. The findings are exactly those of [`check_document`].
pub fn check_document_again(
    doc: &Document<'_>,
    style: &HouseStyle,
    names: &NameIndex,
    key: &str,
    memo: &Memo,
) -> Vec<Finding> {
    settle(
        doc,
        style,
        run_rules(doc, style, names, key, Rule::ALL, Some(memo)),
    )
}

/// Runs some of the rules (those the house style enables) and returns what they found as it
/// stands: unfiltered and unsorted. With [`settle`], this lets a caller spread the rules of one
/// document over threads (the language server does, on large documents); rules share no state.
/// Only `name-consistency` reads `names`. `memo`, if any, is this document's (see
/// [`check_document_again`]).
pub fn run_rules(
    doc: &Document<'_>,
    style: &HouseStyle,
    names: &NameIndex,
    key: &str,
    rules: impl IntoIterator<Item = Rule>,
    memo: Option<&Memo>,
) -> Vec<Finding> {
    let mut cx = rules::Context::new(doc, style, names, key);
    cx.memo = memo;
    let mut out = Vec::new();
    for rule in rules {
        if !style.is_enabled(rule) {
            continue;
        }
        let before = out.len();
        // Debug builds (tests) let a panic through, so that no bug hides behind the guard.
        if cfg!(debug_assertions) {
            rule.check(&cx, &mut out);
        } else if catch_unwind(AssertUnwindSafe(|| rule.check(&cx, &mut out))).is_err() {
            // A rule that fails reports nothing, not the part it found before failing.
            out.truncate(before);
        }
    }
    out
}

/// Turns what [`run_rules`] found (from one call or several, in any order) into the findings
/// [`check_document`] returns: only those that may be shown, with the house style's
/// severities, sorted by position, one finding per slip.
pub fn settle(doc: &Document<'_>, style: &HouseStyle, mut out: Vec<Finding>) -> Vec<Finding> {
    out.retain(|f| stands(doc, f));
    for f in &mut out {
        f.severity = style.rule(f.rule).severity;
    }
    finding::sort_by(&mut out, |a, b| {
        (a.span.start, a.span.end, a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            b.rule,
            &b.message,
        ))
    });
    out.dedup();
    drop_repeated_fixes(&mut out);
    keep_prescribed_spellings(doc, style, &mut out);
    out
}

/// A brand spelt as the brand list spells it (`WhatsApp`), or as a capitalization fix here
/// prescribes, is right: it is never a minority spelling to be changed to the majority's, in
/// this story or because other stories checked with it get the brand wrong.
fn keep_prescribed_spellings(doc: &Document<'_>, style: &HouseStyle, findings: &mut Vec<Finding>) {
    if !findings.iter().any(|f| f.rule == Rule::NameConsistency) {
        return;
    }
    let prescribed: rustc_hash::FxHashSet<&str> = findings
        .iter()
        .filter(|f| f.rule == Rule::Capitalization)
        .filter_map(|f| f.fix())
        .flat_map(|fix| fix.edits.iter().map(|e| e.replacement.as_str()))
        .collect();
    let right =
        |text: &str| prescribed.contains(text) || style.capitalization.is_house_spelling(text);
    let keep: Vec<bool> = findings
        .iter()
        .map(|f| f.rule != Rule::NameConsistency || !right(f.span.slice(doc.text)))
        .collect();
    let mut keep = keep.into_iter();
    findings.retain(|_| keep.next().unwrap_or(true));
}

/// Two rules can see one slip (`Airpods` is a brand in the wrong case and a minority spelling):
/// when a later finding covers the same span with the same fix, only the first is kept.
fn drop_repeated_fixes(findings: &mut Vec<Finding>) {
    // The kept findings move to the front, in order.
    let mut kept = 0;
    for i in 0..findings.len() {
        let f = &findings[i];
        let repeated = f.fix().is_some()
            && findings[..kept]
                .iter()
                .rev()
                .take_while(|k| k.span == f.span)
                .any(|k| k.fix().map(|x| &x.edits) == f.fix().map(|x| &x.edits));
        if !repeated {
            findings.swap(kept, i);
            kept += 1;
        }
    }
    findings.truncate(kept);
}

/// Whether a finding may be shown: its spans are valid, it touches only prose (a boilerplate
/// line may hold links and markup), and the author did not turn it off there.
fn stands(doc: &Document<'_>, f: &Finding) -> bool {
    let valid = |s: Span| {
        s.start <= s.end
            && s.end <= doc.text.len()
            && doc.text.is_char_boundary(s.start)
            && doc.text.is_char_boundary(s.end)
    };
    let spans_ok = valid(f.span)
        && f.fixes
            .iter()
            .flat_map(|fix| &fix.edits)
            .all(|e| valid(e.span));
    if !spans_ok || doc.is_suppressed(f.rule, f.span) {
        return false;
    }
    let touched = f
        .fixes
        .iter()
        .flat_map(|fix| fix.edits.iter().map(|e| e.span))
        .chain([f.span]);
    for span in touched {
        let mut masks = doc.masks_in(span);
        let allowed = match f.rule {
            Rule::Boilerplate => masks.all(|m| m.kind.may_be_deleted_with_line()),
            _ => masks.next().is_none(),
        };
        if !allowed {
            return false;
        }
    }
    true
}

/// The most passes [`fix`] makes before it stops, in case two fixes undo each other.
const MAX_FIX_PASSES: usize = 10;

/// Applies every safe fix until nothing changes (or [`MAX_FIX_PASSES`] passes). Text that no
/// safe fix touches comes back byte for byte.
pub fn fix(text: &str, format: Format, style: &HouseStyle) -> String {
    let mut current = text.to_string();
    for _ in 0..MAX_FIX_PASSES {
        let findings = check(&current, format, style);
        let edits = finding::safe_edits(&findings);
        if edits.is_empty() {
            break;
        }
        let (next, _) = apply_edits(&current, &edits);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_brand_spelling_is_never_a_minority_variant() {
        let text = "Crews posted updates on Whatsapp through the night.\n\n\
                    The operator answered on WhatsApp the next morning.\n";
        let found: Vec<_> = check(text, Format::PlainText, &HouseStyle::default())
            .into_iter()
            .map(|f| (f.rule, f.span.slice(text).to_string()))
            .collect();
        assert_eq!(found, [(Rule::Capitalization, "Whatsapp".to_string())]);
    }

    #[test]
    fn a_brand_spelt_right_is_not_a_minority_across_stories() {
        let style = HouseStyle::default();
        let stories = [
            "The ferry operator answered questions on WhatsApp through the evening.\n",
            "Crews shared the new rota on Whatsapp before the morning sailing.\n",
            "Passengers were told to check Whatsapp for changes to the timetable.\n",
        ];
        let docs: Vec<Document<'_>> = stories
            .iter()
            .map(|t| Document::new(t, Format::PlainText))
            .collect();
        let mut names = NameIndex::new();
        for (i, doc) in docs.iter().enumerate() {
            names.update(&i.to_string(), doc, &style);
        }
        let found: Vec<Vec<Rule>> = docs
            .iter()
            .enumerate()
            .map(|(i, doc)| {
                check_document(doc, &style, &names, &i.to_string())
                    .into_iter()
                    .map(|f| f.rule)
                    .collect()
            })
            .collect();
        // The right spelling stands; the wrong ones are brands in the wrong case.
        assert_eq!(
            found,
            [
                vec![],
                vec![Rule::Capitalization],
                vec![Rule::Capitalization]
            ]
        );
    }
}
