//! The language server (`copydesk lsp`): a thin layer over the library.
//!
//! It speaks LSP 3.17 over stdio: incremental text sync, diagnostics pushed
//! (`textDocument/publishDiagnostics`, tagged with the document version) or
//! pulled (`textDocument/diagnostic`, for clients that say they pull), quick
//! fixes and "Apply all safe copydesk fixes" (`source.fixAll.copydesk`) as
//! code actions, and a rule's explanation on hover. Positions are counted
//! in UTF-8, UTF-16 or UTF-32, whichever the client prefers first among
//! `general.positionEncodings` (UTF-16 when it names none).
//!
//! Each diagnostic has the rule id as `code`, a link to the rule's
//! documentation as `codeDescription`, `source` "copydesk", and in `data`
//! the finding's fixes as byte edits with the document version they apply
//! to, `{ "version": 7, "fixes": [{ "title", "safe", "edits": [{ "start",
//! "end", "newText" }] }] }`, so a code action needs no second lint.
//!
//! # Settings
//!
//! Given as `initializationOptions` and in `workspace/didChangeConfiguration`,
//! either as the object below or nested under `"copydesk"` (as editors send
//! their settings sections). When the client sends `null` settings and
//! supports `workspace/configuration`, the server asks for the `copydesk`
//! section. Each configuration replaces the previous one whole; keys left
//! out take their defaults.
//!
//! ```json
//! {
//!   "severity": {
//!     "editorializing": "hint",
//!     "attribution/anonymous-source": "off"
//!   },
//!   "enabledFamilies": ["attribution", "editorializing", "figures"],
//!   "debounceMs": 50
//! }
//! ```
//!
//! - `severity`: levels keyed by rule id (`family/name`) or family name:
//!   `"off"`, `"hint"`, `"info"`, `"warning"` or `"error"`. A rule's entry
//!   wins over its family's. Default: every rule at its own severity.
//! - `enabledFamilies`: when present, only these families run; a family or
//!   rule given a level in `severity` runs all the same. Default: all.
//! - `debounceMs`: how long the text must stay unchanged before it is
//!   linted, 0 to 10000. Default: 50. (Opening a document lints at once.)
//!
//! A malformed configuration (wrong type, unknown level, debounce out of
//! range) is refused whole with a warning in the log, and the previous
//! settings stay. An unknown key, rule or family is skipped with a warning.
//! Open documents are linted again when the settings change.
//!
//! # copydesk.toml and style files
//!
//! A document that is a file is linted with the copydesk.toml that governs
//! it (found upward from its folder, overrides applied, its `styles`
//! folder's house rules added), with the settings above over it. The
//! server registers a watcher for `**/*.toml` when the client allows
//! dynamic registration, and reloads when a copydesk.toml, or a file in the
//! styles folder of one it has read, changes on disk or is changed or saved
//! in the editor; open documents are then linted again. Other TOML files
//! are ignored, and no TOML file is linted as copy. A broken file keeps the
//! previous configuration in force, is shown once (`window/showMessage`)
//! and gets a diagnostic of its own (code `config`) where the error is: on
//! the style file at fault, at its line, when that is where it is. Hover
//! explains a `house/` finding as `copydesk explain` does. Every diagnostic
//! also offers "Ignore RULE on this line" and "Ignore RULE in this file"
//! quick fixes.
//!
//! # Layout
//!
//! [`transport`] reads and writes JSON-RPC frames, [`outbox`] owns stdout,
//! [`server`] holds the handlers, [`documents`] the texts, [`linting`] when
//! and what is linted and published, [`position`] and [`convert`] translate
//! between byte offsets and the protocol, [`capabilities`] and [`settings`]
//! say what was agreed with the client and the writer. Nothing is ever
//! printed to stdout except protocol frames; the log goes to the client
//! (`window/logMessage`).

mod capabilities;
mod convert;
mod documents;
mod linting;
mod outbox;
mod position;
mod server;
mod settings;
mod transport;
mod workspace;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tower_lsp::LspService;

/// Runs the server over stdio until the client asks it to exit or closes
/// its end. Exits with 0 when `shutdown` came first, 1 otherwise, as the
/// protocol asks.
pub fn run() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            // Stderr is not the protocol channel; the client shows it as a log.
            eprintln!("copydesk lsp: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outbox = match outbox::Outbox::spawn(std::io::stdout()) {
        Ok(outbox) => outbox,
        Err(e) => {
            eprintln!("copydesk lsp: cannot start the output thread: {e}");
            return ExitCode::FAILURE;
        }
    };
    let shut_down = Arc::new(AtomicBool::new(false));
    let (service, socket) = {
        let (outbox, shut_down) = (outbox.clone(), Arc::clone(&shut_down));
        LspService::new(move |client| server::Backend::new(client, outbox, shut_down))
    };
    runtime.block_on(transport::serve(
        tokio::io::stdin(),
        service,
        socket,
        outbox.clone(),
    ));
    outbox.flush(Duration::from_secs(5));
    // A lint still running is abandoned: the client has gone.
    runtime.shutdown_timeout(Duration::from_millis(200));
    if shut_down.load(Ordering::SeqCst) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
