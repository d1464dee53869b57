//! What the plugin keeps on a player entity: credits, experience, reputation, traits, an
//! inventory mirror, mission history and the reward ledger.
//!
//! Spawn a player with [`MissionHolder`]; the other components are required components and
//! arrive with their defaults.

use bevy::ecs::entity::{EntityMapper, MapEntities};
use bevy::prelude::*;

use crate::catalog::MissionCatalog;
use crate::ids::{FactionId, MissionId};
pub(crate) use crate::model::player::*;

/// Marks an entity as a player who can hold missions. Every persistent player component
/// ([`PlayerState`]) and [`ActiveMissions`] are required components: they arrive with their
/// defaults.
#[derive(Component, Clone, Debug, PartialEq, Eq, Reflect)]
#[reflect(Component)]
#[require(
    Wallet,
    Experience,
    Reputation,
    PlayerTraits,
    Inventory,
    MissionHistory,
    RewardLedger,
    PlayerVariables,
    PinnedMissions,
    MissionJournal,
    ActiveMissions
)]
pub struct MissionHolder {
    /// Stable id (save files, replays, servers).
    pub id: PlayerId,
}

impl MissionHolder {
    /// A holder with this id.
    pub fn new(id: impl Into<String>) -> Self {
        MissionHolder {
            id: PlayerId(id.into()),
        }
    }
}

impl Reputation {
    /// Standing with a faction.
    pub fn get(&self, faction: &FactionId, catalog: &MissionCatalog) -> i32 {
        self.standings.get(faction).copied().unwrap_or_else(|| {
            catalog
                .faction(faction.as_str())
                .map_or(0, |f| f.starting_reputation)
        })
    }
}

/// The player's active acceptances and their missions, kept by the lifecycle. The acceptance
/// entities are mapped when the player is cloned or moved between worlds.
#[derive(Component, Clone, Debug, Default, PartialEq, Eq, Reflect)]
#[reflect(Component)]
#[component(map_entities)]
pub struct ActiveMissions(pub(crate) Vec<(Entity, MissionId)>);

impl MapEntities for ActiveMissions {
    fn map_entities<M: EntityMapper>(&mut self, mapper: &mut M) {
        for (acceptance, _) in &mut self.0 {
            *acceptance = mapper.get_mapped(*acceptance);
        }
    }
}

impl ActiveMissions {
    /// The active acceptance of a mission, if any.
    pub fn of(&self, mission: &MissionId) -> Option<Entity> {
        self.0.iter().find(|(_, m)| m == mission).map(|(e, _)| *e)
    }

    /// Every active acceptance with its mission, in the order they were accepted.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (Entity, &MissionId)> {
        self.0.iter().map(|(e, m)| (*e, m))
    }

    /// How many missions are active.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No mission is active.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
