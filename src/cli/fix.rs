//! `check --fix` and `check --diff`: every safe fix applied, written back
//! atomically, or shown as a unified diff.
//!
//! Only fixes a rule marks safe are applied: the others need the writer's
//! input (a source to name, a speaker to add), and there is deliberately no
//! way to apply them unattended.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use copydesk::lint::RuleFailure;
use copydesk::{Edit, Finding, Linter, Syntax};

/// Passes of fix-then-lint before giving up. `safe_edits` leaves out fixes
/// that overlap one already chosen, and a fix can uncover another finding,
/// so one pass is not always enough for a second run to find nothing to do.
/// A handful always is on real copy; the bound only stops a pair of fixes
/// that undo each other from looping.
const MAX_PASSES: usize = 8;

/// A document with every safe fix applied.
pub(super) struct Fixed {
    /// The fixed text (the source itself when nothing was fixed).
    pub text: String,
    /// The findings left in `text`.
    pub findings: Vec<Finding>,
    /// Rules that failed on the last lint.
    pub failures: Vec<RuleFailure>,
    /// How many findings were fixed.
    pub fixed: usize,
}

/// Applies safe fixes to `source`, re-linting after each pass, until no
/// safe fix is left. `findings` are the findings of `source`.
pub(super) fn fix_all(
    linter: &Linter,
    source: &str,
    syntax: Syntax,
    findings: Vec<Finding>,
    failures: Vec<RuleFailure>,
) -> Fixed {
    let mut fixed = Fixed {
        text: source.to_string(),
        findings,
        failures,
        fixed: 0,
    };
    for _ in 0..MAX_PASSES {
        let edits = copydesk::fix::safe_edits(&fixed.findings);
        if edits.is_empty() {
            break;
        }
        let next = copydesk::fix::apply(&fixed.text, &edits);
        if next == fixed.text {
            break;
        }
        fixed.fixed += applied(&fixed.findings, &edits);
        let report = linter.lint(&next, syntax);
        fixed.text = next;
        fixed.findings = report.findings;
        fixed.failures = report.failures;
    }
    fixed
}

/// How many findings had their first safe fix among `edits`.
fn applied(findings: &[Finding], edits: &[Edit]) -> usize {
    findings
        .iter()
        .filter_map(|f| f.fixes.iter().find(|fix| fix.safe))
        .filter(|fix| fix.edits.iter().all(|e| edits.contains(e)))
        .count()
}

/// The change from `old` to `new` as a unified diff with `a/` and `b/`
/// prefixes, which `git apply` and `patch -p1` take.
pub(super) fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Replaces the contents of `path` with `contents`, provided it still holds
/// `expected` (what was linted).
///
/// The new text goes to a temporary file in the same directory, which then
/// is renamed over the original: a reader (an editor, a build) sees the old
/// text or the new, never half of one, and a crash leaves the original
/// intact. The original's permissions (and, on Unix, owner) are kept, and a
/// symbolic link is followed so that the file it points to is replaced, not
/// the link. A file that changed since it was read is left alone: writing
/// would throw away what someone else just saved.
pub(super) fn write_atomically(path: &Path, expected: &str, contents: &str) -> Result<(), String> {
    let target = fs::canonicalize(path).map_err(|e| format!("cannot fix: {e}"))?;
    let metadata = fs::metadata(&target).map_err(|e| format!("cannot fix: {e}"))?;
    let dir = target
        .parent()
        .ok_or_else(|| "cannot fix: the file has no parent directory".to_string())?;
    let changed = || -> Result<bool, String> {
        let now = fs::read(&target).map_err(|e| format!("cannot fix: {e}"))?;
        Ok(now != expected.as_bytes())
    };
    if changed()? {
        return Err(CHANGED.into());
    }
    let (temp_path, mut temp) = temporary_file(dir, &target).map_err(|e| {
        format!(
            "cannot fix: cannot create a temporary file in {}: {e}",
            dir.display()
        )
    })?;
    let written = temp
        .write_all(contents.as_bytes())
        .and_then(|()| temp.set_permissions(metadata.permissions()))
        .and_then(|()| keep_owner(&temp, &metadata))
        .and_then(|()| temp.sync_all());
    drop(temp);
    let result = written
        .map_err(|e| format!("cannot fix: cannot write the fixed text: {e}"))
        .and_then(|()| {
            // Checked again as late as possible, to keep the window in which
            // someone else's save could be lost as short as it can be.
            if changed()? {
                return Err(CHANGED.to_string());
            }
            fs::rename(&temp_path, &target).map_err(|e| format!("cannot fix: {e}"))
        });
    if result.is_err() {
        let _ = fs::remove_file(&temp_path);
    }
    result
}

