//! The parts of Markdown that are not prose, found line by line.
//!
//! Not a full CommonMark parser: it finds what would otherwise make rules fire on things that
//! are not copy (front matter, fenced and indented code, HTML comments and tags, inline code,
//! link targets, reference definitions, heading marks, list bullets, emphasis markers).
//! Anything it does not recognise stays prose, which is the safe side for a checker whose
//! findings a person reads.

use super::{Mask, MaskKind};
use crate::span::Span;

pub(super) fn mask(text: &str, lines: &[Span], masks: &mut Vec<Mask>) {
    let markup = markup_bytes(text);
    let mut i = front_matter(text, lines, masks);
    let mut in_comment = false;
    let mut prev_blank = true;
    while i < lines.len() {
        let line = lines[i];
        let content = line.slice(text);
        if in_comment {
            let end = content.find("-->").map_or(line.end, |p| line.start + p + 3);
            masks.push(Mask {
                span: Span::new(line.start, end),
                kind: MaskKind::Comment,
            });
            in_comment = !content.contains("-->");
            if !in_comment {
                inline(
                    text,
                    Span::new(end, line.end),
                    &markup,
                    masks,
                    &mut in_comment,
                );
            }
            i += 1;
            continue;
        }
        if let Some(fence) = fence_open(content) {
            let start = i;
            i += 1;
            while i < lines.len() && !fence_closes(lines[i].slice(text), fence) {
                i += 1;
            }
            let last = i.min(lines.len() - 1);
            masks.push(Mask {
                span: Span::new(lines[start].start, lines[last].end),
                kind: MaskKind::Code,
            });
            i += 1;
            prev_blank = false;
            continue;
        }
        let blank = content.trim().is_empty();
        if prev_blank && !blank && indented_code(content) {
            let start = i;
            while i + 1 < lines.len() {
                let next = lines[i + 1].slice(text);
                if indented_code(next) || next.trim().is_empty() {
                    i += 1;
                } else {
                    break;
                }
            }
            masks.push(Mask {
                span: Span::new(lines[start].start, lines[i].end),
                kind: MaskKind::Code,
            });
            i += 1;
            continue;
        }
        if reference_definition(content) {
            masks.push(Mask {
                span: line,
                kind: MaskKind::LinkTarget,
            });
        } else if thematic_break_or_underline(content) || table_delimiter(content) {
            masks.push(Mask {
                span: line,
                kind: MaskKind::Markup,
            });
        } else {
            let body = block_markers(text, line, masks);
            inline(
                text,
                Span::new(body, line.end),
                &markup,
                masks,
                &mut in_comment,
            );
        }
        prev_blank = blank;
        i += 1;
    }
}

/// YAML (`---`) or TOML (`+++`) front matter at the very top. Returns the first line after it.
fn front_matter(text: &str, lines: &[Span], masks: &mut Vec<Mask>) -> usize {
    let Some(first) = lines.first() else { return 0 };
    let delim = first.slice(text).trim_end();
    if delim != "---" && delim != "+++" {
        return 0;
    }
    let close = lines[1..].iter().position(|l| {
        let s = l.slice(text).trim_end();
        s == delim || (delim == "---" && s == "...")
    });
    let Some(close) = close else { return 0 };
    let last = close + 1;
    masks.push(Mask {
        span: Span::new(0, lines[last].end),
        kind: MaskKind::FrontMatter,
    });
    last + 1
}

#[derive(Clone, Copy)]
struct Fence {
    ch: u8,
    len: usize,
}

fn fence_open(line: &str) -> Option<Fence> {
    let trimmed = strip_indent(line, 3)?;
    let ch = *trimmed.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = trimmed.bytes().take_while(|&b| b == ch).count();
    // A backtick fence's info string may not hold a backtick (that is inline code).
    (len >= 3 && !(ch == b'`' && trimmed[len..].contains('`'))).then_some(Fence { ch, len })
}

fn fence_closes(line: &str, fence: Fence) -> bool {
    let Some(trimmed) = strip_indent(line, 3) else {
        return false;
    };
    let len = trimmed.bytes().take_while(|&b| b == fence.ch).count();
    len >= fence.len && trimmed[len..].trim().is_empty()
}

/// The line without up to `max` leading spaces; `None` if it is indented further.
fn strip_indent(line: &str, max: usize) -> Option<&str> {
    let spaces = line.bytes().take_while(|&b| b == b' ').count();
    (spaces <= max && !line[spaces..].starts_with('\t')).then(|| &line[spaces..])
}

fn indented_code(line: &str) -> bool {
    (line.starts_with("    ") || line.starts_with('\t')) && !line.trim().is_empty()
}

