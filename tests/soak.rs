//! Soak test of the language server over stdio: 20 documents, 10,000
//! random incremental edits (some of them the server's own quick fixes and
//! "fix all", applied as an editor applies them), interleaved with code
//! action, hover and pulled-diagnostic requests. At the end every
//! document's diagnostics must be those of a fresh `copydesk check` of the
//! same text, and the server's memory must be within a small bound of what
//! it was after warm-up: nothing grows with the number of edits.
//!
//! `SOAK_EDITS=200000 cargo test --test soak -- --nocapture` runs a longer
//! variant; `SOAK_SEED` picks another random sequence. The figures (edits,
//! requests, memory) are printed with `--nocapture`.

mod common;

use std::path::Path;

use common::{offset, position, Client};
use serde_json::{json, Value};

const DOCUMENTS: usize = 20;
/// Documents stay around this size: edits that would grow one past it delete instead.
const MAX_BYTES: usize = 12_000;
/// Memory at the end may exceed memory after warm-up by at most this much…
const SLACK_BYTES: u64 = 24 << 20;
/// …or this fraction of it, whichever is larger.
const SLACK_FRACTION: f64 = 0.25;

/// A small deterministic generator (SplitMix64): reproducible runs without
/// another dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What an edit inserts: copy that triggers rules and fixes, Markdown,
/// quotation marks and multi-byte characters.
const PIECES: &[&str] = &[
    "",
    " ",
    "a",
    "é",
    "“",
    "”",
    "\"",
    "東京",
    "😀",
    "\n",
    "\n\n",
    "\r\n",
    " very",
    " shocking",
    " legendary",
    "Critics say ",
    "$4 million",
    " 3,000 people",
    " 14 percent",
    ", he said.",
    " claimed",
    " towards",
    "\"We will win,\" she said. ",
    "> ",
    "- ",
    "# ",
    "*",
    "<!-- copydesk-disable-line -->",
];

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Initial texts: the sample articles and the corpus files, cut to size.
fn initial_texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = vec![
        std::fs::read_to_string(root.join("examples/draft.md")).expect("draft"),
        std::fs::read_to_string(root.join("examples/clean.md")).expect("clean"),
    ];
    let mut corpus: Vec<_> = std::fs::read_dir(root.join("tests/corpus/passages"))
        .expect("corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    corpus.sort();
    for file in corpus {
        sources.push(std::fs::read_to_string(file).expect("passage"));
    }
    (0..DOCUMENTS)
        .map(|i| {
            let text = &sources[i % sources.len()];
            let mut cut = text.len().min(MAX_BYTES / 2);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text[..cut].to_string()
        })
        .collect()
}

/// The server's resident memory, from /proc.
fn rss_bytes(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS");
    kb * 1024
}

struct Doc {
    uri: String,
    text: String,
    version: i64,
}

/// A random range of `text` on character boundaries, not between a CR and
/// its LF (the protocol cannot name that place).
fn random_span(rng: &mut Rng, text: &str, max_len: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let fix = |mut b: usize| {
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        if b > 0 && b < bytes.len() && bytes[b - 1] == b'\r' && bytes[b] == b'\n' {
            b -= 1;
        }
        b
    };
    let start = fix(rng.below(text.len() + 1));
    let end = fix((start + rng.below(max_len + 1)).min(text.len())).max(start);
    (start, end)
}

fn range_json(text: &str, start: usize, end: usize) -> Value {
    common::range(text, start..end, "utf-16")
}

/// Applies protocol text edits as an editor does: sent back as incremental
/// changes, last first, so that each range is still right when it arrives.
fn apply_workspace_edits(client: &mut Client, doc: &mut Doc, edits: &[Value]) {
    if edits.is_empty() {
        return;
    }
    let mut ordered: Vec<&Value> = edits.iter().collect();
    ordered.sort_by_key(|e| {
        let start = &e["range"]["start"];
        (
            start["line"].as_u64().unwrap_or(0),
            start["character"].as_u64().unwrap_or(0),
        )
    });
    let changes: Vec<Value> = ordered
        .iter()
        .rev()
        .map(|e| json!({ "range": e["range"], "text": e["newText"] }))
        .collect();
    doc.text = common::apply_edits(&doc.text, edits, "utf-16");
    doc.version += 1;
    client.change(&doc.uri, doc.version, Value::Array(changes));
}

