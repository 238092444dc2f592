//! Byte ranges into a document's text.
//!
//! Every position the core hands out is a byte offset into the UTF-8 text it was given. The
//! adapters turn them into what their users count: lines and characters for the CLI, UTF-16
//! code units (or bytes) for the language server.

use std::ops::Range;

/// A half-open byte range `start..end` into a document's text.
///
/// Invariants: `start <= end`, and both ends lie on `char` boundaries of the text the span was
/// made for. An empty span marks a position (where an insertion goes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies wholly inside `self`.
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The same span moved `by` bytes to the right.
    pub const fn shifted(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// The text the span covers.
    ///
    /// # Panics
    /// When the span is not a valid range of `text` on char boundaries (a broken invariant).
    pub fn slice(self, text: &str) -> &str {
        &text[self.range()]
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_half_open() {
        assert!(Span::new(0, 3).overlaps(Span::new(2, 5)));
        assert!(!Span::new(0, 3).overlaps(Span::new(3, 5)));
        assert!(Span::new(0, 5).contains(Span::new(1, 5)));
        assert_eq!(Span::new(2, 4).shifted(3), Span::new(5, 7));
    }
}
