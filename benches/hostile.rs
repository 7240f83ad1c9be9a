//! The size-dependent rows of the hostile-input table (tests/hostile.rs), each
//! at two sizes: linear growth shows as the same throughput at both.
//! Each measures what `copydesk check` spends on the text: the lint, and
//! placing every finding at its line and column. Figures go in the
//! "Hostile input" section of benches/README.md.
//!
//! `cargo bench --bench hostile` (all rows, a few minutes);
//! `cargo bench --bench hostile -- single-line` for one row.

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use copydesk::config::Config;
use copydesk::{LineIndex, Linter, Syntax};

/// Lints `text` and places every finding, as the compact output does.
fn check(linter: &Linter, text: &str, syntax: Syntax) -> usize {
    let findings = linter.lint(text, syntax).findings;
    let index = LineIndex::new(text);
    findings
        .iter()
        .map(|f| index.line_col(text, f.span.start).1 + index.line_col(text, f.span.end).1)
        .sum()
}

fn story() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/draft.md"))
        .unwrap_or_default()
        + "\n"
}

/// `unit` repeated to at least `bytes`.
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

/// A row: its name, two (size label, text) inputs, and the syntax.
type Row = (&'static str, [(String, String); 2], Syntax);

fn rows() -> Vec<Row> {
    let story = story();
    let sentence = "Critics say the legendary plan was very shocking, and about 3,000 people came. \"We will win,\" she said. ";
    let nested = |prefix: &str, n: usize| format!("{}It was shocking.\n", prefix.repeat(n));
    let never_closes = |n: usize| {
        format!(
            "\"It was shocking.\n\n{}",
            "\"Critics say so, and 3,000 people came.\n\n".repeat(n)
        )
    };
    let fence = |bytes: usize| {
        format!(
            "Critics say so.\n\n```\n{}",
            repeat_to("It was shocking.\n\n", bytes)
        )
    };
    let mb = |n: usize| format!("{n}MB");
    vec![
        (
            "paragraphs",
            [
                (mb(25), repeat_to(&story, 25_000_000)),
                (mb(50), repeat_to(&story, 50_000_000)),
            ],
            Syntax::Markdown,
        ),
        (
            "crlf",
            [
                (mb(5), repeat_to(&story, 5_000_000).replace('\n', "\r\n")),
                (mb(10), repeat_to(&story, 10_000_000).replace('\n', "\r\n")),
            ],
            Syntax::Markdown,
        ),
        (
            "lone-cr-text",
            [
                (mb(5), repeat_to(&story, 5_000_000).replace('\n', "\r")),
                (mb(10), repeat_to(&story, 10_000_000).replace('\n', "\r")),
            ],
            Syntax::PlainText,
        ),
        (
            "single-line",
            [
                (mb(2), repeat_to(sentence, 2_500_000)),
                (mb(5), repeat_to(sentence, 5_000_000)),
            ],
            Syntax::Markdown,
        ),
        (
            "figures-one-line",
            [
                (
                    "100k".into(),
                    format!("{}\nIt was shocking.\n", "[^1]".repeat(100_000)),
                ),
                (
                    "200k".into(),
                    format!("{}\nIt was shocking.\n", "[^1]".repeat(200_000)),
                ),
            ],
            Syntax::Markdown,
        ),
        (
            "nested-block-quotes",
            [
                ("5000".into(), nested("> ", 5_000)),
                ("10000".into(), nested("> ", 10_000)),
            ],
            Syntax::Markdown,
        ),
        (
            "nested-lists",
            [
                ("5000".into(), nested("- ", 5_000)),
                ("10000".into(), nested("- ", 10_000)),
            ],
            Syntax::Markdown,
        ),
        (
            "emphasis-runs",
            [
                (
                    "100k".into(),
                    format!(
                        "It was shocking. {} Critics say so.\n\n{}",
                        "*".repeat(100_000),
                        "*a **b ***c ****d ".repeat(15_000)
                    ),
                ),
                (
                    "200k".into(),
                    format!(
                        "It was shocking. {} Critics say so.\n\n{}",
                        "*".repeat(200_000),
                        "*a **b ***c ****d ".repeat(30_000)
                    ),
                ),
            ],
            Syntax::Markdown,
        ),
        (
            "unterminated-fence",
            [(mb(1), fence(1_000_000)), (mb(2), fence(2_000_000))],
            Syntax::Markdown,
        ),
        (
            "quote-never-closes",
            [
                ("5000".into(), never_closes(5_000)),
                ("10000".into(), never_closes(10_000)),
            ],
            Syntax::Markdown,
        ),
    ]
}

fn hostile(c: &mut Criterion) {
    let linter = Config::default().linter_for(Path::new("/newsroom/story.md"));
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    for (row, sizes, syntax) in rows() {
        for (size, text) in sizes {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(row, size), &text, |b, text| {
                b.iter(|| check(&linter, text, syntax))
            });
        }
    }

    // A repository's copydesk.toml with n custom phrases: reading it,
    // building its linter, and linting a story with it.
    let story = story();
    for n in [2_500, 5_000] {
        let avoid: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    "\"very shocking plan number {i} {}\" = \"\"",
                    "x".repeat(i % 150)
                )
            })
            .collect();
        let toml = format!("[words]\navoid = {{ {} }}\n", avoid.join(", "));
        group.throughput(Throughput::Bytes(toml.len() as u64));
        group.bench_with_input(BenchmarkId::new("config-phrases", n), &toml, |b, toml| {
            b.iter(|| {
                let config = Config::parse(toml, Path::new("/newsroom/copydesk.toml"))
                    .map(|config| config.linter_for(Path::new("/newsroom/story.md")));
                config.map_or(0, |linter| check(&linter, &story, Syntax::Markdown))
            })
        });
    }
    // Past the limit: refused before anything is built.
    let phrases: Vec<String> = (0..10_000).map(|i| format!("\"phrase {i}\"")).collect();
    let toml = format!("[words]\naccept = [{}]\n", phrases.join(", "));
    group.throughput(Throughput::Bytes(toml.len() as u64));
    group.bench_function("config-phrases/10000-refused", |b| {
        b.iter(|| Config::parse(&toml, Path::new("/newsroom/copydesk.toml")).is_err())
    });
    group.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);
