//! The rules: what each one is called, how loud it is by default, and how a check runs them.
//!
//! Each rule lives in its own file under `src/rules/` with its documentation (reused by
//! `copydesk explain`, hover and the README), its check, its fix and its unit tests. Rule ids
//! are a public contract: editors, CI configs and suppression comments key on them.

use std::cell::OnceCell;
use std::fmt;

use crate::document::Document;
use crate::finding::{Finding, Severity};
use crate::memo::Memo;
use crate::style::HouseStyle;
use crate::workspace::NameIndex;

pub mod abbreviation_consistency;
pub mod boilerplate;
pub mod capitalization;
pub mod name_consistency;
pub mod punctuation_spacing;

/// Everything a rule may look at while checking one document.
#[derive(Debug)]
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub style: &'a HouseStyle,
    /// Name mentions across the documents checked together, this one included.
    pub names: &'a NameIndex,
    /// The key of this document in `names`.
    pub key: &'a str,
    /// What each line is (see [`capitalization::reading::read_lines`]): read once per check
    /// by the first rule that asks, and shared by the rules that ask again.
    pub(crate) lines: OnceCell<Vec<capitalization::reading::Line>>,
    /// What the last check of this document measured, when it is checked again and again.
    pub(crate) memo: Option<&'a Memo>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        doc: &'a Document<'a>,
        style: &'a HouseStyle,
        names: &'a NameIndex,
        key: &'a str,
    ) -> Self {
        Context {
            doc,
            style,
            names,
            key,
            lines: OnceCell::new(),
            memo: None,
        }
    }

    /// What each line of the document is, read when first asked.
    pub(crate) fn lines(&self) -> &[capitalization::reading::Line] {
        self.lines
            .get_or_init(|| capitalization::reading::read_lines(self.doc))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    NameConsistency,
    Capitalization,
    Boilerplate,
    PunctuationSpacing,
    AbbreviationConsistency,
}

impl Rule {
    pub const ALL: [Rule; 5] = [
        Rule::NameConsistency,
        Rule::Capitalization,
        Rule::Boilerplate,
        Rule::PunctuationSpacing,
        Rule::AbbreviationConsistency,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Rule::NameConsistency => "name-consistency",
            Rule::Capitalization => "capitalization",
            Rule::Boilerplate => "boilerplate",
            Rule::PunctuationSpacing => "punctuation-spacing",
            Rule::AbbreviationConsistency => "abbreviation-consistency",
        }
    }

    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// One line for `copydesk rules` and editor menus.
    pub fn summary(self) -> &'static str {
        match self {
            Rule::NameConsistency => "One name, one spelling, within a story and across stories",
            Rule::Capitalization => {
                "Names and sentence starts written lowercase, brands in the wrong case"
            }
            Rule::Boilerplate => "Lines and blocks dragged in from a web page that are not copy",
            Rule::PunctuationSpacing => {
                "A space before punctuation, doubled spaces, a missing space"
            }
            Rule::AbbreviationConsistency => "`US` and `U.S.` (and their kin) mixed in one story",
        }
    }

    /// The rule's documentation in Markdown: What it does / Why / Example / Fix.
    pub fn docs(self) -> &'static str {
        match self {
            Rule::NameConsistency => name_consistency::DOCS,
            Rule::Capitalization => capitalization::DOCS,
            Rule::Boilerplate => boilerplate::DOCS,
            Rule::PunctuationSpacing => punctuation_spacing::DOCS,
            Rule::AbbreviationConsistency => abbreviation_consistency::DOCS,
        }
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Rule::AbbreviationConsistency => Severity::Info,
            _ => Severity::Warning,
        }
    }

    pub(crate) fn check(self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        match self {
            Rule::NameConsistency => name_consistency::check(cx, out),
            Rule::Capitalization => capitalization::check(cx, out),
            Rule::Boilerplate => boilerplate::check(cx, out),
            Rule::PunctuationSpacing => punctuation_spacing::check(cx, out),
            Rule::AbbreviationConsistency => abbreviation_consistency::check(cx, out),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Sentence in, findings out: helpers for the unit tests in each rule file.

    use crate::document::Format;
    use crate::finding::{Finding, apply_edits};
    use crate::rules::Rule;
    use crate::style::HouseStyle;

    /// The findings of one rule on `text` (plain text, built-in house style).
    pub fn findings(rule: Rule, text: &str) -> Vec<Finding> {
        findings_with(rule, text, &HouseStyle::default())
    }

    pub fn findings_with(rule: Rule, text: &str, style: &HouseStyle) -> Vec<Finding> {
        crate::check(text, Format::PlainText, style)
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
    }

    /// The text each finding covers, with a caret line under it: easy to read in an assert.
    pub fn carets(rule: Rule, text: &str) -> Vec<String> {
        findings(rule, text)
            .iter()
            .map(|f| {
                let line_start = text[..f.span.start].rfind('\n').map_or(0, |i| i + 1);
                let line_end = text[f.span.start..]
                    .find('\n')
                    .map_or(text.len(), |i| f.span.start + i);
                let pad = text[line_start..f.span.start].chars().count();
                let width = text[f.span.start..f.span.end.min(line_end)]
                    .chars()
                    .count()
                    .max(1);
                format!(
                    "{}\n{}{}",
                    &text[line_start..line_end],
                    " ".repeat(pad),
                    "^".repeat(width)
                )
            })
            .collect()
    }

    /// The text after applying the first fix of every finding of `rule`, once.
    pub fn fixed(rule: Rule, text: &str) -> String {
        let edits: Vec<_> = findings(rule, text)
            .iter()
            .filter_map(|f| f.fix())
            .flat_map(|fix| fix.edits.clone())
            .collect();
        apply_edits(text, &edits).0
    }
}
