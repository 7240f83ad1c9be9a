//! The drop-in CI recipes, run for real: `.pre-commit-hooks.yaml` with the
//! real pre-commit, and the commands of the GitHub Actions and GitLab CI
//! examples (examples/ci/, also shown in the README) on a sample repository.

mod cli_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cli_support::*;
use serde_json::Value;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A command with a fixed Git identity, and pre-commit's cache and cargo's
/// build directory under `cache` (the Git hook runs pre-commit too).
fn command(program: &str, dir: &Path, cache: Option<&Path>) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Copy Desk")
        .env("GIT_AUTHOR_EMAIL", "desk@example.invalid")
        .env("GIT_COMMITTER_NAME", "Copy Desk")
        .env("GIT_COMMITTER_EMAIL", "desk@example.invalid");
    if let Some(cache) = cache {
        command
            .env("PRE_COMMIT_HOME", cache)
            // Dependencies built once per machine instead of once per run,
            // and without optimisation: the test is about the hook, not speed.
            .env("CARGO_TARGET_DIR", cargo_target_for_hooks())
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_PROFILE_RELEASE_DEBUG", "false");
    }
    command
}

fn git(dir: &Path, args: &[&str]) -> Output {
    git_with(dir, None, args)
}

fn git_with(dir: &Path, cache: Option<&Path>, args: &[&str]) -> Output {
    command("git", dir, cache).args(args).output().expect("git")
}

