//! What the server promises, and what it learned about the client, in one place.

use tower_lsp::lsp_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    DiagnosticOptions, DiagnosticServerCapabilities, HoverProviderCapability, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, WorkDoneProgressOptions,
};

use super::position::Encoding;

/// The kind of the "Apply all safe copydesk fixes" source action.
pub const FIX_ALL_KIND: &str = "source.fixAll.copydesk";

/// What the server knows of the client after `initialize`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClientSupport {
    /// The negotiated position encoding.
    pub encoding: Encoding,
    /// The client asks for diagnostics (`textDocument/diagnostic`); the
    /// server then does not push them, or the editor would show each twice.
    pub pull_diagnostics: bool,
    /// The client accepts `workspace/diagnostic/refresh`, sent when settings change.
    pub diagnostic_refresh: bool,
    /// Workspace edits may carry versioned document changes, which lets the
    /// editor refuse a fix computed for an older text.
    pub document_changes: bool,
    /// The client answers `workspace/configuration`.
    pub configuration: bool,
    /// The client lets the server register `workspace/didChangeWatchedFiles`
    /// (to hear of copydesk.toml changes).
    pub watch_files: bool,
}

impl ClientSupport {
    /// Reads the client's capabilities.
    pub fn from_capabilities(caps: &ClientCapabilities) -> ClientSupport {
        let workspace = caps.workspace.as_ref();
        ClientSupport {
            encoding: negotiate_encoding(caps),
            pull_diagnostics: caps
                .text_document
                .as_ref()
                .is_some_and(|t| t.diagnostic.is_some()),
            diagnostic_refresh: workspace
                .and_then(|w| w.diagnostic.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            watch_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
        }
    }
}

/// The first encoding in the client's list of preferences that copydesk
/// supports; UTF-16 when the client names none (the protocol's default).
pub fn negotiate_encoding(caps: &ClientCapabilities) -> Encoding {
    caps.general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .and_then(|kinds| kinds.iter().find_map(Encoding::from_kind))
        .unwrap_or_default()
}

/// The capabilities the server announces.
pub fn server_capabilities(client: &ClientSupport) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(client.encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                // An open copydesk.toml that is saved is read again.
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::from(FIX_ALL_KIND),
            ]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
            resolve_provider: Some(false),
        })),
        // Announced only to clients that pull, since those are the clients
        // the server stops pushing to.
        diagnostic_provider: client.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("copydesk".into()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        ..ServerCapabilities::default()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn caps(value: serde_json::Value) -> ClientCapabilities {
        serde_json::from_value(value).unwrap_or_default()
    }

    #[test]
    fn encoding_follows_the_clients_preference() {
        assert_eq!(negotiate_encoding(&caps(json!({}))), Encoding::Utf16);
        assert_eq!(
            negotiate_encoding(&caps(
                json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } })
            )),
            Encoding::Utf8
        );
        assert_eq!(
            negotiate_encoding(&caps(
                json!({ "general": { "positionEncodings": ["utf-32", "utf-8"] } })
            )),
            Encoding::Utf32
        );
        assert_eq!(
            negotiate_encoding(&caps(
                json!({ "general": { "positionEncodings": ["latin-1", "utf-8"] } })
            )),
            Encoding::Utf8
        );
        assert_eq!(
            negotiate_encoding(&caps(
                json!({ "general": { "positionEncodings": ["latin-1"] } })
            )),
            Encoding::Utf16
        );
    }

    #[test]
    fn pull_diagnostics_are_offered_only_to_clients_that_pull() {
        let pushing = ClientSupport::from_capabilities(&caps(json!({})));
        assert!(server_capabilities(&pushing).diagnostic_provider.is_none());
        let pulling = ClientSupport::from_capabilities(&caps(
            json!({ "textDocument": { "diagnostic": {} } }),
        ));
        assert!(pulling.pull_diagnostics);
        assert!(server_capabilities(&pulling).diagnostic_provider.is_some());
    }
}
