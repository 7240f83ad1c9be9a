//! The editor configurations under editors/ that no test drives end to end
//! (Helix, Zed, Sublime LSP, nvim-lspconfig) are at least well-formed and
//! start `copydesk lsp`; the VS Code extension's settings mirror the rules
//! the server knows; and every README carries the snippet files verbatim.

mod editor_common;

use std::collections::BTreeSet;
use std::fs;

use editor_common::repo;

fn read(path: &str) -> String {
    fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn toml(path: &str) -> toml::Value {
    toml::from_str(&read(path)).unwrap_or_else(|e| panic!("{path} is not valid TOML: {e}"))
}

fn json(path: &str) -> serde_json::Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{path} is not valid JSON: {e}"))
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

#[test]
fn every_editor_has_a_readme() {
    for editor in ["vscode", "neovim", "helix", "emacs", "zed", "sublime"] {
        let readme = read(&format!("editors/{editor}/README.md"));
        assert!(
            readme.contains("copydesk"),
            "editors/{editor}/README.md says nothing about copydesk"
        );
        assert!(
            readme.contains("cargo install"),
            "editors/{editor}/README.md does not say how to install the server"
        );
    }
}

#[test]
fn helix_languages_toml_starts_the_server_for_prose() {
    let doc = toml("editors/helix/languages.toml");
    let server = &doc["language-server"]["copydesk"];
    assert_eq!(server["command"].as_str(), Some("copydesk"));
    assert_eq!(
        server["args"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>()),
        Some(vec!["lsp"])
    );
    assert!(
        server["config"]["debounceMs"].as_integer().is_some(),
        "config must use the server's camelCase keys"
    );
    let langs = doc["language"].as_array().expect("[[language]]");
    let names: BTreeSet<&str> = langs.iter().filter_map(|l| l["name"].as_str()).collect();
    assert!(
        names.contains("markdown") && names.contains("git-commit"),
        "{names:?}"
    );
    for lang in langs {
        let servers: Vec<&str> = lang["language-servers"]
            .as_array()
            .expect("language-servers")
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert!(servers.contains(&"copydesk"), "{lang:?}");
    }
    assert!(
        read("editors/helix/README.md").contains(&read("editors/helix/languages.toml")),
        "the Helix README must carry languages.toml verbatim"
    );
}

#[test]
fn sublime_lsp_settings_start_the_server() {
    let doc = json("editors/sublime/LSP.sublime-settings");
    let client = &doc["clients"]["copydesk"];
    assert_eq!(strings(&client["command"]), ["copydesk", "lsp"]);
    let selector = client["selector"].as_str().expect("selector");
    assert!(
        selector.contains("text.html.markdown") && selector.contains("text.plain"),
        "{selector}"
    );
    assert!(client["initializationOptions"]["severity"].is_object());
    assert!(
        read("editors/sublime/README.md").contains(&read("editors/sublime/LSP.sublime-settings"))
    );
}

#[test]
fn zed_extension_and_settings_agree() {
    let ext = toml("editors/zed/extension.toml");
    let langs: Vec<&str> = ext["language_servers"]["copydesk"]["languages"]
        .as_array()
        .expect("languages")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        langs.contains(&"Markdown") && langs.contains(&"Plain Text"),
        "{langs:?}"
    );
    let settings = json("editors/zed/settings.json");
    for lang in &langs {
        let servers = strings(&settings["languages"][lang]["language_servers"]);
        assert!(
            servers.contains(&"copydesk".to_string()),
            "{lang}: {servers:?}"
        );
    }
    assert_eq!(
        strings(&settings["lsp"]["copydesk"]["binary"]["arguments"]),
        ["lsp"]
    );
    let lib = read("editors/zed/src/lib.rs");
    assert!(
        lib.contains("\"lsp\"") && lib.contains("worktree.which(SERVER)"),
        "the extension must run `copydesk lsp` from PATH"
    );
    assert!(read("editors/zed/README.md").contains(&read("editors/zed/settings.json")));
}

#[test]
fn neovim_readme_carries_the_snippets_verbatim() {
    let readme = read("editors/neovim/README.md");
    for snippet in [
        "editors/neovim/snippets/nvim-0.11.lua",
        "editors/neovim/snippets/lspconfig.lua",
    ] {
        assert!(
            readme.contains(read(snippet).trim_end()),
            "editors/neovim/README.md must contain {snippet} verbatim"
        );
    }
}

