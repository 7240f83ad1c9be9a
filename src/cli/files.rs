//! Which files to lint, and reading them: directories are walked honouring
//! `.gitignore` (as ripgrep does), picking Markdown and text files; files
//! named on the command line are linted whatever their extension.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Extensions picked up when walking a directory.
const PROSE_EXTENSIONS: &[&str] = &["md", "markdown", "mdx", "mkd", "mdown", "txt", "text"];

/// Largest file copydesk reads; beyond it the file is reported, not linted.
pub(super) const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// A file to lint, or `-` for standard input.
#[derive(Clone, Debug)]
pub(super) enum Input {
    Stdin,
    File(PathBuf),
}

/// Expands the paths of the command line into inputs, in order (walked
/// directories sorted by path). Paths that do not exist become errors.
pub(super) fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<(String, String)>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            let mut found = Vec::new();
            // .gitignore counts even outside a Git checkout (an exported story folder).
            for entry in ignore::WalkBuilder::new(path).require_git(false).build() {
                match entry {
                    Ok(entry)
                        if entry.file_type().is_some_and(|t| t.is_file())
                            && is_prose(entry.path()) =>
                    {
                        found.push(entry.into_path())
                    }
                    Ok(_) => {}
                    Err(e) => errors.push((path.display().to_string(), walk_error(&e))),
                }
            }
            found.sort();
            inputs.extend(found.into_iter().map(Input::File));
        } else if path.exists() {
            inputs.push(Input::File(path.clone()));
        } else {
            errors.push((
                path.display().to_string(),
                "no such file or directory".into(),
            ));
        }
    }
    (inputs, errors)
}

fn walk_error(e: &ignore::Error) -> String {
    let text = e.to_string();
    if text.contains("File system loop") {
        format!("skipped a symbolic link loop: {text}")
    } else {
        text
    }
}

fn is_prose(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PROSE_EXTENSIONS.iter().any(|p| e.eq_ignore_ascii_case(p)))
}

/// Reads an input as UTF-8 text, with an error a reporter can act on.
pub(super) fn read(input: &Input) -> Result<String, String> {
    let mut bytes = Vec::new();
    let result = match input {
        Input::Stdin => std::io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes),
        Input::File(path) => std::fs::File::open(path)
            .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)),
    };
    result.map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "larger than {} MiB; not linted",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    if bytes.contains(&0) {
        return Err("contains NUL bytes: looks like a binary file, not copy; not linted".into());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (invalid byte at offset {}); save it as UTF-8 to lint it",
            e.utf8_error().valid_up_to()
        )
    })
}
