//! Hover on a flagged span: the finding's message and what its rule does.

use tower_lsp_server::ls_types::{
    Hover, HoverContents, MarkupContent, MarkupKind, Position, Range,
};

use crate::lsp::session::CheckResult;
use crate::rules::Rule;

/// The "What it does" section of a rule's documentation.
pub fn what_it_does(rule: Rule) -> &'static str {
    let docs = rule.docs();
    let Some(start) = docs.find("## What it does") else {
        return rule.summary();
    };
    let body = &docs[start + "## What it does".len()..];
    let end = body.find("\n## ").unwrap_or(body.len());
    body[..end].trim()
}

/// The hover for the findings under `at`, or `None` where nothing is flagged.
pub fn hover(result: &CheckResult, at: Position) -> Option<Hover> {
    let mut range: Option<Range> = None;
    let mut sections = Vec::new();
    for (finding, diagnostic) in result.findings.iter().zip(result.diagnostics.iter()) {
        let r = diagnostic.range;
        if !(r.start <= at && at <= r.end) {
            continue;
        }
        range = Some(match range {
            Some(prev) => Range::new(prev.start.min(r.start), prev.end.max(r.end)),
            None => r,
        });
        sections.push(format!(
            "**{}** · copydesk `{}`\n\n{}",
            finding.message,
            finding.rule.id(),
            what_it_does(finding.rule)
        ));
    }
    if sections.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_it_does_is_the_section_only() {
        let text = what_it_does(Rule::PunctuationSpacing);
        assert!(text.starts_with("Flags three spacing slips"), "{text}");
        assert!(!text.contains("## Why"));
    }
}
