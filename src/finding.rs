//! What a rule reports: findings, their severity, and the fixes they carry.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::prose::Reach;

/// How loudly a finding is reported. Ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A faint suggestion; editors show it without a squiggle.
    Hint,
    /// Worth knowing; a copy editor might let it stand.
    Info,
    /// A copy editor would ask for a change.
    Warning,
    /// Must be fixed before publication.
    Error,
}

impl Severity {
    /// The lowercase name used in output formats and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses the lowercase name; `None` for anything else.
    pub fn parse(name: &str) -> Option<Severity> {
        match name {
            "hint" => Some(Severity::Hint),
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One replacement of a byte span of the source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// Byte range in the source that is replaced.
    pub span: Range<usize>,
    /// The text that replaces it: mostly fixed text ("said", ", according
    /// to [source]"), borrowed rather than allocated for every finding.
    pub replacement: Cow<'static, str>,
}

/// A proposed correction: a title for the menu plus the edits that make it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// What the fix does, as shown in a quick-fix menu.
    pub title: Cow<'static, str>,
    /// Safe fixes can be applied unattended (`--fix`, "fix all"); the others
    /// need the writer's judgement, e.g. a source placeholder to fill in.
    pub safe: bool,
    /// Edits, in source order, not overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix made of a single edit.
    pub fn replace(
        title: impl Into<Cow<'static, str>>,
        span: Range<usize>,
        replacement: impl Into<Cow<'static, str>>,
        safe: bool,
    ) -> Fix {
        Fix {
            title: title.into(),
            safe,
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }

    /// Moves every edit by `delta` bytes (paragraph-relative → document offsets).
    pub(crate) fn shift(&mut self, delta: usize) {
        for edit in &mut self.edits {
            edit.span = edit.span.start + delta..edit.span.end + delta;
        }
    }
}

/// A problem found in the text, tied to exact byte offsets of the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule's id, `family/name`.
    pub rule: &'static str,
    /// Effective severity after configuration.
    pub severity: Severity,
    /// Why it fired, in words a reporter understands.
    pub message: String,
    /// Byte range of the flagged text in the source.
    pub span: Range<usize>,
    /// Zero or more proposed corrections.
    pub fixes: Vec<Fix>,
    /// What of the paragraphs around the finding could settle it: set by
    /// the rule, read by the linter ([`crate::prose::discourse`]).
    pub(crate) reach: Reach,
}

impl Finding {
    /// A finding of `rule` at `severity`, with no fixes yet.
    pub fn new(
        rule: &'static str,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            rule,
            severity,
            message: message.into(),
            span,
            fixes: Vec::new(),
            reach: Reach::default(),
        }
    }

    /// Adds a fix.
    pub fn with_fix(mut self, fix: Fix) -> Finding {
        // Most findings carry one fix: room for exactly it, where a push
        // onto an empty list would make room for four.
        self.fixes.reserve_exact(1);
        self.fixes.push(fix);
        self
    }

    /// Moves the finding and its fixes by `delta` bytes.
    pub(crate) fn shift(&mut self, delta: usize) {
        self.span = self.span.start + delta..self.span.end + delta;
        for fix in &mut self.fixes {
            fix.shift(delta);
        }
    }
}
