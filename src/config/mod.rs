//! copydesk.toml: fitting copydesk to a newsroom without touching Rust.
//!
//! ```toml
//! [rules]
//! style = "off"                                  # a family
//! "editorializing/intensifier" = "hint"          # a rule
//! "figures/unsourced-count" = { level = "warning", min-count = 5000 }
//!
//! [words]
//! attribution-verbs = ["posted"]
//! accept = ["Shocking Blue"]
//! avoid = { "slammed" = "Say what was said." }
//! prefer = { "pro-life" = "anti-abortion" }
//!
//! [[overrides]]
//! files = ["opinion/**"]
//! rules = { editorializing = "off" }
//! ```
//!
//! A file is found by [`discover`] and read by [`Config::load`]; a broken
//! one is a [`ConfigError`] with its line and column. [`Config::linter`]
//! gives the [`Linter`] for a file, with the overrides that match it and
//! whatever the front end (command line, editor) sets on top; it is the one
//! place a linter is built from a configuration, and [`Config::default`]
//! gives the built-in defaults. [`Resolver`] finds the configuration for
//! many files, caching by folder.
//!
//! Reading a configuration never runs code, reads other files or touches
//! the network, and the sizes of its lists are capped ([`limits`]), so a
//! repository's copydesk.toml is safe to honour even from an untrusted
//! checkout.

mod discover;
mod error;
pub mod limits;
mod model;
pub mod schema;
pub mod styles;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

pub use discover::{discover, FILE_NAMES};
pub use error::ConfigError;

use crate::lint::{Level, LintOptions, Linter, RuleOptions};
use crate::rules::house::stylebook::Stylebook;
use crate::rules::house::{AvoidTerm, HouseWords, PreferredTerm, WordLists};
use crate::rules::known;
use model::{RawConfig, RawWords, S};

/// The level names, for messages and suggestions.
const LEVELS: [&str; 5] = ["off", "hint", "info", "warning", "error"];

/// How many linters one configuration keeps. An editor session adds one for
/// each change of settings, so without a cap the list would only grow;
/// dropping them all when it is full is safe, as holders keep their own.
const MAX_LINTERS: usize = 64;

/// The text `copydesk init` writes: a commented starter configuration.
pub fn starter() -> &'static str {
    include_str!("starter.toml")
}

/// The example style file `copydesk init --styles` writes.
pub fn starter_style() -> &'static str {
    include_str!("starter_style.toml")
}

/// Levels and options set by one table of rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Layer {
    /// Family entries, applied before rule entries so that in one table a
    /// rule's own entry wins whatever the order.
    families: Vec<(String, Level)>,
    rules: Vec<(String, Level)>,
    options: Vec<(String, String, u64)>,
}

impl Layer {
    /// Applies this table over what earlier ones said. A family entry
    /// overrides earlier entries for the family's rules: an override's
    /// `editorializing = "off"` silences a rule the base table raised.
    fn apply(&self, levels: &mut BTreeMap<String, Level>, options: &mut RuleOptions) {
        for (family, level) in &self.families {
            let prefix = format!("{family}/");
            levels.retain(|k, _| !k.starts_with(&prefix));
            levels.insert(family.clone(), *level);
        }
        for (rule, level) in &self.rules {
            levels.insert(rule.clone(), *level);
        }
        for (rule, name, value) in &self.options {
            // Checked when the layer was read.
            let _ = options.set(rule, name, *value);
        }
    }
}

/// Settings for the files some globs match.
#[derive(Debug)]
struct Override {
    globs: GlobSet,
    layer: Layer,
}

/// A linter, with what it was built from besides the configuration's words.
struct Built {
    options: LintOptions,
    rule_options: RuleOptions,
    linter: Arc<Linter>,
}

/// A configuration, checked and ready to give linters.
pub struct Config {
    path: Option<PathBuf>,
    /// The folder globs are relative to.
    root: PathBuf,
    base: Layer,
    overrides: Vec<Override>,
    words: Arc<HouseWords>,
    /// The desk's stylebook, when the file names a styles folder.
    styles: Option<styles::Styles>,
    /// Linters already built, each with what it was built from: the final
    /// levels (the front end may have changed the file's) and the rule
    /// options.
    linters: Mutex<Vec<Built>>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("path", &self.path)
            .field("base", &self.base)
            .field("overrides", &self.overrides)
            .field("words", self.words.lists())
            .finish_non_exhaustive()
    }
}

