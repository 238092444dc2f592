//! The house style in the editor: `copydesk.toml` from the workspace root, reloaded when it
//! changes, a broken file reported in itself while the last good style stays in force,
//! editor settings layered on top, and spellings added from the editor.

mod lsp_client;

use std::path::Path;
use std::time::Duration;

use lsp_client::{TestClient, file_uri, vscode_capabilities};
use serde_json::{Value, json};

const STORY: &str = "Leaders met for peace .\n";

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write file");
}

async fn file_changed(client: &TestClient, path: &Path) {
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(path), "type": 2}]}),
        )
        .await;
}

#[tokio::test]
async fn the_house_style_reloads_and_a_broken_one_keeps_the_last_good() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let toml = root.join("copydesk.toml");
    write(
        &toml,
        "# desk rules\n[rules.punctuation-spacing]\nseverity = \"error\"\n",
    );
    let uri = file_uri(&root.join("story.md"));
    let toml_uri = file_uri(&toml);
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, Some(root)).await;
    // The file watcher is registered with the client.
    let registration = client
        .expect(|m| {
            m["method"] == "client/registerCapability"
                && m["params"]["registrations"][0]["id"] == "copydesk-watch-files"
        })
        .await;
    let registrations = registration["params"]["registrations"].to_string();
    assert!(
        registrations.contains("workspace/didChangeWatchedFiles"),
        "{registrations}"
    );
    assert!(
        registrations.contains("**/copydesk.toml"),
        "{registrations}"
    );

    client.open(&uri, "markdown", STORY).await;
    assert_eq!(client.diagnostics(&uri, Some(1)).await[0]["severity"], 1);

    write(
        &toml,
        "# desk rules\n[rules.punctuation-spacing]\nseverity = \"hint\"\n",
    );
    file_changed(&client, &toml).await;
    assert_eq!(client.diagnostics(&uri, Some(1)).await[0]["severity"], 4);

    // Broken: reported in the file and in a message; the last good style stays.
    write(
        &toml,
        "# desk rules\n[rules.punctuation-spacing]\nseverity = \"loud\"\n",
    );
    file_changed(&client, &toml).await;
    let in_file = client.diagnostics(&toml_uri, None).await;
    assert_eq!(in_file.len(), 1);
    assert_eq!(in_file[0]["range"]["start"]["line"], 2);
    assert!(
        in_file[0]["message"]
            .as_str()
            .expect("message")
            .starts_with("`severity`"),
        "{in_file:#?}"
    );
    let shown = client.expect(|m| m["method"] == "window/showMessage").await;
    assert_eq!(shown["params"]["type"], 1);
    assert!(
        shown["params"]["message"]
            .as_str()
            .expect("text")
            .contains("copydesk.toml"),
        "{shown}"
    );
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 22}}),
        )
        .await;
    assert!(
        hover["result"].is_object(),
        "still checked with the last good style: {hover}"
    );
    assert!(
        !client
            .arrives(
                |m| m["params"]["uri"] == uri.as_str(),
                Duration::from_millis(300)
            )
            .await,
        "nothing changed for the story"
    );

    // Mended: the error clears and the new style applies.
    write(&toml, "[rules.punctuation-spacing]\nenabled = false\n");
    file_changed(&client, &toml).await;
    assert_eq!(
        client.diagnostics(&toml_uri, None).await,
        Vec::<Value>::new()
    );
    assert_eq!(client.diagnostics(&uri, Some(1)).await, Vec::<Value>::new());
    client.shutdown().await;
}

#[tokio::test]
async fn a_broken_house_style_at_start_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let toml = dir.path().join("copydesk.toml");
    write(&toml, "[names]\nprefered = [\"Kyiv\"]\n");
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, Some(dir.path())).await;
    let d = client.diagnostics(&file_uri(&toml), None).await;
    assert_eq!(d[0]["range"]["start"]["line"], 1);
    assert_eq!(d[0]["code"], "house-style");
    client.expect(|m| m["method"] == "window/showMessage").await;
    // Stories are still checked, with the built-in style.
    let uri = file_uri(&dir.path().join("story.md"));
    client.open(&uri, "markdown", STORY).await;
    assert_eq!(client.diagnostics(&uri, Some(1)).await.len(), 1);
    client.shutdown().await;
}

