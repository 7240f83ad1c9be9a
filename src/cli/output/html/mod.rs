//! `--format html`: one self-contained page for a desk editor, each story
//! with its findings marked in place as a copy editor marks a proof.
//!
//! The page loads nothing: its style sheet (`report.css`) and script
//! (`report.js`) are written into it, allowed by hash in its own
//! Content-Security-Policy (`csp.rs`), so it works opened from disk or as a
//! CI artifact. Every piece of copy goes through `escape.rs`; the text and
//! its marks are drawn by `marks.rs`, a story and its notes by `story.rs`,
//! the counts and chart by `summary.rs`, the filters by `filters.rs`.

mod csp;
mod escape;
mod filters;
mod marks;
mod story;
mod summary;

use std::io::{self, Write};

use escape::Text;
use summary::Tally;

use super::CheckReport;

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// The element id of the story at `index` in the run.
fn story_id(index: usize) -> String {
    format!("s{index}")
}

/// "1 story", "2 stories".
fn stories(n: usize) -> String {
    if n == 1 {
        "1 story".to_string()
    } else {
        format!("{n} stories")
    }
}

pub(super) fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let tally = Tally::of(report.files.iter().flat_map(|f| &f.findings));
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"copydesk {}\">\n\
         <title>copydesk: {} in {}</title>\n<style>{STYLE}</style></head>",
        csp::policy(STYLE, SCRIPT),
        env!("CARGO_PKG_VERSION"),
        super::plural(tally.total(), "finding"),
        stories(report.files.len()),
    )?;
    writeln!(
        out,
        "<body><a class=\"skip\" href=\"#main\">Skip to the stories</a>\n\
         <header><h1>copydesk report</h1></header>"
    )?;
    filters::write(&tally, out)?;
    writeln!(out, "<main id=\"main\">")?;
    summary::write(report, &tally, out)?;

    let mut next_id = 0;
    if tally.total() > 0 {
        writeln!(
            out,
            "<section aria-labelledby=\"stories-h\"><h2 id=\"stories-h\">Stories with findings</h2>"
        )?;
        for (index, file) in report.files.iter().enumerate() {
            if !file.findings.is_empty() {
                let cap = story::CAP.min(story::PAGE_CAP - next_id);
                story::write(file, index, next_id, cap, out)?;
                next_id += file.findings.len().min(cap);
            }
        }
        writeln!(out, "</section>")?;
    }
    write_clean(report, out)?;
    write_errors(report, out)?;
    writeln!(
        out,
        "</main>\n<div id=\"tip\" role=\"tooltip\" hidden></div>\n<footer><p>Written by copydesk {}. \
         Hover over or tab to a mark for its note; the filters' state is in the address, to share.</p>\
         </footer>\n<script>{SCRIPT}</script></body></html>",
        env!("CARGO_PKG_VERSION")
    )
}

fn write_clean(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let clean: Vec<&str> = report
        .files
        .iter()
        .filter(|f| f.findings.is_empty())
        .map(|f| f.path.as_str())
        .collect();
    if clean.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section class=\"clean\" aria-labelledby=\"clean-h\"><h2 id=\"clean-h\">Clean stories ({})</h2><ul>",
        clean.len()
    )?;
    for path in clean {
        writeln!(
            out,
            "<li><span class=\"ok\">✓ clean</span> {}</li>",
            Text(path)
        )?;
    }
    writeln!(out, "</ul></section>")
}

fn write_errors(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    if report.errors.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section class=\"errors\" aria-labelledby=\"errors-h\"><h2 id=\"errors-h\">Files not read ({})</h2><ul>",
        report.errors.len()
    )?;
    for error in &report.errors {
        writeln!(
            out,
            "<li><span class=\"err\">✗ not read</span> {}: {}</li>",
            Text(&error.path),
            Text(&error.message)
        )?;
    }
    writeln!(out, "</ul></section>")
}
