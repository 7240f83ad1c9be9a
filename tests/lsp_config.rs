//! copydesk.toml in a live language-server session: the file that governs
//! an open document is honoured, a change on disk reaches the document, a
//! broken file is reported on itself while the previous configuration
//! stays, the watcher is registered when the client allows, and the
//! "Ignore" code actions insert directives that silence the diagnostic.

mod common;

use common::{codes, file_changed, flagged, range, started, wait_published, Client, Workspace};
use serde_json::{json, Value};

const FAMILY: &str = "editorializing";

/// Copy with a finding of [`FAMILY`].
fn story() -> String {
    flagged(|f| f.rule.starts_with(&format!("{FAMILY}/"))).0
}

fn has_family(diagnostics: &[Value]) -> bool {
    codes(diagnostics)
        .iter()
        .any(|c| c.starts_with(&format!("{FAMILY}/")))
}

#[test]
fn a_family_turned_off_in_copydesk_toml_is_honoured() {
    let workspace = Workspace::new();
    workspace.write("copydesk.toml", &format!("[rules]\n{FAMILY} = \"off\"\n"));
    let text = story();
    let mut client = started(json!({}));
    let governed = workspace.uri("story.md");
    client.open(&governed, "markdown", 1, &text);
    let diagnostics = client.diagnostics(&governed, 1);
    assert!(!has_family(&diagnostics), "{:?}", codes(&diagnostics));
    // The same copy where no configuration applies is flagged.
    let free = format!("untitled:{}", "Untitled-1");
    client.open(&free, "markdown", 1, &text);
    let diagnostics = client.diagnostics(&free, 1);
    assert!(has_family(&diagnostics), "{:?}", codes(&diagnostics));
    client.shutdown();
}

#[test]
fn a_changed_copydesk_toml_reaches_the_open_document() {
    let workspace = Workspace::new();
    let text = story();
    let mut client = started(json!({}));
    let uri = workspace.uri("story.md");
    client.open(&uri, "markdown", 1, &text);
    let before = client.diagnostics(&uri, 1);
    assert!(has_family(&before), "{:?}", codes(&before));

    workspace.write("copydesk.toml", &format!("[rules]\n{FAMILY} = \"off\"\n"));
    file_changed(&mut client, &workspace.path("copydesk.toml"));
    wait_published(&mut client, &uri, "diagnostics without the family", |d| {
        !has_family(d)
    });

    workspace.write("copydesk.toml", "[rules]\n");
    file_changed(&mut client, &workspace.path("copydesk.toml"));
    wait_published(
        &mut client,
        &uri,
        "diagnostics with the family again",
        has_family,
    );
    client.shutdown();
}

#[test]
fn a_broken_copydesk_toml_is_reported_and_the_previous_one_stays() {
    let workspace = Workspace::new();
    workspace.write("copydesk.toml", &format!("[rules]\n{FAMILY} = \"off\"\n"));
    let text = story();
    let mut client = started(json!({}));
    let uri = workspace.uri("story.md");
    client.open(&uri, "markdown", 1, &text);
    let before = client.diagnostics(&uri, 1);
    assert!(!has_family(&before), "{:?}", codes(&before));

    // Line 3 names a level that does not exist; line 2 would turn the
    // family back on, were the file usable.
    workspace.write(
        "copydesk.toml",
        &format!("[rules]\n{FAMILY} = \"hint\"\nfigures = \"loud\"\n"),
    );
    file_changed(&mut client, &workspace.path("copydesk.toml"));
    let config_uri = workspace.uri("copydesk.toml");
    let reported = wait_published(&mut client, &config_uri, "the config error", |d| {
        !d.is_empty()
    });
    assert_eq!(reported.len(), 1, "{reported:?}");
    let error = &reported[0];
    assert_eq!(error["source"], "copydesk", "{error}");
    assert_eq!(error["code"], "config", "{error}");
    assert_eq!(error["severity"], 1, "{error}");
    assert_eq!(error["range"]["start"]["line"], 2, "{error}");
    let shown = client.wait_shown();
    assert!(shown.contains("copydesk.toml"), "{shown}");
    // Linted again, still with the last good configuration.
    let after = client.diagnostics(&uri, 1);
    assert!(!has_family(&after), "{:?}", codes(&after));

    // Mended: the error goes, and the new file applies.
    workspace.write("copydesk.toml", "[rules]\n");
    file_changed(&mut client, &workspace.path("copydesk.toml"));
    wait_published(&mut client, &config_uri, "the config error cleared", |d| {
        d.is_empty()
    });
    wait_published(&mut client, &uri, "diagnostics with the family", |d| {
        has_family(d)
    });
    client.shutdown();
}

