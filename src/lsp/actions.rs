//! Code actions: each finding's fixes, fix-all (per rule and the safe `source.fixAll`),
//! one spelling of a name everywhere, ignoring a rule on a line, and adding a spelling to the
//! house style.
//!
//! Actions are built from the latest check of the document's current version, so they are
//! cheap (no check runs for a code action) and their edits are stamped with that version.
//! Those that cost more (fix-all for a rule, a spelling across the workspace, the safe
//! fix-all, which checks again to a fixpoint) come without their edit, to be resolved when
//! chosen; for a client that cannot resolve, the server resolves them before answering (and
//! the safe fix-all becomes a command).

use serde::{Deserialize, Serialize};
use serde_json::json;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Diagnostic, Range, TextEdit, Uri,
    WorkspaceEdit,
};

use crate::finding::{Edit, Finding};
use crate::lsp::diagnostics::data_of;
use crate::lsp::edits::{self, DocumentEdits};
use crate::lsp::positions;
use crate::lsp::session::CheckResult;
use crate::lsp::support::Support;
use crate::rules::Rule;
use crate::span::Span;

/// The kind of copydesk's safe fix-all, for `editor.codeActionsOnSave` and the like.
pub const FIX_ALL_KIND: &str = "source.fixAll.copydesk";
pub const ADD_TO_HOUSE_STYLE: &str = "copydesk.addToHouseStyle";
pub const FIX_ALL_COMMAND: &str = "copydesk.fixAll";

/// What an action left for `codeAction/resolve` needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "camelCase")]
pub enum Deferred {
    /// Every safe fix in the document.
    FixAll { uri: Uri, version: i32 },
    /// The first fix of every finding of one rule in the document.
    FixRule {
        uri: Uri,
        version: i32,
        rule: String,
    },
    /// One spelling of a name in every document of the workspace.
    UseEverywhere {
        uri: Uri,
        version: i32,
        spelling: String,
    },
}

/// The document the actions are for, at the version its latest check saw.
#[derive(Debug)]
pub struct Target<'a> {
    pub uri: &'a Uri,
    pub result: &'a CheckResult,
    pub support: Support,
    /// Whether other documents are checked alongside this one.
    pub has_neighbours: bool,
}

impl Target<'_> {
    fn edit(&self, edits: &[Edit]) -> WorkspaceEdit {
        let doc = DocumentEdits {
            uri: self.uri.clone(),
            version: Some(self.result.version),
            edits: edits::text_edits(&self.result.rope, edits, self.support.encoding),
        };
        edits::workspace_edit(vec![doc], self.support.document_changes)
    }

    fn deferred(&self, title: String, kind: CodeActionKind, deferred: Deferred) -> CodeAction {
        CodeAction {
            title,
            kind: Some(kind),
            data: serde_json::to_value(deferred).ok(),
            ..CodeAction::default()
        }
    }
}

