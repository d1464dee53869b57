//! The save file's shape (format version [`SAVE_VERSION`]).
//!
//! Entities change between runs, so a save names players by [`PlayerId`]: acceptance holders,
//! contributors and checkpoint authors are all stored as ids and mapped back to entities on load.

use std::collections::{BTreeMap, BTreeSet};

use bevy::reflect::Reflect;
use serde::{Deserialize, Serialize};

use super::mission::MissionDef;
use super::player::*;
use super::progress::{ChosenPlace, ObjectiveProgress};
use super::run::RunDefinition;
use super::status::MissionStatus;
use crate::ids::{MissionId, VariableId};

/// The format version this build writes. Older versions are migrated on load.
pub const SAVE_VERSION: u32 = 4;

/// Everything persistent: players, their missions in progress, shared-scope state, the clock
/// and the serial counter. Session-scope completions are never part of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct SaveGame {
    /// Format version ([`SAVE_VERSION`] once loaded).
    pub version: u32,
    /// Game time of the mission clock when saved.
    #[serde(deserialize_with = "crate::model::bounds::time")]
    pub clock_now: f64,
    /// Unix time of game second 0 (the daily refresh follows it).
    #[serde(deserialize_with = "crate::model::bounds::epoch")]
    pub clock_epoch_unix: i64,
    /// The last acceptance serial handed out: serials never repeat across loads, so the reward
    /// ledger can never be fooled into paying twice.
    #[serde(deserialize_with = "crate::model::bounds::serial")]
    pub last_serial: u64,
    /// Every player, in id order.
    pub players: Vec<PlayerSave>,
    /// Missions in progress (status `Active`), in serial order.
    pub acceptances: Vec<AcceptanceSave>,
    /// Shared-scope completions and shared variables.
    #[serde(default)]
    pub shared: SharedSave,
    /// Random missions generated from templates and still pinned to someone.
    #[serde(default, deserialize_with = "crate::model::bounds::generated")]
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Reflect)]
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
    /// What the player is owed and was paid.
    #[serde(default)]
    pub ledger: LedgerSave,
    /// Variables.
    #[serde(default)]
    pub variables: PlayerVariables,
    /// Random missions pinned to the player.
    #[serde(default)]
    pub pinned: PinnedMissions,
    /// The last finished attempts.
    #[serde(default, skip_serializing_if = "MissionJournal::is_empty")]
    pub journal: MissionJournal,
    /// The run accepted from a posting and not yet over, as it was assembled (a tuning change
    /// since does not touch it). Restored only while its mission is still in progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<RunDefinition>,
}

/// A player's [`RewardLedger`] as saved.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct LedgerSave {
    /// Serials of the attempts the player holds and has not been paid for (format 4).
    #[serde(default, deserialize_with = "crate::model::bounds::serials")]
    pub owed: BTreeSet<u64>,
    /// Total credits paid by missions.
    #[serde(default)]
    pub credits_paid: u64,
    /// Completions paid.
    #[serde(default)]
    pub payments: u64,
    /// Format 3 and older kept every serial ever paid. Read only to migrate such a save (its
    /// attempts in progress that were paid are not owed) and never written.
    #[serde(
        default,
        skip_serializing,
        deserialize_with = "crate::model::bounds::serials"
    )]
    pub paid: BTreeSet<u64>,
}

impl From<&RewardLedger> for LedgerSave {
    fn from(ledger: &RewardLedger) -> Self {
        LedgerSave {
            owed: ledger.owed.clone(),
            credits_paid: ledger.credits_paid,
            payments: ledger.payments,
            paid: BTreeSet::new(),
        }
    }
}

impl From<LedgerSave> for RewardLedger {
    fn from(saved: LedgerSave) -> Self {
        RewardLedger {
            owed: saved.owed,
            credits_paid: saved.credits_paid,
            payments: saved.payments,
        }
    }
}

/// One mission in progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct AcceptanceSave {
    /// The acceptance serial (the ledger's key).
    #[serde(deserialize_with = "crate::model::bounds::serial")]
    pub serial: u64,
    /// The mission.
    pub mission: MissionId,
    /// Players on it, the one who accepted first.
    pub holders: Vec<PlayerId>,
    /// Status (always `Active` in files this build writes).
    pub status: MissionStatus,
    /// Game time accepted.
    #[serde(deserialize_with = "crate::model::bounds::time")]
    pub accepted_at: f64,
    /// When it fails, if it has a deadline.
    #[serde(default, deserialize_with = "crate::model::bounds::opt_time")]
    pub deadline: Option<f64>,
    /// When it expires, if it does.
    #[serde(default, deserialize_with = "crate::model::bounds::opt_time")]
    pub expires_at: Option<f64>,
    /// Progress per objective.
    #[serde(deserialize_with = "crate::model::bounds::per_mission")]
    pub progress: Vec<ObjectiveProgress>,
    /// Counts toward each fail condition.
    #[serde(default, deserialize_with = "crate::model::bounds::counts")]
    pub fail_counts: Vec<u32>,
    /// The fail conditions' keys, beside `fail_counts` (format 3; empty in older saves).
    #[serde(default, deserialize_with = "crate::model::bounds::per_mission")]
    pub fail_keys: Vec<String>,
    /// The checkpoint log, oldest first.
    #[serde(default)]
    pub checkpoints: Vec<CheckpointSave>,
    /// Players whose facts advanced it (parties and shared scope).
    #[serde(default)]
    pub contributors: Vec<PlayerId>,
    /// Shown on the HUD tracker.
    #[serde(default)]
    pub tracked: bool,
    /// The extraction timer of the run it is flown in, if it was accepted from a posting.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::bounds::opt_time"
    )]
    pub run_seconds: Option<f64>,
    /// Game time its run started; `None` for a contract still waiting at the hub.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::bounds::opt_time"
    )]
    pub run_started_at: Option<f64>,
    /// Game time a contract waiting at the hub expires unless its run starts.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::bounds::opt_time"
    )]
    pub launch_by: Option<f64>,
    /// Places the game chose for its start effects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<ChosenPlace>,
}

/// One checkpoint of an acceptance's log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct CheckpointSave {
    /// Game time.
    #[serde(deserialize_with = "crate::model::bounds::time")]
    pub at: f64,
    /// Objective index.
    pub objective: u16,
    /// Amount added.
    #[serde(deserialize_with = "crate::model::bounds::count")]
    pub amount: u32,
    /// Whose fact it was.
    pub by: PlayerId,
}

/// Shared-scope state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct SharedSave {
    /// Completions of each shared mission: count and last time.
    #[serde(default, deserialize_with = "crate::model::bounds::shared_completions")]
    pub completions: BTreeMap<MissionId, (u32, Option<f64>)>,
    /// Shared variables.
    #[serde(default)]
    pub variables: BTreeMap<VariableId, i64>,
}
