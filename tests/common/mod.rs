//! A language client for the end-to-end tests: spawns `copydesk lsp`,
//! speaks JSON-RPC with `Content-Length` framing over its stdio, and keeps
//! what the server says (notifications, log lines, stderr) for assertions.
//!
//! Waiting is bounded only to turn a hung server into a failure with a
//! message instead of a stuck test run; no test asserts on time.

#![allow(dead_code)] // Each test binary uses a different part of the client.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use copydesk::{Finding, Level, LintOptions, Linter, Syntax};
use serde_json::{json, Value};
use tower_lsp::lsp_types::Url;

/// How long to wait for any one answer before calling the server hung.
pub const PATIENCE: Duration = Duration::from_secs(120);

/// A message from the server and when it had been read whole.
pub struct Received {
    pub at: Instant,
    pub body: Vec<u8>,
}

/// A running server and the client end of its pipes.
pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Result<Received, String>>,
    next_id: i64,
    /// Notifications received and not yet consumed by a wait.
    pub backlog: VecDeque<Value>,
    /// Every `window/logMessage` text, in order.
    pub logs: Vec<String>,
    /// Every `textDocument/publishDiagnostics` params, in order.
    pub published: Vec<Value>,
    /// What the server wrote to stderr.
    pub stderr: Arc<Mutex<String>>,
    /// The answer to `workspace/configuration` requests.
    pub configuration: Value,
    /// Requests the server made of the client, by method.
    pub server_requests: Vec<String>,
    /// The same requests, whole.
    pub server_request_messages: Vec<Value>,
}

impl Client {
    /// Spawns the `copydesk` binary built for the tests.
    pub fn spawn() -> Client {
        Client::spawn_binary(env!("CARGO_BIN_EXE_copydesk"))
    }

