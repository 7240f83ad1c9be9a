//! Shared helpers of the editor end-to-end tests (`tests/editor_*.rs`).
//!
//! The editors and their harnesses are installed by `.ci/editors-setup`; a
//! missing one fails the test with the command that installs it, because a
//! test that skips in CI proves nothing.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `copydesk` binary cargo built for this test run, or the one named by
/// `COPYDESK_EDITOR_TEST_BIN` (to try a release build in the editors).
pub fn copydesk_bin() -> PathBuf {
    match std::env::var_os("COPYDESK_EDITOR_TEST_BIN") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_BIN_EXE_copydesk")),
    }
}

/// Where `.ci/editors-setup` installs code-server and the newer Neovim.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("COPYDESK_EDITORS_CACHE") {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(".cache")
        });
    base.join("copydesk-editors")
}

/// A scratch directory under target/ for artifacts that outlive the test.
pub fn artifacts_dir(name: &str) -> PathBuf {
    let dir = repo().join("target").join("editor-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create artifacts dir");
    dir
}

/// Panics, failing the test, when `path` does not exist.
pub fn require(path: &Path, what: &str) -> PathBuf {
    assert!(
        path.exists(),
        "{what} is missing at {}: run `.ci/editors-setup` (as root) to install the editors the tests drive",
        path.display()
    );
    path.to_path_buf()
}

/// Finds `name` on PATH or fails the test.
pub fn require_on_path(name: &str, hint: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        let candidate = dir.join(name);
        if candidate.is_file() {
            return candidate;
        }
    }
    panic!("`{name}` is not on PATH ({hint}): run `.ci/editors-setup` (as root) to install the editors the tests drive");
}

/// What a finished (or killed) command left behind.
pub struct Outcome {
    pub status: Option<ExitStatus>,
    pub stdout: String,
    pub stderr: String,
    pub timed_out: bool,
}

impl Outcome {
    pub fn success(&self) -> bool {
        !self.timed_out && self.status.is_some_and(|s| s.success())
    }

    /// Everything, for a failure message.
    pub fn report(&self) -> String {
        format!(
            "status: {:?}{}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.status,
            if self.timed_out {
                " (killed: timed out)"
            } else {
                ""
            },
            self.stdout,
            self.stderr
        )
    }

    /// `N` from the line `<prefix>: N passed, 0 failed`, failing the test when
    /// the line is missing or reports failures.
    pub fn passed(&self, prefix: &str) -> usize {
        let line = self
            .stdout
            .lines()
            .rev()
            .find(|l| l.starts_with(&format!("{prefix}: ")))
            .unwrap_or_else(|| panic!("no `{prefix}: N passed, M failed` line\n{}", self.report()));
        let rest = &line[prefix.len() + 2..];
        let mut words = rest.split([' ', ',']).filter(|w| !w.is_empty());
        let passed: usize = words
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("bad summary {line:?}"));
        let _ = words.next();
        let failed: usize = words
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("bad summary {line:?}"));
        assert_eq!(failed, 0, "{line}\n{}", self.report());
        passed
    }
}

/// Fails the test unless a browser harness run succeeded, ran at least
/// `min` checks (its `<prefix>: N passed, 0 failed` line) and took `picture`.
pub fn assert_checks_and_picture(
    outcome: &Outcome,
    prefix: &str,
    min: usize,
    artifacts: &Path,
    picture: &Path,
) {
    assert!(
        outcome.success(),
        "{prefix} failed (artifacts in {})\n{}",
        artifacts.display(),
        outcome.report()
    );
    let passed = outcome.passed(prefix);
    assert!(
        passed >= min,
        "only {passed} checks ran\n{}",
        outcome.report()
    );
    assert!(
        picture.is_file(),
        "no screenshot taken\n{}",
        outcome.report()
    );
}

/// Runs `cmd` to completion or until `timeout`, when its process group is
/// killed (before the child is reaped, so that the group id cannot have been
/// reused by then).
pub fn run(cmd: &mut Command, timeout: Duration) -> Outcome {
    use std::os::unix::process::CommandExt;
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_thread = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_thread = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait().expect("wait") {
            Some(status) => break Some(status),
            None if start.elapsed() > timeout => {
                timed_out = true;
                kill_group(child.id());
                break child.wait().ok();
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    };
    Outcome {
        status,
        stdout: out_thread.join().unwrap_or_default(),
        stderr: err_thread.join().unwrap_or_default(),
        timed_out,
    }
}

fn kill_group(pid: u32) {
    let _ = Command::new("kill")
        .arg("-KILL")
        .arg(format!("-{pid}"))
        .stderr(Stdio::null())
        .status();
}
