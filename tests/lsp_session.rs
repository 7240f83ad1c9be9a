//! The language server end to end over stdio: initialisation and position
//! encodings, diagnostics on open and on change, settings, pulled
//! diagnostics, closing and shutting down.

mod common;

use common::{expected, lint, position, published, range, Client};
use copydesk::{LintOptions, Linter, Syntax};
use serde_json::{json, Value};

const URI: &str = "file:///newsroom/draft.md";

/// Copy with a finding after accented letters, curly quotes, CJK and an
/// emoji, so that every encoding gives the finding different columns.
const MULTIBYTE: &str = "# Café “naïve” 東京 😀\n\nThe 😀 plan was shocking, the mayor said.\n";

fn push_client() -> Client {
    let mut client = Client::spawn();
    client.initialize(json!({}), json!({ "debounceMs": 0 }));
    client
}

#[test]
fn each_position_encoding_is_negotiated_and_used() {
    for (offered, chosen, shocking_column) in [
        (json!(["utf-8"]), "utf-8", 18),
        (json!(["utf-16"]), "utf-16", 16),
        (json!(["utf-32"]), "utf-32", 15),
        (json!(["utf-32", "utf-8"]), "utf-32", 15),
        (json!(["latin-1"]), "utf-16", 16),
        (Value::Null, "utf-16", 16),
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
        client.open(URI, "markdown", 1, MULTIBYTE);
        let diagnostics = client.diagnostics(URI, 1);
        let loaded = diagnostics
            .iter()
            .find(|d| d["code"] == "editorializing/loaded-word")
            .expect("“shocking” flagged");
        assert_eq!(
            loaded["range"]["start"],
            json!({ "line": 2, "character": shocking_column }),
            "{chosen}"
        );
        // And it agrees with the naive reference on every finding.
        assert_eq!(
            published(&diagnostics),
            expected(MULTIBYTE, &lint(MULTIBYTE, Syntax::Markdown), chosen),
            "{chosen}"
        );
        assert!(client.shutdown().success());
    }
}

#[test]
fn open_publishes_every_finding_with_its_rule_link_and_fixes() {
    let mut client = push_client();
    let text = "Critics say the plan failed.\n\nCafé owners were very angry, the mayor said.\n\nThe program costs $4 million.\n";
    client.open(URI, "markdown", 3, text);
    let diagnostics = client.diagnostics(URI, 3);
    let got: Vec<(String, Value)> = published(&diagnostics);
    let at = |needle: &str| text.find(needle).expect("in text");
    let want = vec![
        (
            "attribution/weasel-attribution".to_string(),
            json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 11 } }),
        ),
        (
            "editorializing/intensifier".to_string(),
            range(text, at("very")..at("very") + 4, "utf-16"),
        ),
        (
            "figures/unsourced-money".to_string(),
            range(text, at("$4")..at("$4") + 10, "utf-16"),
        ),
    ];
    assert_eq!(got, want);
    // "Café" is five bytes but four UTF-16 units.
    assert_eq!(
        diagnostics[1]["range"]["start"],
        json!({ "line": 2, "character": 17 })
    );
    for d in &diagnostics {
        let rule =
            copydesk::rules::find(d["code"].as_str().unwrap_or_default()).expect("a known rule");
        assert_eq!(d["source"], "copydesk");
        assert_eq!(d["codeDescription"]["href"], rule.meta().doc_url());
        assert_eq!(d["data"]["version"], 3);
        assert!(!d["message"].as_str().unwrap_or_default().is_empty());
    }
    assert_eq!(diagnostics[0]["severity"], 2, "warning");
    assert_eq!(diagnostics[1]["severity"], 3, "information");
    let fix = &diagnostics[1]["data"]["fixes"][0];
    assert_eq!(
        (fix["safe"].clone(), fix["edits"][0]["newText"].clone()),
        (json!(true), json!(""))
    );
    assert_eq!(diagnostics[2]["data"]["fixes"][0]["safe"], false);
    assert!(client.shutdown().success());
}

