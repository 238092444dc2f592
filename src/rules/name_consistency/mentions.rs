//! Finding the names in one document: one pass over its words, no list of names needed.
//!
//! A name is a capitalized word that is not a frequent English word, a title or a word the
//! house style ignores; names standing next to one another (`Kim Jong Un`, `Osama bin Laden`,
//! with lowercase particles inside) form a run, and every run of one to three words is a
//! mention. A single word counts only as the last word of its run (a surname, or a name on
//! its own): first names are compared only inside full names, since two people may spell the
//! same first name two ways. Spellings from the variant families are looked up among all
//! capitalized words (`Cape Verde`), but not when another capitalized word follows
//! (`Peking University`, `Kyiv Post` are names of their own).
//!
//! The result, [`Mentions`], holds each distinct spelling once with its places and keys, so
//! deciding which spelling wins across documents never reads a text again.

use super::keys::{self, Fnv, HashMapU64, LOOSE_LEN};
use super::lexicon::{self, FamilyRef, Lexicon};
use super::scan::{candidates, opens_sentence, strip_compound};
use crate::document::Document;
use crate::span::Span;
use crate::style::HouseStyle;
use crate::text::{self, is_all_caps, strip_possessive};

/// The occurrence opens a sentence (or a line): weak evidence that the word is a name.
pub(crate) const INITIAL: u8 = 1;
/// The occurrence counts for its variant family.
pub(crate) const FAMILY: u8 = 2;
/// The occurrence counts for the automatic comparisons.
pub(crate) const AUTO: u8 = 4;

/// The most words in an automatically compared mention.
const MAX_WORDS: usize = 3;
/// The fewest letters of an all-capitals word taken for a name rather than an acronym.
const CAPS_LEN: usize = 4;

/// One place a spelling stands: the bare name, without a possessive `'s`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub span: Span,
    pub flags: u8,
}

/// One spelling of a name in one document, and where it stands.
#[derive(Debug)]
pub struct Form {
    /// The spelling as written (preferably where it does not open a sentence).
    pub text: Box<str>,
    /// The folded parts, each after a `|`: `|kim|jong|un`.
    pub(crate) parts: Box<str>,
    pub(crate) words: u8,
    /// Written in capitals: follows other spellings, never votes.
    pub(crate) caps: bool,
    pub(crate) identity: u64,
    pub(crate) exact: u64,
    pub(crate) skeleton: u64,
    pub(crate) family: Option<FamilyRef>,
    /// For a first name and a surname: the skeleton of the first name and the exact key of
    /// the surname, to tell two people with look-alike surnames apart.
    pub(crate) full_name: Option<(u64, u64)>,
    pub occurrences: Vec<Occurrence>,
}

impl Form {
    /// The folded spelling without separators.
    pub fn exact_key(&self) -> String {
        self.parts.replace('|', "")
    }

    /// How many occurrences carry `flag`.
    pub(crate) fn count(&self, flag: u8) -> u32 {
        self.occurrences
            .iter()
            .filter(|o| o.flags & flag != 0)
            .count() as u32
    }

    /// Whether some occurrence carrying `flag` stands inside a sentence.
    pub(crate) fn inside_a_sentence(&self, flag: u8) -> bool {
        self.occurrences
            .iter()
            .any(|o| o.flags & flag != 0 && o.flags & INITIAL == 0)
    }

    /// A single word, in lowercase letters, long enough for the typo comparison.
    pub(crate) fn may_be_a_typo(&self) -> bool {
        self.words == 1
            && !self.caps
            && self.parts.matches('|').count() == 1
            && self.parts.chars().count() > LOOSE_LEN
    }
}

/// Which comparison a group of spellings is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GroupKind {
    Family(u32),
    Exact,
    Skeleton,
    /// Full names, by the exact key of the surname.
    Surname,
}

/// The spellings of one document that share a key.
#[derive(Debug)]
pub(crate) struct Group {
    pub kind: GroupKind,
    pub forms: Vec<u32>,
}

/// The name mentions of one document.
#[derive(Debug, Default)]
pub struct Mentions {
    pub(crate) forms: Vec<Form>,
    /// By group key (see [`group_key`]).
    pub(crate) groups: HashMapU64<Group>,
}

impl Mentions {
    /// Every distinct spelling, in order of first appearance.
    pub fn forms(&self) -> &[Form] {
        &self.forms
    }

    /// The keys under which the name index files this document.
    pub fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.groups.keys().copied()
    }

    pub(crate) fn group(&self, key: u64) -> Option<&Group> {
        self.groups.get(&key)
    }
}

/// The key of a group: its kind and the hash it is found by.
pub(crate) fn group_key(kind: u8, hash: u64) -> u64 {
    Fnv::START.bytes(&[kind]).bytes(&hash.to_le_bytes()).0
}

