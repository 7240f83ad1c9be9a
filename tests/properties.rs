//! Properties of the pieces with invariants, over random documents built
//! from the labelled corpus's passages, fragments of news copy that stress
//! the prose model (abbreviations, ellipses, straight, curly and nested
//! quotation marks, figures, Markdown structure, suppression directives)
//! and random characters:
//!
//! - sentence segmentation and quotation spans stay in bounds, on character
//!   boundaries, in order, and never overlap wrongly;
//! - suppression directives only ever remove findings;
//! - fixing (`--fix`: every safe fix, re-linted until none is left) is
//!   idempotent and never edits inside a quotation;
//! - re-linting incrementally (a `ParagraphCache` across random edits)
//!   equals a full lint of the same text.
//!
//! `PROPTEST_CASES` raises the number of cases (default 256 for the cheap
//! properties, 64 for those that lint).

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use copydesk::prose::markup::extract;
use copydesk::prose::quotations::{quotations_in, Quotation};
use copydesk::prose::sentences::sentences;
use copydesk::prose::{BlockKind, Paragraph};
use copydesk::{Edit, Finding, LintOptions, Linter, ParagraphCache, Syntax};
use proptest::prelude::*;

// ------------------------------------------------------------- documents

/// The corpus passages' paragraphs, markers stripped.
fn corpus() -> &'static [String] {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/passages");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("tests/corpus/passages")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        let mut out = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("passage file");
            let text = strip_markers(&text);
            for para in text.split("\n\n") {
                let para: Vec<&str> = para
                    .lines()
                    .filter(|l| !l.starts_with("@@") && !l.starts_with("<!-- eval"))
                    .collect();
                out.push(para.join("\n"));
            }
        }
        out.retain(|p| !p.is_empty());
        assert!(out.len() > 100, "corpus paragraphs: {}", out.len());
        out
    })
}

/// `[[rule: text]]` → `text`, `{{text}}` → `text`.
fn strip_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("[[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find(": ") {
            Some(colon) if !after[..colon].contains(' ') => rest = &after[colon + 2..],
            _ => {
                out.push_str("[[");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("]]", "").replace("{{", "").replace("}}", "")
}

/// Pieces of copy that stress the prose model.
const PIECES: &[&str] = &[
    "The",
    "council",
    "said",
    "Mr.",
    "U.S.",
    "Gen.",
    "J.",
    "a.m.",
    "No.",
    "Inc.",
    "Jan.",
    "5",
    "$4.5 million",
    "3,000",
    "14 percent",
    "60%",
    "very",
    "shocking",
    "claimed",
    "insisted",
    "Critics say",
    "according to",
    "sources said",
    "will likely",
    "so-called",
    "regime",
    "towards",
    "\"",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "don't",
    "it’s",
    ".",
    ".",
    "?",
    "!",
    "?!",
    "...",
    "…",
    ",",
    ";",
    ":",
    "—",
    "(",
    ")",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "  ",
    "\t",
    "*",
    "**",
    "_",
    "`",
    "> ",
    "- ",
    "1. ",
    "# ",
    "```",
    "|",
    "<!--",
    "-->",
    "é",
    "東京",
    "😀",
    "\u{a0}",
    "\u{2028}",
    "\u{feff}",
];

fn piece_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|p| {
        // Mostly words with spaces between them, sometimes glued.
        let mut out = String::new();
        for (i, piece) in p.iter().enumerate() {
            if i % 3 != 2 {
                out.push(' ');
            }
            out.push_str(piece);
        }
        out
    })
}

/// A directive, well-formed or not.
fn directive() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "disable",
            "enable",
            "disable-next-line",
            "disable-line",
            "disabel",
        ]),
        prop::collection::vec(
            prop::sample::select(vec![
                "editorializing",
                "editorializing/intensifier",
                "figures",
                "attribution/weasel-attribution",
                "attribution",
                "style",
                "style/toward",
                "nope",
            ]),
            0..3,
        ),
    )
        .prop_map(|(kind, names)| format!("<!-- copydesk-{kind} {} -->", names.join(" ")))
}

