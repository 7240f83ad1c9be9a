//! A desk's style files in a live language-server session: house rules are
//! diagnosed, explained on hover as `copydesk explain` explains them and
//! fixed by code actions; a style file changed on disk (or saved in the
//! editor) reaches the open document; a broken one is reported on itself,
//! at the line at fault, while the previous rules stay; and a TOML file
//! outside the styles folder changes nothing.

mod common;

use std::process::Command;

use common::{codes, file_changed, started, wait_published, Client, Workspace};
use serde_json::{json, Value};

/// The style file, relative to the workspace.
const STYLE_FILE: &str = "styles/house.toml";

const KYIV: &str = r#"[[rule]]
id = "kyiv"
kind = "substitution"
swap = { "Kiev" = "Kyiv" }
safe = true
explanation = "AP changed to the Ukrainian spelling in 2019."
link = "https://stylebook.example/places#kyiv"
"#;

/// A second rule, added while the document is open.
const TUESDAY: &str = r#"
[[rule]]
id = "tuesday"
kind = "existence"
tokens = ["Tuesday"]
message = "Give the date, not the day."
link = "javascript:alert(1)"
"#;

/// A rule whose pattern does not compile; the `pattern` line is at fault.
const BROKEN: &str = r#"
[[rule]]
id = "spokesman"
kind = "existence"
pattern = "("
message = "Say spokesperson."
"#;

const STORY: &str = "The mayor of Kiev spoke on Tuesday.\n";

/// A repository whose copydesk.toml names a styles folder holding `style`.
fn desk(style: &str) -> Workspace {
    let workspace = Workspace::new();
    workspace.write("copydesk.toml", "styles = \"styles\"\n");
    workspace.write(STYLE_FILE, style);
    workspace
}

fn has(diagnostics: &[Value], rule: &str) -> bool {
    codes(diagnostics).iter().any(|c| c == rule)
}

/// A client with the story open in `workspace`, and its first diagnostics.
fn open_story(workspace: &Workspace) -> (Client, String, Vec<Value>) {
    let mut client = started(json!({}));
    let uri = workspace.uri("story.md");
    client.open(&uri, "markdown", 1, STORY);
    let diagnostics = client.diagnostics(&uri, 1);
    (client, uri, diagnostics)
}

/// What `copydesk explain rule` prints, run in `workspace`.
fn explained(workspace: &Workspace, rule: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["explain", rule])
        .current_dir(workspace.path(""))
        .output()
        .expect("copydesk runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Adds the Tuesday rule to the style file, says it changed, and waits
/// for the story at `uri` to be flagged by both rules.
fn add_a_rule(client: &mut Client, workspace: &Workspace, uri: &str) {
    workspace.write(STYLE_FILE, &format!("{KYIV}{TUESDAY}"));
    file_changed(client, &workspace.path(STYLE_FILE));
    let after = wait_published(client, uri, "the new house rule", |d| {
        has(d, "house/tuesday")
    });
    assert!(has(&after, "house/kyiv"), "{:?}", codes(&after));
}

#[test]
fn a_house_rule_is_diagnosed_explained_on_hover_and_fixed() {
    let workspace = desk(KYIV);
    let (mut client, uri, diagnostics) = open_story(&workspace);
    let kyiv = diagnostics
        .iter()
        .find(|d| d["code"] == "house/kyiv")
        .unwrap_or_else(|| panic!("no house/kyiv in {:?}", codes(&diagnostics)))
        .clone();
    let at = STORY.find("Kiev").expect("Kiev in the story");
    assert_eq!(
        kyiv["range"]["start"],
        json!({ "line": 0, "character": at })
    );
    assert_eq!(kyiv["source"], "copydesk", "{kyiv}");
    // The stylebook entry the rule names is the diagnostic's link.
    assert_eq!(
        kyiv["codeDescription"]["href"],
        "https://stylebook.example/places#kyiv"
    );

    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": kyiv["range"]["start"] }),
    );
    let shown = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("no hover: {hover}"));
    assert!(
        shown.contains("AP changed to the Ukrainian spelling"),
        "{shown}"
    );
    assert_eq!(shown.trim(), explained(&workspace, "house/kyiv").trim());
    // Where nothing is flagged, there is nothing to explain.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(hover["result"], Value::Null, "{hover}");

    let (action, fixed) = client.act(&uri, STORY, &kyiv, "Replace with “Kyiv”");
    assert_eq!(action["kind"], "quickfix", "{action}");
    assert_eq!(fixed, "The mayor of Kyiv spoke on Tuesday.\n");
    client.shutdown();
}

#[test]
fn a_document_no_stylebook_governs_has_no_house_rules() {
    let workspace = Workspace::new();
    workspace.write(STYLE_FILE, KYIV);
    // The style file is there, but no copydesk.toml names it.
    let (client, _, diagnostics) = open_story(&workspace);
    assert!(
        !has(&diagnostics, "house/kyiv"),
        "{:?}",
        codes(&diagnostics)
    );
    client.shutdown();
}

