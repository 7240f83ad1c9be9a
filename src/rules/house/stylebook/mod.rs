//! A desk's own stylebook: house rules read from the style files a
//! copydesk.toml names (`styles = "styles"`), each reported as `house/<id>`.
//!
//! A rule is plain data ([`RuleSpec`]); [`Stylebook::new`] checks and
//! compiles a desk's rules once per configuration, with every literal term
//! of every rule in one automaton, and the linter reuses it across
//! documents and keystrokes. Rules that judge a sentence or paragraph
//! report from [`Stylebook::check`]; those that need the whole story
//! (consistency, first reference, occurrences per story) leave [`Mark`]s
//! there, which [`Stylebook::judge`] reads in story order.

mod compile;
mod ids;
mod prefilter;
mod spec;
mod story;
mod template;
#[cfg(test)]
mod tests;

pub use compile::{
    SpecError, MAX_EXAMPLES, MAX_EXPLANATION_CHARS, MAX_ID_CHARS, MAX_MESSAGE_CHARS,
    MAX_PATTERN_CHARS, MAX_TERMS,
};
pub use spec::{Case, Kind, Part, Per, RuleSpec};
pub use story::Mark;

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::ops::Range;

use regex::Captures;
use serde::Deserialize;

use super::matcher::Matcher;
use crate::finding::{Finding, Fix, Severity};
use crate::prose::{BlockKind, Paragraph};
use crate::rules::rule_data;
use compile::{compile, part_bit, Check, Source, StyleRule};
use prefilter::Prefilter;
use template::expand;

/// The messages of rules that do not write their own.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Messages {
    existence: String,
    substitution: String,
    substitution_fix: String,
    occurrence: String,
    occurrence_distinct: String,
    consistency: String,
    consistency_fix: String,
    abbreviation: String,
    abbreviation_fix: String,
    title: String,
    surname: String,
    defined: String,
}

rule_data!(MESSAGES: Messages = "defaults.toml");

/// A desk's house rules, compiled. Cheap to share behind an `Arc`.
#[derive(Debug, Default)]
pub struct Stylebook {
    rules: Vec<StyleRule>,
    /// Every literal term of every rule.
    terms: Matcher,
    /// (rule, probe) of each term of [`Stylebook::terms`].
    term_owners: Vec<(u32, u32)>,
    /// (rule, probe) of every pattern.
    patterns: Vec<(u32, u32)>,
    /// Which patterns may match a paragraph.
    prefilter: Prefilter,
    /// The parts of a story any rule reads.
    parts: u8,
    fingerprint: u64,
}

/// One match of a rule in a paragraph, before the rule judges it.
struct Hit<'t> {
    rule: u32,
    probe: u32,
    /// In the paragraph's squeezed text.
    range: Range<usize>,
    captures: Option<Captures<'t>>,
}

impl Stylebook {
    /// The family its rules are reported in, and what a failure of the
    /// stylebook as a whole is reported as.
    pub const FAMILY: &'static str = "house";

    /// Checks and compiles `specs`; an error names the rule at fault by its
    /// place in `specs`. Ids must be unique.
    pub fn new(specs: Vec<RuleSpec>) -> Result<Stylebook, (usize, SpecError)> {
        let mut hasher = DefaultHasher::new();
        specs.hash(&mut hasher);
        let mut rules: Vec<StyleRule> = Vec::with_capacity(specs.len());
        for (i, spec) in specs.into_iter().enumerate() {
            let rule = compile(spec).map_err(|e| (i, e))?;
            if rules.iter().any(|r| r.id == rule.id) {
                let message = format!("another rule is already called `{}`", rule.spec.id);
                return Err((i, SpecError { key: "id", message }));
            }
            rules.push(rule);
        }
        let mut terms = Vec::new();
        let mut term_owners = Vec::new();
        let mut patterns = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            for (p, probe) in rule.probes.iter().enumerate() {
                let owner = (r as u32, p as u32);
                match probe.source {
                    Source::Term => {
                        terms.push((probe.text.as_str(), rule.case));
                        term_owners.push(owner);
                    }
                    Source::Pattern => patterns.push(owner),
                }
            }
        }
        let prefilter = Prefilter::new(patterns.iter().map(|&(r, p)| {
            let rule = &rules[r as usize];
            let probe = &rule.probes[p as usize];
            (
                probe.text.as_str(),
                compile::ignores_case(&probe.text, rule.case),
            )
        }));
        Ok(Stylebook {
            prefilter,
            terms: Matcher::new(terms),
            term_owners,
            patterns,
            parts: rules.iter().fold(0, |bits, r| bits | r.parts),
            rules,
            fingerprint: hasher.finish(),
        })
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// How many rules there are.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// The rules as written, in file order.
    pub fn specs(&self) -> impl Iterator<Item = &RuleSpec> {
        self.rules.iter().map(|r| &r.spec)
    }

