//! When open documents are linted, on which text, and what gets published.
//!
//! Each open document has a lint slot (its paragraph cache and latest
//! result) and, for clients that take pushed diagnostics, a task that waits
//! for changes, lets a burst of keystrokes settle (the debounce) and lints.
//! Hover, code actions and pulled diagnostics use the same slot, so a
//! document is never linted twice for the same text.
//!
//! A result is published only if, at the moment it is queued, the document
//! is still open and still at the revision that was linted. The check and
//! the queueing happen under the documents lock, which `didChange` and
//! `didClose` also take: the client can never be sent diagnostics for text
//! older than the server's, nor after it closed the document.

use std::path::Path;
use std::sync::Arc;

use copydesk::config::Config as FileConfig;
use copydesk::rules::house::stylebook::Stylebook;
use copydesk::{Finding, Linter, ParagraphCache};
use ropey::Rope;
use tokio::sync::{watch, Mutex as AsyncMutex};
use tower_lsp::lsp_types::{Diagnostic, MessageType, Range, Url};

use super::convert;
use super::documents::Document;
use super::server::{lock, Server};
use super::settings::Settings;
use super::workspace;

/// The settings in force and the linter they make.
pub struct Config {
    /// The settings.
    pub settings: Settings,
    /// The linter for them, for documents that are not files (no
    /// copydesk.toml applies to those).
    pub linter: Arc<Linter>,
    /// Bumped on every change of settings or of configuration files.
    pub generation: u64,
}

impl Config {
    /// The configuration for `settings`, as the `generation`th one.
    pub fn new(settings: Settings, generation: u64) -> Config {
        Config {
            // No copydesk.toml applies to a document that is not a file: the
            // built-in defaults, with the editor's settings over them.
            linter: workspace::linter(&FileConfig::default(), Path::new(""), &settings),
            settings,
            generation,
        }
    }
}

/// Which text and which settings a result is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// The document's revision.
    pub revision: u64,
    /// The configuration's generation.
    pub generation: u64,
}

/// A lint of one revision of a document.
pub struct Linted {
    /// What was linted.
    pub stamp: Stamp,
    /// The client's version of that text.
    pub version: i32,
    /// That text.
    pub rope: Rope,
    /// The findings, in source order.
    pub findings: Vec<Finding>,
    /// The protocol range of each finding.
    pub ranges: Vec<Range>,
    /// The desk's stylebook the text was linted with, which explains its
    /// `house/` findings.
    pub stylebook: Option<Arc<Stylebook>>,
}

impl Linted {
    /// The findings as diagnostics (for a pull report).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.findings
            .iter()
            .zip(&self.ranges)
            .map(|(f, r)| convert::diagnostic(f, *r, self.version, self.stylebook.as_deref()))
            .collect()
    }
}

/// A document's paragraph cache and latest result.
#[derive(Default)]
pub struct LintSlot {
    cache: ParagraphCache,
    /// The generation the cache was filled under. The cache notices a change
    /// in which rules run, not a change of severity, so it is dropped here.
    cache_generation: u64,
    last: Option<Arc<Linted>>,
    /// The linter last built for the document's file, with the file
    /// configuration and settings generation it was built from.
    linter: Option<(Arc<FileConfig>, u64, Arc<Linter>)>,
}

/// An open document with its lint state.
pub struct OpenDocument {
    /// The text.
    pub doc: Document,
    slot: Arc<AsyncMutex<LintSlot>>,
    /// Wakes the document's lint task; dropped on close, which ends the task.
    changed: watch::Sender<()>,
    /// The latest result queued for the client.
    published: Option<Stamp>,
}

impl OpenDocument {
    /// A document just opened, and the receiver its lint task waits on.
    pub fn new(doc: Document) -> (OpenDocument, watch::Receiver<()>) {
        let (changed, rx) = watch::channel(());
        (
            OpenDocument {
                doc,
                slot: Arc::default(),
                changed,
                published: None,
            },
            rx,
        )
    }

    /// Tells the lint task that the text or the settings changed.
    pub fn touch(&self) {
        self.changed.send_replace(());
    }
}

