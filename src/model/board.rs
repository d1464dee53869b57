//! The mission board's schema: postings, random-mission templates and daily-quest
//! slots.

use bevy::reflect::Reflect;
use serde::{Deserialize, Serialize};

use super::defaults;
use super::mission::{ItemStack, MissionType};
use super::tuning::{Difficulty, ObjectiveLabel, Rarity};
use crate::ids::*;

/// A card on the mission board: a contract flown as a run on a planet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct PostingDef {
    /// Unique id.
    pub id: PostingId,
    /// Card title.
    pub title: String,
    /// Card text.
    #[serde(default)]
    pub blurb: String,
    /// The planet the run is flown on.
    pub planet: PlanetId,
    /// The objective label (tunes enemies and crates).
    pub label: ObjectiveLabel,
    /// The difficulty (sets the extraction timer).
    pub difficulty: Difficulty,
    /// How rare the contract is.
    #[serde(default)]
    pub rarity: Rarity,
    /// The mission accepted when the player takes the posting.
    pub mission: MissionId,
    /// Game seconds a taken contract waits at the hub for its run to start
    /// ([`MissionRequest::StartRun`](crate::lifecycle::MissionRequest::StartRun)); one not
    /// launched by then expires. `None`: it waits as long as its mission's own timing allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch_within: Option<f64>,
}

/// The four kinds of random-mission template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
pub enum TemplateKind {
    /// Hunt a low-reputation captain in the player's current cluster.
    BountyHunt {
        /// Classes of NPC that can be the quarry.
        classes: Vec<NpcClassId>,
        /// Highest standing the player may have with the captain's faction.
        max_reputation: i32,
    },
    /// Visit a wreck and recover items from it.
    Salvage {
        /// Kind of place that counts as a wreck.
        wreck_kind: PlaceKindId,
        /// Items that can be asked for.
        items: Vec<ItemId>,
        /// Fewest items asked for.
        min_count: u32,
        /// Most items asked for.
        max_count: u32,
    },
    /// Carry contraband to a place while avoiding patrols.
    Smuggling {
        /// Items that can be the contraband.
        contraband: Vec<ItemId>,
        /// Kinds of place the cargo may go to.
        destination_kinds: Vec<PlaceKindId>,
        /// Counter incremented each time a patrol scans the player.
        patrol_counter: CounterId,
        /// Scans that fail the mission.
        max_scans: u32,
    },
    /// Answer a distress beacon within a window.
    DistressBeacon {
        /// Kind of place that counts as a beacon.
        beacon_kind: PlaceKindId,
        /// Seconds the beacon stays open once generated.
        window_secs: f64,
    },
}

/// A random-mission template: the generator fills it from the player's situation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct MissionTemplate {
    /// Unique id.
    pub id: TemplateId,
    /// Name with `{target}`, `{place}`, `{item}`, `{count}` placeholders.
    pub name: String,
    /// Description with the same placeholders.
    #[serde(default)]
    pub description: String,
    /// What kind of mission it generates and from what.
    pub kind: TemplateKind,
    /// Mission family of the generated mission.
    #[serde(default)]
    pub mission_type: MissionType,
    /// Factions that may issue it (empty = any faction).
    #[serde(default)]
    pub issuers: Vec<FactionId>,
    /// Only players allied with this faction are offered it.
    #[serde(default)]
    pub faction_only: Option<FactionId>,
    /// Fewest credits paid.
    #[serde(default)]
    pub min_credits: u64,
    /// Most credits paid.
    #[serde(default)]
    pub max_credits: u64,
    /// Reputation with the issuer on completion.
    #[serde(default)]
    pub reputation: i32,
    /// Experience on completion.
    #[serde(default)]
    pub xp: u64,
    /// Items granted on completion.
    #[serde(default)]
    pub items: Vec<ItemStack>,
    /// Relative chance of being drawn (default 1).
    #[serde(default = "defaults::one_u32")]
    pub weight: u32,
}

/// A daily-quest slot.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Reflect,
)]
pub enum DailySlot {
    /// Complete N trades.
    Trade,
    /// Win N PvE encounters.
    Combat,
    /// Visit N sectors.
    Travel,
    /// Send N messages or join a fleet action.
    Social,
}

impl DailySlot {
    /// Every slot; the daily rules must fill all of them.
    pub const ALL: [DailySlot; 4] = [
        DailySlot::Trade,
        DailySlot::Combat,
        DailySlot::Travel,
        DailySlot::Social,
    ];
}

/// The missions one daily slot draws from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct DailySlotPool {
    /// The slot.
    pub slot: DailySlot,
    /// Candidate missions; one is drawn per game day.
    pub missions: Vec<MissionId>,
}

/// Daily-quest rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct DailyRules {
    /// Hour of the game clock's day at which dailies refresh (default 0, i.e. 00:00 UTC).
    #[serde(default = "defaults::refresh_hour")]
    pub refresh_hour: u8,
    /// Bump to reshuffle every player's dailies when the pools change.
    #[serde(default)]
    pub pool_version: u32,
    /// One pool per slot.
    pub slots: Vec<DailySlotPool>,
}