#[test]
fn a_copydesk_toml_linked_out_of_the_repository_is_refused_on_reload() {
    let workspace = Workspace::new();
    let outside = tempfile::tempdir().expect("a temporary folder");
    let secret = outside.path().join("elsewhere.toml");
    std::fs::write(&secret, format!("[rules]\n{FAMILY} = \"off\"\n")).expect("writable");
    let mut client = started(json!({}));
    // The file appears as a link to a file outside the repository, before
    // any document it governs is open: the report on the changed file
    // refuses it, as discovery does, without reading through the link.
    std::os::unix::fs::symlink(&secret, workspace.path("copydesk.toml")).expect("symlink");
    file_changed(&mut client, &workspace.path("copydesk.toml"));
    let config_uri = workspace.uri("copydesk.toml");
    let reported = wait_published(&mut client, &config_uri, "the refusal", |d| !d.is_empty());
    let message = reported[0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("outside"), "{message}");
    // And it does not apply.
    let uri = workspace.uri("story.md");
    client.open(&uri, "markdown", 1, &story());
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(has_family(&diagnostics), "{:?}", codes(&diagnostics));
    client.shutdown();
}

#[test]
fn saving_a_copydesk_toml_open_in_the_editor_reloads_it() {
    let workspace = Workspace::new();
    workspace.write("copydesk.toml", "[rules]\n");
    let text = story();
    let mut client = started(json!({}));
    let uri = workspace.uri("story.md");
    client.open(&uri, "markdown", 1, &text);
    let before = client.diagnostics(&uri, 1);
    assert!(has_family(&before), "{:?}", codes(&before));

    let config_uri = workspace.uri("copydesk.toml");
    client.open(&config_uri, "toml", 1, "[rules]\n");
    let off = format!("[rules]\n{FAMILY} = \"off\"\n");
    workspace.write("copydesk.toml", &off);
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": config_uri } }),
    );
    wait_published(&mut client, &uri, "diagnostics without the family", |d| {
        !has_family(d)
    });
    // The configuration file itself is not linted as copy.
    client.sync();
    assert!(!client.ever_flagged(&config_uri), "{:?}", client.published);
    client.shutdown();
}

fn registrations(client: &Client) -> Vec<Value> {
    client
        .server_request_messages
        .iter()
        .filter(|m| m["method"] == "client/registerCapability")
        .flat_map(|m| {
            m["params"]["registrations"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn the_config_watcher_is_registered_when_the_client_allows() {
    let mut watching = started(
        json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } }),
    );
    watching.wait_server_request("client/registerCapability");
    let asked = registrations(&watching);
    let watcher = asked
        .iter()
        .find(|r| r["method"] == "workspace/didChangeWatchedFiles")
        .unwrap_or_else(|| panic!("no watcher in {asked:?}"));
    let globs: Vec<&str> = watcher["registerOptions"]["watchers"]
        .as_array()
        .map(|w| w.iter().filter_map(|w| w["globPattern"].as_str()).collect())
        .unwrap_or_default();
    // Every TOML file: configuration and style files alike.
    assert_eq!(globs, ["**/*.toml"]);
    watching.shutdown();

    let mut plain = started(json!({}));
    for _ in 0..20 {
        plain.sync();
    }
    assert!(registrations(&plain).is_empty());
    plain.shutdown();
}

/// The text after the code action titled `title` on the diagnostic of
/// `rule` at `at`, which must be among `diagnostics`.
fn ignored_text(
    client: &mut Client,
    uri: &str,
    text: &str,
    diagnostics: &[Value],
    (rule, at): (&str, &Value),
    title: &str,
) -> String {
    let diagnostic = diagnostics
        .iter()
        .find(|d| d["code"] == rule && &d["range"] == at)
        .unwrap_or_else(|| panic!("{rule} at {at} not in {diagnostics:?}"));
    let (action, ignored) = client.act(uri, text, diagnostic, title);
    assert_eq!(action["kind"], "quickfix", "{action}");
    assert_ne!(action["isPreferred"], true, "{action}");
    ignored
}

#[test]
fn the_ignore_actions_silence_the_diagnostic() {
    let workspace = Workspace::new();
    let (text, finding) = flagged(|f| f.rule.starts_with(&format!("{FAMILY}/")));
    let rule = finding.rule;
    let at = range(&text, finding.span.clone(), "utf-16");
    let mut client = started(json!({}));
    let uri = workspace.uri("story.md");
    client.open(&uri, "markdown", 1, &text);
    let diagnostics = client.diagnostics(&uri, 1);
    let line = &at["start"]["line"];

    let title = format!("Ignore {rule} on this line");
    let ignored = ignored_text(&mut client, &uri, &text, &diagnostics, (rule, &at), &title);
    assert!(ignored.contains("copydesk-disable"), "{ignored}");
    client.change(&uri, 2, json!([{ "text": ignored }]));
    let after = client.diagnostics(&uri, 2);
    assert!(
        !after
            .iter()
            .any(|d| d["code"] == rule && &d["range"]["start"]["line"] == line),
        "{after:?}"
    );

    // Back to the original copy; the whole file this time.
    client.change(&uri, 3, json!([{ "text": text }]));
    let again = client.diagnostics(&uri, 3);
    let title = format!("Ignore {rule} in this file");
    let ignored = ignored_text(&mut client, &uri, &text, &again, (rule, &at), &title);
    client.change(&uri, 4, json!([{ "text": ignored }]));
    let after = client.diagnostics(&uri, 4);
    assert!(!after.iter().any(|d| d["code"] == rule), "{after:?}");
    client.shutdown();
}
