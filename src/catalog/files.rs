//! Finding and reading catalog files on disk (for the command-line tools; the game goes through
//! the asset server).

use std::path::{Path, PathBuf};

use super::build::{CatalogInput, LintReport, build_from_files, lint_files};
use super::error::{CatalogError, CatalogErrorKind, CatalogErrors};
use super::store::MissionCatalog;

/// Every `*.missions.ron` under the given paths (directories recursively, sorted); files named
/// directly are taken whatever their extension. Problems (missing paths, unreadable
/// directories) are returned alongside.
pub fn find_catalog_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<CatalogError>) {
    fn walk(path: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<CatalogError>) {
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                let kind = CatalogErrorKind::Io(format!("cannot read directory: {e}"));
                errors.push(CatalogError::new(&path.display().to_string(), 1, 1, kind));
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for child in children {
            if child.is_dir() {
                walk(&child, out, errors);
            } else if child.to_string_lossy().ends_with(".missions.ron") {
                out.push(child);
            }
        }
    }
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files, &mut errors);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            let kind = CatalogErrorKind::Io("no such file or directory".into());
            errors.push(CatalogError::new(&path.display().to_string(), 1, 1, kind));
        }
    }
    (files, errors)
}

/// Files read from disk: `(path as shown, bytes)`, the problems met, and how many were found.
struct ReadFiles {
    files: Vec<(String, Vec<u8>)>,
    errors: Vec<CatalogError>,
    found: usize,
}

/// Reads every catalog file under the given paths; unreadable ones become errors.
fn read_catalog_files(paths: &[PathBuf]) -> ReadFiles {
    let (found, mut errors) = find_catalog_files(paths);
    let mut files = Vec::new();
    for path in &found {
        let shown = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => files.push((shown, bytes)),
            Err(e) => errors.push(CatalogError::new(
                &shown,
                1,
                1,
                CatalogErrorKind::Io(e.to_string()),
            )),
        }
    }
    ReadFiles {
        files,
        errors,
        found: found.len(),
    }
}

/// Finds, reads, parses and validates catalog files exactly as the game does.
pub fn lint_paths(paths: &[PathBuf]) -> (LintReport, usize) {
    let ReadFiles {
        files,
        mut errors,
        found,
    } = read_catalog_files(paths);
    let mut report = lint_files(files);
    errors.append(&mut report.errors);
    report.errors = errors;
    (report, found)
}

impl MissionCatalog {
    /// Loads and validates every catalog file under the given paths.
    pub fn load_paths(paths: &[PathBuf]) -> Result<MissionCatalog, CatalogErrors> {
        let ReadFiles { files, errors, .. } = read_catalog_files(paths);
        if !errors.is_empty() {
            return Err(CatalogErrors(errors));
        }
        build_from_files(
            files
                .into_iter()
                .map(|(path, bytes)| CatalogInput::parse(path, &bytes)),
        )
    }
}
