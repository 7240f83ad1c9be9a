//! The language server end to end over stdio: initialisation and position
//! encodings, diagnostics on open and on change, settings, pulled
//! diagnostics, closing and shutting down.
//!
//! What the rules flag is the library's business: the copy comes from the
//! rules' own bad examples and the expectations from the library, and these
//! tests check what the server makes of them.

mod common;

use common::{expected, flagged, lint, lint_with, position, published, Client};
use copydesk::{rules, Syntax};
use serde_json::{json, Value};

const URI: &str = "file:///newsroom/draft.md";

fn push_client() -> Client {
    let mut client = Client::spawn();
    client.initialize(json!({}), json!({ "debounceMs": 0 }));
    client
}

/// (rule, severity) of published diagnostics.
fn rules_of(diagnostics: &[Value]) -> Vec<(String, i64)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["severity"].as_i64().unwrap_or(0),
            )
        })
        .collect()
}

/// (rule, protocol severity) of library findings.
fn rules_expected(findings: &[copydesk::Finding]) -> Vec<(String, i64)> {
    use copydesk::Severity::*;
    findings
        .iter()
        .map(|f| {
            (
                f.rule.to_string(),
                match f.severity {
                    Error => 1,
                    Warning => 2,
                    Info => 3,
                    Hint => 4,
                },
            )
        })
        .collect()
}

#[test]
fn each_position_encoding_is_negotiated_and_used() {
    // A finding after accented letters, curly quotes, CJK and an emoji on its line.
    let (text, finding) = flagged(|_| true);
    let mut columns = Vec::new();
    for (offered, chosen) in [
        (json!(["utf-8"]), "utf-8"),
        (json!(["utf-16"]), "utf-16"),
        (json!(["utf-32"]), "utf-32"),
        (json!(["utf-32", "utf-8"]), "utf-32"),
        (json!(["latin-1"]), "utf-16"),
        (Value::Null, "utf-16"),
    ] {
        let mut client = Client::spawn();
        let capabilities = if offered.is_null() {
            json!({})
        } else {
            json!({ "general": { "positionEncodings": offered } })
        };
        let result = client.initialize(capabilities, json!({ "debounceMs": 0 }));
        assert_eq!(
            result["capabilities"]["positionEncoding"], chosen,
            "offered {offered}"
        );
        assert_eq!(
            result["capabilities"]["textDocumentSync"]["change"], 2,
            "incremental sync"
        );
        client.open(URI, "markdown", 1, &text);
        let diagnostics = client.diagnostics(URI, 1);
        assert_eq!(
            published(&diagnostics),
            expected(&text, &lint(&text, Syntax::Markdown), chosen),
            "{chosen}"
        );
        let (line, character) = position(&text, finding.span.start, chosen);
        let at = json!({ "line": line, "character": character });
        assert!(
            diagnostics
                .iter()
                .any(|d| d["code"] == finding.rule && d["range"]["start"] == at),
            "{chosen}"
        );
        columns.push((chosen, character));
        assert!(client.shutdown().success());
    }
    // The same place is further along in bytes than in UTF-16 units, and in
    // those than in characters: the encodings were really used.
    let column = |e: &str| {
        columns
            .iter()
            .find(|(c, _)| *c == e)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    };
    assert!(
        column("utf-8") > column("utf-16") && column("utf-16") > column("utf-32"),
        "{columns:?}"
    );
}

#[test]
fn open_publishes_every_finding_with_its_rule_link_and_fixes() {
    let mut client = push_client();
    let text = format!("# Café 😀\n\n{}\n", common::examples(|_| true).join("\n\n"));
    client.open(URI, "markdown", 3, &text);
    let diagnostics = client.diagnostics(URI, 3);
    let findings = lint(&text, Syntax::Markdown);
    assert!(findings.len() >= 10 && findings.iter().any(|f| !f.fixes.is_empty()));
    assert_eq!(
        published(&diagnostics),
        expected(&text, &findings, "utf-16")
    );
    assert_eq!(rules_of(&diagnostics), rules_expected(&findings));
    for (d, f) in diagnostics.iter().zip(&findings) {
        let rule = rules::find(f.rule).expect("a known rule");
        assert_eq!(d["source"], "copydesk");
        assert_eq!(d["codeDescription"]["href"], rule.doc_url());
        assert_eq!(d["message"], f.message);
        assert_eq!(d["data"]["version"], 3);
        let fixes: Vec<Value> = f
            .fixes
            .iter()
            .map(|x| {
                let edits: Vec<Value> =
                    x.edits.iter().map(|e| json!({ "start": e.span.start, "end": e.span.end, "newText": e.replacement })).collect();
                json!({ "title": x.title, "safe": x.safe, "edits": edits })
            })
            .collect();
        assert_eq!(d["data"]["fixes"], Value::Array(fixes), "{}", f.rule);
    }
    assert!(client.shutdown().success());
}

