//! Core edits as LSP workspace edits: converted through the rope of the version they were
//! computed for and stamped with that version, so a client whose document moved on rejects
//! them instead of applying them in the wrong place.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use ropey::Rope;
use similar::{Algorithm, DiffTag, TextDiff};
use tower_lsp_server::ls_types::{
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit,
    Uri, WorkspaceEdit,
};

use crate::document::Format;
use crate::finding::{Edit, Finding, Fix, apply_edits, safe_edits};
use crate::lsp::positions::{Converter, Encoding};
use crate::span::Span;
use crate::style::HouseStyle;

/// Edits to one document.
#[derive(Clone, Debug)]
pub struct DocumentEdits {
    pub uri: Uri,
    /// The version the edits were computed for; `None` for a file the client has not open.
    pub version: Option<i32>,
    pub edits: Vec<TextEdit>,
}

pub fn text_edits(rope: &Rope, edits: &[Edit], encoding: Encoding) -> Vec<TextEdit> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let converter = Converter::new(rope.clone(), encoding);
    sorted
        .into_iter()
        .map(|e| TextEdit {
            range: converter.range(e.span),
            new_text: e.replacement.as_str().to_owned(),
        })
        .collect()
}

/// A workspace edit: versioned `documentChanges` when the client takes them, else plain
/// `changes`. Documents with no edits are left out.
pub fn workspace_edit(docs: Vec<DocumentEdits>, document_changes: bool) -> WorkspaceEdit {
    let docs = docs.into_iter().filter(|d| !d.edits.is_empty());
    if document_changes {
        let edits = docs
            .map(|d| TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: d.uri,
                    version: d.version,
                },
                edits: d.edits.into_iter().map(OneOf::Left).collect(),
            })
            .collect();
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(edits)),
            ..WorkspaceEdit::default()
        }
    } else {
        let changes: HashMap<Uri, Vec<TextEdit>> = docs.map(|d| (d.uri, d.edits)).collect();
        WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }
    }
}

/// The edits of whole fixes, in the order given, leaving out a fix that would overlap (or
/// insert at the same place as) one already taken: each fix is applied entirely or not at all.
pub fn whole_fixes<'a>(fixes: impl IntoIterator<Item = &'a Fix>) -> Vec<Edit> {
    // Taken spans by start; they never overlap, so only the neighbours of a span can clash.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let clashes = |taken: &BTreeMap<usize, usize>, span: Span| {
        let before = taken.range(..=span.start).next_back();
        let after = taken.range(span.start..).next();
        before
            .into_iter()
            .chain(after)
            .any(|(&start, &end)| Span::new(start, end).overlaps(span) || start == span.start)
            || taken.range(span.start..span.end).next().is_some()
    };
    let mut out = Vec::new();
    for fix in fixes {
        if fix.edits.iter().any(|e| clashes(&taken, e.span)) {
            continue;
        }
        for e in &fix.edits {
            taken.insert(e.span.start, e.span.end);
        }
        out.extend(fix.edits.iter().cloned());
    }
    out
}

/// Every safe fix, to a fixpoint, as edits to `text`. The first pass uses `findings` (which
/// may know other documents); later passes check the text alone, like `copydesk fix`. When a
/// later pass changes anything the edits are the changed lines, otherwise the exact spans.
pub fn safe_fixes(
    text: &str,
    format: Format,
    style: &HouseStyle,
    findings: &[Finding],
) -> Vec<Edit> {
    let first = safe_edits(findings);
    let (once, _) = apply_edits(text, &first);
    let settled = crate::fix(&once, format, style);
    if settled == once {
        first
    } else {
        line_diff(text, &settled)
    }
}

/// The most time a line diff may take before it settles for a coarser answer.
const DIFF_DEADLINE: Duration = Duration::from_millis(500);

/// Edits turning `old` into `new`, one per run of changed lines.
pub fn line_diff(old: &str, new: &str) -> Vec<Edit> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(DIFF_DEADLINE)
        .diff_lines(old, new);
    let old_lines = diff.old_slices();
    let new_lines = diff.new_slices();
    let mut offsets = Vec::with_capacity(old_lines.len() + 1);
    let mut at = 0;
    offsets.push(0);
    for line in old_lines {
        at += line.len();
        offsets.push(at);
    }
    let mut out: Vec<Edit> = Vec::new();
    for op in diff.ops() {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        let span = Span::new(offsets[old_range.start], offsets[old_range.end]);
        let replacement: String = new_lines[new_range].concat();
        match out.last_mut() {
            // A deletion followed by an insertion is one replacement.
            Some(last) if last.span.end == span.start => {
                last.span.end = span.end;
                last.replacement.to_mut().push_str(&replacement);
            }
            _ => out.push(Edit::replace(span, replacement)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_diff_rebuilds_the_new_text() {
        let old = "one\ntwo  .\nthree\r\nfour";
        let new = "one\ntwo.\nthree\r\nfour!";
        let edits = line_diff(old, new);
        assert_eq!(edits.len(), 2);
        assert_eq!(apply_edits(old, &edits).0, new);
    }

    #[test]
    fn safe_fixes_reach_a_fixpoint() {
        let style = HouseStyle::default();
        let text = "Talks ended  .\nNothing else.\n";
        let findings = crate::check(text, Format::PlainText, &style);
        let edits = safe_fixes(text, Format::PlainText, &style, &findings);
        assert_eq!(
            apply_edits(text, &edits).0,
            crate::fix(text, Format::PlainText, &style)
        );
    }

    #[test]
    fn overlapping_fixes_are_left_whole() {
        let a = Fix::safe("a", vec![Edit::replace(Span::new(0, 4), "x")]);
        let b = Fix::safe(
            "b",
            vec![Edit::replace(Span::new(2, 6), "y"), Edit::insert(9, "z")],
        );
        let c = Fix::safe("c", vec![Edit::insert(8, "w")]);
        let d = Fix::safe("d", vec![Edit::replace(Span::new(7, 12), "v")]);
        let e = Fix::safe("e", vec![Edit::replace(Span::new(12, 13), "u")]);
        let f = Fix::safe("f", vec![Edit::insert(12, "t")]);
        let edits = whole_fixes([&a, &b, &c, &d, &e, &f]);
        assert_eq!(
            edits,
            vec![
                Edit::replace(Span::new(0, 4), "x"),
                Edit::insert(8, "w"),
                Edit::replace(Span::new(12, 13), "u"),
            ]
        );
    }
}
