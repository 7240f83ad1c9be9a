//! `house/preferred-term`: a term the newsroom replaces with its own.

use serde::Deserialize;

use super::{find_in, HouseWords};
use crate::finding::{Finding, Fix};
use crate::prose::Paragraph;
use crate::rules::phrases::match_case;
use crate::rules::{rule_data, RuleMeta};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Data {
    pub rule: RuleMeta,
    /// With `{text}` and `{replacement}`.
    pub message: String,
}

rule_data!(pub(super) DATA: Data = "preferred_term.toml");

/// Flags each listed term in the writer's voice, with the replacement as a fix.
pub(super) fn check(words: &HouseWords, para: &Paragraph, out: &mut Vec<Finding>) {
    for (entry, span) in find_in(&words.prefer, para) {
        let Some(preferred) = words.lists.prefer.get(entry) else {
            continue;
        };
        if para.in_quotation(span.clone()) {
            continue;
        }
        let text = &para.text[span.clone()];
        // A lowercase entry matched a capitalized word: keep the capital.
        let replacement = if preferred.term.chars().any(char::is_uppercase) {
            preferred.replacement.clone()
        } else {
            match_case(text, &preferred.replacement)
        };
        if replacement == text {
            continue;
        }
        let mut message = DATA
            .message
            .replace("{text}", text)
            .replace("{replacement}", &replacement);
        if let Some(note) = preferred.note.as_deref().filter(|n| !n.trim().is_empty()) {
            message.push(' ');
            message.push_str(note.trim());
        }
        let title = ["Replace “", text, "” with “", &replacement, "”"].concat();
        out.push(
            DATA.rule
                .finding(span.clone(), message)
                .with_fix(Fix::replace(title, span, replacement, preferred.safe)),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::rules::house::{HouseWords, PreferredTerm, WordLists};
    use crate::{LintOptions, Linter, Syntax};

    fn linter() -> Linter {
        let term = |term: &str, replacement: &str| PreferredTerm {
            term: term.into(),
            replacement: replacement.into(),
            safe: true,
            note: None,
        };
        let lists = WordLists {
            prefer: vec![
                term("pro-life", "anti-abortion"),
                term("US", "U.S."),
                term("e-mail", "email"),
            ],
            ..WordLists::default()
        };
        Linter::new(LintOptions::only("house/preferred-term"))
            .with_house(Arc::new(HouseWords::new(lists)))
    }

    fn fixed(text: &str) -> String {
        let report = linter().lint(text, Syntax::Markdown);
        crate::fix::apply(text, &crate::fix::safe_edits(&report.findings))
    }

    #[test]
    fn flags_terms_and_fixes_them_keeping_the_capital() {
        assert_eq!(
            fixed("Pro-life groups sent an e-mail to US senators."),
            "Anti-abortion groups sent an email to U.S. senators."
        );
    }

    #[test]
    fn quotations_the_pronoun_and_the_preferred_form_are_fine() {
        for text in [
            "\"We are pro-life,\" she said.",
            "Tell us more.",
            "Anti-abortion groups sent an email.",
        ] {
            assert!(
                linter().lint(text, Syntax::Markdown).findings.is_empty(),
                "{text}"
            );
        }
    }
}
