//! The built `copydesk` binary, run as a user or a CI job would run it.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    copydesk_with_stdin(dir, args, b"")
}

/// Runs the binary with `input` on its standard input.
fn copydesk_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // A run refused before it reads its input may close the pipe first.
    if let Err(e) = child.stdin.take().expect("a pipe").write_all(input) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child.wait_with_output().expect("the binary ends")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// A folder with the given files in it.
fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
    }
    dir
}

const SLIP: &[u8] = "The mayor thanked the crews for their work .\n".as_bytes();
const CLEAN: &[u8] = "The mayor thanked the crews for their work.\n".as_bytes();

#[test]
fn exit_codes_say_clean_findings_or_error() {
    let dir = folder(&[("clean.txt", CLEAN), ("slip.txt", SLIP)]);
    assert_eq!(
        copydesk(dir.path(), &["check", "clean.txt"]).status.code(),
        Some(0)
    );
    assert_eq!(
        copydesk(dir.path(), &["check", "slip.txt"]).status.code(),
        Some(1)
    );
    let missing = copydesk(dir.path(), &["check", "missing.txt", "slip.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("missing.txt: no such file or folder"));
    // The other file was still checked.
    assert!(stdout(&missing).contains("slip.txt:1:43"));
}

#[test]
fn human_output_reads_like_a_compiler() {
    let dir = folder(&[("slip.txt", SLIP)]);
    let out = stdout(&copydesk(dir.path(), &["check", "slip.txt"]));
    assert_eq!(
        out,
        "slip.txt:1:43: warning[punctuation-spacing]: Space before `.`\n  |\n1 | The mayor thanked the crews for their work .\n  |                                           ^^\n  = fix: Remove the space\n\n1 finding in 1 file (1 checked); 1 fixable with `copydesk fix`\n"
    );
}

#[test]
fn folders_give_markdown_and_text_files_only() {
    let dir = folder(&[
        ("a.md", SLIP),
        ("sub/b.txt", SLIP),
        ("c.html", SLIP),
        (".hidden/d.md", SLIP),
        ("node_modules/e.md", SLIP),
    ]);
    let out = stdout(&copydesk(dir.path(), &["check", "--format", "json"]));
    let paths: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("JSON")["path"]
                .as_str()
                .expect("path")
                .to_string()
        })
        .collect();
    assert_eq!(paths, ["a.md", "sub/b.txt"]);
}

#[test]
fn json_lines_have_exactly_the_documented_fields() {
    // The BOM counts in byte offsets, not in columns; `é` is two bytes, one column.
    let dir = folder(&[("s.txt", "\u{feff}Café owners met .\n".as_bytes())]);
    let out = copydesk(dir.path(), &["check", "--format", "json", "s.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let line = stdout(&out);
    let v: Value = serde_json::from_str(line.trim()).expect("one JSON line");
    let keys: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "byte_end",
            "byte_start",
            "end",
            "fixes",
            "message",
            "path",
            "rule",
            "severity",
            "start"
        ]
    );
    assert_eq!(v["path"], "s.txt");
    assert_eq!(v["rule"], "punctuation-spacing");
    assert_eq!(v["severity"], "warning");
    assert_eq!(v["start"], serde_json::json!({"line": 1, "column": 16}));
    assert_eq!(v["end"], serde_json::json!({"line": 1, "column": 18}));
    assert_eq!(v["byte_start"], 3 + 16);
    assert_eq!(v["byte_end"], 3 + 18);
    let edit = &v["fixes"][0]["edits"][0];
    assert_eq!(v["fixes"][0]["safe"], true);
    assert_eq!(
        (edit["byte_start"].as_u64(), edit["byte_end"].as_u64()),
        (Some(19), Some(20))
    );
    assert_eq!(edit["replacement"], "");
}

#[test]
fn sarif_is_a_2_1_0_log() {
    let dir = folder(&[("slip.txt", SLIP)]);
    let out = copydesk(dir.path(), &["check", "--format", "sarif", "slip.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "copydesk");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.iter().any(|r| r["id"] == "boilerplate"));
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "punctuation-spacing");
    assert_eq!(result["level"], "warning");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 1);
    assert_eq!(region["startColumn"], 43);
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "slip.txt"
    );
}

