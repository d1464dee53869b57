//! The save file's shape (format version [`SAVE_VERSION`]) and its parser.
//!
//! Entities change between runs, so a save names players by [`PlayerId`]: acceptance holders,
//! contributors and checkpoint authors are all stored as ids and mapped back to entities on load.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::error::SaveError;
use super::migrate;
use crate::catalog::MissionDef;
use crate::ids::{MissionId, VariableId};
use crate::lifecycle::{MissionStatus, ObjectiveProgress};
use crate::player::*;

/// The format version this build writes. Older versions are migrated on load.
pub const SAVE_VERSION: u32 = 2;

/// Everything persistent: players, their missions in progress, shared-scope state, the clock
/// and the serial counter. Session-scope completions are never part of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveGame {
    /// Format version ([`SAVE_VERSION`] once loaded).
    pub version: u32,
    /// Game time of the mission clock when saved.
    pub clock_now: f64,
    /// Unix time of game second 0 (the daily refresh follows it).
    pub clock_epoch_unix: i64,
    /// The last acceptance serial handed out: serials never repeat across loads, so the reward
    /// ledger can never be fooled into paying twice.
    pub last_serial: u64,
    /// Every player, in id order.
    pub players: Vec<PlayerSave>,
    /// Missions in progress (status `Active`), in serial order.
    pub acceptances: Vec<AcceptanceSave>,
    /// Shared-scope completions and shared variables.
    #[serde(default)]
    pub shared: SharedSave,
    /// Random missions generated from templates and still pinned to someone.
    #[serde(default)]
    pub generated: BTreeMap<MissionId, MissionDef>,
}

impl Default for SaveGame {
    fn default() -> Self {
        SaveGame {
            version: SAVE_VERSION,
            clock_now: 0.0,
            clock_epoch_unix: crate::clock::MissionClock::default().epoch_unix,
            last_serial: 0,
            players: Vec::new(),
            acceptances: Vec::new(),
            shared: SharedSave::default(),
            generated: BTreeMap::new(),
        }
    }
}

/// One player's persistent state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlayerSave {
    /// Stable id.
    pub id: PlayerId,
    /// Credits.
    pub wallet: Wallet,
    /// XP and level.
    pub experience: Experience,
    /// Standing per faction.
    pub reputation: Reputation,
    /// Traits.
    #[serde(default)]
    pub traits: PlayerTraits,
    /// Items.
    #[serde(default)]
    pub inventory: Inventory,
    /// Persistent completions (session completions are not saved).
    #[serde(default)]
    pub completions: BTreeMap<MissionId, CompletionRecord>,
    /// Missions offered by follow-ups and not yet taken.
    #[serde(default)]
    pub offered: BTreeSet<MissionId>,
    /// Paid acceptances.
    #[serde(default)]
    pub ledger: RewardLedger,
    /// Variables.
    #[serde(default)]
    pub variables: PlayerVariables,
    /// Random missions pinned to the player.
    #[serde(default)]
    pub pinned: PinnedMissions,
}

/// One mission in progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptanceSave {
    /// The acceptance serial (the ledger's key).
    pub serial: u64,
    /// The mission.
    pub mission: MissionId,
    /// Players on it, the one who accepted first.
    pub holders: Vec<PlayerId>,
    /// Status (always `Active` in files this build writes).
    pub status: MissionStatus,
    /// Game time accepted.
    pub accepted_at: f64,
    /// When it fails, if it has a deadline.
    #[serde(default)]
    pub deadline: Option<f64>,
    /// When it expires, if it does.
    #[serde(default)]
    pub expires_at: Option<f64>,
    /// Progress per objective.
    pub progress: Vec<ObjectiveProgress>,
    /// Counts toward each fail condition.
    #[serde(default)]
    pub fail_counts: Vec<u32>,
    /// The checkpoint log, oldest first.
    #[serde(default)]
    pub checkpoints: Vec<CheckpointSave>,
    /// Players whose facts advanced it (parties and shared scope).
    #[serde(default)]
    pub contributors: Vec<PlayerId>,
    /// Shown on the HUD tracker.
    #[serde(default)]
    pub tracked: bool,
}

/// One checkpoint of an acceptance's log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckpointSave {
    /// Game time.
    pub at: f64,
    /// Objective index.
    pub objective: u16,
    /// Amount added.
    pub amount: u32,
    /// Whose fact it was.
    pub by: PlayerId,
}

/// Shared-scope state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedSave {
    /// Completions of each shared mission: count and last time.
    #[serde(default)]
    pub completions: BTreeMap<MissionId, (u32, Option<f64>)>,
    /// Shared variables.
    #[serde(default)]
    pub variables: BTreeMap<VariableId, i64>,
}

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
    pub fn from_ron(path: &std::path::Path, bytes: &[u8]) -> Result<SaveGame, SaveError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(SaveError::malformed(path, 1, 1, "the file is empty"));
        }
        let options = crate::catalog::ron_options();
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
                    match current {
                        Some(e) if !missing_version => e,
                        _ => probe_error,
                    },
                ));
            }
        };
        let save = match (version, current) {
            (SAVE_VERSION, Some(e)) => return Err(SaveError::from_ron(path, e)),
            (1, _) => migrate::from_v1(
                options
                    .from_bytes::<migrate::SaveV1>(bytes)
                    .map_err(|e| SaveError::from_ron(path, e))?,
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
        assert!(text.contains("version: 2"), "{text}");
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
            "s.ron: save format version 9 is not one this game can read (it reads 1 to 2)"
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
