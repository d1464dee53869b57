//! A player's persistent state as components: credits, experience, reputation, traits, the
//! inventory mirror, mission history, the reward ledger, variables and pinned random missions.
//! Saves store these types as they are.

use std::collections::{BTreeMap, BTreeSet};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::progress::ObjectiveProgress;
use super::rules::GameRules;
use super::status::MissionStatus;
use crate::ids::*;

/// A stable player id, used in saves and replays (entities change between runs).
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Reflect,
)]
#[serde(transparent)]
pub struct PlayerId(pub String);

impl std::fmt::Display for PlayerId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Credits.
#[derive(
    Component, Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect,
)]
#[reflect(Component)]
pub struct Wallet {
    /// Current credits.
    pub credits: u64,
}

/// Experience and level.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[reflect(Component)]
pub struct Experience {
    /// Total experience.
    pub xp: u64,
    /// Current level (derived from `xp` by [`Experience::add`], or set by the game).
    pub level: u32,
}

impl Default for Experience {
    fn default() -> Self {
        Experience { xp: 0, level: 1 }
    }
}

impl Experience {
    /// Adds experience and raises the level by the rules; never lowers a level the game set.
    pub fn add(&mut self, xp: u64, rules: &GameRules) {
        self.xp = self.xp.saturating_add(xp);
        let per = rules.xp_per_level.max(1);
        let earned = u32::try_from(1 + self.xp / per).unwrap_or(u32::MAX);
        self.level = self.level.max(earned).min(rules.max_level.max(1));
    }
}

/// Standing with each faction. Factions never touched read as their starting reputation.
#[derive(Component, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[reflect(Component)]
pub struct Reputation {
    /// Explicit standings.
    #[serde(default, deserialize_with = "crate::model::bounds::standings")]
    pub standings: BTreeMap<FactionId, i32>,
}

/// Traits the player holds.
#[derive(Component, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[reflect(Component)]
pub struct PlayerTraits(pub BTreeSet<TraitId>);

/// The plugin's view of the player's items: kept current by item effects and rewards, read by
/// gates. Games with their own inventory also receive [`crate::lifecycle::ItemsChanged`].
#[derive(Component, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[reflect(Component)]
pub struct Inventory(pub BTreeMap<ItemId, u32>);

impl Inventory {
    /// How many of an item the player holds.
    pub fn count(&self, item: &ItemId) -> u32 {
        self.0.get(item).copied().unwrap_or(0)
    }

    /// Adds (or with a negative delta, removes, never below zero) items; returns the real change.
    pub fn change(&mut self, item: &ItemId, delta: i64) -> i64 {
        let have = i64::from(self.count(item));
        let next = (have + delta).clamp(0, i64::from(u32::MAX));
        if next == 0 {
            self.0.remove(item);
        } else {
            self.0.insert(item.clone(), next as u32);
        }
        next - have
    }
}

/// One finished attempt, as the player's journal keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct JournalEntry {
    /// The attempt's serial.
    #[serde(deserialize_with = "crate::model::bounds::serial")]
    pub serial: u64,
    /// The mission.
    pub mission: MissionId,
    /// How it ended.
    pub status: MissionStatus,
    /// Game time accepted.
    #[serde(deserialize_with = "crate::model::bounds::time")]
    pub accepted_at: f64,
    /// Game time it ended.
    #[serde(deserialize_with = "crate::model::bounds::time")]
    pub ended_at: f64,
    /// Progress per objective when it ended.
    #[serde(default, deserialize_with = "crate::model::bounds::per_mission")]
    pub progress: Vec<ObjectiveProgress>,
    /// The checkpoint log: (game time, objective, amount, whose fact it was).
    #[serde(
        default,
        deserialize_with = "crate::model::bounds::journal_checkpoints"
    )]
    pub checkpoints: Vec<(f64, u16, u32, PlayerId)>,
}

