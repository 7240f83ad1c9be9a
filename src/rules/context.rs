//! What a rule is given for one paragraph: the paragraph, the newsroom's
//! own words when a configuration has some, and the scratch the rules share
//! while they read it.

use std::cell::OnceCell;

use super::house::HouseWords;
use crate::prose::Paragraph;

/// One paragraph as the rules see it. The linter makes one per paragraph
/// and drops it when the rules are done, with everything the rules worked
/// out on the way.
pub struct Context<'p> {
    /// The analysed paragraph.
    pub para: &'p Paragraph<'p>,
    /// The newsroom's own words, for the `house/…` rules.
    pub house: Option<&'p HouseWords>,
    /// Hits of every rule's phrase lists, matched in one pass by the first
    /// rule that asks ([`super::phrases::PhraseList::find_in`]): (pattern,
    /// start, end) over the squeezed text.
    pub(crate) phrase_hits: OnceCell<Vec<(u32, u32, u32)>>,
}

impl<'p> Context<'p> {
    /// The rules' view of `para`, with the newsroom's words if any.
    pub fn new(para: &'p Paragraph<'p>, house: Option<&'p HouseWords>) -> Context<'p> {
        Context {
            para,
            house,
            phrase_hits: OnceCell::new(),
        }
    }
}
