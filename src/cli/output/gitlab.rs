//! GitLab Code Quality: a JSON array of Code Climate issues, shown in the
//! merge request widget and diff. GitLab compares reports between the
//! branches by `fingerprint`, so it must not change when unrelated copy
//! moves a finding to another line (see `FileReport::fingerprints`).

use std::io::{self, Write};

use copydesk::Severity;
use serde_json::{json, Value};

use super::{fingerprint, report_path, CheckReport};

pub(super) fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let mut issues: Vec<Value> = Vec::new();
    for file in &report.files {
        let path = report_path(&file.path);
        for (l, fingerprint) in file.located().zip(file.fingerprints()) {
            let f = l.finding;
            issues.push(json!({
                "type": "issue",
                "check_name": f.rule,
                "description": f.message,
                "categories": ["Style"],
                "severity": severity(f.severity),
                "fingerprint": fingerprint,
                "location": {
                    "path": path,
                    "positions": {
                        "begin": { "line": l.line, "column": l.column },
                        "end": { "line": l.end_line, "column": l.end_column },
                    },
                },
            }));
        }
    }
    for error in &report.errors {
        let path = report_path(&error.path);
        issues.push(json!({
            "type": "issue",
            "check_name": "io",
            "description": format!("not linted: {}", error.message),
            "categories": ["Bug Risk"],
            "severity": "major",
            "fingerprint": fingerprint(&[&path, "io"]),
            "location": { "path": path, "lines": { "begin": 1 } },
        }));
    }
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

/// Code Quality severities are info, minor, major, critical and blocker.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info | Severity::Hint => "info",
    }
}
