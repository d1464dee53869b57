//! Gameplay facts: what the game reports happened. Facts are messages; the plugin routes each one
//! to the objectives waiting on it.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ids::*;

/// Where a delivery was handed over.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect)]
pub struct DeliveryPoint {
    /// The place, if any (its faction counts for faction deliveries).
    #[serde(default)]
    pub place: Option<PlaceId>,
    /// The NPC who received it, if any (their faction counts too).
    #[serde(default)]
    pub npc: Option<NpcId>,
}

impl DeliveryPoint {
    /// A hand-over point that a delivery objective's target accepts: the place, the NPC, or for
    /// a faction the first place (by id) that faction owns (none if it owns none).
    pub fn accepted_by(
        catalog: &crate::catalog::MissionCatalog,
        target: &crate::model::objective::DeliveryTarget,
    ) -> Self {
        use crate::model::objective::DeliveryTarget;
        match target {
            DeliveryTarget::Place(p) => DeliveryPoint {
                place: Some(p.clone()),
                npc: None,
            },
            DeliveryTarget::Npc(n) => DeliveryPoint {
                place: None,
                npc: Some(n.clone()),
            },
            DeliveryTarget::Faction(f) => DeliveryPoint {
                place: catalog
                    .places()
                    .find(|p| p.faction.as_ref() == Some(f))
                    .map(|p| p.id.clone()),
                npc: None,
            },
        }
    }
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[non_exhaustive]
pub enum FactKind {
    /// The player destroyed an enemy. Its species and faction come from the catalog.
    Killed {
        /// Enemy type.
        enemy: EnemyTypeId,
        /// The named target it was, if it was one.
        #[serde(default)]
        target: Option<TargetId>,
        /// The NPC it was, if it was one (assassinations).
        #[serde(default)]
        npc: Option<NpcId>,
    },
    /// The player picked up items.
    Collected {
        /// Item.
        item: ItemId,
        /// How many.
        amount: u32,
    },
    /// The player handed items over.
    Delivered {
        /// Item.
        item: ItemId,
        /// How many.
        amount: u32,
        /// Where and to whom.
        to: DeliveryPoint,
    },
    /// The player entered a place.
    Entered {
        /// The place (its kind comes from the catalog).
        place: PlaceId,
    },
    /// The player scanned a place.
    Scanned {
        /// The place.
        place: PlaceId,
    },
    /// The player found an NPC.
    NpcFound {
        /// The NPC.
        npc: NpcId,
    },
    /// The player recruited an NPC (its class comes from the catalog).
    NpcRecruited {
        /// The NPC.
        npc: NpcId,
    },
    /// The player found and retrieved a friendly monster.
    MonsterFound {
        /// Its type.
        enemy: EnemyTypeId,
    },
    /// The player used an object.
    Interacted {
        /// The object.
        object: ObjectId,
    },
    /// A named counter went up (trades, messages, fleet actions, patrol scans).
    Counter {
        /// The counter.
        counter: CounterId,
        /// By how much.
        amount: u32,
    },
    /// An escorted target reached a place.
    TargetArrived {
        /// The target.
        target: TargetId,
        /// Where.
        place: PlaceId,
    },
    /// A protected or escorted target was destroyed.
    TargetDestroyed {
        /// The target.
        target: TargetId,
    },
    /// An NPC died (a world fact: it concerns every player).
    NpcDied {
        /// The NPC.
        npc: NpcId,
    },
}

/// One fact about one player, written by the game with `MessageWriter<MissionFact>`.
#[derive(
    Message,
    Clone,
    Debug,
    PartialEq,
    Serialize,
    Deserialize,
    Reflect,
    bevy::ecs::entity::MapEntities,
)]
pub struct MissionFact {
    /// The player it is about. World facts ([`FactKind::NpcDied`]) ignore it.
    #[entities]
    pub player: Entity,
    /// What happened.
    pub kind: FactKind,
}

impl MissionFact {
    /// A fact about a player.
    pub fn new(player: Entity, kind: FactKind) -> Self {
        MissionFact { player, kind }
    }

    /// The player killed an enemy of this type.
    pub fn killed(player: Entity, enemy: impl Into<EnemyTypeId>) -> Self {
        Self::new(
            player,
            FactKind::Killed {
                enemy: enemy.into(),
                target: None,
                npc: None,
            },
        )
    }

    /// The player collected items.
    pub fn collected(player: Entity, item: impl Into<ItemId>, amount: u32) -> Self {
        Self::new(
            player,
            FactKind::Collected {
                item: item.into(),
                amount,
            },
        )
    }

    /// The player delivered items at a place.
    pub fn delivered(
        player: Entity,
        item: impl Into<ItemId>,
        amount: u32,
        place: impl Into<PlaceId>,
    ) -> Self {
        Self::new(
            player,
            FactKind::Delivered {
                item: item.into(),
                amount,
                to: DeliveryPoint {
                    place: Some(place.into()),
                    npc: None,
                },
            },
        )
    }

    /// The player entered a place.
    pub fn entered(player: Entity, place: impl Into<PlaceId>) -> Self {
        Self::new(
            player,
            FactKind::Entered {
                place: place.into(),
            },
        )
    }

    /// The player scanned a place.
    pub fn scanned(player: Entity, place: impl Into<PlaceId>) -> Self {
        Self::new(
            player,
            FactKind::Scanned {
                place: place.into(),
            },
        )
    }

    /// The player used an object.
    pub fn interacted(player: Entity, object: impl Into<ObjectId>) -> Self {
        Self::new(
            player,
            FactKind::Interacted {
                object: object.into(),
            },
        )
    }

    /// A counter went up.
    pub fn counter(player: Entity, counter: impl Into<CounterId>, amount: u32) -> Self {
        Self::new(
            player,
            FactKind::Counter {
                counter: counter.into(),
                amount,
            },
        )
    }
}
