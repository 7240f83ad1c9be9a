//! The protocol handlers: each reads its params, asks the documents, the
//! linting or the conversions, and answers. No judgement lives here.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};

use copydesk::lint::RuleFailure;
use serde_json::Value;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::{
    CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse, ConfigurationItem,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, DocumentDiagnosticParams,
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, FileSystemWatcher,
    FullDocumentDiagnosticReport, GlobPattern, Hover, HoverParams, InitializeParams,
    InitializeResult, InitializedParams, MessageType, Registration,
    RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport, ServerInfo,
    UnchangedDocumentDiagnosticReport, Url,
};
use tower_lsp::{Client, LanguageServer};

use super::capabilities::{self, ClientSupport, FIX_ALL_KIND};
use super::convert::{self, Target};
use super::documents::{self, Adjusted, Document, Rejected};
use super::linting::{self, Config, OpenDocument};
use super::outbox::Outbox;
use super::position;
use super::settings::{self, Settings};
use super::workspace::{self, Event, Workspace};

/// The state the handlers share.
pub struct Server {
    /// Where notifications and log messages go.
    pub outbox: Outbox,
    /// tower-lsp's client, for requests that expect an answer.
    client: Client,
    support: RwLock<ClientSupport>,
    config: RwLock<Arc<Config>>,
    /// The copydesk.toml files that govern open documents.
    pub workspace: Workspace,
    /// Open documents by URI.
    pub documents: Mutex<HashMap<Url, OpenDocument>>,
    /// Rules whose failure was reported: each is logged once, not once per
    /// paragraph and keystroke.
    failures_logged: Mutex<HashSet<&'static str>>,
    /// Set by `shutdown`; decides the exit code.
    shut_down: Arc<AtomicBool>,
}

