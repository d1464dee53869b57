//! Every fact the demo writes, one function per thing the pilot does. The station, the field and
//! the guns build their facts only here, and `tests/integration/demo_content.rs` plays the shipped
//! content through the same functions, so the test proves what the game can actually produce.

use bevy::prelude::*;
use bevy_missions::ids::*;
use bevy_missions::objectives::DeliveryPoint;
use bevy_missions::objectives::FactKind;
use bevy_missions::objectives::MissionFact;

/// The counter a won run raises (the dailies' "encounters won").
pub const RUNS_WON: &str = "PVE_WINS";
/// The counter a scan on the field raises.
pub const PATROL_SCANS: &str = "PATROL_SCANS";
/// The counter a trade at the terminal raises.
pub const TRADES: &str = "TRADES";
/// The counter a message over comms raises.
pub const MESSAGES_SENT: &str = "MESSAGES_SENT";
/// The counter a fleet action raises.
pub const FLEET_ACTIONS: &str = "FLEET_ACTIONS";

/// The ship entered a place's ring on the field (or docked at the hub).
pub fn visited(pilot: Entity, place: &PlaceId) -> MissionFact {
    MissionFact::entered(pilot, place.clone())
}

/// The ship stayed inside a place's ring long enough to scan it: the scan, and a patrol scan.
pub fn scanned(pilot: Entity, place: &PlaceId) -> [MissionFact; 2] {
    [
        MissionFact::scanned(pilot, place.clone()),
        MissionFact::counter(pilot, PATROL_SCANS, 1),
    ]
}

/// The ship touched an object on the field.
pub fn used(pilot: Entity, object: &ObjectId) -> MissionFact {
    MissionFact::interacted(pilot, object.clone())
}

/// The ship picked up one item on the field.
pub fn picked_up(pilot: Entity, item: &ItemId) -> MissionFact {
    MissionFact::collected(pilot, item.clone(), 1)
}

/// The ship picked up a lost friendly drone.
pub fn retrieved(pilot: Entity, enemy: &EnemyTypeId) -> MissionFact {
    MissionFact::new(
        pilot,
        FactKind::MonsterFound {
            enemy: enemy.clone(),
        },
    )
}

/// The ship reached someone adrift on the field: found, and they sign on.
pub fn found_adrift(pilot: Entity, npc: &NpcId) -> [MissionFact; 2] {
    [
        MissionFact::new(pilot, FactKind::NpcFound { npc: npc.clone() }),
        recruited(pilot, npc),
    ]
}

/// The guns destroyed an enemy (a named target or an NPC's ship, if it was one).
pub fn destroyed(
    pilot: Entity,
    enemy: &EnemyTypeId,
    target: Option<&TargetId>,
    npc: Option<&NpcId>,
) -> MissionFact {
    MissionFact::new(
        pilot,
        FactKind::Killed {
            enemy: enemy.clone(),
            target: target.cloned(),
            npc: npc.cloned(),
        },
    )
}

/// An escorted ship reached its place.
pub fn ward_arrived(pilot: Entity, target: &TargetId, place: &PlaceId) -> MissionFact {
    MissionFact::new(
        pilot,
        FactKind::TargetArrived {
            target: target.clone(),
            place: place.clone(),
        },
    )
}

/// An escorted or defended ship was destroyed.
pub fn ward_lost(pilot: Entity, target: &TargetId) -> MissionFact {
    MissionFact::new(
        pilot,
        FactKind::TargetDestroyed {
            target: target.clone(),
        },
    )
}

/// A run ended with its mission complete.
pub fn run_won(pilot: Entity) -> MissionFact {
    MissionFact::counter(pilot, RUNS_WON, 1)
}

/// A trade at the station's terminal (one unit bought or sold).
pub fn traded(pilot: Entity) -> MissionFact {
    MissionFact::counter(pilot, TRADES, 1)
}

/// A message sent over the station's comms.
pub fn message_sent(pilot: Entity) -> MissionFact {
    MissionFact::counter(pilot, MESSAGES_SENT, 1)
}

/// The pilot flew in the fleet action forming at the station.
pub fn fleet_action(pilot: Entity) -> MissionFact {
    MissionFact::counter(pilot, FLEET_ACTIONS, 1)
}

/// Goods handed over at the station for a delivery.
pub fn delivered(pilot: Entity, item: &ItemId, count: u32, to: &DeliveryPoint) -> MissionFact {
    MissionFact::new(
        pilot,
        FactKind::Delivered {
            item: item.clone(),
            amount: count,
            to: to.clone(),
        },
    )
}

/// The pilot called someone on the station's comms (they count as found).
pub fn talked(pilot: Entity, npc: &NpcId) -> MissionFact {
    MissionFact::new(pilot, FactKind::NpcFound { npc: npc.clone() })
}

/// Someone signed on.
pub fn recruited(pilot: Entity, npc: &NpcId) -> MissionFact {
    MissionFact::new(pilot, FactKind::NpcRecruited { npc: npc.clone() })
}