/// A paragraph: from the corpus, made of pieces, or with a directive.
fn paragraph() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<prop::sample::Index>().prop_map(|i| corpus()[i.index(corpus().len())].clone()),
        2 => piece_text(),
        1 => (any::<prop::sample::Index>(), directive(), any::<bool>()).prop_map(|(i, d, before)| {
            let p = &corpus()[i.index(corpus().len())];
            if before { format!("{d}\n{p}") } else { format!("{p} {d}") }
        }),
        1 => directive(),
    ]
}

/// A document of paragraphs separated by blank lines (or sometimes not).
fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            paragraph(),
            prop::sample::select(vec!["\n\n", "\n\n", "\n", "\r\n\r\n", "\n\n\n"]),
        ),
        0..8,
    )
    .prop_map(|parts| parts.into_iter().map(|(p, sep)| p + sep).collect())
}

fn syntax() -> impl Strategy<Value = Syntax> {
    prop::sample::select(vec![Syntax::Markdown, Syntax::PlainText])
}

fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default);
    ProptestConfig::with_cases(cases)
}

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| Linter::new(LintOptions::default()))
}

// ------------------------------------------------------------- helpers

fn on_boundaries(text: &str, r: &Range<usize>) -> bool {
    r.start <= r.end
        && r.end <= text.len()
        && text.is_char_boundary(r.start)
        && text.is_char_boundary(r.end)
}

/// The quotations of a document, in document offsets: every prose block
/// analysed as the linter analyses it.
fn document_quotations(source: &str, syntax: Syntax) -> Vec<Quotation> {
    let mut out = Vec::new();
    for block in extract(source, syntax).blocks {
        let para = Paragraph::analyse(&block.text, block.kind);
        for mut q in para.quotations.iter().cloned() {
            q.span = q.span.start + block.start..q.span.end + block.start;
            q.content = q.content.start + block.start..q.content.end + block.start;
            out.push(q);
        }
    }
    out
}

/// Whether `edit` changes anything strictly inside `content`.
fn edits_inside(edit: &Edit, content: &Range<usize>) -> bool {
    if edit.span.start == edit.span.end {
        content.start < edit.span.start && edit.span.start < content.end
    } else {
        edit.span.start < content.end && content.start < edit.span.end
    }
}

/// What `check --fix` does: every safe fix, re-linted, until none is left
/// (at most 8 passes, as the command line). Each pass's edits are checked
/// against that pass's quotations.
fn fix_all(source: &str, syntax: Syntax) -> Result<String, TestCaseError> {
    let mut text = source.to_string();
    for _ in 0..8 {
        let findings = linter().lint(&text, syntax).findings;
        let edits = copydesk::fix::safe_edits(&findings);
        if edits.is_empty() {
            break;
        }
        for q in document_quotations(&text, syntax)
            .iter()
            .filter(|q| q.depth == 0)
        {
            for edit in &edits {
                prop_assert!(
                    !edits_inside(edit, &q.content),
                    "a safe fix {:?} edits inside the quotation {:?} of {:?}",
                    edit,
                    &text[q.span.clone()],
                    text
                );
            }
        }
        let next = copydesk::fix::apply(&text, &edits);
        if next == text {
            break;
        }
        text = next;
    }
    Ok(text)
}

