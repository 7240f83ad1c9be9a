//! `copydesk check` in CI: every output format on a sample of several files
//! (one not UTF-8, one missing), `--fix` and `--diff`, `--select` and
//! `--ignore`, `--quiet`, the summary line and the progress bar.

mod cli_support;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use cli_support::*;
use serde_json::Value;

/// Every format on the sample: the files that can be read are linted, the
/// two that cannot are reported by name, and the exit status is 2.
#[test]
fn every_format_reports_findings_and_errors_and_exits_2() {
    let dir = temp_dir();
    let paths = sample(dir.path());
    for format in [
        "pretty",
        "compact",
        "json",
        "sarif",
        "github",
        "checkstyle",
        "gitlab",
        "html",
    ] {
        let mut args = vec!["check", "--format", format, "--color", "never"];
        args.extend(&paths);
        let out = run_in(dir.path(), &args);
        let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(2), "{format}: {all}");
        for name in ["latin1.md", "missing.md"] {
            assert!(all.contains(name), "{format} does not report {name}: {all}");
        }
        for expected in ["UTF-8", "no such file"] {
            assert!(all.contains(expected), "{format}: {all}");
        }
        assert!(
            text(&out.stdout).contains("editorializing/said-synonym"),
            "{format}: {all}"
        );
    }
}

/// The families of the marks of an HTML report, in page order, and of the
/// findings of the JSON report of the same run.
fn html_and_json_families(dir: &Path, args: &[&str]) -> (Vec<String>, Vec<String>, Option<i32>) {
    let mut html_args = vec!["check", "--format", "html"];
    html_args.extend_from_slice(args);
    let out = run_in(dir, &html_args);
    let page = text(&out.stdout);
    assert!(
        page.starts_with("<!DOCTYPE html>"),
        "{args:?}: {}",
        text(&out.stderr)
    );
    // Each finding's one head mark: `<mark id="f0" data-f="0" data-n="1" data-fam="…"`.
    let marks = page
        .split("<mark id=\"f")
        .skip(1)
        .map(|m| {
            let family = m.split("data-fam=\"").nth(1).unwrap_or_default();
            family.split('"').next().unwrap_or_default().to_string()
        })
        .collect();
    let json = json_report(dir, args);
    let findings = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let rule = f["rule"].as_str().unwrap_or_default();
            rule.split('/').next().unwrap_or_default().to_string()
        })
        .collect();
    (marks, findings, out.status.code())
}

/// `--format html` marks what the JSON format reports, whatever selects the
/// rules (`--select`, `--ignore`, a copydesk.toml, a suppression), and exits
/// as every format does under each `--fail-on`.
#[test]
fn html_follows_selection_configuration_suppressions_and_fail_on() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("story.md"), STORY).expect("write");
    std::fs::write(dir.path().join("clean.md"), CLEAN).expect("write");
    let suppressed = format!("<!-- copydesk-disable editorializing -->\n{STORY}");
    std::fs::write(dir.path().join("suppressed.md"), suppressed).expect("write");
    let files = ["story.md", "clean.md", "suppressed.md"];
    let mut families_seen = BTreeSet::new();
    for options in [
        &[][..],
        &["--select", "figures"],
        &["--ignore", "editorializing,style"],
        &["--select", "editorializing/said-synonym"],
    ] {
        let args: Vec<&str> = options.iter().chain(&files).copied().collect();
        let (marks, findings, status) = html_and_json_families(dir.path(), &args);
        assert!(!marks.is_empty(), "{args:?}");
        assert_eq!(marks.len(), findings.len(), "{args:?}");
        let sorted = |v: &[String]| {
            let mut v = v.to_vec();
            v.sort();
            v
        };
        assert_eq!(sorted(&marks), sorted(&findings), "{args:?}");
        assert_eq!(status, Some(1), "warnings fail by default: {args:?}");
        families_seen.extend(marks);
    }
    assert!(families_seen.len() >= 2, "{families_seen:?}");
    // The suppressed copy of the story has no editorializing marks.
    let (alone, _, _) = html_and_json_families(dir.path(), &["suppressed.md"]);
    assert!(!alone.iter().any(|f| f == "editorializing"), "{alone:?}");
    // A copydesk.toml that turns families off is read as for every format.
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[rules]\neditorializing = \"off\"\nattribution = \"off\"\n",
    )
    .expect("write");
    let (configured, findings, _) = html_and_json_families(dir.path(), &files);
    assert_eq!(configured.len(), findings.len());
    assert!(!configured.is_empty());
    assert!(
        configured
            .iter()
            .all(|f| f != "editorializing" && f != "attribution"),
        "{configured:?}"
    );
    // Exit status: the same as the JSON format's under every --fail-on.
    for fail_on in ["hint", "info", "warning", "error", "never"] {
        let status = |format: &str| {
            run_in(
                dir.path(),
                &[
                    "check",
                    "--format",
                    format,
                    "--fail-on",
                    fail_on,
                    "story.md",
                ],
            )
            .status
            .code()
        };
        assert_eq!(status("html"), status("json"), "--fail-on {fail_on}");
    }
    let never = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "html",
            "--fail-on",
            "never",
            "story.md",
        ],
    );
    assert_eq!(never.status.code(), Some(0));
    let missing = run_in(
        dir.path(),
        &["check", "--format", "html", "--fail-on", "never", "nope.md"],
    );
    assert_eq!(missing.status.code(), Some(2), "an unreadable file exits 2");
    assert!(text(&missing.stdout).contains("nope.md"));
}