const CHANGED: &str = "changed on disk while copydesk was fixing it; left alone (run again)";

/// A new file next to `target`, hidden, named after it and this process.
fn temporary_file(dir: &Path, target: &Path) -> io::Result<(PathBuf, fs::File)> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let candidate = dir.join(format!(".{name}.copydesk-{}-{n}.tmp", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(unix)]
fn keep_owner(file: &fs::File, metadata: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    // Only root may give a file away; for anyone else the new file is
    // already theirs, which is what the original was, or they could not
    // have replaced it.
    match std::os::unix::fs::fchown(file, Some(metadata.uid()), Some(metadata.gid())) {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Ok(()),
        other => other,
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &fs::File, _metadata: &fs::Metadata) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk::LintOptions;

    fn temp_dir() -> tempfile::TempDir {
        tempfile::tempdir().expect("tempdir")
    }

    #[test]
    fn writes_and_keeps_permissions() {
        let dir = temp_dir();
        let path = dir.path().join("story.md");
        fs::write(&path, "old\n").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        }
        write_atomically(&path, "old\n", "new\n").expect("fixed");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("stat").permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .expect("ls")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, [std::ffi::OsString::from("story.md")]);
    }

    #[test]
    fn a_file_that_changed_since_it_was_read_is_left_alone() {
        let dir = temp_dir();
        let path = dir.path().join("story.md");
        // What was linted …
        let linted = "It was very cold.\n";
        // … and what someone saved meanwhile.
        fs::write(&path, "It was very, very cold.\n").expect("write");
        let error = write_atomically(&path, linted, "It was cold.\n").expect_err("changed");
        assert!(error.contains("changed on disk"), "{error}");
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            "It was very, very cold.\n"
        );
        assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed() {
        let dir = temp_dir();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        fs::write(&real, "old\n").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_atomically(&link, "old\n", "new\n").expect("fixed");
        assert!(fs::symlink_metadata(&link)
            .expect("lstat")
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).expect("read"), "new\n");
    }

    #[test]
    fn fixing_reaches_a_fixed_point() {
        let linter = Linter::new(LintOptions::default());
        let source = "It was very cold. The mayor claimed that the plan had failed.\n";
        let first = linter.lint(source, Syntax::PlainText);
        let fixed = fix_all(
            &linter,
            source,
            Syntax::PlainText,
            first.findings,
            first.failures,
        );
        assert_eq!(
            fixed.text,
            "It was cold. The mayor said that the plan had failed.\n"
        );
        assert_eq!(fixed.fixed, 2);
        assert!(copydesk::fix::safe_edits(&fixed.findings).is_empty());
        let again = linter.lint(&fixed.text, Syntax::PlainText);
        let twice = fix_all(
            &linter,
            &fixed.text,
            Syntax::PlainText,
            again.findings,
            again.failures,
        );
        assert_eq!(twice.text, fixed.text);
        assert_eq!(twice.fixed, 0);
    }

    #[test]
    fn diffs_apply_with_a_and_b_prefixes() {
        let diff = unified_diff("s/a.md", "one\ntwo\n", "one\n2\n");
        assert!(
            diff.starts_with("--- a/s/a.md\n+++ b/s/a.md\n@@ -1,2 +1,2 @@\n"),
            "{diff}"
        );
        assert!(diff.contains("-two\n+2\n"), "{diff}");
    }
}