// ------------------------------------------------------------- properties

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn sentences_stay_in_bounds_in_order_and_cover_the_text(text in prop_oneof![piece_text(), paragraph()]) {
        let found = sentences(&text);
        let mut at = 0;
        for s in &found {
            prop_assert!(on_boundaries(&text, s), "{s:?} in {text:?}");
            prop_assert!(s.start < s.end, "an empty sentence {s:?} in {text:?}");
            prop_assert!(s.start >= at, "sentences overlap or go back: {found:?} in {text:?}");
            // Only whitespace between sentences, none at their edges.
            prop_assert!(text[at..s.start].chars().all(char::is_whitespace), "{:?} dropped from {text:?}", &text[at..s.start]);
            let sentence = &text[s.clone()];
            prop_assert_eq!(sentence.trim(), sentence);
            at = s.end;
        }
        prop_assert!(text[at..].chars().all(char::is_whitespace), "{:?} dropped from {text:?}", &text[at..]);
    }

    #[test]
    fn quotations_stay_in_bounds_and_nest_properly(text in prop_oneof![piece_text(), paragraph()], headline in any::<bool>()) {
        let found = quotations_in(&text, headline);
        let outer: Vec<&Quotation> = found.iter().filter(|q| q.depth == 0).collect();
        for q in &found {
            prop_assert!(on_boundaries(&text, &q.span) && on_boundaries(&text, &q.content), "{q:?} in {text:?}");
            // The opening mark, the words, the closing mark (if any), in order;
            // a quotation carried on from the paragraph before has no opening
            // mark, and starts the paragraph.
            let carried_on = q.span.start == q.content.start
                && q.span.start == text.len() - text.trim_start().len();
            prop_assert!((q.span.start < q.content.start || carried_on) && q.content.start <= q.content.end && q.content.end <= q.span.end, "{q:?} in {text:?}");
            prop_assert!(q.depth <= 1);
        }
        // Outer quotations in order and never overlapping; only the last may be open.
        for pair in outer.windows(2) {
            prop_assert!(pair[0].span.end <= pair[1].span.start, "outer quotations overlap: {pair:?} in {text:?}");
            prop_assert!(pair[0].closed, "an open quotation before another: {pair:?} in {text:?}");
        }
        // A nested quotation lies inside exactly one outer quotation's words.
        for inner in found.iter().filter(|q| q.depth == 1) {
            let parents = outer.iter().filter(|o| o.content.start <= inner.span.start && inner.span.end <= o.content.end).count();
            prop_assert_eq!(parents, 1, "{:?} in {:?}", inner, text);
        }
        // Nested quotations do not overlap one another.
        let inner: Vec<&Quotation> = found.iter().filter(|q| q.depth == 1).collect();
        for pair in inner.windows(2) {
            prop_assert!(pair[0].span.end <= pair[1].span.start, "nested quotations overlap: {pair:?} in {text:?}");
        }
    }

    #[test]
    fn a_paragraph_analysis_stays_in_bounds(text in prop_oneof![piece_text(), paragraph()], kind in prop::sample::select(vec![BlockKind::Paragraph, BlockKind::Heading, BlockKind::ListItem, BlockKind::TableCell])) {
        let para = Paragraph::analyse(&text, kind);
        for w in &para.words {
            prop_assert!(on_boundaries(&text, w) && w.start < w.end, "word {w:?} in {text:?}");
        }
        for c in &para.cues {
            prop_assert!(on_boundaries(&text, &c.span), "cue {c:?} in {text:?}");
            prop_assert!(c.sentence < para.sentences.len().max(1), "cue {c:?} in {text:?}");
            if let Some(source) = &c.source {
                prop_assert!(on_boundaries(&text, source), "cue source {c:?} in {text:?}");
            }
        }
        for f in &para.figures {
            prop_assert!(on_boundaries(&text, &f.span), "figure {f:?} in {text:?}");
        }
        for q in &para.quotations {
            if let Some(speaker) = &q.speaker {
                prop_assert!(on_boundaries(&text, speaker), "speaker {q:?} in {text:?}");
            }
        }
        // Cues stand outside quotations.
        for c in &para.cues {
            prop_assert!(!para.quotations.iter().any(|q| q.depth == 0 && q.content.start < c.span.start && c.span.end <= q.content.end && q.closed), "cue {c:?} inside a quotation in {text:?}");
        }
    }
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn findings_and_fixes_stay_in_bounds(doc in document(), syntax in syntax()) {
        let report = linter().lint(&doc, syntax);
        prop_assert!(report.failures.is_empty(), "{:?}", report.failures);
        for f in &report.findings {
            prop_assert!(on_boundaries(&doc, &f.span), "{f:?} in {doc:?}");
            for fix in &f.fixes {
                for e in &fix.edits {
                    prop_assert!(on_boundaries(&doc, &e.span), "{f:?} in {doc:?}");
                }
            }
        }
    }

    #[test]
    fn suppressions_only_remove_findings(doc in document(), syntax in syntax()) {
        // The same document with every directive defused, byte for byte the same length.
        let defused = doc.replace("copydesk-", "copydeks-");
        let with: Vec<Finding> = linter().lint(&doc, syntax).findings;
        let without = linter().lint(&defused, syntax).findings;
        for f in with.iter().filter(|f| f.rule != "directive/unknown") {
            prop_assert!(without.contains(f), "{:?} appeared with the directives of {:?}", f, doc);
        }
    }

    #[test]
    fn fixing_is_idempotent_and_never_edits_a_quotation(doc in document(), syntax in syntax()) {
        let fixed = fix_all(&doc, syntax)?;
        let again = fix_all(&fixed, syntax)?;
        prop_assert_eq!(&again, &fixed, "a second --fix changed {:?}", doc);
        // Nothing is left for a third run either.
        let left = copydesk::fix::safe_edits(&linter().lint(&fixed, syntax).findings);
        prop_assert!(left.is_empty(), "safe fixes left after --fix: {:?} in {:?}", left, fixed);
    }

    #[test]
    fn incremental_relinting_equals_a_full_lint(
        doc in document(),
        syntax in syntax(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..40, prop_oneof![paragraph(), piece_text(), Just(String::new())]), 1..12),
    ) {
        let mut cache = ParagraphCache::default();
        let mut text = doc;
        let first = linter().lint_cached(&text, syntax, &mut cache);
        prop_assert_eq!(&first.findings, &linter().lint(&text, syntax).findings);
        for (at, len, insert) in edits {
            // Replace `len` characters at a character boundary.
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let start = boundaries[at.index(boundaries.len())];
            let end = boundaries[(at.index(boundaries.len()) + len).min(boundaries.len() - 1)];
            text.replace_range(start..end, &insert);
            let incremental = linter().lint_cached(&text, syntax, &mut cache);
            let full = linter().lint(&text, syntax);
            prop_assert_eq!(&incremental.findings, &full.findings, "after editing to {:?}", text);
            prop_assert_eq!(&incremental.failures, &full.failures);
        }
    }
}

