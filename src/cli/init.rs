//! `copydesk init`: write the commented starter copydesk.toml.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use copydesk::config;

use super::exit;

/// Writes `copydesk.toml` in `folder` (default: the current one); an
/// existing file is left alone unless `force`.
pub(super) fn run(folder: Option<PathBuf>, force: bool) -> ExitCode {
    let path = folder
        .unwrap_or_else(|| PathBuf::from("."))
        .join(config::FILE_NAMES[0]);
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        // Never clobber a newsroom's configuration by accident.
        options.create_new(true);
    }
    let written = options
        .open(&path)
        .and_then(|mut file| file.write_all(config::starter().as_bytes()));
    match written {
        Ok(()) => {
            println!("wrote {}", path.display());
            ExitCode::from(exit::CLEAN)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: {} already exists (--force overwrites it)",
                path.display()
            );
            ExitCode::from(exit::ERROR)
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            ExitCode::from(exit::ERROR)
        }
    }
}
