//! The rules, one file each, grouped by family.
//!
//! Every rule carries its own documentation in the data file beside it
//! (`<rule>.toml`): id, default severity, summary, the convention behind it,
//! an explanation and a bad/good example. The same text feeds
//! `copydesk explain`, the language server's hover and the README catalogue.

pub mod attribution;
mod context;
pub mod directive;
pub mod editorializing;
pub mod figures;
pub mod house;
pub mod known;
mod meta;
pub mod options;
pub mod phrases;
pub mod style;

use std::borrow::Cow;
use std::sync::LazyLock;

use serde::de::DeserializeOwned;

pub use context::Context;
pub use meta::{RuleMeta, Voice};
pub use options::{Measure, RuleOption};

use crate::finding::Finding;
use crate::prose::Paragraph;

/// Where the rule documentation lives online; `codeDescription` links here.
pub const DOCS_BASE: &str = "https://github.com/copydesk/copydesk/blob/main/docs/rules.md";

/// A check that reads one paragraph and reports findings in it.
pub trait Rule: Send + Sync {
    /// The rule's documentation and defaults.
    fn meta(&self) -> &'static RuleMeta;
    /// Appends findings in `cx.para` (offsets relative to the paragraph) to `out`.
    fn check(&self, cx: &Context, out: &mut Vec<Finding>);
    /// The phrase lists the rule matches, so that all of them are matched
    /// in one pass over each paragraph.
    fn phrase_lists(&self) -> Vec<&'static phrases::PhraseList> {
        Vec::new()
    }
}

/// `template.replace(placeholder, value)` for a message template: the same
/// text, built at its final size with a byte search for the placeholder's
/// first byte. `str::replace` sets up a general substring searcher and grows
/// its string piece by piece, and a message is filled for every finding.
pub(crate) fn fill(template: &str, placeholder: &str, value: &str) -> String {
    let Some(&first) = placeholder.as_bytes().first().filter(|b| b.is_ascii()) else {
        return template.replace(placeholder, value);
    };
    let mut out = String::with_capacity(template.len() + value.len());
    let mut rest = template;
    while let Some(at) = memchr::memchr(first, rest.as_bytes()) {
        // `first` is ASCII, so `at` and `at + 1` are character boundaries.
        if rest[at..].starts_with(placeholder) {
            out.push_str(&rest[..at]);
            out.push_str(value);
            rest = &rest[at + placeholder.len()..];
        } else {
            out.push_str(&rest[..=at]);
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// A message template cut at its placeholder once, when the rule loads, so
/// that each finding's message is one string of its final size, where
/// [`fill`] searches the template for every finding and a note appended
/// after it grows the string again.
pub(crate) struct Template {
    /// The text around the placeholders, in order: one more piece than
    /// there are placeholders.
    parts: Vec<String>,
}

impl Template {
    /// `template` with each `placeholder` to be filled.
    pub(crate) fn new(template: &str, placeholder: &str) -> Template {
        Template {
            parts: template.split(placeholder).map(str::to_string).collect(),
        }
    }

    /// `fill(template, placeholder, value)`, then a space and `note` if there is one.
    pub(crate) fn fill(&self, value: &str, note: Option<&str>) -> String {
        let fixed: usize = self.parts.iter().map(String::len).sum();
        let holes = self.parts.len().saturating_sub(1);
        let mut out =
            String::with_capacity(fixed + holes * value.len() + note.map_or(0, |n| n.len() + 1));
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                out.push_str(value);
            }
            out.push_str(part);
        }
        if let Some(note) = note {
            out.push(' ');
            out.push_str(note);
        }
        out
    }
}

/// `word.to_lowercase()`, borrowed when that would change nothing (lowercase
/// ASCII: most words). Rules lowercase many words only to compare them with
/// their lists, and a string for each would be an allocation.
pub(crate) fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Whether `word` is one of `list` (lowercase entries), whatever its case,
/// without lowercasing (or allocating) anything.
pub(crate) fn one_of(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// [`Paragraph::word_lower`], borrowed when the word is lowercase already.
pub(crate) fn word_lower<'p>(para: &'p Paragraph, i: usize) -> Cow<'p, str> {
    para.words
        .get(i)
        .map_or(Cow::Borrowed(""), |r| lowercase(&para.text[r.clone()]))
}

