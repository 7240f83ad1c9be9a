//! Latency of the language server, driven over stdio like an editor would:
//!
//! - time to first diagnostics after `didOpen` of a 1 MB news draft;
//! - keystroke-to-diagnostics latency with the debounce at 0, over 200
//!   single-character edits of that draft (p50, p99, max);
//! - the server's peak resident memory (VmHWM).
//!
//! `cargo bench --bench lsp_latency`; set `COPYDESK_BIN` to measure another
//! build. Targets: first diagnostics < 100 ms, keystroke p99 < 10 ms, peak
//! RSS < 5 × the document + 30 MB. Figures are in benches/README.md.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::Client;

#[path = "support/house_rules.rs"]
mod house_rules;
use serde_json::{json, Value};

const URI: &str = "file:///newsroom/draft.md";
const DOC_BYTES: usize = 1 << 20;

/// Paragraphs of a news draft: most are clean copy, some carry what the
/// rules flag (loaded words, weasel attribution, unsourced figures,
/// intensifiers), with curly quotes, accents, CJK and emoji throughout.
const PARAGRAPHS: &[&str] = &[
    "The city council voted 7-2 on Tuesday to approve the library budget, the clerk said.",
    "“We have waited long enough,” said Maria González, who has lived in the district since 1987.",
    "Critics say the plan will fail, and some residents believe the mayor wants a second term.",
    "The project will cost $4.5 million, with construction expected to begin in the spring.",
    "## Budget",
    "The school board said it would cut 45 positions, citing a shortfall in state funding.",
    "It was a shocking decision that left families very angry, one parent said.",
    "Officials said the bridge, built in 1962, was last inspected in 2015 by the state.",
    "- The vote followed three public hearings\n- The clerk read 212 written comments into the record",
    "“The numbers do not add up,” the treasurer, Kenji Watanabe (渡辺), told reporters after the meeting.",
    "About 1,200 people signed a petition against the plan.",
    "The council will meet again on March 3 to discuss the naïve café ordinance, the agenda shows.",
    "Residents packed the hall 😀 and the meeting ran until midnight, according to the minutes.",
    "The controversial measure passed after a heated debate, and opponents vowed to appeal.",
];

/// A draft of at least `size` bytes. Paragraphs are numbered so that none
/// repeats, as in real copy (repeats would all hit the paragraph cache).
fn draft(size: usize) -> String {
    let mut text = String::from("# Council approves library budget\n\n");
    let mut i = 0;
    while text.len() < size {
        let paragraph = PARAGRAPHS[i % PARAGRAPHS.len()];
        if paragraph.starts_with('#') || paragraph.starts_with('-') {
            text.push_str(paragraph);
        } else {
            text.push_str(&format!("{paragraph} (Item {i}.)"));
        }
        text.push_str("\n\n");
        i += 1;
    }
    text
}

fn start(binary: &str, debounce_ms: u64) -> Client {
    let mut client = Client::spawn_binary(binary);
    client.initialize(json!({}), json!({ "debounceMs": debounce_ms }));
    client
}

/// Waits for the diagnostics of `version` and says when they arrived and how many.
fn diagnostics_at(client: &mut Client, version: i64) -> (Instant, usize) {
    loop {
        let received = client.next_received(&format!("diagnostics v{version}"));
        let message: Value = serde_json::from_slice(&received.body).unwrap_or_default();
        if message["method"] == "textDocument/publishDiagnostics"
            && message["params"]["version"] == version
        {
            return (
                received.at,
                message["params"]["diagnostics"]
                    .as_array()
                    .map_or(0, Vec::len),
            );
        }
    }
}

fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time (user + system) the process has used, in ms. The kernel counts
/// in clock ticks, 100 a second on Linux.
fn cpu_ms(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument is a name filter we do not use.
    let binary = std::env::var("COPYDESK_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_copydesk").to_string());
    let text = draft(DOC_BYTES);
    println!("copydesk lsp latency: {binary}");
    println!(
        "document: {} bytes, {} lines",
        text.len(),
        text.lines().count()
    );

    // Time to first diagnostics: a fresh server each time, as when an editor opens a file.
    // Wall-clock latency depends on what else the machine runs; the load
    // and the server's own CPU time say how much.
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average: {} ({} CPUs)",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let mut firsts = Vec::new();
    let mut first_cpu = Vec::new();
    let mut count = 0;
    for _ in 0..5 {
        let mut client = start(&binary, 50);
        let sent = Instant::now();
        client.open(URI, "markdown", 1, &text);
        let (at, n) = diagnostics_at(&mut client, 1);
        firsts.push(at - sent);
        first_cpu.extend(cpu_ms(client.pid()));
        count = n;
        let _ = client.shutdown();
    }
    firsts.sort();
    first_cpu.sort_by(f64::total_cmp);
    println!("diagnostics: {count}");
    println!(
        "first diagnostics after didOpen: median {:.1} ms, max {:.1} ms (target < 100 ms)",
        ms(firsts[2]),
        ms(firsts[4])
    );
    if let Some(cpu) = first_cpu.get(first_cpu.len() / 2) {
        println!("  server CPU until then, start-up included: median {cpu:.0} ms");
    }

    // Keystrokes: type a sentence into the middle of the draft, one
    // character per didChange, each waited for.
    let (client, latencies, cpu_before) = keystrokes(&binary, URI, &text);
    println!(
        "keystroke to diagnostics (debounce 0, {} edits): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (target p99 < 10 ms)",
        latencies.len(),
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.99)),
        ms(latencies[latencies.len() - 1])
    );
    if let (Some(before), Some(after)) = (cpu_before, cpu_ms(client.pid())) {
        let per_edit = (after - before) / latencies.len() as f64;
        println!("  server CPU per keystroke: {per_edit:.2} ms on average");
    }
    let rss = peak_rss_kb(client.pid());
    let budget_kb = (5 * text.len() as u64 + 30 * 1024 * 1024) / 1024;
    match rss {
        Some(kb) => println!(
            "peak RSS: {:.1} MB (target < {:.1} MB)",
            kb as f64 / 1024.0,
            budget_kb as f64 / 1024.0
        ),
        None => println!("peak RSS: unavailable (no /proc)"),
    }
    let _ = client.shutdown();

    // The same keystrokes for a desk whose copydesk.toml names a styles
    // folder of a thousand house rules (target: p99 still under 10 ms).
    let Ok(desk) = tempfile::tempdir() else {
        return;
    };
    let written = std::fs::create_dir(desk.path().join("styles")).and_then(|()| {
        std::fs::write(
            desk.path().join("styles/house.toml"),
            house_rules::style_file(1_000),
        )?;
        std::fs::write(desk.path().join("copydesk.toml"), "styles = \"styles\"\n")
    });
    let Ok(uri) = written.map(|()| format!("file://{}/draft.md", desk.path().display())) else {
        return;
    };
    let (client, latencies, _) = keystrokes(&binary, &uri, &text);
    println!(
        "with 1,000 house rules: keystroke p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (target p99 < 10 ms)",
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.99)),
        ms(latencies[latencies.len() - 1])
    );
    let _ = client.shutdown();
}

/// Types a sentence into the middle of `text` open at `uri`, one character
/// per didChange, each waited for: the server, the sorted latencies and the
/// server's CPU time before the typing.
fn keystrokes(binary: &str, uri: &str, text: &str) -> (Client, Vec<Duration>, Option<f64>) {
    let mut client = start(binary, 0);
    client.open(uri, "markdown", 1, text);
    diagnostics_at(&mut client, 1);
    let line = text.lines().count() as u64 / 2;
    let typed: Vec<char> = "The mayor said it was a very shocking result, critics say. "
        .chars()
        .cycle()
        .take(200)
        .collect();
    let mut latencies = Vec::with_capacity(typed.len());
    let cpu_before = cpu_ms(client.pid());
    for (i, c) in typed.iter().enumerate() {
        let version = i as i64 + 2;
        let character = i as u64;
        let range = json!({ "start": { "line": line, "character": character }, "end": { "line": line, "character": character } });
        let sent = Instant::now();
        client.change(
            uri,
            version,
            json!([{ "range": range, "text": c.to_string() }]),
        );
        let (at, _) = diagnostics_at(&mut client, version);
        latencies.push(at - sent);
    }
    latencies.sort();
    (client, latencies, cpu_before)
}
