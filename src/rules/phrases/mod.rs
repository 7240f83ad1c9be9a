//! Phrase-list rules: one engine for the rules whose judgement is a word list
//! with a few conditions (where in the sentence, what comes before or after),
//! so that each such rule is its data file plus a line of code.
//!
//! - [`list`]: a list of phrases, and the shared index that matches every
//!   rule's lists in one pass over each paragraph;
//! - [`trie`]: the byte trie that index walks;
//! - [`rule`]: a phrase rule's data (phrases and their conditions) and check;
//! - [`fix`]: the fixes a phrase finding offers (replace, delete).

pub(crate) mod fix;
pub(crate) mod list;
pub(crate) mod rule;
mod trie;

pub(crate) use fix::match_case;
pub use list::PhraseList;
pub(crate) use list::{bounded, leftmost_longest};
pub(crate) use rule::{PhraseRule, PhraseRuleData, Spelling};

/// Declares a phrase-list rule: a unit struct, its data file, and the `Rule`
/// impl, with an optional extra condition `keep(para, span) -> bool`.
macro_rules! phrase_rule {
    ($(#[$doc:meta])* $name:ident = $file:literal $(, keep = $keep:expr)?) => {
        $(#[$doc])*
        pub struct $name;

        static DATA: std::sync::LazyLock<$crate::rules::phrases::PhraseRule> =
            std::sync::LazyLock::new(|| $crate::rules::phrases::PhraseRule::load($file, include_str!($file)));

        impl $crate::rules::Rule for $name {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                &DATA.data.rule
            }
            fn phrase_lists(&self) -> Vec<&'static $crate::rules::phrases::PhraseList> {
                DATA.lists()
            }
            fn check(&self, cx: &$crate::rules::Context, out: &mut Vec<$crate::finding::Finding>) {
                #[allow(unused_variables)]
                let keep = |para: &$crate::prose::Paragraph, span: &std::ops::Range<usize>| true;
                $(let keep = $keep;)?
                DATA.check(cx, out, keep)
            }
        }
    };
}
pub(crate) use phrase_rule;

#[cfg(test)]
mod tests;
