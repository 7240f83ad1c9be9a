//! The copydesk.toml files of the workspace: which one governs an open
//! document, how it combines with the editor's settings, and what the writer
//! is told when one is broken.
//!
//! A broken file never leaves a document without a configuration: each file
//! keeps the one it was last linted with (the defaults if it never had one)
//! until the copydesk.toml is mended.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use copydesk::config::{limits, Config as FileConfig, ConfigError, Resolver, FILE_NAMES};
use copydesk::{Level, LintOptions, Linter};
use ropey::Rope;
use tower_lsp::lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Position, Range, Url};

use super::convert::SOURCE;
use super::position::{self, Encoding};
use super::server::lock;
use super::settings::Settings;

/// The globs the client is asked to watch.
pub const WATCHED: [&str; 2] = ["**/copydesk.toml", "**/.copydesk.toml"];

/// The `code` of a diagnostic about a configuration file.
pub const CODE: &str = "config";

/// Whether `uri` names a configuration file (by its name alone).
pub fn is_config_uri(uri: &Url) -> bool {
    uri.path()
        .rsplit('/')
        .next()
        .is_some_and(|name| FILE_NAMES.contains(&name))
}

/// Whether `path` names a configuration file.
pub fn is_config_path(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|name| FILE_NAMES.contains(&name))
}

/// The local path of a `file:` URI.
pub fn file_path(uri: &Url) -> Option<PathBuf> {
    if uri.scheme() != "file" {
        return None;
    }
    uri.to_file_path().ok()
}

/// What the writer must be told after configuration files were read.
#[derive(Debug, PartialEq, Eq)]
pub enum Event {
    /// A configuration file is broken (newly, or in a new way). `show` is
    /// set the first time this error is seen, to tell the writer once.
    Broken { error: ConfigError, show: bool },
    /// A configuration file that was broken is fine again, or gone.
    Mended(PathBuf),
}

/// The configuration files in use, read once each until told they changed.
#[derive(Default)]
pub struct Workspace {
    resolver: Resolver,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// The configuration each file was last linted with.
    by_file: HashMap<PathBuf, Arc<FileConfig>>,
    /// Broken configuration files, with why.
    broken: HashMap<PathBuf, ConfigError>,
    /// Errors already shown to the writer.
    shown: HashSet<String>,
}

impl State {
    fn record(&mut self, path: &Path, result: Result<(), ConfigError>) -> Option<Event> {
        match result {
            Ok(()) => self
                .broken
                .remove(path)
                .map(|_| Event::Mended(path.to_path_buf())),
            Err(error) => {
                if self.broken.get(&error.path) == Some(&error) {
                    return None;
                }
                self.broken.insert(error.path.clone(), error.clone());
                let show = self.shown.insert(error.to_string());
                Some(Event::Broken { error, show })
            }
        }
    }
}

impl Workspace {
    /// The configuration for `file`: the one discovered for it, or, when
    /// that is broken, the one the file had before (the defaults if none).
    pub fn config_for(&self, file: &Path) -> (Arc<FileConfig>, Vec<Event>) {
        let result = self.resolver.config_for(file);
        let mut state = lock(&self.state);
        match result {
            Ok(config) => {
                state
                    .by_file
                    .insert(file.to_path_buf(), Arc::clone(&config));
                let event = config.path().and_then(|path| state.record(path, Ok(())));
                (config, event.into_iter().collect())
            }
            Err(error) => {
                let previous = state.by_file.get(file).cloned().unwrap_or_default();
                let event = state.record(&error.path.clone(), Err(error));
                (previous, event.into_iter().collect())
            }
        }
    }

    /// Forgets `file`'s configuration (it was closed).
    pub fn forget(&self, file: &Path) {
        lock(&self.state).by_file.remove(file);
    }

    /// Reads `path` (a configuration file) afresh to report on it, without
    /// changing what applies.
    pub fn check(&self, path: &Path) -> Vec<Event> {
        let result = if path.exists() {
            FileConfig::load_found(path).map(|_| ())
        } else {
            Ok(())
        };
        lock(&self.state).record(path, result).into_iter().collect()
    }

    /// Forgets every configuration read, after `changed` (configuration
    /// files) changed on disk; reports on them and on the files that were
    /// broken.
    pub fn reload(&self, changed: &[PathBuf]) -> Vec<Event> {
        self.resolver.clear();
        let mut paths: Vec<PathBuf> = lock(&self.state).broken.keys().cloned().collect();
        paths.extend(changed.iter().cloned());
        paths.sort();
        paths.dedup();
        paths.iter().flat_map(|path| self.check(path)).collect()
    }

