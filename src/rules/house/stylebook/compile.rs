//! Checking a [`RuleSpec`] and turning it into what the matcher runs: the
//! keys its kind needs, its patterns compiled with limits, its id kept.

use regex::{Regex, RegexBuilder};

use super::ids::intern;
use super::spec::{Case, Kind, Part, Per, RuleSpec};
use crate::finding::Severity;
use crate::rules::Voice;

/// Characters in one pattern, token, form or replacement: room for a list
/// of several hundred phrases in one pattern, as stylebooks write them;
/// what a pattern compiles to has its own limit.
pub const MAX_PATTERN_CHARS: usize = 50_000;
/// Tokens, swaps, forms, abbreviations or titles in one rule.
pub const MAX_TERMS: usize = 5_000;
/// Characters in a rule id.
pub const MAX_ID_CHARS: usize = 64;
/// Characters in a message.
pub const MAX_MESSAGE_CHARS: usize = 500;
/// Characters in an explanation.
pub const MAX_EXPLANATION_CHARS: usize = 10_000;
/// Examples (`bad` and `good` together) in one rule.
pub const MAX_EXAMPLES: usize = 50;
/// Bytes a compiled pattern may take: a huge repetition count or an
/// enormous alternation is refused rather than built.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
/// How deeply a pattern may nest.
const REGEX_NEST_LIMIT: u32 = 50;

/// Why a rule cannot be used: the key at fault and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    /// The key of the rule's table that is wrong (`id`, `pattern`…).
    pub key: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl SpecError {
    fn new(key: &'static str, message: impl Into<String>) -> SpecError {
        SpecError {
            key,
            message: message.into(),
        }
    }
}

/// Where a rule's matches come from: a term of the stylebook's shared
/// matcher or one of its patterns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Source {
    /// A literal term, matched with the rule's case.
    Term,
    /// A regular expression.
    Pattern,
}

/// One thing a rule looks for; a rule's probes are numbered in order.
#[derive(Debug)]
pub(super) struct Probe {
    pub source: Source,
    /// The term, or the pattern as written.
    pub text: String,
    /// The compiled pattern, for [`Source::Pattern`].
    pub regex: Option<Regex>,
}

/// What a rule does with its matches.
#[derive(Debug)]
pub(super) enum Check {
    Existence,
    /// The replacement of each probe (one for a pattern, one per swap).
    Substitution {
        replacements: Vec<String>,
    },
    Occurrence {
        max: u32,
        per: Per,
        distinct: bool,
    },
    Consistency,
    /// Probe 2k is the k-th short form, probe 2k+1 its full name.
    Abbreviations {
        full: Vec<String>,
    },
    /// Probe 0 a titled name, probe 1 a full name, probe 2 a surname
    /// speaking; the titles, without their dots, to tell a title from a name.
    Titles {
        titles: Vec<String>,
    },
    /// Probe 0 the short form, probe 1 its definition.
    Defined,
}

/// A house rule ready to run.
#[derive(Debug)]
pub(super) struct StyleRule {
    pub spec: RuleSpec,
    /// `house/<id>`.
    pub id: &'static str,
    pub severity: Severity,
    pub writers_voice: bool,
    /// The parts of a story read, a bit per [`Part`].
    pub parts: u8,
    pub case: Case,
    pub probes: Vec<Probe>,
    pub check: Check,
}

/// The bit of a part in [`StyleRule::parts`].
pub(super) fn part_bit(part: Part) -> u8 {
    1 << (part as u8)
}

