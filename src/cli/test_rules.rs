//! `copydesk test-rules [PATH]`: runs each house rule's `bad` and `good`
//! examples, so that a desk keeps its stylebook under CI like code. Every
//! `bad` example must produce the rule's finding and every `good` one none.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use copydesk::config::{styles, Resolver};
use copydesk::rules::house::stylebook::Stylebook;
use copydesk::{Level, LintOptions, Linter, Syntax};

use super::exit;

/// Runs the examples of the style files at `path` (a file or folder), or
/// of the styles folder the current folder's configuration names.
pub(super) fn run(path: Option<PathBuf>) -> ExitCode {
    let styles = match &path {
        Some(path) => styles::read_path(path),
        None => match Resolver::new().config_for(Path::new(".")) {
            Ok(config) => match config.styles() {
                Some(styles) => Ok(styles.clone()),
                None => {
                    eprintln!("error: no styles folder: give a style file or folder, or set `styles` in copydesk.toml");
                    return ExitCode::from(exit::ERROR);
                }
            },
            Err(e) => Err(e),
        },
    };
    let styles = match styles {
        Ok(styles) => styles,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(exit::ERROR);
        }
    };
    let book = styles.book;
    let results: Vec<Outcome> = book
        .defaults()
        .map(|(id, severity)| examples(&book, id, severity))
        .collect();
    let width = results.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut failed = 0;
    let mut examples_run = 0;
    for outcome in &results {
        examples_run += outcome.run;
        if outcome.failures.is_empty() {
            let note = if outcome.run == 0 {
                "no examples"
            } else {
                "ok"
            };
            println!(
                "{:width$}  {note} ({} bad, {} good)",
                outcome.id, outcome.bad, outcome.good
            );
        } else {
            failed += 1;
            println!("{:width$}  FAILED", outcome.id);
            for failure in &outcome.failures {
                println!("    {failure}");
            }
        }
    }
    let files = styles.files.len();
    println!(
        "{} rules in {files} style file{}, {examples_run} examples: {}",
        results.len(),
        if files == 1 { "" } else { "s" },
        if failed == 0 {
            "all pass".to_string()
        } else {
            format!("{failed} rule{} failed", if failed == 1 { "" } else { "s" })
        }
    );
    ExitCode::from(if failed == 0 {
        exit::CLEAN
    } else {
        exit::FINDINGS
    })
}

/// What one rule's examples gave.
struct Outcome {
    id: &'static str,
    bad: usize,
    good: usize,
    run: usize,
    failures: Vec<String>,
}

/// Lints each of the rule's examples with that rule alone.
fn examples(
    book: &std::sync::Arc<Stylebook>,
    id: &'static str,
    severity: copydesk::Severity,
) -> Outcome {
    let mut options = LintOptions::only("");
    options.levels.insert(id.to_string(), Level::On(severity));
    let linter = Linter::new(options).with_stylebook(book.clone());
    let spec = book.spec(id);
    let (bad, good) = spec.map_or((&[][..], &[][..]), |s| (&s.bad[..], &s.good[..]));
    let flagged = |text: &str| {
        linter
            .lint(text, Syntax::Markdown)
            .findings
            .iter()
            .any(|f| f.rule == id)
    };
    let mut failures = Vec::new();
    for (i, text) in bad.iter().enumerate() {
        if !flagged(text) {
            failures.push(format!(
                "bad example {} is not flagged: {}",
                i + 1,
                quoted(text)
            ));
        }
    }
    for (i, text) in good.iter().enumerate() {
        if flagged(text) {
            failures.push(format!(
                "good example {} is flagged: {}",
                i + 1,
                quoted(text)
            ));
        }
    }
    Outcome {
        id,
        bad: bad.len(),
        good: good.len(),
        run: bad.len() + good.len(),
        failures,
    }
}

/// An example on one line, shortened.
fn quoted(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = line.chars().take(80).collect();
    if short.len() < line.len() {
        format!("“{short}…”")
    } else {
        format!("“{short}”")
    }
}
