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

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use rustc_hash::{FxHashMap, FxHasher};

use super::keys::{self, Fnv, HashMapU64, LOOSE_LEN};
use super::lexicon::{FamilyRef, Lexicon};
use super::scan::{Candidates, opens_sentence, strip_compound};
use super::words::{Kind, Words};
use crate::document::{Document, Word as DocWord};
use crate::memo::Entries;
use crate::span::Span;
use crate::style::HouseStyle;
use crate::text::strip_possessive;

/// The occurrence opens a sentence (or a line): weak evidence that the word is a name.
pub(crate) const INITIAL: u8 = 1;
/// The occurrence counts for its variant family.
pub(crate) const FAMILY: u8 = 2;
/// The occurrence counts for the automatic comparisons.
pub(crate) const AUTO: u8 = 4;
/// The occurrence is its line's only text but for punctuation: a menu item, a label.
pub(crate) const ALONE: u8 = 8;

/// The most words in an automatically compared mention.
const MAX_WORDS: usize = 3;

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
    pub text: Arc<str>,
    /// The folded parts, each after a `|`: `|kim|jong|un`.
    pub(crate) parts: Arc<str>,
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
    /// How many occurrences count for the family and for the automatic comparisons, and
    /// whether one of each stands inside a sentence: tallied once the document is read.
    tallies: [Tally; 2],
    /// Whether some occurrence stands inside a sentence.
    inside: bool,
    /// Where the first occurrence starts.
    first: usize,
}

#[derive(Clone, Copy, Debug, Default)]
struct Tally {
    count: u32,
    inside: bool,
}

impl Form {
    fn new(s: &Spelling) -> Form {
        Form {
            text: s.text.clone(),
            parts: s.parts.clone(),
            words: s.words,
            caps: s.caps,
            identity: s.identity,
            exact: s.exact,
            skeleton: s.skeleton,
            family: s.family,
            full_name: s.full_name,
            occurrences: Vec::new(),
            tallies: [Tally::default(); 2],
            inside: false,
            first: 0,
        }
    }

    /// The folded spelling without separators.
    pub fn exact_key(&self) -> String {
        self.parts.replace('|', "")
    }

    /// Where the spelling is first used.
    pub(crate) fn first_start(&self) -> usize {
        self.first
    }

    /// How many occurrences carry `flag`.
    pub(crate) fn count(&self, flag: u8) -> u32 {
        match flag {
            FAMILY => self.tallies[0].count,
            AUTO => self.tallies[1].count,
            _ => self.tally(flag).count,
        }
    }

    /// Whether some occurrence carrying `flag` stands inside a sentence.
    pub(crate) fn inside_a_sentence(&self, flag: u8) -> bool {
        match flag {
            FAMILY => self.tallies[0].inside,
            AUTO => self.tallies[1].inside,
            _ => self.tally(flag).inside,
        }
    }

    fn tally(&self, flag: u8) -> Tally {
        let mut tally = Tally::default();
        for o in self.occurrences.iter().filter(|o| o.flags & flag != 0) {
            tally.count += 1;
            tally.inside |= o.flags & INITIAL == 0;
        }
        tally
    }

    /// A single word, in lowercase letters, long enough for the typo comparison.
    pub(crate) fn may_be_a_typo(&self) -> bool {
        self.words == 1
            && !self.caps
            && self.parts.matches('|').count() == 1
            && self.parts.chars().count() > LOOSE_LEN
    }
}

/// Which comparison a group of spellings is for. (In the order a spelling is filed under
/// them: see [`Forms::finish`].)
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum GroupKind {
    Family(u32),
    Exact,
    Skeleton,
    /// Full names, by the exact key of the surname.
    Surname,
}

/// The spellings of one document that share a key.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Group<'a> {
    pub kind: GroupKind,
    /// Indexes into the document's forms, in order of first appearance.
    pub forms: &'a [u32],
}

/// Where one group's forms stand in [`Mentions::members`].
#[derive(Clone, Copy, Debug)]
struct GroupEntry {
    key: u64,
    kind: GroupKind,
    start: u32,
    end: u32,
}

/// The name mentions of one document.
#[derive(Debug, Default)]
pub struct Mentions {
    pub(crate) forms: Vec<Form>,
    /// One entry per group key (see [`group_key`]), sorted by key.
    groups: Vec<GroupEntry>,
    /// The forms of every group, one group after another.
    members: Vec<u32>,
}

impl Mentions {
    /// Every distinct spelling, in order of first appearance.
    pub fn forms(&self) -> &[Form] {
        &self.forms
    }