/// Checks and compiles one rule.
pub(super) fn compile(spec: RuleSpec) -> Result<StyleRule, SpecError> {
    let id = check_id(&spec.id)?;
    if spec
        .message
        .as_ref()
        .is_some_and(|m| m.chars().count() > MAX_MESSAGE_CHARS)
    {
        return Err(SpecError::new(
            "message",
            format!("a message may be at most {MAX_MESSAGE_CHARS} characters"),
        ));
    }
    if spec
        .explanation
        .as_ref()
        .is_some_and(|m| m.chars().count() > MAX_EXPLANATION_CHARS)
    {
        return Err(SpecError::new(
            "explanation",
            format!("an explanation may be at most {MAX_EXPLANATION_CHARS} characters"),
        ));
    }
    if spec.bad.len() + spec.good.len() > MAX_EXAMPLES {
        return Err(SpecError::new(
            "bad",
            format!("a rule may have at most {MAX_EXAMPLES} examples"),
        ));
    }
    allowed_keys(&spec)?;
    // A name is told from a word by its capital, whatever the rule says of case.
    let case = if spec.titles.is_empty() {
        spec.case
    } else {
        Case::Sensitive
    };
    let (probes, check) = match spec.kind {
        Kind::Existence => (one_matcher(&spec)?, Check::Existence),
        Kind::Substitution => substitution(&spec)?,
        Kind::Occurrence => {
            let max = spec
                .max
                .ok_or_else(|| SpecError::new("kind", "an occurrence rule needs `max`"))?;
            let per = spec.per.ok_or_else(|| {
                SpecError::new(
                    "kind",
                    "an occurrence rule needs `per`: \"sentence\", \"paragraph\" or \"story\"",
                )
            })?;
            (
                one_matcher(&spec)?,
                Check::Occurrence {
                    max,
                    per,
                    distinct: spec.distinct,
                },
            )
        }
        Kind::Consistency => {
            if spec.forms.len() < 2 {
                return Err(SpecError::new(
                    "forms",
                    "a consistency rule needs at least two `forms`",
                ));
            }
            (terms("forms", spec.forms.iter())?, Check::Consistency)
        }
        Kind::FirstReference => first_reference(&spec)?,
    };
    let parts = match &spec.parts {
        None => u8::MAX,
        Some(parts) if parts.is_empty() => {
            return Err(SpecError::new(
                "in",
                "`in` names no part of a story; leave it out to read them all",
            ))
        }
        Some(parts) => parts.iter().fold(0, |bits, &p| bits | part_bit(p)),
    };
    Ok(StyleRule {
        id,
        severity: spec.level.unwrap_or(Severity::Warning),
        writers_voice: spec.voice.unwrap_or(Voice::Writer) == Voice::Writer,
        parts,
        case,
        probes: compile_patterns(probes, case)?,
        check,
        spec,
    })
}

fn check_id(id: &str) -> Result<&'static str, SpecError> {
    let well_formed = id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
    if !well_formed {
        return Err(SpecError::new(
            "id",
            format!("`{id}` is not a rule id: use lowercase letters, digits, `-` and `.`, starting with a letter"),
        ));
    }
    if id.len() > MAX_ID_CHARS {
        return Err(SpecError::new(
            "id",
            format!("a rule id may be at most {MAX_ID_CHARS} characters"),
        ));
    }
    intern(&format!("house/{id}")).ok_or_else(|| {
        SpecError::new(
            "id",
            "too many distinct house rule ids have been read in this session",
        )
    })
}

