//! `boilerplate`: lines and blocks dragged in from a web page. (Being built: see the issue.)

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexBuilder};

use crate::finding::Finding;
use crate::rules::Context;
use crate::style::{Settings, StyleError};

pub const DOCS: &str = "\
# boilerplate

## What it does
Flags lines and blocks that are page furniture, not copy.
";

/// The most memory one house-style pattern may compile to.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// The house style's extra phrases and patterns, compiled once.
#[derive(Debug)]
#[allow(dead_code, reason = "read by the check once it is built")]
pub struct Lexicon {
    pub(crate) phrases: Option<AhoCorasick>,
    pub(crate) patterns: Vec<Regex>,
}

impl Lexicon {
    pub fn new(settings: &Settings) -> Result<Self, StyleError> {
        let phrases = if settings.boilerplate_phrases.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(&settings.boilerplate_phrases)
                    .map_err(|e| StyleError {
                        path: None,
                        line: None,
                        key: Some("boilerplate.phrases".into()),
                        message: e.to_string(),
                    })?,
            )
        };
        let patterns = settings
            .boilerplate_patterns
            .iter()
            .map(|(pattern, line)| {
                RegexBuilder::new(pattern)
                    .size_limit(PATTERN_SIZE_LIMIT)
                    .build()
                    .map_err(|e| StyleError {
                        path: None,
                        line: *line,
                        key: Some("boilerplate.patterns".into()),
                        message: format!(
                            "invalid regular expression: {}",
                            one_line(&e.to_string())
                        ),
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(Lexicon { phrases, patterns })
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn check(_cx: &Context<'_>, _out: &mut Vec<Finding>) {}