/// A YAML file as JSON, read by PyYAML (which pre-commit brings).
fn yaml(path: &Path) -> Value {
    let out = Command::new("python3")
        .args([
            "-c",
            "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8'))))",
        ])
        .arg(path)
        .output()
        .expect("python3 (run .ci/cli-setup)");
    assert!(
        out.status.success(),
        "{} is not valid YAML (or PyYAML is missing: run .ci/cli-setup): {}",
        path.display(),
        text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// A newsroom repository: two stories with findings and a clean one.
fn newsroom(dir: &Path) {
    std::fs::create_dir_all(dir.join("stories")).expect("mkdir");
    std::fs::write(dir.join("stories/story.md"), STORY).expect("write");
    std::fs::write(dir.join("stories/notes.txt"), NOTES).expect("write");
    std::fs::write(dir.join("stories/clean.md"), CLEAN).expect("write");
}

/// Runs one CI command as the CI system would: bash, exit on error, with
/// `copydesk` on the PATH.
fn ci_command(dir: &Path, command: &str) -> Output {
    Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", command])
        .current_dir(dir)
        .env("PATH", path_with_bin())
        .output()
        .expect("bash")
}

/// An install line of a recipe: it fetches copydesk from its repository,
/// which the tests cannot reach; the lint commands after it are run.
fn is_install(command: &str) -> bool {
    let is = command.trim_start().starts_with("cargo install");
    if is {
        assert!(
            command.contains("--locked"),
            "install with the tested lock file: {command}"
        );
        assert!(command.trim_end().ends_with(" copydesk"), "{command}");
    }
    is
}

#[test]
fn github_actions_example_runs() {
    let workflow = yaml(&manifest_dir().join("examples/ci/github-actions.yml"));
    // YAML 1.1 reads the key `on` as true.
    let on = workflow.get("on").or(workflow.get("true")).expect("on:");
    assert!(on.get("pull_request").is_some(), "{on}");
    assert_eq!(workflow["permissions"]["security-events"], "write");
    let steps = workflow["jobs"]["copy"]["steps"].as_array().expect("steps");

    let dir = temp_dir();
    newsroom(dir.path());
    let mut ran = Vec::new();
    for step in steps {
        let name = step["name"].as_str().unwrap_or_default();
        if let Some(command) = step["run"].as_str() {
            if is_install(command) {
                continue;
            }
            assert!(command.contains("copydesk check"), "{command}");
            let out = ci_command(dir.path(), command);
            ran.push((name.to_string(), out));
        } else if let Some(action) = step["uses"].as_str() {
            if action.starts_with("github/codeql-action/upload-sarif@") {
                let file = step["with"]["sarif_file"].as_str().expect("sarif_file");
                let sarif = std::fs::read_to_string(dir.path().join(file))
                    .unwrap_or_else(|e| panic!("{file} was not written by an earlier step: {e}"));
                if let Err(errors) = validate_sarif(&sarif) {
                    panic!("{file} is not valid SARIF:\n{errors}");
                }
                assert!(sarif.contains("\"uri\": \"stories/story.md\""), "{sarif}");
            } else if action.starts_with("actions/upload-artifact@") {
                let file = step["with"]["path"].as_str().expect("path");
                assert_html_report(&dir.path().join(file));
            }
        }
    }
    let [(_, report), (_, page), (_, annotate)] = &ran[..] else {
        panic!(
            "expected three lint steps, ran {:?}",
            ran.iter().map(|r| &r.0).collect::<Vec<_>>()
        );
    };
    assert_eq!(report.status.code(), Some(0), "{}", text(&report.stderr));
    assert_eq!(page.status.code(), Some(0), "{}", text(&page.stderr));
    // Findings fail the job, each one an annotation on the diff.
    assert_eq!(annotate.status.code(), Some(1));
    let annotations = text(&annotate.stdout);
    assert!(
        annotations.contains("::warning file=stories/story.md,line=4,col=1,"),
        "{annotations}"
    );
    assert!(annotations.contains("::warning file=stories/notes.txt,line=1,col=1,"));

    // On clean copy the job passes.
    std::fs::remove_file(dir.path().join("stories/story.md")).expect("rm");
    std::fs::remove_file(dir.path().join("stories/notes.txt")).expect("rm");
    for step in steps {
        if let Some(command) = step["run"].as_str().filter(|c| !is_install(c)) {
            let out = ci_command(dir.path(), command);
            assert_eq!(
                out.status.code(),
                Some(0),
                "{command}: {}",
                text(&out.stderr)
            );
        }
    }
}

#[test]
fn gitlab_ci_example_runs() {
    let config = yaml(&manifest_dir().join("examples/ci/gitlab-ci.yml"));
    let job = &config["copydesk"];
    let installs = job["before_script"].as_array().expect("before_script");
    assert!(installs
        .iter()
        .all(|c| is_install(c.as_str().unwrap_or_default())));
    let script: Vec<&str> = job["script"]
        .as_array()
        .expect("script")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let report_file = job["artifacts"]["reports"]["codequality"]
        .as_str()
        .expect("a codequality report");
    assert_eq!(
        job["artifacts"]["when"], "always",
        "upload the report when the job fails"
    );

    let pages: Vec<&str> = job["artifacts"]["paths"]
        .as_array()
        .expect("artifact paths")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        job["artifacts"]["expose_as"].is_string(),
        "link the page from the merge request"
    );

    let dir = temp_dir();
    newsroom(dir.path());
    let [report, page, log] = &script[..] else {
        panic!("expected three script lines: {script:?}");
    };
    let out = ci_command(dir.path(), report);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = ci_command(dir.path(), page);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for file in &pages {
        assert_html_report(&dir.path().join(file));
    }
    let issues: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join(report_file)).expect("the report was written"),
    )
    .expect("Code Quality JSON");
    assert!(issues
        .iter()
        .any(|i| i["location"]["path"] == "stories/story.md"));
    assert!(issues
        .iter()
        .all(|i| i["fingerprint"].as_str().is_some_and(|f| f.len() == 32)));
    let out = ci_command(dir.path(), log);
    assert_eq!(out.status.code(), Some(1), "findings fail the job");
    assert!(text(&out.stdout).contains("stories/story.md:4:1: warning:"));
}

/// The HTML report a recipe uploads: written, and the newsroom's stories in it.
fn assert_html_report(path: &Path) {
    let page = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{} was not written by an earlier step: {e}", path.display()));
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", path.display());
    for story in ["stories/story.md", "stories/notes.txt", "stories/clean.md"] {
        assert!(page.contains(story), "{story} is not in the page");
    }
}

/// The README shows the files that these tests run, verbatim.
#[test]
fn the_readme_shows_the_tested_recipes() {
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).expect("README");
    for file in [
        "examples/ci/github-actions.yml",
        "examples/ci/gitlab-ci.yml",
    ] {
        let content = std::fs::read_to_string(manifest_dir().join(file)).expect("example");
        assert!(
            readme.contains(&format!("```yaml\n{content}```\n")),
            "README.md does not show {file} as it is"
        );
    }
    assert!(
        readme.contains("- id: copydesk\n"),
        "README.md lacks the pre-commit recipe"
    );
}

