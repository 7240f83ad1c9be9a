//! Emacs end-to-end: Debian's Emacs with Eglot loads the snippet in
//! editors/emacs/copydesk-eglot.el as a user would, with the freshly built
//! `copydesk` on PATH, and editors/emacs/test/eglot-e2e.el checks the
//! diagnostics (codes, positions) and applies a quick fix through Eglot.
//! `.ci/editors-setup` installs emacs-nox and elpa-eglot; a missing one fails.

mod editor_common;

use std::process::Command;
use std::time::Duration;

use editor_common::*;

#[test]
fn emacs_eglot_snippet_end_to_end() {
    let emacs = require_on_path("emacs", "apt-get install emacs-nox elpa-eglot");
    let bin_dir = copydesk_bin().parent().expect("bin dir").to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH");
    // `-q`, not `-Q`: Debian's site-start puts elpa-eglot on the load path.
    let outcome = run(
        Command::new(emacs)
            .args(["--batch", "-q", "-l"])
            .arg(repo().join("editors/emacs/test/eglot-e2e.el"))
            .env("PATH", path)
            .env("HOME", std::env::temp_dir().join("copydesk-emacs-home")),
        Duration::from_secs(240),
    );
    assert!(outcome.success(), "emacs e2e failed\n{}", outcome.report());
    let passed = outcome.passed("emacs-e2e");
    assert!(
        passed >= 4,
        "only {passed} checks ran\n{}",
        outcome.report()
    );
}

/// The lsp-mode snippet at least loads and registers its client with
/// Debian's lsp-mode (it is not driven end to end).
#[test]
fn emacs_lsp_mode_snippet_registers_client() {
    let emacs = require_on_path("emacs", "apt-get install emacs-nox");
    let snippet = repo().join("editors/emacs/copydesk-lsp-mode.el");
    let outcome = run(
        Command::new(emacs)
            .args(["--batch", "-q", "--eval"])
            .arg(format!(
                "(progn (require 'lsp-mode) (load {:?} nil t) \
                 (princ (if (gethash 'copydesk lsp-clients) \"registered\\n\" \"missing\\n\")))",
                snippet.display().to_string()
            ))
            .env("HOME", std::env::temp_dir().join("copydesk-emacs-home")),
        Duration::from_secs(120),
    );
    assert!(
        outcome.success() && outcome.stdout.contains("registered"),
        "{}",
        outcome.report()
    );
}
