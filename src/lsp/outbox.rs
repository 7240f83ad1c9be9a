//! Everything the server writes goes through the outbox: one thread owns
//! stdout and writes whole frames in the order they were queued.
//!
//! Notifications are serialised straight from borrowed data to bytes.
//! tower-lsp's own client would first build a `serde_json::Value` of every
//! diagnostic, a tree of maps and copied strings for each of the thousands
//! of findings of a long document. Queueing is synchronous and never blocks,
//! so a frame can be queued while a lock is held, which is what lets the
//! server publish a result only if it is still for the latest text.

use std::io::Write;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::time::Duration;

use serde::Serialize;
use tower_lsp::lsp_types::{LogMessageParams, MessageType};

enum Item {
    /// A JSON-RPC message; the writer adds the header.
    Body(Vec<u8>),
    /// Answered once every frame queued before it has been written.
    Flush(SyncSender<()>),
}

/// A handle for queueing frames; cheap to clone.
#[derive(Clone)]
pub struct Outbox {
    tx: Sender<Item>,
}

impl Outbox {
    /// An outbox writing to `out` on a thread of its own. The thread ends
    /// when every handle is dropped or the output is closed; [`Outbox::flush`]
    /// is how to wait for it to catch up.
    pub fn spawn(out: impl Write + Send + 'static) -> std::io::Result<Outbox> {
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("copydesk-lsp-out".into())
            .spawn(move || write_frames(out, rx))?;
        Ok(Outbox { tx })
    }

    /// Queues a message already serialised as a JSON object.
    pub fn send(&self, body: Vec<u8>) {
        // A closed channel means the writer stopped because the client went
        // away; there is no one left to tell.
        let _ = self.tx.send(Item::Body(body));
    }

    /// Queues a notification.
    pub fn notify<P: Serialize>(&self, method: &str, params: &P) {
        if let Some(body) = notification(method, params) {
            self.send(body);
        }
    }

    /// Logs `message` in the client's output (`window/logMessage`).
    pub fn log(&self, typ: MessageType, message: impl Into<String>) {
        self.notify(
            "window/logMessage",
            &LogMessageParams {
                typ,
                message: message.into(),
            },
        );
    }

    /// Waits, up to `timeout`, until every frame queued so far is written.
    pub fn flush(&self, timeout: Duration) {
        let (ack_tx, ack_rx) = mpsc::sync_channel(1);
        if self.tx.send(Item::Flush(ack_tx)).is_ok() {
            let _ = ack_rx.recv_timeout(timeout);
        }
    }
}

/// The body of a notification, serialised without an intermediate `Value`.
pub fn notification<P: Serialize>(method: &str, params: &P) -> Option<Vec<u8>> {
    #[derive(Serialize)]
    struct Notification<'a, P> {
        jsonrpc: &'static str,
        method: &'a str,
        params: &'a P,
    }
    serde_json::to_vec(&Notification {
        jsonrpc: "2.0",
        method,
        params,
    })
    .ok()
}

fn write_frames(out: impl Write, rx: Receiver<Item>) {
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
    while let Ok(item) = rx.recv() {
        let mut next = Some(item);
        // Write everything already queued, then flush once.
        while let Some(item) = next {
            match item {
                Item::Body(body) => {
                    let header = format!("Content-Length: {}\r\n\r\n", body.len());
                    if out
                        .write_all(header.as_bytes())
                        .and_then(|()| out.write_all(&body))
                        .is_err()
                    {
                        return;
                    }
                }
                Item::Flush(ack) => {
                    if out.flush().is_err() {
                        return;
                    }
                    let _ = ack.send(());
                }
            }
            next = rx.try_recv().ok();
        }
        if out.flush().is_err() {
            return;
        }
    }
}

/// An output that keeps what is written, for tests.
#[cfg(test)]
#[derive(Clone, Default)]
pub struct Capture(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

#[cfg(test)]
impl Capture {
    /// Everything written so far, as text.
    pub fn text(&self) -> String {
        self.0
            .lock()
            .map(|v| String::from_utf8_lossy(&v).into_owned())
            .unwrap_or_default()
    }
}

#[cfg(test)]
impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_written_whole_and_in_order() {
        let sink = Capture::default();
        let Ok(outbox) = Outbox::spawn(sink.clone()) else {
            panic!("no thread")
        };
        outbox.notify("a/b", &serde_json::json!({ "x": "é" }));
        outbox.log(MessageType::WARNING, "careful");
        outbox.flush(Duration::from_secs(10));
        let written = sink.text();
        let first = r#"{"jsonrpc":"2.0","method":"a/b","params":{"x":"é"}}"#;
        assert!(
            written.starts_with(&format!(
                "Content-Length: {}\r\n\r\n{first}Content-Length: ",
                first.len()
            )),
            "{written}"
        );
        assert!(
            written.ends_with(
                r#""method":"window/logMessage","params":{"type":2,"message":"careful"}}"#
            ),
            "{written}"
        );
    }
}
