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

/// A mark where the story has it: the offset of its paragraph, and the mark.
type Placed<'m> = (usize, &'m Mark);

/// The story-level findings of `rules` from a story's marks, each with the
/// offset of its paragraph, in order.
pub(super) fn judge(
    rules: &[StyleRule],
    marks: &[Placed],
    severities: &[Option<Severity>],
) -> Vec<Finding> {
    let mut out = Vec::new();
    // Each rule's marks together, still in story order (the sort is stable).
    let mut by_rule: Vec<Placed> = marks.to_vec();
    by_rule.sort_by_key(|m| m.1.rule);
    for marks in by_rule.chunk_by(|a, b| a.1.rule == b.1.rule) {
        let r = marks[0].1.rule as usize;
        let (Some(rule), Some(Some(severity))) = (rules.get(r), severities.get(r).copied()) else {
            continue;
        };
        let span = |&(at, mark): &Placed| mark.span.start + at..mark.span.end + at;
        let report = |placed: &Placed, default: &str, extra: &[(&str, &str)]| {
            let text: &str = &placed.1.text;
            let template = rule.spec.message.as_deref().unwrap_or(default);
            let message = fill(template, &|name| (name == "0").then_some(text), extra);
            Finding::new(rule.id, severity, span(placed), message)
        };
        let fix = |placed: &Placed, title: &str, replacement: &str| {
            let extra = [("form", replacement), ("full", replacement)];
            let text: &str = &placed.1.text;
            let title = fill(title, &|name| (name == "0").then_some(text), &extra);
            Fix::replace(title, span(placed), replacement.to_string(), rule.spec.safe)
        };
        let writers = marks.iter().filter(|m| m.1.writer);
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
                        let form = mark.1.text.to_lowercase();
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
                    let chosen = *first.get_or_insert(mark.1.probe);
                    if mark.1.probe != chosen {
                        let form = rule.probes[chosen as usize].text.as_str();
                        let finding = report(mark, &MESSAGES.consistency, &[("form", form)]);
                        out.push(finding.with_fix(fix(mark, &MESSAGES.consistency_fix, form)));
                    }
                }
            }
            Check::Abbreviations { full } => {
                let mut defined: HashSet<u32> = HashSet::new();
                for mark in marks {
                    let pair = mark.1.probe / 2;
                    if mark.1.probe % 2 == 1 {
                        defined.insert(pair);
                    } else if mark.1.writer && defined.insert(pair) {
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
                for (i, placed) in marks.iter().enumerate() {
                    let mark = placed.1;
                    match mark.probe {
                        1 => {
                            defined.insert(&mark.key);
                        }
                        0 if mark.writer && defined.insert(&mark.key) => {
                            out.push(report(placed, &MESSAGES.title, &[]));
                        }
                        // A surname speaking before the story names them in
                        // full further down: the full name belongs here.
                        2 if mark.writer
                            && !defined.contains(&*mark.key)
                            && marks[i + 1..]
                                .iter()
                                .any(|m| m.1.probe == 1 && m.1.key == mark.key) =>
                        {
                            defined.insert(&mark.key);
                            out.push(report(placed, &MESSAGES.surname, &[]));
                        }
                        _ => {}
                    }
                }
            }
            Check::Defined => {
                let mut defined: HashSet<&str> = HashSet::new();
                for placed in marks {
                    let mark = placed.1;
                    if mark.probe == 1 {
                        defined.insert(&mark.key);
                    } else if mark.writer && defined.insert(&mark.key) {
                        out.push(report(placed, &MESSAGES.defined, &[]));
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
