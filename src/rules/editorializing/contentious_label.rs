//! `editorializing/contentious-label`: regime, terrorist, pro-life …

crate::rules::phrases::phrase_rule!(
    /// Flags contentious labels, with AP's neutral term where there is one.
    ContentiousLabel = "contentious_label.toml"
);

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "editorializing/contentious-label";

    #[test]
    fn flags_labels_and_offers_aps_terms() {
        assert_flags(
            ID,
            "The regime jailed pro-life protesters.",
            &["regime", "pro-life"],
        );
        assert_eq!(
            fixed(ID, "Pro-life groups marched."),
            "Anti-abortion groups marched."
        );
    }

    #[test]
    fn quoted_labels_are_fine() {
        assert_clean(ID, "\"This regime must go,\" the protester said.");
        assert_clean(ID, "The government jailed anti-abortion protesters.");
    }

    #[test]
    fn a_regime_of_rules_and_an_attributed_label_are_fine() {
        assert_clean(ID, "The quarantine inspection regime has been relaxed.");
        assert_clean(
            ID,
            "Farm lobby chief Ana Cole says extremists should be kept off farms.",
        );
        assert_flags(ID, "The regime has relaxed its inspections.", &["regime"]);
        assert_flags(ID, "Extremists should be kept off farms.", &["Extremists"]);
    }
}