/// Refuses keys the rule's kind does not read, so that a misplaced key is
/// an error rather than a setting that silently does nothing.
fn allowed_keys(spec: &RuleSpec) -> Result<(), SpecError> {
    let set: [(&'static str, bool); 12] = [
        ("tokens", !spec.tokens.is_empty()),
        ("pattern", spec.pattern.is_some()),
        ("replacement", spec.replacement.is_some()),
        ("swap", !spec.swap.is_empty()),
        ("safe", spec.safe),
        ("max", spec.max.is_some()),
        ("per", spec.per.is_some()),
        ("distinct", spec.distinct),
        ("forms", !spec.forms.is_empty()),
        ("abbreviations", !spec.abbreviations.is_empty()),
        ("titles", !spec.titles.is_empty()),
        ("defined-by", spec.defined_by.is_some()),
    ];
    let allowed: &[&str] = match spec.kind {
        Kind::Existence => &["tokens", "pattern"],
        Kind::Substitution => &["pattern", "replacement", "swap", "safe"],
        Kind::Occurrence => &["tokens", "pattern", "max", "per", "distinct"],
        Kind::Consistency => &["forms", "safe"],
        Kind::FirstReference => &["abbreviations", "titles", "pattern", "defined-by", "safe"],
    };
    match set
        .iter()
        .find(|(key, present)| *present && !allowed.contains(key))
    {
        Some((key, _)) => Err(SpecError::new(
            key,
            format!(
                "a {} rule does not use `{key}`; it reads {}",
                spec.kind.as_str(),
                list(allowed)
            ),
        )),
        None => Ok(()),
    }
}

fn list(keys: &[&str]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    quoted.join(", ")
}

/// The `tokens` or the `pattern` of a rule that takes exactly one of them.
fn one_matcher(spec: &RuleSpec) -> Result<Vec<Probe>, SpecError> {
    match (&spec.pattern, spec.tokens.is_empty()) {
        (Some(_), false) => Err(SpecError::new(
            "pattern",
            "give `tokens` or `pattern`, not both",
        )),
        (None, true) => Err(SpecError::new(
            "kind",
            format!("a {} rule needs `tokens` or `pattern`", spec.kind.as_str()),
        )),
        (Some(pattern), true) => Ok(vec![pattern_probe("pattern", pattern)?]),
        (None, false) => terms("tokens", spec.tokens.iter()),
    }
}

fn substitution(spec: &RuleSpec) -> Result<(Vec<Probe>, Check), SpecError> {
    match (&spec.pattern, &spec.replacement, spec.swap.is_empty()) {
        (Some(pattern), Some(replacement), true) => {
            check_length("replacement", replacement)?;
            Ok((
                vec![pattern_probe("pattern", pattern)?],
                Check::Substitution {
                    replacements: vec![replacement.clone()],
                },
            ))
        }
        (None, None, false) => {
            if spec.swap.len() > MAX_TERMS {
                return Err(SpecError::new(
                    "swap",
                    format!("at most {MAX_TERMS} entries"),
                ));
            }
            for replacement in spec.swap.values() {
                check_length("swap", replacement)?;
            }
            Ok((
                terms("swap", spec.swap.keys())?,
                Check::Substitution {
                    replacements: spec.swap.values().cloned().collect(),
                },
            ))
        }
        (Some(_), None, _) => Err(SpecError::new(
            "pattern",
            "a substitution with a `pattern` needs a `replacement`",
        )),
        (None, Some(_), _) => Err(SpecError::new(
            "replacement",
            "a `replacement` needs a `pattern`",
        )),
        (Some(_), Some(_), false) => Err(SpecError::new(
            "swap",
            "give `pattern` and `replacement`, or `swap`, not both",
        )),
        (None, None, true) => Err(SpecError::new(
            "kind",
            "a substitution rule needs `pattern` and `replacement`, or `swap`",
        )),
    }
}

fn first_reference(spec: &RuleSpec) -> Result<(Vec<Probe>, Check), SpecError> {
    let forms = [
        !spec.abbreviations.is_empty(),
        !spec.titles.is_empty(),
        spec.pattern.is_some() || spec.defined_by.is_some(),
    ];
    if forms.iter().filter(|&&f| f).count() != 1 {
        return Err(SpecError::new(
            "kind",
            "a first-reference rule needs one of `abbreviations`, `titles`, or `pattern` with `defined-by`",
        ));
    }
    if !spec.abbreviations.is_empty() {
        if spec.abbreviations.len() > MAX_TERMS {
            return Err(SpecError::new(
                "abbreviations",
                format!("at most {MAX_TERMS} entries"),
            ));
        }
        let mut probes = Vec::new();
        for (short, full) in &spec.abbreviations {
            probes.extend(terms("abbreviations", [short, full])?);
        }
        let full = spec.abbreviations.values().cloned().collect();
        return Ok((probes, Check::Abbreviations { full }));
    }
    if !spec.titles.is_empty() {
        return titles(spec);
    }
    match (&spec.pattern, &spec.defined_by) {
        (Some(pattern), Some(defined_by)) => Ok((
            vec![
                pattern_probe("pattern", pattern)?,
                pattern_probe("defined-by", defined_by)?,
            ],
            Check::Defined,
        )),
        (None, _) => Err(SpecError::new(
            "defined-by",
            "`defined-by` needs a `pattern` for the short form",
        )),
        (_, None) => Err(SpecError::new(
            "pattern",
            "a first-reference `pattern` needs `defined-by`",
        )),
    }
}

/// A capitalized word of a name: "Smith", "O’Neill", "Lloyd-Jones".
const NAME_WORD: &str = r"\p{Lu}[\p{L}’'\-]+";

fn titles(spec: &RuleSpec) -> Result<(Vec<Probe>, Check), SpecError> {
    if spec.titles.len() > 100 {
        return Err(SpecError::new("titles", "at most 100 titles"));
    }
    for title in &spec.titles {
        check_length("titles", title)?;
    }
    let alternatives: Vec<String> = spec
        .titles
        .iter()
        .map(|t| regex::escape(t.trim()))
        .collect();
    let titled = format!(
        r"\b(?:{})\s+((?:{NAME_WORD}\s+)*{NAME_WORD})",
        alternatives.join("|")
    );
    let full = format!(r"\b({NAME_WORD})(?:\s+(?:\p{{Lu}}\.|{NAME_WORD}))*\s+({NAME_WORD})\b");
    let speaking = format!(r"\b({NAME_WORD})\s+(?:said|says|told|added|asked|wrote)\b");
    let probes = vec![
        pattern_probe("titles", &titled)?,
        pattern_probe("titles", &full)?,
        pattern_probe("titles", &speaking)?,
    ];
    let titles = spec
        .titles
        .iter()
        .map(|t| t.trim().trim_end_matches('.').to_string())
        .collect();
    Ok((probes, Check::Titles { titles }))
}

fn check_length(key: &'static str, text: &str) -> Result<(), SpecError> {
    if text.chars().count() > MAX_PATTERN_CHARS {
        return Err(SpecError::new(
            key,
            format!("at most {MAX_PATTERN_CHARS} characters"),
        ));
    }
    Ok(())
}

fn terms<'t>(
    key: &'static str,
    terms: impl IntoIterator<Item = &'t String>,
) -> Result<Vec<Probe>, SpecError> {
    let mut probes = Vec::new();
    for term in terms {
        check_length(key, term)?;
        if term.trim().is_empty() {
            return Err(SpecError::new(key, "an empty term matches nothing"));
        }
        if probes.len() >= MAX_TERMS {
            return Err(SpecError::new(key, format!("at most {MAX_TERMS} entries")));
        }
        probes.push(Probe {
            source: Source::Term,
            text: term.clone(),
            regex: None,
        });
    }
    Ok(probes)
}

