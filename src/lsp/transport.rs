//! JSON-RPC over stdio: reading `Content-Length` frames, handing messages to
//! tower-lsp's service, and writing its answers through the [`Outbox`].
//!
//! tower-lsp ships a transport of its own, but it stops reading for good at
//! the first frame it cannot decode (invalid JSON, invalid UTF-8, a lone
//! surrogate escape, a bad header), and it only notices `exit` when the next
//! message arrives. This one answers a bad frame with a JSON-RPC error and
//! reads on, repairs what can be repaired (invalid UTF-8 and lone
//! surrogates become U+FFFD, as an editor would display them), and stops as
//! soon as `exit` is handled.
//!
//! Handlers run concurrently, as in tower-lsp, but each is first polled in
//! the order its message arrived, so a `didChange` handler that applies its
//! edits before its first `.await` applies them in order.

use std::borrow::Cow;
use std::panic::AssertUnwindSafe;

use futures::future::BoxFuture;
use futures::stream::StreamExt;
use futures::{future, FutureExt, SinkExt};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt};
use tower_lsp::jsonrpc::{Error, Id, Request, Response};
use tower_lsp::lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument,
    Notification,
};
use tower_lsp::lsp_types::MessageType;
use tower_lsp::{ClientSocket, ExitedError, LanguageServer, LspService};
use tower_service::Service;

use super::outbox::Outbox;

/// The largest message accepted; a bigger one is skipped unread, so that a
/// wrong `Content-Length` cannot make the server allocate without bound.
pub const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// The largest header block; past it without a blank line, the bytes are garbage.
const MAX_HEADER: usize = 8 * 1024;

/// How many handlers may run at once (tower-lsp's default).
const MAX_CONCURRENCY: usize = 4;

/// Why the server stopped reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The client sent `exit`.
    Exit,
    /// Input ended (the client closed the pipe or died).
    Eof,
}

/// Serves `service` on `input` until `exit` or the end of input.
pub async fn serve<S, R>(
    input: R,
    mut service: LspService<S>,
    socket: ClientSocket,
    outbox: Outbox,
) -> End
where
    S: LanguageServer,
    R: AsyncRead + Unpin,
{
    let (requests_to_client, mut responses_from_client) = socket.split();
    let (mut task_tx, task_rx) =
        futures::channel::mpsc::channel::<BoxFuture<'static, Option<Response>>>(64);

    // Answers of the handlers, in completion order.
    let process = task_rx
        .buffer_unordered(MAX_CONCURRENCY)
        .for_each(|answer| {
            if let Some(response) = answer {
                send(&outbox, &response);
            }
            future::ready(())
        });
    // Requests the server makes of the client (`workspace/configuration`, ...).
    let forward = requests_to_client.for_each(|request| {
        send(&outbox, &request);
        future::ready(())
    });

    let read = async {
        let mut frames = FrameReader::new(input);
        loop {
            let body = match frames.next().await {
                Frame::Body(body) => body,
                Frame::Eof => return End::Eof,
                Frame::Bad(why) => {
                    reply_error(&outbox, Value::Null, -32700, &why);
                    continue;
                }
            };
            let request = match parse(body) {
                Ok(Incoming::Request(request)) => request,
                Ok(Incoming::Response(response)) => {
                    // Unknown ids are dropped by tower-lsp; after exit the sink refuses.
                    let _ = responses_from_client.send(response).await;
                    continue;
                }
                Err((id, code, why)) => {
                    reply_error(&outbox, id, code, &why);
                    continue;
                }
            };
            if request.id().is_none() {
                if let Err(why) = check_notification(request.method(), request.params()) {
                    // tower-lsp drops a notification with bad params silently.
                    outbox.log(
                        MessageType::WARNING,
                        format!(
                            "copydesk ignored a {} notification: {why}",
                            request.method()
                        ),
                    );
                    continue;
                }
            }
            if future::poll_fn(|cx| service.poll_ready(cx)).await.is_err() {
                return End::Exit;
            }
            let method = request.method().to_string();
            let id = request.id().cloned();
            let answer = guarded(service.call(request), method.clone(), id, outbox.clone());
            match method.as_str() {
                // Handled to the end before reading on: nothing may run
                // before the server knows the client's capabilities.
                "initialize" => {
                    if let Some(response) = answer.await {
                        send(&outbox, &response);
                    }
                }
                "exit" => return End::Exit,
                _ => {
                    if task_tx.send(answer).await.is_err() {
                        return End::Eof;
                    }
                }
            }
        }
    };

    let background = async {
        future::join(process, forward).await;
        future::pending::<()>().await
    };
    tokio::select! {
        end = read => end,
        () = background => End::Eof,
    }
}

