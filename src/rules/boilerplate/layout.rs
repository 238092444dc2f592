//! Where the story is, and which lines around and inside it are page furniture.
//!
//! Each line gets a score: prose (a sentence with function words and a full stop) counts for
//! the story, labels, credits and timestamps count against it, short unpunctuated lines a
//! little against it. The story is the run of lines with the highest total. A list that goes
//! on from the story (numbered items, tour dates, a table) joins it.
//!
//! Then the layout decides, with structural evidence first and phrase lists second:
//! - a document with little furniture (a story that is nearly clean) only loses the lines
//!   that are page chrome by themselves (`Leave a Reply`, a share row, a language picker);
//! - a page dump loses what stands above the story but its headlines, everything below the
//!   story once a line there proves it is furniture, and inside the story only chrome,
//!   credits and the related-links lists that section headings open;
//! - a headline repeated at the top goes in both cases.

use super::cues::{FastSet, Noun};
use super::features::{Features, LabelKind};
use super::story;

/// Why a line is not copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Reason {
    /// The same words as the line `of` (a position among the text lines), just above.
    Repeat { of: usize },
    /// A label, phrase or credit that says what the line is.
    Furniture(Noun),
    /// Only its place on the page: above or below the story, among other furniture.
    Outside(Noun),
    /// A phrase or pattern of the house style.
    HouseStyle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Verdict {
    pub reason: Reason,
    /// Whether `copydesk fix` may delete the line without a person looking.
    pub safe: bool,
}

/// Lines before the story that may repeat the headline, when no story is found.
const TOP_LINES: usize = 4;
/// The most lines a section heading inside the story takes with it.
const SECTION_LINES: usize = 6;
/// Unpunctuated short lines in a row outside the story that make a menu.
const MENU_LINES: usize = 10;
/// The most words a menu item has.
const MENU_WORDS: usize = 8;
impl Features {
    /// A sentence: ends with a full stop and reads like prose.
    pub(super) fn is_prose(&self) -> bool {
        self.ends_sentence
            && self.words >= 5
            && (self.cjk || self.stop_ratio >= 0.12 || self.lower_ratio >= 0.5)
    }

    pub(super) fn is_section(&self) -> bool {
        self.label.is_some_and(|l| l.kind == LabelKind::Section)
    }

    /// Page chrome by itself: a label, a house-style phrase, a chrome phrase in a short line
    /// that is not a sentence, or two chrome phrases (`Leave a comment. Your email address
    /// will not be published`). A sentence with one (`Share this with a friend.`) may be copy.
    pub(super) fn is_chrome(&self) -> bool {
        self.label.is_some()
            || self.house
            || (self.chrome >= 1 && self.words <= 20 && !self.ends_sentence)
            || (self.chrome >= 2 && self.words <= 40)
    }

    /// Chrome, or metadata: a byline, a credit, a timestamp, a row of links.
    fn is_furniture(&self) -> bool {
        if self.tweet {
            return false;
        }
        self.label.is_some()
            || self.is_byline_or_timestamp()
            || (self.words <= 12 && self.metadata.is_some())
            || (self.words <= 20 && self.chrome > 0)
            || (self.separators >= 2 && !self.ends_sentence && !self.table)
            || self.caption
    }

    /// `By Jane Doe`, `March 3, 2024 9:41 AM`: a line that is only that (a numbered item
    /// that starts with a date is a schedule, not a timestamp).
    pub(super) fn is_byline_or_timestamp(&self) -> bool {
        let enumerated = self.shape.is_some_and(|s| s.enumerated);
        !self.tweet
            && (self.byline
                || (self.dated
                    && !self.ends_sentence
                    && !enumerated
                    && (self.words <= 5 || (self.words <= 12 && self.timed))))
    }

    pub(super) fn is_evidence(&self) -> bool {
        self.is_chrome() || self.is_furniture()
    }

    fn is_short(&self) -> bool {
        self.letters && self.words <= 3
    }

    fn is_headline_like(&self) -> bool {
        self.letters
            && self.words >= 4
            && !self.is_furniture()
            && self.chrome == 0
            && self.metadata.is_none()
    }

