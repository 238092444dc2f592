//! Names across stories: open documents conflicting with each other and with the stories of
//! the workspace folder, kept current as they are edited, and as files change on disk.

mod lsp_client;

use std::time::Duration;

use lsp_client::{TestClient, apply, edits_for, file_uri, pull_capabilities, vscode_capabilities};
use serde_json::{Value, json};

fn names(diagnostics: &[Value]) -> Vec<&Value> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == "name-consistency")
        .collect()
}

async fn replace_all(client: &TestClient, uri: &str, version: i64, text: &str) {
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        )
        .await;
}

const MONDAY: &str =
    "Volodymyr Zelenskyy spoke in the capital on Monday.\n\nZelenskyy later left for talks.\n";
const TUESDAY: &str = "Officials said Zelensky arrived late on Tuesday.\n";

#[tokio::test]
async fn two_stories_conflict_on_a_name_until_one_is_fixed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let monday = file_uri(&dir.path().join("monday.md"));
    let tuesday = file_uri(&dir.path().join("tuesday.md"));
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, Some(dir.path())).await;
    client.open(&monday, "markdown", MONDAY).await;
    assert_eq!(
        names(&client.diagnostics(&monday, Some(1)).await),
        Vec::<&Value>::new()
    );
    client.open(&tuesday, "markdown", TUESDAY).await;

    // The one `Zelensky` loses to the two `Zelenskyy`, with the other story's places attached.
    let flagged = client.diagnostics(&tuesday, Some(1)).await;
    let flagged = names(&flagged);
    assert_eq!(flagged.len(), 1, "{flagged:#?}");
    let related = flagged[0]["relatedInformation"]
        .as_array()
        .expect("related places");
    assert!(
        related
            .iter()
            .any(|r| r["location"]["uri"] == monday.as_str()),
        "{related:#?}"
    );

    let actions = client
        .code_actions(&tuesday, &flagged[0]["range"], None)
        .await;
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(
        titles.contains(&"Use `Zelenskyy` everywhere in the workspace"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Add `Zelensky` to the house style"),
        "{titles:?}"
    );
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a preferred fix");
    let (edits, version) = edits_for(&fix["edit"], &tuesday);
    assert_eq!(version, Some(1));
    let fixed = apply(TUESDAY, &edits, false);
    assert_eq!(fixed, "Officials said Zelenskyy arrived late on Tuesday.\n");
    replace_all(&client, &tuesday, 2, &fixed).await;
    assert_eq!(
        names(&client.diagnostics(&tuesday, Some(2)).await),
        Vec::<&Value>::new()
    );

    // Typing a variant in one story updates the other open story that now conflicts, though
    // nobody touched it: two `Zelensky` now outvote the one `Zelenskyy`.
    let retyped = MONDAY.replace("Zelenskyy", "Zelensky");
    replace_all(&client, &monday, 2, &retyped).await;
    let updated = client.diagnostics(&tuesday, Some(2)).await;
    assert_eq!(names(&updated).len(), 1, "{updated:#?}");
    client.shutdown().await;
}

#[tokio::test]
async fn a_spelling_everywhere_and_a_spelling_for_the_house_style() {
    let dir = tempfile::tempdir().expect("temp dir");
    let monday = file_uri(&dir.path().join("monday.md"));
    let tuesday = file_uri(&dir.path().join("tuesday.md"));
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, Some(dir.path())).await;
    client.open(&monday, "markdown", MONDAY).await;
    client.diagnostics(&monday, Some(1)).await;
    client.open(&tuesday, "markdown", TUESDAY).await;
    let flagged = loop {
        let d = client.diagnostics(&tuesday, Some(1)).await;
        if !names(&d).is_empty() {
            break d;
        }
    };
    let flagged = names(&flagged)[0].clone();
    let actions = client.code_actions(&tuesday, &flagged["range"], None).await;

    // Resolved, the workspace-wide action edits the story that needs it, at its version.
    let everywhere = actions
        .iter()
        .find(|a| a["title"] == "Use `Zelenskyy` everywhere in the workspace")
        .expect("workspace action");
    assert!(everywhere.get("edit").is_none(), "computed when chosen");
    let resolved = client
        .request("codeAction/resolve", everywhere.clone())
        .await;
    let (edits, version) = edits_for(&resolved["result"]["edit"], &tuesday);
    assert_eq!(version, Some(1));
    assert_eq!(
        apply(TUESDAY, &edits, false),
        "Officials said Zelenskyy arrived late on Tuesday.\n"
    );
    assert_eq!(
        edits_for(&resolved["result"]["edit"], &monday).0,
        Vec::<Value>::new()
    );

    // Adding the losing spelling to the house style makes it win: the other story is flagged.
    let add = actions
        .iter()
        .find(|a| a["title"] == "Add `Zelensky` to the house style")
        .expect("house style action");
    let command = &add["command"];
    let response = client
        .request(
            "workspace/executeCommand",
            json!({"command": command["command"], "arguments": command["arguments"]}),
        )
        .await;
    assert_eq!(response["result"], Value::Null, "{response}");
    let toml = std::fs::read_to_string(dir.path().join("copydesk.toml")).expect("created");
    assert!(toml.contains("preferred = [\"Zelensky\"]"), "{toml}");
    let monday_now = client.diagnostics(&monday, Some(1)).await;
    assert_eq!(names(&monday_now).len(), 2, "{monday_now:#?}");
    client.shutdown().await;
}

