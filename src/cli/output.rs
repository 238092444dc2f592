//! How `copydesk check` prints findings: for people (like a compiler), as JSON Lines, or as
//! SARIF 2.1.0 for code-scanning tools.

use std::io::{self, Write};

use copydesk::{Finding, LineColumn, LineIndex, Rule, Severity};
use serde::Serialize;
use serde_json::json;

use super::files::Source;

/// One checked file and what was found in it.
#[derive(Debug)]
pub struct Report {
    pub source: Source,
    pub findings: Vec<Finding>,
    pub lines: LineIndex,
}

impl Report {
    pub fn new(source: Source, findings: Vec<Finding>) -> Self {
        let lines = LineIndex::new(&source.text);
        Report {
            source,
            findings,
            lines,
        }
    }

    fn position(&self, offset: usize) -> LineColumn {
        self.lines.line_column(&self.source.text, offset)
    }

    /// Where another document's related span stands, as `path:line:col`.
    fn related_location(&self, f: &Finding, i: usize, reports: &[Report]) -> String {
        let related = &f.related[i];
        let report = related
            .document
            .as_deref()
            .and_then(|key| reports.iter().find(|r| r.source.display == key))
            .unwrap_or(self);
        let at = report.position(related.span.start);
        format!("{}:{}:{}", report.source.display, at.line, at.column)
    }
}

/// Colours for a terminal; all empty when output is not a terminal or `NO_COLOR` is set.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    bold: &'static str,
    dim: &'static str,
    reset: &'static str,
    error: &'static str,
    warning: &'static str,
    info: &'static str,
    caret: &'static str,
}

impl Palette {
    pub fn new(color: bool) -> Self {
        if color {
            Palette {
                bold: "\x1b[1m",
                dim: "\x1b[2m",
                reset: "\x1b[0m",
                error: "\x1b[1;31m",
                warning: "\x1b[1;33m",
                info: "\x1b[1;36m",
                caret: "\x1b[1;35m",
            }
        } else {
            Palette {
                bold: "",
                dim: "",
                reset: "",
                error: "",
                warning: "",
                info: "",
                caret: "",
            }
        }
    }

    fn severity(&self, s: Severity) -> &'static str {
        match s {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info | Severity::Hint => self.info,
        }
    }
}

