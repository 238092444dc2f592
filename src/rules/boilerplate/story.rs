//! Where the story is: the run of lines with the highest total score, carried across the
//! inserts that interrupt it (a credit, an advertisement label, a related link) and over the
//! lists that continue it.

use super::cues::Noun;
use super::features::Features;

/// Lines with letters and without furniture in a row that are copy whatever they look like.
const LONG_STRETCH: usize = 50;
/// The most lines of inserts (credits, ads, related links) the story goes on across.
const MAX_INSERT_LINES: usize = 6;
/// The score of the prose that must follow inserts for the story to go on: a paragraph.
const RESUMING_PROSE: f32 = 2.0;

/// The story's first and last line among the text lines, if there is a story at all.
pub(super) fn find(lines: &[&Features], scores: &[f32]) -> Option<(usize, usize)> {
    best_run(&without_penalty_in_long_stretches(lines, scores))
        .and_then(|(a, b)| trim_to_positive(scores, a, b))
}

/// The scores with the penalties lifted inside long stretches without any furniture: however
/// list-like their lines (a meal plan, a product round-up), fifty lines with no label, credit
/// or timestamp among them are copy, since page furniture shows itself more often than that.
fn without_penalty_in_long_stretches(lines: &[&Features], scores: &[f32]) -> Vec<f32> {
    let mut out = scores.to_vec();
    let is_marker = |f: &Features| f.letters && f.is_evidence();
    let mut k = 0;
    while k < lines.len() {
        if is_marker(lines[k]) {
            k += 1;
            continue;
        }
        let end = lines[k..]
            .iter()
            .position(|f| is_marker(f))
            .map_or(lines.len(), |p| k + p);
        if lines[k..end].iter().filter(|f| f.letters).count() >= LONG_STRETCH {
            for s in &mut out[k..end] {
                *s = s.max(0.0);
            }
        }
        k = end;
    }
    out
}

/// The run without the lines at either end that do not count for the story by themselves.
fn trim_to_positive(scores: &[f32], mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    while b > a && scores[b] <= 0.0 {
        b -= 1;
    }
    while a < b && scores[a] <= 0.0 {
        a += 1;
    }
    (scores[a] > 0.0).then_some((a, b))
}

/// The run of lines with the highest total score (first and last line), if any is positive.
fn best_run(scores: &[f32]) -> Option<(usize, usize)> {
    let mut best: Option<(f32, usize, usize)> = None;
    let (mut total, mut start) = (0.0f32, 0);
    for (i, &s) in scores.iter().enumerate() {
        if total <= 0.0 {
            total = 0.0;
            start = i;
        }
        total += s;
        if best.is_none_or(|(b, _, _)| total > b) {
            best = Some((total, start, i));
        }
    }
    best.filter(|&(total, a, _)| total > 0.0 && scores[a] > 0.0)
        .map(|(_, a, b)| (a, b))
}

/// What ends a story rather than interrupting it: share rows, comment forms, pickers, tags,
/// prompts, site links, copyright lines, bylines and timestamps. (A heading such as
/// `Trending` may stand inside a story on a tabloid page: see [`across_inserts`].)
const STORY_ENDS: [Noun; 12] = [
    "share buttons",
    "comment form",
    "site links",
    "language picker",
    "tag list",
    "sign-in prompt",
    "cookie notice",
    "newsletter prompt",
    "copyright line",
    "byline",
    "timestamp",
    "plug-in credit",
];

fn ends_story(f: &Features) -> bool {
    f.is_evidence() && STORY_ENDS.contains(&f.noun())
}

/// Inserts inside a story (a photo credit, `Advertisement`, a related link or two) do not end
/// it: the story goes on across a few such lines when a paragraph of prose follows them.
/// Returns the story's new last line.
pub(super) fn across_inserts(lines: &[&Features], scores: &[f32], mut b: usize) -> usize {
    let n = lines.len();
    loop {
        let gap = b + 1;
        let after = (gap..n.min(gap + MAX_INSERT_LINES + 1)).find(|&k| scores[k] > 0.0);
        let Some(resume) = after.filter(|&k| k > gap) else {
            return b;
        };
        if lines[gap..resume].iter().any(|f| ends_story(f)) {
            return b;
        }
        let run = (resume..n).take_while(|&k| scores[k] > 0.0);
        let (mut end, mut total, mut paragraphs) = (resume, 0.0, 0);
        for k in run {
            end = k;
            total += scores[k];
            paragraphs += usize::from(lines[k].is_prose());
        }
        // After a heading such as `Trending`, one sentence may be the teaser of another
        // story: the story goes on only if two paragraphs follow.
        let heading = lines[gap..resume].iter().any(|f| f.is_section());
        if total < RESUMING_PROSE || (heading && paragraphs < 2) {
            return b;
        }
        b = end;
    }
}

/// Lets a list that goes on from the story's last line (numbered items, tour dates, table
/// rows), perhaps after a short heading, join the story. Returns the new last line.
pub(super) fn extend_with_lists(lines: &[&Features], mut b: usize) -> usize {
    while b + 1 < lines.len() {
        let next = b + 1;
        if let Some(end) = list_from(lines, next) {
            b = end;
            continue;
        }
        if !lines[next].is_evidence()
            && lines[next].words <= 8
            && let Some(end) = list_from(lines, next + 1)
        {
            b = end;
            continue;
        }
        break;
    }
    b
}

/// The last line of a list of like items starting at `k`, if there is one.
/// Lines without letters (a bare link under each item) go along.
fn list_from(lines: &[&Features], k: usize) -> Option<usize> {
    let mut items: Vec<usize> = Vec::new();
    for j in k..lines.len() {
        let f = lines[j];
        if !f.letters {
            continue;
        }
        if f.is_evidence() || (f.words < 2 && !f.shape.is_some_and(|s| s.enumerated)) {
            break;
        }
        if items.len() >= 2 && !items[items.len() - 2..].iter().any(|&p| alike(lines[p], f)) {
            break;
        }
        if items.len() == 1 && !alike(lines[items[0]], f) {
            // Items may alternate (a title, then a detail): the third must match the first.
            let third = lines[j + 1..].iter().position(|g| g.letters);
            if !third.is_some_and(|t| alike(lines[j + 1 + t], lines[items[0]])) {
                break;
            }
        }
        items.push(j);
    }
    // Bulleted or numbered items are a list from two on; others from three.
    let enumerated = items
        .iter()
        .all(|&i| lines[i].shape.is_some_and(|s| s.enumerated));
    let needed = if enumerated { 2 } else { 3 };
    (items.len() >= needed).then(|| items[items.len() - 1])
}

/// Two list items of one shape: the same kind of start, much the same punctuation.
fn alike(f: &Features, g: &Features) -> bool {
    let (Some(p), Some(q)) = (f.shape, g.shape) else {
        return false;
    };
    if p.start != q.start {
        return false;
    }
    if p.enumerated {
        return true;
    }
    let union = (p.punctuation | q.punctuation).count_ones();
    if union == 0 {
        f.words >= 3 && g.words >= 3
    } else {
        2 * (p.punctuation & q.punctuation).count_ones() >= union
    }
}