/// The findings of the sample, from the JSON format: (path, rule, line, column, message).
fn reference_findings(dir: &Path, paths: &[&str]) -> Vec<(String, String, u64, u64, String)> {
    let report = json_report(dir, paths);
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default().to_string(),
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn sarif_is_valid_and_carries_rules_regions_fixes_and_errors() {
    let dir = temp_dir();
    let paths = sample(dir.path());
    let mut args = vec!["check", "--format", "sarif"];
    args.extend(&paths);
    let out = run_in(dir.path(), &args);
    let document = text(&out.stdout);
    if let Err(errors) = validate_sarif(&document) {
        panic!("SARIF output is not valid SARIF 2.1.0:\n{errors}\n{document}");
    }
    let sarif: Value = serde_json::from_str(&document).expect("JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");

    // Rule metadata: every rule, with its documentation.
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let listed = text(&run_in(dir.path(), &["rules", "--format", "json"]).stdout);
    let catalogue: Value = serde_json::from_str(&listed).expect("rules JSON");
    assert_eq!(rules.len(), catalogue.as_array().map_or(0, Vec::len));
    let said = rules
        .iter()
        .find(|r| r["id"] == "editorializing/said-synonym")
        .expect("said-synonym descriptor");
    assert!(said["shortDescription"]["text"]
        .as_str()
        .is_some_and(|t| t.contains("synonym")));
    assert!(said["help"]["markdown"]
        .as_str()
        .is_some_and(|t| t.contains("**Flagged:**")));
    assert!(said["helpUri"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://")));
    assert_eq!(said["defaultConfiguration"]["level"], "warning");

    // Results: the same findings as the JSON format, same positions.
    let results = run["results"].as_array().expect("results");
    let reference = reference_findings(dir.path(), &paths);
    assert_eq!(results.len(), reference.len());
    for (result, (path, rule, line, column, message)) in results.iter().zip(&reference) {
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"]
            .as_str()
            .unwrap_or_default();
        let expected_uri = path
            .replace(' ', "%20")
            .replace(',', "%2C")
            .replace(':', "%3A");
        assert_eq!(uri, expected_uri);
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert_eq!(result["ruleId"], rule.as_str());
        assert_eq!(result["message"]["text"], message.as_str());
        assert_eq!(location["region"]["startLine"].as_u64(), Some(*line));
        assert_eq!(location["region"]["startColumn"].as_u64(), Some(*column));
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], rule.as_str());
    }
    // Only safe fixes: "claimed" → "said" is offered, "regime" → "government" is not.
    let fix_of = |rule: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == rule)
            .map(|r| r.get("fixes").cloned())
    };
    let said_fix = fix_of("editorializing/said-synonym")
        .flatten()
        .expect("said fix");
    let replacement = &said_fix[0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "said");
    assert_eq!(replacement["deletedRegion"]["startLine"], 4);
    assert_eq!(fix_of("editorializing/contentious-label"), Some(None));
    // The two files that could not be read.
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notes.len(), 2);
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
}

/// The validator the SARIF test relies on really rejects an invalid log.
#[test]
fn the_sarif_validator_rejects_an_invalid_log() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("a.md"), "It was very cold, critics say.\n").expect("write");
    let out = run_in(dir.path(), &["check", "--format", "sarif", "a.md"]);
    let mut sarif: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(validate_sarif(&sarif.to_string()).is_ok());
    sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(validate_sarif(&sarif.to_string()).is_err());
    let mut sarif: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] = Value::from("not a uri");
    assert!(validate_sarif(&sarif.to_string()).is_err());
}

