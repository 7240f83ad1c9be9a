//! The house rules that judge a whole story: one form per story, the full
//! name before the short one, so many occurrences per story. Paragraphs
//! leave [`Mark`]s as they are analysed (and cached); the story's marks are
//! read here in order.

use std::collections::HashSet;
use std::ops::Range;

use regex::Captures;

use super::compile::{Check, StyleRule};
use super::spec::Per;
use super::{fill, MESSAGES};
use crate::finding::{Finding, Fix, Severity};

/// A match of a story-level house rule in a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    rule: u32,
    /// Which of the rule's probes matched (a form, a short or full name…).
    probe: u32,
    /// In the paragraph until the linter places it in the document.
    span: Range<usize>,
    /// The matched text.
    text: Box<str>,
    /// What the rule compares: the name or short form the match is about.
    key: Box<str>,
    /// Whether the match is in the writer's voice, where the rule may flag it.
    writer: bool,
}

impl Mark {
    pub(super) fn new(
        rule: u32,
        probe: u32,
        span: Range<usize>,
        text: &str,
        key: &str,
        writer: bool,
    ) -> Mark {
        Mark {
            rule,
            probe,
            span,
            text: text.into(),
            key: key.into(),
            writer,
        }
    }

    /// Moves the mark by `delta` bytes (paragraph → document offsets).
    pub(crate) fn shift(&mut self, delta: usize) {
        self.span = self.span.start + delta..self.span.end + delta;
    }
}

/// The probe and key of a name match of a `titles` rule: a titled name of
/// two words or more ("Dr. Jane Smith") is a full name; a capitalized pair
/// whose first word is a title is not a name at all.
pub(super) fn name_mark<'t>(
    probe: u32,
    captures: Option<&Captures<'t>>,
    titles: &[String],
) -> Option<(u32, &'t str)> {
    let captures = captures?;
    match probe {
        0 => {
            let name = captures.get(1)?.as_str();
            let surname = name.split_whitespace().next_back()?;
            Some((
                if name.split_whitespace().count() > 1 {
                    1
                } else {
                    0
                },
                surname,
            ))
        }
        1 => {
            let given = captures.get(1)?.as_str();
            (!titles.iter().any(|t| t == given)).then_some(())?;
            Some((1, captures.get(2)?.as_str()))
        }
        _ => Some((2, captures.get(1)?.as_str())),
    }
}

