//! `copydesk import vale DIR`: translate a Vale style folder (or a Vale
//! `StylesPath` of several) into copydesk house-style TOML, one file per
//! style, and report on standard error what could not be translated and why.
//!
//! A style folder is untrusted input: files over [`MAX_FILE_BYTES`], rules
//! past [`MAX_RULES`] and styles past [`MAX_STYLES`] are skipped, symbolic
//! links are never followed, and only DIR and its direct subfolders are read.

mod house;
mod pattern;
mod translate;
mod vale;

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::exit;
use translate::{translate, Origin};

/// The largest rule file read.
const MAX_FILE_BYTES: u64 = 1 << 20;
/// The most rule files read from one style.
const MAX_RULES: usize = 2_000;
/// The most styles read from one `StylesPath`.
const MAX_STYLES: usize = 200;

/// Where rules are imported from.
#[derive(Subcommand, Debug)]
pub(super) enum Source {
    /// Translate a Vale style folder, or a StylesPath of several, into house-style TOML.
    Vale(ValeArgs),
}

/// Arguments of `copydesk import vale`.
#[derive(Args, Debug)]
pub(super) struct ValeArgs {
    /// A Vale style folder (holding *.yml rules) or a StylesPath holding style folders.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Where to write one `<style>.toml` per style (copydesk's house-style folder).
    #[arg(long, value_name = "FOLDER", default_value = "styles")]
    out: PathBuf,
    /// Overwrite existing style files.
    #[arg(long)]
    force: bool,
}

/// Runs an import.
pub(super) fn run(source: Source) -> ExitCode {
    let Source::Vale(args) = source;
    match import(&args) {
        Ok(()) => ExitCode::from(exit::CLEAN),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(exit::ERROR)
        }
    }
}

/// A style folder and its rule files.
struct Style {
    name: String,
    files: Vec<PathBuf>,
}

/// One style, translated: the file to write and the lines of the report.
struct Imported {
    path: PathBuf,
    text: String,
    summary: String,
    report: Vec<String>,
}

fn import(args: &ValeArgs) -> Result<(), String> {
    let mut skipped = Vec::new();
    let styles = find_styles(&args.dir, &mut skipped)?;
    let mut imported: Vec<Imported> = Vec::new();
    for style in &styles {
        let one = import_style(style, &args.dir, &args.out);
        if imported.iter().any(|i| i.path == one.path) {
            return Err(format!(
                "two styles would both be written to {}",
                one.path.display()
            ));
        }
        imported.push(one);
    }
    if !args.force {
        // Refuse before writing anything: an import is all or nothing.
        if let Some(existing) = imported.iter().find(|i| i.path.exists()) {
            return Err(format!(
                "{} already exists (--force overwrites it)",
                existing.path.display()
            ));
        }
    }
    fs::create_dir_all(&args.out)
        .map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;
    let mut err = std::io::stderr().lock();
    for line in &skipped {
        let _ = writeln!(err, "{line}");
    }
    for one in &imported {
        write_file(&one.path, &one.text, args.force)?;
        let _ = writeln!(err, "{}", one.summary);
        for line in &one.report {
            let _ = writeln!(err, "  {line}");
        }
    }
    Ok(())
}