    /// The keys under which the name index files this document, each once.
    pub fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.groups.iter().map(|g| g.key)
    }

    /// Every group with its key.
    pub(crate) fn groups(&self) -> impl Iterator<Item = (u64, Group<'_>)> {
        self.groups.iter().map(|g| (g.key, self.entry(g)))
    }

    /// The group at `at` in the order of [`Mentions::keys`].
    pub(crate) fn group_at(&self, at: u32) -> Group<'_> {
        self.entry(&self.groups[at as usize])
    }

    pub(crate) fn group(&self, key: u64) -> Option<Group<'_>> {
        let at = self.groups.binary_search_by_key(&key, |g| g.key).ok()?;
        Some(self.entry(&self.groups[at]))
    }

    fn entry(&self, g: &GroupEntry) -> Group<'_> {
        Group {
            kind: g.kind,
            forms: &self.members[g.start as usize..g.end as usize],
        }
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

/// A word in the window of capitalized words.
#[derive(Clone, Copy, Debug)]
struct Token {
    span: Span,
    /// The word's slot in the reader's [`Words`].
    slot: u32,
    kind: Kind,
}

/// A spelling as read: everything a [`Form`] takes from it but its places. It depends on the
/// spelling's text alone (and the lexicon), so a line's reading can be kept and used again.
#[derive(Debug)]
pub(crate) struct Spelling {
    text: Arc<str>,
    parts: Arc<str>,
    words: u8,
    caps: bool,
    identity: u64,
    exact: u64,
    skeleton: u64,
    family: Option<FamilyRef>,
    full_name: Option<(u64, u64)>,
}

/// A mention found on a line, counted from the line's start.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    start: usize,
    end: usize,
    flags: u8,
    spelling: Arc<Spelling>,
}

/// Finds the name mentions of a document: one pass over its prose, a line at a time. With a
/// memo, lines read in the last check are not read again (see [`NameMemo`]).
pub(crate) fn mentions(
    doc: &Document<'_>,
    style: &HouseStyle,
    memo: Option<&Mutex<NameMemo>>,
) -> Mentions {
    let prose = doc.prose();
    let mut memo = memo.map(crate::memo::take);
    if let Some(memo) = memo.as_deref_mut() {
        memo.lines.begin(style.names.fingerprint);
    }
    // Copy has some tens of distinct capitalized words to a kilobyte; with a memo, most lines
    // are not read at all.
    let capacity = if memo.is_some() { 0 } else { prose.len() / 64 };
    let mut reader = Reader {
        lex: &style.names,
        prose,
        words: Words::new(&style.names, prose, capacity),
        by_surface: FxHashMap::default(),
        one_word: Vec::new(),
        window: Vec::new(),
        pending: Vec::new(),
        line_start: 0,
        line_end: 0,
        found: Vec::new(),
        // Zeros, which the system hands out untouched: most spellings are never asked about.
        pieces: vec![[0; 2]; doc.forms().len()],
        parts: String::new(),
    };
    // Copy names someone or something about every eighty bytes (13,040 times in the real
    // megabyte): room for every occurrence at once.
    let mut forms = Forms {
        occurrences: Vec::with_capacity(prose.len() / 64),
        ..Forms::default()
    };
    let mut candidates = Candidates::new(doc);
    // A mention never spans a line break (any gap but a space ends one), and whether a
    // word opens a sentence looks back past the line's start only as far as that start's
    // own answer; so a line's mentions depend on its text and that answer alone. A line
    // with no candidate is not read.
    for i in 0..doc.lines().len() {
        let mut on_line = candidates.of_line(i).peekable();
        let Some(first) = on_line.peek() else {
            continue;
        };
        let line = line_around(prose, first.start as usize);
        let Some(memo) = memo.as_deref_mut() else {
            reader.read_line(line, on_line);
            for found in reader.found.drain(..) {
                forms.add(line.start, &found);
            }
            continue;
        };
        let opens = opens_sentence(prose, line.start);
        let text = line.slice(prose);
        let key = NameMemo::key(text, opens);
        if memo.recall(key, text, opens, |found| forms.add(line.start, found)) {
            on_line.for_each(drop);
            continue;
        }
        reader.read_line(line, on_line);
        for found in &reader.found {
            forms.add(line.start, found);
        }
        memo.keep(key, text, opens, std::mem::take(&mut reader.found));
    }
    if let Some(memo) = memo.as_deref_mut() {
        memo.lines.end();
    }
    forms.finish()
}