#[test]
fn the_corpus_is_read() {
    assert!(corpus()
        .iter()
        .any(|p| p.contains("According to the United Nations")));
    assert!(!corpus()
        .iter()
        .any(|p| p.contains("[[") || p.contains("{{")));
}

// ------------------------------------------------------------- regressions
// Inputs that once made the analysis panic (the linter isolates the panic,
// but the paragraph lost all its findings and the CLI printed a backtrace).

fn assert_lints_cleanly(text: &str) -> Vec<Finding> {
    for syntax in [Syntax::Markdown, Syntax::PlainText] {
        let report = linter().lint(text, syntax);
        assert!(
            report.failures.is_empty(),
            "{text:?}: {:?}",
            report.failures
        );
    }
    linter().lint(text, Syntax::Markdown).findings
}

#[test]
fn regression_a_no_break_space_before_an_abbreviation() {
    // sentences::token_before stepped one byte past a two-byte space.
    let text = "The \u{a0}Mr. No. It was a shocking plan.";
    assert!(sentences(text).iter().all(|s| on_boundaries(text, s)));
    let findings = assert_lints_cleanly(text);
    assert!(findings
        .iter()
        .any(|f| f.rule == "editorializing/loaded-word"));
}

#[test]
fn regression_a_curly_closing_quote_between_words_and_their_cue() {
    // Paragraph::span_attributed stepped one byte past a three-byte ”.
    assert_lints_cleanly("It was shocking \u{201d} the mayor said.");
    assert_lints_cleanly("It was very shocking, \u{201d}the mayor said.");
}