fn reference_definition(line: &str) -> bool {
    let Some(t) = strip_indent(line, 3) else {
        return false;
    };
    let Some(rest) = t.strip_prefix('[') else {
        return false;
    };
    let Some(close) = rest.find("]:") else {
        return false;
    };
    close > 0 && !rest[..close].contains(']') && !rest[close + 2..].trim().is_empty()
}

fn thematic_break_or_underline(line: &str) -> bool {
    let t = line.trim();
    if t.len() < 3 {
        return false;
    }
    let ch = t.as_bytes()[0];
    matches!(ch, b'-' | b'*' | b'_' | b'=') && t.bytes().all(|b| b == ch || b == b' ')
}

fn table_delimiter(line: &str) -> bool {
    let t = line.trim();
    // The byte test first: it stops at the first letter of a line of copy.
    t.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' ')) && t.contains('-') && t.contains('|')
}

/// Masks heading marks, blockquote markers and list bullets at the start of a line; returns
/// where the line's content starts.
fn block_markers(text: &str, line: Span, masks: &mut Vec<Mask>) -> usize {
    let bytes = text.as_bytes();
    let mut at = line.start;
    loop {
        let rest = &text[at..line.end];
        let indent = rest
            .bytes()
            .take_while(|&b| b == b' ' || b == b'\t')
            .count();
        let r = &rest[indent..];
        let marker = if r.starts_with('>') {
            1
        } else if r.starts_with('#') {
            let n = r.bytes().take_while(|&b| b == b'#').count();
            if n <= 6 && r[n..].starts_with([' ', '\t']) || r.len() == n {
                n
            } else {
                0
            }
        } else if r.starts_with(['-', '*', '+']) && r[1..].starts_with([' ', '\t']) {
            1
        } else {
            let digits = r.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=9).contains(&digits)
                && r[digits..].starts_with(['.', ')'])
                && r[digits + 1..].starts_with([' ', '\t'])
            {
                digits + 1
            } else {
                0
            }
        };
        if marker == 0 {
            return at + indent;
        }
        let start = at + indent;
        masks.push(Mask {
            span: Span::new(start, start + marker),
            kind: MaskKind::Markup,
        });
        at = start + marker;
        // A task-list box after a bullet.
        let after = &text[at..line.end];
        let t = after.trim_start();
        if t.starts_with("[ ]") || t.starts_with("[x]") || t.starts_with("[X]") {
            let box_start = at + (after.len() - t.len());
            masks.push(Mask {
                span: Span::new(box_start, box_start + 3),
                kind: MaskKind::Markup,
            });
            at = box_start + 3;
        }
        if at >= line.end || bytes[at] == b'\n' {
            return at;
        }
    }
}

/// Inline code, HTML comments and tags, links, images, autolinks, emphasis and escapes.
fn inline(text: &str, span: Span, markup: &[usize], masks: &mut Vec<Mask>, in_comment: &mut bool) {
    let s = span.slice(text);
    let b = s.as_bytes();
    let base = span.start;
    let mut i = 0;
    let push = |masks: &mut Vec<Mask>, from: usize, to: usize, kind| {
        masks.push(Mask {
            span: Span::new(base + from, base + to),
            kind,
        });
    };
    // Most of a line is plain copy: the search steps from one byte that may open markup to
    // the next.
    let mut markup = markup[markup.partition_point(|&at| at < base)..].iter();
    while i < b.len() {
        let Some(at) = markup.find(|&&at| at >= base + i) else {
            break;
        };
        if *at >= span.end {
            break;
        }
        i = at - base;
        match b[i] {
            b'\\' if i + 1 < b.len() && b[i + 1].is_ascii_punctuation() => {
                push(masks, i, i + 1, MaskKind::Markup);
                i += 2;
            }
            b'`' => {
                let run = b[i..].iter().take_while(|&&c| c == b'`').count();
                let close = find_backtick_run(&s[i + run..], run);
                match close {
                    Some(end) => {
                        push(masks, i, i + run + end + run, MaskKind::Code);
                        i += run + end + run;
                    }
                    None => i += run,
                }
            }
            b'<' if s[i..].starts_with("<!--") => match s[i + 4..].find("-->") {
                Some(end) => {
                    push(masks, i, i + 4 + end + 3, MaskKind::Comment);
                    i += 4 + end + 3;
                }
                None => {
                    push(masks, i, b.len(), MaskKind::Comment);
                    *in_comment = true;
                    return;
                }
            },
            b'<' => match html_tag_or_autolink(&s[i..]) {
                Some((len, kind)) => {
                    push(masks, i, i + len, kind);
                    i += len;
                }
                None => i += 1,
            },
            b'!' if s[i..].starts_with("![") => match link_end(&s[i + 1..]) {
                Some((_, end)) => {
                    // An image is not prose at all, its alt text included.
                    push(masks, i, i + 1 + end, MaskKind::LinkTarget);
                    i += 1 + end;
                }
                None => i += 1,
            },
            b'[' => match link_end(&s[i..]) {
                Some((text_end, end)) => {
                    push(masks, i, i + 1, MaskKind::Markup);
                    push(masks, i + text_end, i + end, MaskKind::LinkTarget);
                    // The link text itself is prose; look inside it for code and emphasis.
                    i += 1;
                }
                None => i += 1,
            },
            b'*' | b'_' | b'~' => {
                let ch = b[i];
                let run = b[i..].iter().take_while(|&&c| c == ch).count();
                let before = s[..i].chars().next_back();
                let after = s[i + run..].chars().next();
                let left = after.is_some_and(|c| !c.is_whitespace());
                let right = before.is_some_and(|c| !c.is_whitespace());
                // Intraword underscores (snake_case) are not emphasis; neither is a lone `~`.
                let intraword_underscore = ch == b'_'
                    && before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric);
                if (left || right) && !intraword_underscore && !(ch == b'~' && run < 2) {
                    push(masks, i, i + run, MaskKind::Markup);
                }
                i += run;
            }
            _ => i += 1,
        }
    }
}

