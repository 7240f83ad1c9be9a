//! `house/avoid-term`: a term the newsroom's copydesk.toml lists to avoid.

use serde::Deserialize;

use super::{find_in, HouseWords};
use crate::finding::Finding;
use crate::prose::Paragraph;
use crate::rules::{rule_data, RuleMeta};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Data {
    pub rule: RuleMeta,
    /// With `{text}` for the flagged words; the configured message follows.
    pub message: String,
}

rule_data!(pub(super) DATA: Data = "avoid_term.toml");

/// Flags each listed term in the writer's voice.
pub(super) fn check(words: &HouseWords, para: &Paragraph, out: &mut Vec<Finding>) {
    for (entry, span) in find_in(&words.avoid, para) {
        if para.in_quotation(span.clone()) {
            continue;
        }
        let text = &para.text[span.clone()];
        let mut message = DATA.message.replace("{text}", text);
        if let Some(reason) = words
            .lists
            .avoid
            .get(entry)
            .and_then(|a| a.message.as_deref())
        {
            if !reason.trim().is_empty() {
                message.push(' ');
                message.push_str(reason.trim());
            }
        }
        out.push(DATA.rule.finding(span, message));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::rules::house::{AvoidTerm, HouseWords, WordLists};
    use crate::{LintOptions, Linter, Syntax};

    fn flagged(text: &str) -> Vec<(String, String)> {
        let lists = WordLists {
            avoid: vec![
                AvoidTerm {
                    term: "slammed".into(),
                    message: Some("Say what was said.".into()),
                },
                AvoidTerm {
                    term: "Big Apple".into(),
                    message: None,
                },
            ],
            ..WordLists::default()
        };
        let linter = Linter::new(LintOptions::only("house/avoid-term"))
            .with_house(Arc::new(HouseWords::new(lists)));
        linter
            .lint(text, Syntax::Markdown)
            .findings
            .into_iter()
            .map(|f| (text[f.span].to_string(), f.message))
            .collect()
    }

    #[test]
    fn flags_listed_terms_with_the_desks_message() {
        let found = flagged("The mayor Slammed the plan on a trip to the Big Apple.");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "Slammed");
        assert!(found[0].1.ends_with("Say what was said."), "{}", found[0].1);
        assert_eq!(found[1].0, "Big Apple");
    }

    #[test]
    fn quotations_other_cases_and_parts_of_words_are_fine() {
        assert!(flagged("\"They slammed us,\" she said. The big apple pie. Unslammed.").is_empty());
        assert!(flagged("The mayor criticized the plan.").is_empty());
    }
}
