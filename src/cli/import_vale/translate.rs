//! One Vale rule → zero or more copydesk house-style rules, with a note
//! for everything that did not carry over and why.

use std::collections::BTreeMap;

use super::house::{kebab, HouseRule};
use super::pattern::{bounded, is_literal, needs_whitespace_run, unsupported, vale_pattern};
use super::vale::{ValeRule, COMMON};

/// A remark on a rule: why it (or one of its keys) was not translated.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Note {
    /// The line in the Vale file the remark is about.
    pub line: usize,
    pub text: String,
}

/// What one Vale rule became.
#[derive(Debug, Default)]
pub(super) struct Translation {
    /// Empty when the rule was not translated.
    pub rules: Vec<HouseRule>,
    /// Why the rule was not translated, when it was not.
    pub refused: Option<Note>,
    /// Keys and parts left out of a translated rule.
    pub notes: Vec<Note>,
}

/// Where a rule comes from: its style and file names.
pub(super) struct Origin<'a> {
    /// The style's folder name, e.g. `write-good`.
    pub style: &'a str,
    /// The rule's file name without `.yml`, e.g. `Weasel`.
    pub name: &'a str,
}

/// Translates `rule`, read from the file `origin` names.
pub(super) fn translate(origin: &Origin, rule: &ValeRule) -> Translation {
    let Some(kind) = rule.extends.as_deref() else {
        return refuse(1, "no `extends` key: not a Vale rule".into());
    };
    let line = rule.line_of("extends");
    let (keys, result): (&[&str], _) = match kind {
        "existence" => (
            &["tokens", "raw", "nonword", "append", "exceptions"],
            existence(origin, rule),
        ),
        "substitution" => (
            &["swap", "nonword", "exceptions"],
            substitution(origin, rule),
        ),
        "occurrence" => (&["token", "max", "min"], occurrence(origin, rule)),
        "consistency" => (&["either", "nonword"], consistency(origin, rule)),
        "conditional" => (
            &["first", "second", "exceptions"],
            conditional(origin, rule),
        ),
        other => return refuse(line, format!("copydesk has no `{other}` rule kind")),
    };
    match result {
        Err(note) => Translation {
            refused: Some(note),
            ..Translation::default()
        },
        Ok(mut translation) => {
            ignored_keys(rule, kind, keys, &mut translation.notes);
            translation
        }
    }
}

fn translated(rules: Vec<HouseRule>, notes: Vec<Note>) -> Translation {
    Translation {
        rules,
        refused: None,
        notes,
    }
}

fn refuse(line: usize, text: String) -> Translation {
    Translation {
        refused: Some(Note { line, text }),
        ..Translation::default()
    }
}

/// The rule's id, level, message and the keys every kind shares.
fn base(
    origin: &Origin,
    rule: &ValeRule,
    kind: &'static str,
    notes: &mut Vec<Note>,
) -> Result<HouseRule, Note> {
    let level = match rule.level.as_deref() {
        None | Some("suggestion") => "info",
        Some("warning") => "warning",
        Some("error") => "error",
        Some(other) => {
            notes.push(Note {
                line: rule.line_of("level"),
                text: format!("unknown level `{other}`, written as `info`"),
            });
            "info"
        }
    };
    let mut explanation = rule
        .description
        .as_deref()
        .map(|d| format!("{}\n\n", d.trim()))
        .unwrap_or_default();
    explanation.push_str(&format!(
        "Imported from Vale style `{}`, rule `{}`.",
        origin.style, origin.name
    ));
    Ok(HouseRule {
        id: format!("{}.{}", kebab(origin.style), kebab(origin.name)),
        kind,
        message: rule
            .message
            .as_deref()
            .map(|m| message(m, kind == "substitution")),
        level,
        link: rule.link.clone(),
        explanation: Some(explanation),
        // Vale judges every word of a text, quotations included.
        voice: "anywhere",
        within: within(rule)?,
        // Vale matches case-sensitively unless told otherwise.
        case: if rule.ignorecase {
            "insensitive"
        } else {
            "sensitive"
        },
        ..HouseRule::default()
    })
}

