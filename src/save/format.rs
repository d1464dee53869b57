//! Reading and writing the save file: current-format RON in one pass, older formats through
//! [`super::migrate`].

use serde::Deserialize;

use super::error::SaveError;
use super::migrate;
use crate::model::save::{SAVE_VERSION, SaveGame};

#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

impl SaveGame {
    /// Writes the save as pretty RON.
    pub fn to_ron(&self) -> Result<String, SaveError> {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(4)
            .indentor("  ".to_owned());
        ron::ser::to_string_pretty(self, config).map_err(|e| SaveError::Encode {
            message: e.to_string(),
        })
    }

    /// Parses a save of any supported version, migrating older ones. `path` only names the file
    /// in errors.
    ///
    /// Never panics and never guesses: empty, truncated or garbage input, a missing or unknown
    /// version and a version newer than this build all give a [`SaveError`] with the position.
    /// Every number is checked against the range the game can reach while it is read (a time
    /// past 1e12 seconds, a count past a billion, a serial past 2^53, an epoch or a reputation
    /// far out of range: see [`crate::model::bounds`]), as is every generated mission, so the
    /// refusal points at the value and names its field.
    pub fn from_ron(path: &std::path::Path, bytes: &[u8]) -> Result<SaveGame, SaveError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(SaveError::malformed(path, 1, 1, "the file is empty"));
        }
        let options = crate::model::source::ron_options();
        // The current format parses in one pass; only when that fails is the version read on
        // its own, to migrate an older save or to say which version it is.
        let current = match options.from_bytes::<SaveGame>(bytes) {
            Ok(save) if save.version == SAVE_VERSION => return Ok(save),
            Ok(_) => None,
            Err(e) => Some(e),
        };
        let version = match options.from_bytes::<VersionProbe>(bytes) {
            Ok(probe) => probe.version,
            Err(probe_error) => {
                let missing_version = matches!(
                    probe_error.code,
                    ron::Error::MissingStructField {
                        field: "version",
                        ..
                    }
                );
                return Err(SaveError::from_ron(
                    path,
                    bytes,
                    match current {
                        Some(e) if !missing_version => e,
                        _ => probe_error,
                    },
                ));
            }
        };
        let save = match (version, current) {
            (SAVE_VERSION, Some(e)) => return Err(SaveError::from_ron(path, bytes, e)),
            (3, _) => migrate::from_v3(
                options
                    .from_bytes::<SaveGame>(bytes)
                    .map_err(|e| SaveError::from_ron(path, bytes, e))?,
            ),
            (2, _) => migrate::from_v2(
                options
                    .from_bytes::<SaveGame>(bytes)
                    .map_err(|e| SaveError::from_ron(path, bytes, e))?,
            ),
            (1, _) => migrate::from_v1(
                options
                    .from_bytes::<migrate::SaveV1>(bytes)
                    .map_err(|e| SaveError::from_ron(path, bytes, e))?,
            ),
            (found, _) => {
                return Err(SaveError::UnsupportedVersion {
                    path: path.to_owned(),
                    found,
                    supported: SAVE_VERSION,
                });
            }
        };
        Ok(save)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_default_save_round_trips() {
        let save = SaveGame::default();
        let text = save.to_ron().unwrap();
        assert!(text.contains(&format!("version: {SAVE_VERSION}")), "{text}");
        assert_eq!(
            SaveGame::from_ron(Path::new("s.ron"), text.as_bytes()).unwrap(),
            save
        );
    }

    #[test]
    fn versions_from_the_future_are_refused_by_number() {
        let err = SaveGame::from_ron(Path::new("s.ron"), b"(version: 9, whatever: 1)").unwrap_err();
        assert_eq!(
            err.to_string(),
            "s.ron: save format version 9 is not one this game can read (it reads 1 to 4)"
        );
    }

    #[test]
    fn a_missing_version_is_a_positioned_error() {
        let err = SaveGame::from_ron(Path::new("s.ron"), b"(players: [])").unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("s.ron:1:"), "{message}");
        assert!(message.contains("version"), "{message}");
    }
}
