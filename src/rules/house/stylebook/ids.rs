//! House rule ids as the `&'static str` every finding carries.
//!
//! Built-in rules' ids live in their data files for the whole run; a desk's
//! rules are read at run time and may be read again when a style file
//! changes. Each distinct id is kept once, so reloading a stylebook reuses
//! its ids instead of leaking new copies, and a cap bounds what a
//! long-lived server keeps.

use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

/// Distinct house rule ids one process keeps.
const MAX_IDS: usize = 100_000;

static IDS: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);

/// The one copy of `id`; `None` once [`MAX_IDS`] distinct ids are kept.
pub(super) fn intern(id: &str) -> Option<&'static str> {
    let mut ids = IDS.lock().unwrap_or_else(PoisonError::into_inner);
    let ids = ids.get_or_insert_with(HashSet::new);
    if let Some(&kept) = ids.get(id) {
        return Some(kept);
    }
    if ids.len() >= MAX_IDS {
        return None;
    }
    let kept: &'static str = Box::leak(id.to_string().into_boxed_str());
    ids.insert(kept);
    Some(kept)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_id_is_kept_once() {
        let a = super::intern("house/test-intern").map(str::as_ptr);
        let b = super::intern(&String::from("house/test-intern")).map(str::as_ptr);
        assert!(a.is_some());
        assert_eq!(a, b);
    }
}
