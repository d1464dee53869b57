//! Catalog errors: every one names the file, the line and column, and the offending id.

use std::fmt;

use super::locate::nearest_name;
use crate::model::tuning::TuningProblem;

/// What is wrong.
#[derive(Clone, Debug, PartialEq, bevy::reflect::Reflect, thiserror::Error)]
#[non_exhaustive]
pub enum CatalogErrorKind {
    /// The file has no content.
    #[error("the file is empty; a catalog file is a RON struct such as `(missions: [])`")]
    Empty,
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Io(String),
    /// Catalog files were asked for, but the app has no asset server to load them.
    #[error(
        "no AssetPlugin: add bevy's AssetPlugin (part of DefaultPlugins) to load catalog files, \
         or use CatalogPlugin::manual() and insert a MissionCatalog"
    )]
    NoAssetPlugin,
    /// RON syntax or type error.
    #[error("{0}")]
    Syntax(String),
    /// A field name that does not exist, usually a typo.
    #[error(
        "unknown field `{found}`{}{}",
        in_outer(outer),
        suggest(suggestion, expected)
    )]
    UnknownField {
        /// What was written.
        found: String,
        /// The struct it was written in.
        outer: Option<String>,
        /// The nearest known field name.
        suggestion: Option<String>,
        /// Every known field name.
        expected: Vec<String>,
    },
    /// An enum variant that does not exist.
    #[error(
        "unknown variant `{found}`{}{}",
        in_outer(outer),
        suggest(suggestion, expected)
    )]
    UnknownVariant {
        /// What was written.
        found: String,
        /// The enum it was written in.
        outer: Option<String>,
        /// The nearest known variant.
        suggestion: Option<String>,
        /// Every known variant.
        expected: Vec<String>,
    },
    /// The same id is defined twice (possibly in two files).
    #[error("duplicate {what} id `{id}`: first defined at {first}")]
    DuplicateId {
        /// What kind of thing ("mission", "faction").
        what: &'static str,
        /// The id.
        id: String,
        /// Where it was first defined (`path:line:col`).
        first: String,
    },
    /// A section that may appear once appears in two files.
    #[error("`{section}` is defined twice: first at {first}")]
    DuplicateSection {
        /// The section.
        section: &'static str,
        /// Where it was first defined.
        first: String,
    },
    /// A reference to an id that no file defines.
    #[error("{owner} refers to unknown {what} `{id}`{}", suggest_id(suggestion))]
    Dangling {
        /// Who refers (`mission \`M\` objective 2`).
        owner: String,
        /// What kind of thing is referred to.
        what: &'static str,
        /// The missing id.
        id: String,
        /// The nearest defined id.
        suggestion: Option<String>,
    },
    /// Missions that require each other.
    #[error("prerequisite cycle: {}", cycle.join(" -> "))]
    PrerequisiteCycle {
        /// The missions on the cycle, first repeated at the end.
        cycle: Vec<String>,
    },
    /// A mission no player can ever reach.
    #[error("mission `{id}` can never be reached: {why}")]
    Unreachable {
        /// The mission.
        id: String,
        /// Why.
        why: String,
    },
    /// A gate no player can ever pass.
    #[error("mission `{id}` has an impossible gate: {why}")]
    ImpossibleGate {
        /// The mission.
        id: String,
        /// Why.
        why: String,
    },
    /// A value that makes no sense (zero counts, reversed ranges).
    #[error("{owner}: {why}")]
    Invalid {
        /// Who holds the value.
        owner: String,
        /// What is wrong.
        why: String,
    },
    /// The tuning tables are incomplete or inconsistent.
    #[error("{0}")]
    Tuning(TuningProblem),
    /// Postings exist but no file defines the tuning tables.
    #[error(
        "there are postings but no file defines `tuning` (labels, extraction_timer, rarity_mult)"
    )]
    MissingTuning,
}

fn in_outer(outer: &Option<String>) -> String {
    outer
        .as_ref()
        .map(|o| format!(" in `{o}`"))
        .unwrap_or_default()
}

fn suggest(suggestion: &Option<String>, expected: &[String]) -> String {
    match suggestion {
        Some(s) => format!("; did you mean `{s}`?"),
        None if expected.is_empty() => String::new(),
        None => format!("; expected one of: {}", expected.join(", ")),
    }
}

fn suggest_id(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

/// One problem in the catalog, located in its file.
#[derive(Clone, Debug, PartialEq, bevy::reflect::Reflect, thiserror::Error)]
pub struct CatalogError {
    /// The file (as given to the loader or the lint).
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What is wrong.
    pub kind: CatalogErrorKind,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.line, self.col, self.kind)
    }
}

impl CatalogError {
    /// An error at a position.
    pub fn new(path: &str, line: usize, col: usize, kind: CatalogErrorKind) -> Self {
        CatalogError {
            path: path.to_owned(),
            line,
            col,
            kind,
        }
    }

    /// Converts ron's spanned error, turning unknown names into suggestions.
    pub fn from_ron(path: &str, error: ron::error::SpannedError) -> Self {
        let start = error.span.start;
        let kind = match error.code {
            ron::Error::NoSuchStructField {
                expected,
                found,
                outer,
            } => CatalogErrorKind::UnknownField {
                suggestion: nearest_name(&found, expected).map(str::to_owned),
                expected: expected.iter().map(|s| (*s).to_owned()).collect(),
                found,
                outer,
            },
            ron::Error::NoSuchEnumVariant {
                expected,
                found,
                outer,
            } => CatalogErrorKind::UnknownVariant {
                suggestion: nearest_name(&found, expected).map(str::to_owned),
                expected: expected.iter().map(|s| (*s).to_owned()).collect(),
                found,
                outer,
            },
            other => CatalogErrorKind::Syntax(other.to_string()),
        };
        CatalogError::new(path, start.line.max(1), start.col.max(1), kind)
    }

    /// `path:line:col`, used to point at a first definition.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.path, self.line, self.col)
    }
}

/// Every problem found in a catalog; displayed one per line.
#[derive(Clone, Debug, Default, PartialEq, thiserror::Error)]
pub struct CatalogErrors(pub Vec<CatalogError>);

impl fmt::Display for CatalogErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}
