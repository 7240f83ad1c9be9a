//! The JSON Schema of copydesk.toml, for editors with a TOML language server
//! (Taplo, Even Better TOML) to complete and validate keys.
//!
//! It is generated from the rule registry and the rule options, and shipped
//! as `schema/copydesk.schema.json`; a test keeps the file current
//! (`UPDATE_DOCS=1 cargo test` rewrites it) and checks it against the model.

use serde_json::{json, Map, Value};

use super::{limits, styles};
use crate::rules::house::stylebook as style;
use crate::rules::{families, house, known};

/// Where the schema is published; the starter file points Taplo at it.
pub const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/copydesk/copydesk/main/schema/copydesk.schema.json";

/// Where the schema of style files is published.
pub const STYLE_SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/copydesk/copydesk/main/schema/copydesk-style.schema.json";

/// The pattern of a house rule's name in `[rules]`.
const HOUSE_ID: &str = "^house/[a-z][a-z0-9.-]*$";

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
            "styles": {
                "description": "A folder of style files (TOML files of [[rule]] tables) with the desk's own house rules, relative to this file's folder and inside the repository.",
                "type": "string",
                "minLength": 1
            },
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
        "properties": properties,
        "patternProperties": {
            HOUSE_ID: {
                "description": "A house rule of the desk's style files.",
                "anyOf": [level, { "type": "object", "additionalProperties": false, "properties": { "level": level } }]
            }
        }
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

/// The schema of a style file: its `[[rule]]` tables.
pub fn style_schema() -> Value {
    let text = |max: usize| json!({ "type": "string", "minLength": 1, "maxLength": max });
    let pattern = text(style::MAX_PATTERN_CHARS);
    let terms = json!({ "type": "array", "maxItems": style::MAX_TERMS, "items": pattern });
    let table = json!({
        "type": "object",
        "maxProperties": style::MAX_TERMS,
        "additionalProperties": pattern
    });
    let examples =
        json!({ "type": "array", "maxItems": style::MAX_EXAMPLES, "items": { "type": "string" } });
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": STYLE_SCHEMA_URL,
        "title": "copydesk style file",
        "description": "House rules of a desk's stylebook, each reported as house/<id>.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "rule": {
                "type": "array",
                "maxItems": styles::MAX_STYLE_RULES,
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["id", "kind"],
                    "properties": {
                        "id": { "description": "The rule's name: findings are house/<id>.", "type": "string", "pattern": "^[a-z][a-z0-9.-]*$", "maxLength": style::MAX_ID_CHARS },
                        "kind": { "description": "What the rule checks.", "enum": ["existence", "substitution", "occurrence", "consistency", "first-reference"] },
                        "message": { "description": "What the writer is told: $0 is the match, $1… and ${name} the pattern's groups, ${replacement} a substitution's replacement.", "type": "string", "maxLength": style::MAX_MESSAGE_CHARS },
                        "level": { "description": "Severity unless [rules] says otherwise (default warning).", "enum": ["hint", "info", "warning", "error"] },
                        "link": { "description": "The stylebook entry behind the rule.", "type": "string" },
                        "explanation": { "description": "Why the desk has the rule, in Markdown.", "type": "string", "maxLength": style::MAX_EXPLANATION_CHARS },
                        "voice": { "description": "writer (default): quotations and attributed speech are left alone; anywhere: every word.", "enum": ["writer", "anywhere"] },
                        "in": { "description": "The parts of a story read (default: all).", "type": "array", "minItems": 1, "items": { "enum": ["body", "headline", "caption", "list"] } },
                        "case": { "description": "smart (default): lowercase matches any case, a capital only as written; sensitive; insensitive.", "enum": ["smart", "sensitive", "insensitive"] },
                        "exceptions": { "description": "Matches never flagged.", "type": "array", "items": { "type": "string" } },
                        "bad": examples.clone(),
                        "good": examples,
                        "tokens": terms.clone(),
                        "pattern": pattern.clone(),
                        "replacement": { "type": "string", "maxLength": style::MAX_PATTERN_CHARS },
                        "swap": table.clone(),
                        "safe": { "description": "Whether --fix may apply the fix unattended (default false).", "type": "boolean" },
                        "max": { "description": "An occurrence rule's most matches per `per`.", "type": "integer", "minimum": 0 },
                        "per": { "enum": ["sentence", "paragraph", "story"] },
                        "distinct": { "description": "Count different forms, not matches.", "type": "boolean" },
                        "forms": terms.clone(),
                        "abbreviations": table,
                        "titles": terms,
                        "defined-by": pattern
                    }
                }
            }
        }
    })
}

/// The schema as the shipped file holds it.
pub fn json_schema_text() -> String {
    pretty(&json_schema())
}

/// The style-file schema as the shipped file holds it.
pub fn style_schema_text() -> String {
    pretty(&style_schema())
}

fn pretty(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}