/// The story-level findings of `rules` from a story's marks, in order.
pub(super) fn judge(
    rules: &[StyleRule],
    marks: &[Mark],
    severities: &[Option<Severity>],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut by_rule: Vec<Vec<&Mark>> = Vec::new();
    for mark in marks {
        let r = mark.rule as usize;
        if by_rule.len() <= r {
            by_rule.resize_with(r + 1, Vec::new);
        }
        by_rule[r].push(mark);
    }
    for (r, marks) in by_rule.iter().enumerate() {
        let (Some(rule), Some(Some(severity))) = (rules.get(r), severities.get(r).copied()) else {
            continue;
        };
        let report = |mark: &Mark, default: &str, extra: &[(&str, &str)]| {
            let text: &str = &mark.text;
            let template = rule.spec.message.as_deref().unwrap_or(default);
            let message = fill(template, &|name| (name == "0").then_some(text), extra);
            Finding::new(rule.id, severity, mark.span.clone(), message)
        };
        let fix = |mark: &Mark, title: &str, replacement: &str| {
            let extra = [("form", replacement), ("full", replacement)];
            let text: &str = &mark.text;
            let title = fill(title, &|name| (name == "0").then_some(text), &extra);
            Fix::replace(
                title,
                mark.span.clone(),
                replacement.to_string(),
                rule.spec.safe,
            )
        };
        let writers = marks.iter().filter(|m| m.writer);
        match &rule.check {
            Check::Occurrence {
                max,
                distinct,
                per: Per::Story,
            } => {
                let max_text = max.to_string();
                let extra = [("max", max_text.as_str()), ("per", Per::Story.as_str())];
                let mut forms: Vec<String> = Vec::new();
                for (count, mark) in writers.enumerate() {
                    if *distinct {
                        let form = mark.text.to_lowercase();
                        if !forms.contains(&form) {
                            forms.push(form);
                            if forms.len() == *max as usize + 1 {
                                out.push(report(mark, &MESSAGES.occurrence_distinct, &extra));
                            }
                        }
                    } else if count >= *max as usize {
                        out.push(report(mark, &MESSAGES.occurrence, &extra));
                    }
                }
            }
            Check::Consistency => {
                let mut first: Option<u32> = None;
                for mark in writers {
                    let chosen = *first.get_or_insert(mark.probe);
                    if mark.probe != chosen {
                        let form = rule.probes[chosen as usize].text.as_str();
                        let finding = report(mark, &MESSAGES.consistency, &[("form", form)]);
                        out.push(finding.with_fix(fix(mark, &MESSAGES.consistency_fix, form)));
                    }
                }
            }
            Check::Abbreviations { full } => {
                let mut defined: HashSet<u32> = HashSet::new();
                for mark in marks {
                    let pair = mark.probe / 2;
                    if mark.probe % 2 == 1 {
                        defined.insert(pair);
                    } else if mark.writer && defined.insert(pair) {
                        // The first short form before its full name, once.
                        let Some(full) = full.get(pair as usize) else {
                            continue;
                        };
                        let finding = report(mark, &MESSAGES.abbreviation, &[("full", full)]);
                        out.push(finding.with_fix(fix(mark, &MESSAGES.abbreviation_fix, full)));
                    }
                }
            }
            Check::Titles { .. } => {
                let mut defined: HashSet<&str> = HashSet::new();
                for (i, mark) in marks.iter().enumerate() {
                    match mark.probe {
                        1 => {
                            defined.insert(&mark.key);
                        }
                        0 if mark.writer && defined.insert(&mark.key) => {
                            out.push(report(mark, &MESSAGES.title, &[]));
                        }
                        // A surname speaking before the story names them in
                        // full further down: the full name belongs here.
                        2 if mark.writer
                            && !defined.contains(&*mark.key)
                            && marks[i + 1..]
                                .iter()
                                .any(|m| m.probe == 1 && m.key == mark.key) =>
                        {
                            defined.insert(&mark.key);
                            out.push(report(mark, &MESSAGES.surname, &[]));
                        }
                        _ => {}
                    }
                }
            }
            Check::Defined => {
                let mut defined: HashSet<&str> = HashSet::new();
                for mark in marks {
                    if mark.probe == 1 {
                        defined.insert(&mark.key);
                    } else if mark.writer && defined.insert(&mark.key) {
                        out.push(report(mark, &MESSAGES.defined, &[]));
                    }
                }
            }
            Check::Existence | Check::Substitution { .. } | Check::Occurrence { .. } => {}
        }
    }
    out.sort_by_key(|f| f.span.start);
    out
}

/// A house rule's documentation as Markdown.
pub(super) fn describe(rule: &StyleRule) -> String {
    let spec = &rule.spec;
    let mut md = format!(
        "### `{}`\n\nA house rule ({}) of the desk's stylebook.\n\n*Default severity:* {}",
        rule.id,
        spec.kind.as_str(),
        rule.severity
    );
    if let Some(link) = &spec.link {
        md.push_str(&format!(" · *Stylebook:* <{link}>"));
    }
    md.push_str("\n\n");
    if let Some(explanation) = &spec.explanation {
        md.push_str(explanation.trim());
        md.push_str("\n\n");
    }
    for (title, examples) in [("Flagged", &spec.bad), ("Fine", &spec.good)] {
        if !examples.is_empty() {
            md.push_str(&format!("**{title}:**\n\n"));
            for example in examples {
                md.push_str(&format!("> {}\n\n", example.trim()));
            }
        }
    }
    md
}
