//! Throughput of the whole default rule set on news-like Markdown.
//! Target: at least 50 MB/s single-threaded. Figures go in benches/README.md.

use std::path::Path;
use std::sync::Arc;

use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};

use copydesk::config::Config;

#[path = "support/house_rules.rs"]
mod house_rules;
use copydesk::{Linter, ParagraphCache, Syntax};

/// The allocator the `copydesk` binary runs with, so that the figures are the
/// binary's.
#[global_allocator]
static ALLOCATOR: copydesk::allocator::MiMalloc = copydesk::allocator::MiMalloc;

/// Varied news paragraphs: quotes, attribution, figures, loaded words, markup.
const PARAGRAPHS: &[&str] = &[
    "The city council on Tuesday approved a $48 million plan to rebuild the riverfront, ending two years of debate.",
    "\"We listened to every resident who came to us,\" Mayor Elena Ortiz said after the vote. \"This plan is the result.",
    "\"It will be built in stages, and every stage will come back to this council,\" she said.",
    "Critics say the so-called **riverwalk** will benefit developers. Sources say the votes were lined up early.",
    "About 3,000 people live within a mile of the site, and rents rose 14 percent last year, the largest since 2008.",
    "Unfortunately, the vote came after a very long night. Council member Ray Dunn claimed that taxes would rise.",
    "- Item one, with a [link](https://example.com/a) and `code`\n- Item two: the budget is *clearly* balanced",
    "According to the county assessor, the median home value is $312,000, up 6.1% from a year earlier.",
    "## Schools face a stark reminder of shortfalls",
    "Dunn, 54, who voted against the plan, said he would ask for a second reading on March 3 at 9 a.m. in Room 201.",
];

/// Professionally written copy, read where the project's shared corpora live.
const REAL_COPY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpora/abc-rural-news/rural.txt"
);

fn document(bytes: usize) -> String {
    let mut doc = String::with_capacity(bytes + 1024);
    let mut i = 0;
    while doc.len() < bytes {
        doc.push_str(PARAGRAPHS[i % PARAGRAPHS.len()]);
        doc.push_str(&format!(" (Story {i}.)\n\n"));
        i += 1;
    }
    doc
}

/// The built-in defaults, as `copydesk check` lints where no copydesk.toml
/// applies.
fn linter() -> Arc<Linter> {
    Config::default().linter_for(Path::new("story.md"))
}

/// The linter of a desk with `count` house rules in its style files.
fn linter_with_house_rules(count: usize) -> Option<(tempfile::TempDir, Arc<Linter>)> {
    let dir = tempfile::tempdir().ok()?;
    std::fs::create_dir(dir.path().join("styles")).ok()?;
    std::fs::write(
        dir.path().join("styles/house.toml"),
        house_rules::style_file(count),
    )
    .ok()?;
    std::fs::write(dir.path().join("copydesk.toml"), "styles = \"styles\"\n").ok()?;
    let config = Config::load(&dir.path().join("copydesk.toml")).ok()?;
    let linter = config.linter_for(&dir.path().join("story.md"));
    Some((dir, linter))
}

