//! The house style the server checks with: the same `copydesk.toml` as the CLI, with the
//! editor's settings layered over it, and the one edit the server makes to that file (adding
//! a preferred spelling, keeping the file's comments and layout).
//!
//! Editor settings come through `initializationOptions` and
//! `workspace/didChangeConfiguration`, shaped
//! `{"copydesk": {"configPath": "...", "rules": {"<rule-id>": {"enabled": true, "severity": "hint"}}}}`
//! (the outer `"copydesk"` key may be left out).

use std::path::{Path, PathBuf};

use serde_json::Value;
use toml_edit::{Array, DocumentMut, Item, Table, Value as TomlValue};

use crate::finding::Severity;
use crate::rules::Rule;
use crate::style::{FILE_NAME, HouseStyle, RuleSettings, StyleError};

/// What the editor asked for on top of the house style file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EditorSettings {
    /// A house style file to use instead of discovering one; relative to the workspace root.
    pub config_path: Option<PathBuf>,
    pub rules: Vec<(Rule, RuleOverride)>,
}

/// One rule's editor setting; `None` keeps what the file says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RuleOverride {
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
}

/// Reads editor settings, leniently: what is malformed or unknown is logged and ignored.
/// Returns `None` when `value` holds no copydesk settings at all (`null`, `{}` or another
/// tool's section), so that a client's empty answer does not wipe settings it sent before.
pub fn parse_settings(value: &Value) -> Option<EditorSettings> {
    let section = match value.get("copydesk") {
        Some(inner) => inner,
        None => value,
    };
    let object = section.as_object()?;
    if !object.contains_key("configPath") && !object.contains_key("rules") {
        return None;
    }
    let mut settings = EditorSettings::default();
    match object.get("configPath") {
        Some(Value::String(path)) if !path.trim().is_empty() => {
            settings.config_path = Some(PathBuf::from(path));
        }
        Some(Value::String(_) | Value::Null) | None => {}
        Some(other) => tracing::warn!(%other, "`configPath` is not a string; ignored"),
    }
    let Some(rules) = object.get("rules") else {
        return Some(settings);
    };
    let Some(rules) = rules.as_object() else {
        tracing::warn!("`rules` is not an object; ignored");
        return Some(settings);
    };
    for (id, setting) in rules {
        // Only rules copydesk knows are configured.
        let Some(rule) = Rule::from_id(id) else {
            tracing::warn!(rule = %id, "unknown rule id in editor settings; ignored");
            continue;
        };
        let enabled = setting.get("enabled").and_then(Value::as_bool);
        let severity = setting.get("severity").and_then(|s| {
            let parsed = s.as_str().and_then(Severity::parse);
            if parsed.is_none() {
                tracing::warn!(rule = %id, severity = %s, "unknown severity; ignored");
            }
            parsed
        });
        settings
            .rules
            .push((rule, RuleOverride { enabled, severity }));
    }
    Some(settings)
}

/// Layers editor settings over a compiled house style.
pub fn layer(style: &mut HouseStyle, settings: &EditorSettings) {
    for &(rule, over) in &settings.rules {
        let current = style.rule(rule);
        style.set_rule(
            rule,
            RuleSettings {
                enabled: over.enabled.unwrap_or(current.enabled),
                severity: over.severity.unwrap_or(current.severity),
            },
        );
    }
}

/// The house style file to use: the editor's `configPath` (relative to the workspace root),
/// else the nearest `copydesk.toml` from the workspace root (or, with no workspace, from the
/// first document's folder) upward. `None` means the built-in style.
pub fn locate(settings: &EditorSettings, root: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = &settings.config_path {
        return Some(match root {
            Some(root) if path.is_relative() => root.join(path),
            _ => path.clone(),
        });
    }
    HouseStyle::discover(root?)
}

/// Reads a house style file. The source is returned with the style so that it can be kept as
/// the last good configuration.
pub fn read(path: &Path) -> Result<(HouseStyle, String), StyleError> {
    match std::fs::read_to_string(path) {
        Ok(source) => HouseStyle::from_toml(&source, Some(path)).map(|style| (style, source)),
        // The core words the error as the CLI shows it.
        Err(_) => HouseStyle::load(path).map(|style| (style, String::new())),
    }
}

/// Where a new house style file goes: the workspace root.
pub fn default_path(root: &Path) -> PathBuf {
    root.join(FILE_NAME)
}

const NEW_FILE_HEADER: &str = "\
# copydesk house style: what this desk has decided.
# `copydesk rules` lists the rules; `copydesk explain RULE` explains one.

";