#[test]
fn github_annotations_are_escaped() {
    let dir = temp_dir();
    let paths = sample(dir.path());
    let mut args = vec!["check", "--format", "github"];
    args.extend(&paths);
    let out = run_in(dir.path(), &args);
    let lines: Vec<String> = text(&out.stdout).lines().map(str::to_string).collect();
    let reference = reference_findings(dir.path(), &paths);
    assert_eq!(lines.len(), reference.len() + 2, "{lines:#?}");
    // A comma and a colon in a file name would end the property early.
    assert!(lines.iter().any(|l| l.starts_with(
        "::warning file=notes%2C draft%3A 2.txt,line=1,col=1,endLine=1,endColumn=12,title=attribution/weasel-attribution::"
    )), "{lines:#?}");
    // "%" in a message is escaped; so is a line break ("desperate\nto").
    assert!(lines.iter().any(|l| l.contains("(“60%25”)")), "{lines:#?}");
    assert!(
        lines.iter().any(|l| l.contains("“desperate%0Ato”")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::notice file=story.md,")),
        "{lines:#?}"
    );
    assert!(lines.iter().any(
        |l| l.starts_with("::error file=latin1.md,title=copydesk::not linted: not valid UTF-8")
    ));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("::error file=missing.md,")));
    for (line, (_, rule, l, c, _)) in lines.iter().zip(&reference) {
        assert!(line.contains(&format!(",line={l},col={c},")), "{line}");
        assert!(line.contains(&format!(",title={rule}::")), "{line}");
    }
}

/// Checkstyle read back with a real XML parser (Python's): well-formed, and
/// each message round-trips exactly.
#[test]
fn checkstyle_is_well_formed_and_messages_round_trip() {
    let dir = temp_dir();
    let paths = sample(dir.path());
    let mut args = vec!["check", "--format", "checkstyle"];
    args.extend(&paths);
    let out = run_in(dir.path(), &args);
    let parsed = python(
        r#"
import json, sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
print(json.dumps([[f.get("name"), e.get("line"), e.get("column"), e.get("severity"), e.get("message"), e.get("source")]
                  for f in root.iter("file") for e in f.iter("error")]))
"#,
        &out.stdout,
    );
    let errors: Vec<Vec<String>> = serde_json::from_str(&parsed).expect("parsed checkstyle");
    let reference = reference_findings(dir.path(), &paths);
    assert_eq!(errors.len(), reference.len() + 2);
    for (error, (path, rule, line, column, message)) in errors.iter().zip(&reference) {
        assert_eq!(
            error[..],
            [
                path.clone(),
                line.to_string(),
                column.to_string(),
                error[3].clone(),
                message.clone(),
                rule.clone()
            ]
        );
        assert!(["error", "warning", "info"].contains(&error[3].as_str()));
    }
    assert!(errors
        .iter()
        .any(|e| e[0] == "latin1.md" && e[3] == "error" && e[5] == "io"));
    assert!(errors.iter().any(|e| e[4].contains("desperate\nto")));
}

#[test]
fn gitlab_code_quality_with_fingerprints_that_survive_unrelated_edits() {
    let dir = temp_dir();
    let paths = sample(dir.path());
    let report = |dir: &Path| -> Vec<Value> {
        let mut args = vec!["check", "--format", "gitlab"];
        args.extend(&paths);
        let out = run_in(dir, &args);
        serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("a JSON array")
    };
    let before = report(dir.path());
    let reference = reference_findings(dir.path(), &paths);
    assert_eq!(before.len(), reference.len() + 2);
    for issue in &before {
        for field in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[field].is_string(), "{field} missing: {issue}");
        }
        assert!(["info", "minor", "major", "critical", "blocker"]
            .contains(&issue["severity"].as_str().unwrap_or_default()));
        assert!(issue["location"]["path"].is_string());
        let line = issue["location"]["positions"]["begin"]["line"]
            .as_u64()
            .or(issue["location"]["lines"]["begin"].as_u64());
        assert!(line.is_some_and(|l| l >= 1), "{issue}");
    }
    let fingerprints = |issues: &[Value]| -> BTreeSet<String> {
        issues
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        fingerprints(&before).len(),
        before.len(),
        "fingerprints are unique"
    );

    // A paragraph added at the top moves every finding of story.md down two
    // lines and adds one finding; the others keep their fingerprints.
    std::fs::write(
        dir.path().join("story.md"),
        format!("It was a legendary night.\n\n{STORY}"),
    )
    .expect("write");
    let after = report(dir.path());
    assert_eq!(after.len(), before.len() + 1);
    let (old, new) = (fingerprints(&before), fingerprints(&after));
    assert!(
        old.is_subset(&new),
        "fingerprints changed with the line numbers"
    );
    let moved = |issues: &[Value]| {
        issues
            .iter()
            .find(|i| i["check_name"] == "editorializing/said-synonym")
            .map(|i| i["location"]["positions"]["begin"]["line"].clone())
    };
    assert_eq!(moved(&before), Some(Value::from(4)));
    assert_eq!(moved(&after), Some(Value::from(6)));
}

