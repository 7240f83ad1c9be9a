//! Reading one Vale rule file (YAML) into a typed [`ValeRule`].
//!
//! The YAML is untrusted: serde_norway caps alias expansion and nesting,
//! the caller caps the file's size, and every value of the wrong shape is
//! a [`Problem`] with the line of its key rather than a panic.

use serde_norway::{Mapping, Value};

/// The keys every kind of Vale rule may have that the importer reads.
pub(super) const COMMON: &[&str] = &[
    "extends",
    "message",
    "level",
    "link",
    "description",
    "scope",
    "ignorecase",
];

/// The keys of particular kinds that the importer reads. Any other key of
/// the file is kept in [`ValeRule::other`] and reported as ignored.
const OF_KINDS: &[&str] = &[
    "nonword",
    "append",
    "tokens",
    "raw",
    "exceptions",
    "swap",
    "either",
    "max",
    "min",
    "token",
    "first",
    "second",
];

/// A Vale rule, as far as the importer reads it. Lists that Vale allows to
/// be a single scalar are read as lists of one.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct ValeRule {
    /// The check: `existence`, `substitution`, `occurrence`…
    pub extends: Option<String>,
    pub message: Option<String>,
    pub level: Option<String>,
    pub link: Option<String>,
    pub description: Option<String>,
    pub scope: Vec<String>,
    pub ignorecase: bool,
    pub nonword: bool,
    pub append: bool,
    pub tokens: Vec<String>,
    pub raw: Vec<String>,
    pub exceptions: Vec<String>,
    /// `swap` (substitution) in file order: a mapping, or a list of
    /// one-entry mappings, which Vale also accepts.
    pub swap: Vec<(String, String)>,
    /// `either` (consistency) in file order.
    pub either: Vec<(String, String)>,
    pub max: Option<i64>,
    pub min: Option<i64>,
    pub token: Option<String>,
    pub first: Option<String>,
    pub second: Option<String>,
    /// Keys the importer does not read, with their lines.
    pub other: Vec<(String, usize)>,
    /// The line of each key read, to point the report at it.
    lines: Vec<(String, usize)>,
}

/// Why a file could not be read as a Vale rule, with the line at fault.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Problem {
    pub line: usize,
    pub message: String,
}

impl ValeRule {
    /// The 1-based line of top-level `key` in the file, or 1.
    pub fn line_of(&self, key: &str) -> usize {
        self.lines
            .iter()
            .find(|(k, _)| k == key)
            .map_or(1, |&(_, line)| line)
    }

    /// The top-level keys the file sets, in file order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().map(|(k, _)| k.as_str())
    }
}

/// Reads a rule from the text of its YAML file.
pub(super) fn parse(text: &str) -> Result<ValeRule, Problem> {
    let document: Value = serde_norway::from_str(text).map_err(|e| Problem {
        line: e.location().map_or(1, |l| l.line()),
        message: format!("not valid YAML: {e}"),
    })?;
    let Value::Mapping(map) = document else {
        return Err(Problem {
            line: 1,
            message: "not a Vale rule: the file is not a mapping of keys".into(),
        });
    };
    let lines = key_lines(text);
    let line = |key: &str| lines.iter().find(|(k, _)| k == key).map_or(1, |&(_, l)| l);
    let mut rule = ValeRule {
        lines: lines.clone(),
        ..ValeRule::default()
    };
    for (key, value) in &map {
        let Some(key) = scalar(key) else {
            return Err(Problem {
                line: 1,
                message: "a key that is not a string".into(),
            });
        };
        if !COMMON.contains(&key.as_str()) && !OF_KINDS.contains(&key.as_str()) {
            rule.other.push((key.clone(), line(&key)));
            continue;
        }
        let wrong = |shape: &str| Problem {
            line: line(&key),
            message: format!("`{key}` should be {shape}"),
        };
        match key.as_str() {
            "extends" => rule.extends = Some(scalar(value).ok_or_else(|| wrong("a string"))?),
            "message" => rule.message = Some(scalar(value).ok_or_else(|| wrong("a string"))?),
            "level" => rule.level = Some(scalar(value).ok_or_else(|| wrong("a string"))?),
            "link" => rule.link = Some(scalar(value).ok_or_else(|| wrong("a string"))?),
            "description" => {
                rule.description = Some(scalar(value).ok_or_else(|| wrong("a string"))?)
            }
            "token" => rule.token = Some(scalar(value).ok_or_else(|| wrong("a string"))?),
            "first" => rule.first = Some(scalar(value).ok_or_else(|| wrong("a string"))?),
            "second" => rule.second = Some(scalar(value).ok_or_else(|| wrong("a string"))?),
            "scope" => rule.scope = strings(value).ok_or_else(|| wrong("a list of strings"))?,
            "tokens" => rule.tokens = strings(value).ok_or_else(|| wrong("a list of strings"))?,
            "raw" => rule.raw = strings(value).ok_or_else(|| wrong("a list of strings"))?,
            "exceptions" => {
                rule.exceptions = strings(value).ok_or_else(|| wrong("a list of strings"))?
            }
            "ignorecase" => {
                rule.ignorecase = value.as_bool().ok_or_else(|| wrong("true or false"))?
            }
            "nonword" => rule.nonword = value.as_bool().ok_or_else(|| wrong("true or false"))?,
            "append" => rule.append = value.as_bool().ok_or_else(|| wrong("true or false"))?,
            "max" => rule.max = Some(value.as_i64().ok_or_else(|| wrong("an integer"))?),
            "min" => rule.min = Some(value.as_i64().ok_or_else(|| wrong("an integer"))?),
            "swap" => rule.swap = pairs(value).ok_or_else(|| wrong("a mapping of strings"))?,
            "either" => rule.either = pairs(value).ok_or_else(|| wrong("a mapping of strings"))?,
            _ => rule.other.push((key.clone(), line(&key))),
        }
    }
    Ok(rule)
}

