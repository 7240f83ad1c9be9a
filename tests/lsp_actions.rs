//! Code actions and hover end to end: a quick fix applied by the client
//! removes its diagnostic, "fix all" applies every safe fix, and hovering a
//! flagged word explains its rule.

mod common;

use common::{apply_edits, lint, range, Client};
use copydesk::Syntax;
use serde_json::{json, Value};

const URI: &str = "file:///newsroom/draft.md";

fn client(capabilities: Value) -> Client {
    let mut client = Client::spawn();
    client.initialize(capabilities, json!({ "debounceMs": 0 }));
    client
}

fn code_actions(client: &mut Client, range: Value, diagnostics: Value, only: Value) -> Vec<Value> {
    let mut context = json!({ "diagnostics": diagnostics });
    if !only.is_null() {
        context["only"] = only;
    }
    let answer = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": range, "context": context }),
    );
    answer["result"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no actions: {answer}"))
}

/// The text edits of a workspace edit for `URI`, in either shape.
fn edits_of(action: &Value) -> Vec<Value> {
    let edit = &action["edit"];
    if let Some(changes) = edit["changes"][URI].as_array() {
        return changes.clone();
    }
    edit["documentChanges"][0]["edits"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn a_quick_fix_applied_makes_its_diagnostic_go_away() {
    let mut client = client(json!({}));
    let text = "# Café\n\nCafé owners were very angry, the mayor said.\n";
    client.open(URI, "markdown", 1, text);
    let diagnostics = client.diagnostics(URI, 1);
    let very = diagnostics
        .iter()
        .find(|d| d["code"] == "editorializing/intensifier")
        .expect("“very” flagged")
        .clone();
    let actions = code_actions(
        &mut client,
        very["range"].clone(),
        json!([very]),
        Value::Null,
    );
    let fix = actions
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("a quick fix");
    assert_eq!(fix["isPreferred"], true, "a safe fix is preferred");
    assert_eq!(fix["diagnostics"][0]["code"], "editorializing/intensifier");
    let edits = edits_of(fix);
    let fixed = apply_edits(text, &edits, "utf-16");
    assert_eq!(fixed, "# Café\n\nCafé owners were angry, the mayor said.\n");
    // Sent back as the editor would: the same edits as incremental changes.
    let changes: Vec<Value> = edits
        .iter()
        .map(|e| json!({ "range": e["range"], "text": e["newText"] }))
        .collect();
    client.change(URI, 2, Value::Array(changes));
    let after = client.diagnostics(URI, 2);
    assert!(
        after
            .iter()
            .all(|d| d["code"] != "editorializing/intensifier"),
        "{after:?}"
    );
    assert_eq!(
        common::published(&after),
        common::expected(&fixed, &lint(&fixed, Syntax::Markdown), "utf-16")
    );
    assert!(client.shutdown().success());
}

#[test]
fn a_fix_needing_judgement_is_offered_but_not_preferred() {
    let mut client = client(json!({}));
    let text = "The program costs $4 million.\n";
    client.open(URI, "markdown", 1, text);
    let diagnostics = client.diagnostics(URI, 1);
    let actions = code_actions(
        &mut client,
        diagnostics[0]["range"].clone(),
        json!(diagnostics),
        json!(["quickfix"]),
    );
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert!(actions[0]["isPreferred"].is_null() || actions[0]["isPreferred"] == false);
    assert_eq!(
        apply_edits(text, &edits_of(&actions[0]), "utf-16"),
        "The program costs $4 million, according to [source].\n"
    );
    assert!(client.shutdown().success());
}

#[test]
fn fix_all_applies_every_safe_fix_as_one_versioned_edit() {
    let mut client =
        client(json!({ "workspace": { "workspaceEdit": { "documentChanges": true } } }));
    let text = "Café owners were very angry.\n\n“東京 is really big,” he said. 😀 It was extremely costly.\n\nThe program costs $4 million.\n";
    client.open(URI, "markdown", 4, text);
    client.diagnostics(URI, 4);
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 9, "character": 0 } });
    let actions = code_actions(&mut client, whole, json!([]), json!(["source.fixAll"]));
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.copydesk");
    assert_eq!(actions[0]["title"], "Apply all safe copydesk fixes");
    assert_eq!(
        actions[0]["edit"]["documentChanges"][0]["textDocument"]["version"],
        4
    );
    let findings = lint(text, Syntax::Markdown);
    let expected = copydesk::fix::apply(text, &copydesk::fix::safe_edits(&findings));
    assert_ne!(expected, text);
    assert_eq!(
        apply_edits(text, &edits_of(&actions[0]), "utf-16"),
        expected
    );
    // Quick fixes are not what was asked for, so none come.
    assert!(actions.iter().all(|a| a["kind"] != "quickfix"));
    assert!(client.shutdown().success());
}

#[test]
fn stale_or_foreign_diagnostics_give_no_quick_fix() {
    let mut client = client(json!({}));
    let text = "They were very angry.\n";
    client.open(URI, "markdown", 1, text);
    let diagnostics = client.diagnostics(URI, 1);
    client.change(URI, 2, json!([{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "Oh. " }]));
    client.diagnostics(URI, 2);
    // The diagnostic is for version 1: its byte edits no longer fit.
    let stale = code_actions(
        &mut client,
        diagnostics[0]["range"].clone(),
        json!(diagnostics),
        json!(["quickfix"]),
    );
    assert!(stale.is_empty(), "{stale:?}");
    let mut foreign = diagnostics[0].clone();
    foreign["source"] = json!("spellcheck");
    foreign["data"]["version"] = json!(2);
    assert!(code_actions(
        &mut client,
        foreign["range"].clone(),
        json!([foreign]),
        json!(["quickfix"])
    )
    .is_empty());
    let mut tampered = diagnostics[0].clone();
    tampered["data"] = json!({ "version": 2, "fixes": [{ "title": "x", "safe": true, "edits": [{ "start": 9, "end": 999, "newText": "" }] }] });
    assert!(code_actions(
        &mut client,
        tampered["range"].clone(),
        json!([tampered]),
        json!(["quickfix"])
    )
    .is_empty());
    assert!(client.shutdown().success());
}

#[test]
fn hover_over_a_flagged_word_explains_its_rule() {
    for encoding in ["utf-8", "utf-16", "utf-32"] {
        let mut client = client(json!({ "general": { "positionEncodings": [encoding] } }));
        let text = "Le 😀 café: it was a shocking decision, the mayor said.\n";
        client.open(URI, "markdown", 1, text);
        client.diagnostics(URI, 1);
        let at = text.find("shocking").expect("in text");
        let (line, character) = common::position(text, at + 3, encoding);
        let hover = client.request("textDocument/hover", json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } }));
        let meta = copydesk::rules::find("editorializing/loaded-word")
            .expect("rule")
            .meta();
        assert_eq!(hover["result"]["contents"]["kind"], "markdown");
        assert_eq!(hover["result"]["contents"]["value"], meta.to_markdown());
        assert_eq!(
            hover["result"]["range"],
            range(text, at..at + "shocking".len(), encoding),
            "{encoding}"
        );
        // Nothing flagged there: no hover.
        let (line, character) =
            common::position(text, text.find("mayor").expect("in text"), encoding);
        let none = client.request("textDocument/hover", json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } }));
        assert_eq!(none["result"], Value::Null);
        assert!(client.shutdown().success());
    }
}
