//! Nothing a client sends breaks the server: malformed frames and params,
//! unknown documents, ranges out of bounds or inverted, control characters,
//! lone surrogates, invalid UTF-8 and a 20 MB document each get an error
//! answer or a log line, and the server's copy of the text stays exactly
//! what the client has. Plus random edit sequences over the wire.

mod common;

use std::collections::BTreeMap;
use std::sync::Mutex;

use common::{expected, lint, position, published, Client};
use copydesk::Syntax;
use proptest::prelude::*;
use serde_json::{json, Value};

const URI: &str = "file:///newsroom/draft.md";

fn client() -> Client {
    let mut client = Client::spawn();
    client.initialize(json!({}), json!({ "debounceMs": 0 }));
    client
}

fn edit(line: u64, start: u64, end_line: u64, end: u64, text: &str) -> Value {
    json!({ "range": { "start": { "line": line, "character": start }, "end": { "line": end_line, "character": end } }, "text": text })
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    frame
}

/// The server's diagnostics at `version` are those of `text`: its copy of
/// the document is the client's.
fn assert_text_is(client: &mut Client, version: i64, text: &str) {
    let diagnostics = client.diagnostics(URI, version);
    assert_eq!(
        published(&diagnostics),
        expected(text, &lint(text, Syntax::Markdown), "utf-16"),
        "text {text:?}"
    );
}

/// Copy that a rule flags (its own bad example), so that the diagnostics
/// compared say something about the text.
fn flagged_sentence() -> String {
    let bad = copydesk::rules::find("attribution/weasel-attribution")
        .map(|r| r.bad.trim().to_string())
        .unwrap_or_default();
    assert!(
        !lint(&bad, Syntax::Markdown).is_empty(),
        "the bad example is flagged"
    );
    bad
}

fn assert_no_panic(client: &Client) {
    let stderr = client.stderr_text();
    assert!(
        !stderr.contains("panicked"),
        "the server panicked: {stderr}"
    );
}

#[test]
fn malformed_frames_and_params_get_errors_and_the_server_reads_on() {
    let mut client = client();
    let mut text = format!("{}\n", flagged_sentence());
    client.open(URI, "markdown", 1, &text);
    assert_text_is(&mut client, 1, &text);

    // Not JSON; JSON but not a message; a bad header; a batch.
    client.write_raw(&frame(b"{\"jsonrpc\":\"2.0\",\"id\":1,"));
    client.write_raw(&frame(b"[1, 2]"));
    client.write_raw(b"Content-Length: lots\r\n\r\n");
    client.write_raw(&frame(br#"{"jsonrpc":"2.0","id":77}"#));
    for code in [-32700, -32600, -32700, -32600] {
        let error = client.wait_for("an error answer", |m| {
            m.get("error").is_some() && m.get("method").is_none()
        });
        assert_eq!(error["error"]["code"], code, "{error}");
    }

    // A request with params of the wrong shape: an error answer with its id.
    let answer = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": "one" } }),
    );
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
    // A notification with params of the wrong shape: a log line, nothing applied.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI }, "contentChanges": [{ "text": "lost" }] }),
    );
    client.notify("textDocument/didOpen", json!({ "textDocument": 42 }));
    client.notify("textDocument/didChange", Value::Null);
    client.sync();
    let ignored = client
        .logs
        .iter()
        .filter(|l| l.contains("ignored a textDocument/"))
        .count();
    assert_eq!(ignored, 3, "{:?}", client.logs);

    // Still the same text, and still serving.
    client.change(URI, 2, json!([edit(0, 0, 0, 3, "Calm. ")]));
    text.replace_range(0..3, "Calm. ");
    assert_text_is(&mut client, 2, &text);
    assert_no_panic(&client);
    assert!(client.shutdown().success());
}

#[test]
fn unknown_documents_are_answered_or_logged() {
    let mut client = client();
    let nowhere = "file:///nowhere.md";
    client.change(nowhere, 2, json!([{ "text": "x" }]));
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": nowhere } }),
    );
    let at =
        json!({ "textDocument": { "uri": nowhere }, "position": { "line": 0, "character": 0 } });
    assert_eq!(
        client.request("textDocument/hover", at)["result"],
        Value::Null
    );
    let range =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } });
    let actions = client.request("textDocument/codeAction", json!({ "textDocument": { "uri": nowhere }, "range": range, "context": { "diagnostics": [] } }));
    assert_eq!(actions["result"], Value::Null);
    client.sync();
    assert!(
        client.logs.iter().any(|l| l.contains("not open")),
        "{:?}",
        client.logs
    );
    assert!(client.published.is_empty());
    assert_no_panic(&client);
    assert!(client.shutdown().success());
}