/// Two identical phrases get different fingerprints (the occurrence counts).
#[test]
fn repeated_findings_get_distinct_fingerprints() {
    let dir = temp_dir();
    std::fs::write(
        dir.path().join("a.md"),
        "It was very cold.\n\nIt was very cold.\n",
    )
    .expect("write");
    let out = run_in(dir.path(), &["check", "--format", "gitlab", "a.md"]);
    let issues: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(issues.len(), 2);
    assert_ne!(issues[0]["fingerprint"], issues[1]["fingerprint"]);
}

fn python(script: &str, input: &[u8]) -> String {
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 (run .ci/cli-setup)");
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        stdin.write_all(input).expect("write");
    }
    let out = child.wait_with_output().expect("python3");
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

// ---- --fix and --diff ------------------------------------------------------

/// Quotations in `text`, straight or curly.
fn quotations(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [('"', '"'), ('“', '”')] {
        let mut rest = text;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len_utf8()..];
            let Some(end) = after.find(close) else { break };
            out.push(after[..end].to_string());
            rest = &after[end + close.len_utf8()..];
        }
    }
    out
}

const QUOTED: &str =
    "\"It was a very shocking, tragic betrayal, and he clearly lied,\" she claimed.\n\n\
The mayor insisted: \"We are extremely proud of this so-called reform.\"\n\n\
“Critics say the regime is very, very corrupt,” he admitted. It was very late.\n";

#[test]
fn fix_applies_safe_fixes_only_never_inside_quotations_and_is_idempotent() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("story.md"), STORY).expect("write");
    std::fs::write(dir.path().join("quoted.md"), QUOTED).expect("write");
    std::fs::write(dir.path().join("clean.md"), CLEAN).expect("write");
    let first = run_in(dir.path(), &["check", "--fix", "--format", "compact", "."]);
    let story = std::fs::read_to_string(dir.path().join("story.md")).expect("read");
    let quoted = std::fs::read_to_string(dir.path().join("quoted.md")).expect("read");

    // Safe fixes applied …
    assert!(
        !story.contains("claimed") && !story.contains("insisted"),
        "{story}"
    );
    assert!(!story.contains("very long"), "{story}");
    assert!(
        story.contains("Council member Ray Dunn\nsaid that the plan"),
        "{story}"
    );
    // … fixes that need the writer's judgement not.
    assert!(
        story.contains("Unfortunately") && story.contains("regime"),
        "{story}"
    );
    assert!(!story.contains("[source]"), "{story}");
    // Outside the quotations the writer's words were fixed; inside, nothing moved.
    assert!(
        quoted.contains("she said.") && quoted.contains("It was late."),
        "{quoted}"
    );
    assert_eq!(quotations(&quoted), quotations(QUOTED));
    assert_eq!(quotations(QUOTED).len(), 3);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("clean.md")).expect("read"),
        CLEAN
    );
    let summary = text(&first.stderr);
    assert!(summary.contains("; fixed "), "{summary}");
    // What is left is reported, and still fails the run.
    assert!(text(&first.stdout).contains("[editorializing/contentious-label]"));
    assert_eq!(first.status.code(), Some(1));

    // A second run changes nothing.
    let second = run_in(dir.path(), &["check", "--fix", "--format", "compact", "."]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("story.md")).expect("read"),
        story
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("quoted.md")).expect("read"),
        quoted
    );
    assert!(
        text(&second.stderr).contains("fixed 0 findings in 0 files"),
        "{}",
        text(&second.stderr)
    );
    assert_eq!(text(&second.stdout), text(&first.stdout));
    // And --diff agrees that nothing safe is left to fix.
    let diff = run_in(dir.path(), &["check", "--diff", "."]);
    assert_eq!(text(&diff.stdout), "");
    assert_eq!(diff.status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions_and_leaves_no_temporary_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let path = dir.path().join("story.md");
    std::fs::write(&path, STORY).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).expect("chmod");
    run_in(dir.path(), &["check", "--fix", "story.md"]);
    assert_ne!(std::fs::read_to_string(&path).expect("read"), STORY);
    let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
    assert_eq!(mode & 0o777, 0o604);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["story.md"]);
}

