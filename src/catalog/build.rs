//! The one pipeline from files to a catalog: parse each file, validate them together, merge.
//! Tests ([`MissionCatalog::from_texts`]), `missions-lint` ([`lint_files`]) and hot reload all go
//! through [`build_from_files`], so they can never disagree about what a file means.

use super::error::{CatalogError, CatalogErrors};
use super::parse::parse_source;
use super::store::MissionCatalog;
use super::validate::{self, LoadedSource};
use crate::model::source::CatalogSource;

/// One catalog file: where it came from, its text, and what parsing it gave.
#[derive(Clone, Debug)]
pub struct CatalogInput {
    /// Path shown in errors.
    pub path: String,
    /// The file's text (used to place validation errors).
    pub text: String,
    /// The parsed content, or the parse error.
    pub content: Result<CatalogSource, CatalogError>,
}

impl CatalogInput {
    /// Parses one file's bytes. Never panics.
    pub fn parse(path: impl Into<String>, bytes: &[u8]) -> Self {
        let path = path.into();
        CatalogInput {
            content: parse_source(&path, bytes),
            text: String::from_utf8_lossy(bytes).into_owned(),
            path,
        }
    }
}

/// Builds a catalog the way the game does: files sorted by path, every parse error reported (not
/// just the first), then validated together and merged. Every problem is returned, sorted by
/// file and position.
pub fn build_from_files(
    files: impl IntoIterator<Item = CatalogInput>,
) -> Result<MissionCatalog, CatalogErrors> {
    let mut files: Vec<CatalogInput> = files.into_iter().collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut errors = Vec::new();
    let mut loaded = Vec::new();
    for file in files {
        match file.content {
            Ok(source) => loaded.push(LoadedSource {
                path: file.path,
                text: file.text,
                source,
            }),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        errors = validate::validate(&loaded);
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
        return Err(CatalogErrors(errors));
    }
    Ok(MissionCatalog::merge(
        loaded.into_iter().map(|f| (f.path, f.source)),
    ))
}

impl MissionCatalog {
    /// Parses and validates one RON text (reported as `<inline>` in errors).
    pub fn from_ron_str(text: &str) -> Result<Self, CatalogErrors> {
        Self::from_texts([("<inline>", text)])
    }

    /// Parses and validates several `(path, text)` files as one catalog, the way the game does.
    pub fn from_texts<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, CatalogErrors> {
        build_from_files(
            files
                .into_iter()
                .map(|(path, text)| CatalogInput::parse(path, text.as_bytes())),
        )
    }
}

/// What [`lint_files`] found.
#[derive(Clone, Debug, Default)]
pub struct LintReport {
    /// Every problem, sorted by file and position.
    pub errors: Vec<CatalogError>,
    /// Missions in the catalog (0 when it did not validate).
    pub missions: usize,
    /// Postings in the catalog.
    pub postings: usize,
    /// Templates in the catalog.
    pub templates: usize,
}

/// Parses and validates raw files the way the game does and reports every problem. Used by
/// `missions-lint`; never panics on any bytes.
pub fn lint_files(files: Vec<(String, Vec<u8>)>) -> LintReport {
    let inputs = files
        .into_iter()
        .map(|(path, bytes)| CatalogInput::parse(path, &bytes));
    match build_from_files(inputs) {
        Ok(catalog) => LintReport {
            errors: Vec::new(),
            missions: catalog.missions().len(),
            postings: catalog.postings().len(),
            templates: catalog.templates().len(),
        },
        Err(errors) => LintReport {
            errors: errors.0,
            ..LintReport::default()
        },
    }
}
