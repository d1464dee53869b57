//! Save errors: each names the file and, for content problems, the line and column.

use std::io;
use std::path::{Path, PathBuf};

/// Why a save could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file exists but could not be read (permissions, a folder in its place, I/O).
    #[error("{}: cannot read the save: {source}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: io::Error,
    },
    /// The content is not a save: empty, truncated, garbage, or a field of the wrong type.
    #[error("{}:{line}:{col}: not a valid save: {message}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        col: usize,
        /// What the parser expected.
        message: String,
    },
    /// The format version is one this build cannot read (newer, or never existed).
    #[error(
        "{}: save format version {found} is not one this game can read (it reads 1 to {supported})",
        path.display()
    )]
    UnsupportedVersion {
        /// The file.
        path: PathBuf,
        /// The version written in it.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The save could not be turned into text (a non-finite number, say).
    #[error("cannot encode the save: {message}")]
    Encode {
        /// What the encoder said.
        message: String,
    },
    /// Writing failed; the previous save is untouched.
    #[error("{}: cannot write the save ({step}): {source}; the previous save is untouched", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Which step failed.
        step: &'static str,
        /// What the OS said.
        source: io::Error,
    },
}

impl SaveError {
    pub(crate) fn malformed(path: &Path, line: usize, col: usize, message: &str) -> Self {
        SaveError::Malformed {
            path: path.to_owned(),
            line,
            col,
            message: message.to_owned(),
        }
    }

    pub(crate) fn from_ron(path: &Path, error: ron::error::SpannedError) -> Self {
        let start = error.span.start;
        let message = match error.code {
            ron::Error::MissingStructField {
                field: "version", ..
            } => "no `version` field: this is not a bevy_missions save".to_owned(),
            other => other.to_string(),
        };
        SaveError::Malformed {
            path: path.to_owned(),
            line: start.line.max(1),
            col: start.col.max(1),
            message,
        }
    }

    /// The file the error is about, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            SaveError::Unreadable { path, .. }
            | SaveError::Malformed { path, .. }
            | SaveError::UnsupportedVersion { path, .. }
            | SaveError::Write { path, .. } => Some(path),
            SaveError::Encode { .. } => None,
        }
    }

    /// Line and column of a content problem.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            SaveError::Malformed { line, col, .. } => Some((*line, *col)),
            _ => None,
        }
    }
}