    /// How much the line counts for the story (positive) or against it.
    pub(super) fn score(&self) -> f32 {
        if self.tweet {
            return 0.5;
        }
        if !self.letters {
            return -0.3;
        }
        if self.is_section() {
            return -4.0;
        }
        if self.is_chrome() || self.is_furniture() {
            return -3.0;
        }
        if self.table {
            return 0.3;
        }
        if self.is_prose() {
            #[expect(clippy::cast_precision_loss, reason = "at most 30")]
            let length = self.words.min(30) as f32 / 15.0;
            let cue = if self.chrome > 0 || self.metadata.is_some() {
                1.5
            } else {
                0.0
            };
            return 1.0 + length - cue;
        }
        if self.ends_sentence {
            return 0.2;
        }
        if self.words >= 25 && (self.stop_ratio >= 0.2 || self.lower_ratio >= 0.6) {
            return 0.5;
        }
        if self.ends_colon {
            return 0.0;
        }
        if self.words <= 3 { -0.6 } else { -0.4 }
    }

    /// What a message calls the line when it is furniture.
    pub(super) fn noun(&self) -> Noun {
        if let Some(label) = self.label {
            return label.noun;
        }
        if self.house {
            return "house-style boilerplate";
        }
        if let Some(noun) = self.chrome_noun {
            return noun;
        }
        if self.byline {
            return "byline";
        }
        if self.caption {
            return "photo caption";
        }
        if let Some(noun) = self.metadata {
            return noun;
        }
        if self.dated {
            return "timestamp";
        }
        "navigation"
    }

    /// Chrome certain enough to delete unseen: a label of several words, a house-style match,
    /// two chrome phrases or one in a short line.
    fn is_certain(&self) -> bool {
        self.house
            || self
                .label
                .is_some_and(|l| l.kind != LabelKind::Chrome || self.words >= 2)
            || (self.chrome >= 2 && self.words <= 40)
            || (self.chrome == 1 && self.words <= 8)
    }
}

/// The verdict on each text line (`lines` are the document's lines with text, in order).
pub(super) fn judge(lines: &[&Features]) -> Vec<Option<Verdict>> {
    let n = lines.len();
    let mut out = vec![None; n];
    if n == 0 {
        return out;
    }
    let scores: Vec<f32> = lines.iter().map(|f| f.score()).collect();
    let story = story::find(lines, &scores);
    mark_repeats(lines, story.map_or(TOP_LINES, |(a, _)| a + 2), &mut out);
    let dump = story.is_some_and(|(a, b)| is_page_dump(lines, a, b));
    let (Some((a, b)), true) = (story, dump) else {
        // A nearly clean story: only lines that are chrome by themselves, and a byline or a
        // timestamp standing above the story.
        let top = story.map_or(0, |(a, _)| a);
        for (k, f) in lines.iter().enumerate() {
            let stub = k < top && f.is_byline_or_timestamp();
            if (f.is_chrome() || stub) && out[k].is_none() {
                out[k] = Some(furniture(f, false));
            }
        }
        return finish(lines, out);
    };
    let b = story::across_inserts(lines, &scores, b);
    let b = story::extend_with_lists(lines, b);
    judge_top(lines, a, b, &mut out);
    judge_bottom(lines, b, &mut out);
    judge_inside(lines, a, b, &mut out);
    finish(lines, out)
}

fn furniture(f: &Features, outside: bool) -> Verdict {
    let reason = if f.house {
        Reason::HouseStyle
    } else {
        Reason::Furniture(f.noun())
    };
    Verdict {
        reason,
        safe: f.is_certain() || (outside && f.label.is_some()),
    }
}

fn outside(f: &Features) -> Verdict {
    if f.is_evidence() {
        return furniture(f, true);
    }
    let noun = if f.is_short() {
        "navigation"
    } else {
        "lines around the story"
    };
    Verdict {
        reason: Reason::Outside(noun),
        safe: false,
    }
}

/// A headline pasted twice: a line among the first ones with the words of one of the two
/// lines before it.
fn mark_repeats(lines: &[&Features], top: usize, out: &mut [Option<Verdict>]) {
    for k in 1..top.min(lines.len()) {
        if lines[k].words < 4 || lines[k].table {
            continue;
        }
        if let Some(of) = (k.saturating_sub(2)..k).find(|&j| lines[j].key == lines[k].key) {
            out[k] = Some(Verdict {
                reason: Reason::Repeat { of },
                safe: true,
            });
        }
    }
}

/// Whether the document carries the furniture of a web page, rather than being a story with
/// a stray line or two: chrome on two lines, or three lines of chrome and metadata outside
/// the story.
fn is_page_dump(lines: &[&Features], a: usize, b: usize) -> bool {
    let outside = || lines[..a].iter().chain(&lines[b + 1..]);
    let chrome = lines.iter().filter(|f| f.is_chrome()).count();
    let metadata = outside().filter(|f| f.is_furniture()).count();
    let short = outside().filter(|f| f.is_short()).count();
    chrome >= 2
        || chrome + metadata >= 3
        || (short >= 5 && chrome + metadata >= 2)
        || longest_menu(&lines[..a]) >= MENU_LINES
        || longest_menu(&lines[b + 1..]) >= MENU_LINES
}