/// A handler's answer, with a panic in the handler turned into an error
/// answer and a log line instead of the end of the server.
fn guarded(
    answer: impl std::future::Future<Output = Result<Option<Response>, ExitedError>> + Send + 'static,
    method: String,
    id: Option<Id>,
    outbox: Outbox,
) -> BoxFuture<'static, Option<Response>> {
    AssertUnwindSafe(answer)
        .catch_unwind()
        .map(move |result| match result {
            Ok(answer) => answer.ok().flatten(),
            Err(_) => {
                outbox.log(
                    MessageType::ERROR,
                    format!("copydesk failed while handling {method}, and carries on"),
                );
                id.map(|id| Response::from_error(id, Error::internal_error()))
            }
        })
        .boxed()
}

fn send<T: serde::Serialize>(outbox: &Outbox, message: &T) {
    if let Ok(body) = serde_json::to_vec(message) {
        outbox.send(body);
    }
}

fn reply_error(outbox: &Outbox, id: Value, code: i64, message: &str) {
    send(
        outbox,
        &json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } }),
    );
}

/// A request or notification from the client, or its answer to one of ours.
#[derive(Debug)]
enum Incoming {
    Request(Request),
    Response(Response),
}

/// Parses a frame's body; on failure, the id to answer with, the JSON-RPC
/// error code and a message.
fn parse(mut body: Vec<u8>) -> Result<Incoming, (Value, i64, String)> {
    repair_lone_surrogates(&mut body);
    let text = String::from_utf8_lossy(&body);
    let mut value: Value = serde_json::from_str(&text)
        .map_err(|e| (Value::Null, -32700, format!("Parse error: {e}")))?;
    // `"params": null` is how some clients say "no params" (for `shutdown`
    // and `exit`); tower-lsp only accepts them left out.
    if let Some(object) = value.as_object_mut() {
        if object.get("params").is_some_and(Value::is_null) {
            object.remove("params");
        }
    }
    if value.get("method").and_then(Value::as_str) == Some("initialize") {
        patch_workspace_diagnostics(&mut value);
    }
    let id = value
        .get("id")
        .filter(|id| id.is_number() || id.is_string())
        .cloned()
        .unwrap_or(Value::Null);
    let invalid = |e: serde_json::Error| (id.clone(), -32600, format!("Invalid request: {e}"));
    if value.get("method").is_some() {
        serde_json::from_value(value)
            .map(Incoming::Request)
            .map_err(invalid)
    } else if value.get("result").is_some() || value.get("error").is_some() {
        serde_json::from_value(value)
            .map(Incoming::Response)
            .map_err(invalid)
    } else {
        Err((
            id,
            -32600,
            "Invalid request: neither a request nor a response".into(),
        ))
    }
}

/// LSP 3.17 names the client's capability `workspace.diagnostics`, but
/// lsp-types 0.94 reads it as `workspace.diagnostic`, so the server would
/// never learn that the client takes `workspace/diagnostic/refresh`. Copy it
/// under the name lsp-types reads.
fn patch_workspace_diagnostics(initialize: &mut Value) {
    let workspace = initialize
        .pointer_mut("/params/capabilities/workspace")
        .and_then(Value::as_object_mut);
    if let Some(workspace) = workspace {
        if !workspace.contains_key("diagnostic") {
            if let Some(diagnostics) = workspace.get("diagnostics").cloned() {
                workspace.insert("diagnostic".into(), diagnostics);
            }
        }
    }
}

