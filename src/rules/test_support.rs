//! Helpers that make a rule test one line.

use crate::lint::{LintOptions, Linter};
use crate::prose::Syntax;

/// The flagged texts of one rule on a Markdown snippet.
pub(crate) fn lint_rule(rule: &str, text: &str) -> Vec<String> {
    let linter = Linter::new(LintOptions::only(rule));
    linter
        .lint(text, Syntax::Markdown)
        .findings
        .into_iter()
        .map(|f| text[f.span].to_string())
        .collect()
}

/// Asserts that `rule` flags exactly `expected` (the flagged texts) in `text`.
pub(crate) fn assert_flags(rule: &str, text: &str, expected: &[&str]) {
    assert_eq!(lint_rule(rule, text), expected, "{rule} on: {text}");
}

/// Asserts that `rule` flags nothing in `text`.
pub(crate) fn assert_clean(rule: &str, text: &str) {
    let found = lint_rule(rule, text);
    assert!(found.is_empty(), "{rule} flagged {found:?} in: {text}");
}

/// The text after applying the first fix of the first finding of `rule`.
pub(crate) fn fixed(rule: &str, text: &str) -> String {
    let linter = Linter::new(LintOptions::only(rule));
    let report = linter.lint(text, Syntax::Markdown);
    let finding = report
        .findings
        .first()
        .unwrap_or_else(|| panic!("{rule} flagged nothing in {text}"));
    let fix = finding
        .fixes
        .first()
        .unwrap_or_else(|| panic!("{rule} offered no fix in {text}"));
    crate::fix::apply(text, fix.edits.iter())
}
