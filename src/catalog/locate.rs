//! Finding where an id is written in a file's text, so that errors found after parsing (duplicate
//! ids, dangling references) still carry a line and column.

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, col)
}

/// Byte offsets of every `"id"` string literal in the text.
fn literal_offsets<'a>(text: &'a str, id: &str) -> impl Iterator<Item = usize> + 'a {
    let needle = format!("\"{id}\"");
    let len = needle.len();
    let mut from = 0;
    std::iter::from_fn(move || {
        let found = text.get(from..)?.find(&needle)? + from;
        from = found + len.max(1);
        Some(found)
    })
}

/// Whether the literal at `offset` is the value of a field called `field` (`field: "id"`).
fn is_field_value(text: &str, offset: usize, field: &str) -> bool {
    let before = text.get(..offset).unwrap_or("").trim_end();
    let Some(before) = before.strip_suffix(':') else {
        return false;
    };
    let before = before.trim_end();
    before.ends_with(field)
        && !before[..before.len() - field.len()]
            .ends_with(|c: char| c.is_alphanumeric() || c == '_')
}

/// Offset of the definition of `id` (`id: "id"`), falling back to the first time it is written.
pub(crate) fn definition(text: &str, id: &str) -> Option<usize> {
    literal_offsets(text, id)
        .find(|&o| is_field_value(text, o, "id"))
        .or_else(|| literal_offsets(text, id).next())
}

/// Offset of the first time `id` is written at or after `from`.
pub(crate) fn reference(text: &str, from: usize, id: &str) -> Option<usize> {
    literal_offsets(text, id).find(|&o| o >= from)
}

/// Offset of a section's field name (`tuning:`), for errors about a whole section.
pub(crate) fn section(text: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|t| t.find(name)) {
        let at = from + found;
        let after = text.get(at + name.len()..).unwrap_or("").trim_start();
        let boundary_before = !text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
        if boundary_before && after.starts_with(':') {
            return Some(at);
        }
        from = at + name.len();
    }
    None
}

/// Returns the closest of `candidates` to `found`, if it is close enough to be a likely typo.
pub fn nearest_name<'a>(found: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (found.chars().count() / 3).max(2);
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(found, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_name_finds_typos_only() {
        let known = ["min_reputation", "min_level", "prerequisites"];
        assert_eq!(
            nearest_name("min_reputaton", &known),
            Some("min_reputation")
        );
        assert_eq!(nearest_name("min_levle", &known), Some("min_level"));
        assert_eq!(nearest_name("colour", &known), None);
    }

    const TEXT: &str = "(\n  missions: [\n    (id: \"A\", follow_ups: [(mission: \"B\")]),\n    (id: \"B\"),\n  ],\n)";

    #[test]
    fn definition_prefers_the_id_field() {
        let at = definition(TEXT, "B").unwrap();
        assert_eq!(line_col(TEXT, at), (4, 10));
    }

    #[test]
    fn reference_searches_after_the_owner() {
        let owner = definition(TEXT, "A").unwrap();
        let at = reference(TEXT, owner, "B").unwrap();
        assert_eq!(line_col(TEXT, at), (3, 38));
    }

    #[test]
    fn section_matches_whole_names() {
        let at = section(TEXT, "missions").unwrap();
        assert_eq!(line_col(TEXT, at), (2, 3));
        assert_eq!(section(TEXT, "tuning"), None);
    }
}
