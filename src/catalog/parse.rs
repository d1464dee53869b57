//! Parsing one catalog file. Unknown fields are refused with the nearest known name suggested.

use super::error::{CatalogError, CatalogErrorKind};
use crate::model::source::{CatalogSource, ron_options};

/// Parses one catalog file. `path` is only used in error messages.
///
/// Never panics: empty input, truncated input, invalid UTF-8, huge numbers and deep nesting all
/// give a [`CatalogError`] with the line and column.
pub fn parse_source(path: &str, bytes: &[u8]) -> Result<CatalogSource, CatalogError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(CatalogError::new(path, 1, 1, CatalogErrorKind::Empty));
    }
    ron_options()
        .from_bytes::<CatalogSource>(bytes)
        .map_err(|e| CatalogError::from_ron(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_whitespace_files_are_errors() {
        let err = parse_source("a.missions.ron", b"  \n ").unwrap_err();
        assert_eq!(err.kind, CatalogErrorKind::Empty);
        assert_eq!((err.line, err.col), (1, 1));
    }

    #[test]
    fn unknown_field_suggests_the_known_one() {
        let text = "(\n  missions: [(id: \"M\", name: \"m\", gates: (min_reputaton: 5))],\n)";
        let err = parse_source("x.missions.ron", text.as_bytes()).unwrap_err();
        assert_eq!(err.line, 2);
        let message = err.to_string();
        assert!(message.contains("min_reputaton"), "{message}");
        assert!(
            message.contains("did you mean `min_reputation`"),
            "{message}"
        );
        assert!(message.starts_with("x.missions.ron:2:"), "{message}");
    }
}