fn write_file(path: &Path, text: &str, force: bool) -> Result<(), String> {
    let mut options = fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    options
        .open(path)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The styles in `dir`: `dir` itself when it holds rule files, else each
/// direct subfolder that does.
fn find_styles(dir: &Path, skipped: &mut Vec<String>) -> Result<Vec<Style>, String> {
    let meta = fs::metadata(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    if !meta.is_dir() {
        return Err(format!("{} is not a folder", dir.display()));
    }
    let files = rule_files(dir, skipped)?;
    if !files.is_empty() {
        let name = fs::canonicalize(dir)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "style".to_string());
        return Ok(vec![Style { name, files }]);
    }
    let mut styles = Vec::new();
    for entry in sorted_entries(dir)? {
        let Ok(kind) = fs::symlink_metadata(&entry) else {
            continue;
        };
        if kind.file_type().is_symlink() {
            skipped.push(format!("{}: skipped: a symbolic link", entry.display()));
            continue;
        }
        if !kind.is_dir() {
            continue;
        }
        let files = rule_files(&entry, skipped)?;
        if files.is_empty() {
            continue;
        }
        if styles.len() == MAX_STYLES {
            skipped.push(format!(
                "{}: skipped: more than {MAX_STYLES} styles",
                entry.display()
            ));
            continue;
        }
        let name = entry
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        styles.push(Style { name, files });
    }
    if styles.is_empty() {
        return Err(format!(
            "no Vale rules (*.yml) in {} or its folders",
            dir.display()
        ));
    }
    Ok(styles)
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let read = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut entries: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    Ok(entries)
}

/// The `*.yml` and `*.yaml` regular files directly in `dir`.
fn rule_files(dir: &Path, skipped: &mut Vec<String>) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in sorted_entries(dir)? {
        let is_yaml = path.extension().is_some_and(|e| e == "yml" || e == "yaml");
        if !is_yaml {
            continue;
        }
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            skipped.push(format!("{}: skipped: a symbolic link", path.display()));
        } else if !meta.is_file() {
            continue;
        } else if files.len() == MAX_RULES {
            skipped.push(format!(
                "{}: skipped: more than {MAX_RULES} rules in one style",
                path.display()
            ));
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

/// Reads a rule file, refusing one over [`MAX_FILE_BYTES`].
fn read_limited(path: &Path) -> Result<String, String> {
    let file = fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("larger than {} KiB", MAX_FILE_BYTES / 1024));
    }
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())
}

/// Translates every rule of `style`: the TOML text and the report.
fn import_style(style: &Style, dir: &Path, out: &Path) -> Imported {
    let style_id = house::kebab(&style.name);
    let path = out.join(format!("{style_id}.toml"));
    let mut body = String::new();
    let mut report = Vec::new();
    let mut not_translated = Vec::new();
    let mut translated = 0;
    let mut written = 0;
    let mut ids: Vec<String> = Vec::new();
    for file in &style.files {
        let shown = file.display();
        let name = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file_name = format!("{}/{name}.yml", style.name);
        let mut refuse = |line: usize, why: String| {
            report.push(format!("{shown}:{line}: not translated: {why}"));
            not_translated.push(format!("{file_name}: {why}"));
        };
        let text = match read_limited(file) {
            Ok(text) => text,
            Err(why) => {
                refuse(1, why);
                continue;
            }
        };
        let rule = match vale::parse(&text) {
            Ok(rule) => rule,
            Err(problem) => {
                refuse(problem.line, problem.message);
                continue;
            }
        };
        let origin = Origin {
            style: &style.name,
            name: &name,
        };
        let translation = translate(&origin, &rule);
        if let Some(note) = translation.refused {
            refuse(note.line, note.text);
            continue;
        }
        if let Some(taken) = translation.rules.iter().find(|r| ids.contains(&r.id)) {
            refuse(
                1,
                format!("id `{}` is already used by another rule", taken.id),
            );
            continue;
        }
        let mut pieces = Vec::new();
        for rule in &translation.rules {
            match rule.to_toml() {
                Ok(toml) => pieces.push(toml),
                Err(e) => {
                    refuse(1, format!("cannot be written as TOML: {e}"));
                    break;
                }
            }
        }
        if pieces.len() != translation.rules.len() {
            continue;
        }
        for note in &translation.notes {
            report.push(format!("{shown}:{}: {}", note.line, note.text));
        }
        translated += 1;
        written += pieces.len();
        ids.extend(translation.rules.iter().map(|r| r.id.clone()));
        for piece in pieces {
            body.push_str(&format!("\n# {file_name}\n{piece}"));
        }
    }
    let total = style.files.len();
    let mut text = format!(
        "# House style imported from the Vale style `{}`.\n\
         # Written by `copydesk import vale {}`: {translated} of {total} rules translated.\n",
        style.name,
        dir.display()
    );
    if !not_translated.is_empty() {
        text.push_str("# Not translated:\n");
        for line in &not_translated {
            text.push_str(&format!("#   {}\n", line.replace('\n', " ")));
        }
    }
    text.push_str(&body);
    let summary = format!(
        "{}: {translated} of {total} rules translated ({written} copydesk rules), {} not translated -> {}",
        style.name,
        total - translated,
        path.display()
    );
    Imported {
        path,
        text,
        summary,
        report,
    }
}
