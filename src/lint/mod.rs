//! Running the rules over a document: severities and options from
//! configuration, paragraph-by-paragraph analysis with a content-keyed cache
//! ([`cache`]), the judgements that cross paragraphs ([`assemble`], with the
//! story-level view of [`crate::prose::discourse`]), isolation of a rule
//! that panics, and inline directives ([`suppressions`]), applied last.

mod analyse;
mod assemble;
mod cache;
mod reextract;
mod rule_options;
pub mod suppressions;

pub use cache::ParagraphCache;
pub use rule_options::RuleOptions;

use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::finding::{Finding, Severity};
use crate::prose::Syntax;
use crate::rules::directive::unknown::DATA as UNKNOWN_DIRECTIVE;
use crate::rules::house::stylebook::Stylebook;
use crate::rules::house::HouseWords;
use crate::rules::{self, known, Measure, Rule, RuleMeta, Voice};

/// Whether a rule or family runs, and how loudly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Not run at all.
    Off,
    /// Run, with findings at this severity.
    On(Severity),
}

impl Level {
    /// Parses `off`, `hint`, `info`, `warning` or `error`.
    pub fn parse(name: &str) -> Option<Level> {
        if name == "off" {
            Some(Level::Off)
        } else {
            Severity::parse(name).map(Level::On)
        }
    }
}

/// Which rules run and at what severity. A rule's own entry wins over its
/// family's; with neither, the rule runs at its default severity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LintOptions {
    /// Keyed by rule id (`family/name`) or family name.
    pub levels: BTreeMap<String, Level>,
}

impl LintOptions {
    /// Only `rule` runs, at its default severity.
    pub fn only(rule: &str) -> LintOptions {
        let mut levels: BTreeMap<String, Level> = rules::families()
            .into_iter()
            .map(|f| (f.to_string(), Level::Off))
            .collect();
        if let Some(meta) = known::rules().find(|m| m.id == rule) {
            levels.insert(rule.to_string(), Level::On(meta.severity));
        }
        LintOptions { levels }
    }

    /// The effective severity of a rule, or `None` when it is off.
    pub fn severity_of(&self, rule: &RuleMeta) -> Option<Severity> {
        let level = self
            .levels
            .get(&rule.id)
            .or_else(|| self.levels.get(rule.family()))
            .copied()
            .unwrap_or(Level::On(rule.severity));
        match level {
            Level::Off => None,
            Level::On(severity) => Some(severity),
        }
    }
}

/// A rule that panicked on some paragraph; its other findings still stand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleFailure {
    /// The rule id, or `prose` when the analysis itself failed.
    pub rule: &'static str,
    /// The panic message.
    pub message: String,
}

/// What a lint produced.
#[derive(Clone, Debug, Default)]
pub struct LintReport {
    /// Findings in source order.
    pub findings: Vec<Finding>,
    /// Rules that failed on this document.
    pub failures: Vec<RuleFailure>,
}

/// A rule of a configuration, with what the linter applies to its findings.
struct Running {
    rule: &'static dyn Rule,
    severity: Severity,
    /// Thresholds configured above their defaults ([`RuleOptions`]).
    thresholds: Vec<(Measure, u64)>,
    /// Whether the rule judges the writer's voice only.
    writers_voice: bool,
}

/// The rules of a configuration, ready to run.
pub struct Linter {
    rules: Vec<Running>,
    /// The newsroom's words, when a configuration gives some.
    house: Option<Arc<HouseWords>>,
    /// The desk's stylebook, when its configuration names style files.
    stylebook: Option<Arc<Stylebook>>,
    /// The severity of each of the stylebook's rules, `None` when off.
    style_severities: Vec<Option<Severity>>,
    /// The levels the linter was built with, for the stylebook's rules.
    options: LintOptions,
    /// Thresholds raised by configuration.
    rule_options: RuleOptions,
    /// Severity of `directive/unknown`, when on.
    unknown_directive: Option<Severity>,
    fingerprint: u64,
}

impl Linter {
    /// A linter running the rules `options` enables.
    pub fn new(options: LintOptions) -> Linter {
        let rules = rules::all()
            .iter()
            .filter_map(|&rule| {
                let meta = rule.meta();
                options.severity_of(meta).map(|severity| Running {
                    rule,
                    severity,
                    thresholds: Vec::new(),
                    writers_voice: meta.voice == Voice::Writer,
                })
            })
            .collect();
        let mut linter = Linter {
            rules,
            house: None,
            stylebook: None,
            style_severities: Vec::new(),
            rule_options: RuleOptions::default(),
            unknown_directive: options.severity_of(&UNKNOWN_DIRECTIVE.rule),
            fingerprint: 0,
            options,
        };
        linter.fingerprint = linter.fingerprint();
        linter
    }

    /// The same linter with the newsroom's own words: terms to avoid and
    /// preferred terms (the `house/…` rules), the accept list, and extra
    /// attribution verbs.
    pub fn with_house(mut self, words: Arc<HouseWords>) -> Linter {
        self.house = (!words.is_empty()).then_some(words);
        self.fingerprint = self.fingerprint();
        self
    }