#[test]
fn incremental_edits_with_multibyte_text_keep_the_text_and_the_ranges_right() {
    let mut client = push_client();
    let mut text = MULTIBYTE.to_string();
    client.open(URI, "markdown", 1, &text);
    client.diagnostics(URI, 1);
    // (line, start, end) in UTF-16 units, and the replacement.
    let edits: [(u64, u64, u64, &str); 6] = [
        (2, 4, 6, "🎉🎉 very"),              // replaces the emoji (a surrogate pair)
        (0, 2, 6, "Über"),                   // "Café" -> "Über"
        (2, 0, 0, "“Critics say” — 東京, "), // curly quotes and CJK at the start of a line
        (3, 0, 0, "\r\nNew line, critics say.\r\n"),
        (0, 100, 100, " end"), // past the end of the line: clamped to it
        (99, 0, 0, "\nLast, shocking."), // past the end of the text: appended
    ];
    for (i, &(line, start, end, new_text)) in edits.iter().enumerate() {
        let version = i as i64 + 2;
        let from = common::offset(&text, line, start, "utf-16");
        let to = common::offset(&text, line, end, "utf-16");
        client.change(URI, version, json!([{ "range": { "start": { "line": line, "character": start }, "end": { "line": line, "character": end } }, "text": new_text }]));
        text.replace_range(from..to, new_text);
        let diagnostics = client.diagnostics(URI, version);
        assert_eq!(
            published(&diagnostics),
            expected(&text, &lint(&text, Syntax::Markdown), "utf-16"),
            "after edit {i}: {text:?}"
        );
    }
    assert!(
        text.contains("Über") && text.ends_with("Last, shocking."),
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
        client.change(URI, i as i64 + 2, json!([{ "range": { "start": { "line": line, "character": character }, "end": { "line": line, "character": character } }, "text": word }]));
        text.insert_str(at, word);
    }
    let diagnostics = client.diagnostics(URI, 201);
    let fresh = Linter::new(LintOptions::default())
        .lint(&text, Syntax::Markdown)
        .findings;
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
    let text = "It was very shocking, critics say.\n";
    client.initialize(json!({}), json!({ "copydesk": { "debounceMs": 0, "severity": { "editorializing/intensifier": "off" } } }));
    client.open(URI, "markdown", 1, text);
    let rules = |d: &[Value]| {
        d.iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or_default().to_string(),
                    d["severity"].as_i64().unwrap_or(0),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        rules(&client.diagnostics(URI, 1)),
        [
            ("editorializing/loaded-word".to_string(), 2),
            ("attribution/weasel-attribution".to_string(), 2)
        ]
    );

    // A family made an error, one rule off: the document is linted again.
    client.notify("workspace/didChangeConfiguration", json!({ "settings": { "copydesk": { "debounceMs": 0, "severity": { "editorializing": "error", "attribution": "off" } } } }));
    let republished = client.diagnostics(URI, 1);
    assert_eq!(
        rules(&republished),
        [
            ("editorializing/intensifier".to_string(), 1),
            ("editorializing/loaded-word".to_string(), 1)
        ]
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
    client.change(URI, 2, json!([{ "range": { "start": { "line": 1, "character": 0 }, "end": { "line": 1, "character": 0 } }, "text": "More.\n" }]));
    assert_eq!(
        rules(&client.diagnostics(URI, 2)),
        [
            ("editorializing/intensifier".to_string(), 1),
            ("editorializing/loaded-word".to_string(), 1)
        ]
    );

    // Only some families, and an unknown key that is only warned about.
    client.notify("workspace/didChangeConfiguration", json!({ "settings": { "enabledFamilies": ["attribution"], "debounceMs": 0, "colour": "red" } }));
    assert_eq!(
        rules(&client.diagnostics(URI, 2)),
        [("attribution/weasel-attribution".to_string(), 2)]
    );
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
    client.open(URI, "markdown", 1, "It was shocking.\n");
    assert_eq!(client.diagnostics(URI, 1).len(), 1);
    client.configuration =
        json!({ "debounceMs": 0, "severity": { "editorializing/loaded-word": "off" } });
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": null }),
    );
    assert!(client.diagnostics(URI, 1).is_empty());
    assert_eq!(client.server_requests, ["workspace/configuration"]);
    assert!(client.shutdown().success());
}

#[test]
fn a_client_that_pulls_gets_reports_and_no_pushes() {
    let mut client = Client::spawn();
    let result = client.initialize(
        json!({ "textDocument": { "diagnostic": { "dynamicRegistration": false } } }),
        json!({ "debounceMs": 0 }),
    );
    assert_eq!(
        result["capabilities"]["diagnosticProvider"]["identifier"],
        "copydesk"
    );
    let text = "It was shocking, critics say.\n";
    client.open(URI, "markdown", 1, text);
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
        expected(text, &lint(text, Syntax::Markdown), "utf-16")
    );
    let unchanged = pull(&mut client, full["resultId"].clone());
    assert_eq!(
        (unchanged["kind"].clone(), unchanged["resultId"].clone()),
        (json!("unchanged"), full["resultId"].clone())
    );
    client.change(URI, 2, json!([{ "range": { "start": { "line": 0, "character": 7 }, "end": { "line": 0, "character": 15 } }, "text": "calm" }]));
    let after = pull(&mut client, full["resultId"].clone());
    assert_eq!(after["kind"], "full");
    assert_eq!(
        published(after["items"].as_array().expect("items")),
        expected(
            "It was calm, critics say.\n",
            &lint("It was calm, critics say.\n", Syntax::Markdown),
            "utf-16"
        )
    );
    // An unknown document is an error, not a crash.
    let unknown = client.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": "file:///nowhere.md" } }),
    );
    assert!(unknown.get("error").is_some(), "{unknown}");
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
    client.open(URI, "markdown", 1, "It was shocking.\n");
    assert_eq!(client.diagnostics(URI, 1).len(), 1);
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": URI } }),
    );
    let cleared = client.wait_for("cleared diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == URI
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    // Nothing more for it after that, even after a change sent by mistake.
    client.change(URI, 2, json!([{ "text": "Shocking, very shocking." }]));
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
    // In Markdown the code span is not prose; in plain text it is.
    let text = "The `shocking` flag.\n";
    client.open("file:///a/notes.txt", "plaintext", 1, text);
    client.open("file:///a/notes.md", "markdown", 1, text);
    client.open("untitled:Untitled-1", "something", 1, text);
    assert_eq!(client.diagnostics("file:///a/notes.txt", 1).len(), 1);
    assert!(client.diagnostics("file:///a/notes.md", 1).is_empty());
    assert_eq!(client.diagnostics("untitled:Untitled-1", 1).len(), 1);
    assert!(client.shutdown().success());
}

#[test]
fn exit_without_shutdown_is_an_error_exit() {
    let mut client = push_client();
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(1));
}

#[test]
fn shutdown_then_exit_ends_cleanly_and_stdout_holds_only_frames() {
    let mut client = push_client();
    client.open(URI, "markdown", 1, MULTIBYTE);
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