    /// Spawns `binary lsp --stdio`.
    pub fn spawn_binary(binary: &str) -> Client {
        let mut child = Command::new(binary)
            .args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {binary}: {e}"));
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr_pipe = child.stderr.take().expect("piped stderr");
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = BufReader::new(stderr_pipe).read_to_string(&mut text);
            sink.lock().expect("stderr lock").push_str(&text);
        });
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || read_frames(stdout, tx));
        Client {
            child,
            stdin,
            rx,
            next_id: 0,
            backlog: VecDeque::new(),
            logs: Vec::new(),
            published: Vec::new(),
            stderr,
            configuration: Value::Null,
            server_requests: Vec::new(),
            server_request_messages: Vec::new(),
        }
    }

    /// The process id, for reading its memory use.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Writes raw bytes to the server's stdin.
    pub fn write_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("server stdin");
        stdin.flush().expect("server stdin");
    }

    /// Sends one message, framed.
    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).expect("serialisable");
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(&body);
        self.write_raw(&frame);
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response (the whole message).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// Waits for the response to request `id`.
    pub fn response(&mut self, id: i64) -> Value {
        loop {
            let message = self.next_message(&format!("the response to request {id}"));
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            self.keep(message);
        }
    }

    /// Waits for the next message that is not a request from the server.
    pub fn next_message(&mut self, waiting_for: &str) -> Value {
        let received = self.next_received(waiting_for);
        serde_json::from_slice(&received.body)
            .unwrap_or_else(|e| panic!("server sent invalid JSON ({e})"))
    }

    /// Waits for the next frame, raw, answering the server's requests on the way.
    pub fn next_received(&mut self, waiting_for: &str) -> Received {
        loop {
            let received = match self.rx.recv_timeout(PATIENCE) {
                Ok(Ok(received)) => received,
                Ok(Err(e)) => panic!(
                    "bad output from the server while waiting for {waiting_for}: {e}\nstderr: {}",
                    self.stderr_text()
                ),
                Err(RecvTimeoutError::Timeout) => panic!(
                    "no {waiting_for} within {PATIENCE:?}; stderr: {}",
                    self.stderr_text()
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "server closed stdout while waiting for {waiting_for}; stderr: {}",
                    self.stderr_text()
                ),
            };
            // Cheap test first: most frames are not requests from the server.
            if contains(&received.body, br#""id""#) && contains(&received.body, br#""method""#) {
                let message: Value = serde_json::from_slice(&received.body).expect("valid JSON");
                if message.get("id").is_some() && message.get("method").is_some() {
                    self.answer_server_request(&message);
                    continue;
                }
            }
            return received;
        }
    }

    fn answer_server_request(&mut self, request: &Value) {
        let method = request["method"].as_str().unwrap_or_default().to_string();
        let result = match method.as_str() {
            "workspace/configuration" => {
                let items = request["params"]["items"].as_array().map_or(0, Vec::len);
                Value::Array(vec![self.configuration.clone(); items])
            }
            _ => Value::Null,
        };
        self.server_requests.push(method);
        self.server_request_messages.push(request.clone());
        self.send(&json!({ "jsonrpc": "2.0", "id": request["id"], "result": result }));
    }

    /// Notes a log line or published diagnostics.
    fn record(&mut self, message: &Value) {
        match message.get("method").and_then(Value::as_str) {
            Some("window/logMessage") => self.logs.push(
                message["params"]["message"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            ),
            Some("textDocument/publishDiagnostics") => {
                self.published.push(message["params"].clone())
            }
            _ => {}
        }
    }

    /// Files a message where the waits can find it.
    fn keep(&mut self, message: Value) {
        self.record(&message);
        if message.get("method").and_then(Value::as_str) != Some("window/logMessage") {
            self.backlog.push_back(message);
        }
    }

    /// Waits for a notification matching `pred`, consuming it.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i).expect("present");
        }
        loop {
            let message = self.next_message(what);
            if pred(&message) {
                self.record(&message);
                return message;
            }
            self.keep(message);
        }
    }

    /// Waits for a message shown to the writer (`window/showMessage`), and
    /// gives its text.
    pub fn wait_shown(&mut self) -> String {
        let message = self.wait_for("a message shown to the writer", |m| {
            m["method"] == "window/showMessage"
        });
        message["params"]["message"]
            .as_str()
            .unwrap_or_else(|| panic!("no text in {message}"))
            .to_string()
    }

    /// The code action titled `title` for `diagnostic` of the document at
    /// `uri`, and `text` (the document's) with its edits applied.
    pub fn act(
        &mut self,
        uri: &str,
        text: &str,
        diagnostic: &Value,
        title: &str,
    ) -> (Value, String) {
        let answer = self.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": diagnostic["range"], "context": { "diagnostics": [diagnostic] } }),
        );
        let actions = answer["result"].as_array().cloned().unwrap_or_default();
        let action = actions
            .iter()
            .find(|a| a["title"] == title)
            .unwrap_or_else(|| panic!("no {title:?} in {actions:?}"))
            .clone();
        let edits = action["edit"]["changes"][uri]
            .as_array()
            .unwrap_or_else(|| panic!("no edits: {action}"));
        let fixed = apply_edits(text, edits, "utf-16");
        (action, fixed)
    }

    /// Whether diagnostics that are not empty were ever published for `uri`.
    pub fn ever_flagged(&self, uri: &str) -> bool {
        self.published
            .iter()
            .any(|p| p["uri"] == uri && p["diagnostics"].as_array().is_some_and(|d| !d.is_empty()))
    }

    /// Waits for the diagnostics of `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait_for(&format!("diagnostics of {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Collects what the server says until it has answered a request made
    /// now: whatever it had queued before is then in the backlog and logs.
    pub fn sync(&mut self) {
        let id = self.send_request("copydesk/sync-probe", json!(null));
        let answer = self.response(id);
        assert!(
            answer.get("error").is_some(),
            "an unknown method is an error: {answer}"
        );
    }

    /// Waits until the server has made a request of the client (answered
    /// on the way, as any other), syncing meanwhile so that reading goes on.
    pub fn wait_server_request(&mut self, method: &str) {
        for _ in 0..10_000 {
            if self.server_requests.iter().any(|m| m == method) {
                return;
            }
            self.sync();
        }
        panic!(
            "the server never sent {method}; it sent {:?}",
            self.server_requests
        );
    }

    /// `initialize` with these client capabilities and options, then `initialized`.
    pub fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let mut params =
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities });
        if !options.is_null() {
            params["initializationOptions"] = options;
        }
        let answer = self.request("initialize", params);
        assert!(
            answer.get("result").is_some(),
            "initialize failed: {answer}"
        );
        self.notify("initialized", json!({}));
        answer["result"].clone()
    }

    /// Opens a document.
    pub fn open(&mut self, uri: &str, language: &str, version: i64, text: &str) {
        self.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": language, "version": version, "text": text } }));
    }

    /// Sends incremental changes.
    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }));
    }

    /// The server's stderr so far.
    pub fn stderr_text(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// `shutdown` then `exit`; returns the exit status.
    pub fn shutdown(mut self) -> ExitStatus {
        let answer = self.request("shutdown", Value::Null);
        assert_eq!(
            answer.get("result"),
            Some(&Value::Null),
            "shutdown: {answer}"
        );
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Waits for the process to end (it must, once told to exit).
    pub fn wait_exit(mut self) -> ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "server did not exit; stderr: {}",
                self.stderr_text()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Reads frames from the server's stdout; anything that is not a frame is
/// an error: the server must never print anything else there.
fn read_frames(stdout: impl Read, tx: mpsc::Sender<Result<Received, String>>) {
    let mut reader = BufReader::with_capacity(1 << 20, stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) => return,
                Ok(_) => {}
                Err(e) => {
                    let _ = tx.send(Err(format!("reading a header: {e}")));
                    return;
                }
            }
            if line == "\r\n" {
                break;
            }
            let Some(value) = line
                .strip_prefix("Content-Length: ")
                .and_then(|v| v.trim_end().parse::<usize>().ok())
            else {
                let _ = tx.send(Err(format!("not a header line: {line:?}")));
                return;
            };
            length = Some(value);
        }
        let Some(length) = length else {
            let _ = tx.send(Err("frame without Content-Length".into()));
            return;
        };
        let mut body = vec![0; length];
        if let Err(e) = reader.read_exact(&mut body) {
            let _ = tx.send(Err(format!("truncated body: {e}")));
            return;
        }
        if tx
            .send(Ok(Received {
                at: Instant::now(),
                body,
            }))
            .is_err()
        {
            return;
        }
    }
}