/// `--diff` writes nothing, exits 1, and its output is a patch that turns the
/// files into exactly what `--fix` writes.
#[test]
fn diff_prints_the_fixes_as_a_patch_that_git_applies() {
    let fixed = temp_dir();
    let patched = temp_dir();
    for dir in [fixed.path(), patched.path()] {
        std::fs::write(dir.join("story.md"), STORY).expect("write");
        std::fs::write(dir.join("quoted.md"), QUOTED).expect("write");
        std::fs::write(dir.join("clean.md"), CLEAN).expect("write");
    }
    let diff = run_in(
        patched.path(),
        &["check", "--diff", "story.md", "quoted.md", "clean.md"],
    );
    assert_eq!(diff.status.code(), Some(1));
    let patch = text(&diff.stdout);
    assert!(
        patch.contains("--- a/story.md\n+++ b/story.md\n"),
        "{patch}"
    );
    assert!(
        patch.contains("-claimed that the plan would raise taxes"),
        "{patch}"
    );
    assert!(!patch.contains("clean.md"), "{patch}");
    assert!(
        text(&diff.stderr).contains("nothing written"),
        "{}",
        text(&diff.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(patched.path().join("story.md")).expect("read"),
        STORY
    );

    std::fs::write(patched.path().join("fixes.patch"), &patch).expect("write");
    let applied = Command::new("git")
        .args(["apply", "fixes.patch"])
        .current_dir(patched.path())
        .output()
        .expect("git apply");
    assert!(applied.status.success(), "{}", text(&applied.stderr));
    run_in(
        fixed.path(),
        &["check", "--fix", "story.md", "quoted.md", "clean.md"],
    );
    for name in ["story.md", "quoted.md", "clean.md"] {
        assert_eq!(
            std::fs::read_to_string(patched.path().join(name)).expect("read"),
            std::fs::read_to_string(fixed.path().join(name)).expect("read"),
            "{name}"
        );
    }
}

#[test]
fn diff_and_format_do_not_mix() {
    let out = run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["check", "--diff", "--format", "json", "examples/draft.md"],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn standard_input_cannot_be_fixed_in_place_but_can_be_diffed() {
    let run = |args: &[&str]| {
        let mut child = Command::new(bin())
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write;
            stdin.write_all(b"It was very cold.\n").expect("stdin");
        }
        child.wait_with_output().expect("wait")
    };
    let fix = run(&["check", "--fix", "-"]);
    assert_eq!(fix.status.code(), Some(2));
    assert!(text(&fix.stdout).contains("standard input cannot be fixed in place"));
    let diff = run(&["check", "--diff", "-", "--stdin-filename", "story.txt"]);
    assert_eq!(diff.status.code(), Some(1));
    assert!(
        text(&diff.stdout).contains(
            "--- a/story.txt\n+++ b/story.txt\n@@ -1 +1 @@\n-It was very cold.\n+It was cold.\n"
        ),
        "{}",
        text(&diff.stdout)
    );
}

// ---- rule selection, quiet, summary -------------------------------------------

fn rules_found(dir: &Path, args: &[&str]) -> BTreeSet<String> {
    let report = json_report(dir, args);
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn select_and_ignore_rules_and_families() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("story.md"), STORY).expect("write");
    std::fs::write(dir.path().join("notes.txt"), NOTES).expect("write");
    let all = rules_found(dir.path(), &["."]);
    for family in ["attribution/", "editorializing/", "figures/"] {
        assert!(all.iter().any(|r| r.starts_with(family)), "{all:?}");
    }

    let figures = rules_found(dir.path(), &["--select", "figures", "."]);
    assert_eq!(
        figures,
        BTreeSet::from(["figures/unsourced-percentage".to_string()])
    );

    let two = rules_found(
        dir.path(),
        &["--select", "attribution,editorializing/said-synonym", "."],
    );
    assert_eq!(
        two,
        BTreeSet::from([
            "attribution/weasel-attribution".to_string(),
            "editorializing/said-synonym".to_string()
        ])
    );

    let ignored = rules_found(
        dir.path(),
        &[
            "--ignore",
            "editorializing",
            "--ignore",
            "figures/unsourced-percentage",
            ".",
        ],
    );
    assert!(
        ignored.iter().all(|r| r.starts_with("attribution/")),
        "{ignored:?}"
    );
    assert!(!ignored.is_empty());

    // --ignore wins over --select.
    let none = rules_found(
        dir.path(),
        &["--select", "figures", "--ignore", "figures", "."],
    );
    assert!(none.is_empty());
}

