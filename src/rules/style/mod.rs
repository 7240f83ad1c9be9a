//! `style/…`: AP house style, where a machine can be sure.

pub(crate) mod numbers;

use super::Rule;

/// The rules of the family, in catalogue order.
pub(crate) static RULES: &[&dyn Rule] = &[];
