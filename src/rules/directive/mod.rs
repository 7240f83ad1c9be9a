//! `directive/…`: the inline `copydesk-disable` directives themselves.
//!
//! Directives are read once per document by [`crate::suppressions`]; the
//! rules here only carry the documentation and the configured severity of
//! what that reading reports.

pub(crate) mod unknown;

use super::Rule;

/// The rules of the family, in catalogue order.
pub(crate) static RULES: &[&dyn Rule] = &[&unknown::Unknown];
