//! The world a catalog refers to: factions, items, enemies, places, planets, NPCs and the other
//! things objectives and gates name. Defining them in the catalog lets validation check every
//! reference before the game runs.

use bevy::reflect::Reflect;
use serde::{Deserialize, Serialize};

use crate::ids::*;

/// A faction: issues missions, holds the player's reputation, and may have rivals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct FactionDef {
    /// Unique id.
    pub id: FactionId,
    /// Display name.
    pub name: String,
    /// Flavour text for the board and journal.
    #[serde(default)]
    pub description: String,
    /// Rival factions: standing gained with this faction is capped by standing with each rival
    /// (see [`crate::model::rules::ReputationRules::rivalry_sum_cap`]).
    #[serde(default)]
    pub rivals: Vec<FactionId>,
    /// Mission types this faction favours.
    #[serde(default)]
    pub favored_types: Vec<super::mission::MissionType>,
    /// Reputation a new player starts with.
    #[serde(default)]
    pub starting_reputation: i32,
}

/// What an item is used for, which decides where a reward lands in the inventory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, Reflect)]
pub enum ItemKind {
    /// Trade goods carried in the hold.
    #[default]
    Cargo,
    /// Ship equipment: weapons, shields.
    Equipment,
    /// Unique story items (a black box, a courier package).
    Special,
    /// Map data that reveals places.
    MapData,
    /// Goods that patrols confiscate.
    Contraband,
    /// Cosmetics and collectibles.
    Collectible,
}

/// An item definition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    /// Unique id.
    pub id: ItemId,
    /// Display name.
    pub name: String,
    /// Flavour text.
    #[serde(default)]
    pub description: String,
    /// What kind of item this is.
    #[serde(default)]
    pub kind: ItemKind,
    /// Base value in credits.
    #[serde(default)]
    pub value: u64,
}

/// A species of enemies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct SpeciesDef {
    /// Unique id.
    pub id: SpeciesId,
    /// Display name.
    pub name: String,
}

/// A type of enemy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct EnemyDef {
    /// Unique id.
    pub id: EnemyTypeId,
    /// Display name.
    pub name: String,
    /// The species it belongs to.
    pub species: SpeciesId,
    /// The faction it fights for, if any (combat missions against a faction count these).
    #[serde(default)]
    pub faction: Option<FactionId>,
    /// Whether it can be befriended and retrieved.
    #[serde(default)]
    pub friendly: bool,
}

/// A kind of place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct PlaceKindDef {
    /// Unique id.
    pub id: PlaceKindId,
    /// Display name.
    pub name: String,
}

/// A concrete place: a sector, beacon, wreck or station.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct PlaceDef {
    /// Unique id.
    pub id: PlaceId,
    /// Display name.
    pub name: String,
    /// Its kind.
    pub kind: PlaceKindId,
    /// The planet it is on or orbits, if any.
    #[serde(default)]
    pub planet: Option<PlanetId>,
    /// The faction that controls it, if any (diplomatic packages go to a faction's place).
    #[serde(default)]
    pub faction: Option<FactionId>,
    /// Position in world units, for markers and spawning.
    #[serde(default)]
    pub position: (f32, f32),
    /// Whether the player knows about it from the start; effects can reveal hidden places.
    #[serde(default = "super::defaults::yes")]
    pub known: bool,
}

/// A planet: a cluster of places with its own enemy pressure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct PlanetDef {
    /// Unique id.
    pub id: PlanetId,
    /// Display name.
    pub name: String,
    /// Flavour text.
    #[serde(default)]
    pub description: String,
    /// Planet enemy-count factor (stacks with rarity, challenge and the objective label).
    #[serde(default = "super::defaults::one")]
    pub enemy_count_mult: f32,
    /// Enemy types that spawn here.
    #[serde(default)]
    pub enemies: Vec<EnemyTypeId>,
}

/// A class of NPC.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct NpcClassDef {
    /// Unique id.
    pub id: NpcClassId,
    /// Display name.
    pub name: String,
}

/// A named NPC: a mission giver, a captain to hunt, someone to find or recruit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct NpcDef {
    /// Unique id.
    pub id: NpcId,
    /// Display name.
    pub name: String,
    /// Their class.
    pub class: NpcClassId,
    /// The faction they belong to, if any.
    #[serde(default)]
    pub faction: Option<FactionId>,
    /// Where they can be found, if anywhere fixed.
    #[serde(default)]
    pub home: Option<PlaceId>,
}

/// A trait a player may hold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct TraitDef {
    /// Unique id.
    pub id: TraitId,
    /// Display name.
    pub name: String,
    /// Flavour text explaining how to get it (shown when a posting is locked).
    #[serde(default)]
    pub description: String,
}

/// An interactable object such as a terminal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct ObjectDef {
    /// Unique id.
    pub id: ObjectId,
    /// Display name.
    pub name: String,
    /// Where the object is.
    #[serde(default)]
    pub place: Option<PlaceId>,
}

/// A named counter the game increments (trades, messages, fleet actions).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct CounterDef {
    /// Unique id.
    pub id: CounterId,
    /// Display name ("Trades completed").
    pub name: String,
}

/// A named numeric variable changed by effects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct VariableDef {
    /// Unique id.
    pub id: VariableId,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Starting value.
    #[serde(default)]
    pub initial: i64,
    /// Shared by all players instead of per player.
    #[serde(default)]
    pub shared: bool,
}