#[test]
fn a_rule_added_to_a_style_file_reaches_the_open_document() {
    let workspace = desk(KYIV);
    let (mut client, uri, before) = open_story(&workspace);
    assert!(has(&before, "house/kyiv"), "{:?}", codes(&before));
    assert!(!has(&before, "house/tuesday"), "{:?}", codes(&before));
    add_a_rule(&mut client, &workspace, &uri);
    client.shutdown();
}

#[test]
fn saving_a_style_file_open_in_the_editor_reloads_it() {
    let workspace = desk(KYIV);
    let (mut client, uri, before) = open_story(&workspace);
    assert!(!has(&before, "house/tuesday"), "{:?}", codes(&before));

    let style_uri = workspace.uri(STYLE_FILE);
    client.open(&style_uri, "toml", 1, KYIV);
    workspace.write(STYLE_FILE, &format!("{KYIV}{TUESDAY}"));
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": style_uri } }),
    );
    let published = wait_published(&mut client, &uri, "the new house rule", |d| {
        has(d, "house/tuesday")
    });
    // A link that is not a web address is not offered.
    let tuesday = published.iter().find(|d| d["code"] == "house/tuesday");
    assert!(
        tuesday.is_some_and(|d| d.get("codeDescription").is_none()),
        "{tuesday:?}"
    );
    // The style file itself is not linted as copy.
    client.sync();
    assert!(!client.ever_flagged(&style_uri), "{:?}", client.published);
    client.shutdown();
}

#[test]
fn a_broken_style_file_is_reported_on_itself_and_the_previous_rules_stay() {
    let workspace = desk(KYIV);
    let (mut client, uri, before) = open_story(&workspace);
    assert!(has(&before, "house/kyiv"), "{:?}", codes(&before));

    // Were the file taken in part, the valid new rule would apply.
    let broken = format!("{KYIV}{TUESDAY}{BROKEN}");
    workspace.write(STYLE_FILE, &broken);
    file_changed(&mut client, &workspace.path(STYLE_FILE));
    let style_uri = workspace.uri(STYLE_FILE);
    let reported = wait_published(&mut client, &style_uri, "the style file's error", |d| {
        !d.is_empty()
    });
    assert_eq!(reported.len(), 1, "{reported:?}");
    let error = &reported[0];
    assert_eq!(error["code"], "config", "{error}");
    assert_eq!(error["severity"], 1, "{error}");
    let line = broken
        .lines()
        .position(|l| l.starts_with("pattern"))
        .expect("a pattern line");
    assert_eq!(error["range"]["start"]["line"], line, "{error}");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("regular expression")),
        "{error}"
    );
    let shown = client.wait_shown();
    assert!(shown.contains("house.toml"), "{shown}");
    // Nothing on copydesk.toml, which is fine.
    let config_uri = workspace.uri("copydesk.toml");
    assert!(!client.ever_flagged(&config_uri), "{:?}", client.published);
    // Linted again, with the last good rules.
    let during = client.diagnostics(&uri, 1);
    assert!(has(&during, "house/kyiv"), "{:?}", codes(&during));
    assert!(!has(&during, "house/tuesday"), "{:?}", codes(&during));

    // Mended: the new rules apply, and the error goes.
    add_a_rule(&mut client, &workspace, &uri);
    wait_published(&mut client, &style_uri, "the error cleared", |d| {
        d.is_empty()
    });
    client.shutdown();
}

#[test]
fn a_toml_file_outside_the_styles_folder_reloads_nothing() {
    let workspace = desk(KYIV);
    let (mut client, uri, before) = open_story(&workspace);
    assert!(!has(&before, "house/tuesday"), "{:?}", codes(&before));

    // The style file gains a rule on disk, unannounced; only a file outside
    // the styles folder is said to change. Reloading would bring the rule.
    workspace.write(STYLE_FILE, &format!("{KYIV}{TUESDAY}"));
    workspace.write("drafts/house.toml", BROKEN);
    let seen = client.published.len();
    file_changed(&mut client, &workspace.path("drafts/house.toml"));
    for _ in 0..20 {
        client.sync();
    }
    let drafts = workspace.uri("drafts/house.toml");
    let since = &client.published[seen..];
    assert!(
        !since.iter().any(|p| p["uri"] == uri || p["uri"] == drafts),
        "{since:?}"
    );
    client.change(&uri, 2, json!([{ "text": STORY }]));
    let unchanged = client.diagnostics(&uri, 2);
    assert!(!has(&unchanged, "house/tuesday"), "{:?}", codes(&unchanged));

    // The style file itself changing does reload.
    file_changed(&mut client, &workspace.path(STYLE_FILE));
    wait_published(&mut client, &uri, "the new rule", |d| {
        has(d, "house/tuesday")
    });
    client.shutdown();
}
