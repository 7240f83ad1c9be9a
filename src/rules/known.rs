//! Every name a configuration file or an inline directive may use: the
//! registered rules and their families, and the house rules that a
//! configuration builds from the newsroom's own words.

use super::{catalogue, families, house, RuleMeta};

/// Every rule copydesk can report: the built-in ones, then the house rules.
pub fn rules() -> impl Iterator<Item = &'static RuleMeta> {
    catalogue().chain(house::metas())
}

/// Whether `name` is a rule id (`family/name`) or a family.
pub fn is_rule_or_family(name: &str) -> bool {
    is_family(name) || rules().any(|m| m.id == name)
}

/// Whether `name` is a family of rules.
pub fn is_family(name: &str) -> bool {
    families().contains(&name) || house::metas().any(|m| m.family() == name)
}

/// The family a rule id belongs to (the part before the slash).
pub fn family_of(id: &str) -> &str {
    id.split_once('/').map_or(id, |(f, _)| f)
}

/// The known rule id or family closest in spelling to `name`, when one is
/// close enough to be the likely intent ("editorialising" → "editorializing").
pub fn closest(name: &str) -> Option<&'static str> {
    let families = families()
        .into_iter()
        .chain(house::metas().map(|m| m.family()));
    let candidates = families.chain(rules().map(|m| m.id.as_str()));
    closest_in(name, candidates)
}

/// The candidate within an edit distance of a third of `name`'s length.
pub fn closest_in<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let limit = (name.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_suggestions() {
        assert!(is_rule_or_family("editorializing"));
        assert!(is_rule_or_family("editorializing/puffery"));
        assert!(is_rule_or_family("house/avoid-term"));
        assert!(!is_rule_or_family("editorializing/nope"));
        assert_eq!(closest("editorialising"), Some("editorializing"));
        assert_eq!(
            closest("figures/unsourced-percent"),
            Some("figures/unsourced-percentage")
        );
        assert_eq!(closest("zzzz"), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