/// pre-commit builds the hook from this repository's current commit with
/// cargo, as it would from GitHub, and runs it on a newsroom repository: as
/// `pre-commit run`, and as the Git hook that `pre-commit install` sets up.
#[test]
fn pre_commit_hooks_run_with_the_real_pre_commit() {
    let hooks = yaml(&manifest_dir().join(".pre-commit-hooks.yaml"));
    let hooks = hooks.as_array().expect("a list of hooks");
    for hook in hooks {
        assert_eq!(hook["language"], "rust", "{hook}");
    }
    let head = git(manifest_dir(), &["rev-parse", "HEAD"]);
    assert!(
        head.status.success(),
        "the tests need this repository's Git history"
    );
    let rev = text(&head.stdout).trim().to_string();

    let dir = temp_dir();
    let repo = dir.path().join("newsroom");
    newsroom(&repo);
    assert!(git(&repo, &["init", "-q", "."]).status.success());
    std::fs::write(
        repo.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: copydesk\n      - id: copydesk-fix\n        stages: [manual]\n",
            manifest_dir().display()
        ),
    )
    .expect("write");
    assert!(git(&repo, &["add", "."]).status.success());

    let cache = dir.path().join("cache");
    let pre_commit = |args: &[&str]| -> Output {
        command("pre-commit", &repo, Some(&cache))
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run pre-commit ({e}); run .ci/cli-setup"))
    };

    let clean = pre_commit(&["run", "copydesk", "--files", "stories/clean.md"]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}{}",
        text(&clean.stdout),
        text(&clean.stderr)
    );
    let all = pre_commit(&["run", "copydesk", "--all-files"]);
    let output = text(&all.stdout);
    assert_eq!(all.status.code(), Some(1), "{output}");
    assert!(
        output.contains("stories/story.md:4:1: warning:"),
        "{output}"
    );
    assert!(
        output.contains("stories/notes.txt:1:1: warning:"),
        "{output}"
    );

    // The fixing hook changes the file (so pre-commit fails the run, as it
    // does for every fixer) with the safe fixes only.
    let fixing = pre_commit(&[
        "run",
        "copydesk-fix",
        "--hook-stage",
        "manual",
        "--files",
        "stories/story.md",
    ]);
    assert_eq!(fixing.status.code(), Some(1));
    assert!(
        text(&fixing.stdout).contains("files were modified by this hook"),
        "{}",
        text(&fixing.stdout)
    );
    let fixed = std::fs::read_to_string(repo.join("stories/story.md")).expect("read");
    assert!(
        fixed.contains("\nsaid that the plan") && fixed.contains("regime"),
        "{fixed}"
    );

    // As the Git hook: a commit with findings is refused, a clean one goes in.
    assert!(pre_commit(&["install"]).status.success());
    let refused = git_with(&repo, Some(&cache), &["commit", "-q", "-m", "stories"]);
    assert!(!refused.status.success(), "a commit with findings went in");
    let said = format!("{}{}", text(&refused.stdout), text(&refused.stderr));
    assert!(said.contains("stories/notes.txt:1:1: warning:"), "{said}");
    // -f: the fixing hook left story.md different from what was staged.
    let unstaged = git(
        &repo,
        &[
            "rm",
            "-q",
            "-f",
            "--cached",
            "stories/story.md",
            "stories/notes.txt",
        ],
    );
    assert!(unstaged.status.success(), "{}", text(&unstaged.stderr));
    let accepted = git_with(&repo, Some(&cache), &["commit", "-q", "-m", "clean copy"]);
    assert!(
        accepted.status.success(),
        "{}{}",
        text(&accepted.stdout),
        text(&accepted.stderr)
    );
}

/// Where pre-commit's `cargo install` builds: kept between runs (in the
/// target directory cargo gives integration tests), so only the first run
/// on a machine compiles the dependencies.
fn cargo_target_for_hooks() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-hook-build")
}