fn pattern_probe(key: &'static str, pattern: &str) -> Result<Probe, SpecError> {
    check_length(key, pattern)?;
    if pattern.is_empty() {
        return Err(SpecError::new(key, "an empty pattern matches everywhere"));
    }
    Ok(Probe {
        source: Source::Pattern,
        text: pattern.to_string(),
        regex: None,
    })
}

/// Compiles the patterns among `probes` for `case`, within the size limits.
fn compile_patterns(mut probes: Vec<Probe>, case: Case) -> Result<Vec<Probe>, SpecError> {
    for probe in probes.iter_mut().filter(|p| p.source == Source::Pattern) {
        let regex = RegexBuilder::new(&probe.text)
            .case_insensitive(ignores_case(&probe.text, case))
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_SIZE_LIMIT)
            .nest_limit(REGEX_NEST_LIMIT)
            .build()
            .map_err(|e| SpecError::new("pattern", pattern_error(&e)))?;
        probe.regex = Some(regex);
    }
    Ok(probes)
}

/// Whether `pattern` is matched ignoring case under `case`.
pub(super) fn ignores_case(pattern: &str, case: Case) -> bool {
    match case {
        Case::Smart => !has_capital(pattern),
        Case::Sensitive => false,
        Case::Insensitive => true,
    }
}

