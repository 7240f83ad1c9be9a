//! The copydesk.toml files of the workspace and the style files they name:
//! which configuration governs an open document, how it combines with the
//! editor's settings, and what the writer is told when one is broken.
//!
//! A broken file never leaves a document without a configuration: each file
//! keeps the one it was last linted with (the defaults if it never had one)
//! until the copydesk.toml, or the style file at fault, is mended.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use copydesk::config::{discover, limits, Config as FileConfig, ConfigError, Resolver, FILE_NAMES};
use copydesk::{Level, LintOptions, Linter};
use ropey::Rope;
use tower_lsp::lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Position, Range, Url};

use super::convert::SOURCE;
use super::position::{self, Encoding};
use super::server::lock;
use super::settings::Settings;

/// The globs the client is asked to watch: every TOML file, as style files
/// may be named anything and live in any folder a copydesk.toml names (and
/// the configuration files themselves are TOML). Which changes matter is
/// decided here, by [`Workspace::affects`].
pub const WATCHED: [&str; 1] = ["**/*.toml"];

/// The `code` of a diagnostic about a configuration file.
pub const CODE: &str = "config";

/// Whether `uri` names a file copydesk reads as configuration rather than
/// lints as copy: a copydesk.toml or a style file, both TOML, as no copy is.
pub fn is_config_uri(uri: &Url) -> bool {
    uri.path()
        .rsplit('/')
        .next()
        .is_some_and(|name| Path::new(name).extension().is_some_and(|e| e == "toml"))
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

/// `path` with its folder's symbolic links resolved, as the style folders
/// are recorded; the file itself need not exist (it may have been deleted).
fn in_canonical_folder(path: &Path) -> Option<PathBuf> {
    let folder = std::fs::canonicalize(path.parent()?).ok()?;
    Some(folder.join(path.file_name()?))
}

/// What the writer must be told after configuration files were read.
#[derive(Debug, PartialEq, Eq)]
pub enum Event {
    /// A configuration is broken (newly, or in a new way); `error.path` is
    /// the file at fault, the copydesk.toml or one of its style files.
    /// `show` is set the first time this error is seen, to tell the writer
    /// once.
    Broken { error: ConfigError, show: bool },
    /// A file that was at fault is no longer, for one configuration: it is
    /// fine again, or gone, or the configuration's error is elsewhere now.
    Mended(PathBuf),
}

impl Event {
    /// The file whose diagnostics the event changes.
    pub fn file(&self) -> &Path {
        match self {
            Event::Broken { error, .. } => &error.path,
            Event::Mended(path) => path,
        }
    }
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
    /// Broken configurations by configuration file, with why (the error
    /// may be in one of its style files).
    broken: HashMap<PathBuf, ConfigError>,
    /// The styles folder of each configuration file read that names one.
    folders: HashMap<PathBuf, PathBuf>,
    /// Errors already shown to the writer.
    shown: HashSet<String>,
}

impl State {
    /// Notes what reading the configuration file `config` gave.
    fn record(&mut self, config: &Path, result: Result<&FileConfig, ConfigError>) -> Vec<Event> {
        match result {
            Ok(read) => {
                match read.styles() {
                    Some(styles) => self
                        .folders
                        .insert(config.to_path_buf(), styles.folder.clone()),
                    None => self.folders.remove(config),
                };
                self.broken
                    .remove(config)
                    .map(|old| Event::Mended(old.path))
                    .into_iter()
                    .collect()
            }
            Err(error) => {
                if self.broken.get(config) == Some(&error) {
                    return Vec::new();
                }
                let old = self.broken.insert(config.to_path_buf(), error.clone());
                // The error moved to another file: the old one is clean of it.
                let mut events: Vec<Event> = old
                    .filter(|old| old.path != error.path)
                    .map(|old| Event::Mended(old.path))
                    .into_iter()
                    .collect();
                let show = self.shown.insert(error.to_string());
                events.push(Event::Broken { error, show });
                events
            }
        }
    }

    /// The configuration files read whose styles folder holds one of `paths`.
    fn styled_by(&self, paths: &[PathBuf]) -> Vec<PathBuf> {
        let paths: Vec<PathBuf> = paths
            .iter()
            .flat_map(|p| [Some(p.clone()), in_canonical_folder(p)])
            .flatten()
            .collect();
        self.folders
            .iter()
            .filter(|(_, folder)| paths.iter().any(|p| p.starts_with(folder)))
            .map(|(config, _)| config.clone())
            .collect()
    }

    /// Whether `path` is a file some broken configuration is at fault in.
    fn at_fault(&self, path: &Path) -> bool {
        let canonical = in_canonical_folder(path);
        self.broken
            .values()
            .any(|e| e.path == path || Some(&e.path) == canonical.as_ref())
    }
}

impl Workspace {
    /// The configuration for `file`: the one discovered for it, or, when
    /// that is broken, the one the file had before (the defaults if none).
    pub fn config_for(&self, file: &Path) -> (Arc<FileConfig>, Vec<Event>) {
        match self.resolver.config_for(file) {
            Ok(config) => {
                let mut state = lock(&self.state);
                state
                    .by_file
                    .insert(file.to_path_buf(), Arc::clone(&config));
                let events = match config.path() {
                    Some(path) => state.record(path, Ok(&config)),
                    None => Vec::new(),
                };
                (config, events)
            }
            Err(error) => {
                let source = source_of(file, &error);
                let mut state = lock(&self.state);
                let previous = state.by_file.get(file).cloned().unwrap_or_default();
                (previous, state.record(&source, Err(error)))
            }
        }
    }

    /// Forgets `file`'s configuration (it was closed).
    pub fn forget(&self, file: &Path) {
        lock(&self.state).by_file.remove(file);
    }

    /// Whether a change to `path` can change a configuration: it is a
    /// configuration file, or in the styles folder of one read, or the
    /// file a broken configuration's error is in.
    pub fn affects(&self, path: &Path) -> bool {
        if is_config_path(path) {
            return true;
        }
        let state = lock(&self.state);
        !state.styled_by(&[path.to_path_buf()]).is_empty() || state.at_fault(path)
    }

    /// Reads `path` afresh to report on it, without changing what applies:
    /// a configuration file, or a style file, for which each configuration
    /// that reads it is read.
    pub fn check(&self, path: &Path) -> Vec<Event> {
        if is_config_path(path) {
            return self.check_config(path);
        }
        let configs = lock(&self.state).styled_by(&[path.to_path_buf()]);
        configs.iter().flat_map(|c| self.check_config(c)).collect()
    }

    /// Reads the configuration file `config` afresh to report on it.
    fn check_config(&self, config: &Path) -> Vec<Event> {
        let result = if config.exists() {
            FileConfig::load_found(config)
        } else {
            Ok(FileConfig::default())
        };
        lock(&self.state).record(config, result.as_ref().map_err(Clone::clone))
    }

    /// Forgets every configuration read, after `changed` (configuration or
    /// style files) changed on disk; reports on the configurations they
    /// belong to and on those that were broken.
    pub fn reload(&self, changed: &[PathBuf]) -> Vec<Event> {
        self.resolver.clear();
        let mut configs: Vec<PathBuf> = {
            let state = lock(&self.state);
            let mut configs: Vec<PathBuf> = state.broken.keys().cloned().collect();
            configs.extend(state.styled_by(changed));
            configs
        };
        configs.extend(changed.iter().filter(|p| is_config_path(p)).cloned());
        configs.sort();
        configs.dedup();
        configs.iter().flat_map(|c| self.check_config(c)).collect()
    }

    /// The diagnostics of the configuration or style file at `path`: the
    /// errors of every configuration broken there.
    pub fn diagnostics(&self, path: &Path, encoding: Encoding) -> Vec<Diagnostic> {
        let mut errors: Vec<ConfigError> = lock(&self.state)
            .broken
            .values()
            .filter(|e| e.path == path)
            .cloned()
            .collect();
        // Two configurations reading one broken style file share its error.
        errors.sort_by(|a, b| (a.line, a.column, &a.message).cmp(&(b.line, b.column, &b.message)));
        errors.dedup();
        errors.iter().map(|e| diagnostic(e, encoding)).collect()
    }
}

/// The configuration file whose reading gave `error` for `file`: the one
/// the error names, unless the error is in one of its style files.
fn source_of(file: &Path, error: &ConfigError) -> PathBuf {
    if is_config_path(&error.path) {
        return error.path.clone();
    }
    let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    discover(&absolute)
        .ok()
        .flatten()
        .unwrap_or_else(|| error.path.clone())
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
            ("file:///news/styles/house.toml", true),
            ("file:///news/copydesk.toml.bak", false),
            ("file:///news/story.md", false),
        ] {
            let Ok(uri) = Url::parse(uri) else {
                panic!("bad uri {uri}")
            };
            assert_eq!(is_config_uri(&uri), yes, "{uri}");
        }
        assert!(is_config_path(Path::new("/a/copydesk.toml")));
        assert!(!is_config_path(Path::new("/a/styles/house.toml")));
        assert!(!is_config_path(Path::new("/a/story.md")));
    }

    fn error_in(path: &str, message: &str) -> ConfigError {
        ConfigError {
            path: PathBuf::from(path),
            span: None,
            line: 0,
            column: 0,
            message: message.into(),
        }
    }

    #[test]
    fn an_error_is_shown_once_and_mended_once() {
        let mut state = State::default();
        let error = error_in("/a/copydesk.toml", "bad");
        let good = FileConfig::default();
        let first = state.record(&error.path, Err(error.clone()));
        assert!(matches!(first[..], [Event::Broken { show: true, .. }]));
        assert_eq!(state.record(&error.path, Err(error.clone())), []);
        assert_eq!(
            state.record(&error.path, Ok(&good)),
            [Event::Mended(error.path.clone())]
        );
        assert_eq!(state.record(&error.path, Ok(&good)), []);
        let again = state.record(&error.path, Err(error.clone()));
        assert!(matches!(again[..], [Event::Broken { show: false, .. }]));
    }

    #[test]
    fn an_error_in_a_style_file_is_reported_there_and_mended_there() {
        let mut state = State::default();
        let config = Path::new("/a/copydesk.toml");
        let first = error_in("/a/styles/house.toml", "bad pattern");
        let events = state.record(config, Err(first.clone()));
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].file(), first.path);
        assert!(state.at_fault(&first.path));
        // The error moves to another style file: the first is cleared.
        let second = error_in("/a/styles/names.toml", "bad kind");
        let events = state.record(config, Err(second.clone()));
        assert_eq!(events.len(), 2, "{events:?}");
        assert_eq!(events[0], Event::Mended(first.path.clone()));
        assert_eq!(events[1].file(), second.path);
        assert!(!state.at_fault(&first.path));
        assert_eq!(
            state.record(config, Ok(&FileConfig::default())),
            [Event::Mended(second.path)]
        );
    }

    #[test]
    fn only_changes_in_a_styles_folder_concern_its_configuration() {
        let mut state = State::default();
        state
            .folders
            .insert("/a/copydesk.toml".into(), "/a/styles".into());
        let styled = |path: &str| state.styled_by(&[PathBuf::from(path)]);
        assert_eq!(
            styled("/a/styles/house.toml"),
            [PathBuf::from("/a/copydesk.toml")]
        );
        assert_eq!(
            styled("/a/styles/desk/names.toml"),
            [PathBuf::from("/a/copydesk.toml")]
        );
        assert!(styled("/a/other/house.toml").is_empty());
        assert!(styled("/a/styles-old/house.toml").is_empty());
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