/// The edits of a code action for `uri`, from `changes` or `documentChanges`.
fn action_edits(action: &Value, uri: &str) -> Vec<Value> {
    if let Some(edits) = action["edit"]["changes"][uri].as_array() {
        return edits.clone();
    }
    action["edit"]["documentChanges"]
        .as_array()
        .and_then(|changes| changes.iter().find(|c| c["textDocument"]["uri"] == uri))
        .and_then(|c| c["edits"].as_array().cloned())
        .unwrap_or_default()
}

/// Pulls a document's diagnostics.
fn pull(client: &mut Client, doc: &Doc) -> Vec<Value> {
    let answer = client.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": doc.uri } }),
    );
    assert_eq!(answer["result"]["kind"], "full", "{answer}");
    answer["result"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// (rule, start byte, end byte) of pulled diagnostics.
fn spans_of(diagnostics: &[Value], text: &str) -> Vec<(String, usize, usize)> {
    let at = |p: &Value| {
        offset(
            text,
            p["line"].as_u64().unwrap_or(0),
            p["character"].as_u64().unwrap_or(0),
            "utf-16",
        )
    };
    let mut spans: Vec<_> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                at(&d["range"]["start"]),
                at(&d["range"]["end"]),
            )
        })
        .collect();
    spans.sort();
    spans
}

#[derive(Default)]
struct Counts {
    edits: u64,
    fixes_applied: u64,
    code_actions: u64,
    hovers: u64,
    pulls: u64,
}

