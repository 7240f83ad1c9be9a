//! copydesk.toml through the real binary: discovery, overrides, `--config`,
//! broken files (exit 2 with file, line and column) and `copydesk init`.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run copydesk")
}

fn rules_of(output: &Output) -> Vec<String> {
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["rule"].as_str().map(String::from))
        .collect()
}

fn newsroom() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).expect("mkdir");
    std::fs::create_dir_all(root.join("opinion")).expect("mkdir");
    std::fs::write(
        root.join("copydesk.toml"),
        "[rules]\n\"style/time\" = \"off\"\n\n[words.prefer]\n\"e-mail\" = \"email\"\n\n[[overrides]]\nfiles = [\"opinion/**\"]\nrules = { style = \"off\" }\n",
    )
    .expect("write");
    let story = "They walked towards the hall and sent an e-mail at 9AM.\n";
    std::fs::write(root.join("news.md"), story).expect("write");
    std::fs::write(root.join("opinion/column.md"), story).expect("write");
    dir
}

#[test]
fn the_discovered_configuration_and_its_overrides_apply() {
    let dir = newsroom();
    let news = copydesk(dir.path(), &["check", "--format", "json", "news.md"]);
    assert_eq!(rules_of(&news), ["style/toward", "house/preferred-term"]);
    let column = copydesk(
        dir.path(),
        &["check", "--format", "json", "opinion/column.md"],
    );
    assert_eq!(rules_of(&column), ["house/preferred-term"]);
    // The safe house fix is applied by --fix.
    let fixed = copydesk(
        dir.path(),
        &["check", "--fix", "--format", "json", "opinion/column.md"],
    );
    assert_eq!(
        fixed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&fixed.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("opinion/column.md")).expect("read");
    assert_eq!(
        text,
        "They walked towards the hall and sent an email at 9AM.\n"
    );
}

#[test]
fn an_explicit_configuration_wins() {
    let dir = newsroom();
    std::fs::write(
        dir.path().join("strict.toml"),
        "[rules]\nstyle = \"error\"\n",
    )
    .expect("write");
    let out = copydesk(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--config",
            "strict.toml",
            "opinion/column.md",
        ],
    );
    assert_eq!(rules_of(&out), ["style/toward", "style/time"]);
    let missing = copydesk(dir.path(), &["check", "--config", "nope.toml", "news.md"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.toml: no such file"));
}

#[test]
fn a_broken_configuration_is_an_error_with_its_position() {
    let dir = newsroom();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[rules]\neditorialising = \"off\"\n",
    )
    .expect("write");
    let out = copydesk(dir.path(), &["check", "--format", "json", "news.md"]);
    assert_eq!(out.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let message = report["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(message.contains("copydesk.toml:2:1: unknown rule or family `editorialising`; did you mean `editorializing`?"), "{message}");
}

#[test]
fn init_writes_a_starter_that_check_accepts_and_keeps_an_existing_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join(".git")).expect("mkdir");
    let first = copydesk(dir.path(), &["init"]);
    assert_eq!(first.status.code(), Some(0));
    let written = std::fs::read_to_string(dir.path().join("copydesk.toml")).expect("written");
    assert!(written.contains("[words.prefer]"));
    let again = copydesk(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(
        copydesk(dir.path(), &["init", "--force"]).status.code(),
        Some(0)
    );
    std::fs::write(dir.path().join("a.md"), "The plan passed.\n").expect("write");
    assert_eq!(
        copydesk(dir.path(), &["check", "a.md"]).status.code(),
        Some(0)
    );
}