#[test]
fn incremental_edits_with_multibyte_text_keep_the_text_and_the_ranges_right() {
    let mut client = push_client();
    let (mut text, _) = flagged(|_| true);
    client.open(URI, "markdown", 1, &text);
    client.diagnostics(URI, 1);
    let weasel = rules::find("attribution/weasel-attribution")
        .map(|r| r.bad.trim().to_string())
        .unwrap_or_default();
    // (line, start, end) in UTF-16 units, and the replacement.
    let edits: [(u64, u64, u64, String); 6] = [
        (2, 3, 5, "🎉🎉 very".into()), // replaces the emoji (a surrogate pair)
        (0, 2, 6, "Über".into()),      // "Café" -> "Über"
        (2, 0, 0, format!("“{weasel}” — 東京, ")), // curly quotes and CJK at the start of a line
        (3, 0, 0, "\r\nNew line, critics say.\r\n".into()),
        (0, 100, 100, " end".into()), // past the end of the line: clamped to it
        (99, 0, 0, format!("\n{weasel}")), // past the end of the text: appended
    ];
    for (i, (line, start, end, new_text)) in edits.iter().enumerate() {
        let version = i as i64 + 2;
        let from = common::offset(&text, *line, *start, "utf-16");
        let to = common::offset(&text, *line, *end, "utf-16");
        client.change(
            URI,
            version,
            json!([{ "range": { "start": { "line": line, "character": start }, "end": { "line": line, "character": end } }, "text": new_text }]),
        );
        text.replace_range(from..to, new_text);
        let diagnostics = client.diagnostics(URI, version);
        assert_eq!(
            published(&diagnostics),
            expected(&text, &lint(&text, Syntax::Markdown), "utf-16"),
            "after edit {i}: {text:?}"
        );
    }
    assert!(
        text.contains("🎉🎉 very") && text.contains("Über") && text.ends_with(&weasel),
        "{text:?}"
    );
    assert!(client.shutdown().success());
}

#[test]
fn two_hundred_rapid_edits_end_in_the_diagnostics_of_the_final_text() {
    // The default debounce, so that bursts are coalesced as in an editor.
    let mut client = Client::spawn();
    client.initialize(json!({}), Value::Null);
    let mut text = String::from("Officials said the budget passed.\n\n");
    client.open(URI, "markdown", 1, &text);
    let words = [
        "very ",
        "shocking ",
        "“Critics say” ",
        "Café ",
        "東京 ",
        "😀 ",
        "$4 million ",
        "\n\n",
        "said. ",
    ];
    for i in 0..200usize {
        let word = words[i % words.len()];
        // Insert at a moving place inside the text, in UTF-16 units.
        let boundaries: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let at = boundaries[(i * 7) % boundaries.len()];
        let (line, character) = position(&text, at, "utf-16");
        client.change(
            URI,
            i as i64 + 2,
            json!([{ "range": { "start": { "line": line, "character": character }, "end": { "line": line, "character": character } }, "text": word }]),
        );
        text.insert_str(at, word);
    }
    let diagnostics = client.diagnostics(URI, 201);
    let fresh = lint(&text, Syntax::Markdown);
    assert!(!fresh.is_empty());
    assert_eq!(published(&diagnostics), expected(&text, &fresh, "utf-16"));
    // Versions only ever go forward in what was published.
    let versions: Vec<i64> = client
        .published
        .iter()
        .filter_map(|p| p["version"].as_i64())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert!(client.shutdown().success());
}