    /// Each rule's id (`house/<id>`) and default severity, in file order.
    pub fn defaults(&self) -> impl Iterator<Item = (&'static str, Severity)> + '_ {
        self.rules.iter().map(|r| (r.id, r.severity))
    }

    /// The rule called `id` (`house/<id>`).
    pub fn spec(&self, id: &str) -> Option<&RuleSpec> {
        self.rules.iter().find(|r| r.id == id).map(|r| &r.spec)
    }

    /// The rule's explanation as Markdown, for `explain`, `rules` and hover.
    pub fn to_markdown(&self, id: &str) -> Option<String> {
        let rule = self.rules.iter().find(|r| r.id == id)?;
        Some(story::describe(rule))
    }

    /// A hash of the rules, for caches keyed by configuration.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Reports the paragraph-level rules' findings in `para` and leaves
    /// marks for the story-level ones. `severities` has an entry per rule,
    /// in file order: `None` for a rule that is off.
    pub(crate) fn check(
        &self,
        para: &Paragraph,
        severities: &[Option<Severity>],
        out: &mut Vec<Finding>,
        marks: &mut Vec<Mark>,
    ) {
        let part = part_bit(match para.kind {
            BlockKind::Heading => Part::Headline,
            BlockKind::ListItem => Part::List,
            BlockKind::Caption => Part::Caption,
            BlockKind::Paragraph | BlockKind::TableCell => Part::Body,
        });
        if self.parts & part == 0 {
            return;
        }
        let reads = |rule: u32| {
            let r = rule as usize;
            self.rules[r].parts & part != 0 && severities.get(r).copied().flatten().is_some()
        };
        let (text, map) = para.phrase_text();
        let mut hits: Vec<Hit> = Vec::new();
        if !self.terms.is_empty() {
            let mut found: Vec<(u32, u32, Range<usize>)> = (self.terms.find_all(text).into_iter())
                .map(|(t, range)| (self.term_owners[t].0, self.term_owners[t].1, range))
                .filter(|(rule, _, _)| reads(*rule))
                .collect();
            // Leftmost-longest within each rule; rules do not hide each other.
            found.sort_by(|a, b| (a.0, a.2.start, b.2.end).cmp(&(b.0, b.2.start, a.2.end)));
            let mut end = (u32::MAX, 0);
            for (rule, probe, range) in found {
                if end.0 == rule && range.start < end.1 {
                    continue;
                }
                end = (rule, range.end);
                hits.push(Hit {
                    rule,
                    probe,
                    range,
                    captures: None,
                });
            }
        }
        let candidates = if self.patterns.is_empty() {
            Vec::new()
        } else {
            self.prefilter.candidates(text)
        };
        for (&(rule, probe), _) in self.patterns.iter().zip(candidates).filter(|(_, may)| *may) {
            if !reads(rule) {
                continue;
            }
            let Some(regex) = &self.rules[rule as usize].probes[probe as usize].regex else {
                continue;
            };
            for captures in regex.captures_iter(text) {
                let Some(whole) = captures.get(0) else {
                    continue;
                };
                if whole.is_empty() {
                    continue;
                }
                let range = whole.range();
                hits.push(Hit {
                    rule,
                    probe,
                    range,
                    captures: Some(captures),
                });
            }
        }
        if hits.is_empty() {
            return;
        }
        hits.sort_by_key(|h| (h.rule, h.range.start));
        // Occurrences counted so far: (rule, sentence or paragraph, count, forms).
        let mut counted: Option<(u32, usize, u32, Vec<String>)> = None;
        for hit in hits {
            let rule = &self.rules[hit.rule as usize];
            let Some(severity) = severities.get(hit.rule as usize).copied().flatten() else {
                continue;
            };
            let matched = &text[hit.range.clone()];
            if excepted(rule, matched) {
                continue;
            }
            let span = map(hit.range.clone());
            let writer = !rule.writers_voice
                || !(para.in_quotation(span.clone()) || para.span_in_reported_speech(&span));
            let groups = |name: &str| group(matched, hit.captures.as_ref(), name);
            let finding = |default: &str, extra: &[(&str, &str)]| {
                let template = rule.spec.message.as_deref().unwrap_or(default);
                let message = fill(template, &groups, extra);
                Finding::new(rule.id, severity, span.clone(), message)
            };
            match &rule.check {
                Check::Existence if writer => out.push(finding(&MESSAGES.existence, &[])),
                Check::Substitution { replacements } if writer => {
                    let Some(template) = replacements.get(hit.probe as usize) else {
                        continue;
                    };
                    let replacement = match rule.probes[hit.probe as usize].source {
                        Source::Pattern => fill(template, &groups, &[]),
                        Source::Term => template.clone(),
                    };
                    if replacement == matched {
                        continue;
                    }
                    let extra = [("replacement", replacement.as_str())];
                    let title = fill(&MESSAGES.substitution_fix, &groups, &extra);
                    let fix =
                        Fix::replace(title, span.clone(), replacement.clone(), rule.spec.safe);
                    out.push(finding(&MESSAGES.substitution, &extra).with_fix(fix));
                }
                Check::Occurrence { max, per, distinct } if *per != Per::Story => {
                    if !writer {
                        continue;
                    }
                    let within = if *per == Per::Sentence {
                        para.sentence_of(span.start)
                    } else {
                        0
                    };
                    let count = match &mut counted {
                        Some((r, w, count, forms)) if *r == hit.rule && *w == within => {
                            if !*distinct {
                                *count += 1;
                            } else if !forms.iter().any(|f| f.eq_ignore_ascii_case(matched)) {
                                forms.push(matched.to_string());
                                *count += 1;
                            }
                            *count
                        }
                        _ => {
                            counted = Some((hit.rule, within, 1, vec![matched.to_string()]));
                            1
                        }
                    };
                    if count > *max && (!*distinct || count == *max + 1) {
                        let max = max.to_string();
                        let default = if *distinct {
                            &MESSAGES.occurrence_distinct
                        } else {
                            &MESSAGES.occurrence
                        };
                        out.push(finding(default, &[("max", &max), ("per", per.as_str())]));
                    }
                }
                // An occurrence counted per story: the story counts it.
                Check::Occurrence { .. } if writer => {
                    marks.push(Mark::new(hit.rule, hit.probe, span, matched, matched, true));
                }
                // Not in the writer's voice.
                Check::Existence | Check::Substitution { .. } | Check::Occurrence { .. } => {}
                Check::Consistency | Check::Abbreviations { .. } | Check::Defined => {
                    let key = groups("1")
                        .filter(|_| matches!(rule.check, Check::Defined))
                        .unwrap_or(matched);
                    if matches!(rule.check, Check::Defined) && excepted(rule, key) {
                        continue;
                    }
                    marks.push(Mark::new(hit.rule, hit.probe, span, matched, key, writer));
                }
                Check::Titles { titles } => {
                    if let Some((probe, key)) =
                        story::name_mark(hit.probe, hit.captures.as_ref(), titles)
                    {
                        marks.push(Mark::new(hit.rule, probe, span, matched, key, writer));
                    }
                }
            }
        }
    }

    /// The story-level rules' findings from the marks of a whole story, in
    /// story order, each with the offset of its paragraph in the document.
    pub(crate) fn judge(
        &self,
        marks: &[(usize, &Mark)],
        severities: &[Option<Severity>],
    ) -> Vec<Finding> {
        story::judge(&self.rules, marks, severities)
    }
}

/// Whether a match is one of the rule's exceptions.
fn excepted(rule: &StyleRule, matched: &str) -> bool {
    rule.spec.exceptions.iter().any(|e| match rule.case {
        Case::Sensitive => e == matched,
        Case::Smart if e.chars().any(char::is_uppercase) => e == matched,
        _ => e.to_lowercase() == matched.to_lowercase(),
    })
}

/// Group `name` of a match: `0` the whole, a number or name the pattern's.
fn group<'t>(matched: &'t str, captures: Option<&Captures<'t>>, name: &str) -> Option<&'t str> {
    if name == "0" {
        return Some(matched);
    }
    let captures = captures?;
    match name.parse::<usize>() {
        Ok(n) => captures.get(n).map(|m| m.as_str()),
        Err(_) => captures.name(name).map(|m| m.as_str()),
    }
}

/// A template filled in with a match's groups and the kind's own values.
fn fill<'a, 'b: 'a>(
    template: &str,
    group: &impl Fn(&str) -> Option<&'b str>,
    extra: &[(&str, &'a str)],
) -> String {
    expand(template, |name| {
        let own: Option<&'a str> = extra.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
        own.or_else(|| group(name))
    })
}
