//! Caps on what a configuration may ask for. A copydesk.toml can come from
//! any repository a writer opens, so it must not be able to make copydesk
//! read gigabytes, build an enormous matcher or crawl the disk.

use std::io::Read;
use std::path::Path;

use super::ConfigError;

/// The largest configuration file read.
pub const MAX_FILE_BYTES: usize = 1 << 20;
/// Phrases in `[words]` (avoid, prefer and accept together).
pub const MAX_PHRASES: usize = 5_000;
/// Characters in one phrase or replacement.
pub const MAX_PHRASE_CHARS: usize = 200;
/// Characters in one message or note.
pub const MAX_MESSAGE_CHARS: usize = 500;
/// Extra attribution verbs.
pub const MAX_VERBS: usize = 500;
/// Characters in one attribution verb.
pub const MAX_VERB_CHARS: usize = 40;
/// `[[overrides]]` tables.
pub const MAX_OVERRIDES: usize = 200;
/// Globs in one override.
pub const MAX_GLOBS: usize = 100;
/// Bytes in one glob.
pub const MAX_GLOB_LEN: usize = 300;

pub(crate) fn too_big() -> String {
    format!(
        "a configuration file may be at most {} KiB",
        MAX_FILE_BYTES / 1024
    )
}

/// Reads a configuration file, refusing one over [`MAX_FILE_BYTES`] without
/// reading the rest of it, and anything but a regular file.
pub(crate) fn read(path: &Path) -> Result<String, ConfigError> {
    // Only a regular file: opening a named pipe would block for ever, and a
    // device such as /dev/zero would never end.
    let metadata = std::fs::metadata(path).map_err(|e| ConfigError::file(path, io_message(&e)))?;
    if !metadata.is_file() {
        return Err(ConfigError::file(path, "not a regular file"));
    }
    let file = std::fs::File::open(path).map_err(|e| ConfigError::file(path, io_message(&e)))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ConfigError::file(path, io_message(&e)))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ConfigError::file(path, too_big()));
    }
    String::from_utf8(bytes).map_err(|_| ConfigError::file(path, "not valid UTF-8"))
}

pub(crate) fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