impl Default for Config {
    /// The built-in defaults: no file.
    fn default() -> Config {
        Config {
            path: None,
            root: PathBuf::new(),
            base: Layer::default(),
            overrides: Vec::new(),
            words: Arc::new(HouseWords::default()),
            styles: None,
            linters: Mutex::new(Vec::new()),
        }
    }
}

impl Config {
    /// Reads and checks a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = limits::read(path)?;
        Config::parse(&text, path)
    }

    /// Reads and checks a configuration file found in its folder, as
    /// [`discover`] would take it: a symbolic link that leads out of the
    /// repository is refused before anything is read through it.
    pub fn load_found(path: &Path) -> Result<Config, ConfigError> {
        let folder = path.parent().unwrap_or(Path::new("."));
        Config::load(&discover::inside_repository(path, folder)?)
    }

    /// Checks the text of a configuration file; `path` names it in errors
    /// and its folder anchors the override globs.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        if text.len() > limits::MAX_FILE_BYTES {
            return Err(ConfigError::file(path, limits::too_big()));
        }
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
        let styles = match &raw.styles {
            Some(folder) => Some(styles::load(folder.get_ref(), folder.span(), path, text)?),
            None => None,
        };
        let check = Checker {
            path,
            text,
            styles: styles.as_ref().map(|s| s.book.as_ref()),
        };
        let base = check.layer(&raw.rules)?;
        if raw.overrides.len() > limits::MAX_OVERRIDES {
            let span = raw.overrides[limits::MAX_OVERRIDES].span();
            return Err(check.error(
                span,
                format!(
                    "at most {} [[overrides]] are allowed",
                    limits::MAX_OVERRIDES
                ),
            ));
        }
        let mut overrides = Vec::with_capacity(raw.overrides.len());
        for o in &raw.overrides {
            let o = o.get_ref();
            overrides.push(Override {
                globs: check.globs(&o.files)?,
                layer: check.layer(&o.rules)?,
            });
        }
        let words = check.words(&raw.words)?;
        let root = std::path::absolute(path)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_default();
        Ok(Config {
            path: Some(path.to_path_buf()),
            root,
            base,
            overrides,
            words: Arc::new(HouseWords::new(words)),
            styles,
            linters: Mutex::new(Vec::new()),
        })
    }

    /// The file this configuration was read from; `None` for the defaults.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The newsroom's words.
    pub fn words(&self) -> &Arc<HouseWords> {
        &self.words
    }

    /// The desk's stylebook and its files, when the file names a styles folder.
    pub fn styles(&self) -> Option<&styles::Styles> {
        self.styles.as_ref()
    }

    /// Indexes of the overrides whose globs match `file`.
    fn matching(&self, file: &Path) -> Vec<usize> {
        if self.overrides.is_empty() {
            return Vec::new();
        }
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let relative = absolute.strip_prefix(&self.root).unwrap_or(file);
        self.overrides
            .iter()
            .enumerate()
            .filter(|(_, o)| o.globs.is_match(relative))
            .map(|(i, _)| i)
            .collect()
    }

    fn resolve(&self, matching: &[usize]) -> (LintOptions, RuleOptions) {
        let mut levels = BTreeMap::new();
        let mut options = RuleOptions::default();
        self.base.apply(&mut levels, &mut options);
        for &i in matching {
            self.overrides[i].layer.apply(&mut levels, &mut options);
        }
        (LintOptions { levels }, options)
    }

    /// Which rules run on `file`, and how loudly: the `[rules]` table, then
    /// each matching override in file order.
    pub fn lint_options_for(&self, file: &Path) -> LintOptions {
        self.resolve(&self.matching(file)).0
    }

    /// The rule options in force for `file`.
    pub fn rule_options_for(&self, file: &Path) -> RuleOptions {
        self.resolve(&self.matching(file)).1
    }

    /// The linter for `file` as this configuration alone sets it up: the
    /// identity case of [`Config::linter`].
    pub fn linter_for(&self, file: &Path) -> Arc<Linter> {
        self.linter(file, |options| options)
    }

    /// The linter for `file`: the levels of [`Config::lint_options_for`]
    /// passed through `levels`, the rule options of
    /// [`Config::rule_options_for`] and this configuration's words.
    ///
    /// `levels` is where a front end puts its own layer on top of the
    /// file's, such as the command line's `--select`/`--ignore` or an
    /// editor's settings; it gets the file's levels and returns those to
    /// lint with.
    ///
    /// Every linter built from a configuration is built here, so that all
    /// front ends lint alike. Files that end with the same levels and rule
    /// options share one linter.
    pub fn linter(
        &self,
        file: &Path,
        levels: impl FnOnce(LintOptions) -> LintOptions,
    ) -> Arc<Linter> {
        let (options, rule_options) = self.resolve(&self.matching(file));
        let options = levels(options);
        // A poisoned lock only means another thread panicked mid-lint; the
        // list itself is always whole.
        let mut linters = self.linters.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(built) = linters
            .iter()
            .find(|b| b.options == options && b.rule_options == rule_options)
        {
            return Arc::clone(&built.linter);
        }
        if linters.len() >= MAX_LINTERS {
            linters.clear();
        }
        let mut linter = Linter::new(options.clone())
            .with_rule_options(rule_options.clone())
            .with_house(Arc::clone(&self.words));
        if let Some(styles) = &self.styles {
            linter = linter.with_stylebook(Arc::clone(&styles.book));
        }
        let linter = Arc::new(linter);
        linters.push(Built {
            options,
            rule_options,
            linter: Arc::clone(&linter),
        });
        linter
    }
}