/// The player's last finished attempts, newest last, at most
/// [`GameRules::journal_size`](super::rules::GameRules::journal_size) of them. Finished
/// acceptance entities are despawned; this is where a journal finds them, also after a restart.
#[derive(Component, Clone, Debug, Default, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Component)]
pub struct MissionJournal(pub std::collections::VecDeque<JournalEntry>);

impl MissionJournal {
    /// Adds a finished attempt, dropping the oldest beyond `cap`.
    pub fn record(&mut self, entry: JournalEntry, cap: u32) {
        self.0.push_back(entry);
        while self.0.len() > cap as usize {
            self.0.pop_front();
        }
    }

    /// The newest entry for a mission.
    pub fn last_of(&self, mission: &str) -> Option<&JournalEntry> {
        self.0.iter().rev().find(|e| e.mission.as_str() == mission)
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Completions of one mission by one player.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Reflect)]
pub struct CompletionRecord {
    /// Times completed.
    #[serde(deserialize_with = "crate::model::bounds::count")]
    pub count: u32,
    /// Game time of the last completion.
    #[serde(default, deserialize_with = "crate::model::bounds::opt_time")]
    pub last_completed_at: Option<f64>,
    /// Times failed, abandoned or expired.
    #[serde(default, deserialize_with = "crate::model::bounds::count")]
    pub unsuccessful: u32,
}

/// Everything a player has finished, for prerequisites, repeat limits and cooldowns.
#[derive(Component, Clone, Debug, Default, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Component)]
pub struct MissionHistory {
    /// Persistent scope: saved.
    pub missions: BTreeMap<MissionId, CompletionRecord>,
    /// Session scope: reset when the player leaves, never saved.
    #[serde(skip)]
    pub session: BTreeMap<MissionId, CompletionRecord>,
    /// Follow-ups and effects that offered a mission to this player (secondary missions can only
    /// be accepted once offered).
    pub offered: BTreeSet<MissionId>,
}

impl MissionHistory {
    /// Times the player completed a mission (in either scope).
    pub fn completions(&self, mission: &MissionId) -> u32 {
        self.missions.get(mission).map_or(0, |r| r.count)
            + self.session.get(mission).map_or(0, |r| r.count)
    }

    /// The record for a mission in either scope.
    pub fn record(&self, mission: &MissionId) -> Option<&CompletionRecord> {
        self.missions
            .get(mission)
            .or_else(|| self.session.get(mission))
    }
}

/// Exactly-once payment, in memory bounded by what is in progress: the serials of the attempts
/// this player holds and has not been paid for. Taking an attempt (accepting it, joining it)
/// owes it; its end takes the serial out, and only a completion that took it out pays. Serials
/// are never reused (the counter is saved), so a finished attempt is never owed again: a
/// replayed or duplicated request, a save loaded twice or a relog cannot pay twice, and the
/// ledger holds no more entries than the player has missions in progress.
#[derive(Component, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[reflect(Component)]
pub struct RewardLedger {
    /// Serials of the attempts the player holds and has not been paid for.
    pub(crate) owed: BTreeSet<u64>,
    /// Total credits ever paid by missions (for audits and tests).
    pub(crate) credits_paid: u64,
    /// Completions paid in total.
    pub(crate) payments: u64,
}

impl RewardLedger {
    /// Whether the attempt with this serial is still owed to the player.
    pub fn owes(&self, serial: u64) -> bool {
        self.owed.contains(&serial)
    }

    /// How many attempts are owed (never more than the player's missions in progress).
    pub fn owed_len(&self) -> usize {
        self.owed.len()
    }

    /// Total credits ever paid by missions.
    pub fn credits_paid(&self) -> u64 {
        self.credits_paid
    }

    /// Completions paid in total.
    pub fn payments(&self) -> u64 {
        self.payments
    }
}

/// Per-player variables changed by effects.
#[derive(Component, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[reflect(Component)]
pub struct PlayerVariables(pub BTreeMap<VariableId, i64>);

