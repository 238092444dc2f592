//! Every fixture under `tests/fixtures/<rule>/`: a snapshot of the CLI's human output and of
//! the fixed text, and the invariants every finding must keep.
//!
//! A fixture is copy written for the project (never borrowed from a publisher): first the
//! violations, then an "ok" part that must stay clean. Snapshots live in
//! `tests/snapshots/`; review a change with `cargo insta review`, or accept it with
//! `INSTA_UPDATE=always cargo test --test fixtures` and read the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

use copydesk::{Finding, Format, HouseStyle, Span, apply_edits, check, fix};

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
