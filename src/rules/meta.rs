//! A rule's documentation and defaults, read from the data file beside it.

use std::ops::Range;

use serde::Deserialize;

use super::options::RuleOption;
use super::DOCS_BASE;
use crate::finding::{Finding, Severity};

/// A rule's documentation and defaults, from its data file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMeta {
    /// `family/name`.
    pub id: String,
    /// Severity unless configuration says otherwise.
    pub severity: Severity,
    /// One line: what the rule flags.
    pub summary: String,
    /// The style guides behind the rule, by name.
    pub convention: String,
    /// Why it matters, in a paragraph or two of Markdown.
    pub explanation: String,
    /// Copy that the rule flags.
    pub bad: String,
    /// The same copy written so that it does not.
    pub good: String,
    /// What the fix does and whether it is safe to apply unattended.
    #[serde(default)]
    pub fix: Option<String>,
    /// Whose words the rule judges.
    #[serde(default)]
    pub voice: Voice,
    /// The knobs a configuration may turn.
    #[serde(default)]
    pub options: Vec<RuleOption>,
}

/// Whose words a rule judges. Direct quotations are each rule's own call
/// (most leave them to the speaker); this says what the linter does with
/// the rest of the story's quoted matter.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Voice {
    /// The writer's own: a block quote that a lead-in gives to a source
    /// ("The ministry said in a statement:") is the source's words, and the
    /// rule's findings there do not stand.
    Writer,
    /// Any words in the copy: the rule judges form, not who is speaking.
    #[default]
    Anywhere,
}

impl RuleMeta {
    /// The family: the part of the id before the slash.
    pub fn family(&self) -> &str {
        self.id.split_once('/').map_or(self.id.as_str(), |(f, _)| f)
    }

    /// The name within the family.
    pub fn name(&self) -> &str {
        self.id.split_once('/').map_or(self.id.as_str(), |(_, n)| n)
    }

    /// A finding of this rule at its default severity, with no fixes yet.
    pub fn finding(&'static self, span: Range<usize>, message: impl Into<String>) -> Finding {
        Finding::new(&self.id, self.severity, span, message)
    }

    /// The option called `name`, if the rule has one.
    pub fn option(&self, name: &str) -> Option<&RuleOption> {
        self.options.iter().find(|o| o.name == name)
    }

    /// A link to the rule's section of the rule catalogue.
    pub fn doc_url(&self) -> String {
        format!("{DOCS_BASE}#{}", self.id.replace('/', "").to_lowercase())
    }

    /// The full explanation as Markdown, for `explain`, hover and the catalogue.
    pub fn to_markdown(&self) -> String {
        let mut md = format!(
            "### `{}`\n\n{}\n\n*Default severity:* {} · *Convention:* {}\n\n{}\n\n**Flagged:**\n\n> {}\n\n**Better:**\n\n> {}\n",
            self.id,
            self.summary,
            self.severity,
            self.convention,
            self.explanation.trim(),
            self.bad.trim(),
            self.good.trim()
        );
        if let Some(fix) = &self.fix {
            md.push_str(&format!("\n**Fix:** {}\n", fix.trim()));
        }
        md
    }
}