/// Whether the client asked for actions of `kind` (`only` holds prefixes, by dots).
pub fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|o| {
            let o = o.as_str();
            kind == o
                || kind
                    .strip_prefix(o)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

/// The actions for the findings at `range`, then the document-wide ones.
pub fn code_actions(
    target: &Target<'_>,
    range: Range,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let result = target.result;
    if wanted(only, CodeActionKind::QUICKFIX.as_str()) {
        let here: Vec<usize> = (0..result.findings.len())
            .filter(|&i| positions::touches(result.diagnostics[i].range, range))
            .collect();
        for &i in &here {
            quick_fixes(target, i, &mut out);
        }
        for &i in &here {
            name_actions(target, i, &mut out);
        }
        fix_all_of_rules(target, &here, &mut out);
        ignore_on_line(target, &here, &mut out);
    }
    if wanted(only, FIX_ALL_KIND)
        && result
            .findings
            .iter()
            .any(|f| f.fix().is_some_and(|x| x.safe))
    {
        out.push(fix_all_action(target));
    }
    out.into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

fn quick_fixes(target: &Target<'_>, i: usize, out: &mut Vec<CodeAction>) {
    let finding = &target.result.findings[i];
    for (n, fix) in finding.fixes.iter().enumerate() {
        out.push(CodeAction {
            title: fix.title.as_str().to_owned(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![target.result.diagnostics[i].clone()]),
            edit: Some(target.edit(&fix.edits)),
            is_preferred: Some(n == 0),
            ..CodeAction::default()
        });
    }
}

/// The spelling a name-consistency finding's first fix writes.
pub fn preferred_spelling(f: &Finding) -> Option<&str> {
    if f.rule != Rule::NameConsistency {
        return None;
    }
    match f.fix()?.edits.as_slice() {
        [edit] => Some(&edit.replacement),
        _ => None,
    }
}

/// The first fixes of every name finding in `findings` that writes `spelling`.
pub fn spelling_edits(findings: &[Finding], spelling: &str) -> Vec<Edit> {
    edits::whole_fixes(
        findings
            .iter()
            .filter(|f| preferred_spelling(f) == Some(spelling))
            .filter_map(Finding::fix),
    )
}

fn name_actions(target: &Target<'_>, i: usize, out: &mut Vec<CodeAction>) {
    let finding = &target.result.findings[i];
    if finding.rule != Rule::NameConsistency {
        return;
    }
    let diagnostics = Some(vec![target.result.diagnostics[i].clone()]);
    if let Some(spelling) = preferred_spelling(finding) {
        let here = spelling_edits(&target.result.findings, spelling);
        let others = finding.related.iter().any(|r| r.document.is_some()) || target.has_neighbours;
        let title = format!("Use `{spelling}` everywhere in this document");
        if here.len() > 1 && !out.iter().any(|a| a.title == title) {
            out.push(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostics.clone(),
                edit: Some(target.edit(&here)),
                ..CodeAction::default()
            });
        }
        let title = format!("Use `{spelling}` everywhere in the workspace");
        if others && !out.iter().any(|a| a.title == title) {
            let deferred = Deferred::UseEverywhere {
                uri: target.uri.clone(),
                version: target.result.version,
                spelling: spelling.to_string(),
            };
            let mut action = target.deferred(title, CodeActionKind::QUICKFIX, deferred);
            action.diagnostics = diagnostics.clone();
            out.push(action);
        }
    }
    let written = span_text(&target.result.rope, finding.span);
    let title = format!("Add `{written}` to the house style");
    if !written.trim().is_empty() && !out.iter().any(|a| a.title == title) {
        out.push(CodeAction {
            command: Some(Command {
                title: title.clone(),
                command: ADD_TO_HOUSE_STYLE.into(),
                arguments: Some(vec![json!({ "spelling": written })]),
            }),
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics,
            ..CodeAction::default()
        });
    }
}

fn fix_all_of_rules(target: &Target<'_>, here: &[usize], out: &mut Vec<CodeAction>) {
    let findings = &target.result.findings;
    let mut rules: Vec<Rule> = here.iter().map(|&i| findings[i].rule).collect();
    rules.sort();
    rules.dedup();
    for rule in rules {
        let fixable = findings
            .iter()
            .filter(|f| f.rule == rule && f.fix().is_some())
            .count();
        if fixable < 2 {
            continue;
        }
        let deferred = Deferred::FixRule {
            uri: target.uri.clone(),
            version: target.result.version,
            rule: rule.id().to_string(),
        };
        let title = format!("Fix all {rule} in this document");
        out.push(target.deferred(title, CodeActionKind::QUICKFIX, deferred));
    }
}

/// The first fixes of every finding of `rule`, whole and not overlapping.
pub fn rule_edits(findings: &[Finding], rule: Rule) -> Vec<Edit> {
    edits::whole_fixes(
        findings
            .iter()
            .filter(|f| f.rule == rule)
            .filter_map(Finding::fix),
    )
}

/// The directive that turns a rule off for the next line, in Markdown and plain text alike.
pub fn disable_next_line(rule: Rule) -> String {
    format!("<!-- copydesk-disable-next-line {} -->", rule.id())
}

fn ignore_on_line(target: &Target<'_>, here: &[usize], out: &mut Vec<CodeAction>) {
    let rope = &target.result.rope;
    let mut seen: Vec<(Rule, usize)> = Vec::new();
    for &i in here {
        let finding = &target.result.findings[i];
        let edit = ignore_edit(rope, finding.rule, finding.span.start);
        if seen.contains(&(finding.rule, edit.span.start)) {
            continue;
        }
        seen.push((finding.rule, edit.span.start));
        out.push(CodeAction {
            title: format!("Ignore {} on this line", finding.rule),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![target.result.diagnostics[i].clone()]),
            edit: Some(target.edit(&[edit])),
            ..CodeAction::default()
        });
    }
}