/// Parses a rule's embedded data file. The files are compiled in, and the
/// test suite loads every one, so a failure here is a build defect.
pub(crate) fn load<T: DeserializeOwned>(name: &str, source: &str) -> T {
    match toml::from_str(source) {
        Ok(data) => data,
        Err(e) => panic!("rule data {name} is invalid: {e}"),
    }
}

/// Declares the static data of a rule, parsed on first use from the TOML file beside it.
macro_rules! rule_data {
    ($vis:vis $name:ident : $ty:ty = $file:literal) => {
        $vis static $name: std::sync::LazyLock<$ty> =
            std::sync::LazyLock::new(|| $crate::rules::load($file, include_str!($file)));
    };
}
pub(crate) use rule_data;

/// The built-in families of paragraph rules, in catalogue order.
static BUILT_IN: [&[&dyn Rule]; 4] = [
    attribution::RULES,
    editorializing::RULES,
    figures::RULES,
    style::RULES,
];

static ALL: LazyLock<Vec<&'static dyn Rule>> = LazyLock::new(|| {
    let mut rules: Vec<&'static dyn Rule> = BUILT_IN.concat();
    rules.extend_from_slice(house::RULES);
    rules
});

/// Every rule the linter runs over each paragraph, in catalogue order. The
/// `house/…` rules among them find nothing without the newsroom's words.
pub fn all() -> &'static [&'static dyn Rule] {
    &ALL
}

/// The built-in rules' documentation, in catalogue order: the paragraph
/// rules but the house rules (which a configuration brings), then what the
/// linter reports of the document itself (`directive/…`).
pub fn catalogue() -> impl Iterator<Item = &'static RuleMeta> {
    BUILT_IN
        .iter()
        .flat_map(|family| family.iter().map(|r| r.meta()))
        .chain(directive::metas())
}

/// Looks a built-in rule up by id.
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    catalogue().find(|m| m.id == id)
}

/// The built-in families, in catalogue order.
pub fn families() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for m in catalogue() {
        let f = m.family();
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod test_support;

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_template_fills_as_fill_does(
            template in "(\\{text\\}|[a-z{}é ]){0,12}",
            value in "[a-z{}é ]{0,8}",
            note in proptest::option::of("[a-z ]{0,8}"),
        ) {
            let mut expected = super::fill(&template, "{text}", &value);
            if let Some(note) = &note {
                expected.push(' ');
                expected.push_str(note);
            }
            proptest::prop_assert_eq!(
                super::Template::new(&template, "{text}").fill(&value, note.as_deref()),
                expected
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn fill_is_replace(
            template in "[a-z{}éx ]{0,30}",
            placeholder in "\\{[a-z{}]{0,4}\\}?|",
            value in "[a-z{}é ]{0,8}",
        ) {
            proptest::prop_assert_eq!(
                fill(&template, &placeholder, &value),
                template.replace(&placeholder, &value)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn lowercase_is_to_lowercase(word in "[a-zA-Z'’-]{0,8}|\\PC{0,6}") {
            proptest::prop_assert_eq!(lowercase(&word), word.to_lowercase());
        }
    }

    #[test]
    fn fill_fills_every_placeholder() {
        assert_eq!(fill("“{text}” or {text}{", "{text}", "x"), "“x” or x{");
        assert_eq!(fill("{{text}}", "{text}", "{text}"), "{{text}}");
        assert_eq!(fill("no placeholder", "{text}", "x"), "no placeholder");
    }

    #[test]
    fn every_rule_is_documented_and_unique() {
        let mut ids = std::collections::HashSet::new();
        for m in known::rules() {
            assert!(ids.insert(m.id.clone()), "duplicate {}", m.id);
            assert!(m.id.contains('/'), "{}", m.id);
            for (what, text) in [
                ("summary", &m.summary),
                ("convention", &m.convention),
                ("explanation", &m.explanation),
                ("bad", &m.bad),
                ("good", &m.good),
            ] {
                assert!(!text.trim().is_empty(), "{} has no {what}", m.id);
            }
        }
        assert!(families().len() >= 3);
    }

    #[test]
    fn every_bad_example_is_flagged_and_every_good_one_is_not() {
        for m in catalogue() {
            let bad = test_support::lint_rule(&m.id, &m.bad);
            assert!(
                !bad.is_empty(),
                "{}: bad example not flagged: {}",
                m.id,
                m.bad
            );
            let good = test_support::lint_rule(&m.id, &m.good);
            assert!(
                good.is_empty(),
                "{}: good example flagged: {:?}",
                m.id,
                good
            );
        }
    }
}
