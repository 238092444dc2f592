//! Findings as LSP diagnostics.
//!
//! Each diagnostic carries the rule id as its code, `copydesk` as its source, the other
//! spellings of a name as related information (in this document or another one), and in
//! `data` the version it was computed for and its fixes as ready-made text edits, so a code
//! action can be built from the diagnostic alone.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, TextEdit, Uri,
};

use crate::finding::{Finding, Related, Severity};
use crate::lsp::documents::{Key, Text};
use crate::lsp::positions::{Converter, Encoding, Positions, RangeCache};
use crate::span::Span;
use crate::style::StyleError;

/// Names the server in diagnostics.
pub const SOURCE: &str = "copydesk";

/// What a diagnostic's `data` holds, read back by [`data_of`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiagnosticData {
    /// The document version the diagnostic (and its fixes) were computed for.
    pub version: i32,
    pub fixes: Vec<FixData>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FixData {
    pub title: String,
    pub safe: bool,
    pub edits: Vec<TextEdit>,
}

/// `data` as it is sent: [`DiagnosticData`] with each edit's range left out where it is the
/// diagnostic's own (most fixes replace just the words flagged), which keeps a large
/// document's publish about a tenth smaller.
#[derive(Debug, Serialize, Deserialize)]
struct Data {
    version: i32,
    fixes: Vec<DataFix>,
}

#[derive(Debug, Serialize, Deserialize)]
struct DataFix {
    title: String,
    safe: bool,
    edits: Vec<DataEdit>,
}

#[derive(Debug, Serialize, Deserialize)]
struct DataEdit {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    range: Option<Range>,
    #[serde(rename = "newText")]
    new_text: String,
}

/// The document the findings belong to, at the version they were computed for.
#[derive(Debug)]
pub struct Subject<'a> {
    pub uri: &'a Uri,
    /// The text checked.
    pub text: &'a str,
    pub version: i32,
}

/// How diagnostics are written for this client.
#[derive(Clone, Copy, Debug)]
pub struct Writing {
    pub encoding: Encoding,
    pub related_information: bool,
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Converts findings. `other` gives the text of another document, for related information
/// that points into it (`None` leaves such an entry out).
pub fn to_diagnostics(
    findings: &[Finding],
    subject: &Subject<'_>,
    writing: Writing,
    other: &dyn Fn(&str) -> Option<Text>,
) -> Vec<Diagnostic> {
    let enc = writing.encoding;
    // Every offset in this document the diagnostics need, converted in one sweep.
    let offsets = findings
        .iter()
        .flat_map(|f| {
            let edits = f.fixes.iter().flat_map(|fix| &fix.edits).map(|e| e.span);
            let related = f.related.iter().filter(|r| r.document.is_none());
            [f.span]
                .into_iter()
                .chain(edits)
                .chain(related.map(|r| r.span))
        })
        .flat_map(|span| [span.start, span.end])
        .collect();
    let mut places = Places {
        here: Positions::new(subject.text, offsets, enc),
        others: HashMap::new(),
        other,
        encoding: enc,
    };
    findings
        .iter()
        .map(|f| to_diagnostic(f, subject, writing, &mut places))
        .collect()
}

/// Where spans are converted: this document, and the others related information points to.
struct Places<'a> {
    here: Positions,
    others: HashMap<Key, Option<(Uri, Arc<RangeCache>, Converter)>>,
    other: &'a dyn Fn(&str) -> Option<Text>,
    encoding: Encoding,
}

impl Places<'_> {
    /// A span of this document, whose ends were among the offsets swept.
    fn here(&self, span: Span) -> Range {
        let at = |byte| self.here.get(byte).unwrap_or_default();
        Range::new(at(span.start), at(span.end))
    }

    fn related(&mut self, subject: &Subject<'_>, r: &Related) -> Option<Location> {
        let Some(key) = &r.document else {
            return Some(Location::new(subject.uri.clone(), self.here(r.span)));
        };
        let (other, encoding) = (self.other, self.encoding);
        let (uri, ranges, converter) = self
            .others
            .entry(key.clone())
            .or_insert_with(|| {
                other(key).map(|t| (t.uri, t.ranges, Converter::new(t.rope, encoding)))
            })
            .as_ref()?;
        Some(Location::new(uri.clone(), ranges.range(r.span, converter)))
    }
}