#[test]
fn settings_from_initialization_and_configuration_changes() {
    let mut client = Client::spawn();
    // An editorializing example with a fix, and an attribution one.
    let (editorial, finding) =
        flagged(|f| f.rule.starts_with("editorializing/") && !f.fixes.is_empty());
    let attribution = rules::find("attribution/weasel-attribution")
        .map(|r| r.bad.trim().to_string())
        .unwrap_or_default();
    let text = format!("{editorial}\n{attribution}\n");
    let off = [(finding.rule, "off")];
    client.initialize(
        json!({}),
        json!({ "copydesk": { "debounceMs": 0, "severity": { finding.rule: "off" } } }),
    );
    client.open(URI, "markdown", 1, &text);
    let first = client.diagnostics(URI, 1);
    assert_eq!(rules_of(&first), rules_expected(&lint_with(&text, &off)));
    assert!(rules_of(&first)
        .iter()
        .all(|(rule, _)| rule != finding.rule));

    // A family made an error, another off: the document is linted again.
    let levels = [("editorializing", "error"), ("attribution", "off")];
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "copydesk": { "debounceMs": 0, "severity": { "editorializing": "error", "attribution": "off" } } } }),
    );
    let republished = client.diagnostics(URI, 1);
    assert_eq!(
        rules_of(&republished),
        rules_expected(&lint_with(&text, &levels))
    );
    assert!(
        rules_of(&republished).contains(&(finding.rule.to_string(), 1)),
        "{republished:?}"
    );

    // Malformed settings are refused whole, with a warning; the old ones stay.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "severity": { "editorializing": "loud" }, "debounceMs": 0 } }),
    );
    client.sync();
    assert!(
        client
            .logs
            .iter()
            .any(|l| l.contains("kept its previous settings") && l.contains("loud")),
        "{:?}",
        client.logs
    );
    client.change(URI, 2, json!([{ "range": { "start": { "line": 9, "character": 0 }, "end": { "line": 9, "character": 0 } }, "text": "\nMore.\n" }]));
    let text = format!("{text}\nMore.\n");
    assert_eq!(
        rules_of(&client.diagnostics(URI, 2)),
        rules_expected(&lint_with(&text, &levels))
    );

    // Only some families, and an unknown key that is only warned about.
    client.notify("workspace/didChangeConfiguration", json!({ "settings": { "enabledFamilies": ["attribution"], "debounceMs": 0, "colour": "red" } }));
    let others: Vec<(&str, &str)> = rules::families()
        .into_iter()
        .filter(|f| *f != "attribution")
        .map(|f| (f, "off"))
        .collect();
    let only_attribution = client.diagnostics(URI, 2);
    assert_eq!(
        rules_of(&only_attribution),
        rules_expected(&lint_with(&text, &others))
    );
    assert!(!only_attribution.is_empty());
    client.sync();
    assert!(
        client
            .logs
            .iter()
            .any(|l| l.contains("unknown setting `colour`")),
        "{:?}",
        client.logs
    );
    assert!(client.shutdown().success());
}

#[test]
fn null_settings_make_the_server_ask_for_its_section() {
    let mut client = Client::spawn();
    client.initialize(
        json!({ "workspace": { "configuration": true } }),
        json!({ "debounceMs": 0 }),
    );
    let (text, finding) = flagged(|_| true);
    client.open(URI, "markdown", 1, &text);
    assert!(client
        .diagnostics(URI, 1)
        .iter()
        .any(|d| d["code"] == finding.rule));
    client.configuration = json!({ "debounceMs": 0, "severity": { finding.rule: "off" } });
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": null }),
    );
    let after = client.diagnostics(URI, 1);
    assert_eq!(
        rules_of(&after),
        rules_expected(&lint_with(&text, &[(finding.rule, "off")]))
    );
    assert!(after.iter().all(|d| d["code"] != finding.rule));
    assert_eq!(client.server_requests, ["workspace/configuration"]);
    assert!(client.shutdown().success());
}

