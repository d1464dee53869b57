//! Where an objective's target is in the game world, so a HUD can point at it: the game puts
//! [`MissionTarget`] on its entities, the catalog knows the places' positions, and start effects
//! report the places and entities they chose. No marker data is written by hand.

use bevy::prelude::*;

use super::marker::ObjectiveMarker;
use crate::catalog::MissionCatalog;
use crate::ids::{NpcId, PlaceId, TargetId};

/// Put on a game entity that missions refer to: a named target, an NPC or a place. The HUD arrow
/// points at it when the current objective names it.
#[derive(Component, Clone, Debug, PartialEq, Eq, Reflect)]
pub enum MissionTarget {
    /// A named target (`KillTarget`, `Escort`, `Defend`).
    Target(TargetId),
    /// An NPC (`FindNpc`, `RecruitNpc`, `Assassinate`, deliveries to an NPC).
    Npc(NpcId),
    /// A place (`GoTo`, `Scan`, and places of a kind).
    Place(PlaceId),
}

/// Resolves a marker to a position on the plane, nearest to `from` when several fit.
///
/// `targets` are the game's [`MissionTarget`] entities with their positions; `entity` looks up an
/// entity the game spawned for a start effect; `seen` lists places an objective already counted
/// (a place of a kind already visited is not pointed at again). A game entity standing for a place
/// wins over the catalog's position for it.
pub fn marker_position<'a>(
    marker: &ObjectiveMarker,
    catalog: &MissionCatalog,
    targets: impl Iterator<Item = (&'a MissionTarget, Vec2)> + Clone,
    entity: impl Fn(Entity) -> Option<Vec2>,
    seen: &[String],
    from: Vec2,
) -> Option<Vec2> {
    let nearest = |points: &mut dyn Iterator<Item = Vec2>| {
        points.min_by(|a, b| {
            a.distance_squared(from)
                .total_cmp(&b.distance_squared(from))
        })
    };
    let place_pos = |place: &PlaceId, fallback: Option<(f32, f32)>| {
        nearest(
            &mut targets
                .clone()
                .filter(|(t, _)| matches!(t, MissionTarget::Place(p) if p == place))
                .map(|(_, pos)| pos),
        )
        .or(fallback.map(Vec2::from))
    };
    match marker {
        ObjectiveMarker::Place { place, position } => place_pos(place, Some(*position)),
        ObjectiveMarker::PlaceKind(kind) => nearest(
            &mut catalog
                .places()
                .filter(|p| &p.kind == kind)
                .filter(|p| !seen.iter().any(|s| s == p.id.as_str()))
                .filter_map(|p| place_pos(&p.id, Some(p.position))),
        ),
        ObjectiveMarker::Target(target) => nearest(
            &mut targets
                .clone()
                .filter(|(t, _)| matches!(t, MissionTarget::Target(id) if id == target))
                .map(|(_, pos)| pos),
        ),
        ObjectiveMarker::Entity(e) => entity(*e),
        ObjectiveMarker::Npc { npc, position } => nearest(
            &mut targets
                .clone()
                .filter(|(t, _)| matches!(t, MissionTarget::Npc(id) if id == npc))
                .map(|(_, pos)| pos),
        )
        .or(position.map(Vec2::from)),
        ObjectiveMarker::Faction(_) | ObjectiveMarker::None => None,
    }
}
