//! `abbreviation-consistency`: `US` and `U.S.` mixed in one story. (Being built.)

use crate::finding::Finding;
use crate::rules::Context;

pub const DOCS: &str = "\
# abbreviation-consistency

## What it does
Flags a country or body abbreviation written both with and without full stops in one story.
";

pub(crate) fn check(_cx: &Context<'_>, _out: &mut Vec<Finding>) {}
