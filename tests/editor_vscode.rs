//! VS Code end-to-end: builds and packages the extension in editors/vscode,
//! installs the .vsix into a real VS Code (code-server, from the npm
//! registry) and drives it through headless Chromium with playwright-core
//! (editors/vscode/test/e2e/run.js): squiggles, Problems-panel rows with rule
//! codes and positions, the status bar count, the quick-fix menu and its fix,
//! settings that change the diagnostics without a restart, "Apply All Safe
//! Fixes", and the notification for a missing server.
//!
//! `.ci/editors-setup` installs code-server, Chromium and the extension's
//! node_modules; a missing one fails the test. The screenshots land in
//! target/editor-tests/vscode/ (`scripts/screenshot` copies the README one).

mod editor_common;

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use editor_common::*;

fn ext_dir() -> PathBuf {
    repo().join("editors/vscode")
}

/// `npm run build` once per test binary (typecheck, bundle, helpers for the unit tests).
fn build() -> &'static Result<(), String> {
    static BUILT: OnceLock<Result<(), String>> = OnceLock::new();
    BUILT.get_or_init(|| {
        require_on_path("node", "Node.js 20 or later");
        require_on_path("npm", "npm");
        require(
            &ext_dir().join("node_modules/.bin/vsce"),
            "the extension's node_modules (npm ci in editors/vscode)",
        );
        let outcome = run(
            Command::new("npm")
                .args(["run", "build"])
                .current_dir(ext_dir()),
            Duration::from_secs(300),
        );
        if outcome.success() {
            Ok(())
        } else {
            Err(format!("npm run build failed\n{}", outcome.report()))
        }
    })
}

#[test]
fn vscode_extension_unit_tests() {
    if let Err(e) = build() {
        panic!("{e}");
    }
    let outcome = run(
        Command::new("npm")
            .args(["run", "test:unit"])
            .current_dir(ext_dir()),
        Duration::from_secs(120),
    );
    assert!(outcome.success(), "{}", outcome.report());
    assert!(outcome.stdout.contains("# fail 0"), "{}", outcome.report());
}

#[test]
fn vscode_real_editor_end_to_end() {
    if let Err(e) = build() {
        panic!("{e}");
    }
    let chromium = require(
        &PathBuf::from("/usr/bin/chromium"),
        "Chromium (apt-get install chromium)",
    );
    require(
        &cache_dir().join("code-server/node_modules/code-server/out/node/entry.js"),
        "code-server",
    );
    let artifacts = artifacts_dir("vscode");
    let vsix = artifacts.join("copydesk.vsix");

    let package = run(
        Command::new(ext_dir().join("node_modules/.bin/vsce"))
            .args(["package", "--no-dependencies", "--out"])
            .arg(&vsix)
            .current_dir(ext_dir()),
        Duration::from_secs(300),
    );
    assert!(
        package.success() && vsix.is_file(),
        "vsce package failed\n{}",
        package.report()
    );

    let outcome = run(
        Command::new("node")
            .arg(ext_dir().join("test/e2e/run.js"))
            .arg("--vsix")
            .arg(&vsix)
            .arg("--server")
            .arg(copydesk_bin())
            .arg("--code-server")
            .arg(cache_dir().join("code-server"))
            .arg("--chromium")
            .arg(&chromium)
            .arg("--artifacts")
            .arg(&artifacts)
            .current_dir(ext_dir()),
        Duration::from_secs(900),
    );
    assert_checks_and_picture(
        &outcome,
        "vscode-e2e",
        15,
        &artifacts,
        &artifacts.join("vscode-quickfix.png"),
    );
    eprintln!("{}", outcome.stdout);
}
