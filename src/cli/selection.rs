//! `--select` and `--ignore`: which rules run on this invocation, named by
//! rule id (`editorializing/cliche`) or family (`figures`). A desk's own
//! rules (`house/<id>` from its style files) are named the same way; which
//! of them exist depends on each file's configuration, so such a name is
//! taken as given.

use std::collections::BTreeSet;

use copydesk::rules::{self, known};
use copydesk::{Level, LintOptions, Severity};

/// The rules the command line asked for.
#[derive(Debug, Default)]
pub(super) struct Selection {
    /// With `--select`: only these rule ids run.
    only: Option<BTreeSet<String>>,
    /// With `--ignore`: these rule ids never run (wins over `--select`).
    ignored: BTreeSet<String>,
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
    /// configuration's) for the built-in rules and the desk's own, given by
    /// id and default severity: the command line has the last word, so a
    /// rule that `--select` names runs even where the configuration turned
    /// it off.
    pub(super) fn apply<'h>(
        &self,
        mut options: LintOptions,
        house: impl IntoIterator<Item = (&'h str, Severity)>,
    ) -> LintOptions {
        let built_in = rules::catalogue().map(|m| (m.id.as_str(), m.severity));
        for (id, default) in built_in.chain(house) {
            let named =
                |set: &BTreeSet<String>| set.contains(id) || set.contains(known::family_of(id));
            let unselected = self.only.as_ref().is_some_and(|only| !named(only));
            if unselected || named(&self.ignored) {
                options.levels.insert(id.to_string(), Level::Off);
            } else if self.only.is_some() {
                let level = (options.levels.get(id))
                    .or_else(|| options.levels.get(known::family_of(id)))
                    .copied();
                if matches!(level, Some(Level::Off)) || level.is_none() {
                    options.levels.insert(id.to_string(), Level::On(default));
                }
            }
        }
        options
    }
}

/// The rule ids that `names` (rule ids or families, comma-separated by clap
/// already) stand for.
fn expand(flag: &str, names: &[String]) -> Result<BTreeSet<String>, String> {
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
        let mut matched: Vec<String> = rules::catalogue()
            .filter(|m| m.id == name || m.family() == name)
            .map(|m| m.id.clone())
            .collect();
        let house_id = name.strip_prefix("house/").is_some_and(is_house_id);
        if name == "house" || (matched.is_empty() && house_id) {
            matched.push(name.to_string());
        }
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

/// Whether `name` may be the id of a desk's own rule.
fn is_house_id(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
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
        let options = s.apply(LintOptions::default(), []);
        assert!(runs(&options, "figures/unsourced-count"));
        assert!(runs(&options, "editorializing/cliche"));
        assert!(!runs(&options, "figures/unsourced-money"));
        assert!(!runs(&options, "editorializing/puffery"));
        assert!(!runs(&options, "attribution/weasel-attribution"));
    }

    #[test]
    fn nothing_given_changes_nothing() {
        let s = Selection::parse(&[], &[]).expect("empty");
        assert_eq!(s.apply(LintOptions::default(), []), LintOptions::default());
    }

    #[test]
    fn select_wins_over_a_configuration_that_turned_a_rule_off() {
        let mut base = LintOptions::default();
        base.levels.insert("figures".into(), Level::Off);
        let s = Selection::parse(&strings(&["figures/unsourced-count"]), &[]).expect("valid");
        assert!(runs(&s.apply(base, []), "figures/unsourced-count"));
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

    #[test]
    fn a_desks_own_rules_are_selected_by_id_or_as_a_family() {
        let house = [
            ("house/kyiv", Severity::Warning),
            ("house/percent", Severity::Info),
        ];
        let s = Selection::parse(&strings(&["house/kyiv"]), &[]).expect("a house id");
        let options = s.apply(LintOptions::default(), house);
        assert_eq!(
            options.levels.get("house/kyiv"),
            Some(&Level::On(Severity::Warning))
        );
        assert_eq!(options.levels.get("house/percent"), Some(&Level::Off));
        let s = Selection::parse(&[], &strings(&["house"])).expect("the family");
        let options = s.apply(LintOptions::default(), house);
        assert_eq!(options.levels.get("house/percent"), Some(&Level::Off));
        // Not an id at all.
        assert!(Selection::parse(&strings(&["house/Kyiv!"]), &[]).is_err());
    }
}