/// Checks the params of the notifications the server acts on; tower-lsp
/// would drop a malformed one without a word.
fn check_notification(method: &str, params: Option<&Value>) -> Result<(), String> {
    fn check<T: DeserializeOwned>(params: Option<&Value>) -> Result<(), String> {
        match params {
            Some(params) => T::deserialize(params).map(drop).map_err(|e| e.to_string()),
            None => Err("missing params".into()),
        }
    }
    match method {
        DidOpenTextDocument::METHOD => {
            check::<<DidOpenTextDocument as Notification>::Params>(params)
        }
        DidChangeTextDocument::METHOD => {
            check::<<DidChangeTextDocument as Notification>::Params>(params)
        }
        DidCloseTextDocument::METHOD => {
            check::<<DidCloseTextDocument as Notification>::Params>(params)
        }
        DidChangeConfiguration::METHOD => {
            check::<<DidChangeConfiguration as Notification>::Params>(params)
        }
        _ => Ok(()),
    }
}

/// Replaces each `\uXXXX` escape of a lone surrogate with `\uFFFD`, in
/// place (the two are the same length). JSON may carry such escapes, an
/// editor's UTF-16 text may hold such halves, but a Rust string cannot,
/// and serde_json refuses the whole message over one. U+FFFD is one UTF-16
/// unit, like the half it replaces, so positions the client sends later
/// still line up.
pub fn repair_lone_surrogates(body: &mut [u8]) {
    let hex = |b: &[u8]| -> Option<u32> {
        std::str::from_utf8(b)
            .ok()
            .and_then(|s| u32::from_str_radix(s, 16).ok())
    };
    let escape_at = |body: &[u8], i: usize| -> Option<u32> {
        if body.get(i) == Some(&b'\\') && body.get(i + 1) == Some(&b'u') {
            body.get(i + 2..i + 6).and_then(hex)
        } else {
            None
        }
    };
    let mut i = 0;
    // Backslashes are rare in prose: jump from one to the next.
    while let Some(next) = body.get(i..).and_then(|rest| memchr::memchr(b'\\', rest)) {
        i += next;
        // Inside a string a backslash always starts an escape; `\\` is one.
        if body.get(i + 1) != Some(&b'u') {
            i += 2;
            continue;
        }
        match escape_at(body, i) {
            // A high half followed by a low half: a proper pair.
            Some(0xD800..=0xDBFF) if matches!(escape_at(body, i + 6), Some(0xDC00..=0xDFFF)) => {
                i += 12
            }
            Some(0xD800..=0xDFFF) => {
                body[i + 2..i + 6].copy_from_slice(b"FFFD");
                i += 6;
            }
            _ => i += 2,
        }
    }
}

/// One read from the input.
#[derive(Debug, PartialEq, Eq)]
enum Frame {
    /// A message body.
    Body(Vec<u8>),
    /// Bytes that were not a frame, skipped; why.
    Bad(String),
    /// The input ended.
    Eof,
}

/// Reads `Content-Length` frames.
struct FrameReader<R> {
    input: R,
    buf: Vec<u8>,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    fn new(input: R) -> FrameReader<R> {
        FrameReader {
            input,
            buf: Vec::with_capacity(64 * 1024),
        }
    }

    /// Reads more input into the buffer; false at the end of input.
    async fn fill(&mut self) -> bool {
        let mut chunk = [0u8; 16 * 1024];
        match self.input.read(&mut chunk).await {
            Ok(0) | Err(_) => false,
            Ok(n) => {
                self.buf.extend_from_slice(&chunk[..n]);
                true
            }
        }
    }