/// The line of `prose` that holds the byte at `at`, without its line break.
fn line_around(prose: &str, at: usize) -> Span {
    let bytes = prose.as_bytes();
    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &bytes[at..]).map_or(prose.len(), |i| at + i);
    Span::new(start, end)
}

/// Reads lines for their mentions.
struct Reader<'a> {
    lex: &'a Lexicon,
    prose: &'a str,
    words: Words<'a>,
    /// The spellings of more than one word read in this check, by their text.
    by_surface: FxHashMap<&'a str, Arc<Spelling>>,
    /// One-word spellings, by the index [`Words::form`] keeps with the word.
    one_word: Vec<Arc<Spelling>>,
    window: Vec<Token>,
    pending: Vec<Token>,
    /// Where the line being read starts and ends (before its line break).
    line_start: usize,
    line_end: usize,
    /// What the line holds, in the order found.
    found: Vec<Found>,
    /// What each of the document's spellings is to the reader, by its number, once worked
    /// out: its length without a possessive or compound tail, plus one; and its token's slot
    /// and kind ([`Reader::piece`]), or zero for a word that ends any name.
    pieces: Vec<[u32; 2]>,
    /// Room to join a new spelling's parts in before they are shared.
    parts: String,
}

impl<'a> Reader<'a> {
    /// Reads `line`, given its candidate words, into `found`.
    fn read_line(&mut self, line: Span, candidates: impl Iterator<Item = DocWord>) {
        let line_start = line.start;
        (self.line_start, self.line_end) = (line.start, line.end);
        let prose = self.prose;
        let mut prev_end = line_start;
        for word in candidates {
            let raw = word.span();
            let gap_start = prev_end;
            prev_end = raw.end;
            let gap = &prose[gap_start..raw.start];
            let (bare, token) = self.piece(word);
            let possessive = bare < raw.len();
            // `@handle` and `#hashtag` are not copy.
            let tagged = gap.ends_with(['@', '#']);
            if !matches!(gap, " " | "\u{a0}") || tagged {
                self.flush();
            }
            let Some((slot, kind)) = token.filter(|_| !tagged) else {
                self.flush();
                continue;
            };
            let token = Token {
                span: Span::new(raw.start, raw.start + bare),
                slot,
                kind,
            };
            if token.kind == Kind::Particle {
                if possessive {
                    self.flush();
                } else {
                    self.pending.push(token);
                }
                continue;
            }
            self.window.append(&mut self.pending);
            self.window.push(token);
            if possessive {
                self.flush();
            }
        }
        self.flush();
    }

    /// `word` as a piece of a name: its length without a possessive or a compound tail
    /// (`Kyiv-based`), and its slot and kind, `None` for a word that ends any name. Worked
    /// out once per spelling.
    fn piece(&mut self, word: DocWord) -> (usize, Option<(u32, Kind)>) {
        const KINDS: [Kind; 4] = [Kind::Name, Kind::Caps, Kind::Capital, Kind::Particle];
        if let Some(&[bare, token]) = self.pieces.get(word.form() as usize)
            && bare != 0
        {
            let token = (token != 0).then(|| ((token >> 2) - 1, KINDS[(token & 3) as usize]));
            return (bare as usize - 1, token);
        }
        let span = word.span();
        let bare = strip_compound(strip_possessive(span.slice(self.prose))).len();
        let token = self.words.word(Span::new(span.start, span.start + bare));
        let packed = match token {
            None => Some(0),
            Some((slot, kind)) => {
                let kind = KINDS.iter().position(|&k| k == kind).unwrap_or(0) as u32;
                // A slot too large to pack is worked out again at each use.
                slot.checked_add(1)
                    .filter(|&s| s < 1 << 30)
                    .map(|s| s << 2 | kind)
            }
        };
        if let (Some(packed), Ok(bare_plus_one)) = (packed, u32::try_from(bare + 1))
            && let Some(piece) = self.pieces.get_mut(word.form() as usize)
        {
            *piece = [bare_plus_one, packed];
        }
        (bare, token)
    }

    /// Records every mention in the window of capitalized words, then empties it. (Most
    /// gaps between words find it empty.)
    #[inline(always)]
    fn flush(&mut self) {
        if !(self.window.is_empty() && self.pending.is_empty()) {
            self.flush_window();
        }
    }

