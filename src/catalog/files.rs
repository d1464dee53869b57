//! Finding and reading catalog files on disk (for the command-line tools; the game goes through
//! the asset server).

use std::path::{Path, PathBuf};

use super::{
    CatalogError, CatalogErrorKind, CatalogErrors, LintReport, MissionCatalog, lint_files,
};

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

/// Finds, reads, parses and validates catalog files exactly as the game does.
pub fn lint_paths(paths: &[PathBuf]) -> (LintReport, usize) {
    let (found, mut errors) = find_catalog_files(paths);
    let mut files = Vec::new();
    for path in &found {
        match std::fs::read(path) {
            Ok(bytes) => files.push((path.display().to_string(), bytes)),
            Err(e) => errors.push(CatalogError::new(
                &path.display().to_string(),
                1,
                1,
                CatalogErrorKind::Io(e.to_string()),
            )),
        }
    }
    let mut report = lint_files(files);
    errors.append(&mut report.errors);
    report.errors = errors;
    (report, found.len())
}

impl MissionCatalog {
    /// Loads and validates every catalog file under the given paths.
    pub fn load_paths(paths: &[PathBuf]) -> Result<MissionCatalog, CatalogErrors> {
        let (found, errors) = find_catalog_files(paths);
        if !errors.is_empty() {
            return Err(CatalogErrors(errors));
        }
        let mut texts = Vec::new();
        let mut errors = Vec::new();
        for path in found {
            match std::fs::read(&path) {
                Ok(bytes) => texts.push((
                    path.display().to_string(),
                    String::from_utf8_lossy(&bytes).into_owned(),
                )),
                Err(e) => errors.push(CatalogError::new(
                    &path.display().to_string(),
                    1,
                    1,
                    CatalogErrorKind::Io(e.to_string()),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(CatalogErrors(errors));
        }
        texts.sort();
        MissionCatalog::from_texts(texts.iter().map(|(p, t)| (p.as_str(), t.as_str())))
    }
}