    async fn next(&mut self) -> Frame {
        loop {
            if let Some(end) = find(&self.buf, b"\r\n\r\n") {
                let length = content_length(&self.buf[..end]);
                self.buf.drain(..end + 4);
                return match length {
                    Ok(length) if length <= MAX_MESSAGE => self.body(length).await,
                    Ok(length) => {
                        self.skip(length).await;
                        Frame::Bad(format!(
                            "message of {length} bytes is larger than the {MAX_MESSAGE} accepted"
                        ))
                    }
                    Err(why) => Frame::Bad(why),
                };
            }
            if self.buf.len() > MAX_HEADER {
                // Garbage: skip to the next header, if any is in view.
                let next = find(&self.buf[1..], b"Content-Length")
                    .map_or(self.buf.len() - 16, |at| at + 1);
                self.buf.drain(..next);
                return Frame::Bad("skipped bytes that were not a message header".into());
            }
            if !self.fill().await {
                return Frame::Eof;
            }
        }
    }

    async fn body(&mut self, length: usize) -> Frame {
        if self.buf.len() >= length {
            let rest = self.buf.split_off(length);
            return Frame::Body(std::mem::replace(&mut self.buf, rest));
        }
        let mut body = std::mem::take(&mut self.buf);
        let have = body.len();
        body.resize(length, 0);
        match self.input.read_exact(&mut body[have..]).await {
            Ok(_) => Frame::Body(body),
            Err(_) => Frame::Eof,
        }
    }

    async fn skip(&mut self, mut length: usize) {
        let here = length.min(self.buf.len());
        self.buf.drain(..here);
        length -= here;
        let mut sink = vec![0u8; 64 * 1024];
        while length > 0 {
            let want = length.min(sink.len());
            match self.input.read(&mut sink[..want]).await {
                Ok(0) | Err(_) => return,
                Ok(n) => length -= n,
            }
        }
    }
}

/// The value of the `Content-Length` header in a header block.
fn content_length(header: &[u8]) -> Result<usize, String> {
    let text = String::from_utf8_lossy(header);
    let mut length = None;
    for line in text.split("\r\n") {
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("malformed header line {:?}", truncate(line)));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("bad Content-Length {:?}", truncate(value)))?,
            );
        }
    }
    length.ok_or_else(|| "message without Content-Length".into())
}