/// ```text
/// story.txt:9:38: warning[punctuation-spacing]: Space before `.`
///   |
/// 9 | Officials pledged support for peace .
///   |                                    ^^
///   = fix: Remove the space
/// ```
pub fn human(out: &mut impl Write, reports: &[Report], p: Palette) -> io::Result<()> {
    for report in reports {
        for f in &report.findings {
            let start = report.position(f.span.start);
            let end = report.position(f.span.end);
            writeln!(
                out,
                "{}{}:{}:{}{}: {}{}{}[{}]: {}{}",
                p.bold,
                report.source.display,
                start.line,
                start.column,
                p.reset,
                p.severity(f.severity),
                f.severity,
                p.reset,
                f.rule,
                p.bold,
                f.message,
            )?;
            write!(out, "{}", p.reset)?;
            let line_text = report.lines.line_text(&report.source.text, start.line - 1);
            let gutter = start.line.to_string().len();
            let pad = " ".repeat(gutter);
            let line_chars = line_text.chars().count();
            let to = if end.line == start.line {
                end.column - 1
            } else {
                line_chars
            };
            let (shown, from) = window(line_text, start.column - 1);
            let width = to.saturating_sub(start.column - 1).max(1);
            writeln!(out, "{}{pad} |{}", p.dim, p.reset)?;
            writeln!(out, "{}{} |{} {}", p.dim, start.line, p.reset, shown)?;
            let more = if end.line > start.line + usize::from(end.column == 1) {
                let last = if end.column == 1 {
                    end.line - 1
                } else {
                    end.line
                };
                format!(" (through line {last})")
            } else {
                String::new()
            };
            writeln!(
                out,
                "{}{pad} |{} {}{}{}{}{more}",
                p.dim,
                p.reset,
                " ".repeat(from),
                p.caret,
                "^".repeat(width),
                p.reset
            )?;
            for (i, related) in f.related.iter().enumerate() {
                writeln!(
                    out,
                    "{pad} = note: {} ({})",
                    related.message,
                    report.related_location(f, i, reports)
                )?;
            }
            if let Some(fix) = f.fix() {
                let tag = if fix.safe { "fix" } else { "suggestion" };
                writeln!(out, "{pad} = {tag}: {}", fix.title)?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// The widest source line shown whole; longer ones are cut to a window around the finding.
const MAX_SHOWN: usize = 100;
/// Characters of context kept before the finding when a line is cut.
const CONTEXT_BEFORE: usize = 40;

/// The part of a long line to show, and the finding's column in it. Cut ends get an `…`.
fn window(line: &str, column: usize) -> (String, usize) {
    let chars = line.chars().count();
    if chars <= MAX_SHOWN {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(CONTEXT_BEFORE);
    let end = (start + MAX_SHOWN).min(chars);
    let mut shown: String = line.chars().skip(start).take(end - start).collect();
    let mut at = column - start;
    if start > 0 {
        shown.insert(0, '…');
        at += 1;
    }
    if end < chars {
        shown.push('…');
    }
    (shown, at)
}

/// The closing line of human output.
pub fn summary(reports: &[Report]) -> String {
    let total: usize = reports.iter().map(|r| r.findings.len()).sum();
    let files = reports.iter().filter(|r| !r.findings.is_empty()).count();
    let fixable: usize = reports
        .iter()
        .flat_map(|r| &r.findings)
        .filter(|f| f.fix().is_some_and(|fix| fix.safe))
        .count();
    if total == 0 {
        return format!(
            "No findings in {} {}",
            reports.len(),
            plural(reports.len(), "file")
        );
    }
    let mut s = format!(
        "{total} {} in {files} {} ({} checked)",
        plural(total, "finding"),
        plural(files, "file"),
        reports.len()
    );
    if fixable > 0 {
        s.push_str(&format!("; {fixable} fixable with `copydesk fix`"));
    }
    s
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    start: JsonPosition,
    end: JsonPosition,
    byte_start: usize,
    byte_end: usize,
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonPosition {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    safe: bool,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    byte_start: usize,
    byte_end: usize,
    replacement: &'a str,
}

/// One JSON object per finding, per line. Byte offsets count from the start of the file,
/// a BOM included; lines and columns count the text the reader sees.
pub fn json_lines(out: &mut impl Write, reports: &[Report]) -> io::Result<()> {
    for report in reports {
        let bom = report.source.bom;
        for f in &report.findings {
            let start = report.position(f.span.start);
            let end = report.position(f.span.end);
            let record = JsonFinding {
                path: &report.source.display,
                rule: f.rule.id(),
                severity: f.severity.as_str(),
                message: &f.message,
                start: JsonPosition {
                    line: start.line,
                    column: start.column,
                },
                end: JsonPosition {
                    line: end.line,
                    column: end.column,
                },
                byte_start: f.span.start + bom,
                byte_end: f.span.end + bom,
                fixes: f
                    .fixes
                    .iter()
                    .map(|fix| JsonFix {
                        title: &fix.title,
                        safe: fix.safe,
                        edits: fix
                            .edits
                            .iter()
                            .map(|e| JsonEdit {
                                byte_start: e.span.start + bom,
                                byte_end: e.span.end + bom,
                                replacement: &e.replacement,
                            })
                            .collect(),
                    })
                    .collect(),
            };
            serde_json::to_writer(&mut *out, &record)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// A SARIF 2.1.0 log with one run. Columns count Unicode code points (`columnKind`).
pub fn sarif(out: &mut impl Write, reports: &[Report]) -> io::Result<()> {
    let rules: Vec<_> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "shortDescription": {"text": r.summary()},
                "fullDescription": {"text": r.summary()},
                "help": {"text": r.docs(), "markdown": r.docs()},
                "defaultConfiguration": {"level": sarif_level(r.default_severity())},
            })
        })
        .collect();
    let region = |report: &Report, span: copydesk::Span| {
        let start = report.position(span.start);
        let end = report.position(span.end);
        json!({
            "startLine": start.line,
            "startColumn": start.column,
            "endLine": end.line,
            "endColumn": end.column,
            "byteOffset": span.start + report.source.bom,
            "byteLength": span.len(),
        })
    };
    let mut results = Vec::new();
    for report in reports {
        let uri = report.source.display.replace('\\', "/");
        for f in &report.findings {
            let related: Vec<_> = f
                .related
                .iter()
                .enumerate()
                .map(|(id, rel)| {
                    let target = rel
                        .document
                        .as_deref()
                        .and_then(|key| reports.iter().find(|r| r.source.display == key))
                        .unwrap_or(report);
                    json!({
                        "id": id,
                        "message": {"text": rel.message},
                        "physicalLocation": {
                            "artifactLocation": {"uri": target.source.display.replace('\\', "/")},
                            "region": region(target, rel.span),
                        },
                    })
                })
                .collect();
            let fixes: Vec<_> = f
                .fixes
                .iter()
                .map(|fix| {
                    json!({
                        "description": {"text": fix.title},
                        "artifactChanges": [{
                            "artifactLocation": {"uri": uri},
                            "replacements": fix.edits.iter().map(|e| json!({
                                "deletedRegion": {
                                    "byteOffset": e.span.start + report.source.bom,
                                    "byteLength": e.span.len(),
                                },
                                "insertedContent": {"text": e.replacement},
                            })).collect::<Vec<_>>(),
                        }],
                    })
                })
                .collect();
            results.push(json!({
                "ruleId": f.rule.id(),
                "ruleIndex": Rule::ALL.iter().position(|r| *r == f.rule),
                "level": sarif_level(f.severity),
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": region(report, f.span),
                    },
                }],
                "relatedLocations": related,
                "fixes": fixes,
            }));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/copydesk",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