#[tokio::test]
async fn one_spelling_everywhere_in_a_story() {
    let story = "Officials said Zelenskyy spoke first.\n\nAides to Zelenskyy and Zelenskyy himself \
                 left.\n\nLater Zelensky met reporters, and Zelensky said little.\n";
    let uri = "file:///desk/one.md";
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, None).await;
    client.open(uri, "markdown", story).await;
    let diagnostics = client.diagnostics(uri, Some(1)).await;
    let flagged = names(&diagnostics);
    assert_eq!(flagged.len(), 2, "{diagnostics:#?}");
    let actions = client.code_actions(uri, &flagged[0]["range"], None).await;
    let everywhere = actions
        .iter()
        .find(|a| a["title"] == "Use `Zelenskyy` everywhere in this document")
        .expect("document-wide action");
    let (edits, version) = edits_for(&everywhere["edit"], uri);
    assert_eq!(version, Some(1));
    assert_eq!(
        apply(story, &edits, false),
        story.replace("Zelensky ", "Zelenskyy ")
    );
    client.shutdown().await;
}

#[tokio::test]
async fn stories_on_disk_count_and_follow_file_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = dir.path().join("archive.md");
    std::fs::write(&archive, "Zelensky spoke.\n\nLater Zelensky left.\n").expect("write");
    std::fs::create_dir(dir.path().join("target")).expect("mkdir");
    std::fs::write(
        dir.path().join("target/skipped.md"),
        "Zelenskyy Zelenskyy Zelenskyy\n",
    )
    .expect("write");
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, Some(dir.path())).await;

    // The scan reports its progress.
    let begin = client
        .expect(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin")
        .await;
    assert_eq!(begin["params"]["token"], "copydesk/scan");
    let end = client
        .expect(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end")
        .await;
    assert_eq!(end["params"]["value"]["message"], "1 story indexed");

    let today = file_uri(&dir.path().join("today.md"));
    client
        .open(&today, "markdown", "Officials said Zelenskyy arrived.\n")
        .await;
    let flagged = client.diagnostics(&today, Some(1)).await;
    let flagged = names(&flagged);
    assert_eq!(flagged.len(), 1, "{flagged:#?}");
    let related = flagged[0]["relatedInformation"].to_string();
    assert!(related.contains(&file_uri(&archive)), "{related}");

    // The archive story goes away: the conflict goes with it.
    std::fs::remove_file(&archive).expect("remove");
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(&archive), "type": 3}]}),
        )
        .await;
    assert_eq!(
        names(&client.diagnostics(&today, Some(1)).await),
        Vec::<&Value>::new()
    );
    client.shutdown().await;
}

#[tokio::test]
async fn pulling_clients_are_asked_to_refresh_when_another_story_changes_things() {
    let dir = tempfile::tempdir().expect("temp dir");
    let monday = file_uri(&dir.path().join("monday.md"));
    let tuesday = file_uri(&dir.path().join("tuesday.md"));
    let mut client = TestClient::start(pull_capabilities(), Value::Null, Some(dir.path())).await;
    client.open(&monday, "markdown", MONDAY).await;
    client
        .open(
            &tuesday,
            "markdown",
            &TUESDAY.replace("Zelensky", "Zelenskyy"),
        )
        .await;
    let before = client.pull(&tuesday, None).await;
    assert_eq!(
        names(before["items"].as_array().expect("items")),
        Vec::<&Value>::new()
    );
    replace_all(
        &client,
        &monday,
        2,
        &MONDAY.replace("Zelenskyy", "Zelensky"),
    )
    .await;
    assert!(
        client
            .arrives(
                |m| m["method"] == "workspace/diagnostic/refresh",
                Duration::from_secs(5)
            )
            .await
    );
    let after = client.pull(&tuesday, before["resultId"].as_str()).await;
    assert_eq!(after["kind"], "full");
    assert_eq!(
        names(after["items"].as_array().expect("items")).len(),
        1,
        "{after:#?}"
    );
    client.shutdown().await;
}

#[tokio::test]
async fn a_folder_leaving_the_workspace_takes_its_stories_along() {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).expect("mkdir");
    std::fs::write(
        archive.join("old.md"),
        "Zelensky spoke.\n\nLater Zelensky left.\n",
    )
    .expect("write");
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, Some(&archive)).await;
    client
        .expect(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end")
        .await;
    let today = file_uri(&dir.path().join("today.md"));
    client
        .open(&today, "markdown", "Officials said Zelenskyy arrived.\n")
        .await;
    assert_eq!(names(&client.diagnostics(&today, Some(1)).await).len(), 1);
    client
        .notify(
            "workspace/didChangeWorkspaceFolders",
            json!({"event": {"added": [], "removed": [{"uri": file_uri(&archive), "name": "archive"}]}}),
        )
        .await;
    assert_eq!(
        names(&client.diagnostics(&today, Some(1)).await),
        Vec::<&Value>::new()
    );
    client.shutdown().await;
}
