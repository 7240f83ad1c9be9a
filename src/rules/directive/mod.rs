//! `directive/…`: the inline `copydesk-disable` directives themselves.
//!
//! Directives are read once per document by the linter
//! ([`crate::lint::suppressions`]); the rules here are not run over
//! paragraphs but carry the documentation and the configured severity of
//! what that reading reports.

pub(crate) mod unknown;

use super::RuleMeta;

/// The family's rules' documentation, in catalogue order.
pub(crate) fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    [&unknown::DATA.rule].into_iter()
}