fn pattern_error(e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(limit) => format!(
            "the pattern is too big: compiled, it would exceed {} KiB (a huge repetition count or alternation?)",
            limit / 1024
        ),
        // The syntax error's own text points at the place with a caret over
        // several lines; the last line says what is wrong.
        regex::Error::Syntax(text) => {
            let what = text.lines().rev().find(|l| l.starts_with("error:")).unwrap_or(text.as_str());
            let what = what.trim_start_matches("error:").trim();
            if text.contains("look-around") {
                format!("{what}: copydesk's patterns run in linear time, so look-ahead and look-behind are not available")
            } else {
                format!("the pattern is not a valid regular expression: {what}")
            }
        }
        _ => format!("the pattern cannot be used: {e}"),
    }
}

/// Whether a pattern asks for a capital letter: a literal capital outside
/// escapes and `\p{…}` classes.
fn has_capital(pattern: &str) -> bool {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some('p' | 'P') = chars.next() {
                if chars.clone().next() == Some('{') {
                    chars.by_ref().find(|&c| c == '}');
                } else {
                    chars.next();
                }
            }
        } else if c.is_uppercase() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(toml: &str) -> RuleSpec {
        match toml::from_str(toml) {
            Ok(spec) => spec,
            Err(e) => panic!("{e}"),
        }
    }

    fn error(toml: &str) -> SpecError {
        match compile(spec(toml)) {
            Ok(_) => panic!("compiled: {toml}"),
            Err(e) => e,
        }
    }

    #[test]
    fn a_rule_of_each_kind_compiles() {
        for toml in [
            "id = \"a\"\nkind = \"existence\"\ntokens = [\"very unique\"]",
            "id = \"b\"\nkind = \"substitution\"\npattern = '\\bKiev\\b'\nreplacement = \"Kyiv\"",
            "id = \"c\"\nkind = \"occurrence\"\npattern = \"!\"\nmax = 1\nper = \"story\"",
            "id = \"d\"\nkind = \"consistency\"\nforms = [\"percent\", \"%\"]",
            "id = \"e\"\nkind = \"first-reference\"\nabbreviations = { NTSB = \"National Transportation Safety Board\" }",
            "id = \"f\"\nkind = \"first-reference\"\ntitles = [\"Mr.\", \"Dr.\"]",
        ] {
            assert!(compile(spec(toml)).is_ok(), "{toml}");
        }
    }

    #[test]
    fn keys_a_kind_does_not_read_are_errors() {
        let e = error("id = \"a\"\nkind = \"existence\"\ntokens = [\"x\"]\nreplacement = \"y\"");
        assert_eq!(e.key, "replacement");
        let e = error("id = \"a\"\nkind = \"occurrence\"\ntokens = [\"x\"]\nper = \"story\"");
        assert!(e.message.contains("`max`"), "{e:?}");
        // The same rule with what it needs is fine.
        assert!(compile(spec(
            "id = \"a\"\nkind = \"occurrence\"\ntokens = [\"x\"]\nper = \"story\"\nmax = 2"
        ))
        .is_ok());
    }

    #[test]
    fn bad_ids_and_patterns_say_what_is_wrong() {
        assert_eq!(
            error("id = \"Kyiv\"\nkind = \"existence\"\ntokens = [\"x\"]").key,
            "id"
        );
        let e = error("id = \"a\"\nkind = \"existence\"\npattern = '(?=x)y'");
        assert!(e.message.contains("look-ahead"), "{e:?}");
        let e = error("id = \"a\"\nkind = \"existence\"\npattern = '(a{1000}){1000}'");
        assert!(e.message.contains("too big"), "{e:?}");
        let e = error("id = \"a\"\nkind = \"existence\"\npattern = '(unclosed'");
        assert!(e.message.contains("not a valid"), "{e:?}");
    }

    #[test]
    fn smart_case_reads_capitals_outside_escapes() {
        assert!(has_capital(r"\bKiev\b"));
        assert!(!has_capital(r"\bkiev\b\W\p{Lu}\PL\B"));
    }
}