/// Locks a mutex; a panic elsewhere while it was held leaves data that is
/// still consistent here (every critical section is a few plain
/// assignments), so poisoning is ignored rather than spread.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Server {
    /// The negotiated client capabilities.
    pub fn client_support(&self) -> ClientSupport {
        *self.support.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// The settings in force.
    pub fn config(&self) -> Arc<Config> {
        Arc::clone(&self.config.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Runs `f` on an open document; `None` when it is not open.
    pub fn with_document<T>(&self, uri: &Url, f: impl FnOnce(&OpenDocument) -> T) -> Option<T> {
        lock(&self.documents).get(uri).map(f)
    }

    /// Logs the rule failures not reported before.
    pub fn log_failures(&self, failures: &[RuleFailure]) {
        let mut logged = lock(&self.failures_logged);
        for failure in failures {
            if logged.insert(failure.rule) {
                self.outbox.log(
                    MessageType::ERROR,
                    format!("copydesk rule {} failed ({}); its other findings and the other rules still report", failure.rule, failure.message),
                );
            }
        }
    }

    /// Replaces the settings with those in `value`, or keeps them and logs
    /// why when `value` is malformed. Open documents are linted again.
    fn apply_settings(&self, value: &Value, from: &str) {
        let parsed = match Settings::from_json(value) {
            Ok(parsed) => parsed,
            Err(why) => {
                self.outbox.log(
                    MessageType::WARNING,
                    format!("copydesk kept its previous settings: {from}: {why}"),
                );
                return;
            }
        };
        for warning in &parsed.warnings {
            self.outbox.log(
                MessageType::WARNING,
                format!("copydesk settings ({from}): {warning}"),
            );
        }
        {
            let mut config = self.config.write().unwrap_or_else(PoisonError::into_inner);
            if config.settings == parsed.settings {
                return;
            }
            *config = Arc::new(Config::new(parsed.settings, config.generation + 1));
        }
        self.relint_all();
    }

    /// Tells the writer what changed in the configuration and style files:
    /// errors as diagnostics on the file at fault (and, the first time, as a
    /// message), mended files cleared. Each file touched gets all the errors
    /// it still has, as one configuration may be mended while another that
    /// reads the same style file is not.
    pub fn config_events(&self, events: Vec<Event>) {
        let encoding = self.client_support().encoding;
        let mut files: Vec<PathBuf> = Vec::new();
        for event in events {
            if let Event::Broken { error, show } = &event {
                if *show {
                    self.outbox.notify(
                        "window/showMessage",
                        &serde_json::json!({
                            "type": MessageType::ERROR,
                            "message": format!("copydesk cannot use {error}. The previous configuration stays in effect."),
                        }),
                    );
                }
                self.outbox.log(
                    MessageType::ERROR,
                    format!("copydesk configuration: {error}"),
                );
            }
            if !files.iter().any(|f| f == event.file()) {
                files.push(event.file().to_path_buf());
            }
        }
        for path in files {
            let Ok(uri) = Url::from_file_path(&path) else {
                continue;
            };
            let diagnostics = self.workspace.diagnostics(&path, encoding);
            self.outbox.notify(
                "textDocument/publishDiagnostics",
                &serde_json::json!({ "uri": uri, "diagnostics": diagnostics }),
            );
        }
    }

    /// Reloads the configurations after `changed` changed on disk, when one
    /// of them is a configuration file or a style file of one; other TOML
    /// files are none of copydesk's business.
    pub fn files_changed(&self, changed: &[PathBuf]) {
        if changed.iter().any(|path| self.workspace.affects(path)) {
            self.reload_configs(changed);
        }
    }

    /// Reads the configuration files again after `changed` changed, and
    /// lints the open documents again.
    fn reload_configs(&self, changed: &[PathBuf]) {
        let events = self.workspace.reload(changed);
        self.config_events(events);
        {
            let mut config = self.config.write().unwrap_or_else(PoisonError::into_inner);
            *config = Arc::new(Config::new(config.settings.clone(), config.generation + 1));
        }
        self.relint_all();
    }

    /// Lints every open document again (the settings or configuration changed).
    fn relint_all(&self) {
        let any_open = {
            let documents = lock(&self.documents);
            documents.values().for_each(OpenDocument::touch);
            !documents.is_empty()
        };
        // A pulling client asks again when told to; with nothing open (as
        // during `initialize`) there is nothing to ask about.
        let support = self.client_support();
        if any_open && support.pull_diagnostics && support.diagnostic_refresh {
            let client = self.client.clone();
            tokio::spawn(async move { client.workspace_diagnostic_refresh().await });
        }
    }
}

/// The language server as tower-lsp sees it.
pub struct Backend {
    server: Arc<Server>,
}

impl Backend {
    /// A server writing through `outbox` and recording `shutdown` in `shut_down`.
    pub fn new(client: Client, outbox: Outbox, shut_down: Arc<AtomicBool>) -> Backend {
        Backend {
            server: Arc::new(Server {
                outbox,
                client,
                support: RwLock::default(),
                config: RwLock::new(Arc::new(Config::new(Settings::default(), 0))),
                workspace: Workspace::default(),
                documents: Mutex::default(),
                failures_logged: Mutex::default(),
                shut_down,
            }),
        }
    }

    fn log(&self, typ: MessageType, message: impl Into<String>) {
        self.server.outbox.log(typ, message);
    }

    /// Reads the configuration or style file at `uri` (and the others)
    /// again, off the async threads.
    fn reload_config(&self, uri: &Url) {
        let Some(path) = workspace::file_path(uri) else {
            return;
        };
        let server = Arc::clone(&self.server);
        tokio::task::spawn_blocking(move || server.files_changed(&[path]));
    }
}

/// The registration of the watcher for configuration and style files.
fn watcher() -> Registration {
    let watchers: Vec<FileSystemWatcher> = workspace::WATCHED
        .iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String((*glob).to_string()),
            kind: None,
        })
        .collect();
    Registration {
        id: "copydesk-config-files".into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
            watchers,
        })
        .ok(),
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let support = ClientSupport::from_capabilities(&params.capabilities);
        *self
            .server
            .support
            .write()
            .unwrap_or_else(PoisonError::into_inner) = support;
        if let Some(options) = &params.initialization_options {
            self.server.apply_settings(options, "initializationOptions");
        }
        Ok(InitializeResult {
            capabilities: capabilities::server_capabilities(&support),
            server_info: Some(ServerInfo {
                name: "copydesk".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let support = self.server.client_support();
        if support.watch_files {
            let client = self.server.client.clone();
            let server = Arc::clone(&self.server);
            tokio::spawn(async move {
                if let Err(e) = client.register_capability(vec![watcher()]).await {
                    server.outbox.log(
                        MessageType::WARNING,
                        format!("copydesk cannot watch copydesk.toml and style files: {e}"),
                    );
                }
            });
        }
        self.log(
            MessageType::INFO,
            format!(
                "copydesk {} ready: positions in {}, diagnostics {}",
                env!("CARGO_PKG_VERSION"),
                support.encoding.kind().as_str(),
                if support.pull_diagnostics {
                    "pulled"
                } else {
                    "pushed"
                }
            ),
        );
    }

    async fn shutdown(&self) -> Result<()> {
        self.server.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let config_file = workspace::is_config_uri(&item.uri);
        let syntax = documents::syntax_of(&item.uri, &item.language_id);
        let (open, changed) = OpenDocument::new(Document::new(&item.text, item.version, syntax));
        if lock(&self.server.documents)
            .insert(item.uri.clone(), open)
            .is_some()
        {
            self.log(
                MessageType::WARNING,
                format!(
                    "copydesk: {} was opened twice; the new text replaces the old",
                    item.uri
                ),
            );
        }
        if config_file {
            // Not copy (a configuration or style file): it is checked, not linted.
            if let Some(path) = workspace::file_path(&item.uri) {
                let server = Arc::clone(&self.server);
                tokio::task::spawn_blocking(move || {
                    server.config_events(server.workspace.check(&path));
                });
            }
        } else if !self.server.client_support().pull_diagnostics {
            tokio::spawn(linting::watch_document(
                Arc::clone(&self.server),
                item.uri,
                changed,
            ));
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Everything happens before the first (and only) await point, so
        // changes are applied in the order they arrived.
        let encoding = self.server.client_support().encoding;
        let uri = &params.text_document.uri;
        let version = params.text_document.version;
        let mut documents = lock(&self.server.documents);
        let Some(open) = documents.get_mut(uri) else {
            self.log(
                MessageType::WARNING,
                format!("copydesk: change to {uri}, which is not open, ignored"),
            );
            return;
        };
        if version <= open.doc.version {
            self.log(
                MessageType::WARNING,
                format!(
                    "copydesk: {uri} went from version {} to {version}; versions should increase",
                    open.doc.version
                ),
            );
        }
        for problem in open
            .doc
            .apply_changes(version, &params.content_changes, encoding)
        {
            let message = match problem {
                Ok(Adjusted::Clamped(range)) => format!("copydesk: a change to {uri} reached outside the text ({range:?}); clamped into it"),
                Err(Rejected::Inverted(range)) => format!("copydesk: a change to {uri} had its end before its start ({range:?}); ignored"),
            };
            self.log(MessageType::WARNING, message);
        }
        open.touch();
        drop(documents);
        if workspace::is_config_uri(uri) {
            // Editors that save as the writer types, and clients that watch
            // no files, still get the new configuration.
            self.reload_config(uri);
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if workspace::is_config_uri(&params.text_document.uri) {
            self.reload_config(&params.text_document.uri);
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let changed: Vec<PathBuf> = params
            .changes
            .iter()
            .filter_map(|change| workspace::file_path(&change.uri))
            .collect();
        if changed.is_empty() {
            return;
        }
        let server = Arc::clone(&self.server);
        // Reading files (and resolving folders, to know which changes
        // matter) is blocking work.
        let _ = tokio::task::spawn_blocking(move || server.files_changed(&changed)).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if let Some(path) = workspace::file_path(&uri) {
            self.server.workspace.forget(&path);
        }
        let mut documents = lock(&self.server.documents);
        if documents.remove(&uri).is_none() {
            self.log(
                MessageType::WARNING,
                format!("copydesk: {uri} closed but was not open"),
            );
            return;
        }
        // A configuration file's diagnostics are its errors, which stay.
        if !self.server.client_support().pull_diagnostics && !workspace::is_config_uri(&uri) {
            // Under the lock, so no lint result can slip in after it.
            self.server.outbox.notify(
                "textDocument/publishDiagnostics",
                &serde_json::json!({ "uri": uri, "diagnostics": [] }),
            );
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let mut value = params.settings;
        if value.is_null() && self.server.client_support().configuration {
            // The client expects to be asked (the "pull" configuration model).
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some(settings::SECTION.into()),
            };
            match self.server.client.configuration(vec![item]).await {
                Ok(mut values) if !values.is_empty() => value = values.swap_remove(0),
                Ok(_) => {}
                Err(e) => {
                    self.log(
                        MessageType::WARNING,
                        format!("copydesk could not read its settings: {e}"),
                    );
                    return;
                }
            }
        }
        self.server
            .apply_settings(&value, "workspace/didChangeConfiguration");
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some(linted) = self.server.lint(&at.text_document.uri).await else {
            return Ok(None);
        };
        let encoding = self.server.client_support().encoding;
        let offset = position::to_byte(&linted.rope, at.position, encoding);
        Ok(convert::hover(
            &linted.rope,
            &linted.findings,
            linted.stylebook.as_deref(),
            offset,
            encoding,
        ))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = &params.text_document.uri;
        let wants = |kind: &str| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter()
                    .any(|o| kind == o.as_str() || kind.starts_with(&format!("{}.", o.as_str())))
            })
        };
        let support = self.server.client_support();
        let Some((rope, version)) = self
            .server
            .with_document(uri, |open| (open.doc.rope.clone(), open.doc.version))
        else {
            return Ok(None);
        };
        let mut actions = Vec::new();
        if wants(CodeActionKind::QUICKFIX.as_str()) {
            let target = Target::new(uri, version, &rope, &support);
            for diagnostic in &params.context.diagnostics {
                actions.extend(convert::quick_fixes(&target, diagnostic));
            }
        }
        if wants(CodeActionKind::QUICKFIX.as_str()) && !params.context.diagnostics.is_empty() {
            // "Ignore RULE on this line / in this file", after the fixes.
            let syntax = self.server.with_document(uri, |open| open.doc.syntax);
            if let (Some(syntax), Some(linted)) = (syntax, self.server.lint(uri).await) {
                let target = Target::new(uri, linted.version, &linted.rope, &support);
                actions.extend(convert::ignore_actions(
                    &target,
                    syntax,
                    &linted.findings,
                    &linted.ranges,
                    &params.context.diagnostics,
                ));
            }
        }
        if wants(FIX_ALL_KIND) {
            if let Some(linted) = self.server.lint(uri).await {
                let target = Target::new(uri, linted.version, &linted.rope, &support);
                actions.extend(convert::fix_all(&target, &linted.findings));
            }
        }
        Ok(Some(
            actions
                .into_iter()
                .map(CodeActionOrCommand::CodeAction)
                .collect(),
        ))
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = &params.text_document.uri;
        if workspace::is_config_uri(uri) {
            let encoding = self.server.client_support().encoding;
            let items = workspace::file_path(uri)
                .map(|path| self.server.workspace.diagnostics(&path, encoding))
                .unwrap_or_default();
            return Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: None,
                        items,
                    },
                }),
            ));
        }
        let Some(linted) = self.server.lint(uri).await else {
            return Err(Error::invalid_params(format!("{uri} is not open")));
        };
        let result_id = format!("{}.{}", linted.stamp.revision, linted.stamp.generation);
        let report = if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            })
        } else {
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items: linted.diagnostics(),
                },
            })
        };
        Ok(DocumentDiagnosticReportResult::Report(report))
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tower_lsp::LspService;

    use super::*;
    use crate::lsp::outbox::Capture;

    #[test]
    fn a_rule_failure_is_logged_once() {
        let sink = Capture::default();
        let Ok(outbox) = Outbox::spawn(sink.clone()) else {
            panic!("no output thread")
        };
        let log = outbox.clone();
        let (service, _socket) =
            LspService::new(move |client| Backend::new(client, log, Arc::default()));
        let failure = RuleFailure {
            rule: "editorializing/loaded-word",
            message: "index out of bounds".into(),
        };
        let other = RuleFailure {
            rule: "figures/unsourced-count",
            message: "index out of bounds".into(),
        };
        service
            .inner()
            .server
            .log_failures(&[failure.clone(), failure.clone(), other]);
        let again = RuleFailure {
            message: "index 7 out of range".into(),
            ..failure.clone()
        };
        service.inner().server.log_failures(&[failure, again]);
        outbox.flush(Duration::from_secs(10));
        let written = sink.text();
        assert_eq!(
            written.matches("index out of bounds").count(),
            2,
            "{written}"
        );
        assert_eq!(
            written
                .matches("rule editorializing/loaded-word failed")
                .count(),
            1,
            "{written}"
        );
        assert!(!written.contains("index 7"), "{written}");
    }
}
