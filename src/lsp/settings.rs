//! The server's settings, from `initializationOptions` and
//! `workspace/didChangeConfiguration` (schema in the module docs of
//! [`crate::lsp`]).
//!
//! Each configuration replaces the previous one whole: a key left out takes
//! its default. A configuration with a wrong type or an unknown severity is
//! refused whole, so that a typo cannot silently switch rules back on; an
//! unknown key or rule name is only warned about, so that settings written
//! for a newer copydesk still work.

use std::collections::BTreeMap;
use std::time::Duration;

use copydesk::{rules, Level, LintOptions};
use serde_json::{Map, Value};

/// The longest debounce accepted; longer would look like a broken server.
pub const MAX_DEBOUNCE_MS: u64 = 10_000;

/// The section name under which editors nest copydesk's settings.
pub const SECTION: &str = "copydesk";

/// What the writer configured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Levels keyed by rule id or family name.
    pub severity: BTreeMap<String, Level>,
    /// When set, only these families run (apart from rules and families
    /// given a level in `severity`, which is more specific).
    pub enabled_families: Option<Vec<String>>,
    /// How long to wait after a keystroke before linting.
    pub debounce: Duration,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            severity: BTreeMap::new(),
            enabled_families: None,
            debounce: Duration::from_millis(50),
        }
    }
}

/// Settings that were accepted, with what was ignored in them.
#[derive(Debug)]
pub struct Parsed {
    /// The settings.
    pub settings: Settings,
    /// Unknown keys and names that were skipped, one sentence each.
    pub warnings: Vec<String>,
}

impl Settings {
    /// Reads settings from JSON: either copydesk's object itself or an
    /// object that nests it under `"copydesk"`. `null` means the defaults.
    pub fn from_json(value: &Value) -> Result<Parsed, String> {
        let mut warnings = Vec::new();
        let mut settings = Settings::default();
        let object = match value {
            Value::Null => return Ok(Parsed { settings, warnings }),
            Value::Object(object) => match object.get(SECTION) {
                Some(Value::Object(inner)) => inner,
                Some(Value::Null) => return Ok(Parsed { settings, warnings }),
                Some(other) => {
                    return Err(format!(
                        "`{SECTION}` must be an object, not {}",
                        kind(other)
                    ))
                }
                None => object,
            },
            other => return Err(format!("settings must be an object, not {}", kind(other))),
        };
        for (key, value) in object {
            match key.as_str() {
                "severity" => settings.severity = severity(value, &mut warnings)?,
                "enabledFamilies" => {
                    settings.enabled_families = enabled_families(value, &mut warnings)?
                }
                "debounceMs" => settings.debounce = debounce(value)?,
                other => warnings.push(format!("unknown setting `{other}` ignored")),
            }
        }
        Ok(Parsed { settings, warnings })
    }

    /// The library options these settings stand for.
    pub fn lint_options(&self) -> LintOptions {
        let mut levels: BTreeMap<String, Level> = BTreeMap::new();
        if let Some(enabled) = &self.enabled_families {
            for family in rules::families() {
                if !enabled.iter().any(|f| f == family) {
                    levels.insert(family.to_string(), Level::Off);
                }
            }
        }
        levels.extend(self.severity.iter().map(|(k, v)| (k.clone(), *v)));
        LintOptions { levels }
    }
}

fn severity(value: &Value, warnings: &mut Vec<String>) -> Result<BTreeMap<String, Level>, String> {
    // Neovim encodes an empty Lua table as `[]`: an empty map, not a wrong type.
    if value.as_array().is_some_and(Vec::is_empty) {
        return Ok(BTreeMap::new());
    }
    let object = as_object(value, "severity")?;
    let mut out = BTreeMap::new();
    for (key, level) in object {
        let Some(name) = level.as_str() else {
            return Err(format!(
                "severity of `{key}` must be a string, not {}",
                kind(level)
            ));
        };
        let Some(level) = Level::parse(name) else {
            return Err(format!(
                "severity of `{key}` must be off, hint, info, warning or error, not `{name}`"
            ));
        };
        if rules::find(key).is_none() && !rules::families().contains(&key.as_str()) {
            warnings.push(format!(
                "unknown rule or family `{key}` in severity ignored"
            ));
            continue;
        }
        out.insert(key.clone(), level);
    }
    Ok(out)
}