/// Random missions generated for this player and not finished yet (capped by
/// [`crate::model::rules::GameRules::random_missions_cap`]).
#[derive(Component, Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[reflect(Component)]
pub struct PinnedMissions(pub Vec<MissionId>);

/// Every persistent component of a player, as one bundle (what a save puts back). The same
/// components are [`crate::player::MissionHolder`]'s required components, [`PlayerStateRef`]'s
/// fields and [`PlayerStateChanged`]'s filters; `tests/integration/api.rs` checks that the lists
/// agree.
#[derive(Bundle, Clone, Debug, Default, Reflect)]
pub struct PlayerState {
    /// The player's [`Wallet`].
    pub wallet: Wallet,
    /// The player's [`Experience`].
    pub experience: Experience,
    /// The player's [`Reputation`].
    pub reputation: Reputation,
    /// The player's [`PlayerTraits`].
    pub traits: PlayerTraits,
    /// The player's [`Inventory`].
    pub inventory: Inventory,
    /// The player's [`MissionHistory`].
    pub history: MissionHistory,
    /// The player's [`RewardLedger`].
    pub ledger: RewardLedger,
    /// The player's [`PlayerVariables`].
    pub variables: PlayerVariables,
    /// The player's [`PinnedMissions`].
    pub pinned: PinnedMissions,
    /// The player's [`MissionJournal`].
    pub journal: MissionJournal,
}

/// A player's persistent components, read-only.
#[derive(bevy::ecs::query::QueryData)]
pub struct PlayerStateRef {
    /// The player's [`Wallet`].
    pub wallet: &'static Wallet,
    /// The player's [`Experience`].
    pub experience: &'static Experience,
    /// The player's [`Reputation`].
    pub reputation: &'static Reputation,
    /// The player's [`PlayerTraits`].
    pub traits: &'static PlayerTraits,
    /// The player's [`Inventory`].
    pub inventory: &'static Inventory,
    /// The player's [`MissionHistory`].
    pub history: &'static MissionHistory,
    /// The player's [`RewardLedger`].
    pub ledger: &'static RewardLedger,
    /// The player's [`PlayerVariables`].
    pub variables: &'static PlayerVariables,
    /// The player's [`PinnedMissions`].
    pub pinned: &'static PinnedMissions,
    /// The player's [`MissionJournal`].
    pub journal: &'static MissionJournal,
}

impl PlayerStateRefItem<'_, '_> {
    /// A copy of the components.
    pub fn to_owned_state(&self) -> PlayerState {
        PlayerState {
            wallet: *self.wallet,
            experience: *self.experience,
            reputation: self.reputation.clone(),
            traits: self.traits.clone(),
            inventory: self.inventory.clone(),
            history: self.history.clone(),
            ledger: self.ledger.clone(),
            variables: self.variables.clone(),
            pinned: self.pinned.clone(),
            journal: self.journal.clone(),
        }
    }
}

/// Query filter: a player any of whose persistent components changed.
pub type PlayerStateChanged = Or<(
    Changed<Wallet>,
    Changed<Experience>,
    Changed<Reputation>,
    Changed<PlayerTraits>,
    Changed<Inventory>,
    Changed<MissionHistory>,
    Changed<RewardLedger>,
    Changed<PlayerVariables>,
    Changed<PinnedMissions>,
    Changed<MissionJournal>,
)>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn experience_levels_follow_the_rules_and_cap() {
        let rules = GameRules {
            xp_per_level: 100,
            max_level: 3,
            ..default()
        };
        let mut xp = Experience::default();
        xp.add(150, &rules);
        assert_eq!((xp.xp, xp.level), (150, 2));
        xp.add(10_000, &rules);
        assert_eq!(xp.level, 3);
    }

    #[test]
    fn inventory_never_goes_negative() {
        let mut inv = Inventory::default();
        let ore = ItemId::from("ORE");
        assert_eq!(inv.change(&ore, 3), 3);
        assert_eq!(inv.change(&ore, -5), -3);
        assert_eq!(inv.count(&ore), 0);
        assert!(inv.0.is_empty());
    }
}
