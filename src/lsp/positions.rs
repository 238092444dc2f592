//! Positions as the client counts them, and byte offsets as the core counts them.
//!
//! The core speaks byte offsets into the document text. LSP speaks a line and a character
//! offset within it, counted in UTF-16 code units unless the client and server agree on
//! UTF-8. Lines end at `\n`, `\r\n` or a lone `\r` on both sides: the rope is built with
//! ropey's `cr_lines` (and without `unicode_lines`), so its lines are the client's lines.
//!
//! Every conversion clamps: a position past the end of its line means the end of the line, a
//! line past the end of the document means the end of the document, and an offset inside a
//! character (half a surrogate pair, a byte in the middle of `é`) means that character's start.
//! Clamped positions are logged; none of this panics.

use std::cell::Cell;
use std::sync::{Mutex, PoisonError};

use ropey::Rope;
use tower_lsp_server::ls_types::{ClientCapabilities, Position, PositionEncodingKind, Range};

use rustc_hash::FxHashMap;

use crate::span::Span;

/// How the client counts characters within a line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 if the client offers it (in `general.positionEncodings`, or clangd's
    /// `offsetEncoding` that older Neovim sends), else UTF-16, which every client supports.
    pub fn negotiate(capabilities: &ClientCapabilities) -> Encoding {
        let offered = capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8));
        let offered_legacy = capabilities
            .offset_encoding
            .as_ref()
            .is_some_and(|kinds| kinds.iter().any(|k| k == "utf-8"));
        if offered || offered_legacy {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// The char range of line `line`'s content, without its line break.
fn line_content(rope: &Rope, line: usize) -> (usize, usize) {
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    let mut len = slice.len_chars();
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
    }
    if len > 0 && slice.char(len - 1) == '\r' {
        len -= 1;
    }
    (start, start + len)
}

/// The char index of an LSP position, clamped into the document.
pub fn to_char(rope: &Rope, pos: Position, encoding: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        tracing::debug!(
            ?pos,
            "position past the last line; using the end of the document"
        );
        return rope.len_chars();
    }
    let (start, end) = line_content(rope, line);
    let character = pos.character as usize;
    let (base, limit) = match encoding {
        Encoding::Utf16 => (rope.char_to_utf16_cu(start), rope.char_to_utf16_cu(end)),
        Encoding::Utf8 => (rope.char_to_byte(start), rope.char_to_byte(end)),
    };
    if base + character > limit {
        tracing::debug!(?pos, "position past the end of its line; clamped");
    }
    let target = (base + character).min(limit);
    // Both conversions round an offset inside a char (half a surrogate pair, a byte inside
    // `é`) down to the char's start.
    match encoding {
        Encoding::Utf16 => rope.utf16_cu_to_char(target),
        Encoding::Utf8 => rope.byte_to_char(target),
    }
}

/// The byte offset of an LSP position, clamped into the document.
#[cfg(test)]
pub fn to_byte(rope: &Rope, pos: Position, encoding: Encoding) -> usize {
    rope.char_to_byte(to_char(rope, pos, encoding))
}

/// The LSP position of a byte offset. An offset past the end is the end; one inside a
/// character is that character's start; one between the `\r` and `\n` of a pair is the end of
/// the line.
pub fn to_position(rope: &Rope, byte: usize, encoding: Encoding) -> Position {
    Converter::new(rope.clone(), encoding).position(byte)
}

/// The line a converter saw last, so that the next offset on it costs two lookups in the
/// rope instead of eight.
#[derive(Clone, Copy, Debug)]
struct Line {
    index: usize,
    /// Chars: where the line starts, where its content ends (before the break), where the
    /// next line starts (one past the end of the text for the last line).
    start: usize,
    end: usize,
    next: usize,
    /// The line's start in the encoding's units.
    base: usize,
}

/// Converts many byte offsets of one text, fastest when they come line by line (the spans of
/// one finding, its fix, the next finding). Holds its own copy of the rope (a cheap one:
/// ropes share their nodes).
#[derive(Debug)]
pub struct Converter {
    rope: Rope,
    encoding: Encoding,
    last: Cell<Option<Line>>,
}

