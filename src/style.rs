//! The house style: what a desk has decided, read from `copydesk.toml`.
//!
//! Built-in defaults (variant families of names in international news, brand spellings,
//! boilerplate cues) are embedded in the binary, so everything works with no file. A
//! `copydesk.toml` found from the checked file's folder upward adds to them and overrides
//! them. Every list and pattern is compiled once here, never per check.
//!
//! The schema is documented key by key in `docs/configuration.md`; unknown keys are errors,
//! because a misspelt key that is silently ignored is a house rule silently not applied.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::finding::Severity;
use crate::rules::{Rule, boilerplate, capitalization, name_consistency};

/// The name of the house style file.
pub const FILE_NAME: &str = "copydesk.toml";

/// A problem with a house style file. Names the file, the line and the key where it can.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StyleError {
    pub path: Option<PathBuf>,
    /// 1-based.
    pub line: Option<usize>,
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for StyleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{}", path.display())?,
            None => f.write_str(FILE_NAME)?,
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        f.write_str(": ")?;
        if let Some(key) = &self.key {
            write!(f, "`{key}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for StyleError {}

/// `copydesk.toml` as written. Every field is optional; defaults live in [`HouseStyle`].
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub names: Option<NamesConfig>,
    pub words: Option<WordsConfig>,
    pub capitalization: Option<CapitalizationConfig>,
    pub boilerplate: Option<BoilerplateConfig>,
    pub rules: Option<RulesConfig>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamesConfig {
    /// Spellings that win over every other spelling of the same name.
    pub preferred: Option<Vec<String>>,
    /// Extra families of spellings that are one name (`["Kharkiv", "Kharkov"]`). The first
    /// entry is the house spelling unless `preferred` names another.
    pub families: Option<Vec<Vec<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordsConfig {
    /// Words no rule flags.
    pub ignore: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapitalizationConfig {
    /// The house casing of brands and terms (`WordPress`, or `Nato` for a desk that writes it
    /// so). Overrides the built-in list for the same word.
    pub terms: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoilerplateConfig {
    /// Phrases that mark a line as page furniture, matched case-insensitively.
    pub phrases: Option<Vec<String>>,
    /// Regular expressions matched against each whole line (trimmed).
    pub patterns: Option<Vec<Spanned<String>>>,
    /// False where the desk's own stories carry a byline and a date line: those are copy.
    pub bylines: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesConfig {
    #[serde(rename = "name-consistency")]
    pub name_consistency: Option<RuleConfig>,
    pub capitalization: Option<RuleConfig>,
    pub boilerplate: Option<RuleConfig>,
    #[serde(rename = "punctuation-spacing")]
    pub punctuation_spacing: Option<RuleConfig>,
    #[serde(rename = "abbreviation-consistency")]
    pub abbreviation_consistency: Option<RuleConfig>,
}

impl RulesConfig {
    fn get(&self, rule: Rule) -> Option<&RuleConfig> {
        match rule {
            Rule::NameConsistency => self.name_consistency.as_ref(),
            Rule::Capitalization => self.capitalization.as_ref(),
            Rule::Boilerplate => self.boilerplate.as_ref(),
            Rule::PunctuationSpacing => self.punctuation_spacing.as_ref(),
            Rule::AbbreviationConsistency => self.abbreviation_consistency.as_ref(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    pub enabled: Option<bool>,
    pub severity: Option<SeverityName>,
}

/// A severity as written in the file.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SeverityName {
    Error,
    Warning,
    Info,
    Hint,
}

impl From<SeverityName> for Severity {
    fn from(s: SeverityName) -> Self {
        match s {
            SeverityName::Error => Severity::Error,
            SeverityName::Warning => Severity::Warning,
            SeverityName::Info => Severity::Info,
            SeverityName::Hint => Severity::Hint,
        }
    }
}

/// The house style's word lists, as plain data: the file's additions to the built-in lists.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub preferred: Vec<String>,
    pub families: Vec<Vec<String>>,
    pub ignore: Vec<String>,
    pub terms: Vec<String>,
    pub boilerplate_phrases: Vec<String>,
    /// Each pattern with the 1-based line it stands on, for error messages.
    pub boilerplate_patterns: Vec<(String, Option<usize>)>,
    /// Bylines and timestamps are the desk's own copy (`[boilerplate] bylines = false`).
    pub keep_bylines: bool,
}

/// Whether a rule runs, and how loud it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleSettings {
    pub enabled: bool,
    pub severity: Severity,
}

/// A compiled house style: built-in defaults plus one `copydesk.toml`.
#[derive(Debug)]
#[allow(dead_code, reason = "each rule reads its lexicon once it is built")]
pub struct HouseStyle {
    pub(crate) settings: Settings,
    pub(crate) names: name_consistency::Lexicon,
    pub(crate) capitalization: capitalization::Lexicon,
    pub(crate) boilerplate: boilerplate::Lexicon,
    rules: Vec<RuleSettings>,
    source: Option<PathBuf>,
}

impl Default for HouseStyle {
    /// The built-in house style, with no file.
    fn default() -> Self {
        HouseStyle::from_settings(Settings::default(), &RulesConfig::default(), None)
            .expect("the built-in house style compiles")
    }
}

impl HouseStyle {
    /// Parses and compiles a `copydesk.toml`. `path` is only used in error messages and
    /// [`HouseStyle::source`].
    pub fn from_toml(source: &str, path: Option<&Path>) -> Result<HouseStyle, StyleError> {
        let err = |line: Option<usize>, key: Option<String>, message: String| StyleError {
            path: path.map(Path::to_path_buf),
            line,
            key,
            message,
        };
        let config: Config = toml::from_str(source).map_err(|e| {
            let line = e.span().map(|s| line_of(source, s.start));
            let message = e.message().trim().to_string();
            let key =
                unknown_key(&message).or_else(|| e.span().and_then(|s| key_at(source, s.start)));
            err(line, key, message)
        })?;
        let mut settings = Settings::default();
        if let Some(names) = config.names {
            settings.preferred = names.preferred.unwrap_or_default();
            settings.families = names.families.unwrap_or_default();
        }
        if let Some(words) = config.words {
            settings.ignore = words.ignore.unwrap_or_default();
        }
        if let Some(cap) = config.capitalization {
            settings.terms = cap.terms.unwrap_or_default();
        }
        if let Some(bp) = config.boilerplate {
            settings.boilerplate_phrases = bp.phrases.unwrap_or_default();
            settings.boilerplate_patterns = bp
                .patterns
                .unwrap_or_default()
                .into_iter()
                .map(|p| {
                    let line = line_of(source, p.span().start);
                    (p.into_inner(), Some(line))
                })
                .collect();
            settings.keep_bylines = bp.bylines == Some(false);
        }
        let rules = config.rules.unwrap_or_default();
        HouseStyle::from_settings(settings, &rules, path).map_err(|mut e| {
            e.path = path.map(Path::to_path_buf);
            e
        })
    }

    /// Compiles settings. Fails only on a pattern that does not compile.
    pub fn from_settings(
        settings: Settings,
        rules: &RulesConfig,
        path: Option<&Path>,
    ) -> Result<HouseStyle, StyleError> {
        let rules = Rule::ALL
            .iter()
            .map(|&rule| {
                let config = rules.get(rule).copied().unwrap_or_default();
                RuleSettings {
                    enabled: config.enabled.unwrap_or(true),
                    severity: config
                        .severity
                        .map_or(rule.default_severity(), Severity::from),
                }
            })
            .collect();
        Ok(HouseStyle {
            names: name_consistency::Lexicon::new(&settings),
            capitalization: capitalization::Lexicon::new(&settings),
            boilerplate: boilerplate::Lexicon::new(&settings)?,
            settings,
            rules,
            source: path.map(Path::to_path_buf),
        })
    }

    /// Reads and compiles the file at `path`.
    pub fn load(path: &Path) -> Result<HouseStyle, StyleError> {
        let source = std::fs::read_to_string(path).map_err(|e| StyleError {
            path: Some(path.to_path_buf()),
            line: None,
            key: None,
            message: format!("cannot read the house style: {e}"),
        })?;
        HouseStyle::from_toml(&source, Some(path))
    }

    /// The nearest `copydesk.toml` in `dir` or a folder above it.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
    }

    /// The file this style was read from; `None` for the built-in style.
    pub fn source(&self) -> Option<&Path> {
        self.source.as_deref()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn rule(&self, rule: Rule) -> RuleSettings {
        self.rules[rule as usize]
    }

    pub fn is_enabled(&self, rule: Rule) -> bool {
        self.rule(rule).enabled
    }

    /// Turns a rule on or off, or changes its severity (editor settings layered on the file).
    pub fn set_rule(&mut self, rule: Rule, settings: RuleSettings) {
        self.rules[rule as usize] = settings;
    }

    /// True when the house style says never to flag `word` (compared without case).
    pub fn is_ignored(&self, word: &str) -> bool {
        self.settings
            .ignore
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word) || w.to_lowercase() == word.to_lowercase())
    }
}

/// The 1-based line of byte `offset`.
fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset.min(source.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The key in "unknown field `foo`, expected ...".
fn unknown_key(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    Some(rest[..rest.find('`')?].to_string())
}

/// The key written at the start of the line holding `offset` (`severity = "loud"` gives
/// `severity`).
fn key_at(source: &str, offset: usize) -> Option<String> {
    let offset = offset.min(source.len());
    let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = source[start..].lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    (!key.is_empty()).then(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_is_the_built_in_style() {
        let style = HouseStyle::from_toml("", None).expect("empty config is valid");
        assert!(Rule::ALL.iter().all(|&r| style.is_enabled(r)));
    }

    #[test]
    fn rule_settings_are_read() {
        let style = HouseStyle::from_toml(
            "[rules.boilerplate]\nenabled = false\n[rules.capitalization]\nseverity = \"hint\"\n",
            None,
        )
        .expect("valid config");
        assert!(!style.is_enabled(Rule::Boilerplate));
        assert_eq!(style.rule(Rule::Capitalization).severity, Severity::Hint);
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let err = HouseStyle::from_toml(
            "[names]\nprefered = [\"Kyiv\"]\n",
            Some(Path::new("x/copydesk.toml")),
        )
        .expect_err("misspelt key is an error");
        assert_eq!(err.line, Some(2));
        assert_eq!(err.key.as_deref(), Some("prefered"));
        assert!(
            err.to_string()
                .starts_with("x/copydesk.toml:2: `prefered`: unknown field"),
            "{err}"
        );
    }

    #[test]
    fn unknown_rule_is_an_error() {
        let err = HouseStyle::from_toml("[rules.spelling]\nenabled = false\n", None)
            .expect_err("unknown rule");
        assert_eq!(err.key.as_deref(), Some("spelling"));
    }

    #[test]
    fn bad_severity_names_its_line() {
        let err = HouseStyle::from_toml("[rules.boilerplate]\nseverity = \"loud\"\n", None)
            .expect_err("bad severity");
        assert_eq!(err.line, Some(2));
        assert_eq!(err.key.as_deref(), Some("severity"));
    }

    #[test]
    fn bad_regex_names_its_line() {
        let err = HouseStyle::from_toml(
            "[boilerplate]\npatterns = [\n  \"ok\",\n  \"(unclosed\",\n]\n",
            None,
        )
        .expect_err("bad regex");
        assert_eq!(err.line, Some(4));
        assert_eq!(err.key.as_deref(), Some("boilerplate.patterns"));
    }

    #[test]
    fn the_bylines_switch() {
        let kept =
            |toml: &str| HouseStyle::from_toml(toml, None).map(|s| s.boilerplate.keep_bylines);
        assert_eq!(kept(""), Ok(false));
        assert_eq!(kept("[boilerplate]\nbylines = true\n"), Ok(false));
        assert_eq!(kept("[boilerplate]\nbylines = false\n"), Ok(true));
        let err = HouseStyle::from_toml("[boilerplate]\nbylines = \"no\"\n", None)
            .expect_err("not a boolean");
        assert_eq!(err.line, Some(2));
        assert_eq!(err.key.as_deref(), Some("bylines"));
        // A memo's lines measured with the other setting are measured again.
        let fingerprint = |toml: &str| {
            HouseStyle::from_toml(toml, None)
                .expect("valid house style")
                .boilerplate
                .fingerprint
        };
        assert_ne!(
            fingerprint(""),
            fingerprint("[boilerplate]\nbylines = false\n")
        );
    }
}
