//! The JSON Schema of copydesk.toml, for editors with a TOML language server
//! (Taplo, Even Better TOML) to complete and validate keys.
//!
//! It is generated from the rule registry and the rule options, and shipped
//! as `schema/copydesk.schema.json`; a test keeps the file current
//! (`UPDATE_DOCS=1 cargo test` rewrites it) and checks it against the model.

use serde_json::{json, Map, Value};

use super::limits;
use crate::rules::{families, house, known};

/// Where the schema is published; the starter file points Taplo at it.
pub const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/copydesk/copydesk/main/schema/copydesk.schema.json";

/// The schema, as JSON (draft-07, the dialect TOML editors support best).
pub fn json_schema() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_URL,
        "title": "copydesk.toml",
        "description": "How copydesk reads a newsroom's copy: rule levels and options, the newsroom's own words, and per-path overrides.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "rules": rules_table(),
            "words": words(),
            "overrides": {
                "description": "Settings for files matching globs (relative to this file's folder; a glob with no slash matches a file name at any depth). Later overrides win.",
                "type": "array",
                "maxItems": limits::MAX_OVERRIDES,
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["files"],
                    "properties": {
                        "files": {
                            "description": "Globs such as \"opinion/**\".",
                            "type": "array",
                            "minItems": 1,
                            "maxItems": limits::MAX_GLOBS,
                            "items": { "type": "string", "minLength": 1, "maxLength": limits::MAX_GLOB_LEN }
                        },
                        "rules": rules_table()
                    }
                }
            }
        },
        "definitions": {
            "level": {
                "description": "off, or the severity of the findings.",
                "type": "string",
                "enum": ["off", "hint", "info", "warning", "error"]
            },
            "phrase": { "type": "string", "minLength": 1, "maxLength": limits::MAX_PHRASE_CHARS }
        }
    })
}

/// `[rules]`: every family and rule by name, with its options.
fn rules_table() -> Value {
    let mut properties = Map::new();
    let level = json!({ "$ref": "#/definitions/level" });
    for family in families()
        .into_iter()
        .chain(house::metas().map(|m| m.family()))
    {
        properties.entry(family.to_string()).or_insert_with(|| {
            json!({
                "description": format!("Every `{family}/…` rule."),
                "anyOf": [level, { "type": "object", "additionalProperties": false, "properties": { "level": level } }]
            })
        });
    }
    for rule in known::rules() {
        let mut table = Map::new();
        table.insert("level".into(), level.clone());
        for spec in &rule.options {
            table.insert(
                spec.name.clone(),
                json!({ "description": spec.description, "type": "integer", "minimum": spec.minimum, "maximum": spec.maximum, "default": spec.default }),
            );
        }
        properties.insert(
            rule.id.clone(),
            json!({
                "description": format!("{} (default: {}).", rule.summary, rule.severity),
                "anyOf": [level, { "type": "object", "additionalProperties": false, "properties": table }]
            }),
        );
    }
    json!({
        "description": "Levels of families and rules: off, hint, info, warning or error. A rule's own entry wins over its family's.",
        "type": "object",
        "additionalProperties": false,
        "properties": properties
    })
}

/// `[words]`.
fn words() -> Value {
    let phrase = json!({ "$ref": "#/definitions/phrase" });
    json!({
        "description": "The newsroom's own words. An entry in lowercase matches any capitalization; one with a capital letter matches only as written.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "avoid": {
                "description": "Terms to avoid (house/avoid-term): term = the message the writer sees.",
                "type": "object",
                "maxProperties": limits::MAX_PHRASES,
                "propertyNames": phrase,
                "additionalProperties": { "type": "string", "maxLength": limits::MAX_MESSAGE_CHARS }
            },
            "prefer": {
                "description": "Preferred terms (house/preferred-term), offered as quick fixes: term = replacement, or a table.",
                "type": "object",
                "maxProperties": limits::MAX_PHRASES,
                "propertyNames": phrase,
                "additionalProperties": {
                    "anyOf": [
                        phrase,
                        {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["use"],
                            "properties": {
                                "use": { "description": "The replacement.", "$ref": "#/definitions/phrase" },
                                "safe": { "description": "Whether --fix may apply it unattended (default true).", "type": "boolean" },
                                "note": { "description": "Appended to the message.", "type": "string", "maxLength": limits::MAX_MESSAGE_CHARS }
                            }
                        }
                    ]
                }
            },
            "accept": {
                "description": "Phrases no rule flags: names, titles of works.",
                "type": "array",
                "maxItems": limits::MAX_PHRASES,
                "items": phrase
            },
            "attribution-verbs": {
                "description": "Extra speech or report verbs that attribute a sentence, such as \"posted\".",
                "type": "array",
                "maxItems": limits::MAX_VERBS,
                "items": { "type": "string", "pattern": "^[^\\s,.;:!?\"]+$", "maxLength": limits::MAX_VERB_CHARS }
            }
        }
    })
}

/// The schema as the shipped file holds it.
pub fn json_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    text.push('\n');
    text
}