pub(crate) const FAMILY_KEY: u8 = b'F';
pub(crate) const EXACT_KEY: u8 = b'E';
pub(crate) const SKELETON_KEY: u8 = b'S';
pub(crate) const SURNAME_KEY: u8 = b'N';

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A capitalized word that may be a name.
    Name,
    /// A word in capitals that may be a name in a headline.
    Caps,
    /// A capitalized word that is no name by itself (`Cape`, `President`).
    Capital,
    /// `al`, `bin`, `de` inside a name.
    Particle,
}

#[derive(Clone, Debug)]
struct Token {
    span: Span,
    kind: Kind,
    initial: bool,
    /// Ranges into the builder's buffers.
    parts: (usize, usize),
    skeleton: (usize, usize),
}

struct Builder<'a> {
    lex: &'a Lexicon,
    prose: &'a str,
    forms: Vec<Form>,
    by_identity: HashMapU64<u32>,
    window: Vec<Token>,
    pending: Vec<Token>,
    parts: String,
    skeletons: String,
}

/// Finds the name mentions of a document: one pass over its prose.
pub(crate) fn mentions(doc: &Document<'_>, style: &HouseStyle) -> Mentions {
    let prose = doc.prose();
    let mut b = Builder {
        lex: &style.names,
        prose,
        forms: Vec::new(),
        by_identity: HashMapU64::default(),
        window: Vec::new(),
        pending: Vec::new(),
        parts: String::new(),
        skeletons: String::new(),
    };
    let mut prev_end = 0;
    for span in candidates(prose) {
        let gap_start = prev_end;
        prev_end = span.end;
        let raw = span.slice(prose);
        let gap = &prose[gap_start..span.start];
        let bare = strip_compound(strip_possessive(raw));
        let possessive = bare.len() < raw.len();
        let span = Span::new(span.start, span.start + bare.len());
        // `@handle` and `#hashtag` are not copy.
        let tagged = gap.ends_with(['@', '#']);
        if !matches!(gap, " " | "\u{a0}") || tagged {
            b.flush();
        }
        let Some(token) = b.token(span).filter(|_| !tagged) else {
            b.flush();
            continue;
        };
        if token.kind == Kind::Particle {
            if possessive {
                b.flush();
            } else {
                b.pending.push(token);
            }
            continue;
        }
        let pending = std::mem::take(&mut b.pending);
        b.window.extend(pending);
        b.window.push(token);
        if possessive {
            b.flush();
        }
    }
    b.flush();
    b.finish()
}

