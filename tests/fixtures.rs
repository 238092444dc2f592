//! Every fixture under `tests/fixtures/<rule>/`: a snapshot of the CLI's human output and of
//! the fixed text, and the invariants every finding must keep.
//!
//! A fixture is copy written for the project (never borrowed from a publisher): first the
//! violations, then an "ok" part that must stay clean. Snapshots live in
//! `tests/snapshots/`; review a change with `cargo insta review`, or accept it with
//! `INSTA_UPDATE=always cargo test --test fixtures` and read the diff.

mod dice;

use std::path::{Path, PathBuf};
use std::process::Command;

use copydesk::{
    Document, Finding, Format, HouseStyle, NameIndex, Span, apply_edits, check, check_document, fix,
};
use dice::Dice;

fn fixtures() -> Vec<(PathBuf, Format)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/fixtures exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("fixture folder")
            .map(|e| e.expect("entry").path())
            .filter_map(|p| Format::from_path(&p).map(|f| (p, f)))
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        out.extend(files);
    }
    assert!(!out.is_empty(), "no fixtures found");
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("fixtures are UTF-8")
}

/// `punctuation-spacing/spacing.md` -> `punctuation-spacing__spacing.md`
fn snapshot_name(path: &Path) -> String {
    let rule = path
        .parent()
        .and_then(Path::file_name)
        .expect("in a rule folder");
    let file = path.file_name().expect("a file");
    format!("{}__{}", rule.to_string_lossy(), file.to_string_lossy())
}

#[test]
fn human_output_snapshots() {
    let root = env!("CARGO_MANIFEST_DIR");
    for (path, _) in fixtures() {
        let relative = path.strip_prefix(root).expect("under the crate");
        let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["check", "--no-config"])
            .arg(relative)
            .current_dir(root)
            .env("NO_COLOR", "1")
            .output()
            .expect("the binary runs");
        assert!(
            out.status.code().is_some_and(|c| c < 2),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("UTF-8 output");
        insta::assert_snapshot!(format!("{}.check", snapshot_name(&path)), text);
    }
}

#[test]
fn fixed_text_snapshots() {
    let style = HouseStyle::default();
    for (path, format) in fixtures() {
        let fixed = fix(&read(&path), format, &style);
        insta::assert_snapshot!(format!("{}.fixed", snapshot_name(&path)), fixed);
    }
}

