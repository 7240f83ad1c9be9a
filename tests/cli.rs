//! The command line, end to end: the real binary on real files.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn copydesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run copydesk")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json_check(args: &[&str]) -> (Value, i32) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = copydesk(&all);
    let value: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    (value, out.status.code().unwrap_or(-1))
}

#[test]
fn the_sample_draft_exercises_every_rule() {
    let (report, code) = json_check(&["examples/draft.md"]);
    assert_eq!(code, 1);
    let rules = stdout(&copydesk(&["rules"]));
    for line in rules.lines() {
        let id = line.split_whitespace().next().unwrap_or_default();
        let hits = report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["rule"] == id)
            .count();
        assert!(hits > 0, "examples/draft.md does not exercise {id}");
    }
}

#[test]
fn the_clean_draft_is_clean() {
    let (report, code) = json_check(&["examples/clean.md"]);
    assert_eq!(
        report["findings"].as_array().map(Vec::len),
        Some(0),
        "{report:#}"
    );
    assert_eq!(code, 0);
}

#[test]
fn json_offsets_lines_and_columns_point_at_the_flagged_text() {
    let (report, _) = json_check(&["examples/draft.md"]);
    let source =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/draft.md"))
            .expect("read");
    for f in report["findings"].as_array().expect("findings") {
        let (start, end) = (
            f["start"].as_u64().unwrap_or(0) as usize,
            f["end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(source.get(start..end), f["text"].as_str(), "{f}");
        let line = source
            .lines()
            .nth(f["line"].as_u64().unwrap_or(0) as usize - 1)
            .unwrap_or_default();
        let col = f["column"].as_u64().unwrap_or(0) as usize;
        let from_col: String = line.chars().skip(col - 1).collect();
        assert!(
            from_col.starts_with(
                f["text"]
                    .as_str()
                    .unwrap_or("?")
                    .lines()
                    .next()
                    .unwrap_or("?")
            ),
            "{f}"
        );
        for fix in f["fixes"].as_array().expect("fixes") {
            assert!(fix["safe"].is_boolean() && fix["title"].is_string());
        }
    }
}

#[test]
fn broken_files_are_reported_and_the_rest_are_linted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.md");
    let latin1 = dir.path().join("latin1.md");
    let binary = dir.path().join("binary.txt");
    std::fs::write(&good, "Critics say the plan failed.\n").expect("write");
    std::fs::write(&latin1, b"Caf\xe9 owners said it was fine.\n").expect("write");
    std::fs::write(&binary, b"PK\x03\x04\x00\x00").expect("write");
    let missing = dir.path().join("missing.md");
    let paths: Vec<String> = [&good, &latin1, &binary, &missing]
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let (report, code) = json_check(&args);
    assert_eq!(code, 2);
    assert_eq!(report["findings"].as_array().map(Vec::len), Some(1));
    let errors = report["errors"].as_array().expect("errors");
    let message_for = |name: &str| {
        errors
            .iter()
            .find(|e| e["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .map(|e| e["message"].to_string())
    };
    assert!(
        message_for("latin1.md").is_some_and(|m| m.contains("UTF-8")),
        "{errors:?}"
    );
    assert!(
        message_for("binary.txt").is_some_and(|m| m.contains("NUL")),
        "{errors:?}"
    );
    assert!(
        message_for("missing.md").is_some_and(|m| m.contains("no such file")),
        "{errors:?}"
    );
}

#[test]
fn directories_are_walked_honouring_gitignore() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(".gitignore"), "drafts/\n").expect("write");
    std::fs::create_dir_all(dir.path().join("drafts")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("stories")).expect("mkdir");
    std::fs::write(dir.path().join("drafts/skip.md"), "Critics say so.\n").expect("write");
    std::fs::write(dir.path().join("stories/a.md"), "Critics say so.\n").expect("write");
    std::fs::write(dir.path().join("stories/b.txt"), "Studies show it.\n").expect("write");
    std::fs::write(dir.path().join("stories/c.rs"), "// critics say\n").expect("write");
    let (report, _) = json_check(&[dir.path().to_str().unwrap_or(".")]);
    let mut paths: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| {
            f["path"]
                .as_str()
                .and_then(|p| Path::new(p).file_name())
                .map(|n| n.to_string_lossy().into_owned())
        })
        .collect();
    paths.sort();
    assert_eq!(paths, ["a.md", "b.txt"]);
}

#[test]
fn standard_input_with_a_file_name() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args([
            "check",
            "-",
            "--stdin-filename",
            "story.txt",
            "--format",
            "compact",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        stdin
            .write_all(b"It was very cold.\n")
            .expect("write stdin");
    }
    let out = child.wait_with_output().expect("wait");
    assert_eq!(stdout(&out), "story.txt:1:8: info: “very” adds emphasis, not information. [editorializing/intensifier]\n");
    // An info finding is below the default --fail-on warning.
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn fail_on_sets_the_threshold() {
    assert_eq!(
        copydesk(&["check", "--fail-on", "error", "examples/draft.md"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        copydesk(&["check", "--fail-on", "info", "examples/draft.md"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        copydesk(&["check", "--fail-on", "bogus", "examples/draft.md"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn pretty_output_underlines_the_span() {
    let out = stdout(&copydesk(&[
        "check",
        "--format",
        "pretty",
        "--color",
        "never",
        "examples/draft.md",
    ]));
    assert!(
        out.contains("warning[editorializing/said-synonym]: “claimed” passes judgement"),
        "{out}"
    );
    assert!(
        out.contains("12 | claimed that the plan would raise property taxes"),
        "{out}"
    );
    assert!(out.contains("   | ^^^^^^^\n"), "{out}");
    assert!(
        out.contains("= help: Replace “claimed” with “said” (safe fix)"),
        "{out}"
    );
}

#[test]
fn rules_and_explain() {
    let list = stdout(&copydesk(&["rules"]));
    assert!(list.lines().count() >= 16);
    assert!(list.contains("editorializing/said-synonym"));
    let explained = copydesk(&["explain", "attribution/anonymous-source"]);
    assert_eq!(explained.status.code(), Some(0));
    assert!(stdout(&explained).contains("AP Stylebook, anonymous sources"));
    let unknown = copydesk(&["explain", "said-synonym"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr)
        .contains("did you mean: editorializing/said-synonym"));
}

/// The README's demo output is the current output on the sample draft
/// (`UPDATE_DOCS=1 cargo test` rewrites it).
#[test]
fn readme_demo_is_current() {
    let out = stdout(&copydesk(&[
        "check",
        "--format",
        "compact",
        "examples/draft.md",
    ]));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README");
    let (begin, end) = ("<!-- demo:begin -->\n", "<!-- demo:end -->");
    let (Some(s), Some(e)) = (
        readme.find(begin).map(|i| i + begin.len()),
        readme.find(end),
    ) else {
        panic!("README lacks the demo markers");
    };
    let expected = format!(
        "{}```text\n$ copydesk check examples/draft.md\n{out}```\n{}",
        &readme[..s],
        &readme[e..]
    );
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).expect("write README");
    }
    assert_eq!(
        std::fs::read_to_string(&path).expect("README"),
        expected,
        "README demo is stale: UPDATE_DOCS=1 cargo test"
    );
}