impl Builder<'_> {
    /// The word at `span` as a piece of a name, its folded parts and skeleton filed in the
    /// builder's buffers; `None` for a word that ends any name.
    fn token(&mut self, span: Span) -> Option<Token> {
        let word = span.slice(self.prose);
        let first = word.chars().next()?;
        let kind = if first.is_lowercase() {
            if lexicon::is_particle(word) {
                Kind::Particle
            } else {
                // `al-Qaeda`, `el-Sisi`: a particle joined to a capitalized name.
                let (head, tail) = word.split_once(text::is_hyphen)?;
                let capital = tail.chars().next().is_some_and(char::is_uppercase);
                if !(lexicon::is_particle(head) && capital) {
                    return None;
                }
                Kind::Name
            }
        } else if first.is_uppercase() {
            Kind::Name
        } else {
            return None;
        };
        let start = self.parts.len();
        keys::push_parts(word, &mut self.parts);
        let parts = &self.parts[start..];
        let kind = match kind {
            Kind::Name if first.is_uppercase() => {
                let exact = parts.split('|').fold(Fnv::START, |h, p| h.str(p)).0;
                let common = lexicon::is_common(exact)
                    || self.lex.is_ignored(exact)
                    || (parts.matches('|').count() > 1
                        && parts
                            .split('|')
                            .filter(|p| !p.is_empty())
                            .all(|p| lexicon::is_common(keys::hash(p))));
                if is_all_caps(word) {
                    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
                    if letters < CAPS_LEN || common {
                        self.parts.truncate(start);
                        return None;
                    }
                    Kind::Caps
                } else if common {
                    Kind::Capital
                } else {
                    Kind::Name
                }
            }
            kind => kind,
        };
        let sk_start = self.skeletons.len();
        if kind != Kind::Capital {
            keys::push_skeleton(&self.parts[start..], &mut self.skeletons);
        }
        Some(Token {
            span,
            kind,
            initial: opens_sentence(self.prose, span.start),
            parts: (start, self.parts.len()),
            skeleton: (sk_start, self.skeletons.len()),
        })
    }

    /// Records every mention in the window of capitalized words, then empties it.
    fn flush(&mut self) {
        if self.window.is_empty() && self.pending.is_empty() {
            return;
        }
        self.pending.clear();
        let n = self.window.len();
        for end in 0..n {
            if self.window[end].kind == Kind::Particle {
                continue;
            }
            let auto_end = self.auto_run_end(end);
            for len in 1..=n.min(self.lex.family_words.max(MAX_WORDS)) {
                let Some(start) = (end + 1).checked_sub(len) else {
                    break;
                };
                let mut flags = 0;
                let family = self.family(start, end);
                if family.is_some() && end + 1 == n {
                    flags |= FAMILY;
                }
                if len <= MAX_WORDS && self.auto(start, end, auto_end) {
                    flags |= AUTO;
                }
                if flags == 0 {
                    continue;
                }
                if self.window[start].initial {
                    flags |= INITIAL;
                }
                self.record(start, end, flags, family);
            }
        }
        self.window.clear();
        self.parts.clear();
        self.skeletons.clear();
    }

    /// The last name of the run of names (and particles) that holds `end`.
    fn auto_run_end(&self, end: usize) -> usize {
        let mut last = end;
        for (i, t) in self.window.iter().enumerate().skip(end + 1) {
            match t.kind {
                Kind::Name => last = i,
                Kind::Particle => {}
                Kind::Caps | Kind::Capital => break,
            }
        }
        last
    }

    /// Whether words `start..=end` are a mention for the automatic comparisons.
    fn auto(&self, start: usize, end: usize, run_end: usize) -> bool {
        let words = &self.window[start..=end];
        if let [only] = words
            && only.kind == Kind::Caps
        {
            return true;
        }
        let names_only = words
            .iter()
            .all(|t| matches!(t.kind, Kind::Name | Kind::Particle));
        // A single word counts as a surname or a name on its own, not as a first name.
        names_only && self.window[end].kind == Kind::Name && (start < end || end == run_end)
    }

    fn family(&self, start: usize, end: usize) -> Option<FamilyRef> {
        if self.window[start].kind == Kind::Particle && start == end {
            return None;
        }
        let mut h = Fnv::START;
        for t in &self.window[start..=end] {
            for part in self.parts[t.parts.0..t.parts.1].split('|') {
                h = h.str(part);
            }
        }
        self.lex.family_keys.get(&h.0).copied()
    }

    fn record(&mut self, start: usize, end: usize, flags: u8, family: Option<FamilyRef>) {
        let span = Span::new(self.window[start].span.start, self.window[end].span.end);
        let surface = span.slice(self.prose);
        let identity = keys::identity(surface, Fnv::START).0;
        let index = match self.by_identity.get(&identity) {
            Some(&i) => i as usize,
            None => {
                let form = self.new_form(start, end, surface, identity, family);
                self.forms.push(form);
                self.by_identity
                    .insert(identity, (self.forms.len() - 1) as u32);
                self.forms.len() - 1
            }
        };
        let form = &mut self.forms[index];
        if let Some(last) = form.occurrences.last_mut()
            && last.span == span
        {
            last.flags |= flags;
            return;
        }
        // Show the spelling as written inside a sentence rather than at its start.
        if flags & INITIAL == 0
            && form.occurrences.iter().all(|o| o.flags & INITIAL != 0)
            && *form.text != *surface
        {
            form.text = surface.into();
        }
        form.occurrences.push(Occurrence { span, flags });
    }

    fn new_form(
        &self,
        start: usize,
        end: usize,
        surface: &str,
        identity: u64,
        family: Option<FamilyRef>,
    ) -> Form {
        let words = &self.window[start..=end];
        let mut parts = String::new();
        let mut skeleton = String::new();
        for t in words {
            parts.push_str(&self.parts[t.parts.0..t.parts.1]);
            skeleton.push_str(&self.skeletons[t.skeleton.0..t.skeleton.1]);
        }
        let full_name = match words {
            [given, surname] if given.kind == Kind::Name => Some((
                keys::hash(&self.skeletons[given.skeleton.0..given.skeleton.1]),
                keys::hash(&self.parts[surname.parts.0..surname.parts.1].replace('|', "")),
            )),
            _ => None,
        };
        Form {
            full_name,
            text: surface.into(),
            exact: keys::hash(&parts.replace('|', "")),
            skeleton: keys::hash(&skeleton),
            parts: parts.into(),
            words: words.len() as u8,
            caps: words.iter().all(|t| t.kind == Kind::Caps),
            identity,
            family,
            occurrences: Vec::new(),
        }
    }

    /// Files every spelling under the keys of the comparisons it takes part in.
    fn finish(self) -> Mentions {
        let mut groups: HashMapU64<Group> = HashMapU64::default();
        let mut file = |kind: GroupKind, key: u64, form: u32| {
            let group = groups.entry(key).or_insert_with(|| Group {
                kind,
                forms: Vec::new(),
            });
            group.forms.push(form);
        };
        for (i, form) in self.forms.iter().enumerate() {
            let i = i as u32;
            if let Some(family) = form.family
                && form.count(FAMILY) > 0
            {
                let kind = GroupKind::Family(family.family);
                file(kind, group_key(FAMILY_KEY, u64::from(family.family)), i);
            }
            if form.count(AUTO) == 0 {
                continue;
            }
            file(GroupKind::Exact, group_key(EXACT_KEY, form.exact), i);
            file(
                GroupKind::Skeleton,
                group_key(SKELETON_KEY, form.skeleton),
                i,
            );
            if let Some((_, surname)) = form.full_name {
                file(GroupKind::Surname, group_key(SURNAME_KEY, surname), i);
            }
        }
        Mentions {
            forms: self.forms,
            groups,
        }
    }
}
