//! The command line with a desk's house rules: `init --styles`,
//! `test-rules`, `rules`, `explain`, and `check` with `--select`, `--fix`
//! and a broken style file.

mod cli_support;

use std::fs;
use std::path::Path;

use cli_support::{run_in, text};

/// A repository made by `copydesk init --styles`.
fn desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join(".git")).expect("mkdir");
    let out = run_in(dir.path(), &["init", "--styles"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    dir
}

fn style(dir: &Path) -> String {
    fs::read_to_string(dir.join("styles/house.toml")).expect("style file")
}

#[test]
fn the_example_stylebook_passes_its_own_examples() {
    let dir = desk();
    let out = run_in(dir.path(), &["test-rules"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("house/kyiv") && stdout.contains("all pass"),
        "{stdout}"
    );
    // The same file named on the command line.
    let out = run_in(dir.path(), &["test-rules", "styles/house.toml"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

#[test]
fn a_rule_that_misses_its_bad_example_fails_test_rules() {
    let dir = desk();
    let broken = style(dir.path()).replace(
        "swap = { \"Kiev\" = \"Kyiv\" }",
        "swap = { \"Kiev.\" = \"Kyiv\" }",
    );
    fs::write(dir.path().join("styles/house.toml"), broken).expect("write");
    let out = run_in(dir.path(), &["test-rules"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("house/kyiv  FAILED") || stdout.contains("FAILED"),
        "{stdout}"
    );
    assert!(stdout.contains("bad example 1 is not flagged"), "{stdout}");
    assert!(stdout.contains("1 rule failed"), "{stdout}");
}

#[test]
fn check_runs_house_rules_selects_them_and_fixes_safe_substitutions() {
    let dir = desk();
    let story = "The NTSB said fighting near Kiev stopped. Sales rose 5 percent and costs 4%.\n";
    fs::write(dir.path().join("story.md"), story).expect("write");
    let out = run_in(dir.path(), &["check", "--format", "json", "story.md"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rules: Vec<&str> = (report["findings"].as_array().expect("findings").iter())
        .filter_map(|f| f["rule"].as_str())
        .filter(|r| r.starts_with("house/"))
        .collect();
    assert_eq!(rules, ["house/agencies", "house/percent"], "{report}");
    assert_eq!(out.status.code(), Some(1));
    let out = run_in(
        dir.path(),
        &["check", "--select", "house/percent", "story.md"],
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("[house/percent]") && !stdout.contains("[house/agencies]"),
        "{stdout}"
    );
    let out = run_in(
        dir.path(),
        &["check", "--ignore", "house", "--format", "json", "story.md"],
    );
    assert!(
        !text(&out.stdout).contains("house/"),
        "{}",
        text(&out.stdout)
    );
    // "near Kiev" is attributed speech here; in the writer's voice it is fixed.
    fs::write(dir.path().join("story.md"), "Fighting near Kiev stopped.\n").expect("write");
    let out = run_in(dir.path(), &["check", "--fix", "story.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(
        fs::read_to_string(dir.path().join("story.md")).expect("read"),
        "Fighting near Kyiv stopped.\n"
    );
}

#[test]
fn rules_and_explain_show_house_rules_like_built_in_ones() {
    let dir = desk();
    let out = run_in(dir.path(), &["rules"]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("editorializing/cliche"), "{stdout}");
    assert!(stdout.contains("house/agencies"), "{stdout}");
    let out = run_in(dir.path(), &["rules", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let agencies = (list.as_array().expect("list").iter())
        .find(|r| r["id"] == "house/agencies")
        .expect("listed");
    assert_eq!(agencies["family"], "house");
    assert_eq!(agencies["kind"], "first-reference");
    let out = run_in(dir.path(), &["explain", "house/agencies"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout.contains("Spell out an agency's name"), "{stdout}");
    assert!(
        stdout.contains("> The NTSB said the plane stalled."),
        "{stdout}"
    );
    let out = run_in(dir.path(), &["explain", "house/agency"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_broken_style_file_is_an_error_with_its_line() {
    let dir = desk();
    let broken = format!(
        "{}\n[[rule]]\nid = \"greedy\"\nkind = \"existence\"\npattern = \"(x{{1000}}){{1000}}\"\n",
        style(dir.path())
    );
    let line = broken
        .lines()
        .position(|l| l.starts_with("pattern = \"(x"))
        .expect("line")
        + 1;
    fs::write(dir.path().join("styles/house.toml"), broken).expect("write");
    fs::write(dir.path().join("story.md"), "Fighting near Kiev stopped.\n").expect("write");
    let out = run_in(dir.path(), &["check", "story.md"]);
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(said.contains(&format!("house.toml:{line}:1")), "{said}");
    assert!(said.contains("too big"), "{said}");
    let out = run_in(dir.path(), &["test-rules"]);
    assert_eq!(out.status.code(), Some(2));
}