/// Byte offset to (line, character) the slow and obvious way, for checking
/// the server's conversions.
pub fn position(text: &str, byte: usize, encoding: &str) -> (u64, u64) {
    let before = &text[..byte];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    // "\r\n" is one break: count "\r" only when no "\n" follows it.
    let line = before.match_indices('\n').count()
        + before
            .match_indices('\r')
            .filter(|(i, _)| text.as_bytes().get(i + 1) != Some(&b'\n'))
            .count();
    let column = &before[line_start..];
    let character = match encoding {
        "utf-8" => column.len(),
        "utf-32" => column.chars().count(),
        _ => column.encode_utf16().count(),
    };
    (line as u64, character as u64)
}

/// (line, character) to a byte offset the slow and obvious way.
pub fn offset(text: &str, line: u64, character: u64, encoding: &str) -> usize {
    let mut start = 0;
    for _ in 0..line {
        let rest = &text[start..];
        let Some(i) = rest.find(['\n', '\r']) else {
            return text.len();
        };
        start += i + if rest[i..].starts_with("\r\n") { 2 } else { 1 };
    }
    let end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        if units >= character {
            return start + i;
        }
        units += match encoding {
            "utf-8" => c.len_utf8(),
            "utf-32" => 1,
            _ => c.len_utf16(),
        } as u64;
    }
    end
}

/// A protocol range as JSON.
pub fn range(text: &str, span: std::ops::Range<usize>, encoding: &str) -> Value {
    let (sl, sc) = position(text, span.start, encoding);
    let (el, ec) = position(text, span.end, encoding);
    json!({ "start": { "line": sl, "character": sc }, "end": { "line": el, "character": ec } })
}

/// What the library finds in `text`.
pub fn lint(text: &str, syntax: Syntax) -> Vec<Finding> {
    Linter::new(LintOptions::default())
        .lint(text, syntax)
        .findings
}

/// What the library finds in `text` with some rules or families set to a level.
pub fn lint_with(text: &str, levels: &[(&str, &str)]) -> Vec<Finding> {
    let levels = levels
        .iter()
        .map(|(k, v)| (k.to_string(), Level::parse(v).expect("a level")))
        .collect();
    Linter::new(LintOptions { levels })
        .lint(text, Syntax::Markdown)
        .findings
}