#[test]
fn bad_config_checks_nothing_and_names_file_line_and_key() {
    let dir = folder(&[
        (
            "copydesk.toml",
            b"[names]\npreferred = [\"Kyiv\"]\nspelings = []\n",
        ),
        ("slip.txt", SLIP),
    ]);
    let out = copydesk(dir.path(), &["check", "slip.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("copydesk.toml:3: `spelings`: unknown field"),
        "{err}"
    );
    assert!(stdout(&out).is_empty(), "nothing is checked");
}

#[test]
fn bad_regex_in_config_is_an_error() {
    let dir = folder(&[
        ("house.toml", b"[boilerplate]\npatterns = [\"(unclosed\"]\n"),
        ("slip.txt", SLIP),
    ]);
    let out = copydesk(dir.path(), &["check", "--config", "house.toml", "slip.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("house.toml:2: `boilerplate.patterns`: invalid regular expression"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn config_is_found_upward_and_no_config_ignores_it() {
    let dir = folder(&[
        (
            "copydesk.toml",
            b"[rules.punctuation-spacing]\nenabled = false\n",
        ),
        ("desk/stories/slip.txt", SLIP),
    ]);
    assert_eq!(
        copydesk(dir.path(), &["check", "desk/stories/slip.txt"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        copydesk(
            dir.path(),
            &["check", "--no-config", "desk/stories/slip.txt"]
        )
        .status
        .code(),
        Some(1)
    );
}

#[test]
fn non_utf8_file_is_named_and_the_rest_checked() {
    let dir = folder(&[("latin1.txt", b"Caf\xe9 .\n"), ("slip.txt", SLIP)]);
    let out = copydesk(
        dir.path(),
        &["check", "--format", "json", "latin1.txt", "slip.txt"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("latin1.txt: not valid UTF-8 (first bad byte at offset 3)"));
    assert_eq!(stdout(&out).lines().count(), 1);
}

#[test]
fn fix_keeps_crlf_bom_and_permissions() {
    let text = "\u{feff}First line .\r\nSecond  line.\r\n";
    let dir = folder(&[("s.txt", text.as_bytes())]);
    let path = dir.path().join("s.txt");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    let out = copydesk(dir.path(), &["fix", "s.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        "\u{feff}First line.\r\nSecond line.\r\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    // No temporary file is left behind.
    let names: Vec<_> = fs::read_dir(dir.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 1);
    // A second run has nothing to do.
    assert_eq!(
        copydesk(dir.path(), &["fix", "s.txt"]).status.code(),
        Some(0)
    );
}

#[test]
fn fix_diff_prints_and_writes_nothing() {
    let dir = folder(&[("slip.txt", SLIP)]);
    let out = copydesk(dir.path(), &["fix", "--diff", "slip.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let diff = stdout(&out);
    assert!(
        diff.starts_with("--- a/slip.txt\n+++ b/slip.txt\n@@"),
        "{diff}"
    );
    assert!(diff.contains("-The mayor thanked the crews for their work .\n+The mayor thanked the crews for their work.\n"));
    assert_eq!(fs::read(dir.path().join("slip.txt")).expect("read"), SLIP);
}

#[test]
fn rules_and_explain() {
    let dir = folder(&[]);
    let rules = stdout(&copydesk(dir.path(), &["rules"]));
    for id in [
        "name-consistency",
        "capitalization",
        "boilerplate",
        "punctuation-spacing",
    ] {
        assert!(rules.contains(id), "{rules}");
    }
    let explain = copydesk(dir.path(), &["explain", "punctuation-spacing"]);
    assert_eq!(explain.status.code(), Some(0));
    assert!(stdout(&explain).starts_with("# punctuation-spacing\n"));
    let unknown = copydesk(dir.path(), &["explain", "spelling"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("no rule `spelling`"));
}

#[test]
fn no_command_prints_help_and_exits_2() {
    let dir = folder(&[]);
    let bare = copydesk(dir.path(), &[]);
    assert_eq!(bare.status.code(), Some(2));
    assert!(
        stderr(&bare).contains("Usage: copydesk"),
        "{}",
        stderr(&bare)
    );
}

#[test]
fn check_reads_standard_input() {
    let dir = folder(&[]);
    let out = copydesk_with_stdin(dir.path(), &["check", "-"], SLIP);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with("<stdin>:1:43: "),
        "{}",
        stdout(&out)
    );
    // `--stdin-filename` names it, gives its format (Markdown: inline code is not prose)
    // and implies `-`.
    let markdown = "The mayor thanked the crews, and `x .` was their reply .\n";
    let out = copydesk_with_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "notes/story.md",
        ],
        markdown.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 1, "{}", stdout(&out));
    assert_eq!(lines[0]["path"], "notes/story.md");
    assert_eq!(lines[0]["start"]["column"], 55);
}

#[test]
fn copy_on_standard_input_stands_for_the_file_it_names() {
    let dir = folder(&[("desk/slip.txt", SLIP), ("desk/other.txt", CLEAN)]);
    // The file on disk has the slip; the editor's copy of it does not.
    let out = copydesk_with_stdin(
        dir.path(),
        &["check", "--stdin-filename", "desk/slip.txt", "-", "desk"],
        CLEAN,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("in 2 files"), "{}", stdout(&out));
    // The house style is looked for from the named file's folder.
    let dir = folder(&[(
        "desk/copydesk.toml",
        b"[rules.punctuation-spacing]\nenabled = false\n",
    )]);
    for (name, code) in [("desk/new.txt", 0), ("new.txt", 1)] {
        let out = copydesk_with_stdin(dir.path(), &["check", "--stdin-filename", name], SLIP);
        assert_eq!(out.status.code(), Some(code), "{name}: {}", stdout(&out));
    }
}

#[test]
fn fix_prints_the_copy_from_standard_input_fixed() {
    let dir = folder(&[]);
    let text = "\u{feff}First line .\r\nSecond  line.\r\n";
    let out = copydesk_with_stdin(dir.path(), &["fix", "-"], text.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "\u{feff}First line.\r\nSecond line.\r\n");
    // Copy with nothing to fix comes back as it went in, byte for byte.
    let out = copydesk_with_stdin(dir.path(), &["fix", "-"], CLEAN);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, CLEAN);
    let out = copydesk_with_stdin(dir.path(), &["fix", "--diff", "-"], SLIP);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with("--- a/<stdin>\n+++ b/<stdin>\n@@"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn standard_input_misused_or_not_utf8_is_an_error() {
    let dir = folder(&[("slip.txt", SLIP)]);
    let out = copydesk_with_stdin(dir.path(), &["fix", "-"], b"Caf\xe9 .\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no copy is printed");
    assert!(stderr(&out).contains("<stdin>: not valid UTF-8 (first bad byte at offset 3)"));
    let out = copydesk_with_stdin(dir.path(), &["check", "-", "-"], SLIP);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`-` (standard input) is given more than once"));
    let out = copydesk_with_stdin(
        dir.path(),
        &["check", "--stdin-filename", "a.txt", "slip.txt"],
        SLIP,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("but `-` is not among the paths"));
    assert!(out.stdout.is_empty(), "nothing is checked");
}
