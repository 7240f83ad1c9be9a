//! Measures copydesk's judgement: precision and recall per rule and per family
//! on the labelled corpus (`tests/corpus/passages/`), findings per 1,000 words
//! on real copy (`../shared/corpora/`), and the review sample of news findings.
//!
//! ```sh
//! cargo run --example eval                # everything
//! cargo run --example eval -- corpus      # the labelled corpus, with misses and false alarms
//! cargo run --example eval -- corpora     # real copy: rates per 1,000 words and the ratio
//! cargo run --example eval -- sample      # the 100-finding review sample as REVIEW.md rows
//! cargo run --example eval -- review      # each sample finding with its whole paragraph, for reviewing
//! ```
//!
//! `tests/eval.rs` asserts the floors; this prints the detail behind them.

#[path = "../tests/corpus/harness.rs"]
mod harness;

fn main() {
    let what = std::env::args().nth(1).unwrap_or_else(|| "all".to_string());
    if !["all", "corpus", "corpora", "sample", "review"].contains(&what.as_str()) {
        eprintln!("usage: cargo run --example eval [-- all|corpus|corpora|sample|review]");
        std::process::exit(2);
    }
    if what == "all" || what == "corpus" {
        let passages = harness::load_corpus();
        let ev = harness::evaluate(&passages);
        println!("{}", harness::render_evaluation(&ev, true));
    }
    if what == "review" {
        let stats = harness::lint_corpora(&harness::load_corpora());
        let review = harness::load_review();
        for f in stats.sample(100) {
            let verdict = review.get(&f.key).map_or("unreviewed", |v| match v {
                harness::Verdict::Accept => "accept",
                harness::Verdict::Reject => "reject",
            });
            println!(
                "### `{:016x}` {} — {} ({verdict})\n\n{}\n",
                f.key, f.rule, f.doc, f.paragraph
            );
        }
        return;
    }
    if what == "all" || what == "corpora" || what == "sample" {
        let docs = harness::load_corpora();
        let stats = harness::lint_corpora(&docs);
        if what != "sample" {
            println!("{}", stats.render());
        }
        let sample = stats.sample(100);
        let review = harness::load_review();
        let status = harness::review_status(&sample, &review);
        println!(
            "## Review sample: {} news findings (of {}); accepted {}, rejected {}, unreviewed {}\n",
            sample.len(),
            stats.news_findings.len(),
            status.accepted,
            status.rejected,
            status.unreviewed.len()
        );
        println!("{}", harness::render_sample(&sample, &review));
    }
}