/// Inserts the directive above the line holding byte `at`, indented like that line, ending
/// with the line's own line break. Lines here are the core's: they end at `\n`.
pub fn ignore_edit(rope: &ropey::Rope, rule: Rule, at: usize) -> Edit {
    let at = at.min(rope.len_bytes());
    let mut start = at;
    let mut back = rope.bytes_at(at);
    while let Some(b) = back.prev() {
        if b == b'\n' {
            break;
        }
        start -= 1;
    }
    let mut indent = String::new();
    let mut crlf = None;
    let mut forward = rope.bytes_at(start);
    let mut previous = 0u8;
    let mut in_indent = true;
    for b in forward.by_ref() {
        if in_indent && (b == b' ' || b == b'\t') {
            indent.push(char::from(b));
        } else {
            in_indent = false;
        }
        if b == b'\n' {
            crlf = Some(previous == b'\r');
            break;
        }
        previous = b;
    }
    // The last line has no break of its own: take the one that ends the line above.
    let crlf = crlf.unwrap_or_else(|| start >= 2 && rope.byte(start - 2) == b'\r');
    let eol = if crlf { "\r\n" } else { "\n" };
    Edit::insert(start, format!("{indent}{}{eol}", disable_next_line(rule)))
}

fn fix_all_action(target: &Target<'_>) -> CodeAction {
    let title = "Apply all safe copydesk fixes".to_string();
    let kind = CodeActionKind::new(FIX_ALL_KIND);
    if target.support.resolve_edits {
        let deferred = Deferred::FixAll {
            uri: target.uri.clone(),
            version: target.result.version,
        };
        return target.deferred(title, kind, deferred);
    }
    CodeAction {
        command: Some(Command {
            title: title.clone(),
            command: FIX_ALL_COMMAND.into(),
            arguments: Some(vec![json!(target.uri.as_str())]),
        }),
        title,
        kind: Some(kind),
        ..CodeAction::default()
    }
}

/// Quick fixes read from the diagnostics the client sent, for when no current check is at
/// hand. Only diagnostics computed for `version` give any: a stale one gets no edits.
pub fn from_diagnostic_data(
    uri: &Uri,
    version: i32,
    diagnostics: &[Diagnostic],
    support: Support,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    for d in diagnostics {
        let Some(data) = data_of(d).filter(|data| data.version == version) else {
            continue;
        };
        for (n, fix) in data.fixes.into_iter().enumerate() {
            let doc = DocumentEdits {
                uri: uri.clone(),
                version: Some(version),
                edits: fix.edits,
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(edits::workspace_edit(vec![doc], support.document_changes)),
                is_preferred: Some(n == 0),
                ..CodeAction::default()
            }));
        }
    }
    out
}

/// The text edits of a safe fix-all on a check result.
pub fn safe_fix_edits(
    result: &CheckResult,
    format: crate::Format,
    style: &crate::HouseStyle,
    support: Support,
) -> Vec<TextEdit> {
    let text = String::from(&result.rope);
    let fixes = edits::safe_fixes(&text, format, style, &result.findings);
    edits::text_edits(&result.rope, &fixes, support.encoding)
}

/// The text a span covers.
pub fn span_text(rope: &ropey::Rope, span: Span) -> String {
    rope.get_byte_slice(span.range())
        .map(|s| s.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::apply_edits;
    use ropey::Rope;

    fn ignore(text: &str, at: usize) -> String {
        let edit = ignore_edit(&Rope::from_str(text), Rule::Boilerplate, at);
        apply_edits(text, &[edit]).0
    }

    #[test]
    fn ignore_goes_above_the_line_with_its_indent_and_break() {
        assert_eq!(
            ignore("Intro\n  Share this\nEnd", 10),
            "Intro\n  <!-- copydesk-disable-next-line boilerplate -->\n  Share this\nEnd"
        );
        assert_eq!(
            ignore("Intro\r\n\tShare\r\n", 8),
            "Intro\r\n\t<!-- copydesk-disable-next-line boilerplate -->\r\n\tShare\r\n"
        );
        assert_eq!(
            ignore("Intro\r\nShare", 9),
            "Intro\r\n<!-- copydesk-disable-next-line boilerplate -->\r\nShare"
        );
        assert_eq!(
            ignore("Share", 0),
            "<!-- copydesk-disable-next-line boilerplate -->\nShare"
        );
    }

    #[test]
    fn only_filters_by_prefix() {
        let only = [CodeActionKind::SOURCE_FIX_ALL];
        assert!(wanted(Some(&only), FIX_ALL_KIND));
        assert!(!wanted(Some(&only), "quickfix"));
        assert!(!wanted(
            Some(&[CodeActionKind::new("source.fix")]),
            FIX_ALL_KIND
        ));
        assert!(wanted(None, "quickfix"));
    }
}