#[test]
fn out_of_range_and_inverted_edits_never_corrupt_the_text() {
    let mut client = client();
    let mut text = format!("Café 😀 news.\r\nSecond line. {}\n", flagged_sentence());
    client.open(URI, "markdown", 1, &text);
    assert_text_is(&mut client, 1, &text);

    // Past the end of a line: clamped to the end of its content.
    let flagged = format!(" {}", flagged_sentence());
    client.change(URI, 2, json!([edit(0, 50, 0, 60, &flagged)]));
    text.insert_str(text.find("\r\n").unwrap_or(0), &flagged);
    assert_text_is(&mut client, 2, &text);

    // Inverted: refused, the text unchanged, a warning logged.
    client.change(URI, 3, json!([edit(1, 5, 0, 2, "XXX")]));
    assert_text_is(&mut client, 3, &text);
    assert!(
        client
            .logs
            .iter()
            .any(|l| l.contains("end before its start")),
        "{:?}",
        client.logs
    );

    // Past the end of the text: appended.
    client.change(
        URI,
        4,
        json!([edit(40, 3, 4_000_000_000, 4_000_000_000, "Critics say so.")]),
    );
    text.push_str("Critics say so.");
    assert_text_is(&mut client, 4, &text);

    // In the middle of the surrogate pair: the start of the emoji.
    client.change(URI, 5, json!([edit(0, 6, 0, 6, "!")]));
    text.insert(text.find('😀').unwrap_or(0), '!');
    assert_text_is(&mut client, 5, &text);

    // Several changes in one notification apply in order, each on the
    // result of the one before.
    client.change(
        URI,
        6,
        json!([
            edit(0, 0, 0, 0, "A"),
            edit(0, 0, 0, 1, "B"),
            edit(1, 0, 1, 6, "Other")
        ]),
    );
    text.replace_range(0..0, "B");
    let second = text.find("Second").unwrap_or(0);
    text.replace_range(second..second + 6, "Other");
    assert_text_is(&mut client, 6, &text);
    assert_no_panic(&client);
    assert!(client.shutdown().success());
}

#[test]
fn control_characters_lone_surrogates_and_invalid_utf8_are_taken_in_stride() {
    let mut client = client();
    let mut text = String::from("Start.\n");
    client.open(URI, "markdown", 1, &text);
    assert_text_is(&mut client, 1, &text);

    // Control and format characters: none of them is a line break to the protocol.
    let odd = format!(
        "\0 \u{b} \u{c} \u{85} \u{2028} \u{2029} \u{202e} \u{feff} \u{1b}[31m. {}\r",
        flagged_sentence()
    );
    let odd = odd.as_str();
    client.change(URI, 2, json!([edit(0, 0, 0, 0, odd)]));
    text.insert_str(0, odd);
    assert_text_is(&mut client, 2, &text);

    // A lone surrogate, as JSON can carry it: one U+FFFD (one UTF-16 unit, like it).
    let (line, character) = position(&text, text.len(), "utf-16");
    let body = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{URI}","version":3}},"contentChanges":[{{"range":{{"start":{{"line":{line},"character":{character}}},"end":{{"line":{line},"character":{character}}}}},"text":"a\ud800b \udc00 shocking"}}]}}}}"#
    );
    client.write_raw(&frame(body.as_bytes()));
    text.push_str("a\u{fffd}b \u{fffd} shocking");
    assert_text_is(&mut client, 3, &text);

    // Invalid UTF-8 bytes: U+FFFD, as an editor would show them.
    let (line, character) = position(&text, text.len(), "utf-16");
    let mut body = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{URI}","version":4}},"contentChanges":[{{"range":{{"start":{{"line":{line},"character":{character}}},"end":{{"line":{line},"character":{character}}}}},"text":"x"#
    )
    .into_bytes();
    body.extend_from_slice(b"\xff\xfe");
    body.extend_from_slice(br#"y very big"}]}}"#);
    client.write_raw(&frame(&body));
    text.push_str("x\u{fffd}\u{fffd}y very big");
    assert_text_is(&mut client, 4, &text);
    assert_no_panic(&client);
    assert!(client.shutdown().success());
}

