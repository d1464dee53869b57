//! The catalog: every mission, quest, faction, item, place, posting, template and tuning table
//! the game knows, merged from any number of RON files and validated as a whole.
//!
//! - [`CatalogSource`](crate::model::source::CatalogSource) is the shape of one `*.missions.ron` file; [`parse_source`] reads one.
//! - [`build_from_files`] is the one pipeline from files to a [`MissionCatalog`] (validated,
//!   merged), used by tests, `missions-lint` and hot reload alike.
//! - [`CatalogPlugin`] loads a folder of files as Bevy assets and hot-reloads it: a broken edit
//!   keeps the last good catalog in use and reports every error with `path:line:col`.
//!
//! The types a catalog file holds live in [`crate::model`] and are re-exported here.

mod build;
mod error;
mod files;
mod graph;
mod loader;
mod locate;
mod parse;
mod store;
mod validate;

pub use build::{CatalogInput, LintReport, build_from_files, lint_files};
pub use error::{CatalogError, CatalogErrorKind, CatalogErrors};
pub use files::{find_catalog_files, lint_paths};
pub use graph::{EdgeKind, GraphEdge, GraphNode, MissionGraph};
pub(crate) use loader::rebuild_catalog;
pub use loader::{
    CatalogFile, CatalogFileLoader, CatalogPlugin, CatalogReadiness, CatalogRejected,
    CatalogReloaded, CatalogSources, CatalogStatus, catalog_failed, catalog_ready,
};
pub use locate::nearest_name;
pub use parse::parse_source;
pub use store::MissionCatalog;

pub(crate) use crate::model::mission::*;
pub(crate) use crate::model::source::ron_options;