    #[inline(never)]
    fn flush_window(&mut self) {
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
                // Asked only of a word that starts a mention.
                if opens_sentence(self.prose, self.window[start].span.start) {
                    flags |= INITIAL;
                }
                self.record(start, end, flags, family);
            }
        }
        self.window.clear();
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
        if start == end {
            let token = &self.window[start];
            let family = self.words.get(token.slot).family;
            return family.filter(|_| token.kind != Kind::Particle);
        }
        let mut h = Fnv::START;
        for t in &self.window[start..=end] {
            let parts = self.words.get(t.slot).parts;
            h = self.words.parts[parts.0..parts.1]
                .bytes()
                .filter(|&b| b != b'|')
                .fold(h, Fnv::byte);
        }
        self.lex.family_keys.get(&h.0).copied()
    }

    fn record(&mut self, start: usize, end: usize, mut flags: u8, family: Option<FamilyRef>) {
        let span = Span::new(self.window[start].span.start, self.window[end].span.end);
        let before = &self.prose[self.line_start..span.start];
        let after = &self.prose[span.end..self.line_end];
        if before.trim().is_empty() && !after.contains(|c: char| c.is_alphanumeric()) {
            flags |= ALONE;
        }
        let spelling = self.spelling(start, end, span, family);
        self.found.push(Found {
            start: span.start - self.line_start,
            end: span.end - self.line_start,
            flags,
            spelling,
        });
    }

    /// The spelling of words `start..=end`, at `span`: read once per check.
    fn spelling(
        &mut self,
        start: usize,
        end: usize,
        span: Span,
        family: Option<FamilyRef>,
    ) -> Arc<Spelling> {
        let prose = self.prose;
        let surface = span.slice(prose);
        if start == end {
            // A one-word spelling is its word's: remembered with it.
            let slot = self.window[start].slot;
            if let Some(i) = self.words.form(slot) {
                return self.one_word[i as usize].clone();
            }
            let spelling = self.new_spelling(start, end, surface, family);
            self.one_word.push(spelling.clone());
            self.words.set_form(slot, (self.one_word.len() - 1) as u32);
            return spelling;
        }
        if let Some(spelling) = self.by_surface.get(surface) {
            return spelling.clone();
        }
        let spelling = self.new_spelling(start, end, surface, family);
        self.by_surface.insert(surface, spelling.clone());
        spelling
    }

    fn new_spelling(
        &mut self,
        start: usize,
        end: usize,
        surface: &str,
        family: Option<FamilyRef>,
    ) -> Arc<Spelling> {
        let words = &self.window[start..=end];
        let parts_of = |t: &Token| {
            let (from, to) = self.words.get(t.slot).parts;
            &self.words.parts[from..to]
        };
        let skeleton_of = |t: &Token| {
            let (from, to) = self.words.get(t.slot).skeleton;
            &self.words.skeletons[from..to]
        };
        // The keys hash the parts without separators, and the skeleton with them.
        let parts = &mut self.parts;
        parts.clear();
        let (mut exact, mut skeleton) = (Fnv::START, Fnv::START);
        for t in words {
            parts.push_str(parts_of(t));
            exact = parts_of(t)
                .bytes()
                .filter(|&b| b != b'|')
                .fold(exact, Fnv::byte);
            skeleton = skeleton.str(skeleton_of(t));
        }
        let (exact, skeleton) = (exact.0, skeleton.0);
        let full_name = match words {
            [given, surname] if given.kind == Kind::Name => Some((
                keys::hash(skeleton_of(given)),
                self.words.get(surname.slot).exact,
            )),
            _ => None,
        };
        Arc::new(Spelling {
            full_name,
            text: surface.into(),
            exact,
            skeleton,
            parts: Arc::from(parts.as_str()),
            words: words.len() as u8,
            caps: words.iter().all(|t| t.kind == Kind::Caps),
            identity: keys::identity(surface, Fnv::START).0,
            family,
        })
    }
}

/// The document's spellings, gathered from its lines' mentions in order.
#[derive(Default)]
struct Forms {
    forms: Vec<Form>,
    by_identity: HashMapU64<u32>,
    /// Every occurrence with the index of its spelling, in order: handed to the spellings,
    /// each list sized once, when the document is read.
    occurrences: Vec<(u32, Occurrence)>,
    /// Where each spelling's last occurrence stands in `occurrences` (`u32::MAX`: nowhere).
    last: Vec<u32>,
}

