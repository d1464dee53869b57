//! Markers from objective data: where an objective's target is, so a HUD can point at it without
//! hand-written marker data.

use crate::catalog::MissionCatalog;
use crate::ids::*;
use crate::model::objective::{DeliveryTarget, ObjectiveKind};

/// Where to point for an objective.
#[derive(Clone, Debug, PartialEq)]
pub enum ObjectiveMarker {
    /// A known place, with its position.
    Place {
        /// The place.
        place: PlaceId,
        /// Its position.
        position: (f32, f32),
    },
    /// Any place of a kind: the HUD points at the nearest one it knows.
    PlaceKind(PlaceKindId),
    /// A target spawned for the mission: the game tags its entity with the id.
    Target(TargetId),
    /// The entity the game spawned for the objective's target (reported back with
    /// `MissionEffectResolved`).
    Entity(bevy::prelude::Entity),
    /// An NPC (at their home, when they have one).
    Npc {
        /// The NPC.
        npc: NpcId,
        /// Their home position, if any.
        position: Option<(f32, f32)>,
    },
    /// Any place of a faction.
    Faction(FactionId),
    /// Nothing to point at (counters, timers, kills anywhere).
    None,
}

/// The marker for an objective, read from the catalog.
pub fn objective_marker(goal: &ObjectiveKind, catalog: &MissionCatalog) -> ObjectiveMarker {
    let place = |id: &PlaceId| {
        catalog
            .place(id.as_str())
            .map_or(ObjectiveMarker::None, |p| ObjectiveMarker::Place {
                place: id.clone(),
                position: p.position,
            })
    };
    let npc = |id: &NpcId| ObjectiveMarker::Npc {
        npc: id.clone(),
        position: catalog
            .npc(id.as_str())
            .and_then(|n| n.home.as_ref())
            .and_then(|h| catalog.place(h.as_str()))
            .map(|p| p.position),
    };
    match goal {
        ObjectiveKind::GoTo { place: p } | ObjectiveKind::Scan { place: p } => place(p),
        ObjectiveKind::GoToKind { kind, .. } | ObjectiveKind::ScanKind { kind, .. } => {
            ObjectiveMarker::PlaceKind(kind.clone())
        }
        ObjectiveKind::Interact { object } => catalog
            .object(object.as_str())
            .and_then(|o| o.place.as_ref())
            .map_or(ObjectiveMarker::None, place),
        ObjectiveKind::Deliver { to, .. } => match to {
            DeliveryTarget::Place(p) => place(p),
            DeliveryTarget::Faction(f) => ObjectiveMarker::Faction(f.clone()),
            DeliveryTarget::Npc(n) => npc(n),
        },
        ObjectiveKind::FindNpc { npc: n }
        | ObjectiveKind::RecruitNpc { npc: n }
        | ObjectiveKind::Assassinate { npc: n } => npc(n),
        ObjectiveKind::KillTarget { target } | ObjectiveKind::Defend { target, .. } => {
            ObjectiveMarker::Target(target.clone())
        }
        ObjectiveKind::Escort { to, .. } => place(to),
        ObjectiveKind::FindItem { .. }
        | ObjectiveKind::FindAnyItem { .. }
        | ObjectiveKind::FindMonster { .. }
        | ObjectiveKind::RecruitNpcClass { .. }
        | ObjectiveKind::KillType { .. }
        | ObjectiveKind::KillSpecies { .. }
        | ObjectiveKind::KillFaction { .. }
        | ObjectiveKind::Survive { .. }
        | ObjectiveKind::Subquest { .. }
        | ObjectiveKind::Counter { .. } => ObjectiveMarker::None,
    }
}