#[test]
fn unknown_rules_and_families_exit_2_with_a_clear_message() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("story.md"), STORY).expect("write");
    let out = run_in(
        dir.path(),
        &["check", "--select", "figures,cliche", "story.md"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("--select: no rule or family named `cliche`"),
        "{err}"
    );
    assert!(err.contains("did you mean: editorializing/cliche"), "{err}");
    assert_eq!(
        text(&out.stdout),
        "",
        "nothing is linted with a wrong selection"
    );
    let out = run_in(dir.path(), &["check", "--ignore", "figure", "story.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--ignore: no rule or family named `figure`"));
}

#[test]
fn the_summary_line_and_quiet() {
    let dir = temp_dir();
    let paths = sample(dir.path());
    let mut args = vec!["check", "--format", "compact"];
    args.extend(&paths);
    let out = run_in(dir.path(), &args);
    let summary = text(&out.stderr);
    let report = json_report(dir.path(), &paths);
    let findings = report["findings"].as_array().expect("findings");
    let count = |severity: &str| {
        findings
            .iter()
            .filter(|f| f["severity"] == severity)
            .count()
    };
    assert!(count("warning") > 0 && count("info") > 0);
    assert!(
        summary.starts_with(&format!(
            "{} findings ({} warnings, {} infos) in 3 files, 2 files not linted (",
            findings.len(),
            count("warning"),
            count("info")
        )),
        "{summary}"
    );
    assert!(summary.trim_end().ends_with("s)"), "{summary}");

    args.push("--quiet");
    let quiet = run_in(dir.path(), &args);
    assert_eq!(text(&quiet.stderr), "");
    assert_eq!(text(&quiet.stdout), text(&out.stdout));
    let pretty = run_in(
        dir.path(),
        &["check", "--format", "pretty", "--quiet", "story.md"],
    );
    assert!(
        !text(&pretty.stdout).contains("findings ("),
        "{}",
        text(&pretty.stdout)
    );
    let machine = run_in(
        dir.path(),
        &["check", "--format", "sarif", "--quiet", "story.md"],
    );
    assert_eq!(text(&machine.stderr), "");
}

// ---- progress ------------------------------------------------------------------

fn many_files(dir: &Path) {
    for i in 0..30 {
        std::fs::write(dir.join(format!("story-{i:02}.md")), NOTES).expect("write");
    }
}

/// Not a terminal (as here, and in CI): no bar, whatever the format.
#[test]
fn no_progress_bar_when_standard_error_is_not_a_terminal() {
    let dir = temp_dir();
    many_files(dir.path());
    for format in ["compact", "pretty"] {
        let out = run_in(dir.path(), &["check", "--format", format, "."]);
        let err = text(&out.stderr);
        assert!(!err.contains('\r') && !err.contains("/30 files"), "{err:?}");
    }
}

/// On a terminal (`script` runs the binary on a pseudo-terminal): a bar for
/// the formats people read, none for the machine formats or `--quiet`.
#[test]
fn a_progress_bar_on_a_terminal_for_people_only() {
    let dir = temp_dir();
    many_files(dir.path());
    let on_terminal = |args: &str| {
        let out = Command::new("script")
            .args(["-qec", &format!("{} check {args} .", bin()), "/dev/null"])
            .current_dir(dir.path())
            .env("TERM", "xterm")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("script (util-linux) runs the binary on a pseudo-terminal");
        text(&out.stdout)
    };
    let compact = on_terminal("--format compact");
    assert!(compact.contains("] 0/30 files"), "{compact:?}");
    assert!(
        compact.contains(&format!("[{}] 30/30 files\r\x1b[2K", "#".repeat(30))),
        "{compact:?}"
    );
    for args in [
        "--format sarif",
        "--format github",
        "--format compact --quiet",
    ] {
        let out = on_terminal(args);
        assert!(!out.contains("/30 files"), "{args}: {out:?}");
    }
}
