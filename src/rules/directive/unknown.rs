//! `directive/unknown`: a `copydesk-…` directive, or a rule or family named
//! in one, that copydesk does not know.
//!
//! A misspelt directive silently suppresses nothing (or the wrong thing), so
//! it is reported where it stands, with the closest known name. The check
//! runs over the whole document in [`crate::lint::suppressions`], not per
//! paragraph: this file holds its documentation and messages.

use serde::Deserialize;

use crate::rules::{rule_data, RuleMeta};

/// What the rule's data file holds.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Data {
    pub rule: RuleMeta,
    /// For an unknown rule or family; `{name}` is replaced.
    pub unknown_name: String,
    /// For an unknown directive keyword; `{name}` is replaced.
    pub unknown_directive: String,
    /// Appended when a known name is close; `{suggestion}` is replaced.
    pub suggestion: String,
}

rule_data!(pub(crate) DATA: Data = "unknown.toml");

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags};

    const ID: &str = "directive/unknown";

    #[test]
    fn flags_unknown_names_and_directives() {
        assert_flags(
            ID,
            "<!-- copydesk-disable editorialising figures -->\n\nText.\n",
            &["editorialising"],
        );
        assert_flags(
            ID,
            "Text <!-- copydesk-disable-nextline --> here.\n",
            &["copydesk-disable-nextline"],
        );
    }

    #[test]
    fn known_names_and_other_comments_are_fine() {
        assert_clean(
            ID,
            "<!-- copydesk-disable editorializing, figures/unsourced-count -->\n\nText.\n",
        );
        assert_clean(
            ID,
            "<!-- a note for the editor: check the names -->\n\nText.\n",
        );
        assert_clean(ID, "`<!-- copydesk-disable nope -->` is code.\n");
    }
}
