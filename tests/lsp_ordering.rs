//! Edits land in wire order: 500 incremental edits sent back to back (emoji, CRLF, edits that
//! join a `\r` and a `\n` into one break or split a pair apart), then the server's findings are
//! compared with a fresh open of the final text and with the core run on that text.

mod dice;
mod lsp_client;

use dice::Dice;
use lsp_client::{TestClient, apply, file_uri, offset, position, vscode_capabilities};
use serde_json::{Value, json};

const PIECES: [&str; 16] = [
    "🕊️",
    "é",
    "\r\n",
    "\r",
    "\n",
    " .",
    "peace .",
    "“talks”",
    "a",
    "  ",
    "x\r",
    "\ny",
    "Zelensky ",
    "👩‍⚕️",
    " ,",
    "",
];

/// The lines of `text` per LSP (`\n`, `\r\n` and `\r` all end one): each line's start and
/// the end of its content.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line = 0;
    loop {
        let start = offset(text, line, 0, false);
        let end = offset(text, line, u64::MAX, false);
        out.push((start, end));
        if end >= text.len() {
            return out;
        }
        line += 1;
    }
}

/// A random edit: a range (in UTF-16 positions) and the text replacing it.
fn random_edit(text: &str, dice: &mut Dice) -> (Value, String) {
    let lines = lines(text);
    let at_char = |dice: &mut Dice, line: usize| -> u64 {
        let (start, end) = lines[line];
        let chars: Vec<usize> = text[start..end]
            .char_indices()
            .map(|(i, _)| i)
            .chain([end - start])
            .collect();
        let i = chars[dice.roll(chars.len())];
        text[start..start + i].encode_utf16().count() as u64
    };
    let pos = |line: usize, character: u64| json!({"line": line, "character": character});
    let l1 = dice.roll(lines.len());
    let line_len = |l: usize| text[lines[l].0..lines[l].1].encode_utf16().count() as u64;
    match dice.roll(10) {
        // Join: a `\r` at the end of a line (before its break), or a `\n` at the start of a line.
        0 => (
            json!({"start": pos(l1, line_len(l1)), "end": pos(l1, line_len(l1))}),
            "\r".into(),
        ),
        1 => (json!({"start": pos(l1, 0), "end": pos(l1, 0)}), "\n".into()),
        // Split: replace a whole line break with `\r`, text, `\n`.
        2 if l1 + 1 < lines.len() => (
            json!({"start": pos(l1, line_len(l1)), "end": pos(l1 + 1, 0)}),
            format!("\r{}\n", PIECES[dice.roll(PIECES.len())]),
        ),
        // Out of range, clamped by both sides: past the end of a line, past the last line.
        3 => (
            json!({"start": pos(l1, 999), "end": pos(l1, 1500)}),
            " peace .".into(),
        ),
        4 => (
            json!({"start": pos(lines.len() + 3, 0), "end": pos(lines.len() + 3, 9)}),
            "\r\nTalks resumed .".into(),
        ),
        roll => {
            let c1 = at_char(dice, l1);
            // Half of the rest insert only, so the text grows.
            let (l2, c2) = if roll % 2 == 0 {
                (l1, c1)
            } else {
                let l2 = (l1 + dice.roll(2)).min(lines.len() - 1);
                (l2, at_char(dice, l2))
            };
            let (a, b) = if (l1 as u64, c1) <= (l2 as u64, c2) {
                ((l1, c1), (l2, c2))
            } else {
                ((l2, c2), (l1, c1))
            };
            let insert: String = (0..dice.roll(3))
                .map(|_| PIECES[dice.roll(PIECES.len())])
                .collect();
            (
                json!({"start": pos(a.0, a.1), "end": pos(b.0, b.1)}),
                insert,
            )
        }
    }
}

/// Findings as the test compares them: range, rule and message.
fn comparable(diagnostics: &[Value]) -> Vec<(Value, Value, Value)> {
    diagnostics
        .iter()
        .map(|d| (d["range"].clone(), d["code"].clone(), d["message"].clone()))
        .collect()
}

#[tokio::test]
async fn five_hundred_edits_back_to_back_land_in_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let edited = file_uri(&dir.path().join("edited.md"));
    let fresh = file_uri(&dir.path().join("fresh.md"));
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, None).await;
    let mut text = String::from(
        "# Talks 🕊️\r\n\r\nLeaders met for peace .\r\nCafé “owner” said\rmore ,\nthen  left.\n",
    );
    client.open(&edited, "markdown", &text).await;
    let mut dice = Dice(0x5eed_c0de_cafe_f00d);
    for version in 2..=501 {
        // Now and then, several changes in one notification (each relative to the last).
        let mut changes = Vec::new();
        for _ in 0..1 + usize::from(dice.roll(10) == 0) * 2 {
            let (range, insert) = random_edit(&text, &mut dice);
            text = apply(&text, &[json!({"range": range, "newText": insert})], false);
            changes.push(json!({"range": range, "text": insert}));
        }
        client
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": edited, "version": version}, "contentChanges": changes}),
            )
            .await;
    }
    let after_edits = client.diagnostics(&edited, Some(501)).await;
    // Whatever was published on the way came in order, one version at most once: an older
    // check never published after a newer one.
    let versions: Vec<i64> = client
        .received()
        .filter(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == edited.as_str()
        })
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert!(versions.iter().all(|&v| v < 501), "{versions:?}");
    client.open(&fresh, "markdown", &text).await;
    let after_open = client.diagnostics(&fresh, Some(1)).await;
    assert!(
        after_open.len() >= 3,
        "the final text should have findings to compare: {text:?}"
    );
    assert_eq!(
        comparable(&after_edits),
        comparable(&after_open),
        "final text: {text:?}"
    );

    // And both agree with the core on the text this side holds, through this side's own
    // position arithmetic.
    let style = copydesk::HouseStyle::default();
    let core: Vec<_> = copydesk::check(&text, copydesk::Format::Markdown, &style)
        .into_iter()
        .map(|f| {
            let (l1, c1) = position(&text, f.span.start, false);
            let (l2, c2) = position(&text, f.span.end, false);
            lsp_client::range(l1, c1, l2, c2)
        })
        .collect();
    let ranges: Vec<Value> = after_edits.iter().map(|d| d["range"].clone()).collect();
    assert_eq!(ranges, core, "final text: {text:?}");
    client.shutdown().await;
}
