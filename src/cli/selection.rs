//! `--select` and `--ignore`: which rules run on this invocation, named by
//! rule id (`editorializing/cliche`) or family (`figures`).

use std::collections::BTreeSet;

use copydesk::rules;
use copydesk::{Level, LintOptions};

/// The rules the command line asked for.
#[derive(Debug, Default)]
pub(super) struct Selection {
    /// With `--select`: only these rule ids run.
    only: Option<BTreeSet<&'static str>>,
    /// With `--ignore`: these rule ids never run (wins over `--select`).
    ignored: BTreeSet<&'static str>,
}

impl Selection {
    /// Resolves the names given to `--select` and `--ignore`. An unknown
    /// name is an error: a typo must not silently lint with the wrong rules.
    pub(super) fn parse(select: &[String], ignore: &[String]) -> Result<Selection, String> {
        let only = if select.is_empty() {
            None
        } else {
            Some(expand("--select", select)?)
        };
        let ignored = if ignore.is_empty() {
            BTreeSet::new()
        } else {
            expand("--ignore", ignore)?
        };
        Ok(Selection { only, ignored })
    }

    /// Applies the selection over `options` (the defaults, or a
    /// configuration's): the command line has the last word, so a rule that
    /// `--select` names runs even where the configuration turned it off.
    pub(super) fn apply(&self, mut options: LintOptions) -> LintOptions {
        for meta in rules::catalogue() {
            let id = meta.id.as_str();
            let unselected = self.only.as_ref().is_some_and(|only| !only.contains(id));
            if unselected || self.ignored.contains(id) {
                options.levels.insert(id.to_string(), Level::Off);
            } else if self.only.is_some() && options.severity_of(meta).is_none() {
                options
                    .levels
                    .insert(id.to_string(), Level::On(meta.severity));
            }
        }
        options
    }
}

/// The rule ids that `names` (rule ids or families, comma-separated by clap
/// already) stand for.
fn expand(flag: &str, names: &[String]) -> Result<BTreeSet<&'static str>, String> {
    let mut ids = BTreeSet::new();
    let mut unknown = Vec::new();
    let names: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        return Err(format!("{flag} needs a rule id or a family"));
    }
    for name in names {
        let matched: Vec<&'static str> = rules::catalogue()
            .filter(|m| m.id == name || m.family() == name)
            .map(|m| m.id.as_str())
            .collect();
        if matched.is_empty() {
            unknown.push(name);
        }
        ids.extend(matched);
    }
    if unknown.is_empty() {
        return Ok(ids);
    }
    let mut message = format!(
        "{flag}: no rule or family named {}",
        unknown
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let close: Vec<String> = unknown.iter().flat_map(|n| suggestions(n)).collect();
    if !close.is_empty() {
        message.push_str(&format!("\n  did you mean: {}", close.join(", ")));
    }
    message.push_str(&format!(
        "\n  families: {}; `copydesk rules` lists every rule",
        rules::families().join(", ")
    ));
    Err(message)
}

/// Rule ids and families that look like `name`: it is part of one, or one's
/// name (without the family) is part of it.
fn suggestions(name: &str) -> Vec<String> {
    let lower = name.to_lowercase();
    let mut out: Vec<String> = rules::families()
        .into_iter()
        .filter(|f| f.contains(&lower) || lower.contains(f))
        .map(str::to_string)
        .collect();
    out.extend(
        rules::catalogue()
            .filter(|m| m.id.contains(&lower) || lower.contains(m.name()))
            .map(|m| m.id.clone()),
    );
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(options: &LintOptions, id: &str) -> bool {
        rules::find(id).is_some_and(|r| options.severity_of(r).is_some())
    }

    fn strings(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn select_and_ignore_rules_and_families() {
        let s = Selection::parse(
            &strings(&["figures", "editorializing/cliche"]),
            &strings(&["figures/unsourced-money"]),
        )
        .expect("valid names");
        let options = s.apply(LintOptions::default());
        assert!(runs(&options, "figures/unsourced-count"));
        assert!(runs(&options, "editorializing/cliche"));
        assert!(!runs(&options, "figures/unsourced-money"));
        assert!(!runs(&options, "editorializing/puffery"));
        assert!(!runs(&options, "attribution/weasel-attribution"));
    }

    #[test]
    fn nothing_given_changes_nothing() {
        let s = Selection::parse(&[], &[]).expect("empty");
        assert_eq!(s.apply(LintOptions::default()), LintOptions::default());
    }

    #[test]
    fn select_wins_over_a_configuration_that_turned_a_rule_off() {
        let mut base = LintOptions::default();
        base.levels.insert("figures".into(), Level::Off);
        let s = Selection::parse(&strings(&["figures/unsourced-count"]), &[]).expect("valid");
        assert!(runs(&s.apply(base), "figures/unsourced-count"));
    }

    #[test]
    fn unknown_names_are_errors_with_suggestions() {
        let e = Selection::parse(&strings(&["cliche"]), &[]).expect_err("unknown");
        assert!(
            e.contains("--select: no rule or family named `cliche`"),
            "{e}"
        );
        assert!(e.contains("did you mean: editorializing/cliche"), "{e}");
        let e = Selection::parse(&[], &strings(&["figure"])).expect_err("unknown");
        assert!(
            e.contains("--ignore") && e.contains("did you mean: figures"),
            "{e}"
        );
        assert!(Selection::parse(&strings(&[" "]), &[]).is_err());
    }
}
