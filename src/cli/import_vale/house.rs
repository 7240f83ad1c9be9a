//! The copydesk house-style rule an import writes: one `[[rule]]` table of
//! a style file, serialized with the `toml` crate so that quoting and
//! escaping are right whatever a Vale style holds.

use std::collections::BTreeMap;

use serde::Serialize;

/// One house-style rule. Field order is the order of the keys in the
/// written file: identity first, then how it reads, then its matcher.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct HouseRule {
    pub id: String,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub level: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    pub voice: &'static str,
    #[serde(rename = "in", skip_serializing_if = "Option::is_none")]
    pub within: Option<Vec<&'static str>>,
    pub case: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub safe: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub defined_by: Option<String>,
    /// Last: the toml crate writes a table after the plain keys anyway.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub swap: BTreeMap<String, String>,
}

/// What wraps a rule so that it serializes as a `[[rule]]` table.
#[derive(Serialize)]
struct One<'r> {
    rule: [&'r HouseRule; 1],
}

impl HouseRule {
    /// The rule as a `[[rule]]` table of TOML text.
    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        toml::to_string_pretty(&One { rule: [self] })
    }
}

/// A Vale name (`write-good`, `HeadingAcronyms`, `E-Prime`) as a piece of a
/// copydesk id: lowercase, words split at case changes and joined by `-`.
pub(super) fn kebab(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            // A new word starts at `aB` and at the last capital of an
            // acronym that a lowercase word follows (`LGBTOffensive`).
            let starts_word = prev.is_some_and(|p| p.is_ascii_lowercase())
                || (prev.is_some_and(|p| p.is_ascii_uppercase())
                    && next.is_some_and(|n| n.is_ascii_lowercase()));
            if starts_word {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else {
            out.push('-');
        }
    }
    let mut squeezed = String::with_capacity(out.len());
    for c in out.chars() {
        if !(c == '-' && squeezed.ends_with('-')) {
            squeezed.push(c);
        }
    }
    let trimmed = squeezed.trim_matches('-');
    // An id starts with a letter: `18F` becomes `vale-18f`.
    if trimmed.starts_with(|c: char| c.is_ascii_lowercase()) {
        trimmed.to_string()
    } else {
        format!("vale-{trimmed}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vale_names_become_kebab_ids() {
        assert_eq!(kebab("write-good"), "write-good");
        assert_eq!(kebab("Weasel"), "weasel");
        assert_eq!(kebab("HeadingAcronyms"), "heading-acronyms");
        assert_eq!(kebab("E-Prime"), "e-prime");
        assert_eq!(kebab("LGBTOffensive"), "lgbt-offensive");
        assert_eq!(kebab("P-Value"), "p-value");
        assert_eq!(kebab("18F"), "vale-18f");
        assert_eq!(kebab("Ünïcode_Rule"), "n-code-rule");
    }

    #[test]
    fn a_rule_serializes_as_one_rule_table_with_its_swap_last() {
        let rule = HouseRule {
            id: "s.r".into(),
            kind: "substitution",
            message: Some("Use \"${replacement}\"".into()),
            level: "warning",
            voice: "anywhere",
            case: "insensitive",
            swap: BTreeMap::from([("utilize".to_string(), "use".to_string())]),
            ..HouseRule::default()
        };
        let text = rule.to_toml().expect("serializes");
        let parsed: toml::Table = toml::from_str(&text).expect("parses");
        let table = parsed["rule"][0].as_table().expect("a [[rule]] table");
        assert_eq!(table["message"].as_str(), Some("Use \"${replacement}\""));
        assert_eq!(table["swap"]["utilize"].as_str(), Some("use"));
        assert!(!table.contains_key("pattern"));
        assert!(text.starts_with("[[rule]]\nid = "), "{text}");
    }
}
