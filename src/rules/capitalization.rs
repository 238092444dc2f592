//! `capitalization`: names and sentence starts written lowercase, brands in the wrong case.
//! (Being built: see the issue.)

use crate::finding::Finding;
use crate::rules::Context;
use crate::style::Settings;

pub const DOCS: &str = "\
# capitalization

## What it does
Flags names written lowercase, sentences that start lowercase and brands in the wrong case.
";

/// Brand and term spellings, compiled once per house style.
#[derive(Debug, Default)]
pub struct Lexicon {}

impl Lexicon {
    pub fn new(_settings: &Settings) -> Self {
        Lexicon {}
    }
}

pub(crate) fn check(_cx: &Context<'_>, _out: &mut Vec<Finding>) {}