#[test]
fn emacs_readme_carries_the_snippets_verbatim() {
    let readme = read("editors/emacs/README.md");
    for snippet in [
        "editors/emacs/copydesk-eglot.el",
        "editors/emacs/copydesk-lsp-mode.el",
    ] {
        assert!(
            readme.contains(read(snippet).trim_end()),
            "editors/emacs/README.md must contain {snippet} verbatim"
        );
    }
}

/// The extension's settings name only families and rules the server knows,
/// with the right defaults, and include the three newsroom families. A rule
/// or family added since the last sync is reported, not failed: the setting
/// still accepts it (`additionalProperties`), it only lacks a description
/// and autocompletion until someone runs
/// `node editors/vscode/scripts/sync-rules.mjs target/debug/copydesk`.
#[test]
fn vscode_settings_mirror_the_rules() {
    let fix = "run `node editors/vscode/scripts/sync-rules.mjs target/debug/copydesk` to update editors/vscode/package.json";
    let pkg = json("editors/vscode/package.json");
    let props = pkg["contributes"]["configuration"]["properties"]
        .as_object()
        .expect("properties");
    let families: BTreeSet<String> = copydesk::rules::families()
        .into_iter()
        .map(String::from)
        .collect();
    let switches: BTreeSet<String> = props
        .keys()
        .filter_map(|k| k.strip_prefix("copydesk.families."))
        .map(String::from)
        .collect();
    for f in ["attribution", "editorializing", "figures"] {
        assert!(
            switches.contains(f),
            "no copydesk.families.{f} switch: {fix}"
        );
    }
    let stale: Vec<&String> = switches.difference(&families).collect();
    assert!(
        stale.is_empty(),
        "family switches for families the server does not know: {stale:?}: {fix}"
    );
    for f in &switches {
        assert_eq!(
            props[&format!("copydesk.families.{f}")]["default"],
            serde_json::json!(true)
        );
    }
    let severity = props["copydesk.severity"]["properties"]
        .as_object()
        .expect("copydesk.severity.properties");
    let mut known: BTreeSet<String> = families.clone();
    let mut unlisted = Vec::new();
    for m in copydesk::rules::catalogue() {
        known.insert(m.id.clone());
        let Some(entry) = severity.get(&m.id) else {
            unlisted.push(m.id.clone());
            continue;
        };
        let description = entry["description"].as_str().unwrap_or_default();
        assert!(
            description.ends_with(&format!("Default: {}.", m.severity)),
            "{}: {description:?}: {fix}",
            m.id
        );
        assert_eq!(
            strings(&entry["enum"]),
            ["off", "hint", "info", "warning", "error"]
        );
    }
    let stale: Vec<&String> = severity.keys().filter(|k| !known.contains(*k)).collect();
    assert!(
        stale.is_empty(),
        "copydesk.severity lists rules or families the server does not know: {stale:?}: {fix}"
    );
    let missing_switches: Vec<&String> = families.difference(&switches).collect();
    if !unlisted.is_empty() || !missing_switches.is_empty() {
        eprintln!("note: the VS Code settings do not list {unlisted:?} / families {missing_switches:?} yet: {fix}");
    }
    assert_eq!(
        props["copydesk.debounceMs"]["default"],
        serde_json::json!(50)
    );
    assert_eq!(
        strings(&props["copydesk.languages"]["default"]),
        ["markdown", "plaintext"]
    );
}

/// The extension's activation events and commands are the ones its code registers.
#[test]
fn vscode_manifest_matches_the_code() {
    let pkg = json("editors/vscode/package.json");
    let code = read("editors/vscode/src/extension.ts");
    for cmd in pkg["contributes"]["commands"].as_array().expect("commands") {
        let id = cmd["command"].as_str().expect("id");
        assert!(
            code.contains(&format!("\"{id}\"")),
            "{id} is contributed but not registered"
        );
    }
    let events = strings(&pkg["activationEvents"]);
    for lang in ["markdown", "plaintext", "git-commit"] {
        assert!(events.contains(&format!("onLanguage:{lang}")), "{events:?}");
    }
    let deps = &pkg["dependencies"]["vscode-languageclient"];
    assert!(deps.as_str().is_some_and(|v| v.starts_with('^')), "{deps}");
    assert!(
        repo().join("editors/vscode/package-lock.json").is_file(),
        "commit package-lock.json"
    );
}