/// One random step: an edit, sometimes followed by a request.
fn step(client: &mut Client, docs: &mut [Doc], rng: &mut Rng, counts: &mut Counts) {
    let i = rng.below(docs.len());
    let doc = &mut docs[i];
    // An edit of one to three changes, each against the text the previous left.
    let mut changes = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let grow = doc.text.len() < MAX_BYTES;
        let (start, end) = random_span(rng, &doc.text, if grow { 12 } else { 400 });
        let insert: String = if grow {
            (0..rng.below(4)).map(|_| *rng.pick(PIECES)).collect()
        } else {
            String::new()
        };
        changes.push(json!({ "range": range_json(&doc.text, start, end), "text": insert }));
        doc.text.replace_range(start..end, &insert);
    }
    doc.version += 1;
    client.change(&doc.uri, doc.version, Value::Array(changes));
    counts.edits += 1;

    match rng.below(20) {
        0 => {
            counts.pulls += 1;
            pull(client, doc);
        }
        1 | 2 => {
            counts.hovers += 1;
            let (at, _) = random_span(rng, &doc.text, 0);
            let (line, character) = position(&doc.text, at, "utf-16");
            let answer = client.request(
                "textDocument/hover",
                json!({ "textDocument": { "uri": doc.uri }, "position": { "line": line, "character": character } }),
            );
            assert!(answer.get("error").is_none(), "{answer}");
        }
        3 | 4 => {
            // Quick fixes for the diagnostics under a range, as an editor
            // asks after a pull; sometimes the editor applies one.
            counts.code_actions += 1;
            let diagnostics = pull(client, doc);
            counts.pulls += 1;
            let Some(diagnostic) = diagnostics.get(rng.below(diagnostics.len())) else {
                return;
            };
            let answer = client.request(
                "textDocument/codeAction",
                json!({ "textDocument": { "uri": doc.uri }, "range": diagnostic["range"], "context": { "diagnostics": [diagnostic] } }),
            );
            let actions = answer["result"].as_array().cloned().unwrap_or_default();
            if rng.below(2) == 0 {
                if let Some(action) = actions.get(rng.below(actions.len())) {
                    let edits = action_edits(action, &doc.uri);
                    if !edits.is_empty() {
                        counts.fixes_applied += 1;
                        apply_workspace_edits(client, doc, &edits);
                    }
                }
            }
        }
        5 => {
            counts.code_actions += 1;
            let whole = range_json(&doc.text, 0, doc.text.len());
            let answer = client.request(
                "textDocument/codeAction",
                json!({ "textDocument": { "uri": doc.uri }, "range": whole, "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
            );
            let actions = answer["result"].as_array().cloned().unwrap_or_default();
            if let Some(action) = actions.first() {
                let edits = action_edits(action, &doc.uri);
                if !edits.is_empty() {
                    counts.fixes_applied += 1;
                    apply_workspace_edits(client, doc, &edits);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn twenty_documents_ten_thousand_edits() {
    let edits = env_number("SOAK_EDITS", 10_000);
    let mut rng = Rng(env_number("SOAK_SEED", 0x00C0_FFEE));
    let mut client = Client::spawn();
    // Pulled diagnostics: the client asks when it wants them.
    client.initialize(
        json!({ "textDocument": { "diagnostic": {} }, "workspace": { "workspaceEdit": { "documentChanges": true } } }),
        json!({ "debounceMs": 0 }),
    );
    let mut docs: Vec<Doc> = initial_texts()
        .into_iter()
        .enumerate()
        .map(|(i, text)| Doc {
            uri: format!("file:///soak/story-{i}.md"),
            text,
            version: 1,
        })
        .collect();
    for doc in &docs {
        client.open(&doc.uri, "markdown", doc.version, &doc.text);
    }
    let mut counts = Counts::default();

    // Warm-up: a tenth of the edits (at least 1,000), then every document pulled.
    let warm_up = (edits / 10).max(1_000).min(edits);
    for _ in 0..warm_up {
        step(&mut client, &mut docs, &mut rng, &mut counts);
    }
    for doc in &docs {
        pull(&mut client, doc);
    }
    client.sync();
    let warm = rss_bytes(client.pid());

    for _ in warm_up..edits {
        step(&mut client, &mut docs, &mut rng, &mut counts);
    }
    let finals: Vec<Vec<Value>> = docs.iter().map(|doc| pull(&mut client, doc)).collect();
    client.sync();
    let end = rss_bytes(client.pid());

    // Every document as the server sees it is the client's text: its
    // diagnostics are those of a fresh `copydesk check` of that text.
    let dir = tempfile::tempdir().expect("tempdir");
    let names: Vec<String> = (0..docs.len()).map(|i| format!("story-{i}.md")).collect();
    for (doc, name) in docs.iter().zip(&names) {
        std::fs::write(dir.path().join(name), &doc.text).expect("write");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", "json", "--quiet"])
        .args(&names)
        .current_dir(dir.path())
        .output()
        .expect("copydesk check");
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["errors"], json!([]), "{report}");
    for ((doc, name), diagnostics) in docs.iter().zip(&names).zip(&finals) {
        let mut expected: Vec<(String, usize, usize)> = report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["path"] == name.as_str())
            .map(|f| {
                (
                    f["rule"].as_str().unwrap_or_default().to_string(),
                    f["start"].as_u64().unwrap_or(0) as usize,
                    f["end"].as_u64().unwrap_or(0) as usize,
                )
            })
            .collect();
        expected.sort();
        assert_eq!(
            spans_of(diagnostics, &doc.text),
            expected,
            "{} after {} versions: {:?}",
            doc.uri,
            doc.version,
            doc.text
        );
    }

    let stderr = client.stderr_text();
    assert!(
        !stderr.contains("panicked"),
        "the server panicked: {stderr}"
    );
    let failures: Vec<&String> = client
        .logs
        .iter()
        .filter(|l| l.contains("failed") || l.contains("could not"))
        .collect();
    assert!(failures.is_empty(), "{failures:?}");

    let total: usize = docs.iter().map(|d| d.text.len()).sum();
    let findings: usize = finals.iter().map(Vec::len).sum();
    println!(
        "soak: {} edits ({} fixes applied), {} code-action, {} hover and {} diagnostic requests; {} documents, {} bytes, {} findings at the end",
        counts.edits, counts.fixes_applied, counts.code_actions, counts.hovers, counts.pulls, docs.len(), total, findings
    );
    println!(
        "soak: server VmRSS {:.1} MiB after warm-up ({} edits), {:.1} MiB at the end",
        warm as f64 / 1048576.0,
        warm_up,
        end as f64 / 1048576.0
    );
    let bound = warm + SLACK_BYTES.max((warm as f64 * SLACK_FRACTION) as u64);
    assert!(
        end <= bound,
        "memory grew from {warm} to {end} bytes over {} edits",
        edits - warm_up
    );
    assert!(client.shutdown().success());
}