fn to_diagnostic(
    f: &Finding,
    subject: &Subject<'_>,
    writing: Writing,
    places: &mut Places<'_>,
) -> Diagnostic {
    let range = places.here(f.span);
    let data = Data {
        version: subject.version,
        fixes: f
            .fixes
            .iter()
            .map(|fix| DataFix {
                title: fix.title.as_str().to_owned(),
                safe: fix.safe,
                edits: fix
                    .edits
                    .iter()
                    .map(|e| DataEdit {
                        range: Some(places.here(e.span)).filter(|&r| r != range),
                        new_text: e.replacement.as_str().to_owned(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let related = writing.related_information.then(|| {
        f.related
            .iter()
            .filter_map(|r| {
                Some(DiagnosticRelatedInformation {
                    location: places.related(subject, r)?,
                    message: r.message.clone(),
                })
            })
            .collect::<Vec<_>>()
    });
    Diagnostic {
        range,
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.id().to_string())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: f.message.as_str().to_owned(),
        related_information: related.filter(|r| !r.is_empty()),
        tags: None,
        data: serde_json::to_value(data).ok(),
    }
}

/// Reads a diagnostic's `data`, if it is ours.
pub fn data_of(diagnostic: &Diagnostic) -> Option<DiagnosticData> {
    if diagnostic.source.as_deref() != Some(SOURCE) {
        return None;
    }
    let data: Data = serde_json::from_value(diagnostic.data.clone()?).ok()?;
    let fixes = data
        .fixes
        .into_iter()
        .map(|fix| FixData {
            title: fix.title,
            safe: fix.safe,
            edits: fix
                .edits
                .into_iter()
                .map(|e| TextEdit {
                    range: e.range.unwrap_or(diagnostic.range),
                    new_text: e.new_text,
                })
                .collect(),
        })
        .collect();
    Some(DiagnosticData {
        version: data.version,
        fixes,
    })
}

/// A house style error as a diagnostic in the house style file: on the line it names (the
/// whole line, read from `source`), or on the first line.
pub fn style_error(err: &StyleError, source: Option<&str>) -> Diagnostic {
    let line = err.line.unwrap_or(1).saturating_sub(1);
    let width = source
        .and_then(|s| s.lines().nth(line))
        .map_or(0, |l| l.encode_utf16().count());
    let mut message = String::new();
    if let Some(key) = &err.key {
        message.push_str(&format!("`{key}`: "));
    }
    message.push_str(&err.message);
    message.push_str(" (copydesk keeps the last good house style)");
    let line = u32::try_from(line).unwrap_or(u32::MAX);
    let width = u32::try_from(width).unwrap_or(u32::MAX);
    Diagnostic {
        range: Range::new(Position::new(line, 0), Position::new(line, width)),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("house-style".into())),
        source: Some(SOURCE.into()),
        message,
        ..Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;
    use std::sync::Arc;

    use super::*;
    use ropey::Rope;

    use crate::finding::{Edit, Fix, Related};
    use crate::rules::Rule;

    #[test]
    fn a_finding_with_a_fix_and_related_spellings() {
        let text = "Kyiv and Kiev.";
        let uri = Uri::from_str("file:///w/a.md").expect("uri");
        let other_uri = Uri::from_str("file:///w/b.md").expect("uri");
        let finding = Finding::new(
            Rule::NameConsistency,
            Span::new(9, 13),
            "`Kiev` is spelled `Kyiv` in 2 other places",
        )
        .with_fix(Fix::unsafe_(
            "Replace with `Kyiv`",
            vec![Edit::replace(Span::new(9, 13), "Kyiv")],
        ))
        .with_fix(Fix::unsafe_(
            "Drop ` and`",
            vec![Edit::delete(Span::new(4, 8))],
        ))
        .with_related(Related {
            document: None,
            span: Span::new(0, 4),
            message: "`Kyiv` here".into(),
        })
        .with_related(Related {
            document: Some(Arc::from("file:///w/b.md")),
            span: Span::new(3, 7),
            message: "`Kyiv` in b.md".into(),
        })
        .with_related(Related {
            document: Some(Arc::from("file:///w/gone.md")),
            span: Span::new(0, 1),
            message: "lost".into(),
        });
        let other_rope = Rope::from_str("é Kyiv");
        let ranges = Arc::default();
        let other = |key: &str| {
            (key == "file:///w/b.md").then(|| Text {
                uri: other_uri.clone(),
                rope: other_rope.clone(),
                ranges: Arc::clone(&ranges),
            })
        };
        let subject = Subject {
            uri: &uri,
            text,
            version: 7,
        };
        let writing = Writing {
            encoding: Encoding::Utf16,
            related_information: true,
        };
        let d = &to_diagnostics(&[finding], &subject, writing, &other)[0];
        assert_eq!(
            d.range,
            Range::new(Position::new(0, 9), Position::new(0, 13))
        );
        assert_eq!(
            d.code,
            Some(NumberOrString::String("name-consistency".into()))
        );
        assert_eq!(d.source.as_deref(), Some("copydesk"));
        let related = d.related_information.as_ref().expect("related");
        assert_eq!(related.len(), 2);
        assert_eq!(related[0].location.uri, uri);
        assert_eq!(related[1].location.uri, other_uri);
        assert_eq!(
            related[1].location.range,
            Range::new(Position::new(0, 2), Position::new(0, 6))
        );
        let data = data_of(d).expect("our data");
        assert_eq!(data.version, 7);
        assert_eq!(data.fixes[0].edits[0].new_text, "Kyiv");
        assert!(!data.fixes[0].safe);
        // The edit's range is the diagnostic's: sent without it, read back with it.
        let sent = d.data.as_ref().expect("data");
        assert!(
            sent["fixes"][0]["edits"][0].get("range").is_none(),
            "{sent}"
        );
        assert_eq!(data.fixes[0].edits[0].range, d.range);
        // Another range is sent as it is.
        assert_eq!(
            data.fixes[1].edits[0].range,
            Range::new(Position::new(0, 4), Position::new(0, 8))
        );
    }

    #[test]
    fn style_error_points_at_its_line() {
        let err = StyleError {
            path: None,
            line: Some(2),
            key: Some("prefered".into()),
            message: "unknown field".into(),
        };
        let d = style_error(&err, Some("[names]\nprefered = []\n"));
        assert_eq!(
            d.range,
            Range::new(Position::new(1, 0), Position::new(1, 13))
        );
        assert!(d.message.starts_with("`prefered`: unknown field"));
    }
}