#[test]
fn a_twenty_megabyte_document() {
    let mut client = client();
    // Every 500th paragraph is copy a rule flags; paragraphs are judged one
    // by one, so the library's count for each kind gives the total.
    let bad = copydesk::rules::find("attribution/weasel-attribution")
        .map(|r| r.bad.trim().to_string())
        .unwrap_or_default();
    let plain = "The council met on Tuesday and approved the agenda without debate.";
    let (per_bad, per_plain) = (
        lint(&bad, Syntax::Markdown).len(),
        lint(plain, Syntax::Markdown).len(),
    );
    assert!(per_bad > 0);
    let mut text = String::with_capacity(21 << 20);
    let mut counts = (0, 0);
    while text.len() < 20 << 20 {
        if (counts.0 + counts.1) % 500 == 0 {
            text.push_str(&bad);
            counts.0 += 1;
        } else {
            text.push_str(plain);
            counts.1 += 1;
        }
        text.push_str("\n\n");
    }
    client.open(URI, "markdown", 1, &text);
    let diagnostics = client.diagnostics(URI, 1);
    assert_eq!(diagnostics.len(), counts.0 * per_bad + counts.1 * per_plain);
    // An edit at the very end, where a naive conversion would rescan 20 MB.
    let (line, character) = position(&text, text.len(), "utf-16");
    client.change(
        URI,
        2,
        json!([edit(line, character, line, character, &bad)]),
    );
    let after = client.diagnostics(URI, 2);
    assert_eq!(after.len(), diagnostics.len() + per_bad);
    let first = lint(&bad, Syntax::Markdown)
        .first()
        .map(|f| position(&bad, f.span.start, "utf-16").1)
        .unwrap_or(0);
    assert_eq!(
        after[diagnostics.len()]["range"]["start"],
        json!({ "line": line, "character": character + first })
    );
    assert_no_panic(&client);
    assert!(client.shutdown().success());
}

/// One server per position encoding for all the cases of the property
/// test, each case opening a document of its own.
static SHARED: Mutex<BTreeMap<&'static str, (Client, u32)>> = Mutex::new(BTreeMap::new());

#[derive(Clone, Debug)]
struct RandomEdit {
    at: usize,
    len: usize,
    text: String,
}

fn edits() -> impl Strategy<Value = Vec<RandomEdit>> {
    let pieces = prop::sample::select(vec![
        "",
        "a",
        "é",
        "“",
        "”",
        "東",
        "😀",
        "\n",
        "\n\n",
        "\r\n",
        " very",
        " shocking",
        "Critics say ",
        "$4 million",
        ", he said.",
    ]);
    let one = (
        any::<usize>(),
        0usize..12,
        prop::collection::vec(pieces, 0..4),
    )
        .prop_map(|(at, len, text)| RandomEdit {
            at,
            len,
            text: text.concat(),
        });
    prop::collection::vec(one, 1..25)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Random incremental edits sent without waiting leave the server with
    /// exactly the text the same edits make of a `String`: its diagnostics
    /// are the library's for that text, at the right places.
    #[test]
    fn random_edits_over_the_wire(initial in "[a-zé😀 \n]{0,40}", edits in edits(), encoding in prop::sample::select(vec!["utf-8", "utf-16", "utf-32"])) {
        let mut shared = SHARED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (client, n) = shared.entry(encoding).or_insert_with(|| {
            let mut client = Client::spawn();
            client.initialize(json!({ "general": { "positionEncodings": [encoding] } }), json!({ "debounceMs": 0 }));
            (client, 0)
        });
        *n += 1;
        let uri = format!("file:///prop/{n}.md");
        let mut text = initial;
        client.open(&uri, "markdown", 0, &text);
        let mut version = 0;
        for e in edits {
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let i = e.at % boundaries.len();
            let (start, end) = (boundaries[i], boundaries[(i + e.len).min(boundaries.len() - 1)]);
            // The protocol cannot name the place between "\r" and "\n".
            let splits = |b: usize| b > 0 && b < text.len() && text.as_bytes()[b - 1] == b'\r' && text.as_bytes()[b] == b'\n';
            if splits(start) || splits(end) {
                continue;
            }
            let (sl, sc) = position(&text, start, encoding);
            let (el, ec) = position(&text, end, encoding);
            version += 1;
            client.change(&uri, version, json!([edit(sl, sc, el, ec, &e.text)]));
            text.replace_range(start..end, &e.text);
        }
        let diagnostics = client.diagnostics(&uri, version);
        prop_assert_eq!(published(&diagnostics), expected(&text, &lint(&text, Syntax::Markdown), encoding), "text {:?}", text);
        client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    }
}
