//! Code actions and hover end to end: a quick fix applied by the client
//! removes its diagnostic, "fix all" applies every safe fix, and hovering a
//! flagged word explains its rule. The copy comes from the rules' own bad
//! examples, the expectations from the library.

mod common;

use common::{apply_edits, flagged, lint, range, Client};
use copydesk::{rules, Finding, Syntax};
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
    let actions = answer["result"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no actions: {answer}"));
    // Every diagnostic also offers "Ignore RULE on this line / in this file"
    // (tested in tests/lsp_config.rs); these tests count the rule's own fixes.
    actions
        .into_iter()
        .filter(|a| {
            !a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Ignore "))
        })
        .collect()
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

/// The published diagnostic of `finding`.
fn diagnostic_of(diagnostics: &[Value], text: &str, finding: &Finding) -> Value {
    let at = range(text, finding.span.clone(), "utf-16");
    diagnostics
        .iter()
        .find(|d| d["code"] == finding.rule && d["range"] == at)
        .cloned()
        .unwrap_or_else(|| panic!("{finding:?} not in {diagnostics:?}"))
}

#[test]
fn a_quick_fix_applied_makes_its_diagnostic_go_away() {
    let mut client = client(json!({}));
    let (text, finding) = flagged(|f| f.fixes.iter().any(|x| x.safe));
    client.open(URI, "markdown", 1, &text);
    let diagnostics = client.diagnostics(URI, 1);
    let diagnostic = diagnostic_of(&diagnostics, &text, &finding);
    let actions = code_actions(
        &mut client,
        diagnostic["range"].clone(),
        json!([diagnostic]),
        Value::Null,
    );
    let safe = finding.fixes.iter().find(|x| x.safe).expect("a safe fix");
    let fix = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["title"] == *safe.title)
        .expect("the safe fix offered");
    assert_eq!(fix["isPreferred"], true, "a safe fix is preferred");
    assert_eq!(fix["diagnostics"][0]["code"], finding.rule);
    let edits = edits_of(fix);
    let fixed = apply_edits(&text, &edits, "utf-16");
    assert_eq!(fixed, copydesk::fix::apply(&text, &safe.edits));
    // Sent back as the editor would: the same edits as incremental changes.
    let changes: Vec<Value> = edits
        .iter()
        .map(|e| json!({ "range": e["range"], "text": e["newText"] }))
        .collect();
    client.change(URI, 2, Value::Array(changes));
    let after = client.diagnostics(URI, 2);
    assert_eq!(
        common::published(&after),
        common::expected(&fixed, &lint(&fixed, Syntax::Markdown), "utf-16")
    );
    let count = |d: &[Value]| d.iter().filter(|d| d["code"] == finding.rule).count();
    assert!(
        count(&after) < count(&diagnostics),
        "the fix resolved its finding: {after:?}"
    );
    assert!(client.shutdown().success());
}

#[test]
fn a_fix_needing_judgement_is_offered_but_not_preferred() {
    let mut client = client(json!({}));
    let (text, finding) = flagged(|f| !f.fixes.is_empty() && f.fixes.iter().all(|x| !x.safe));
    client.open(URI, "markdown", 1, &text);
    let diagnostics = client.diagnostics(URI, 1);
    let diagnostic = diagnostic_of(&diagnostics, &text, &finding);
    let actions = code_actions(
        &mut client,
        diagnostic["range"].clone(),
        json!([diagnostic]),
        json!(["quickfix"]),
    );
    assert_eq!(actions.len(), finding.fixes.len(), "{actions:?}");
    for (action, fix) in actions.iter().zip(&finding.fixes) {
        assert!(action["isPreferred"].is_null() || action["isPreferred"] == false);
        assert_eq!(action["title"], *fix.title);
        assert_eq!(
            apply_edits(&text, &edits_of(action), "utf-16"),
            copydesk::fix::apply(&text, &fix.edits)
        );
    }
    assert!(client.shutdown().success());
}

