//! Output formats of `copydesk check`, one file each.

mod compact;
mod json;
mod pretty;

use std::io::{self, Write};
use std::time::Duration;

use clap::ValueEnum;
use copydesk::{Finding, LineIndex, Severity};

/// How findings are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// rustc-style: the source line with the span underlined.
    Pretty,
    /// `path:line:col: severity: message [rule]`, one per line (editors' quickfix lists).
    Compact,
    /// One JSON document with findings and errors.
    Json,
}

/// The findings of one file.
pub(crate) struct FileReport {
    pub path: String,
    pub source: String,
    pub findings: Vec<Finding>,
}

/// A file or argument that could not be linted.
pub(crate) struct FileError {
    pub path: String,
    pub message: String,
}

/// Everything one `check` run produced.
#[derive(Default)]
pub(crate) struct CheckReport {
    pub files: Vec<FileReport>,
    pub errors: Vec<FileError>,
    pub elapsed: Duration,
}

/// A finding with its 1-based line and character column range.
pub(crate) struct Located<'r> {
    pub finding: &'r Finding,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl FileReport {
    /// The findings of the file with line and column positions.
    pub fn located(&self) -> impl Iterator<Item = Located<'_>> {
        let index = LineIndex::new(&self.source);
        self.findings.iter().map(move |finding| {
            let (line, column) = index.line_col(&self.source, finding.span.start);
            let (end_line, end_column) = index.line_col(&self.source, finding.span.end);
            Located { finding, line, column, end_line, end_column }
        })
    }
}

impl CheckReport {
    /// "12 findings (2 errors, 10 warnings) in 3 files, 1 error, 0.01s".
    pub fn summary(&self) -> String {
        let all: Vec<&Finding> = self.files.iter().flat_map(|f| &f.findings).collect();
        let mut parts = Vec::new();
        for severity in [Severity::Error, Severity::Warning, Severity::Info, Severity::Hint] {
            let n = all.iter().filter(|f| f.severity == severity).count();
            if n > 0 {
                parts.push(plural(n, severity.as_str()));
            }
        }
        let breakdown = if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) };
        let errors = if self.errors.is_empty() { String::new() } else { format!(", {} not linted", plural(self.errors.len(), "file")) };
        format!(
            "{}{breakdown} in {}{errors} ({:.2}s)",
            plural(all.len(), "finding"),
            plural(self.files.len(), "file"),
            self.elapsed.as_secs_f64()
        )
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Writes the report in `format`.
pub(crate) fn write(format: Format, report: &CheckReport, color: bool, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Pretty => pretty::write(report, color, out),
        Format::Compact => compact::write(report, out),
        Format::Json => json::write(report, out),
    }
}
