//! SARIF 2.1.0: the static-analysis interchange format GitHub code
//! scanning, Azure DevOps and SARIF viewers read. One run, with every rule's
//! metadata and help text, results with regions (columns in Unicode code
//! points, as the run's `columnKind` says), safe fixes as SARIF `fixes`, and
//! files that could not be linted as tool execution notifications.

use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use copydesk::rules::{self, RuleMeta, DOCS_BASE};
use copydesk::{Edit, LineIndex, Severity};
use serde_json::{json, Value};

use super::{report_path, CheckReport};

/// The `$schema` of the document: the OASIS schema it validates against.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Relative artifact URIs are relative to this base, which the run maps to
/// the working directory. GitHub code scanning understands the name.
const SRCROOT: &str = "%SRCROOT%";

pub(super) fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let catalogue: Vec<&RuleMeta> = rules::catalogue().collect();
    let descriptors: Vec<Value> = catalogue.iter().map(|r| descriptor(r)).collect();

    let mut results = Vec::new();
    for file in &report.files {
        let index = LineIndex::new(&file.source);
        let location = artifact_location(&file.path);
        for (l, fingerprint) in file.located().zip(file.fingerprints()) {
            let f = l.finding;
            let mut region = json!({
                "startLine": l.line,
                "startColumn": l.column,
                "endLine": l.end_line,
                "endColumn": l.end_column,
            });
            region["snippet"] = json!({ "text": file.flagged(f) });
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": { "artifactLocation": location, "region": region },
                }],
                "partialFingerprints": { "copydesk/v1": fingerprint },
            });
            if let Some(i) = catalogue.iter().position(|r| r.id == f.rule) {
                result["ruleIndex"] = json!(i);
            }
            // Only safe fixes: a SARIF consumer may apply them unattended,
            // and the others need the writer's judgement.
            let fixes: Vec<Value> = f
                .fixes
                .iter()
                .filter(|fix| fix.safe)
                .map(|fix| {
                    let replacements: Vec<Value> = fix
                        .edits
                        .iter()
                        .map(|edit| replacement(&index, &file.source, edit))
                        .collect();
                    json!({
                        "description": { "text": fix.title },
                        "artifactChanges": [{ "artifactLocation": location, "replacements": replacements }],
                    })
                })
                .collect();
            if !fixes.is_empty() {
                result["fixes"] = Value::Array(fixes);
            }
            results.push(result);
        }
    }

    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": e.message },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact_location(&e.path) } }],
            })
        })
        .collect();

    let mut run = json!({
        "tool": {
            "driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": information_uri(),
                "rules": descriptors,
            }
        },
        "invocations": [{
            "executionSuccessful": report.errors.is_empty(),
            "toolExecutionNotifications": notifications,
        }],
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(root) = working_directory_uri() {
        run["originalUriBaseIds"] = json!({ SRCROOT: { "uri": root } });
    }
    let log = json!({ "$schema": SCHEMA, "version": "2.1.0", "runs": [run] });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// A rule's `reportingDescriptor`: the summary as the short description,
/// the explanation as the full one, and the whole documentation page
/// (`copydesk explain`) as help.
fn descriptor(meta: &RuleMeta) -> Value {
    let help = meta.to_markdown();
    json!({
        "id": meta.id,
        "name": meta.name(),
        "shortDescription": { "text": meta.summary },
        "fullDescription": { "text": meta.explanation.trim(), "markdown": meta.explanation.trim() },
        "help": { "text": help, "markdown": help },
        "helpUri": meta.doc_url(),
        "defaultConfiguration": { "level": level(meta.severity) },
        "properties": { "tags": ["prose", meta.family()], "convention": meta.convention },
    })
}

/// SARIF has no "hint" or "info": both are notes.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn replacement(index: &LineIndex, source: &str, edit: &Edit) -> Value {
    let mut value = json!({ "deletedRegion": region(index, source, &edit.span) });
    // An absent insertedContent is a deletion.
    if !edit.replacement.is_empty() {
        value["insertedContent"] = json!({ "text": edit.replacement });
    }
    value
}

fn region(index: &LineIndex, source: &str, span: &Range<usize>) -> Value {
    let (start_line, start_column) = index.line_col(source, span.start);
    let (end_line, end_column) = index.line_col(source, span.end);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    })
}

/// The project page: the rule documentation's repository.
fn information_uri() -> &'static str {
    DOCS_BASE.split("/blob/").next().unwrap_or(DOCS_BASE)
}

/// A relative path becomes a relative URI against `%SRCROOT%`, which is how
/// GitHub matches results to the repository's files; an absolute path
/// becomes a `file:` URI.
fn artifact_location(path: &str) -> Value {
    if Path::new(path).is_absolute() {
        json!({ "uri": file_uri(path) })
    } else {
        // `:` is escaped so that a first segment such as `a:b.md` is not read as a scheme.
        json!({ "uri": percent_encode(&report_path(path), false), "uriBaseId": SRCROOT })
    }
}

fn working_directory_uri() -> Option<String> {
    let dir = std::env::current_dir().ok()?;
    let mut uri = file_uri(&dir.to_string_lossy());
    if !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

/// `file:///…` for an absolute path (a Windows drive letter keeps its colon).
fn file_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    format!("file://{}", percent_encode(&path, true))
}

/// Percent-encodes everything but unreserved characters and `/` (and `:`
/// when `keep_colon`), byte by byte, so non-ASCII names are UTF-8 escapes.
fn percent_encode(path: &str, keep_colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || (keep_colon && byte == b':');
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(
            artifact_location("./stories/a b.md")["uri"],
            "stories/a%20b.md"
        );
        assert_eq!(artifact_location("a:b.md")["uri"], "a%3Ab.md");
        assert_eq!(artifact_location("café.md")["uri"], "caf%C3%A9.md");
        assert_eq!(artifact_location("/tmp/x.md")["uri"], "file:///tmp/x.md");
        assert!(artifact_location("/tmp/x.md").get("uriBaseId").is_none());
        assert_eq!(file_uri("C:\\news\\a.md"), "file:///C:/news/a.md");
    }

    #[test]
    fn levels() {
        assert_eq!(level(Severity::Hint), "note");
        assert_eq!(level(Severity::Error), "error");
    }

    #[test]
    fn information_uri_is_the_repository() {
        assert!(!information_uri().contains("/blob/"));
        assert!(information_uri().starts_with("https://"));
    }
}
