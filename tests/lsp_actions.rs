//! Code actions and commands, applied: every kind, with the text after checked; versioned
//! edits; stale requests; fix-all as a source action, a resolved action and a command.

mod lsp_client;

use lsp_client::{TestClient, apply, edits_for, range, vscode_capabilities};
use serde_json::{Value, json};

const URI: &str = "file:///desk/story.md";
const STORY: &str = "# Talks\n\nLeaders met for peace .\n  Talks  ended .\n";

async fn opened(caps: Value) -> (TestClient, Vec<Value>) {
    let mut client = TestClient::start(caps, Value::Null, None).await;
    client.open(URI, "markdown", STORY).await;
    let diagnostics = client.diagnostics(URI, Some(1)).await;
    assert_eq!(diagnostics.len(), 3, "{diagnostics:#?}");
    (client, diagnostics)
}

fn titled<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no action `{title}` in {actions:#?}"))
}

/// The text after applying an action's edit (which must be stamped with `version`).
fn applied(action: &Value, version: i64) -> String {
    let (edits, stamped) = edits_for(&action["edit"], URI);
    assert_eq!(stamped, Some(version), "{action:#?}");
    apply(STORY, &edits, false)
}

#[tokio::test]
async fn every_quick_fix_applies() {
    let (mut client, diagnostics) = opened(vscode_capabilities()).await;
    let first = &diagnostics[0];
    let actions = client.code_actions(URI, &first["range"], None).await;
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            "Remove the space",
            "Fix all punctuation-spacing in this document",
            "Ignore punctuation-spacing on this line",
            "Apply all safe copydesk fixes",
        ]
    );
    let fix = titled(&actions, "Remove the space");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["range"], first["range"]);
    assert_eq!(
        applied(fix, 1),
        "# Talks\n\nLeaders met for peace.\n  Talks  ended .\n"
    );

    let all = titled(&actions, "Fix all punctuation-spacing in this document");
    assert!(all.get("edit").is_none(), "computed when chosen");
    let all = client.request("codeAction/resolve", all.clone()).await;
    assert_eq!(
        applied(&all["result"], 1),
        "# Talks\n\nLeaders met for peace.\n  Talks ended.\n"
    );

    // Ignoring goes above the line, indented like it, and the finding is gone after.
    let last = &diagnostics[2];
    let here = client.code_actions(URI, &last["range"], None).await;
    let ignore = titled(&here, "Ignore punctuation-spacing on this line");
    let ignored = applied(ignore, 1);
    assert_eq!(
        ignored,
        "# Talks\n\nLeaders met for peace .\n  <!-- copydesk-disable-next-line punctuation-spacing -->\n  Talks  ended .\n"
    );
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": ignored}]}),
        )
        .await;
    let left = client.diagnostics(URI, Some(2)).await;
    assert_eq!(left.len(), 1, "{left:#?}");
    assert_eq!(left[0]["range"], range(2, 21, 2, 23));
    client.shutdown().await;
}

#[tokio::test]
async fn safe_fix_all_resolves_to_a_fixpoint() {
    let (mut client, _) = opened(vscode_capabilities()).await;
    let everything = range(0, 0, 4, 0);
    let only = client
        .code_actions(URI, &everything, Some(json!(["source.fixAll"])))
        .await;
    assert_eq!(only.len(), 1, "{only:#?}");
    let action = &only[0];
    assert_eq!(action["kind"], "source.fixAll.copydesk");
    assert!(action.get("edit").is_none(), "computed only when resolved");
    let resolved = client.request("codeAction/resolve", action.clone()).await;
    let fixed = applied(&resolved["result"], 1);
    assert_eq!(fixed, "# Talks\n\nLeaders met for peace.\n  Talks ended.\n");
    assert_eq!(
        fixed,
        copydesk::fix(
            STORY,
            copydesk::Format::Markdown,
            &copydesk::HouseStyle::default()
        )
    );
    // Quick fixes only: no source action.
    let quick = client
        .code_actions(URI, &everything, Some(json!(["quickfix"])))
        .await;
    assert!(quick.iter().all(|a| a["kind"] == "quickfix"), "{quick:#?}");
    client.shutdown().await;
}

#[tokio::test]
async fn fix_all_command_sends_apply_edit() {
    let (mut client, _) = opened(vscode_capabilities()).await;
    let response = client
        .request(
            "workspace/executeCommand",
            json!({"command": "copydesk.fixAll", "arguments": [URI]}),
        )
        .await;
    assert_eq!(response["result"], Value::Null, "{response}");
    let request = client
        .expect(|m| m["method"] == "workspace/applyEdit")
        .await;
    let (edits, version) = edits_for(&request["params"]["edit"], URI);
    assert_eq!(version, Some(1));
    assert_eq!(
        apply(STORY, &edits, false),
        "# Talks\n\nLeaders met for peace.\n  Talks ended.\n"
    );
    // Bad arguments are refused with an error.
    let bad = client
        .request(
            "workspace/executeCommand",
            json!({"command": "copydesk.fixAll", "arguments": [3]}),
        )
        .await;
    assert_eq!(bad["error"]["code"], -32602);
    client.shutdown().await;
}

#[tokio::test]
async fn a_stale_request_gets_no_edits() {
    let (mut client, diagnostics) = opened(vscode_capabilities()).await;
    let everything = range(0, 0, 4, 0);
    let old = client
        .code_actions(URI, &everything, Some(json!(["source"])))
        .await;
    // The document moves on before the action is resolved.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2},
                   "contentChanges": [{"range": range(0, 0, 0, 0), "text": "New "}]}),
        )
        .await;
    let resolved = client.request("codeAction/resolve", old[0].clone()).await;
    assert!(resolved["result"].get("edit").is_none(), "{resolved:#?}");
    // Actions asked for now are built on version 2 and stamped with it, whatever stale
    // diagnostics the client sends along.
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": diagnostics[0]["range"],
                   "context": {"diagnostics": [diagnostics[0]]}}),
        )
        .await;
    let fix = titled(
        actions["result"].as_array().expect("actions"),
        "Remove the space",
    );
    let (_, version) = edits_for(&fix["edit"], URI);
    assert_eq!(version, Some(2));
    client.shutdown().await;
}

#[tokio::test]
async fn plain_changes_without_document_changes_and_a_command_without_resolve() {
    let mut caps = vscode_capabilities();
    caps["workspace"]["workspaceEdit"] = json!({});
    caps["textDocument"]["codeAction"]["resolveSupport"] = Value::Null;
    let (mut client, diagnostics) = opened(caps).await;
    let actions = client
        .code_actions(URI, &diagnostics[1]["range"], None)
        .await;
    let fix = titled(&actions, "Use one space");
    assert!(fix["edit"].get("documentChanges").is_none());
    let (edits, _) = edits_for(&fix["edit"], URI);
    assert_eq!(
        apply(STORY, &edits, false),
        "# Talks\n\nLeaders met for peace .\n  Talks ended .\n"
    );
    let rule = titled(&actions, "Fix all punctuation-spacing in this document");
    let (edits, _) = edits_for(&rule["edit"], URI);
    assert_eq!(
        apply(STORY, &edits, false),
        "# Talks\n\nLeaders met for peace.\n  Talks ended.\n"
    );
    let fix_all = titled(&actions, "Apply all safe copydesk fixes");
    assert_eq!(fix_all["command"]["command"], "copydesk.fixAll");
    assert_eq!(fix_all["command"]["arguments"], json!([URI]));
    client.shutdown().await;
}
