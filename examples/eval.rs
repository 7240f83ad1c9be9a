//! Measures copydesk's judgement: precision and recall per rule and per family
//! on the labelled corpus (`tests/corpus/passages/`), findings per 1,000 words
//! on real copy (`../shared/corpora/`), and blind reviews of fresh samples.
//!
//! ```sh
//! cargo run --example eval                          # the labelled corpus and the real-copy rates
//! cargo run --example eval -- corpus                # the labelled corpus, with misses and false alarms
//! cargo run --example eval -- corpora               # real copy: rates per 1,000 words
//! cargo run --example eval -- check                 # real copy: fail below the floors (CI's step)
//! cargo run --example eval -- sample --seed N --round R [--per-family 40]
//!                                                   # draw a fresh sample for a blind reviewer
//! cargo run --example eval -- tally R               # the reviewer's verdicts of round R, per family and corpus
//! ```
//!
//! `tests/eval.rs` asserts the labelled corpus's floors; `check` asserts the
//! real copy's. A round lives in `tests/corpus/reviews/round-NN/`: `sample.md`
//! (what the reviewer sees: messages and context, no rule ids), `key.tsv`,
//! the reviewer's `verdicts.tsv` and the `tally.md` this writes.

#[path = "../tests/corpus/harness.rs"]
mod harness;

use std::process::ExitCode;

use harness::blind;

const USAGE: &str = "usage: cargo run --example eval [-- corpus|corpora|check|sample --seed N --round R [--per-family N]|tally R]";

/// The value after `--name` in `args`.
fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let what = args.first().map_or("all", String::as_str);
    match what {
        "all" | "corpus" | "corpora" => {
            if what != "corpora" {
                let ev = harness::evaluate(&harness::load_corpus());
                println!("{}", harness::render_evaluation(&ev, true));
            }
            if what != "corpus" {
                let stats = harness::lint_corpora(&harness::load_corpora());
                println!("{}", stats.render());
            }
            ExitCode::SUCCESS
        }
        "check" => check(),
        "sample" => {
            let (Some(seed), Some(round)) = (
                flag(&args, "--seed").and_then(|s| s.parse::<u64>().ok()),
                flag(&args, "--round").and_then(|s| s.parse::<u32>().ok()),
            ) else {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            };
            let per_family = flag(&args, "--per-family")
                .and_then(|s| s.parse().ok())
                .unwrap_or(40);
            let all = blind::findings(&harness::load_corpora());
            let sample = blind::draw(&all, seed, per_family);
            let dir = blind::round_dir(round);
            if dir.join("verdicts.tsv").exists() {
                eprintln!(
                    "error: {} already has verdicts; a new measurement is a new round",
                    dir.display()
                );
                return ExitCode::FAILURE;
            }
            if let Err(e) = blind::write_round(&dir, seed, &sample) {
                eprintln!("error: {}: {e}", dir.display());
                return ExitCode::FAILURE;
            }
            println!(
                "{} findings (of {}) drawn with seed {seed} into {}",
                sample.len(),
                all.len(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        "tally" => {
            let Some(round) = args.get(1).and_then(|r| r.parse::<u32>().ok()) else {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            };
            let dir = blind::round_dir(round);
            let seed = std::fs::read_to_string(dir.join("sample.md"))
                .ok()
                .and_then(|s| {
                    s.split("(seed ")
                        .nth(1)
                        .and_then(|r| r.split(')').next())
                        .map(String::from)
                })
                .unwrap_or_else(|| "?".into());
            match blind::tally(&dir) {
                Ok(tally) => {
                    let table = blind::render_tally(&seed, &tally);
                    print!("{table}");
                    if let Err(e) = std::fs::write(dir.join("tally.md"), &table) {
                        eprintln!("error: {}: {e}", dir.display());
                        return ExitCode::FAILURE;
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The real-copy floors: every section read, editorializing far more frequent
/// on opinion than on reportage, and figure findings on business wire below
/// their ceiling.
fn check() -> ExitCode {
    let stats = harness::lint_corpora(&harness::load_corpora());
    let table = stats.render();
    println!("{table}");
    let mut failures = Vec::new();
    for section in harness::SECTIONS {
        if stats.words[section] <= 10_000 {
            failures.push(format!(
                "section `{section}` of the corpora is missing or truncated"
            ));
        }
    }
    let ratio = stats.opinion_ratio();
    if ratio < harness::OPINION_RATIO_FLOOR {
        failures.push(format!(
            "editorializing on editorials + reviews vs reportage is {ratio:.2}×, below the floor {}×",
            harness::OPINION_RATIO_FLOOR
        ));
    }
    let figures = stats.rate(&["reuters"], "figures");
    if figures > harness::REUTERS_FIGURES_CEILING {
        failures.push(format!(
            "figure findings on Reuters 1987 are {figures:.2} per 1,000 words, above the ceiling {}",
            harness::REUTERS_FIGURES_CEILING
        ));
    }
    if failures.is_empty() {
        println!(
            "real-copy checks passed: opinion ratio {ratio:.2}× (floor {}), Reuters figures {figures:.2} per 1,000 words (ceiling {})",
            harness::OPINION_RATIO_FLOOR,
            harness::REUTERS_FIGURES_CEILING
        );
        ExitCode::SUCCESS
    } else {
        for f in &failures {
            eprintln!("error: {f}");
        }
        ExitCode::FAILURE
    }
}
