//! The text a finding carries, owned, static or shared.

use std::fmt;
use std::sync::Arc;

/// Text a finding carries: a message, a fix's title, a replacement. Derefs to `str`.
///
/// Built from a `String` (kept as it is), a `&'static str` (not copied) or an `Arc<str>`
/// (shared: the findings for every place of one misspelling carry one message).
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Owned(String),
    Shared(Arc<str>),
}

impl Text {
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Owned(s) => s,
            Repr::Shared(s) => s,
        }
    }

    /// A copy sharing the bytes: an owned text becomes shared first (once), so that every
    /// further copy costs a count, not an allocation.
    pub fn share(&mut self) -> Text {
        if let Repr::Owned(s) = &mut self.0 {
            self.0 = Repr::Shared(std::mem::take(s).into());
        }
        self.clone()
    }

    /// The text to change in place (copied first unless it is owned already).
    pub fn to_mut(&mut self) -> &mut String {
        if !matches!(self.0, Repr::Owned(_)) {
            self.0 = Repr::Owned(self.as_str().to_owned());
        }
        match &mut self.0 {
            Repr::Owned(s) => s,
            _ => unreachable!("just made owned"),
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Default for Text {
    fn default() -> Self {
        Text(Repr::Static(""))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(Repr::Owned(s))
    }
}

impl From<&'static str> for Text {
    fn from(s: &'static str) -> Self {
        Text(Repr::Static(s))
    }
}

impl From<Arc<str>> for Text {
    fn from(s: Arc<str>) -> Self {
        Text(Repr::Shared(s))
    }
}

impl From<&Arc<str>> for Text {
    fn from(s: &Arc<str>) -> Self {
        Text(Repr::Shared(s.clone()))
    }
}

impl From<Text> for String {
    fn from(t: Text) -> Self {
        match t.0 {
            Repr::Owned(s) => s,
            _ => t.as_str().to_owned(),
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