    /// The diagnostics of the configuration file at `path`.
    pub fn diagnostics(&self, path: &Path, encoding: Encoding) -> Vec<Diagnostic> {
        let error = lock(&self.state).broken.get(path).cloned();
        error
            .map(|e| vec![diagnostic(&e, encoding)])
            .unwrap_or_default()
    }
}

/// The linter for `file` under `config`, with the editor's `settings` over
/// it: a family the editor sets replaces what the file said of the
/// family's rules, as an override table does.
pub fn linter(config: &FileConfig, file: &Path, settings: &Settings) -> Arc<Linter> {
    config.linter(file, |file_levels| with_settings(file_levels, settings))
}

/// The levels to lint with: the file's (from its configuration), then the
/// editor's.
fn with_settings(file_levels: LintOptions, settings: &Settings) -> LintOptions {
    let mut levels: BTreeMap<String, Level> = file_levels.levels;
    let editor = settings.lint_options().levels;
    for family in editor.keys().filter(|k| !k.contains('/')) {
        let prefix = format!("{family}/");
        levels.retain(|k, _| !k.starts_with(&prefix));
    }
    levels.extend(editor);
    LintOptions { levels }
}

/// The text of a configuration file as a rope, for turning byte spans into
/// positions; `None` when it cannot be read or is too big to be used.
fn file_text(path: &Path) -> Option<Rope> {
    let file = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    file.take(limits::MAX_FILE_BYTES as u64)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(Rope::from_str(&String::from_utf8_lossy(&bytes)))
}

/// The diagnostic of a configuration error, on the configuration file.
pub fn diagnostic(error: &ConfigError, encoding: Encoding) -> Diagnostic {
    let from_span = error.span.as_ref().and_then(|span| {
        let rope = file_text(&error.path)?;
        (span.end <= rope.len_bytes()).then(|| position::to_range(&rope, span, encoding))
    });
    let range = from_span.unwrap_or_else(|| {
        // Line and column (in characters) are 1-based; 0 means none.
        let at = Position::new(
            u32::try_from(error.line.saturating_sub(1)).unwrap_or(u32::MAX),
            u32::try_from(error.column.saturating_sub(1)).unwrap_or(u32::MAX),
        );
        Range::new(at, at)
    });
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(CODE.to_string())),
        source: Some(SOURCE.to_string()),
        message: format!(
            "{}; copydesk keeps the previous configuration until this is fixed",
            error.message
        ),
        ..Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_names_are_recognised() {
        for (uri, yes) in [
            ("file:///news/copydesk.toml", true),
            ("file:///news/.copydesk.toml", true),
            ("file:///news/copydesk.toml.bak", false),
            ("file:///news/story.md", false),
        ] {
            let Ok(uri) = Url::parse(uri) else {
                panic!("bad uri {uri}")
            };
            assert_eq!(is_config_uri(&uri), yes, "{uri}");
        }
        assert!(is_config_path(Path::new("/a/copydesk.toml")));
        assert!(!is_config_path(Path::new("/a/story.md")));
    }

    #[test]
    fn an_error_is_shown_once_and_mended_once() {
        let mut state = State::default();
        let error = ConfigError {
            path: PathBuf::from("/a/copydesk.toml"),
            span: None,
            line: 0,
            column: 0,
            message: "bad".into(),
        };
        let first = state.record(&error.path, Err(error.clone()));
        assert!(matches!(first, Some(Event::Broken { show: true, .. })));
        assert_eq!(state.record(&error.path, Err(error.clone())), None);
        assert_eq!(
            state.record(&error.path, Ok(())),
            Some(Event::Mended(error.path.clone()))
        );
        assert_eq!(state.record(&error.path, Ok(())), None);
        let again = state.record(&error.path, Err(error.clone()));
        assert!(matches!(again, Some(Event::Broken { show: false, .. })));
    }

    #[test]
    fn editor_families_replace_the_files_rule_levels() {
        let Ok(config) = FileConfig::parse(
            "[rules]\n\"editorializing/intensifier\" = \"error\"\nfigures = \"off\"\n",
            Path::new("/news/copydesk.toml"),
        ) else {
            panic!("config refused")
        };
        let settings = Settings {
            severity: BTreeMap::from([("editorializing".to_string(), Level::Off)]),
            ..Settings::default()
        };
        let file = Path::new("/news/story.md");
        assert!(config
            .lint_options_for(file)
            .levels
            .contains_key("editorializing/intensifier"));
        let levels = with_settings(config.lint_options_for(file), &settings).levels;
        assert_eq!(levels.get("editorializing/intensifier"), None);
        assert_eq!(levels.get("editorializing"), Some(&Level::Off));
        assert_eq!(levels.get("figures"), Some(&Level::Off));
        let plain = with_settings(config.lint_options_for(file), &Settings::default()).levels;
        assert!(plain.contains_key("editorializing/intensifier"));
    }
}