    /// The same linter with the desk's stylebook: its rules run at the
    /// levels the linter was built with (`house/<id>`, then `house`), or at
    /// their own.
    pub fn with_stylebook(mut self, book: Arc<Stylebook>) -> Linter {
        self.style_severities = book
            .defaults()
            .map(|(id, severity)| {
                let level = (self.options.levels.get(id))
                    .or_else(|| self.options.levels.get(known::family_of(id)))
                    .copied()
                    .unwrap_or(Level::On(severity));
                match level {
                    Level::Off => None,
                    Level::On(severity) => Some(severity),
                }
            })
            .collect();
        self.stylebook = (!book.is_empty()).then_some(book);
        self.fingerprint = self.fingerprint();
        self
    }

    /// The stylebook the linter runs, if any.
    pub fn stylebook(&self) -> Option<&Arc<Stylebook>> {
        self.stylebook.as_ref()
    }

    /// The same linter with rule options (raised thresholds).
    pub fn with_rule_options(mut self, options: RuleOptions) -> Linter {
        for running in &mut self.rules {
            running.thresholds = options.thresholds(running.rule.meta());
        }
        self.rule_options = options;
        self.fingerprint = self.fingerprint();
        self
    }

    /// Everything a cached paragraph result depends on.
    fn fingerprint(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        for running in &self.rules {
            running.rule.meta().id.hash(&mut hasher);
            running.severity.hash(&mut hasher);
        }
        self.house
            .as_ref()
            .map(|h| h.fingerprint())
            .hash(&mut hasher);
        self.rule_options.hash(&mut hasher);
        self.stylebook
            .as_ref()
            .map(|b| b.fingerprint())
            .hash(&mut hasher);
        self.style_severities.hash(&mut hasher);
        hasher.finish()
    }

    /// Lints a whole document.
    pub fn lint(&self, source: &str, syntax: Syntax) -> LintReport {
        // Nothing is kept for a later lint, so the results are this call's
        // alone and `assemble` moves their findings into the report.
        let extracted = crate::prose::markup::extract(source, syntax);
        let mut results = self.analyse_all(&extracted.blocks, 0..extracted.blocks.len());
        let mut report = self.assemble(&extracted.blocks, &mut results);
        suppressions::apply(
            source,
            &extracted.comments,
            &mut report.findings,
            self.unknown_directive,
        );
        report
    }
}

/// The order of a report's findings: by span, then rule.
fn finding_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    a.span
        .start
        .cmp(&b.span.start)
        .then(a.span.end.cmp(&b.span.end))
        .then(a.rule.cmp(b.rule))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_follow_rule_then_family_then_default() {
        let mut options = LintOptions::default();
        options
            .levels
            .insert("editorializing".into(), Level::On(Severity::Error));
        options
            .levels
            .insert("editorializing/intensifier".into(), Level::Off);
        let report =
            Linter::new(options).lint("It was very shocking. Critics say so.", Syntax::PlainText);
        let got: Vec<(&str, Severity)> = report
            .findings
            .iter()
            .map(|f| (f.rule, f.severity))
            .collect();
        assert_eq!(
            got,
            [
                ("editorializing/loaded-word", Severity::Error),
                ("attribution/weasel-attribution", Severity::Warning)
            ]
        );
    }

    #[test]
    fn offsets_map_through_markdown_and_multibyte_text() {
        let src = "# Über\n\n> Café **owners**, *naïvely* — it’s shocking.\n";
        let report = Linter::new(LintOptions::default()).lint(src, Syntax::Markdown);
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "editorializing/loaded-word")
            .expect("flagged");
        assert_eq!(&src[f.span.clone()], "shocking");
    }

    #[test]
    fn a_block_quote_after_a_lead_in_is_the_sources_words() {
        let rules = |text: &str| -> Vec<&'static str> {
            Linter::new(LintOptions::default())
                .lint(text, Syntax::Markdown)
                .findings
                .iter()
                .map(|f| f.rule)
                .collect()
        };
        let quote = "> The government regrets the tragic loss and will pay $3 million.\n";
        let introduced = format!("The ministry said in a statement on Friday:\n\n{quote}");
        assert_eq!(rules(&introduced), Vec::<&str>::new());
        // After a paragraph that introduces nobody, the words are the writer's.
        let bare = format!("The vote was on Friday.\n\n{quote}");
        let found = rules(&bare);
        assert!(found.contains(&"editorializing/loaded-word"), "{found:?}");
        assert!(found.contains(&"figures/unsourced-money"), "{found:?}");
    }

    #[test]
    fn cache_reanalyses_only_changed_paragraphs() {
        let linter = Linter::new(LintOptions::default());
        let mut cache = ParagraphCache::default();
        let a = "First is shocking.\n\nSecond.\n\nThird.\n";
        let full = linter.lint_cached(a, Syntax::Markdown, &mut cache);
        assert_eq!(cache.misses, 3);
        let b = "First is shocking.\n\nSecond, very.\n\nThird.\n";
        let incremental = linter.lint_cached(b, Syntax::Markdown, &mut cache);
        assert_eq!(cache.misses, 1);
        assert_eq!(
            incremental.findings,
            linter.lint(b, Syntax::Markdown).findings
        );
        assert_eq!(full.findings.len() + 1, incremental.findings.len());
    }
}
