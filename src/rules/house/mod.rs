//! `house/…`: the newsroom's own words, from its copydesk.toml.
//!
//! Unlike the other families these rules have no word list of their own:
//! [`HouseWords`] is built at run time from the configuration (terms to
//! avoid, preferred terms, the accept list and extra attribution verbs) and
//! handed to the [`Linter`](crate::Linter). The rules' documentation and
//! default severities still live in their data files, so `copydesk explain`
//! and the severity settings treat them like any other rule.

mod avoid_term;
mod matcher;
mod preferred_term;
pub mod stylebook;

use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::ops::Range;

use crate::finding::Finding;
use crate::prose::Paragraph;
use crate::rules::{Context, Rule, RuleMeta};
use matcher::Matcher;
use stylebook::Case;

/// The rules of the family, in catalogue order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &HouseRule {
        meta: || &avoid_term::DATA.rule,
        check: avoid_term::check,
    },
    &HouseRule {
        meta: || &preferred_term::DATA.rule,
        check: preferred_term::check,
    },
];

/// A rule of the newsroom's own words: its documentation, and its check of
/// a paragraph against the words a configuration gives. With no words it
/// finds nothing.
struct HouseRule {
    meta: fn() -> &'static RuleMeta,
    check: fn(&HouseWords, &Paragraph, &mut Vec<Finding>),
}

impl Rule for HouseRule {
    fn meta(&self) -> &'static RuleMeta {
        (self.meta)()
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if let Some(words) = cx.house {
            (self.check)(words, cx.para, out);
        }
    }
}

/// The house rules' documentation, in catalogue order.
pub fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| r.meta())
}

/// A term the desk does not use, with the reason shown to the writer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AvoidTerm {
    /// The term, matched as whole words (see [`WordLists`] for case).
    pub term: String,
    /// Why, or what to write instead; `None` for the rule's default message.
    pub message: Option<String>,
}

/// A term the desk replaces with its own: a quick fix.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PreferredTerm {
    /// The term to replace.
    pub term: String,
    /// What the desk writes instead.
    pub replacement: String,
    /// Whether `--fix` may apply the replacement unattended.
    pub safe: bool,
    /// Appended to the message.
    pub note: Option<String>,
}

/// The newsroom's words as a configuration states them.
///
/// Terms and accepted phrases match whole words, across line breaks, with
/// "smart case": an entry written all in lowercase matches any
/// capitalization, an entry with a capital letter matches only as written
/// (so `US` does not match the pronoun "us"). Straight and curly apostrophes
/// match each other.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct WordLists {
    /// Terms to avoid (`house/avoid-term`).
    pub avoid: Vec<AvoidTerm>,
    /// Preferred substitutions (`house/preferred-term`).
    pub prefer: Vec<PreferredTerm>,
    /// Phrases never flagged by any rule: names, titles of works.
    pub accept: Vec<String>,
    /// Extra speech or report verbs that attribute a sentence ("posted").
    pub attribution_verbs: Vec<String>,
}

/// [`WordLists`] compiled for matching. Cheap to share behind an `Arc`.
#[derive(Debug, Default)]
pub struct HouseWords {
    lists: WordLists,
    avoid: Matcher,
    prefer: Matcher,
    accept: Matcher,
    verbs: HashSet<String>,
    fingerprint: u64,
}

impl PartialEq for HouseWords {
    fn eq(&self, other: &HouseWords) -> bool {
        self.lists == other.lists
    }
}

impl Eq for HouseWords {}

impl HouseWords {
    /// Compiles the lists.
    pub fn new(lists: WordLists) -> HouseWords {
        let mut hasher = DefaultHasher::new();
        lists.hash(&mut hasher);
        HouseWords {
            avoid: Matcher::new(lists.avoid.iter().map(|a| (a.term.as_str(), Case::Smart))),
            prefer: Matcher::new(lists.prefer.iter().map(|p| (p.term.as_str(), Case::Smart))),
            accept: Matcher::new(lists.accept.iter().map(|a| (a.as_str(), Case::Smart))),
            verbs: lists
                .attribution_verbs
                .iter()
                .map(|v| v.to_lowercase())
                .collect(),
            fingerprint: hasher.finish(),
            lists,
        }
    }

    /// The lists these words were compiled from.
    pub fn lists(&self) -> &WordLists {
        &self.lists
    }

    /// Whether there is nothing to do.
    pub fn is_empty(&self) -> bool {
        self.lists == WordLists::default()
    }

    /// The extra attribution verbs, lowercase, for the prose model.
    pub fn attribution_verbs(&self) -> &HashSet<String> {
        &self.verbs
    }

    /// A hash of the lists, for caches keyed by configuration.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Drops findings that overlap a phrase of the accept list.
    pub(crate) fn drop_accepted(&self, para: &Paragraph, findings: &mut Vec<Finding>) {
        if self.lists.accept.is_empty() || findings.is_empty() {
            return;
        }
        let accepted = find_in(&self.accept, para);
        if accepted.is_empty() {
            return;
        }
        findings.retain(|f| {
            !accepted
                .iter()
                .any(|(_, a)| a.start < f.span.end.max(f.span.start + 1) && f.span.start < a.end)
        });
    }
}

/// Whole-word matches of a matcher in a paragraph, across line breaks and
/// blanked markup, outside nothing: callers decide about quotations.
fn find_in(matcher: &Matcher, para: &Paragraph) -> Vec<(usize, Range<usize>)> {
    let (text, map) = para.phrase_text();
    matcher
        .find(text)
        .into_iter()
        .map(|(i, r)| (i, map(r)))
        .collect()
}
