//! Effects: what happens when a mission starts, succeeds, fails or is abandoned.
//!
//! A closed set of built-in kinds (reveal or assign a target, spawn it, hand over or take items,
//! change reputation, credits, variables and traits, start another mission); anything else is a
//! [`Effect::Hook`] the game registers in Rust by name.

use serde::{Deserialize, Serialize};

use super::defaults;
use crate::ids::*;

/// How to pick the place a mission targets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, bevy::reflect::Reflect)]
#[serde(deny_unknown_fields)]
pub struct AssignTarget {
    /// The kind of place to use as the target (`om_terrain`, required).
    pub kind: PlaceKindId,
    /// A specific place to prefer when present (`om_special`).
    #[serde(default)]
    pub place: Option<PlaceId>,
    /// Kind of place to convert when none of `kind` exists (`om_terrain_replace`).
    #[serde(default)]
    pub replace: Option<PlaceKindId>,
    /// Radius around the target to reveal on the map.
    #[serde(default)]
    pub reveal_radius: u32,
    /// Only use a place the player has already seen.
    #[serde(default)]
    pub must_see: bool,
    /// Pick a random matching place instead of the closest.
    #[serde(default)]
    pub random: bool,
    /// Search range in world units (0 = unlimited).
    #[serde(default)]
    pub search_range: u32,
    /// Search on this layer instead of the player's (`z`).
    #[serde(default)]
    pub layer: Option<i32>,
}

/// One effect. Effects are data: the lifecycle applies the built-in kinds itself and hands
/// `SpawnTarget`, `RevealPlace`, `AssignTarget` and `Hook` to the game as messages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, bevy::reflect::Reflect)]
#[non_exhaustive]
pub enum Effect {
    /// Reveal a place, or a random place of a kind.
    RevealPlace {
        /// A specific place.
        #[serde(default)]
        place: Option<PlaceId>,
        /// Or one random place among these kinds.
        #[serde(default)]
        kinds: Vec<PlaceKindId>,
        /// Radius to reveal around it.
        #[serde(default)]
        radius: u32,
    },
    /// Designate a place as the mission's target.
    AssignTarget(AssignTarget),
    /// Spawn a named target (an enemy, an NPC or a convoy) that objectives refer to.
    SpawnTarget {
        /// Name objectives use for it.
        target: TargetId,
        /// An enemy type to spawn.
        #[serde(default)]
        enemy: Option<EnemyTypeId>,
        /// Or an NPC to place.
        #[serde(default)]
        npc: Option<NpcId>,
        /// Where (default: the mission's assigned target place).
        #[serde(default)]
        at: Option<PlaceId>,
    },
    /// Give items to the player.
    GiveItem {
        /// The item.
        item: ItemId,
        /// How many (default 1).
        #[serde(default = "defaults::one_u32")]
        count: u32,
    },
    /// Take items from the player.
    TakeItem {
        /// The item.
        item: ItemId,
        /// How many (default 1).
        #[serde(default = "defaults::one_u32")]
        count: u32,
    },
    /// Change reputation with a faction (rivalry caps apply).
    Reputation {
        /// The faction.
        faction: FactionId,
        /// Change, positive or negative.
        delta: i32,
    },
    /// Change credits.
    Credits {
        /// Change, positive or negative (never below zero).
        delta: i64,
    },
    /// Set a variable.
    SetVariable {
        /// The variable.
        variable: VariableId,
        /// New value.
        value: i64,
    },
    /// Add to a variable.
    AddVariable {
        /// The variable.
        variable: VariableId,
        /// Change.
        delta: i64,
    },
    /// Grant a trait to the player.
    GrantTrait {
        /// The trait.
        #[serde(rename = "trait")]
        granted: TraitId,
    },
    /// Offer or start another mission.
    StartMission {
        /// The mission.
        mission: MissionId,
        /// Accept it at once instead of offering it.
        #[serde(default)]
        auto_accept: bool,
    },
    /// Call a hook the game registered in Rust, with free-form arguments.
    Hook {
        /// Hook name.
        name: HookId,
        /// Arguments passed to the hook.
        #[serde(default)]
        args: Vec<String>,
    },
}
