//! One JSON document: `{"findings": [...], "errors": [...]}`. Offsets are
//! bytes into the file; lines and columns are 1-based, columns in characters.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::CheckReport;

pub(super) fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let mut findings = Vec::new();
    for file in &report.files {
        for l in file.located() {
            let f = l.finding;
            let fixes: Vec<Value> = f
                .fixes
                .iter()
                .map(|fix| {
                    let edits: Vec<Value> = fix
                        .edits
                        .iter()
                        .map(|e| json!({"start": e.span.start, "end": e.span.end, "replacement": e.replacement}))
                        .collect();
                    json!({"title": fix.title, "safe": fix.safe, "edits": edits})
                })
                .collect();
            findings.push(json!({
                "path": file.path,
                "rule": f.rule,
                "severity": f.severity,
                "message": f.message,
                "start": f.span.start,
                "end": f.span.end,
                "line": l.line,
                "column": l.column,
                "end_line": l.end_line,
                "end_column": l.end_column,
                "text": file.source.get(f.span.clone()).unwrap_or(""),
                "fixes": fixes,
            }));
        }
    }
    let errors: Vec<Value> = report
        .errors
        .iter()
        .map(|e| json!({"path": e.path, "message": e.message}))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &json!({"findings": findings, "errors": errors}))?;
    writeln!(out)
}