impl Forms {
    /// Adds a mention found on the line at `line_start`.
    fn add(&mut self, line_start: usize, found: &Found) {
        let span = Span::new(line_start + found.start, line_start + found.end);
        let (flags, spelling) = (found.flags, &*found.spelling);
        let index = match self.by_identity.get(&spelling.identity) {
            Some(&i) => i as usize,
            None => {
                self.forms.push(Form::new(spelling));
                self.last.push(u32::MAX);
                let index = self.forms.len() - 1;
                self.by_identity.insert(spelling.identity, index as u32);
                index
            }
        };
        let form = &mut self.forms[index];
        if let Some((_, last)) = self.occurrences.get_mut(self.last[index] as usize)
            && last.span == span
        {
            last.flags |= flags;
            return;
        }
        // Show the spelling as written inside a sentence rather than at its start.
        if flags & INITIAL == 0 && !form.inside && *form.text != *spelling.text {
            form.text = spelling.text.clone();
        }
        form.inside |= flags & INITIAL == 0;
        self.last[index] = self.occurrences.len() as u32;
        self.occurrences
            .push((index as u32, Occurrence { span, flags }));
    }

    /// Files every spelling under the keys of the comparisons it takes part in.
    fn finish(mut self) -> Mentions {
        // Each spelling's occurrences in a list of its own, in order, sized once.
        let mut counts = vec![0usize; self.forms.len()];
        for &(form, _) in &self.occurrences {
            counts[form as usize] += 1;
        }
        for (form, count) in self.forms.iter_mut().zip(counts) {
            form.occurrences = Vec::with_capacity(count);
        }
        for (form, occurrence) in std::mem::take(&mut self.occurrences) {
            self.forms[form as usize].occurrences.push(occurrence);
        }
        let mut filed: Vec<(u64, GroupKind, u32)> = Vec::new();
        for (i, form) in self.forms.iter_mut().enumerate() {
            form.tallies = [form.tally(FAMILY), form.tally(AUTO)];
            form.first = form.occurrences.first().map_or(0, |o| o.span.start);
            let i = i as u32;
            if let Some(family) = form.family
                && form.count(FAMILY) > 0
            {
                let kind = GroupKind::Family(family.family);
                filed.push((group_key(FAMILY_KEY, u64::from(family.family)), kind, i));
            }
            if form.count(AUTO) == 0 {
                continue;
            }
            filed.push((group_key(EXACT_KEY, form.exact), GroupKind::Exact, i));
            filed.push((
                group_key(SKELETON_KEY, form.skeleton),
                GroupKind::Skeleton,
                i,
            ));
            if let Some((_, surname)) = form.full_name {
                filed.push((group_key(SURNAME_KEY, surname), GroupKind::Surname, i));
            }
        }
        // By key, each group's forms in order of first appearance; a group takes the kind
        // it was first filed under (the kinds' order is the order above, and no spelling is
        // filed twice under one kind, so the order is total and need not be stable).
        filed.sort_unstable_by_key(|&(key, kind, form)| (key, form, kind));
        let mut groups: Vec<GroupEntry> = Vec::new();
        let mut members = Vec::with_capacity(filed.len());
        for (key, kind, form) in filed {
            match groups.last_mut() {
                Some(g) if g.key == key => g.end += 1,
                _ => groups.push(GroupEntry {
                    key,
                    kind,
                    start: members.len() as u32,
                    end: members.len() as u32 + 1,
                }),
            }
            members.push(form);
        }
        Mentions {
            forms: self.forms,
            groups,
            members,
        }
    }
}

/// What the last check read on each line, by the line's text (see [`crate::memo`]).
#[derive(Debug, Default)]
pub(crate) struct NameMemo {
    lines: Entries<ReadLine>,
}

#[derive(Debug)]
struct ReadLine {
    text: Box<str>,
    /// Whether a word at the line's start opens a sentence.
    opens: bool,
    found: Vec<Found>,
}

impl NameMemo {
    fn key(text: &str, opens: bool) -> u64 {
        let mut hasher = FxHasher::default();
        text.hash(&mut hasher);
        opens.hash(&mut hasher);
        hasher.finish()
    }

    /// Gives `add` the mentions of a line read before, if this line is one; false if not.
    fn recall(&mut self, key: u64, text: &str, opens: bool, add: impl FnMut(&Found)) -> bool {
        let is_of = |line: &ReadLine| *line.text == *text && line.opens == opens;
        let Some(line) = self.lines.recall(key, is_of) else {
            return false;
        };
        line.found.iter().for_each(add);
        true
    }

    /// Keeps a line just read.
    fn keep(&mut self, key: u64, text: &str, opens: bool, found: Vec<Found>) {
        let line = ReadLine {
            text: text.into(),
            opens,
            found,
        };
        self.lines.keep(key, line);
    }
}
