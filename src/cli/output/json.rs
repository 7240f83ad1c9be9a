//! One JSON document: `{"findings": [...], "errors": [...]}`. Offsets are
//! bytes into the file; lines and columns are 1-based, columns in characters.

use std::io::{self, Write};

use copydesk::Severity;
use serde::Serialize;

use super::CheckReport;

/// The document. Serialized from borrowed structs rather than a
/// `serde_json::Value` tree, which would cost a map and a copy of every
/// string per finding; fields stay in alphabetical order, the order the
/// format has had.
#[derive(Serialize)]
struct Document<'r> {
    errors: Vec<Error<'r>>,
    findings: Vec<Finding<'r>>,
}

#[derive(Serialize)]
struct Error<'r> {
    message: &'r str,
    path: &'r str,
}

#[derive(Serialize)]
struct Finding<'r> {
    column: usize,
    end: usize,
    end_column: usize,
    end_line: usize,
    fixes: Vec<Fix<'r>>,
    line: usize,
    message: &'r str,
    path: &'r str,
    rule: &'r str,
    severity: Severity,
    start: usize,
    text: &'r str,
}

#[derive(Serialize)]
struct Fix<'r> {
    edits: Vec<Edit<'r>>,
    safe: bool,
    title: &'r str,
}

#[derive(Serialize)]
struct Edit<'r> {
    end: usize,
    replacement: &'r str,
    start: usize,
}

pub(super) fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let mut findings = Vec::new();
    for file in &report.files {
        for l in file.located() {
            let f = l.finding;
            findings.push(Finding {
                column: l.column,
                end: f.span.end,
                end_column: l.end_column,
                end_line: l.end_line,
                fixes: f
                    .fixes
                    .iter()
                    .map(|fix| Fix {
                        edits: fix
                            .edits
                            .iter()
                            .map(|e| Edit {
                                end: e.span.end,
                                replacement: &e.replacement,
                                start: e.span.start,
                            })
                            .collect(),
                        safe: fix.safe,
                        title: &fix.title,
                    })
                    .collect(),
                line: l.line,
                message: &f.message,
                path: &file.path,
                rule: f.rule,
                severity: f.severity,
                start: f.span.start,
                text: file.source.get(f.span.clone()).unwrap_or(""),
            });
        }
    }
    let errors = report
        .errors
        .iter()
        .map(|e| Error {
            message: &e.message,
            path: &e.path,
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &Document { errors, findings })?;
    writeln!(out)
}
