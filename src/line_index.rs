//! Byte offsets to lines and columns, for people and for tools that count characters.
//!
//! Lines end at `\n` (a `\r` before it belongs to the break), as in the CLI's output and in
//! most tools that read `path:line:column`. Columns count Unicode scalar values. The language
//! server has its own conversions (UTF-16, and `\r` as a break) in `src/lsp/`.

/// A 1-based line and 1-based column in Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

/// The start of every line of a text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter_map(|(i, b)| (b == b'\n').then_some(i + 1)),
        );
        LineIndex { starts }
    }

    /// The 0-based line holding `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Where line `line` (0-based) starts, or `None` past the last line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The line and column of byte `offset` in `text`, which must be the text the index was
    /// built from. An offset inside a character counts as that character's start.
    pub fn line_column(&self, text: &str, offset: usize) -> LineColumn {
        let offset = offset.min(text.len());
        let line = self.line(offset);
        let start = self.starts[line];
        let column = text[start..]
            .char_indices()
            .take_while(|(i, _)| start + i < offset)
            .count();
        LineColumn {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The text of 0-based line `line`, without its line break.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line) else {
            return "";
        };
        let end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |&next| next - 1);
        text[start..end]
            .strip_suffix('\r')
            .unwrap_or(&text[start..end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "ab\n“é” x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').expect("x is in the text");
        assert_eq!(
            index.line_column(text, x),
            LineColumn { line: 2, column: 5 }
        );
        assert_eq!(
            index.line_column(text, text.len()),
            LineColumn { line: 3, column: 1 }
        );
        assert_eq!(index.line_text(text, 1), "“é” x");
    }

    #[test]
    fn crlf_stays_out_of_line_text() {
        let text = "one\r\ntwo";
        let index = LineIndex::new(text);
        assert_eq!(index.line_text(text, 0), "one");
        assert_eq!(
            index.line_column(text, 5),
            LineColumn { line: 2, column: 1 }
        );
    }
}
