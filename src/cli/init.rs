//! `copydesk init`: write the commented starter copydesk.toml and, with
//! `--styles`, an example style file of house rules.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use copydesk::config;

use super::exit;

/// The styles folder `init --styles` writes, and the file in it.
const STYLES: &str = "styles";
const STYLE_FILE: &str = "house.toml";

/// Writes `copydesk.toml` in `folder` (default: the current one) and, with
/// `styles`, `styles/house.toml` beside it, with `styles = "styles"` set.
/// Existing files are left alone unless `force`; with `styles` and an
/// existing configuration, only the style file is written.
pub(super) fn run(folder: Option<PathBuf>, force: bool, styles: bool) -> ExitCode {
    let folder = folder.unwrap_or_else(|| PathBuf::from("."));
    let config_path = folder.join(config::FILE_NAMES[0]);
    let mut failed = false;
    if styles {
        let style_path = folder.join(STYLES).join(STYLE_FILE);
        let created = std::fs::create_dir_all(folder.join(STYLES)).map_err(|e| {
            format!(
                "error: cannot create {}: {e}",
                folder.join(STYLES).display()
            )
        });
        failed |= created
            .and_then(|()| write(&style_path, config::starter_style(), force))
            .is_err();
        if config_path.exists() && !force {
            println!(
                "add `styles = \"{STYLES}\"` to {} to use it",
                config_path.display()
            );
            return exit_code(failed);
        }
    }
    let starter = if styles {
        config::starter().replacen("# styles = \"styles\"", "styles = \"styles\"", 1)
    } else {
        config::starter().to_string()
    };
    failed |= write(&config_path, &starter, force).is_err();
    exit_code(failed)
}

fn exit_code(failed: bool) -> ExitCode {
    ExitCode::from(if failed { exit::ERROR } else { exit::CLEAN })
}

/// Writes `text` to `path`, never over an existing file unless `force`,
/// and says what happened.
fn write(path: &Path, text: &str, force: bool) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        // Never clobber a newsroom's files by accident.
        options.create_new(true);
    }
    let written = options
        .open(path)
        .and_then(|mut file| file.write_all(text.as_bytes()));
    let result = match written {
        Ok(()) => {
            println!("wrote {}", path.display());
            return Ok(());
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            format!(
                "error: {} already exists (--force overwrites it)",
                path.display()
            )
        }
        Err(e) => format!("error: cannot write {}: {e}", path.display()),
    };
    eprintln!("{result}");
    Err(result)
}
