//! Output formats of `copydesk check`, one file each: three for people
//! (pretty, compact, and the html page, a folder of its own) and the ones
//! CI systems read (json, sarif, github, checkstyle, gitlab).

mod checkstyle;
mod compact;
mod github;
mod gitlab;
mod html;
mod json;
mod pretty;
mod sarif;

use std::borrow::Cow;
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
    /// SARIF 2.1.0 (GitHub code scanning, Azure DevOps, IDE viewers).
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// Checkstyle XML (reviewdog, Jenkins warnings-ng).
    Checkstyle,
    /// GitLab Code Quality JSON (merge request widget).
    Gitlab,
    /// One self-contained HTML page: each story with its findings marked in place.
    Html,
}

impl Format {
    /// Formats read by programs rather than people. Nothing but the report
    /// goes to a terminal when one of them is chosen: no progress bar.
    pub fn is_machine(self) -> bool {
        !matches!(self, Format::Pretty | Format::Compact | Format::Html)
    }
}

/// The findings of one file.
pub(crate) struct FileReport {
    /// The path as given on the command line or found by the walk.
    pub path: String,
    /// The text the findings point into (after fixes, with `--fix`).
    pub source: String,
    /// Findings in source order.
    pub findings: Vec<Finding>,
}

/// A file or argument that could not be linted.
pub(crate) struct FileError {
    /// The path as given, or as found by the walk.
    pub path: String,
    /// What went wrong, in words a reporter can act on.
    pub message: String,
}

/// Everything one `check` run produced.
#[derive(Default)]
pub(crate) struct CheckReport {
    /// Files that were linted, in input order.
    pub files: Vec<FileReport>,
    /// Files and arguments that could not be linted (or fixed).
    pub errors: Vec<FileError>,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
    /// With `--fix`: how many findings were fixed, in how many files.
    pub fixed: Option<(usize, usize)>,
}

/// A finding with its 1-based line and character column range.
pub(crate) struct Located<'r> {
    pub finding: &'r Finding,
    /// Where the flagged text starts.
    pub line: usize,
    pub column: usize,
    /// Just past the flagged text.
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
            Located {
                finding,
                line,
                column,
                end_line,
                end_column,
            }
        })
    }

    /// The text a finding flags.
    pub fn flagged(&self, finding: &Finding) -> &str {
        self.source.get(finding.span.clone()).unwrap_or("")
    }

    /// A stable identity for each finding, in the order of `findings`, for
    /// CI systems that track findings from one commit to the next (GitLab
    /// Code Quality, SARIF `partialFingerprints`).
    ///
    /// It hashes the path, the rule, the flagged text (whitespace runs
    /// folded, so re-wrapping a paragraph keeps it) and which occurrence of
    /// that text the finding is among the file's findings of that rule —
    /// and not line numbers, so a finding keeps its identity when unrelated
    /// copy is added above it.
    pub fn fingerprints(&self) -> Vec<String> {
        let path = report_path(&self.path);
        let mut seen: Vec<(&str, String, usize)> = Vec::new();
        self.findings
            .iter()
            .map(|finding| {
                let text = fold_whitespace(self.flagged(finding));
                let occurrence = match seen
                    .iter_mut()
                    .find(|(rule, t, _)| *rule == finding.rule && *t == text)
                {
                    Some(entry) => {
                        entry.2 += 1;
                        entry.2
                    }
                    None => {
                        seen.push((finding.rule, text.clone(), 0));
                        0
                    }
                };
                fingerprint(&[&path, finding.rule, &text, &occurrence.to_string()])
            })
            .collect()
    }
}

impl CheckReport {
    /// "12 findings (2 errors, 10 warnings) in 3 files, 1 file not linted (0.01s)".
    pub fn summary(&self) -> String {
        let all: Vec<&Finding> = self.files.iter().flat_map(|f| &f.findings).collect();
        let mut parts = Vec::new();
        for severity in [
            Severity::Error,
            Severity::Warning,
            Severity::Info,
            Severity::Hint,
        ] {
            let n = all.iter().filter(|f| f.severity == severity).count();
            if n > 0 {
                parts.push(plural(n, severity.as_str()));
            }
        }
        let breakdown = if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join(", "))
        };
        let errors = if self.errors.is_empty() {
            String::new()
        } else {
            format!(", {} not linted", plural(self.errors.len(), "file"))
        };
        let fixed = match self.fixed {
            Some((findings, files)) => format!(
                "; fixed {} in {}",
                plural(findings, "finding"),
                plural(files, "file")
            ),
            None => String::new(),
        };
        format!(
            "{}{breakdown} in {}{errors}{fixed} ({:.2}s)",
            plural(all.len(), "finding"),
            plural(self.files.len(), "file"),
            self.elapsed.as_secs_f64()
        )
    }
}

/// "1 file", "2 files".
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A path as CI systems want it: forward slashes, no leading `./` (they
/// match paths against the repository's files).
pub(crate) fn report_path(path: &str) -> String {
    let mut path = path.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.trim_start_matches('/').to_string();
    }
    path
}

/// Folds each run of whitespace to one space: a message or flagged text that
/// spans a line break still fits on one line.
pub(crate) fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A message on one line, for the line-oriented formats.
pub(crate) fn one_line(message: &str) -> Cow<'_, str> {
    if message.contains(['\n', '\r']) {
        Cow::Owned(fold_whitespace(message))
    } else {
        Cow::Borrowed(message)
    }
}

/// FNV-1a, 128 bits, over the parts separated by NUL, as 32 hex digits.
/// Hand-rolled because the value must never change between releases or
/// platforms (std's hashers promise neither), and a dependency for twenty
/// lines is not worth it; collisions only need to be unlikely among one
/// repository's findings.
pub(crate) fn fingerprint(parts: &[&str]) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013b;
    let mut hash = OFFSET;
    // Each part ends with a NUL, so ("ab", "c") and ("a", "bc") differ.
    for byte in parts.iter().flat_map(|p| p.bytes().chain([0])) {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    format!("{hash:032x}")
}

/// Options every format may use.
pub(crate) struct Style {
    /// ANSI colour in the pretty format.
    pub color: bool,
    /// No summary line.
    pub quiet: bool,
}

/// Writes the report in `format`. The pretty format ends with the summary
/// (unless quiet); the caller prints it to standard error for the others.
pub(crate) fn write(
    format: Format,
    report: &CheckReport,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Pretty => pretty::write(report, style, out),
        Format::Compact => compact::write(report, out),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out),
        Format::Github => github::write(report, out),
        Format::Checkstyle => checkstyle::write(report, out),
        Format::Gitlab => gitlab::write(report, out),
        Format::Html => html::write(report, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_fixed_values() {
        // Pinned: a change here silently re-opens every finding that GitLab
        // or GitHub had already seen. Change it only on purpose.
        assert_eq!(fingerprint(&[]), "6c62272e07bb014262b821756295c58d");
        // The same value computed independently (Python, FNV-1a 128 by the book).
        assert_eq!(
            fingerprint(&["a.md", "attribution/weasel-attribution", "Critics say", "0"]),
            "6878c6b70a051aa68808648376175400"
        );
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
    }

    #[test]
    fn paths_and_messages_for_ci() {
        assert_eq!(report_path("./stories/a.md"), "stories/a.md");
        assert_eq!(report_path(".//a.md"), "a.md");
        assert_eq!(report_path("stories\\a.md"), "stories/a.md");
        assert_eq!(one_line("“desperate\nto” states"), "“desperate to” states");
        assert_eq!(one_line("plain"), "plain");
    }
}