/// Vale's `scope` as copydesk's `in`: `None` for the whole text.
fn within(rule: &ValeRule) -> Result<Option<Vec<&'static str>>, Note> {
    let mut parts = Vec::new();
    for scope in &rule.scope {
        let part = match scope.as_str() {
            "sentence" | "paragraph" | "text" => return Ok(None),
            "heading" => "headline",
            "list" => "list",
            other => {
                return Err(Note {
                    line: rule.line_of("scope"),
                    text: format!(
                        "Vale scope `{other}` has no copydesk counterpart \
                         (copydesk reads body, headline, caption and list text)"
                    ),
                })
            }
        };
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    Ok((!parts.is_empty()).then_some(parts))
}

/// A Vale message in copydesk's syntax: `%s` is the match (`$0`), except
/// in a substitution, where the first `%s` is the replacement offered.
fn message(vale: &str, substitution: bool) -> String {
    let mut out = String::with_capacity(vale.len() + 8);
    let mut seen = 0;
    let mut chars = vale.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('%', Some('%')) => {
                chars.next();
                out.push('%');
            }
            ('%', Some('s')) => {
                chars.next();
                seen += 1;
                out.push_str(if substitution && seen == 1 {
                    "${replacement}"
                } else {
                    "$0"
                });
            }
            ('$', _) => out.push_str("$$"),
            _ => out.push(c),
        }
    }
    out
}

/// A pattern copydesk can run, or why not.
fn checked(pattern: String, line: usize) -> Result<String, Note> {
    match unsupported(&pattern) {
        None => Ok(pattern),
        Some(text) => Err(Note { line, text }),
    }
}

