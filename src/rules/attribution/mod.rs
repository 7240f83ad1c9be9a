//! `attribution/…`: who says so?

mod anonymous_source;
mod unattributed_quote;
mod weasel_attribution;
mod writer_prediction;

use super::Rule;

/// The rules of the family, in catalogue order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &weasel_attribution::WeaselAttribution,
    &anonymous_source::AnonymousSource,
    &unattributed_quote::UnattributedQuote,
    &writer_prediction::WriterPrediction,
];
