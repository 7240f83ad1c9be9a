//! The page's Content-Security-Policy: nothing may load or run but the one
//! style sheet and the one script the page carries, allowed by their
//! SHA-256 hashes. Even if copy ever escaped its escaping, a script or
//! style it smuggled in would not match a hash and would not run.

use base64::Engine;
use sha2::{Digest, Sha256};

/// A CSP hash source for an inline `<script>` or `<style>` whose text is
/// exactly `text`.
fn hash_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The policy for a page whose only style sheet is `style` and only script
/// is `script`: no network, no frames, no forms, no `<base>`, no plugins.
pub(super) fn policy(style: &str, script: &str) -> String {
    format!(
        "default-src 'none'; style-src {}; script-src {}; base-uri 'none'; form-action 'none'",
        hash_source(style),
        hash_source(script)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_the_ones_browsers_compute() {
        // SHA-256 of nothing, and the example of MDN's CSP guide.
        assert_eq!(
            hash_source(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
        assert_eq!(
            hash_source("alert('Hello, world.');"),
            "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
        );
        let policy = policy("a", "b");
        assert!(policy.starts_with("default-src 'none'; style-src 'sha256-"));
        assert!(!policy.contains("unsafe"), "{policy}");
    }
}