fn truncate(s: &str) -> Cow<'_, str> {
    match s.char_indices().nth(40) {
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
        None => Cow::Borrowed(s),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn repaired(s: &str) -> String {
        let mut bytes = s.as_bytes().to_vec();
        repair_lone_surrogates(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(repaired(r#""a\ud800b""#), r#""a\uFFFDb""#);
        assert_eq!(repaired(r#""\uDC00\uD83D""#), r#""\uFFFD\uFFFD""#);
        // A pair is left alone, and so is an escaped backslash before "u".
        assert_eq!(
            repaired(r#""\ud83d\ude00 \\ud800""#),
            r#""\ud83d\ude00 \\ud800""#
        );
        assert_eq!(repaired(r#""\\\ud800""#), r#""\\\uFFFD""#);
        // Truncated escapes are left for the parser to refuse.
        assert_eq!(repaired(r#""\ud8"#), r#""\ud8"#);
        // A backslash as the very last byte.
        assert_eq!(repaired("x\\"), "x\\");
    }

    proptest! {
        #[test]
        fn repaired_json_strings_always_parse(units in prop::collection::vec(prop::sample::select(vec![0x61u16, 0x5C, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xD83D, 0xDE00, 0xE9]), 0..20)) {
            let mut json = String::from("\"");
            for u in &units {
                match u {
                    0x5C => json.push_str("\\\\"),
                    0x61 => json.push('a'),
                    u => json.push_str(&format!("\\u{u:04x}")),
                }
            }
            json.push('"');
            let mut bytes = json.clone().into_bytes();
            repair_lone_surrogates(&mut bytes);
            prop_assert_eq!(bytes.len(), json.len());
            let parsed: Result<String, _> = serde_json::from_slice(&bytes);
            prop_assert!(parsed.is_ok(), "{} -> {:?}", json, parsed);
            // Same number of UTF-16 units as the client's text.
            prop_assert_eq!(parsed.map(|s| s.encode_utf16().count()).unwrap_or(0), units.len());
        }
    }

    async fn frames(input: &[u8]) -> Vec<Frame> {
        let mut reader = FrameReader::new(input);
        let mut out = Vec::new();
        loop {
            let frame = reader.next().await;
            let end = frame == Frame::Eof;
            out.push(frame);
            if end {
                return out;
            }
        }
    }

    #[tokio::test]
    async fn reads_frames_and_skips_garbage() {
        let input = b"Content-Length: 2\r\n\r\n{}content-length:3\r\nContent-Type: x\r\n\r\n[1]Nonsense\r\n\r\nContent-Length: 1\r\n\r\n1Content-Length: 99999999999\r\n\r\nabc";
        let got = frames(input).await;
        assert_eq!(got[0], Frame::Body(b"{}".to_vec()));
        assert_eq!(got[1], Frame::Body(b"[1]".to_vec()));
        assert!(matches!(got[2], Frame::Bad(_)), "{got:?}");
        assert_eq!(got[3], Frame::Body(b"1".to_vec()));
        assert!(matches!(got[4], Frame::Bad(_)), "{got:?}");
        assert_eq!(got[5], Frame::Eof);
    }

    #[tokio::test]
    async fn a_truncated_body_is_the_end() {
        assert_eq!(
            frames(b"Content-Length: 10\r\n\r\n{}").await,
            vec![Frame::Eof]
        );
    }

    #[test]
    fn classifies_messages_and_refuses_the_rest() {
        let parse_str = |s: &str| parse(s.as_bytes().to_vec());
        assert!(matches!(
            parse_str(r#"{"jsonrpc":"2.0","method":"x","params":{}}"#),
            Ok(Incoming::Request(_))
        ));
        assert!(matches!(
            parse_str(r#"{"jsonrpc":"2.0","id":3,"result":null}"#),
            Ok(Incoming::Response(_))
        ));
        assert!(matches!(parse_str("{nope"), Err((Value::Null, -32700, _))));
        assert!(matches!(
            parse_str(r#"{"id":4,"method":"x"}"#),
            Err((Value::Number(_), -32600, _))
        ));
        assert!(matches!(parse_str("[]"), Err((Value::Null, -32600, _))));
        // Invalid UTF-8 is repaired rather than refused.
        let mut bytes = br#"{"jsonrpc":"2.0","method":"x","params":{"t":"a"#.to_vec();
        bytes.extend_from_slice(b"\xff\"}}");
        assert!(matches!(parse(bytes), Ok(Incoming::Request(_))));
    }

    #[test]
    fn the_workspace_diagnostics_capability_reaches_lsp_types() {
        let body = json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "capabilities": { "workspace": { "diagnostics": { "refreshSupport": true } } } } });
        let Ok(Incoming::Request(request)) = parse(body.to_string().into_bytes()) else {
            panic!("not a request")
        };
        let params: Option<tower_lsp::lsp_types::InitializeParams> = request
            .params()
            .and_then(|p| serde_json::from_value(p.clone()).ok());
        let refresh = params
            .and_then(|p| p.capabilities.workspace)
            .and_then(|w| w.diagnostic)
            .and_then(|d| d.refresh_support);
        assert_eq!(refresh, Some(true));
    }

    #[test]
    fn malformed_notifications_are_caught() {
        assert!(check_notification(
            "textDocument/didChange",
            Some(&json!({ "textDocument": { "uri": "file:///a" } }))
        )
        .is_err());
        assert!(check_notification("textDocument/didOpen", None).is_err());
        assert!(check_notification("$/whatever", None).is_ok());
        let ok =
            json!({ "textDocument": { "uri": "file:///a", "version": 2 }, "contentChanges": [] });
        assert!(check_notification("textDocument/didChange", Some(&ok)).is_ok());
    }
}
