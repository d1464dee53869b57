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

    /// A parse error of `text`, at ron's position, naming the field whose value it is about.
    pub(crate) fn from_ron(path: &Path, text: &[u8], error: ron::error::SpannedError) -> Self {
        let start = error.span.start;
        let (line, col) = (start.line.max(1), start.col.max(1));
        let message = match error.code {
            ron::Error::MissingStructField {
                field: "version", ..
            } => "no `version` field: this is not a bevy_missions save".to_owned(),
            other => {
                let text = String::from_utf8_lossy(text);
                match field_at(&text, offset_of(&text, line, col)) {
                    Some(field) => format!("`{field}`: {other}"),
                    None => other.to_string(),
                }
            }
        };
        SaveError::Malformed {
            path: path.to_owned(),
            line,
            col,
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

/// Byte offset of a 1-based line and (character) column.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let rest = &text[line_start..];
    line_start
        + rest
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

/// The field whose value sits at `offset`: the nearest `name:` before it in the same record,
/// skipping whole bracketed values and strings on the way (so an error at the end of a list or
/// a record names the list or record, not its last inner field).
pub(crate) fn field_at(text: &str, offset: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut i = offset.min(bytes.len());
    // An error reported at a closing bracket is about the whole value it closes.
    if i < bytes.len() && matches!(bytes[i], b')' | b']' | b'}') {
        i += 1;
    }
    let mut depth = 0usize;
    while i > 0 {
        i -= 1;
        match bytes[i] {
            b')' | b']' | b'}' => depth += 1,
            b'(' | b'[' | b'{' => depth = depth.saturating_sub(1),
            b'"' => {
                // Skip back over the string to its opening quote.
                while i > 0 {
                    i -= 1;
                    if bytes[i] == b'"' && (i == 0 || bytes[i - 1] != b'\\') {
                        break;
                    }
                }
            }
            b':' if depth == 0 => {
                let end = text[..i].trim_end().len();
                let start = text[..end]
                    .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .map_or(0, |j| j + 1);
                let name = &text[start..end];
                if name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
                    return Some(name);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_is_the_nearest_name_in_the_same_record() {
        let text = "(last_serial: 3, acceptances: [(serial: 3, at: Some(1e19), log: [(1, 2)])])";
        let at = |needle: &str| text.find(needle).unwrap();
        assert_eq!(field_at(text, at("3, acc")), Some("last_serial"));
        assert_eq!(field_at(text, at("3, at")), Some("serial"));
        assert_eq!(field_at(text, at("1e19")), Some("at"));
        // An error at a closing bracket names the list it closes, not what is inside.
        assert_eq!(field_at(text, at("])])")), Some("log"));
        assert_eq!(field_at(text, at("])])") + 1), Some("acceptances"));
        assert_eq!(field_at(text, at("2)")), Some("log"));
        assert_eq!(field_at("(\"a: b\": 1)", 9), None);
        assert_eq!(offset_of("ab\ncd", 2, 2), 4);
        assert_eq!(offset_of("ab", 9, 9), 2);
    }
}