impl Server {
    /// The result for the document's current text and settings, linting
    /// now if there is none yet. `None` when the document is not open.
    /// For a client that takes pushed diagnostics, a new result is also
    /// published.
    pub async fn lint(self: &Arc<Self>, uri: &Url) -> Option<Arc<Linted>> {
        // A configuration file is not copy: its diagnostics are its errors.
        if workspace::is_config_uri(uri) {
            return None;
        }
        let slot = self.with_document(uri, |open| Arc::clone(&open.slot))?;
        let mut slot = slot.lock().await;
        let config = self.config();
        let (rope, version, syntax, revision) = self.with_document(uri, |open| {
            (
                open.doc.rope.clone(),
                open.doc.version,
                open.doc.syntax,
                open.doc.revision,
            )
        })?;
        let stamp = Stamp {
            revision,
            generation: config.generation,
        };
        if let Some(last) = slot.last.as_ref().filter(|last| last.stamp == stamp) {
            return Some(Arc::clone(last));
        }
        if slot.cache_generation != config.generation {
            slot.cache = ParagraphCache::default();
            slot.cache_generation = config.generation;
        }
        let mut cache = std::mem::take(&mut slot.cache);
        let previous = slot.last.take();
        let built = slot.linter.take();
        let encoding = self.client_support().encoding;
        let server = Arc::clone(self);
        let target = uri.clone();
        // Linting and serialising are CPU work: off the async threads, so
        // that incoming edits are applied while a lint runs.
        let job = tokio::task::spawn_blocking(move || {
            let built = server.linter_for(&target, &config, built);
            let linter = built
                .as_ref()
                .map_or(&config.linter, |(_, _, linter)| linter);
            let report = linter.lint_filled(syntax, &mut cache, |text| {
                rope.chunks().for_each(|chunk| text.push_str(chunk))
            });
            let ranges = convert::ranges(cache.text(), &rope, &report.findings, encoding);
            let linted = Linted {
                stamp,
                version,
                rope,
                findings: report.findings,
                ranges,
                stylebook: linter.stylebook().cloned(),
            };
            server.log_failures(&report.failures);
            server.publish(&target, &linted);
            // Freeing the previous result waits until the client has the new
            // diagnostics.
            drop(previous);
            (cache, linted, built)
        });
        match job.await {
            Ok((cache, linted, built)) => {
                slot.cache = cache;
                slot.linter = built;
                let linted = Arc::new(linted);
                slot.last = Some(Arc::clone(&linted));
                Some(linted)
            }
            Err(e) => {
                // The cache went with the failed job; the next lint starts afresh.
                self.outbox.log(
                    MessageType::ERROR,
                    format!("copydesk could not lint {uri}: {e}"),
                );
                None
            }
        }
    }

    /// The linter for the document at `uri` when it is a file: its
    /// copydesk.toml under the editor's settings. `built` is the one made
    /// last time, reused when neither changed. `None` for other documents.
    fn linter_for(
        &self,
        uri: &Url,
        config: &Config,
        built: Option<(Arc<FileConfig>, u64, Arc<Linter>)>,
    ) -> Option<(Arc<FileConfig>, u64, Arc<Linter>)> {
        let path = workspace::file_path(uri)?;
        let (file_config, events) = self.workspace.config_for(&path);
        self.config_events(events);
        if let Some(built) = built.filter(|(c, generation, _)| {
            Arc::ptr_eq(c, &file_config) && *generation == config.generation
        }) {
            return Some(built);
        }
        let linter = workspace::linter(&file_config, &path, &config.settings);
        Some((file_config, config.generation, linter))
    }

    /// Queues `linted` for the client if it pushes diagnostics and the
    /// result is still for the document's current text and settings.
    fn publish(&self, uri: &Url, linted: &Linted) {
        if self.client_support().pull_diagnostics {
            return;
        }
        let current = |open: &OpenDocument| {
            open.doc.revision == linted.stamp.revision
                && self.config().generation == linted.stamp.generation
        };
        // Serialising a long document's diagnostics takes a while: not for a
        // result already out of date, and not under the lock.
        if !self
            .with_document(uri, |open| {
                current(open) && open.published != Some(linted.stamp)
            })
            .unwrap_or(false)
        {
            return;
        }
        let Some(body) = convert::publish_notification(
            uri,
            linted.version,
            &linted.findings,
            &linted.ranges,
            linted.stylebook.as_deref(),
        ) else {
            return;
        };
        let mut documents = lock(&self.documents);
        if let Some(open) = documents.get_mut(uri).filter(|open| current(open)) {
            self.outbox.send(body);
            open.published = Some(linted.stamp);
        }
    }
}

/// The lint task of an open document, for clients that take pushed
/// diagnostics: lints at once on open, then after each burst of changes once
/// the debounce has passed without another. Ends when the document closes.
pub async fn watch_document(server: Arc<Server>, uri: Url, mut changed: watch::Receiver<()>) {
    loop {
        server.lint(&uri).await;
        if changed.changed().await.is_err() {
            return;
        }
        loop {
            // Read each time: a settings change applies to the next keystroke.
            let debounce = server.config().settings.debounce;
            if debounce.is_zero() {
                break;
            }
            tokio::select! {
                () = tokio::time::sleep(debounce) => break,
                still_open = changed.changed() => if still_open.is_err() { return },
            }
        }
    }
}