#[tokio::test]
async fn editor_settings_layer_over_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = json!({"copydesk": {"rules": {
        "punctuation-spacing": {"severity": "info"},
        "no-such-rule": {"enabled": false}
    }}});
    let uri = file_uri(&dir.path().join("story.txt"));
    let mut client = TestClient::start(vscode_capabilities(), options, Some(dir.path())).await;
    client.open(&uri, "plaintext", STORY).await;
    assert_eq!(client.diagnostics(&uri, Some(1)).await[0]["severity"], 3);
    // Without the outer key, through didChangeConfiguration.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"rules": {"punctuation-spacing": {"enabled": false}}}}),
        )
        .await;
    assert_eq!(client.diagnostics(&uri, Some(1)).await, Vec::<Value>::new());
    // A client that sends no settings is asked for them.
    *client.settings.lock().expect("settings") =
        json!({"rules": {"punctuation-spacing": {"enabled": true, "severity": "error"}}});
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": null}),
        )
        .await;
    assert_eq!(client.diagnostics(&uri, Some(1)).await[0]["severity"], 1);
    client.shutdown().await;
}

#[tokio::test]
async fn config_path_points_at_another_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("style")).expect("mkdir");
    write(
        &dir.path().join("style/desk.toml"),
        "[rules.punctuation-spacing]\nseverity = \"hint\"\n",
    );
    let options = json!({"configPath": "style/desk.toml"});
    let uri = file_uri(&dir.path().join("story.md"));
    let mut client = TestClient::start(vscode_capabilities(), options, Some(dir.path())).await;
    client.open(&uri, "markdown", STORY).await;
    assert_eq!(client.diagnostics(&uri, Some(1)).await[0]["severity"], 4);
    client.shutdown().await;
}

/// The watcher follows the house style in force: a new `configPath` outside the workspace
/// is registered (after the old watcher is unregistered), so saving it reloads it.
#[tokio::test]
async fn a_new_config_path_is_watched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = tempfile::tempdir().expect("another folder");
    let outside = desk.path().join("desk.toml");
    write(
        &outside,
        "[rules.punctuation-spacing]\nseverity = \"hint\"\n",
    );
    let uri = file_uri(&dir.path().join("story.md"));
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, Some(dir.path())).await;
    let watches = |m: &Value| {
        m["method"] == "client/registerCapability"
            && m["params"]["registrations"][0]["id"] == "copydesk-watch-files"
    };
    client.expect(watches).await;
    client.open(&uri, "markdown", STORY).await;
    assert_eq!(client.diagnostics(&uri, Some(1)).await[0]["severity"], 2);

    let settings = json!({"settings": {"copydesk": {"configPath": outside.to_str()}}});
    client
        .notify("workspace/didChangeConfiguration", settings)
        .await;
    client
        .expect(|m| {
            m["method"] == "client/unregisterCapability"
                && m["params"]["unregisterations"][0]["id"] == "copydesk-watch-files"
        })
        .await;
    let registered = client.expect(watches).await;
    let watchers = &registered["params"]["registrations"][0]["registerOptions"]["watchers"];
    let last = &watchers[watchers.as_array().map_or(0, Vec::len) - 1]["globPattern"];
    // An absolute path for a client that takes no relative patterns.
    assert_eq!(last.as_str(), outside.to_str(), "{registered}");
    assert_eq!(client.diagnostics(&uri, Some(1)).await[0]["severity"], 4);

    write(
        &outside,
        "[rules.punctuation-spacing]\nseverity = \"error\"\n",
    );
    file_changed(&client, &outside).await;
    assert_eq!(client.diagnostics(&uri, Some(1)).await[0]["severity"], 1);
    client.shutdown().await;
}

#[tokio::test]
async fn adding_to_the_house_style_creates_or_edits_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let toml = dir.path().join("copydesk.toml");
    let mut client = TestClient::start(vscode_capabilities(), Value::Null, Some(dir.path())).await;
    let add = |spelling: &str| json!({"command": "copydesk.addToHouseStyle", "arguments": [{"spelling": spelling}]});
    let response = client
        .request("workspace/executeCommand", add("Zelenskyy"))
        .await;
    assert_eq!(response["result"], Value::Null, "{response}");
    let created = std::fs::read_to_string(&toml).expect("created");
    assert!(
        created.ends_with("[names]\npreferred = [\"Zelenskyy\"]\n"),
        "{created}"
    );
    let style = copydesk::HouseStyle::load(&toml).expect("a valid house style");
    assert_eq!(style.settings().preferred, ["Zelenskyy"]);

    write(
        &toml,
        "# Our desk\n[names]\n# house spellings\npreferred = [\n    \"Kyiv\",\n]\n",
    );
    client
        .request("workspace/executeCommand", add("Zelenskyy"))
        .await;
    assert_eq!(
        std::fs::read_to_string(&toml).expect("edited"),
        "# Our desk\n[names]\n# house spellings\npreferred = [\n    \"Kyiv\",\n    \"Zelenskyy\",\n]\n"
    );
    let bad = client
        .request(
            "workspace/executeCommand",
            json!({"command": "copydesk.addToHouseStyle", "arguments": []}),
        )
        .await;
    assert_eq!(bad["error"]["code"], -32602);
    client.shutdown().await;
}
