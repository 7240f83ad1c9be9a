//! A house rule as a style file states it: plain data, checked and compiled
//! by [`super::compile`].

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::finding::Severity;
use crate::rules::Voice;

/// One `[[rule]]` table of a style file.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    /// The rule's name; findings are reported as `house/<id>`.
    pub id: String,
    /// What the rule checks.
    pub kind: Kind,
    /// What the writer is told; `$0` is the matched text, `$1`… and
    /// `${name}` the pattern's groups, `${replacement}` a substitution's
    /// replacement. Each kind has a default.
    #[serde(default)]
    pub message: Option<String>,
    /// Severity unless the configuration's `[rules]` says otherwise.
    #[serde(default)]
    pub level: Option<Severity>,
    /// The stylebook entry behind the rule.
    #[serde(default)]
    pub link: Option<String>,
    /// Why the desk has the rule, in Markdown.
    #[serde(default)]
    pub explanation: Option<String>,
    /// Whose words the rule judges: the writer's own (the default) or any.
    #[serde(default)]
    pub voice: Option<Voice>,
    /// The parts of a story the rule reads; all of them by default.
    #[serde(default, rename = "in")]
    pub parts: Option<Vec<Part>>,
    /// How letter case is matched.
    #[serde(default)]
    pub case: Case,
    /// Matches never flagged, compared whole with the rule's case.
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// Copy the rule must flag (`copydesk test-rules`).
    #[serde(default)]
    pub bad: Vec<String>,
    /// Copy the rule must leave alone.
    #[serde(default)]
    pub good: Vec<String>,
    /// Literal words or phrases, matched as whole words.
    #[serde(default)]
    pub tokens: Vec<String>,
    /// A regular expression in the `regex` crate's syntax.
    #[serde(default)]
    pub pattern: Option<String>,
    /// A substitution's replacement for `pattern`; may use `$1`, `${name}`.
    #[serde(default)]
    pub replacement: Option<String>,
    /// A substitution's literal terms and their replacements.
    #[serde(default)]
    pub swap: BTreeMap<String, String>,
    /// Whether `--fix` may apply the rule's fix unattended.
    #[serde(default)]
    pub safe: bool,
    /// An occurrence rule's most matches allowed in each `per`.
    #[serde(default)]
    pub max: Option<u32>,
    /// What an occurrence rule counts within.
    #[serde(default)]
    pub per: Option<Per>,
    /// Whether an occurrence rule counts different forms, not matches.
    #[serde(default)]
    pub distinct: bool,
    /// A consistency rule's forms, of which one story uses one.
    #[serde(default)]
    pub forms: Vec<String>,
    /// A first-reference rule's short forms and the full names they need first.
    #[serde(default)]
    pub abbreviations: BTreeMap<String, String>,
    /// A first-reference rule's courtesy titles: "Mr. Smith" needs "John
    /// Smith" first.
    #[serde(default)]
    pub titles: Vec<String>,
    /// With `pattern`, a first-reference rule's definition: group 1 of each
    /// match is a short form the story has now defined.
    #[serde(default)]
    pub defined_by: Option<String>,
}

/// The kinds of house rule.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Flags words, phrases or patterns.
    Existence,
    /// Flags a pattern and offers its replacement.
    Substitution,
    /// Flags matches beyond a number per sentence, paragraph or story.
    Occurrence,
    /// Flags a story that mixes two forms.
    Consistency,
    /// Flags a short form used before its full form.
    FirstReference,
}

impl Kind {
    /// The name a style file uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Existence => "existence",
            Kind::Substitution => "substitution",
            Kind::Occurrence => "occurrence",
            Kind::Consistency => "consistency",
            Kind::FirstReference => "first-reference",
        }
    }
}

/// The parts of a story, as its Markdown structure shows them.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    /// Paragraphs of the story (and table cells).
    Body,
    /// Headings: the headline and crossheads.
    Headline,
    /// A paragraph holding a picture: its caption.
    Caption,
    /// List items.
    List,
}

/// How a rule matches letter case.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Case {
    /// Written in lowercase, any case matches; with a capital, only as written.
    #[default]
    Smart,
    /// Only as written.
    Sensitive,
    /// Any case.
    Insensitive,
}

/// What an occurrence rule counts within.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Per {
    /// One sentence.
    Sentence,
    /// One paragraph.
    Paragraph,
    /// The whole story.
    Story,
}

impl Per {
    /// The word a message uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Per::Sentence => "sentence",
            Per::Paragraph => "paragraph",
            Per::Story => "story",
        }
    }
}
