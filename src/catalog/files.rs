//! Finding and reading catalog files on disk (for the command-line tools; the game goes through
//! the asset server).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::build::{CatalogInput, LintReport, build_from_files, lint_files};
use super::error::{CatalogError, CatalogErrorKind, CatalogErrors};
use super::store::MissionCatalog;

/// Every `*.missions.ron` under the given paths (directories recursively, sorted); files named
/// directly are taken whatever their extension. Problems (missing paths, unreadable
/// directories) are returned alongside. A folder reached twice (through a symbolic link, or a
/// link to one of its parents) is read once.
pub fn find_catalog_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<CatalogError>) {
    let mut walk = Walk::default();
    for path in paths {
        if path.is_dir() {
            walk.dir(path);
        } else if path.exists() {
            walk.files.push(path.clone());
        } else {
            let kind = CatalogErrorKind::Io("no such file or directory".into());
            walk.errors
                .push(CatalogError::new(&path.display().to_string(), 1, 1, kind));
        }
    }
    (walk.files, walk.errors)
}

/// A walk over catalog folders.
#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    errors: Vec<CatalogError>,
    /// Folders already read, by their canonical path.
    seen: HashSet<PathBuf>,
}

impl Walk {
    fn dir(&mut self, path: &Path) {
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        if !self.seen.insert(canonical) {
            return;
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                let kind = CatalogErrorKind::Io(format!("cannot read directory: {e}"));
                self.errors
                    .push(CatalogError::new(&path.display().to_string(), 1, 1, kind));
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for child in children {
            if child.is_dir() {
                self.dir(&child);
            } else if child.to_string_lossy().ends_with(".missions.ron") {
                self.files.push(child);
            }
        }
    }
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