/// The longest run of short unpunctuated lines: a menu, a list of links.
fn longest_menu(lines: &[&Features]) -> usize {
    let (mut run, mut longest) = (0, 0);
    for f in lines {
        if !f.ends_sentence && f.words <= MENU_WORDS {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

/// Above the story: its headlines stay; repeats, lists of other headlines and everything
/// that is not a headline go, once the top shows some furniture.
fn judge_top(lines: &[&Features], a: usize, b: usize, out: &mut [Option<Verdict>]) {
    let top = &lines[..a];
    let evidence =
        top.iter().any(|f| f.is_evidence()) || top.iter().filter(|f| f.is_short()).count() >= 3;
    let story_keys: FastSet<u64> = lines[a..=b]
        .iter()
        .filter(|f| f.words >= 4)
        .map(|f| f.key)
        .collect();
    let mut seen: FastSet<u64> = FastSet::default();
    let mut keep = vec![false; a];
    for (k, f) in top.iter().enumerate() {
        let repeated = !seen.insert(f.key) || story_keys.contains(&f.key);
        keep[k] = !repeated && !f.is_evidence() && (!evidence || f.is_headline_like());
    }
    if evidence {
        // Three unpunctuated headlines in a row are a list of other stories.
        let mut k = 0;
        while k < a {
            let run = (k..a)
                .take_while(|&j| keep[j] && !top[j].is_prose())
                .count();
            if run >= 3 {
                keep[k..k + run].fill(false);
            }
            k += run.max(1);
        }
    }
    for (k, f) in top.iter().enumerate() {
        if !keep[k] && !f.tweet && out[k].is_none() {
            out[k] = Some(outside(f));
        }
    }
}

/// Below the story: everything, once a line there proves it is furniture.
fn judge_bottom(lines: &[&Features], b: usize, out: &mut [Option<Verdict>]) {
    let bottom = &lines[b + 1..];
    let chrome = bottom.iter().any(|f| f.is_chrome());
    let evidence = bottom.iter().filter(|f| f.is_evidence()).count();
    let short = bottom.iter().filter(|f| f.is_short()).count();
    if !(chrome || evidence >= 2 || short >= 3) {
        return;
    }
    // An embedded tweet's attribution is copy wherever it stands.
    for (k, f) in bottom.iter().enumerate().filter(|(_, f)| !f.tweet) {
        out[b + 1 + k].get_or_insert_with(|| outside(f));
    }
}

/// Inside the story: chrome, credits, and the list a section heading opens.
fn judge_inside(lines: &[&Features], a: usize, b: usize, out: &mut [Option<Verdict>]) {
    let mut k = a;
    while k <= b {
        let f = lines[k];
        if f.is_section() {
            out[k].get_or_insert_with(|| furniture(f, false));
            let noun = f.noun();
            k += 1;
            let mut taken = 0;
            while k <= b && !lines[k].is_prose() && taken < SECTION_LINES {
                out[k].get_or_insert(Verdict {
                    reason: Reason::Furniture(noun),
                    safe: false,
                });
                k += 1;
                taken += 1;
            }
            continue;
        }
        if f.is_chrome() || (f.is_furniture() && !f.byline && !f.dated) {
            out[k].get_or_insert_with(|| furniture(f, false));
        }
        k += 1;
    }
}

/// The last word on each line: a byline or timestamp the house style keeps stays; a line
/// without letters (`___`, a bare link) goes only with a flagged neighbour that has.
fn finish(lines: &[&Features], mut out: Vec<Option<Verdict>>) -> Vec<Option<Verdict>> {
    for (verdict, f) in out.iter_mut().zip(lines) {
        if f.own {
            *verdict = None;
        }
    }
    let flagged_with_letters = |k: usize, out: &[Option<Verdict>]| {
        lines.get(k).is_some_and(|f| f.letters) && out.get(k).is_some_and(Option::is_some)
    };
    for k in 0..lines.len() {
        if lines[k].letters || out[k].is_none() {
            continue;
        }
        let before = k
            .checked_sub(1)
            .is_some_and(|j| flagged_with_letters(j, &out));
        if !before && !flagged_with_letters(k + 1, &out) {
            out[k] = None;
        }
    }
    out
}
