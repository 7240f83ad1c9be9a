//! Arbitrary bytes linted as Markdown and as plain text.
//!
//! - No panic anywhere (libfuzzer-sys turns every panic into an abort, so
//!   a rule panic the linter would isolate is still caught here).
//! - No rule failure reported.
//! - Every finding's span lies inside the text, on character boundaries.
//! - Every fix's edits lie inside the text, on character boundaries, in
//!   order and not overlapping, so `copydesk::fix::apply` uses all of them.
//! - The safe fixes together ("fix all") apply, and linting the fixed text
//!   again neither panics nor breaks the span invariants.
//!
//! Bytes that are not UTF-8 are read lossily (U+FFFD), as an editor shows
//! them: the linter only ever sees `&str`.

#![no_main]

use copydesk::config::Config;
use copydesk::{Edit, Finding, Linter, Syntax};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The built-in defaults, as `copydesk check` lints where no copydesk.toml
/// applies.
fn linter() -> &'static Linter {
    static LINTER: OnceLock<Arc<Linter>> = OnceLock::new();
    LINTER.get_or_init(|| Config::default().linter_for(Path::new("fuzz.md")))
}

fn check_span(text: &str, span: &std::ops::Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} off a character boundary"
    );
}

fn check_findings(text: &str, findings: &[Finding]) {
    for f in findings {
        check_span(text, &f.span, f.rule);
        for fix in &f.fixes {
            let mut at = 0;
            for edit in &fix.edits {
                check_span(text, &edit.span, f.rule);
                assert!(
                    edit.span.start >= at,
                    "{}: fix {:?} has edits out of order or overlapping",
                    f.rule,
                    fix.title
                );
                at = edit.span.end;
            }
            // Every edit is used: the result is exactly the splice.
            let applied = copydesk::fix::apply(text, &fix.edits);
            let mut expected = String::with_capacity(text.len());
            let mut at = 0;
            for edit in &fix.edits {
                expected.push_str(&text[at..edit.span.start]);
                expected.push_str(&edit.replacement);
                at = edit.span.end;
            }
            expected.push_str(&text[at..]);
            assert_eq!(applied, expected, "{}: fix {:?}", f.rule, fix.title);
        }
    }
}

fn lint_and_fix(text: &str, syntax: Syntax) {
    let report = linter().lint(text, syntax);
    assert!(
        report.failures.is_empty(),
        "rule failures: {:?}",
        report.failures
    );
    check_findings(text, &report.findings);
    let edits: Vec<Edit> = copydesk::fix::safe_edits(&report.findings);
    if edits.is_empty() {
        return;
    }
    let fixed = copydesk::fix::apply(text, &edits);
    let again = linter().lint(&fixed, syntax);
    assert!(
        again.failures.is_empty(),
        "rule failures after fixing: {:?}",
        again.failures
    );
    check_findings(&fixed, &again.findings);
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    lint_and_fix(&text, Syntax::Markdown);
    lint_and_fix(&text, Syntax::PlainText);
});
