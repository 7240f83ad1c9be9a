//! A desk's style files: the folder `styles = "…"` names, holding TOML files
//! of house rules ([`crate::rules::house::stylebook`]).
//!
//! A repository's style files are untrusted input, read with the limits of
//! the configuration itself: the folder must be inside the repository (no
//! `..` out of it, no symbolic link leading out), only so many files and
//! rules are read, each file is capped in size, and every pattern compiles
//! within a size limit. Errors name the file, line and column.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::{limits, ConfigError};
use crate::rules::house::stylebook::{RuleSpec, Stylebook};

/// Style files read from one folder and the folders below it.
pub const MAX_STYLE_FILES: usize = 500;
/// House rules in all style files together.
pub const MAX_STYLE_RULES: usize = 20_000;
/// How deep below the styles folder files are looked for.
const MAX_DEPTH: usize = 4;

/// One style file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleFile {
    #[serde(default)]
    rule: Vec<Spanned<RuleSpec>>,
}

/// A desk's stylebook and the files it was read from.
#[derive(Clone, Debug)]
pub struct Styles {
    /// The rules, compiled.
    pub book: Arc<Stylebook>,
    /// The folder the configuration names.
    pub folder: PathBuf,
    /// Every style file read, in the order their rules were taken.
    pub files: Vec<PathBuf>,
}

/// Reads the style folder `setting` (at `span` of the configuration
/// `config` with text `text`), relative to the configuration's folder.
pub(super) fn load(
    setting: &str,
    span: Range<usize>,
    config: &Path,
    text: &str,
) -> Result<Styles, ConfigError> {
    let error = |message: String| ConfigError::at(config, text, span.clone(), message);
    let relative = Path::new(setting);
    if relative.is_absolute() || setting.trim().is_empty() {
        return Err(error(format!(
            "`styles` must name a folder inside the repository, relative to {}",
            config
                .file_name()
                .map_or("copydesk.toml".into(), |n| n.to_string_lossy())
        )));
    }
    let base = std::path::absolute(config)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let root = base
        .ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(&base);
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let folder = std::fs::canonicalize(base.join(relative))
        .map_err(|_| error(format!("the styles folder `{setting}` does not exist")))?;
    if !folder.starts_with(&root) {
        return Err(error(format!(
            "the styles folder `{setting}` is outside {}; copydesk reads no style files from outside the repository",
            root.display()
        )));
    }
    if !folder.is_dir() {
        return Err(error(format!("`{setting}` is not a folder")));
    }
    let mut files = Vec::new();
    collect(&folder, &root, 0, &mut files)?;
    read_files(files, folder)
}

/// Reads the style file at `path`, or every style file in the folder at
/// `path`: a path given on the command line, which links may not leave.
pub fn read_path(path: &Path) -> Result<Styles, ConfigError> {
    let absolute =
        std::fs::canonicalize(path).map_err(|e| ConfigError::file(path, limits::io_message(&e)))?;
    if absolute.is_dir() {
        let mut files = Vec::new();
        collect(&absolute, &absolute, 0, &mut files)?;
        read_files(files, absolute)
    } else {
        let folder = absolute.parent().map(Path::to_path_buf).unwrap_or_default();
        read_files(vec![path.to_path_buf()], folder)
    }
}

/// Reads and compiles the style files at `files` (as found in `folder`).
fn read_files(files: Vec<PathBuf>, folder: PathBuf) -> Result<Styles, ConfigError> {
    let mut texts = Vec::with_capacity(files.len());
    let mut specs = Vec::new();
    let mut places = Vec::new();
    for (f, file) in files.iter().enumerate() {
        let text = limits::read(file)?;
        let parsed: StyleFile =
            toml::from_str(&text).map_err(|e| ConfigError::from_toml(file, &text, &e))?;
        for rule in parsed.rule {
            if specs.len() >= MAX_STYLE_RULES {
                let message = format!("the style files hold more than {MAX_STYLE_RULES} rules");
                return Err(ConfigError::at(file, &text, rule.span(), message));
            }
            places.push((f, rule.span()));
            specs.push(rule.into_inner());
        }
        texts.push(text);
    }
    let book = Stylebook::new(specs).map_err(|(i, e)| {
        let (f, span) = places[i].clone();
        let text = &texts[f];
        ConfigError::at(&files[f], text, key_span(text, span, e.key), e.message)
    })?;
    Ok(Styles {
        book: Arc::new(book),
        folder,
        files,
    })
}

/// The style files under `folder`, in name order, refusing links out of `root`.
fn collect(
    folder: &Path,
    root: &Path,
    depth: usize,
    files: &mut Vec<PathBuf>,
) -> Result<(), ConfigError> {
    let entries = std::fs::read_dir(folder)
        .map_err(|e| ConfigError::file(folder, format!("cannot read the styles folder: {e}")))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if is_link {
            let target = std::fs::canonicalize(&path).map_err(|e| {
                ConfigError::file(&path, format!("cannot follow the symbolic link: {e}"))
            })?;
            if !target.starts_with(root) {
                return Err(ConfigError::file(
                    &path,
                    format!(
                        "is a symbolic link to {}, outside {}; copydesk reads no style files from outside the repository",
                        target.display(),
                        root.display()
                    ),
                ));
            }
        }
        if path.is_dir() {
            if depth < MAX_DEPTH && !is_link {
                collect(&path, root, depth + 1, files)?;
            }
        } else if path.extension().is_some_and(|e| e == "toml") {
            if files.len() >= MAX_STYLE_FILES {
                return Err(ConfigError::file(
                    folder,
                    format!("the styles folder holds more than {MAX_STYLE_FILES} style files"),
                ));
            }
            files.push(path);
        }
    }
    Ok(())
}

