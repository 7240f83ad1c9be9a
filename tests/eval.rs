//! copydesk's judgement as numbers the test suite tracks.
//!
//! - The labelled corpus (`tests/corpus/passages/`, format in `tests/corpus/README.md`):
//!   precision and recall per family must not fall below the floors here.
//!
//! Real copy (`../shared/corpora/`), which the project reads but cannot ship, is
//! checked in a step of its own after `cargo test` (`.ci/real-copy-eval`, which runs
//! `cargo run --example eval -- check`), so that a clone without it passes its tests.
//!
//! The floors only go up: when a rule improves, raise them to the new figures
//! (rounded down a little). `cargo run --example eval` prints the detail: every
//! miss and false alarm, the per-rule table, the rates and the review sample.

#[path = "corpus/harness.rs"]
mod harness;

use harness::{evaluate, load_corpus, parse_label, parse_markers, Label};

/// Passages the corpus must hold.
const MIN_PASSAGES: usize = 195;

/// Styles the corpus must cover (file names under `tests/corpus/passages/`).
const STYLES: [&str; 7] = [
    "business",
    "courts",
    "local",
    "politics",
    "sports",
    "structure",
    "wire",
];

/// (family, precision floor, recall floor) on the labelled corpus.
const FAMILY_FLOORS: [(&str, f64, f64); 3] = [
    ("attribution", 0.95, 0.82),
    ("editorializing", 0.99, 0.86),
    ("figures", 0.99, 0.87),
];

/// Overall (precision, recall) floor.
const TOTAL_FLOOR: (f64, f64) = (0.99, 0.86);

#[test]
fn markers_parse_into_spans() {
    let (text, expected, clean) = parse_markers(
        "[[weasel-attribution: Critics say]] it {{\"was [[?loaded-word: shocking]],\" she said}}.",
    )
    .unwrap();
    assert_eq!(text, "Critics say it \"was shocking,\" she said.");
    assert_eq!(expected.len(), 2);
    assert_eq!(&text[expected[0].span.clone()], "Critics say");
    assert_eq!(
        expected[0].label,
        Label::Rules(vec!["attribution/weasel-attribution".into()])
    );
    assert!(!expected[0].optional);
    assert_eq!(&text[expected[1].span.clone()], "shocking");
    assert!(expected[1].optional);
    assert_eq!(clean.len(), 1);
    assert_eq!(&text[clean[0].span.clone()], "\"was shocking,\" she said");
}

#[test]
fn labels_resolve_or_are_refused() {
    assert_eq!(
        parse_label("figures").unwrap(),
        Label::Family("figures".into())
    );
    assert_eq!(
        parse_label("unsourced-count|unsourced-ranking").unwrap(),
        Label::Rules(vec![
            "figures/unsourced-count".into(),
            "figures/unsourced-ranking".into()
        ])
    );
    assert!(parse_label("no-such-rule").is_err());
    assert!(
        parse_label("unsourced-count|loaded-word").is_err(),
        "alternatives must share a family"
    );
    assert!(parse_markers("[[loaded-word: open").is_err());
    assert!(parse_markers("stray]]").is_err());
    assert!(parse_markers("{{never closed").is_err());
}

#[test]
fn corpus_is_labelled_and_large_enough() {
    let passages = load_corpus();
    assert!(
        passages.len() >= MIN_PASSAGES,
        "the corpus holds {} passages; it must hold at least {MIN_PASSAGES}",
        passages.len()
    );
    for style in STYLES {
        assert!(
            passages.iter().filter(|p| p.style == style).count() >= 5,
            "style `{style}` needs at least 5 passages"
        );
    }
    for p in &passages {
        assert!(!p.text.trim().is_empty(), "{} is empty", p.origin);
        assert!(
            !p.expected.is_empty() || !p.clean.is_empty(),
            "{} ({}) has no labels: mark what must be flagged and what must stay clean",
            p.origin,
            p.id
        );
        for e in &p.expected {
            assert!(
                !p.text[e.span.clone()].trim().is_empty(),
                "{}: a marker covers only whitespace",
                p.origin
            );
        }
    }
}

#[test]
fn precision_and_recall_stay_above_their_floors() {
    let ev = evaluate(&load_corpus());
    let report = harness::render_evaluation(&ev, true);
    let mut failures = Vec::new();
    for (family, precision, recall) in FAMILY_FLOORS {
        let c = ev
            .per_family
            .get(family)
            .unwrap_or_else(|| panic!("no family `{family}`"));
        if c.precision() < precision {
            failures.push(format!(
                "{family}: precision {:.3} < floor {precision}",
                c.precision()
            ));
        }
        if c.recall() < recall {
            failures.push(format!(
                "{family}: recall {:.3} < floor {recall}",
                c.recall()
            ));
        }
    }
    if ev.total.precision() < TOTAL_FLOOR.0 {
        failures.push(format!(
            "overall precision {:.3} < floor {}",
            ev.total.precision(),
            TOTAL_FLOOR.0
        ));
    }
    if ev.total.recall() < TOTAL_FLOOR.1 {
        failures.push(format!(
            "overall recall {:.3} < floor {}",
            ev.total.recall(),
            TOTAL_FLOOR.1
        ));
    }
    assert!(failures.is_empty(), "{}\n\n{report}", failures.join("\n"));
}