impl Converter {
    pub fn new(rope: Rope, encoding: Encoding) -> Self {
        Converter {
            rope,
            encoding,
            last: Cell::new(None),
        }
    }

    fn units(&self, char_idx: usize) -> usize {
        match self.encoding {
            Encoding::Utf16 => self.rope.char_to_utf16_cu(char_idx),
            Encoding::Utf8 => self.rope.char_to_byte(char_idx),
        }
    }

    fn line_of(&self, char_idx: usize) -> Line {
        if let Some(line) = self.last.get()
            && line.start <= char_idx
            && char_idx < line.next
        {
            return line;
        }
        let rope = &self.rope;
        let index = rope.char_to_line(char_idx);
        let (start, end) = line_content(rope, index);
        let next = if index + 1 < rope.len_lines() {
            rope.line_to_char(index + 1)
        } else {
            rope.len_chars() + 1
        };
        let line = Line {
            index,
            start,
            end,
            next,
            base: self.units(start),
        };
        self.last.set(Some(line));
        line
    }

    pub fn position(&self, byte: usize) -> Position {
        let len = self.rope.len_bytes();
        if byte > len {
            tracing::warn!(byte, len, "offset past the end; clamped");
        }
        let char_idx = self.rope.byte_to_char(byte.min(len));
        let line = self.line_of(char_idx);
        let character = self.units(char_idx.min(line.end)) - line.base;
        Position::new(saturate(line.index), saturate(character))
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }
}

/// Ranges already converted in one text: one version of a document, dropped with it.
///
/// Related information points into other documents at a name's places there, and the same
/// places are asked for again on every keystroke in the story being typed. Converting them
/// goes through the other document's rope, cold by then (a large story's is megabytes), so
/// each text keeps the ranges asked of it; a new version of the text starts a new cache.
#[derive(Debug, Default)]
pub struct RangeCache {
    ranges: Mutex<FxHashMap<(Span, Encoding), Range>>,
}

impl RangeCache {
    /// The range of `span` in the text this cache belongs to, converted by `converter` (over
    /// that same text) the first time it is asked for.
    pub fn range(&self, span: Span, converter: &Converter) -> Range {
        *self
            .ranges
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry((span, converter.encoding))
            .or_insert_with(|| converter.range(span))
    }
}

/// The positions of many byte offsets of one text, found in one sweep over it: the offsets
/// sorted, line breaks skipped over with `memchr`, and characters counted only on the lines an
/// offset stands on (with ASCII counted by its length). A document's diagnostics need a few
/// positions per finding (the finding, its fixes, the other places of a name); converting them
/// one by one through the rope costs several tree walks each.
///
/// Answers as [`Converter::position`] does, clamping included.
#[derive(Debug)]
pub struct Positions {
    offsets: Vec<usize>,
    positions: Vec<Position>,
}

impl Positions {
    pub fn new(text: &str, mut offsets: Vec<usize>, encoding: Encoding) -> Positions {
        offsets.sort_unstable();
        offsets.dedup();
        let bytes = text.as_bytes();
        let (mut line, mut line_start) = (0usize, 0usize);
        // Where the last offset stood on the current line, and its count of units.
        let (mut counted_to, mut units) = (0usize, 0usize);
        let mut scanned = 0;
        let positions = offsets
            .iter()
            .map(|&offset| {
                // Past the end is the end; inside a character is its start.
                let at = text.floor_char_boundary(offset.min(text.len()));
                for p in memchr::memchr2_iter(b'\n', b'\r', &bytes[scanned..at]) {
                    let p = scanned + p;
                    // The `\r` of a `\r\n` pair: the break ends after the `\n`.
                    if bytes[p] == b'\r' && bytes.get(p + 1) == Some(&b'\n') {
                        continue;
                    }
                    line += 1;
                    line_start = p + 1;
                }
                scanned = at;
                if counted_to < line_start {
                    (counted_to, units) = (line_start, 0);
                }
                // Between the `\r` and `\n` of a pair is the end of the line's content.
                let content_end = if at > line_start && bytes[at - 1] == b'\r' {
                    at - 1
                } else {
                    at
                };
                if content_end > counted_to {
                    units += count_units(&text[counted_to..content_end], encoding);
                    counted_to = content_end;
                }
                Position::new(saturate(line), saturate(units))
            })
            .collect();
        Positions { offsets, positions }
    }