/// Copy that a rule flags, taken from the rules' own bad examples (so that
/// tuning a rule does not break the server's tests), after a line and a
/// sentence of multi-byte text; and the first finding in it that `pred`
/// accepts.
pub fn flagged(pred: impl Fn(&Finding) -> bool) -> (String, Finding) {
    for meta in copydesk::rules::catalogue() {
        let text = format!("# Café 😀 “東京”\n\nLe 😀 café. {}\n", meta.bad.trim());
        if let Some(finding) = lint(&text, Syntax::Markdown)
            .into_iter()
            .find(|f| f.rule == meta.id && pred(f))
        {
            return (text, finding);
        }
    }
    panic!("no rule's bad example has such a finding")
}

/// The rules' bad examples that have a finding `pred` accepts, as paragraphs.
pub fn examples(pred: impl Fn(&Finding) -> bool) -> Vec<String> {
    copydesk::rules::catalogue()
        .map(|r| r.bad.trim().to_string())
        .filter(|bad| lint(bad, Syntax::Markdown).iter().any(&pred))
        .collect()
}

/// The (rule, range) pairs a server should publish for `findings` of `text`.
pub fn expected(text: &str, findings: &[Finding], encoding: &str) -> Vec<(String, Value)> {
    findings
        .iter()
        .map(|f| (f.rule.to_string(), range(text, f.span.clone(), encoding)))
        .collect()
}

/// The (rule, range) pairs of published diagnostics.
pub fn published(diagnostics: &[Value]) -> Vec<(String, Value)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["range"].clone(),
            )
        })
        .collect()
}

/// Applies protocol text edits (`[{ range, newText }]`, against the same
/// original text, not overlapping) to `text`.
pub fn apply_edits(text: &str, edits: &[Value], encoding: &str) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let at = |p: &Value| {
                offset(
                    text,
                    p["line"].as_u64().unwrap_or(0),
                    p["character"].as_u64().unwrap_or(0),
                    encoding,
                )
            };
            (
                at(&e["range"]["start"]),
                at(&e["range"]["end"]),
                e["newText"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| s.0);
    let mut out = String::new();
    let mut at = 0;
    for (start, end, new_text) in spans {
        out.push_str(&text[at..start]);
        out.push_str(&new_text);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// A client initialised with `capabilities` that lints without debounce.
pub fn started(capabilities: Value) -> Client {
    let mut client = Client::spawn();
    client.initialize(capabilities, json!({ "debounceMs": 0 }));
    client
}

/// A temporary workspace (a repository, so discovery stops at its root).
pub struct Workspace {
    /// Kept for its removal on drop.
    _dir: tempfile::TempDir,
    /// The folder with its links resolved, as the server names the files
    /// it reads (a style file's errors among them).
    root: PathBuf,
}

impl Workspace {
    /// An empty repository.
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(dir.path().join(".git")).expect("a .git folder");
        let root = std::fs::canonicalize(dir.path()).expect("a resolvable folder");
        Workspace { _dir: dir, root }
    }

    /// The path of `name`, relative to the workspace.
    pub fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// The `file:` URI of `name`.
    pub fn uri(&self, name: &str) -> String {
        Url::from_file_path(self.path(name))
            .expect("an absolute path")
            .to_string()
    }

    /// Writes `name`, making its folders.
    pub fn write(&self, name: &str, text: &str) {
        let path = self.path(name);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).expect("a folder");
        }
        std::fs::write(path, text).expect("writable");
    }
}

/// The `code` of each diagnostic.
pub fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Waits for published diagnostics of `uri` that satisfy `pred`.
pub fn wait_published(
    client: &mut Client,
    uri: &str,
    what: &str,
    pred: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let message = client.wait_for(what, |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && pred(
                m["params"]["diagnostics"]
                    .as_array()
                    .map_or(&[], Vec::as_slice),
            )
    });
    message["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Tells the server that the file at `path` changed on disk.
pub fn file_changed(client: &mut Client, path: &Path) {
    let uri = Url::from_file_path(path)
        .expect("an absolute path")
        .to_string();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri, "type": 2 }] }),
    );
}