fn on_boundaries(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fn assert_well_formed(name: &str, text: &str, findings: &[Finding]) {
    for f in findings {
        assert!(
            on_boundaries(text, f.span),
            "{name}: span {:?} of {f:?}",
            f.span
        );
        assert!(
            !f.message.ends_with('.'),
            "{name}: message ends with a period: {}",
            f.message
        );
        for r in f.related.iter().filter(|r| r.document.is_none()) {
            assert!(on_boundaries(text, r.span), "{name}: related span of {f:?}");
        }
        for fix in &f.fixes {
            let mut spans: Vec<Span> = fix.edits.iter().map(|e| e.span).collect();
            assert!(
                spans.iter().all(|s| on_boundaries(text, *s)),
                "{name}: edit span of {f:?}"
            );
            spans.sort();
            assert!(
                spans.windows(2).all(|w| w[0].end <= w[1].start),
                "{name}: overlapping edits in {fix:?}"
            );
        }
    }
}

#[test]
fn findings_are_well_formed() {
    let style = HouseStyle::default();
    for (path, format) in fixtures() {
        let text = read(&path);
        let name = snapshot_name(&path);
        assert_well_formed(&name, &text, &check(&text, format, &style));
        // Prefixes cut at odd places must not break a rule either (debug builds let a rule's
        // panic through, so this finds them).
        let cuts = text.char_indices().map(|(i, _)| i).step_by(97);
        for cut in cuts {
            let prefix = &text[..cut];
            assert_well_formed(&name, prefix, &check(prefix, format, &style));
        }
    }
}

#[test]
fn fixes_reach_a_fixpoint() {
    let style = HouseStyle::default();
    for (path, format) in fixtures() {
        let once = fix(&read(&path), format, &style);
        let twice = fix(&once, format, &style);
        assert_eq!(
            once,
            twice,
            "{}: fixing twice changed the text",
            snapshot_name(&path)
        );
        let left_safe = check(&once, format, &style)
            .into_iter()
            .filter(|f| f.fix().is_some_and(|fix| fix.safe))
            .count();
        assert_eq!(
            left_safe,
            0,
            "{}: safe fixes left after fixing",
            snapshot_name(&path)
        );
    }
}

/// Applying one finding's fix removes that finding: the rule does not flag the same place
/// again, and the rule's finding count drops.
#[test]
fn each_fix_resolves_its_finding() {
    let style = HouseStyle::default();
    for (path, format) in fixtures() {
        let text = read(&path);
        let name = snapshot_name(&path);
        let before = check(&text, format, &style);
        for f in &before {
            let Some(fix) = f.fix() else { continue };
            let (after_text, skipped) = apply_edits(&text, &fix.edits);
            assert!(
                skipped.is_empty(),
                "{name}: fix {fix:?} did not apply whole"
            );
            let after = check(&after_text, format, &style);
            let count = |fs: &[Finding]| fs.iter().filter(|g| g.rule == f.rule).count();
            assert!(
                count(&after) < count(&before),
                "{name}: `{}` still flagged after {:?}",
                f.message,
                fix.title
            );
        }
    }
}

/// Text that is hard on offsets, case and structure: joiners, combining marks, case that
/// changes length, line breaks of every kind, Markdown and suppression marks cut in half.
const AWKWARD: &[&str] = &[
    "\u{301}",
    "\u{200d}",
    "\u{feff}",
    "\u{2028}",
    "\u{a0}",
    "’",
    "‑",
    "—",
    "…",
    "“",
    "İ",
    "ẞ",
    "ǅ",
    "ﬁ",
    "ŉ",
    "東京",
    "👩‍👩‍👧",
    "\t",
    "\r",
    "\r\n",
    "\n",
    "\n\n",
    "  ",
    " .",
    "'",
    "-",
    "U.S.",
    "e.g.",
    "<!--",
    "-->",
    "<!-- copydesk-disable-next-line -->",
    "<!-- copydesk-disable capitalization -->",
    "<!-- copydesk-enable capitalization -->",
    "```",
    "`",
    "---\n",
    "](",
    "https://example.com/a.",
    "# ",
    "1. ",
    "|",
];

/// A document spliced from pieces of the fixtures (whole lines, single words) and awkward
/// text, with the case of some stretches turned over.
fn spliced(dice: &mut Dice, lines: &[&str], words: &[&str]) -> String {
    let mut out = String::new();
    for _ in 0..1 + dice.roll(40) {
        match dice.roll(8) {
            0..=2 => out.push_str(lines[dice.roll(lines.len())]),
            3 | 4 => out.push_str(words[dice.roll(words.len())]),
            5 | 6 => out.push_str(AWKWARD[dice.roll(AWKWARD.len())]),
            _ => {
                let word = words[dice.roll(words.len())];
                out.extend(word.chars().map(|c| {
                    if c.is_uppercase() {
                        c.to_lowercase().next().unwrap_or(c)
                    } else {
                        c.to_uppercase().next().unwrap_or(c)
                    }
                }));
            }
        }
        out.push_str([" ", " ", "", "\n"][dice.roll(4)]);
    }
    out
}

/// Documents no one wrote by hand keep every invariant: well-formed findings, fixes that apply
/// whole, and a fixpoint; and a document's findings among others do not depend on the order
/// the workspace's name index was filled in, nor on a document updated and put back.
#[test]
fn spliced_documents_keep_the_invariants() {
    let texts: Vec<String> = fixtures().iter().map(|(path, _)| read(path)).collect();
    let lines: Vec<&str> = texts.iter().flat_map(|t| t.split_inclusive('\n')).collect();
    let words: Vec<&str> = texts.iter().flat_map(|t| t.split(' ')).collect();
    let style = HouseStyle::default();
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    for case in 0..150 {
        let docs: Vec<String> = (0..3).map(|_| spliced(&mut dice, &lines, &words)).collect();
        let formats = [Format::PlainText, Format::Markdown, Format::PlainText];
        for (text, &format) in docs.iter().zip(&formats) {
            let name = format!("case {case}: {text:?}");
            let findings = check(text, format, &style);
            assert_well_formed(&name, text, &findings);
            for f in &findings {
                for fix in &f.fixes {
                    let (after, skipped) = apply_edits(text, &fix.edits);
                    assert!(skipped.is_empty(), "{name}: {fix:?} did not apply whole");
                    assert_well_formed(&name, &after, &check(&after, format, &style));
                }
            }
            let once = fix(text, format, &style);
            assert_eq!(fix(&once, format, &style), once, "{name}: no fixpoint");
        }
        let parsed: Vec<Document> = docs
            .iter()
            .zip(formats)
            .map(|(text, format)| Document::new(text, format))
            .collect();
        let keys = ["a.txt", "b.md", "c.txt"];
        let mut forward = NameIndex::new();
        for (key, doc) in keys.iter().zip(&parsed) {
            forward.update(key, doc, &style);
        }
        let mut shuffled = NameIndex::new();
        for i in [2, 1, 0] {
            shuffled.update(keys[i], &parsed[i], &style);
        }
        shuffled.update(keys[1], &Document::new("", Format::Markdown), &style);
        shuffled.update(keys[1], &parsed[1], &style);
        shuffled.remove(keys[2]);
        shuffled.update(keys[2], &parsed[2], &style);
        for (key, doc) in keys.iter().zip(&parsed) {
            assert_eq!(
                check_document(doc, &style, &forward, key),
                check_document(doc, &style, &shuffled, key),
                "case {case}: {key} in {docs:?}"
            );
        }
    }
}