/// Finds and loads configurations for many files, reading each file once.
///
/// With an explicit configuration (`--config PATH`) every file gets it;
/// otherwise each file gets the one [`discover`] finds for it, or the
/// defaults.
#[derive(Debug, Default)]
pub struct Resolver {
    explicit: Option<Arc<Config>>,
    /// Folder → the configuration file that governs it.
    folders: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// Configuration file → what reading it gave.
    loaded: Mutex<HashMap<PathBuf, Result<Arc<Config>, ConfigError>>>,
}

impl Resolver {
    /// Discovers configurations next to the files.
    pub fn new() -> Resolver {
        Resolver::default()
    }

    /// Uses the configuration at `path` for every file.
    pub fn with_config(path: &Path) -> Result<Resolver, ConfigError> {
        Ok(Resolver {
            explicit: Some(Arc::new(Config::load(path)?)),
            ..Resolver::default()
        })
    }

    /// The configuration for `file`.
    pub fn config_for(&self, file: &Path) -> Result<Arc<Config>, ConfigError> {
        if let Some(config) = &self.explicit {
            return Ok(Arc::clone(config));
        }
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let folder = if absolute.is_dir() {
            absolute.clone()
        } else {
            absolute.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        let known = self
            .folders
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&folder)
            .cloned();
        let found = match known {
            Some(found) => found,
            None => {
                let found = discover(&absolute)?;
                self.folders
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(folder, found.clone());
                found
            }
        };
        let Some(path) = found else {
            return Ok(Arc::new(Config::default()));
        };
        let mut loaded = self.loaded.lock().unwrap_or_else(|p| p.into_inner());
        loaded
            .entry(path.clone())
            .or_insert_with(|| Config::load(&path).map(Arc::new))
            .clone()
    }

    /// The linter for `file`.
    pub fn linter_for(&self, file: &Path) -> Result<Arc<Linter>, ConfigError> {
        Ok(self.config_for(file)?.linter_for(file))
    }

    /// Forgets what was found and read, after configuration files changed.
    pub fn clear(&self) {
        self.folders
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        self.loaded
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}

/// Checks what serde cannot: names, levels, options, globs and limits.
struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    /// The desk's house rules, whose ids `[rules]` may name.
    styles: Option<&'a Stylebook>,
}