/// A scalar as Vale reads it: `2` and `true` in a token list are text.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A list of scalars, or one scalar as a list of one.
fn strings(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::Sequence(items) => items.iter().map(scalar).collect(),
        Value::Null => Some(Vec::new()),
        other => scalar(other).map(|s| vec![s]),
    }
}

/// A mapping of scalars in file order, or a list of such mappings.
fn pairs(value: &Value) -> Option<Vec<(String, String)>> {
    fn of(map: &Mapping, out: &mut Vec<(String, String)>) -> Option<()> {
        for (k, v) in map {
            out.push((scalar(k)?, scalar(v)?));
        }
        Some(())
    }
    let mut out = Vec::new();
    match value {
        Value::Mapping(map) => of(map, &mut out)?,
        Value::Sequence(items) => {
            for item in items {
                of(item.as_mapping()?, &mut out)?;
            }
        }
        _ => return None,
    }
    Some(out)
}

/// The 1-based line of each top-level key: a line that starts, unindented,
/// with `key:` (or a quoted key).
fn key_lines(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        if let Some((key, _)) = line.split_once(':') {
            let key = key.trim().trim_matches(['"', '\'']);
            if !key.is_empty() && !out.iter().any(|(k, _)| k == key) {
                out.push((key.to_string(), n + 1));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_rule_with_its_key_lines_and_unknown_keys() {
        let rule = parse(
            "extends: existence\nmessage: \"'%s' is vague\"\nignorecase: true\n\
             action:\n  name: remove\ntokens:\n  - very\n  - 2\n",
        )
        .expect("a rule");
        assert_eq!(rule.extends.as_deref(), Some("existence"));
        assert_eq!(rule.tokens, ["very", "2"]);
        assert!(rule.ignorecase);
        assert_eq!(rule.other, [("action".to_string(), 4)]);
        assert_eq!(rule.line_of("tokens"), 6);
    }

    #[test]
    fn swap_may_be_a_mapping_or_a_list_of_one_entry_mappings() {
        let map = parse("extends: substitution\nswap:\n  utilize: use\n  b: c\n").expect("map");
        let list =
            parse("extends: substitution\nswap:\n  - utilize: use\n  - b: c\n").expect("list");
        assert_eq!(map.swap, list.swap);
        assert_eq!(map.swap[0], ("utilize".to_string(), "use".to_string()));
    }

    #[test]
    fn broken_yaml_and_wrong_shapes_are_problems_with_a_line() {
        let broken =
            parse("extends: existence\ntokens: [a, b\nlevel: error\n").expect_err("broken");
        assert!(broken.message.starts_with("not valid YAML"), "{broken:?}");
        assert!(broken.line >= 2, "{broken:?}");
        let shape = parse("extends: existence\n\nignorecase: maybe\n").expect_err("shape");
        assert_eq!(shape.line, 3);
        assert!(parse("- just\n- a list\n").is_err());
    }

    #[test]
    fn an_alias_bomb_is_refused_not_expanded() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for n in 1..12 {
            let prev = (b'a' + n - 1) as char;
            let this = (b'a' + n) as char;
            bomb.push_str(&format!(
                "{this}: &{this} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        bomb.push_str("extends: existence\n");
        let refused = parse(&bomb).expect_err("refused");
        assert!(refused.message.contains("repetition limit"), "{refused:?}");
    }
}