/// Where in a rule's table `key` is set, so that an error points at the
/// line at fault; the table itself when the key is not written there.
fn key_span(text: &str, table: Range<usize>, key: &str) -> Range<usize> {
    let Some(body) = text.get(table.clone()) else {
        return table;
    };
    let mut offset = table.start;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(rest) = trimmed.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                return offset + indent..offset + indent + key.len();
            }
        }
        offset += line.len();
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::Syntax;

    const KYIV: &str =
        "[[rule]]\nid = \"kyiv\"\nkind = \"substitution\"\nswap = { Kiev = \"Kyiv\" }\n";

    /// A repository holding `config` as copydesk.toml and `files` (path, text).
    fn repository(config: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join(".git")).expect("mkdir");
        std::fs::write(dir.path().join("copydesk.toml"), config).expect("write");
        for (path, text) in files {
            let path = dir.path().join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("mkdir");
            }
            std::fs::write(path, text).expect("write");
        }
        dir
    }

    fn load(dir: &tempfile::TempDir) -> Result<Config, ConfigError> {
        Config::load(&dir.path().join("copydesk.toml"))
    }

    fn rules(config: &Config, text: &str) -> Vec<&'static str> {
        let linter = config.linter_for(Path::new("story.md"));
        linter
            .lint(text, Syntax::Markdown)
            .findings
            .iter()
            .map(|f| f.rule)
            .collect()
    }

    #[test]
    fn a_styles_folder_gives_house_rules_that_rules_can_set() {
        let dir = repository(
            "styles = \"styles\"\n",
            &[("styles/desk/places.toml", KYIV)],
        );
        let config = load(&dir).expect("valid");
        assert_eq!(rules(&config, "Fighting near Kiev."), ["house/kyiv"]);
        assert!(rules(&config, "Fighting near Kyiv.").is_empty());
        let off = repository(
            "styles = \"styles\"\n[rules]\n\"house/kyiv\" = \"off\"\n",
            &[("styles/places.toml", KYIV)],
        );
        assert!(rules(&load(&off).expect("valid"), "Fighting near Kiev.").is_empty());
        let unknown = repository(
            "styles = \"styles\"\n[rules]\n\"house/kiev\" = \"off\"\n",
            &[("styles/places.toml", KYIV)],
        );
        let e = load(&unknown).expect_err("unknown rule");
        assert!(
            e.message.contains("unknown rule or family `house/kiev`"),
            "{e}"
        );
    }

    #[test]
    fn the_folder_must_be_inside_the_repository() {
        let outside = repository("styles = \"../elsewhere\"\n", &[]);
        std::fs::create_dir_all(outside.path().join("../elsewhere")).ok();
        let e = load(&outside).expect_err("outside");
        assert!(
            e.message.contains("outside") || e.message.contains("does not exist"),
            "{e}"
        );
        assert_eq!(e.line, 1);
        let absolute = repository("styles = \"/etc\"\n", &[]);
        assert!(load(&absolute)
            .expect_err("absolute")
            .message
            .contains("inside the repository"));
        let missing = repository("styles = \"styles\"\n", &[]);
        assert!(load(&missing)
            .expect_err("missing")
            .message
            .contains("does not exist"));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_repository_is_refused() {
        let secret = tempfile::tempdir().expect("tempdir");
        std::fs::write(secret.path().join("secret.toml"), KYIV).expect("write");
        let dir = repository("styles = \"styles\"\n", &[("styles/ok.toml", KYIV)]);
        let link = dir.path().join("styles/linked.toml");
        std::os::unix::fs::symlink(secret.path().join("secret.toml"), &link).expect("symlink");
        let e = load(&dir).expect_err("link out");
        assert!(e.message.contains("outside"), "{e}");
        assert_eq!(e.path, link);
    }

    #[test]
    fn a_broken_rule_is_reported_at_its_file_and_line() {
        let broken = "[[rule]]\nid = \"ok\"\nkind = \"existence\"\ntokens = [\"x\"]\n\n[[rule]]\nid = \"bad\"\nkind = \"existence\"\npattern = \"(a{1000}){1000}\"\n";
        let dir = repository(
            "styles = \"styles\"\n",
            &[("styles/a.toml", KYIV), ("styles/b.toml", broken)],
        );
        let e = load(&dir).expect_err("too big");
        assert!(e.path.ends_with("styles/b.toml"), "{e}");
        assert_eq!((e.line, e.column), (9, 1), "{e}");
        assert!(e.message.contains("too big"), "{e}");
        let typo = repository(
            "styles = \"styles\"\n",
            &[(
                "styles/a.toml",
                "[[rule]]\nid = \"a\"\nkind = \"existance\"\n",
            )],
        );
        let e = load(&typo).expect_err("typo");
        assert_eq!(e.line, 3, "{e}");
    }

    #[test]
    fn an_error_points_at_the_key() {
        let text = "[[rule]]\nid = \"a\"\nkind = \"existence\"\npattern = \"(\"\n";
        let span = key_span(text, 0..text.len(), "pattern");
        assert_eq!(&text[span], "pattern");
        assert_eq!(key_span(text, 0..text.len(), "tokens"), 0..text.len());
    }
}
