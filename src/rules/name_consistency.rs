//! `name-consistency`: one name, one spelling. (Being built: see the issue.)

use crate::document::Document;
use crate::finding::Finding;
use crate::rules::Context;
use crate::style::{HouseStyle, Settings};

pub const DOCS: &str = "\
# name-consistency

## What it does
Finds one name spelt more than one way, within a story and across the stories checked together.
";

/// Variant families and preferred spellings, compiled once per house style.
#[derive(Debug, Default)]
pub struct Lexicon {}

impl Lexicon {
    pub fn new(_settings: &Settings) -> Self {
        Lexicon {}
    }
}

/// The name mentions of one document.
#[derive(Debug, Default)]
pub struct Mentions {}

pub(crate) fn mentions(_doc: &Document<'_>, _style: &HouseStyle) -> Mentions {
    Mentions {}
}

pub(crate) fn check(_cx: &Context<'_>, _out: &mut Vec<Finding>) {}