fn throughput(c: &mut Criterion) {
    let linter = linter();
    let mut group = c.benchmark_group("lint");
    group.sample_size(10);
    for (name, size) in [("1MB", 1 << 20), ("10MB", 10 << 20)] {
        let doc = document(size);
        group.throughput(Throughput::Bytes(doc.len() as u64));
        group.bench_with_input(BenchmarkId::new("markdown", name), &doc, |b, doc| {
            b.iter(|| linter.lint(doc, Syntax::Markdown).findings.len())
        });
    }
    // Real copy as well as the generated document: the ABC rural news corpus
    // (plain text, wire style) from the shared corpora, when they are there.
    if let Ok(copy) = std::fs::read_to_string(REAL_COPY) {
        group.throughput(Throughput::Bytes(copy.len() as u64));
        group.bench_with_input(BenchmarkId::new("plain", "abc-rural"), &copy, |b, copy| {
            b.iter(|| linter.lint(copy, Syntax::PlainText).findings.len())
        });
    }
    // Re-linting after a one-character edit with a warm paragraph cache, as the server does.
    let doc = document(1 << 20);
    let mut cache = ParagraphCache::default();
    linter.lint_cached(&doc, Syntax::Markdown, &mut cache);
    let mut edited = doc.clone();
    edited.insert(doc.len() / 2, 'x');
    let mut flip = false;
    group.throughput(Throughput::Bytes(doc.len() as u64));
    group.bench_function("relint-after-edit/1MB", |b| {
        b.iter(|| {
            flip = !flip;
            linter
                .lint_cached(
                    if flip { &edited } else { &doc },
                    Syntax::Markdown,
                    &mut cache,
                )
                .findings
                .len()
        })
    });
    // The same 10 MB document for a desk with a thousand house rules: the
    // target is within twice the time without them.
    if let Some((_dir, house)) = linter_with_house_rules(1_000) {
        let doc = document(10 << 20);
        group.throughput(Throughput::Bytes(doc.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("house-rules-1000", "10MB"),
            &doc,
            |b, doc| b.iter(|| house.lint(doc, Syntax::Markdown).findings.len()),
        );
    }
    group.finish();
}

criterion_group!(benches, throughput);

/// `LINT_ONCE=<bytes> cargo bench --bench lint` lints one generated document and exits (with
/// `LINT_HOUSE=<count>`, for a desk with that many house rules), so that
/// `valgrind --tool=callgrind` (or `perf stat -e instructions`) can count the instructions of a lint
/// without criterion's warm-up and sampling; `LINT_DOC=<bytes>` prints the document instead, to diff
/// `copydesk check --format json` on it before and after a change.
fn main() {
    copydesk::allocator::configure();
    let size = |var: &str| {
        std::env::var(var)
            .ok()
            .map(|v| v.parse::<usize>().expect("a size in bytes"))
    };
    if let Some(bytes) = size("LINT_DOC") {
        print!("{}", document(bytes));
        return;
    }
    // `LINT_FILE=<path>` does the same for a file of plain text, such as the real copy above.
    let file = std::env::var_os("LINT_FILE")
        .map(|path| std::fs::read_to_string(path).expect("a UTF-8 file"));
    if let Some(bytes) = size("LINT_ONCE").or(file.as_ref().map(String::len)) {
        // `LINT_REPEAT=2` lints it twice: the difference of the two counts is
        // the cost of one lint, without start-up and the rules' one-time set-up.
        // With `LINT_RELINT=1`, each lint is a re-lint after a one-character
        // edit with a warm paragraph cache, as in the benchmark.
        let syntax = if file.is_some() {
            Syntax::PlainText
        } else {
            Syntax::Markdown
        };
        let doc = file.unwrap_or_else(|| document(bytes));
        // `LINT_HOUSE=<count>`: with that many house rules.
        let house = size("LINT_HOUSE").and_then(linter_with_house_rules);
        let linter = house.as_ref().map_or_else(linter, |(_, l)| Arc::clone(l));
        let relint = std::env::var_os("LINT_RELINT").is_some();
        let mut cache = ParagraphCache::default();
        let mut edited = doc.clone();
        edited.insert(doc.len() / 2, 'x');
        if relint {
            linter.lint_cached(&doc, Syntax::Markdown, &mut cache);
        }
        for n in 0..size("LINT_REPEAT").unwrap_or(1) {
            let findings = if relint {
                let text = if n % 2 == 0 { &edited } else { &doc };
                linter.lint_cached(text, Syntax::Markdown, &mut cache)
            } else {
                linter.lint(&doc, syntax)
            }
            .findings
            .len();
            eprintln!("{} bytes, {findings} findings", doc.len());
        }
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
