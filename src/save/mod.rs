//! Saving player progress: a versioned RON file written atomically with a backup, loaded (and
//! migrated from older versions) when the catalog is ready, written after every outcome
//! (debounced) and on exit.
//!
//! - [`SaveGame`] is the file's shape; [`SaveGame::from_ron`] reads any supported version.
//! - [`capture`] and [`restore`] move state between the world and a [`SaveGame`].
//! - [`write_save`] and [`read_save`] are the disk: atomic, with a backup, never writing over
//!   a file that could not be read.
//! - [`SavePlugin`] runs it all in a game: set [`SavePlugin::path`].
//!
//! A save the game cannot read (truncated, garbage, a version from the future, no permission)
//! is reported as [`SaveOutcome::Refused`] with its path and position and left untouched;
//! nothing is written until the game sends [`SaveCommand::UseBackup`] or
//! [`SaveCommand::StartFresh`], and either one first moves the refused file aside (never
//! deleting it).

mod error;
mod file;
mod format;
mod migrate;
mod plugin;
mod snapshot;

pub(crate) use crate::model::save::SaveGame;
pub use error::SaveError;
pub use file::{backup_path, read_save, set_aside, write_save};
pub use plugin::{RefusedSave, SaveCommand, SaveOutcome, SavePlugin, SaveStatus};
pub use snapshot::{RestoreReport, capture, restore};