/// Where each byte that [`inline`] acts on stands in `text`, in order: `\\`, `` ` ``, `<`,
/// `!`, `[`, `*`, `_` and `~`. Every other byte is copy.
fn markup_bytes(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut places: Vec<usize> = memchr::memchr3_iter(b'\\', b'`', b'<', bytes)
        .chain(memchr::memchr3_iter(b'!', b'[', b'*', bytes))
        .chain(memchr::memchr2_iter(b'_', b'~', bytes))
        .collect();
    places.sort_unstable();
    places
}

/// The offset of a run of exactly `run` backticks in `s`.
fn find_backtick_run(s: &str, run: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'`' {
            let n = b[i..].iter().take_while(|&&c| c == b'`').count();
            if n == run {
                return Some(i);
            }
            i += n;
        } else {
            i += 1;
        }
    }
    None
}

/// For `[text](target)` or `[text][ref]` at the start of `s`: where the text ends (the `]`)
/// and where the whole link ends.
fn link_end(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let close = loop {
        match b.get(i)? {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    break i;
                }
            }
            _ => {}
        }
        i += 1;
    };
    match b.get(close + 1) {
        Some(b'(') => {
            let mut depth = 0usize;
            for (j, &c) in b[close + 1..].iter().enumerate() {
                match c {
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some((close, close + 1 + j + 1));
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        Some(b'[') => s[close + 1..].find(']').map(|j| (close, close + 1 + j + 1)),
        _ => None,
    }
}

fn html_tag_or_autolink(s: &str) -> Option<(usize, MaskKind)> {
    let end = s.find('>')?;
    let inner = &s[1..end];
    if inner.is_empty() || inner.contains(['<', '\n']) {
        return None;
    }
    if inner.contains("://") || (inner.contains('@') && !inner.contains(' ')) {
        return Some((end + 1, MaskKind::Url));
    }
    let name = inner.strip_prefix('/').unwrap_or(inner);
    let starts_like_tag = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    let tag_name_ok = name
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '/')
        .all(|c| c.is_ascii_alphanumeric() || c == '-');
    (starts_like_tag && tag_name_ok).then_some((end + 1, MaskKind::Html))
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Format};

    fn prose(text: &str) -> String {
        Document::new(text, Format::Markdown).prose().to_string()
    }

    #[test]
    fn headings_bullets_and_emphasis_are_blanked() {
        assert_eq!(prose("## Heading"), "   Heading");
        assert_eq!(prose("- item one"), "  item one");
        assert_eq!(prose("A **bold** word"), "A   bold   word");
        assert_eq!(prose("snake_case_name stays"), "snake_case_name stays");
    }

    #[test]
    fn comments_and_tags_are_blanked() {
        assert_eq!(prose("a <!-- x --> b"), "a            b");
        assert_eq!(
            prose("<!--\nhidden\n-->\nshown"),
            "    \n      \n   \nshown"
        );
        assert_eq!(prose("a <br/> b"), "a       b");
        assert_eq!(prose("1 < 2 > 0"), "1 < 2 > 0");
    }

    #[test]
    fn unclosed_fence_runs_to_the_end() {
        assert_eq!(prose("Text\n```\ncode"), "Text\n   \n    ");
    }

    #[test]
    fn reference_definition_is_blanked() {
        assert_eq!(
            prose("[1]: https://example.com"),
            "                        "
        );
    }
}
