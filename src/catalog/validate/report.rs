//! Where validation errors go: each is placed at its definition, reference or section in the
//! file it came from.

use std::collections::HashMap;

use super::super::error::{CatalogError, CatalogErrorKind};
use super::super::locate::{self, nearest_name};
use crate::model::source::CatalogEntry;
use crate::model::source::CatalogSource;

/// One parsed file, as validation reads it.
#[derive(Clone, Debug)]
pub(crate) struct LoadedSource {
    /// Path shown in errors.
    pub path: String,
    /// The file's text (to place errors).
    pub text: String,
    /// The parsed content.
    pub source: CatalogSource,
}

/// Definitions of one kind by id, with the file each came from.
pub(super) type Index<'a, V> = HashMap<&'a str, (usize, &'a V)>;

/// Collects errors and knows how to place them in the files.
pub(super) struct Report<'a> {
    pub(super) files: &'a [LoadedSource],
    pub(super) errors: Vec<CatalogError>,
}

impl<'a> Report<'a> {
    pub(super) fn at(&mut self, file: usize, offset: Option<usize>, kind: CatalogErrorKind) {
        let Some(f) = self.files.get(file) else {
            return;
        };
        let (line, col) = locate::line_col(&f.text, offset.unwrap_or(0));
        self.errors
            .push(CatalogError::new(&f.path, line, col, kind));
    }

    pub(super) fn at_definition(&mut self, file: usize, id: &str, kind: CatalogErrorKind) {
        let offset = self
            .files
            .get(file)
            .and_then(|f| locate::definition(&f.text, id));
        self.at(file, offset, kind);
    }

    pub(super) fn at_reference(
        &mut self,
        file: usize,
        owner: &str,
        id: &str,
        kind: CatalogErrorKind,
    ) {
        let offset = self.files.get(file).and_then(|f| {
            let from = locate::definition(&f.text, owner).unwrap_or(0);
            locate::reference(&f.text, from, id).or(Some(from))
        });
        self.at(file, offset, kind);
    }

    pub(super) fn at_section(&mut self, file: usize, section: &str, kind: CatalogErrorKind) {
        let offset = self
            .files
            .get(file)
            .and_then(|f| locate::section(&f.text, section));
        self.at(file, offset, kind);
    }

    pub(super) fn location_of(&self, file: usize, id: &str) -> String {
        let Some(f) = self.files.get(file) else {
            return String::from("?");
        };
        let (line, col) = locate::line_col(&f.text, locate::definition(&f.text, id).unwrap_or(0));
        format!("{}:{line}:{col}", f.path)
    }

    pub(super) fn section_location(&self, file: usize, section: &str) -> String {
        let Some(f) = self.files.get(file) else {
            return String::from("?");
        };
        let (line, col) = locate::line_col(&f.text, locate::section(&f.text, section).unwrap_or(0));
        format!("{}:{line}:{col}", f.path)
    }
}

/// Registers the ids of one kind from one file, reporting duplicates.
pub(super) fn register<'a, T: CatalogEntry>(
    report: &mut Report<'a>,
    index: &mut Index<'a, T>,
    what: &'static str,
    file: usize,
    defs: &'a [T],
) {
    for def in defs {
        let key = def.entry_id();
        if let Some((first_file, _)) = index.get(key) {
            let first = report.location_of(*first_file, key);
            report.at_definition(
                file,
                key,
                CatalogErrorKind::DuplicateId {
                    what,
                    id: key.to_owned(),
                    first,
                },
            );
        } else {
            index.insert(key, (file, def));
        }
    }
}

/// Checks one reference; `owner_id` is the id of the definition holding it (used to locate it).
pub(super) struct RefCheck<'r, 'a> {
    pub(super) report: &'r mut Report<'a>,
    pub(super) file: usize,
    pub(super) owner_id: &'a str,
    pub(super) owner: String,
}

impl<'r, 'a> RefCheck<'r, 'a> {
    /// A check of the references held by the definition `what` `id` (say, mission `M1`).
    pub(super) fn of(report: &'r mut Report<'a>, file: usize, what: &str, id: &'a str) -> Self {
        RefCheck {
            report,
            file,
            owner_id: id,
            owner: format!("{what} `{id}`"),
        }
    }

    pub(super) fn check<V>(&mut self, index: &Index<'a, V>, what: &'static str, id: &str) {
        if index.contains_key(id) {
            return;
        }
        let keys: Vec<&str> = index.keys().copied().collect();
        let suggestion = nearest_name(id, &keys).map(str::to_owned);
        let kind = CatalogErrorKind::Dangling {
            owner: self.owner.clone(),
            what,
            id: id.to_owned(),
            suggestion,
        };
        self.report.at_reference(self.file, self.owner_id, id, kind);
    }

    pub(super) fn invalid(&mut self, why: impl Into<String>) {
        let kind = CatalogErrorKind::Invalid {
            owner: self.owner.clone(),
            why: why.into(),
        };
        self.report.at_definition(self.file, self.owner_id, kind);
    }
}