    /// The position of `byte`, which must be one of the offsets given.
    pub fn get(&self, byte: usize) -> Option<Position> {
        let i = self.offsets.binary_search(&byte).ok()?;
        Some(self.positions[i])
    }
}

/// The units `text` (whole characters) takes up in `encoding`.
fn count_units(text: &str, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => text.len(),
        Encoding::Utf16 if text.is_ascii() => text.len(),
        Encoding::Utf16 => text.chars().map(char::len_utf16).sum(),
    }
}

/// The same range with its ends clamped into the document (a client counting in the wrong
/// unit still lands on the line it meant).
pub fn clamp(rope: &Rope, range: Range, encoding: Encoding) -> Range {
    let at = |p: Position| {
        let byte = rope.char_to_byte(to_char(rope, p, encoding));
        to_position(rope, byte, encoding)
    };
    Range::new(at(range.start), at(range.end))
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// True when `a` and `b` share a position (touching counts, so an empty range at a finding's
/// edge still finds it).
pub fn touches(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn utf16_counts_surrogate_pairs_twice() {
        let text = "é “a” 🕊️ peace .\nnext";
        let rope = Rope::from_str(text);
        let dot = text.find(" .").expect("finding is there");
        // é, space, “, a, ”, space: 6; 🕊 2 and U+FE0F 1; space: "peace" at 10, " ." at 15.
        let p = to_position(&rope, dot, Encoding::Utf16);
        assert_eq!(p, pos(0, 15));
        assert_eq!(to_byte(&rope, p, Encoding::Utf16), dot);
        let p8 = to_position(&rope, dot, Encoding::Utf8);
        assert_eq!(p8, pos(0, dot as u32));
        assert_eq!(to_byte(&rope, p8, Encoding::Utf8), dot);
    }

    #[test]
    fn all_three_line_breaks_count() {
        let rope = Rope::from_str("a\r\nb\rc\nd");
        assert_eq!(rope.len_lines(), 4);
        assert_eq!(to_byte(&rope, pos(1, 0), Encoding::Utf16), 3);
        assert_eq!(to_byte(&rope, pos(2, 0), Encoding::Utf16), 5);
        assert_eq!(to_byte(&rope, pos(3, 0), Encoding::Utf16), 7);
        assert_eq!(to_position(&rope, 7, Encoding::Utf16), pos(3, 0));
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let rope = Rope::from_str("ab\r\ncd");
        assert_eq!(to_byte(&rope, pos(0, 99), Encoding::Utf16), 2);
        assert_eq!(to_byte(&rope, pos(9, 0), Encoding::Utf16), 6);
        assert_eq!(to_position(&rope, 99, Encoding::Utf8), pos(1, 2));
        let past = Range::new(pos(0, 5), pos(0, 7));
        assert_eq!(
            clamp(&rope, past, Encoding::Utf16),
            Range::new(pos(0, 2), pos(0, 2))
        );
        // Between `\r` and `\n` is the end of the line.
        assert_eq!(to_position(&rope, 3, Encoding::Utf16), pos(0, 2));
    }

    #[test]
    fn half_a_character_rounds_down() {
        let rope = Rope::from_str("x🕊y");
        assert_eq!(to_byte(&rope, pos(0, 2), Encoding::Utf16), 1);
        assert_eq!(to_byte(&rope, pos(0, 3), Encoding::Utf16), 5);
        assert_eq!(to_byte(&rope, pos(0, 3), Encoding::Utf8), 1);
        assert_eq!(to_position(&rope, 3, Encoding::Utf16), pos(0, 1));
    }

    #[test]
    fn a_converter_agrees_with_the_line_by_line_arithmetic() {
        let text = "é “a” 🕊️ peace .\r\nnext\rline\n\nlast 👩‍⚕️ one";
        let rope = Rope::from_str(text);
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let converter = Converter::new(rope.clone(), encoding);
            // Forwards, backwards and jumping about, so the cached line is both hit and missed.
            let offsets: Vec<usize> = (0..=text.len() + 2).collect();
            for &byte in offsets
                .iter()
                .chain(offsets.iter().rev())
                .chain([3, 40, 0, 25, 41].iter())
            {
                let expected = reference(text, byte, encoding);
                assert_eq!(converter.position(byte), expected, "{byte} in {encoding:?}");
            }
        }
    }

    /// Positions the slow way, from the specification: lines end at `\n`, `\r\n` or `\r`.
    fn reference(text: &str, byte: usize, encoding: Encoding) -> Position {
        let mut byte = byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        let (mut line, mut start, mut i) = (0, 0, 0);
        let bytes = text.as_bytes();
        while i < byte {
            let pair = bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n');
            if bytes[i] == b'\r' || bytes[i] == b'\n' {
                if pair && i + 1 == byte {
                    // Between `\r` and `\n`: the end of the line.
                    break;
                }
                line += 1;
                start = i + if pair { 2 } else { 1 };
                i = start;
                continue;
            }
            i += 1;
        }
        let content = &text[start..byte];
        let content = content.strip_suffix('\r').unwrap_or(content);
        let character = match encoding {
            Encoding::Utf16 => content.encode_utf16().count(),
            Encoding::Utf8 => content.len(),
        };
        pos(line, character as u32)
    }

    #[test]
    fn a_range_cache_converts_a_span_once_per_encoding() {
        let text = "é “Kyiv”\r\nand 🕊️ Kyiv";
        let cache = RangeCache::default();
        let second = Span::new(text.rfind("Kyiv").expect("there"), text.len());
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let converter = Converter::new(Rope::from_str(text), encoding);
            assert_eq!(cache.range(second, &converter), converter.range(second));
        }
        // Asked again, the range is the one kept, whatever the converter would say now.
        let other = Converter::new(Rope::from_str("x"), Encoding::Utf16);
        assert_eq!(
            cache.range(second, &other),
            Range::new(pos(1, 8), pos(1, 12))
        );
        assert_ne!(other.range(second), Range::new(pos(1, 8), pos(1, 12)));
    }

    #[test]
    fn empty_document() {
        let rope = Rope::new();
        assert_eq!(to_byte(&rope, pos(3, 3), Encoding::Utf16), 0);
        assert_eq!(to_position(&rope, 0, Encoding::Utf16), pos(0, 0));
    }

    #[test]
    fn a_sweep_answers_as_the_converter_does() {
        let pieces = ["a", "é", "🕊️", "\r\n", "\r", "\n", " ", "“q”", "👩‍⚕️", "xyz"];
        let mut rolls = crate::testing::Rolls::new(0x2545_f491_4f6c_dd1d);
        let mut roll = |n: usize| rolls.below(n);
        for _ in 0..200 {
            let text: String = (0..roll(40)).map(|_| pieces[roll(pieces.len())]).collect();
            let rope = Rope::from_str(&text);
            // Every byte offset (char starts, inside characters, between `\r` and `\n`) and
            // one past the end.
            let offsets: Vec<usize> = (0..=text.len() + 1).collect();
            for encoding in [Encoding::Utf16, Encoding::Utf8] {
                let sweep = Positions::new(&text, offsets.clone(), encoding);
                let converter = Converter::new(rope.clone(), encoding);
                for &offset in &offsets {
                    assert_eq!(
                        sweep.get(offset),
                        Some(converter.position(offset)),
                        "{text:?} at {offset} in {encoding:?}"
                    );
                }
            }
        }
    }
}