fn enabled_families(
    value: &Value,
    warnings: &mut Vec<String>,
) -> Result<Option<Vec<String>>, String> {
    let items = match value {
        Value::Null => return Ok(None),
        Value::Array(items) => items,
        other => {
            return Err(format!(
                "enabledFamilies must be an array of family names, not {}",
                kind(other)
            ))
        }
    };
    let known = rules::families();
    let mut out = Vec::new();
    for item in items {
        let Some(name) = item.as_str() else {
            return Err(format!(
                "enabledFamilies must hold family names, not {}",
                kind(item)
            ));
        };
        if known.contains(&name) {
            out.push(name.to_string());
        } else {
            warnings.push(format!(
                "unknown family `{name}` in enabledFamilies ignored"
            ));
        }
    }
    Ok(Some(out))
}

fn debounce(value: &Value) -> Result<Duration, String> {
    match value.as_u64() {
        Some(ms) if ms <= MAX_DEBOUNCE_MS => Ok(Duration::from_millis(ms)),
        _ => Err(format!("debounceMs must be a whole number of milliseconds from 0 to {MAX_DEBOUNCE_MS}, not {value}")),
    }
}

fn as_object<'v>(value: &'v Value, what: &str) -> Result<&'v Map<String, Value>, String> {
    value
        .as_object()
        .ok_or_else(|| format!("{what} must be an object, not {}", kind(value)))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use copydesk::Severity;
    use serde_json::json;

    use super::*;

    fn parse(value: Value) -> Result<Parsed, String> {
        Settings::from_json(&value)
    }

    #[test]
    fn null_and_empty_mean_defaults() {
        assert_eq!(
            parse(Value::Null).map(|p| p.settings),
            Ok(Settings::default())
        );
        assert_eq!(
            parse(json!({})).map(|p| p.settings),
            Ok(Settings::default())
        );
        assert_eq!(
            parse(json!({ "copydesk": null })).map(|p| p.settings),
            Ok(Settings::default())
        );
    }

    #[test]
    fn reads_severity_families_and_debounce_nested_or_not() {
        let value = json!({ "severity": { "editorializing": "off", "attribution/weasel-attribution": "error" }, "enabledFamilies": ["attribution", "editorializing"], "debounceMs": 0 });
        for value in [value.clone(), json!({ "copydesk": value })] {
            let parsed = parse(value).map_err(|e| e.to_string());
            let Ok(Parsed { settings, warnings }) = parsed else {
                panic!("refused: {parsed:?}")
            };
            assert!(warnings.is_empty(), "{warnings:?}");
            assert_eq!(settings.debounce, Duration::ZERO);
            let options = settings.lint_options();
            assert_eq!(options.levels.get("editorializing"), Some(&Level::Off));
            assert_eq!(options.levels.get("figures"), Some(&Level::Off));
            assert_eq!(options.levels.get("attribution"), None);
            assert_eq!(
                options.levels.get("attribution/weasel-attribution"),
                Some(&Level::On(Severity::Error))
            );
        }
    }

    #[test]
    fn an_empty_lua_table_is_an_empty_severity_map() {
        let parsed = parse(json!({ "severity": [], "debounceMs": 10 })).map(|p| p.settings);
        assert_eq!(parsed.as_ref().map(|s| s.severity.is_empty()), Ok(true));
        assert_eq!(parsed.map(|s| s.debounce), Ok(Duration::from_millis(10)));
    }

    #[test]
    fn a_severity_entry_wins_over_enabled_families() {
        let parsed = parse(json!({ "enabledFamilies": [], "severity": { "figures": "hint" } }));
        let options = parsed
            .map(|p| p.settings.lint_options())
            .unwrap_or_default();
        assert_eq!(
            options.levels.get("figures"),
            Some(&Level::On(Severity::Hint))
        );
        assert_eq!(options.levels.get("attribution"), Some(&Level::Off));
    }

    #[test]
    fn unknown_names_are_warnings() {
        let parsed = parse(
            json!({ "severity": { "no/such-rule": "off" }, "enabledFamilies": ["nope"], "colour": "blue" }),
        );
        let Ok(Parsed { settings, warnings }) = parsed else {
            panic!("refused: {parsed:?}")
        };
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(settings.severity.is_empty());
        assert_eq!(settings.enabled_families, Some(vec![]));
    }

    #[test]
    fn malformed_settings_are_refused() {
        for bad in [
            json!([1, 2]),
            json!("loud"),
            json!({ "copydesk": 3 }),
            json!({ "severity": "off" }),
            json!({ "severity": { "editorializing": "loud" } }),
            json!({ "severity": { "editorializing": 3 } }),
            json!({ "enabledFamilies": "figures" }),
            json!({ "enabledFamilies": [1] }),
            json!({ "debounceMs": -1 }),
            json!({ "debounceMs": 2.5 }),
            json!({ "debounceMs": "50" }),
            json!({ "debounceMs": MAX_DEBOUNCE_MS + 1 }),
        ] {
            assert!(parse(bad.clone()).is_err(), "accepted {bad}");
        }
    }
}