impl Checker<'_> {
    fn error(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError::at(self.path, self.text, span, message)
    }

    fn level(&self, value: &str, span: std::ops::Range<usize>) -> Result<Level, ConfigError> {
        Level::parse(value).ok_or_else(|| {
            let mut message =
                format!("unknown level `{value}`; use off, hint, info, warning or error");
            let prefix = LEVELS
                .into_iter()
                .find(|l| !value.is_empty() && l.starts_with(value));
            if let Some(close) = prefix.or_else(|| known::closest_in(value, LEVELS)) {
                message.push_str(&format!(" (did you mean `{close}`?)"));
            }
            self.error(span, message)
        })
    }

    fn layer(&self, table: &BTreeMap<S<String>, S<toml::Value>>) -> Result<Layer, ConfigError> {
        let mut layer = Layer::default();
        for (name, value) in table {
            let id = name.get_ref().as_str();
            let house_rule = self.styles.is_some_and(|b| b.spec(id).is_some());
            if !known::is_rule_or_family(id) && !house_rule {
                let mut message = format!("unknown rule or family `{id}`");
                if let Some(close) = known::closest(id) {
                    message.push_str(&format!("; did you mean `{close}`?"));
                } else {
                    message.push_str("; `copydesk rules` lists them");
                }
                return Err(self.error(name.span(), message));
            }
            let family = known::is_family(id);
            let level = match value.get_ref() {
                toml::Value::String(level) => Some(self.level(level, value.span())?),
                toml::Value::Table(table) => {
                    let mut level = None;
                    for (key, v) in table {
                        match (key.as_str(), v) {
                            ("level", toml::Value::String(l)) => level = Some(self.level(l, value.span())?),
                            ("level", other) => {
                                return Err(self.error(value.span(), format!("`level` of `{id}` must be a string, not {}", other.type_str())))
                            }
                            (option, _) if family => {
                                return Err(self.error(value.span(), format!("`{option}`: a family takes only a level; options belong to a rule")))
                            }
                            (option, toml::Value::Integer(n)) => {
                                let n = u64::try_from(*n).map_err(|_| self.error(value.span(), format!("`{option}` of `{id}` must not be negative")))?;
                                RuleOptions::default().set(id, option, n).map_err(|m| self.error(value.span(), m))?;
                                layer.options.push((id.to_string(), option.to_string(), n));
                            }
                            (option, other) => {
                                let known = known::rules().any(|m| m.id == id && m.option(option).is_some());
                                let message = if known {
                                    format!("`{option}` of `{id}` must be a whole number, not {}", other.type_str())
                                } else {
                                    RuleOptions::default().set(id, option, 0).err().unwrap_or_default()
                                };
                                return Err(self.error(value.span(), message));
                            }
                        }
                    }
                    level
                }
                other => {
                    return Err(self.error(
                        value.span(),
                        format!("`{id}` must be a level (off, hint, info, warning, error) or a table, not {}", other.type_str()),
                    ))
                }
            };
            if let Some(level) = level {
                let entries = if family {
                    &mut layer.families
                } else {
                    &mut layer.rules
                };
                entries.push((id.to_string(), level));
            }
        }
        Ok(layer)
    }

    fn globs(&self, files: &S<Vec<S<String>>>) -> Result<GlobSet, ConfigError> {
        if files.get_ref().is_empty() {
            return Err(self.error(files.span(), "`files` needs at least one glob"));
        }
        if files.get_ref().len() > limits::MAX_GLOBS {
            return Err(self.error(
                files.span(),
                format!(
                    "at most {} globs are allowed in one override",
                    limits::MAX_GLOBS
                ),
            ));
        }
        let mut set = GlobSetBuilder::new();
        for glob in files.get_ref() {
            let pattern = glob.get_ref().trim_start_matches("./");
            if pattern.len() > limits::MAX_GLOB_LEN {
                return Err(self.error(
                    glob.span(),
                    format!("a glob may be at most {} bytes long", limits::MAX_GLOB_LEN),
                ));
            }
            // As in .gitignore: a pattern with no slash matches a file name at any depth.
            let pattern = if pattern.contains('/') {
                pattern.to_string()
            } else {
                format!("**/{pattern}")
            };
            let compiled = GlobBuilder::new(&pattern)
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    self.error(
                        glob.span(),
                        format!("invalid glob `{}`: {}", glob.get_ref(), e.kind()),
                    )
                })?;
            set.add(compiled);
        }
        set.build()
            .map_err(|e| self.error(files.span(), format!("invalid globs: {e}")))
    }

    fn words(&self, raw: &RawWords) -> Result<WordLists, ConfigError> {
        let mut lists = WordLists::default();
        let total = raw.avoid.len() + raw.prefer.len() + raw.accept.len();
        if total > limits::MAX_PHRASES {
            let span = raw
                .avoid
                .keys()
                .map(S::span)
                .chain(raw.prefer.keys().map(S::span))
                .chain(raw.accept.iter().map(S::span))
                .nth(limits::MAX_PHRASES)
                .unwrap_or(0..0);
            return Err(self.error(
                span,
                format!(
                    "[words] lists {total} phrases; at most {} are allowed",
                    limits::MAX_PHRASES
                ),
            ));
        }
        for (term, message) in &raw.avoid {
            self.phrase(term)?;
            self.prose(message)?;
            let message = Some(message.get_ref().clone()).filter(|m| !m.trim().is_empty());
            lists.avoid.push(AvoidTerm {
                term: term.get_ref().clone(),
                message,
            });
        }
        for (term, preferred) in &raw.prefer {
            self.phrase(term)?;
            let p = preferred.get_ref();
            if p.replacement.chars().count() > limits::MAX_PHRASE_CHARS {
                return Err(self.error(
                    preferred.span(),
                    format!(
                        "a replacement may be at most {} characters long",
                        limits::MAX_PHRASE_CHARS
                    ),
                ));
            }
            if let Some(note) = &p.note {
                if note.chars().count() > limits::MAX_MESSAGE_CHARS {
                    return Err(self.error(
                        preferred.span(),
                        format!(
                            "a note may be at most {} characters long",
                            limits::MAX_MESSAGE_CHARS
                        ),
                    ));
                }
            }
            lists.prefer.push(PreferredTerm {
                term: term.get_ref().clone(),
                replacement: p.replacement.clone(),
                safe: p.safe,
                note: p.note.clone(),
            });
        }
        for phrase in &raw.accept {
            self.phrase(phrase)?;
            lists.accept.push(phrase.get_ref().clone());
        }
        if raw.attribution_verbs.len() > limits::MAX_VERBS {
            let span = raw.attribution_verbs[limits::MAX_VERBS].span();
            return Err(self.error(
                span,
                format!(
                    "at most {} attribution verbs are allowed",
                    limits::MAX_VERBS
                ),
            ));
        }
        for verb in &raw.attribution_verbs {
            let v = verb.get_ref();
            let word = !v.is_empty()
                && v.chars().count() <= limits::MAX_VERB_CHARS
                && v.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’');
            if !word {
                return Err(self.error(verb.span(), format!("`{v}` is not a single word; attribution verbs are words such as \"posted\"")));
            }
            lists.attribution_verbs.push(v.to_lowercase());
        }
        Ok(lists)
    }

    fn phrase(&self, phrase: &S<String>) -> Result<(), ConfigError> {
        let p = phrase.get_ref();
        if p.trim().is_empty() {
            return Err(self.error(phrase.span(), "an empty phrase would match nothing"));
        }
        if p.chars().count() > limits::MAX_PHRASE_CHARS {
            return Err(self.error(
                phrase.span(),
                format!(
                    "a phrase may be at most {} characters long",
                    limits::MAX_PHRASE_CHARS
                ),
            ));
        }
        Ok(())
    }

    fn prose(&self, message: &S<String>) -> Result<(), ConfigError> {
        if message.get_ref().chars().count() > limits::MAX_MESSAGE_CHARS {
            return Err(self.error(
                message.span(),
                format!(
                    "a message may be at most {} characters long",
                    limits::MAX_MESSAGE_CHARS
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
