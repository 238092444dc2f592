//! The founding examples: five real stories in `../shared/seeds/`, as they reached an editor.
//!
//! Their README says what a copy editor must mark in them and what only looks suspicious.
//! This test holds copydesk to that list, running the built binary the way the acceptance
//! check does (`copydesk check --format json ../shared/seeds/*.txt`). The stories are not the
//! project's: they are read from beside the checkout, never copied into it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

fn seed(prefix: &str) -> PathBuf {
    let dir = seeds_dir();
    let found = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (the seeds stand beside the checkout)",
                dir.display()
            )
        })
        .map(|e| e.expect("entry").path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        });
    found.unwrap_or_else(|| panic!("no seed {prefix}_*.txt in {}", dir.display()))
}

/// (file prefix, 1-based line, rule) for every finding on the given files checked together.
fn findings(files: &[PathBuf]) -> BTreeSet<(String, usize, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--no-config", "--format", "json"])
        .args(files)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut set = BTreeSet::new();
    for line in String::from_utf8(out.stdout).expect("UTF-8").lines() {
        let v: Value = serde_json::from_str(line).expect("JSON line");
        let path = v["path"].as_str().expect("path");
        let prefix = Path::new(path).file_name().expect("file").to_string_lossy()[..3].to_string();
        let first = v["start"]["line"].as_u64().expect("line") as usize;
        let mut last = v["end"]["line"].as_u64().expect("line") as usize;
        if last > first && v["end"]["column"] == 1 {
            last -= 1;
        }
        for line in first..=last {
            set.insert((
                prefix.clone(),
                line,
                v["rule"].as_str().expect("rule").to_string(),
            ));
        }
    }
    set
}

fn all_seeds() -> Vec<PathBuf> {
    ["000", "001", "002", "003", "004"].map(seed).to_vec()
}

const MUST: &[(&str, &[usize], &str)] = &[
    ("000", &[3, 19, 21, 23, 25], "boilerplate"),
    ("000", &[9], "punctuation-spacing"),
    ("000", &[9], "abbreviation-consistency"),
    ("001", &[1, 5, 33], "boilerplate"),
    ("002", &[34, 35, 36], "boilerplate"),
    ("003", &[1, 5, 29, 30, 31, 32, 33, 34, 36], "boilerplate"),
    ("004", &[9, 15], "capitalization"),
    ("004", &[24, 25], "boilerplate"),
];

const MUST_NOT: &[(&str, &[usize], &[&str])] = &[
    ("000", &[1, 5], &["boilerplate", "capitalization"]),
    ("001", &[3, 9, 15], &["boilerplate", "capitalization"]),
    ("002", &[1, 26], &["boilerplate", "capitalization"]),
    ("003", &[3, 7], &["boilerplate", "capitalization"]),
    ("004", &[14], &["boilerplate", "capitalization"]),
];

#[test]
fn everything_the_readme_lists_is_flagged() {
    let found = findings(&all_seeds());
    let mut missing = Vec::new();
    for (file, lines, rule) in MUST {
        for line in *lines {
            if !found.contains(&(file.to_string(), *line, rule.to_string())) {
                missing.push(format!("{file}:{line} {rule}"));
            }
        }
    }
    assert!(missing.is_empty(), "not flagged: {missing:?}");
}

#[test]
fn nothing_the_readme_calls_copy_is_flagged() {
    let found = findings(&all_seeds());
    let mut wrong = Vec::new();
    for (file, lines, rules) in MUST_NOT {
        for line in *lines {
            for rule in *rules {
                if found.contains(&(file.to_string(), *line, rule.to_string())) {
                    wrong.push(format!("{file}:{line} {rule}"));
                }
            }
        }
    }
    // Body lines of 002 (2-31) are all copy: no boilerplate there.
    wrong.extend(
        found
            .iter()
            .filter(|(f, l, r)| f == "002" && (2..=31).contains(l) && r == "boilerplate")
            .map(|(f, l, r)| format!("{f}:{l} {r}")),
    );
    assert!(wrong.is_empty(), "flagged but copy: {wrong:?}");
}

#[test]
fn zelensky_and_zelenskyy_conflict_only_across_stories() {
    let together = findings(&all_seeds());
    let name_files: BTreeSet<&str> = together
        .iter()
        .filter(|(_, _, r)| r == "name-consistency")
        .map(|(f, _, _)| f.as_str())
        .collect();
    // The majority writes `Zelensky` (three stories); the two `Zelenskyy` stories are flagged.
    assert!(
        name_files.contains("000") && name_files.contains("004"),
        "{name_files:?}"
    );
    for file in all_seeds() {
        let alone = findings(std::slice::from_ref(&file));
        let names: Vec<_> = alone
            .iter()
            .filter(|(_, _, r)| r == "name-consistency")
            .collect();
        assert!(names.is_empty(), "{}: {names:?}", file.display());
    }
}