/// Adds `spelling` to `[names] preferred`, keeping the rest of the file as written. Returns
/// the new source, or `None` when the spelling is already there.
pub fn add_preferred(source: &str, spelling: &str) -> Result<Option<String>, String> {
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    let fresh = source.trim().is_empty();
    let names = doc
        .entry("names")
        .or_insert_with(|| Item::Table(Table::new()));
    let Some(names) = names.as_table_like_mut() else {
        return Err("`names` is not a table".into());
    };
    let preferred = names
        .entry("preferred")
        .or_insert(Item::Value(TomlValue::Array(Array::new())));
    let Some(array) = preferred.as_array_mut() else {
        return Err("`names.preferred` is not a list".into());
    };
    if array.iter().any(|v| v.as_str() == Some(spelling)) {
        return Ok(None);
    }
    push_like_the_others(array, spelling);
    let out = doc.to_string();
    Ok(Some(if fresh {
        format!("{NEW_FILE_HEADER}{out}")
    } else {
        out
    }))
}

/// Pushes a string, laid out like the items already there (one per line stays one per line).
fn push_like_the_others(array: &mut Array, spelling: &str) {
    let prefix = array
        .iter()
        .last()
        .and_then(|v| v.decor().prefix())
        .and_then(|p| p.as_str())
        .map(str::to_string);
    array.push(spelling);
    if let (Some(prefix), Some(last)) = (prefix, array.iter_mut().last()) {
        last.decor_mut().set_prefix(prefix);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_with_and_without_the_outer_key() {
        let inner = json!({"configPath": "style/desk.toml",
            "rules": {"boilerplate": {"enabled": false}, "capitalization": {"severity": "hint"},
                      "spelling": {"enabled": false}, "name-consistency": {"severity": "loud"}}});
        let a = parse_settings(&json!({ "copydesk": inner.clone() })).expect("settings");
        let b = parse_settings(&inner).expect("settings");
        assert_eq!(a, b);
        assert_eq!(a.config_path, Some(PathBuf::from("style/desk.toml")));
        assert_eq!(
            a.rules,
            vec![
                (
                    Rule::Boilerplate,
                    RuleOverride {
                        enabled: Some(false),
                        severity: None
                    }
                ),
                (
                    Rule::Capitalization,
                    RuleOverride {
                        enabled: None,
                        severity: Some(Severity::Hint)
                    }
                ),
                (Rule::NameConsistency, RuleOverride::default()),
            ]
        );
        assert_eq!(parse_settings(&json!({})), None);
        assert_eq!(parse_settings(&Value::Null), None);
        assert_eq!(parse_settings(&json!({"other-tool": {"x": 1}})), None);
    }

    #[test]
    fn layering_keeps_what_the_editor_leaves_out() {
        let mut style =
            HouseStyle::from_toml("[rules.boilerplate]\nseverity = \"error\"\n", None).expect("ok");
        let settings = parse_settings(&json!({"rules": {"boilerplate": {"enabled": false}}}))
            .expect("settings");
        layer(&mut style, &settings);
        assert!(!style.is_enabled(Rule::Boilerplate));
        assert_eq!(style.rule(Rule::Boilerplate).severity, Severity::Error);
    }

    #[test]
    fn adding_a_spelling_keeps_comments_and_layout() {
        let source = "# Our desk\n[names]\n# house spellings\npreferred = [\n    \"Kyiv\",\n]\n\n[words]\nignore = [\"copydesk\"] # tools\n";
        let out = add_preferred(source, "Zelenskyy")
            .expect("valid")
            .expect("added");
        assert_eq!(
            out,
            "# Our desk\n[names]\n# house spellings\npreferred = [\n    \"Kyiv\",\n    \"Zelenskyy\",\n]\n\n[words]\nignore = [\"copydesk\"] # tools\n"
        );
        assert_eq!(add_preferred(&out, "Kyiv"), Ok(None));
        HouseStyle::from_toml(&out, None).expect("still a valid house style");
    }

    #[test]
    fn adding_to_a_file_without_names() {
        let out = add_preferred("[words]\nignore = []\n", "Kyiv")
            .expect("valid")
            .expect("added");
        assert_eq!(
            out,
            "[words]\nignore = []\n\n[names]\npreferred = [\"Kyiv\"]\n"
        );
        let fresh = add_preferred("", "Kyiv").expect("valid").expect("added");
        assert!(fresh.starts_with("# copydesk house style"));
        assert!(fresh.ends_with("[names]\npreferred = [\"Kyiv\"]\n"));
        HouseStyle::from_toml(&fresh, None).expect("valid house style");
        assert!(add_preferred("names = 3\n", "Kyiv").is_err());
        assert!(add_preferred("[names\n", "Kyiv").is_err());
    }
}