#[test]
fn fix_all_applies_every_safe_fix_as_one_versioned_edit() {
    let mut client =
        client(json!({ "workspace": { "workspaceEdit": { "documentChanges": true } } }));
    let examples = common::examples(|f| f.fixes.iter().any(|x| x.safe));
    assert!(examples.len() >= 2, "{examples:?}");
    let text = format!("# Café 😀 “東京”\n\n{}\n", examples.join("\n\n東京 😀 "));
    client.open(URI, "markdown", 4, &text);
    client.diagnostics(URI, 4);
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 999, "character": 0 } });
    let actions = code_actions(&mut client, whole, json!([]), json!(["source.fixAll"]));
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.copydesk");
    assert_eq!(actions[0]["title"], "Apply all safe copydesk fixes");
    assert_eq!(
        actions[0]["edit"]["documentChanges"][0]["textDocument"]["version"],
        4
    );
    let findings = lint(&text, Syntax::Markdown);
    let expected = copydesk::fix::apply(&text, &copydesk::fix::safe_edits(&findings));
    assert_ne!(expected, text);
    assert_eq!(
        apply_edits(&text, &edits_of(&actions[0]), "utf-16"),
        expected
    );
    // Quick fixes are not what was asked for, so none come.
    assert!(actions.iter().all(|a| a["kind"] != "quickfix"));
    assert!(client.shutdown().success());
}

#[test]
fn stale_or_foreign_diagnostics_give_no_quick_fix() {
    let mut client = client(json!({}));
    let (text, finding) = flagged(|f| !f.fixes.is_empty());
    client.open(URI, "markdown", 1, &text);
    let diagnostic = diagnostic_of(&client.diagnostics(URI, 1), &text, &finding);
    assert_eq!(
        code_actions(
            &mut client,
            diagnostic["range"].clone(),
            json!([diagnostic]),
            json!(["quickfix"])
        )
        .len(),
        finding.fixes.len()
    );
    client.change(URI, 2, json!([{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "Oh. " }]));
    client.diagnostics(URI, 2);
    // The diagnostic is for version 1: its byte edits no longer fit.
    let stale = code_actions(
        &mut client,
        diagnostic["range"].clone(),
        json!([diagnostic]),
        json!(["quickfix"]),
    );
    assert!(stale.is_empty(), "{stale:?}");
    let mut foreign = diagnostic.clone();
    foreign["source"] = json!("spellcheck");
    foreign["data"]["version"] = json!(2);
    assert!(code_actions(
        &mut client,
        foreign["range"].clone(),
        json!([foreign]),
        json!(["quickfix"])
    )
    .is_empty());
    let mut tampered = diagnostic.clone();
    tampered["data"] = json!({ "version": 2, "fixes": [{ "title": "x", "safe": true, "edits": [{ "start": 9, "end": 999999, "newText": "" }] }] });
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
    let (text, finding) = flagged(|f| f.span.len() >= 2);
    // The "#" of the heading: markup, never flagged.
    let clean = 0;
    for encoding in ["utf-8", "utf-16", "utf-32"] {
        let mut client = client(json!({ "general": { "positionEncodings": [encoding] } }));
        client.open(URI, "markdown", 1, &text);
        client.diagnostics(URI, 1);
        let inside = (finding.span.start + 1..)
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(finding.span.start);
        let (line, character) = common::position(&text, inside, encoding);
        let hover = client.request("textDocument/hover", json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } }));
        let markdown = rules::find(finding.rule).expect("rule").to_markdown();
        assert_eq!(hover["result"]["contents"]["kind"], "markdown");
        assert!(
            hover["result"]["contents"]["value"]
                .as_str()
                .unwrap_or_default()
                .contains(&markdown),
            "{hover}"
        );
        let hovered = &hover["result"]["range"];
        let (start, end) = (&hovered["start"], &hovered["end"]);
        let before = |a: &Value, b: &Value| {
            (a["line"].as_u64(), a["character"].as_u64())
                <= (b["line"].as_u64(), b["character"].as_u64())
        };
        let at = json!({ "line": line, "character": character });
        assert!(
            before(start, &at) && before(&at, end),
            "{hovered} does not hold {at} ({encoding})"
        );
        // Nothing flagged there: no hover.
        let (line, character) = common::position(&text, clean, encoding);
        let none = client.request("textDocument/hover", json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } }));
        assert_eq!(none["result"], Value::Null);
        assert!(client.shutdown().success());
    }
}
