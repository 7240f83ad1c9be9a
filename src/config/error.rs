//! A configuration that cannot be used, said precisely enough to fix it.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::line_index::LineIndex;

/// Why a configuration file cannot be used, and where in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The configuration file.
    pub path: PathBuf,
    /// Byte range in the file of what is wrong, when it is one place.
    pub span: Option<Range<usize>>,
    /// 1-based line of the span's start (0 when there is no span).
    pub line: usize,
    /// 1-based column in characters of the span's start (0 when there is no span).
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl ConfigError {
    /// An error about `span` of `text`.
    pub(crate) fn at(
        path: &Path,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> ConfigError {
        let (line, column) = LineIndex::new(text).line_col(text, span.start);
        ConfigError {
            path: path.to_path_buf(),
            span: Some(span),
            line,
            column,
            message: message.into(),
        }
    }

    /// An error about the file as a whole (it cannot be read, say).
    pub(crate) fn file(path: &Path, message: impl Into<String>) -> ConfigError {
        ConfigError {
            path: path.to_path_buf(),
            span: None,
            line: 0,
            column: 0,
            message: message.into(),
        }
    }

    /// An error from the TOML parser or serde, with its span when it has one.
    pub(crate) fn from_toml(path: &Path, text: &str, error: &toml::de::Error) -> ConfigError {
        // toml's messages may run over several lines with a source excerpt;
        // `message()` is the sentence alone.
        let message = error.message().trim().to_string();
        match error.span() {
            Some(span) => ConfigError::at(path, text, span, message),
            None => ConfigError::file(path, message),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path.display(),
                self.line,
                self.column,
                self.message
            )
        } else {
            write!(f, "{}: {}", self.path.display(), self.message)
        }
    }
}

impl std::error::Error for ConfigError {}