#[test]
fn a_client_that_pulls_gets_reports_and_no_pushes() {
    let mut client = Client::spawn();
    let result = client.initialize(
        json!({
            "textDocument": { "diagnostic": { "dynamicRegistration": false } },
            "workspace": { "diagnostics": { "refreshSupport": true } }
        }),
        json!({ "debounceMs": 0 }),
    );
    assert_eq!(
        result["capabilities"]["diagnosticProvider"]["identifier"],
        "copydesk"
    );
    let (text, finding) = flagged(|_| true);
    client.open(URI, "markdown", 1, &text);
    let pull = |client: &mut Client, previous: Value| {
        let answer = client.request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": URI }, "previousResultId": previous }),
        );
        answer["result"].clone()
    };
    let full = pull(&mut client, Value::Null);
    assert_eq!(full["kind"], "full");
    assert_eq!(
        published(full["items"].as_array().expect("items")),
        expected(&text, &lint(&text, Syntax::Markdown), "utf-16")
    );
    let unchanged = pull(&mut client, full["resultId"].clone());
    assert_eq!(
        (unchanged["kind"].clone(), unchanged["resultId"].clone()),
        (json!("unchanged"), full["resultId"].clone())
    );
    // Delete the flagged text.
    let (line, start) = position(&text, finding.span.start, "utf-16");
    let (_, end) = position(&text, finding.span.end, "utf-16");
    client.change(URI, 2, json!([{ "range": { "start": { "line": line, "character": start }, "end": { "line": line, "character": end } }, "text": "" }]));
    let mut edited = text.clone();
    edited.replace_range(finding.span.clone(), "");
    let after = pull(&mut client, full["resultId"].clone());
    assert_eq!(after["kind"], "full");
    assert_eq!(
        published(after["items"].as_array().expect("items")),
        expected(&edited, &lint(&edited, Syntax::Markdown), "utf-16")
    );
    // An unknown document is an error, not a crash.
    let unknown = client.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": "file:///nowhere.md" } }),
    );
    assert!(unknown.get("error").is_some(), "{unknown}");
    // New settings: the client is told to pull again, and gets the new judgement.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "debounceMs": 0, "severity": { finding.rule: "off" } } }),
    );
    client.wait_server_request("workspace/diagnostic/refresh");
    assert_eq!(client.server_requests, ["workspace/diagnostic/refresh"]);
    let refreshed = pull(&mut client, after["resultId"].clone());
    let off = lint_with(&edited, &[(finding.rule, "off")]);
    assert_eq!(
        published(refreshed["items"].as_array().expect("items")),
        expected(&edited, &off, "utf-16")
    );
    client.sync();
    assert!(
        client.published.is_empty(),
        "pushed to a pulling client: {:?}",
        client.published
    );
    assert!(client.shutdown().success());
}

#[test]
fn closing_clears_the_diagnostics() {
    let mut client = push_client();
    let (text, _) = flagged(|_| true);
    client.open(URI, "markdown", 1, &text);
    assert!(!client.diagnostics(URI, 1).is_empty());
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": URI } }),
    );
    let cleared = client.wait_for("cleared diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == URI
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    // Nothing more for it after that, even after a change sent by mistake.
    client.change(URI, 2, json!([{ "text": text }]));
    client.sync();
    assert!(
        client
            .backlog
            .iter()
            .all(|m| m["method"] != "textDocument/publishDiagnostics"),
        "{:?}",
        client.backlog
    );
    assert!(client.shutdown().success());
}

#[test]
fn plain_text_and_markdown_are_told_apart() {
    let mut client = push_client();
    // In Markdown a code span is not prose; in plain text it is.
    let bad = rules::find("attribution/weasel-attribution")
        .map(|r| r.bad.trim().to_string())
        .unwrap_or_default();
    let text = format!("`{bad}`\n");
    let plain = lint(&text, Syntax::PlainText);
    assert!(!plain.is_empty());
    client.open("file:///a/notes.txt", "plaintext", 1, &text);
    client.open("file:///a/notes.md", "markdown", 1, &text);
    client.open("untitled:Untitled-1", "something", 1, &text);
    assert_eq!(
        published(&client.diagnostics("file:///a/notes.txt", 1)),
        expected(&text, &plain, "utf-16")
    );
    assert!(client.diagnostics("file:///a/notes.md", 1).is_empty());
    assert_eq!(
        published(&client.diagnostics("untitled:Untitled-1", 1)),
        expected(&text, &plain, "utf-16")
    );
    assert!(client.shutdown().success());
}

#[test]
fn exit_without_shutdown_is_an_error_exit() {
    let mut client = push_client();
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(1));
}

#[test]
fn shutdown_then_exit_ends_cleanly() {
    let mut client = push_client();
    let (text, _) = flagged(|_| true);
    client.open(URI, "markdown", 1, &text);
    client.diagnostics(URI, 1);
    // Requests after shutdown are refused, as the protocol says.
    let answer = client.request("shutdown", Value::Null);
    assert_eq!(answer["result"], Value::Null);
    let refused = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(refused.get("error").is_some(), "{refused}");
    client.notify("exit", Value::Null);
    let status = client.wait_exit();
    assert!(status.success(), "{status:?}");
}
