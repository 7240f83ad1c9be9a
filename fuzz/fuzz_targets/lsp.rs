//! Arbitrary bytes as language-server messages, fed to the server in-process.
//!
//! The server's modules (src/lsp/*.rs, in the binary crate) are compiled in
//! by path, and served over an in-memory pipe exactly as `copydesk lsp`
//! serves stdio: the same transport, handlers and output thread. Each run
//! initializes a client (encoding and pushed or pulled diagnostics chosen by
//! the first byte), opens a story, then sends the fuzzed bytes:
//!
//! - framing 0: all of them as one message body;
//! - framing 1 (and 3): split at NUL bytes (which JSON never holds) into several
//!   bodies, so that sequences of real messages can be composed;
//! - framing 2: raw, headers and all, then the end of input.
//!
//! Then, unless the bytes asked the server to `exit` or the framing was
//! raw, a probe request must get its answer: the server read everything,
//! answered or logged, and still serves. With raw bytes the server must stop
//! at the end of input. Everything it wrote must be well-formed frames of
//! JSON. A panic anywhere (even one the server would catch and log) aborts,
//! and a hang is reported by libFuzzer's `-timeout`.

#![no_main]

use std::io::Write;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;
use tokio::sync::Notify;
use tower_lsp::LspService;

#[allow(dead_code)]
#[path = "../../src/lsp/capabilities.rs"]
mod capabilities;
#[allow(dead_code)]
#[path = "../../src/lsp/convert.rs"]
mod convert;
#[allow(dead_code)]
#[path = "../../src/lsp/documents.rs"]
mod documents;
#[allow(dead_code)]
#[path = "../../src/lsp/linting.rs"]
mod linting;
#[allow(dead_code)]
#[path = "../../src/lsp/outbox.rs"]
mod outbox;
#[allow(dead_code)]
#[path = "../../src/lsp/position.rs"]
mod position;
#[allow(dead_code)]
#[path = "../../src/lsp/server.rs"]
mod server;
#[allow(dead_code)]
#[path = "../../src/lsp/settings.rs"]
mod settings;
#[allow(dead_code)]
#[path = "../../src/lsp/transport.rs"]
mod transport;
#[allow(dead_code)]
#[path = "../../src/lsp/workspace.rs"]
mod workspace;

/// A story with findings of several kinds, fixes and multibyte text.
const STORY: &str = "# Café “naïve” 東京 😀\n\nCritics say the legendary plan was very shocking.\r\n\n\"We will win,\" she said. About 3,000 people came, a 14 percent rise.\n";
const URI: &str = "file:///fuzz/story.md";
const PROBE: &[u8] = br#""id":"copydesk-fuzz-probe""#;

/// What the server writes, shared with the fuzz loop, which is woken on each write.
#[derive(Clone, Default)]
struct Sink {
    written: Arc<Mutex<Vec<u8>>>,
    wrote: Arc<Notify>,
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.written
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(buf);
        self.wrote.notify_one();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn contains(&self, needle: &[u8]) -> bool {
        self.written
            .lock()
            .map(|w| w.windows(needle.len()).any(|x| x == needle))
            .unwrap_or(false)
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn message(value: Value) -> Vec<u8> {
    frame(&serde_json::to_vec(&value).unwrap_or_default())
}

/// Everything written must be `Content-Length` frames of JSON objects.
fn check_output(written: &[u8]) {
    let mut rest = written;
    while !rest.is_empty() {
        let header_end = rest
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header ends with a blank line");
        let header = std::str::from_utf8(&rest[..header_end]).expect("an ASCII header");
        let length: usize = header
            .strip_prefix("Content-Length: ")
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("not a Content-Length header: {header:?}"));
        let body = &rest[header_end + 4..header_end + 4 + length];
        let value: Value = serde_json::from_slice(body).expect("a JSON body");
        assert!(value.is_object(), "{value}");
        rest = &rest[header_end + 4 + length..];
    }
}

fn run(data: &[u8]) {
    let Some((&mode, fuzzed)) = data.split_first() else {
        return;
    };
    // Bits 0-1: framing (3 is 1); bits 2-3: encoding (3 is UTF-16);
    // bit 6: pulled diagnostics; bit 7: no debounce.
    let framing = match mode & 3 {
        0 => 0,
        2 => 2,
        _ => 1,
    };
    let encoding = ["utf-8", "utf-16", "utf-32", "utf-16"][usize::from(mode >> 2 & 3)];
    let pull = mode & 0x40 != 0;
    let debounce = if mode & 0x80 != 0 { 0 } else { 5 };

    let mut capabilities = json!({ "general": { "positionEncodings": [encoding] } });
    if pull {
        capabilities["textDocument"] = json!({ "diagnostic": {} });
    }
    let mut input = message(
        json!({ "jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "processId": null, "rootUri": null, "capabilities": capabilities,
        "initializationOptions": { "debounceMs": debounce } } }),
    );
    input.extend(message(
        json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
    ));
    input.extend(message(
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": { "uri": URI, "languageId": "markdown", "version": 1, "text": STORY } } }),
    ));
    match framing {
        0 => input.extend(frame(fuzzed)),
        1 => {
            for body in fuzzed.split(|&b| b == 0) {
                input.extend(frame(body));
            }
        }
        _ => input.extend_from_slice(fuzzed),
    }

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let sink = Sink::default();
    runtime.block_on(async {
        let outbox = outbox::Outbox::spawn(sink.clone()).expect("an output thread");
        let (service, socket) = {
            let outbox = outbox.clone();
            LspService::new(move |client| {
                server::Backend::new(client, outbox, Arc::new(AtomicBool::new(false)))
            })
        };
        let (mut client, server_end) = tokio::io::duplex(64 * 1024);
        let serving = tokio::spawn(transport::serve(
            server_end,
            service,
            socket,
            outbox.clone(),
        ));
        // A write fails only once the server stopped reading (it was told to exit).
        let _ = client.write_all(&input).await;
        if framing == 2 {
            drop(client);
            let _ = serving.await.expect("the server task ends");
        } else {
            let probe =
                br#"{"jsonrpc":"2.0","id":"copydesk-fuzz-probe","method":"copydesk/fuzz-probe"}"#;
            let _ = client.write_all(&frame(probe)).await;
            loop {
                if sink.contains(PROBE) {
                    break;
                }
                if serving.is_finished() {
                    let end = serving.await.expect("the server task ends");
                    assert_eq!(end, transport::End::Exit, "stopped reading without `exit`");
                    break;
                }
                tokio::select! {
                    () = sink.wrote.notified() => {}
                    () = tokio::time::sleep(std::time::Duration::from_millis(5)) => {}
                }
            }
            drop(client);
        }
        outbox.flush(std::time::Duration::from_secs(30));
    });
    // Lint tasks still waiting are dropped with the runtime.
    drop(runtime);
    let written = sink.written.lock().map(|w| w.clone()).unwrap_or_default();
    check_output(&written);
}

fuzz_target!(|data: &[u8]| run(data));