/// Vale exceptions as copydesk's literal ones; regex exceptions are left
/// out with a note (the rule then flags a little more than Vale's).
fn exceptions(rule: &ValeRule, notes: &mut Vec<Note>) -> Vec<String> {
    let (literal, regex): (Vec<_>, Vec<_>) =
        rule.exceptions.iter().cloned().partition(|e| is_literal(e));
    if !regex.is_empty() {
        notes.push(Note {
            line: rule.line_of("exceptions"),
            text: format!(
                "exceptions {} are regular expressions; copydesk's exceptions are literal, \
                 so they were left out",
                quoted(&regex)
            ),
        });
    }
    literal
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn existence(origin: &Origin, rule: &ValeRule) -> Result<Translation, Note> {
    let mut notes = Vec::new();
    let mut house = base(origin, rule, "existence", &mut notes)?;
    if rule.tokens.is_empty() && rule.raw.is_empty() {
        return Err(Note {
            line: rule.line_of("extends"),
            text: "no `tokens` or `raw` to look for".into(),
        });
    }
    if rule.raw.is_empty() && !rule.nonword && rule.tokens.iter().all(|t| is_literal(t)) {
        house.tokens = rule.tokens.clone();
    } else {
        let line = rule.line_of(if rule.raw.is_empty() { "tokens" } else { "raw" });
        house.pattern = Some(checked(
            vale_pattern(&rule.tokens, &rule.raw, rule.nonword, rule.append),
            line,
        )?);
    }
    for (key, part) in (rule.tokens.iter().map(|t| ("tokens", t)))
        .chain(rule.raw.iter().map(|r| ("raw", r)))
        .filter(|(_, part)| needs_whitespace_run(part))
    {
        notes.push(Note {
            line: rule.line_of(key),
            text: format!(
                "`{part}` never matches in copydesk: it looks for two or more spaces in a row, \
                 and copydesk matches patterns against text with runs of whitespace squeezed \
                 to one space"
            ),
        });
    }
    house.exceptions = exceptions(rule, &mut notes);
    Ok(translated(vec![house], notes))
}

fn substitution(origin: &Origin, rule: &ValeRule) -> Result<Translation, Note> {
    let mut notes = Vec::new();
    let mut template = base(origin, rule, "substitution", &mut notes)?;
    template.exceptions = exceptions(rule, &mut notes);
    let line = rule.line_of("swap");
    if rule.swap.is_empty() {
        return Err(Note {
            line,
            text: "no `swap` entries".into(),
        });
    }
    let mut swap = BTreeMap::new();
    let mut rules = Vec::new();
    let mut refused = Vec::new();
    for (from, to) in &rule.swap {
        if is_literal(from) && !rule.nonword {
            swap.insert(from.clone(), to.clone());
            continue;
        }
        match unsupported(&bounded(from, rule.nonword)) {
            None => rules.push(HouseRule {
                pattern: Some(bounded(from, rule.nonword)),
                replacement: Some(to.clone()),
                ..template.clone()
            }),
            Some(reason) => refused.push(format!("`{from}`: {reason}")),
        }
    }
    if !swap.is_empty() {
        rules.insert(
            0,
            HouseRule {
                swap,
                ..template.clone()
            },
        );
    }
    for reason in &refused {
        notes.push(Note {
            line,
            text: format!("swap entry {reason}"),
        });
    }
    if rules.is_empty() {
        return Err(Note {
            line,
            text: format!("no swap entry could be translated ({})", refused.join("; ")),
        });
    }
    number(&mut rules, &template.id);
    Ok(translated(rules, notes))
}

/// Suffixes ids `-1`, `-2`… when one Vale rule became several.
fn number(rules: &mut [HouseRule], id: &str) {
    if rules.len() > 1 {
        for (n, rule) in rules.iter_mut().enumerate() {
            rule.id = format!("{id}-{}", n + 1);
        }
    }
}

fn occurrence(origin: &Origin, rule: &ValeRule) -> Result<Translation, Note> {
    let mut notes = Vec::new();
    let per = match rule.scope.first().map(String::as_str) {
        Some("sentence") => "sentence",
        Some("paragraph") => "paragraph",
        None | Some("text") => "story",
        Some(other) => {
            return Err(Note {
                line: rule.line_of("scope"),
                text: format!(
                    "Vale counts per `{other}`; copydesk counts per sentence, paragraph or story"
                ),
            })
        }
    };
    // The scope is what copydesk counts in, not which text it reads.
    let mut unscoped = rule.clone();
    unscoped.scope.clear();
    let mut house = base(origin, &unscoped, "occurrence", &mut notes)?;
    let max = match (rule.max, rule.min) {
        (Some(max), _) if max >= 0 => max.unsigned_abs(),
        (Some(max), _) => {
            return Err(Note {
                line: rule.line_of("max"),
                text: format!("`max: {max}` is negative"),
            })
        }
        (None, Some(_)) => {
            return Err(Note {
                line: rule.line_of("min"),
                text: "`min` (at least N matches) is not supported: copydesk's occurrence \
                       rules cap a count with `max`"
                    .into(),
            })
        }
        (None, None) => {
            return Err(Note {
                line: rule.line_of("extends"),
                text: "no `max`".into(),
            })
        }
    };
    if rule.min.is_some() {
        notes.push(Note {
            line: rule.line_of("min"),
            text: "`min` ignored: copydesk's occurrence rules cap a count with `max` only".into(),
        });
    }
    let Some(token) = &rule.token else {
        return Err(Note {
            line: rule.line_of("extends"),
            text: "no `token` to count".into(),
        });
    };
    // Vale counts `token` as written, without word boundaries.
    house.pattern = Some(checked(token.clone(), rule.line_of("token"))?);
    house.max = Some(max);
    house.per = Some(per);
    Ok(translated(vec![house], notes))
}

fn consistency(origin: &Origin, rule: &ValeRule) -> Result<Translation, Note> {
    let mut notes = Vec::new();
    let template = base(origin, rule, "consistency", &mut notes)?;
    let line = rule.line_of("either");
    let mut rules = Vec::new();
    for (a, b) in &rule.either {
        if is_literal(a) && is_literal(b) {
            rules.push(HouseRule {
                forms: vec![a.clone(), b.clone()],
                ..template.clone()
            });
        } else {
            notes.push(Note {
                line,
                text: format!(
                    "either pair `{a}` / `{b}` not translated: copydesk's consistency \
                     forms are literal, these are regular expressions"
                ),
            });
        }
    }
    if rules.is_empty() {
        return Err(Note {
            line,
            text: "no literal `either` pair: copydesk's consistency forms are literal".into(),
        });
    }
    if rule.nonword {
        notes.push(Note {
            line: rule.line_of("nonword"),
            text: "`nonword` ignored: copydesk matches consistency forms as whole words".into(),
        });
    }
    number(&mut rules, &template.id);
    Ok(translated(rules, notes))
}

fn conditional(origin: &Origin, rule: &ValeRule) -> Result<Translation, Note> {
    let mut notes = Vec::new();
    let mut house = base(origin, rule, "first-reference", &mut notes)?;
    let (Some(first), Some(second)) = (&rule.first, &rule.second) else {
        return Err(Note {
            line: rule.line_of("extends"),
            text: "a conditional rule needs both `first` and `second`".into(),
        });
    };
    house.pattern = Some(checked(first.clone(), rule.line_of("first"))?);
    house.defined_by = Some(checked(second.clone(), rule.line_of("second"))?);
    house.exceptions = exceptions(rule, &mut notes);
    Ok(translated(vec![house], notes))
}

/// Notes for the keys of `rule` that its kind does not read.
fn ignored_keys(rule: &ValeRule, kind: &str, read: &[&str], notes: &mut Vec<Note>) {
    for key in rule.keys() {
        if COMMON.contains(&key) || read.contains(&key) {
            continue;
        }
        let Some(line) = rule
            .other
            .iter()
            .find(|(k, _)| k == key)
            .map(|&(_, l)| l)
            .or_else(|| known_but_unread(rule, key))
        else {
            continue;
        };
        let why = match key {
            "action" => "Vale's fix action is not imported (a substitution offers its replacement)",
            "code" => "copydesk never checks code spans",
            "vocab" => "Vale vocabularies are not imported",
            "limit" => "copydesk reports every match",
            _ => "not a key copydesk translates",
        };
        notes.push(Note {
            line,
            text: format!("key `{key}` of `{kind}` ignored: {why}"),
        });
    }
}

/// The line of a key the importer knows but this kind does not read.
fn known_but_unread(rule: &ValeRule, key: &str) -> Option<usize> {
    let set = match key {
        "tokens" => !rule.tokens.is_empty(),
        "raw" => !rule.raw.is_empty(),
        "swap" => !rule.swap.is_empty(),
        "either" => !rule.either.is_empty(),
        "exceptions" => !rule.exceptions.is_empty(),
        "token" => rule.token.is_some(),
        "first" => rule.first.is_some(),
        "second" => rule.second.is_some(),
        "max" => rule.max.is_some(),
        "min" => rule.min.is_some(),
        "nonword" => rule.nonword,
        "append" => rule.append,
        _ => false,
    };
    set.then(|| rule.line_of(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::import_vale::vale::parse;

    fn run(yaml: &str) -> Translation {
        let rule = parse(yaml).expect("valid YAML");
        translate(
            &Origin {
                style: "write-good",
                name: "ThereIs",
            },
            &rule,
        )
    }

    fn refused(yaml: &str) -> String {
        let t = run(yaml);
        assert!(t.rules.is_empty(), "{:?}", t.rules);
        t.refused.expect("a reason").text
    }

    #[test]
    fn existence_with_literal_tokens_keeps_them_as_tokens() {
        let t = run(
            "extends: existence\nmessage: \"'%s' is vague\"\nignorecase: true\n\
                     level: warning\ntokens:\n  - very\n  - a number of\n",
        );
        let [rule] = t.rules.as_slice() else {
            panic!("{:?}", t.rules)
        };
        assert_eq!(rule.id, "write-good.there-is");
        assert_eq!(rule.kind, "existence");
        assert_eq!(rule.tokens, ["very", "a number of"]);
        assert_eq!(rule.pattern, None);
        assert_eq!(rule.case, "insensitive");
        assert_eq!(rule.level, "warning");
        assert_eq!(rule.voice, "anywhere");
        assert_eq!(rule.message.as_deref(), Some("'$0' is vague"));
        assert!(t.notes.is_empty(), "{:?}", t.notes);
    }

    #[test]
    fn existence_with_raw_becomes_vales_pattern_and_a_lookahead_is_refused() {
        let t = run(
            "extends: existence\nraw:\n  - '(?:[;-]\\s)There\\s(is|are)|\\bThere\\s(is|are)\\b'\n",
        );
        let [rule] = t.rules.as_slice() else {
            panic!("{:?}", t.rules)
        };
        assert_eq!(
            rule.pattern.as_deref(),
            Some(r"(?:[;-]\s)There\s(is|are)|\bThere\s(is|are)\b")
        );
        assert_eq!(rule.case, "sensitive");
        assert_eq!(rule.level, "info");
        let why = refused("extends: existence\nraw:\n  - 'There(?= is)'\n");
        assert_eq!(
            why,
            "look-ahead `(?=…)` is not supported by copydesk's linear-time regex engine"
        );
    }

    #[test]
    fn a_token_that_needs_a_run_of_spaces_is_noted() {
        let t = run(
            "extends: existence\nnonword: true\ntokens:\n  - '[.?!] {2,}[A-Z]'\n  - '[.?!][A-Z]'\n",
        );
        assert_eq!(t.rules.len(), 1);
        let [note] = t.notes.as_slice() else {
            panic!("{:?}", t.notes)
        };
        assert_eq!(note.line, 3);
        assert!(
            note.text
                .starts_with("`[.?!] {2,}[A-Z]` never matches in copydesk"),
            "{}",
            note.text
        );
    }

    #[test]
    fn existence_with_a_regex_token_becomes_a_word_bounded_pattern() {
        let t = run("extends: existence\ntokens:\n  - cease?\n  - plain\n");
        assert_eq!(
            t.rules[0].pattern.as_deref(),
            Some(r"(?m)\b(?:cease?|plain)\b")
        );
        assert!(t.rules[0].tokens.is_empty());
    }

    #[test]
    fn substitution_splits_literal_and_regex_keys_and_refuses_a_backreference() {
        let t = run(
            "extends: substitution\nmessage: Use '%s' instead of '%s'.\nswap:\n  \
                     utilize: use\n  'etc[.]{3}': etc.\n",
        );
        let [swap, regex] = t.rules.as_slice() else {
            panic!("{:?}", t.rules)
        };
        assert_eq!(swap.id, "write-good.there-is-1");
        assert_eq!(swap.swap.get("utilize").map(String::as_str), Some("use"));
        assert_eq!(
            swap.message.as_deref(),
            Some("Use '${replacement}' instead of '$0'.")
        );
        assert_eq!(regex.id, "write-good.there-is-2");
        assert_eq!(regex.pattern.as_deref(), Some(r"\b(?:etc[.]{3})\b"));
        assert_eq!(regex.replacement.as_deref(), Some("etc."));
        let why = refused("extends: substitution\nswap:\n  '(\\w+) \\1': '$1'\n");
        assert!(why.contains("backreference"), "{why}");
    }

    #[test]
    fn substitution_reports_the_one_entry_it_could_not_translate() {
        let t = run("extends: substitution\nswap:\n  utilize: use\n  'x(?!y)': z\n");
        assert_eq!(t.rules.len(), 1);
        assert_eq!(t.rules[0].id, "write-good.there-is");
        assert_eq!(t.notes.len(), 1);
        assert!(
            t.notes[0].text.contains("negative look-ahead"),
            "{:?}",
            t.notes
        );
        assert_eq!(t.notes[0].line, 2);
    }

    #[test]
    fn occurrence_caps_a_count_per_scope_and_min_alone_is_refused() {
        let t = run("extends: occurrence\nscope: sentence\nmax: 3\ntoken: ','\nmin: 1\n");
        let [rule] = t.rules.as_slice() else {
            panic!("{:?}", t.rules)
        };
        assert_eq!(rule.kind, "occurrence");
        assert_eq!(rule.pattern.as_deref(), Some(","));
        assert_eq!((rule.max, rule.per), (Some(3), Some("sentence")));
        assert_eq!(rule.within, None);
        assert_eq!(t.notes.len(), 1, "{:?}", t.notes);
        assert_eq!(t.notes[0].line, 5);
        let why = refused("extends: occurrence\nscope: text\nmin: 300\ntoken: '\\w+'\n");
        assert!(
            why.starts_with("`min` (at least N matches) is not supported"),
            "{why}"
        );
    }

    #[test]
    fn consistency_makes_one_rule_per_literal_pair_and_refuses_regex_pairs() {
        let t = run("extends: consistency\nmessage: Inconsistent spelling of '%s'.\n\
                     ignorecase: true\neither:\n  advisor: adviser\n  centre: center\n  'colou?r': color\n");
        assert_eq!(t.rules.len(), 2);
        assert_eq!(t.rules[0].forms, ["advisor", "adviser"]);
        assert_eq!(t.rules[1].id, "write-good.there-is-2");
        assert_eq!(t.notes.len(), 1);
        let why = refused("extends: consistency\neither:\n  'colou?r': 'colou?red'\n");
        assert!(why.starts_with("no literal `either` pair"), "{why}");
    }

    #[test]
    fn conditional_becomes_first_reference_and_refuses_a_lookbehind() {
        let t = run("extends: conditional\nmessage: \"'%s' has no definition\"\n\
                     first: '\\b([A-Z]{3,5})\\b'\nsecond: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'\n\
                     exceptions:\n  - NASA\n  - 'U\\.S\\.'\n");
        let [rule] = t.rules.as_slice() else {
            panic!("{:?}", t.rules)
        };
        assert_eq!(rule.kind, "first-reference");
        assert_eq!(rule.pattern.as_deref(), Some(r"\b([A-Z]{3,5})\b"));
        assert_eq!(
            rule.defined_by.as_deref(),
            Some(r"(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)")
        );
        assert_eq!(rule.exceptions, ["NASA"]);
        assert!(t.notes[0].text.contains("`U\\.S\\.`"), "{:?}", t.notes);
        let why = refused(
            "extends: conditional\nfirst: '(?<![a-z])[A-Z]{3}'\nsecond: '\\(([A-Z]{3})\\)'\n",
        );
        assert!(why.starts_with("negative look-behind"), "{why}");
    }

    #[test]
    fn other_kinds_and_untranslatable_scopes_are_refused_with_a_reason() {
        assert_eq!(
            refused("extends: repetition\ntokens:\n  - '[^\\s]+'\n"),
            "copydesk has no `repetition` rule kind"
        );
        let why = refused("extends: existence\nscope: raw\ntokens:\n  - x\n");
        assert!(
            why.starts_with("Vale scope `raw` has no copydesk counterpart"),
            "{why}"
        );
        let t = run("extends: existence\nscope: heading\ntokens:\n  - x\n");
        assert_eq!(t.rules[0].within, Some(vec!["headline"]));
        assert_eq!(
            refused("message: hi\n"),
            "no `extends` key: not a Vale rule"
        );
    }

    #[test]
    fn unknown_and_unread_keys_are_noted_with_their_lines() {
        let t = run("extends: existence\naction:\n  name: remove\ncode: true\ntokens:\n  - x\nswap:\n  a: b\n");
        let texts: Vec<_> = t.notes.iter().map(|n| (n.line, n.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (2, "key `action` of `existence` ignored: Vale's fix action is not imported (a substitution offers its replacement)"),
                (4, "key `code` of `existence` ignored: copydesk never checks code spans"),
                (7, "key `swap` of `existence` ignored: not a key copydesk translates"),
            ]
        );
    }

    #[test]
    fn messages_escape_dollars_and_keep_percent_signs() {
        assert_eq!(
            message("Costs $5: '%s' (100%%)", false),
            "Costs $$5: '$0' (100%)"
        );
        assert_eq!(message("'%s' not '%s'", true), "'${replacement}' not '$0'");
        assert_eq!(message("Prefer '%s'", true), "Prefer '${replacement}'");
    }
}
