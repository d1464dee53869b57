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
#[reflect(Component)]
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
/// wins over the catalog's position for it; for a kind of place, the places the game has entities
/// for win over the catalog's other places of the kind (a field shows the beacons of its planet,
/// and the arrow points at those).
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
        ObjectiveMarker::PlaceKind(kind) => {
            let open = |id: &PlaceId| {
                !seen.iter().any(|s| s == id.as_str())
                    && catalog.place(id.as_str()).is_some_and(|p| &p.kind == kind)
            };
            // Places of the kind the game put in its world (the planet flown, the level loaded)
            // win; the catalog's positions only when the game shows none of them.
            nearest(&mut targets.clone().filter_map(|(t, pos)| match t {
                MissionTarget::Place(p) if open(p) => Some(pos),
                _ => None,
            }))
            .or_else(|| {
                nearest(
                    &mut catalog
                        .places()
                        .filter(|p| open(&p.id))
                        .map(|p| Vec2::from(p.position)),
                )
            })
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOG: &str = r#"(
        place_kinds: [(id: "BEACON", name: "Beacon")],
        planets: [(id: "A", name: "A"), (id: "B", name: "B")],
        places: [
            (id: "A1", name: "a1", kind: "BEACON", planet: "A", position: (100.0, 0.0)),
            (id: "A2", name: "a2", kind: "BEACON", planet: "A", position: (-300.0, 0.0)),
            (id: "B1", name: "b1", kind: "BEACON", planet: "B", position: (20.0, 0.0)),
        ],
    )"#;

    #[test]
    fn a_kind_points_at_the_places_the_game_shows_before_the_catalogs_others() {
        let catalog = MissionCatalog::from_ron_str(CATALOG).expect("catalog");
        let marker = ObjectiveMarker::PlaceKind("BEACON".into());
        let none = |_| None;
        // Nothing in the world: the nearest of the catalog (B1, on another planet).
        let empty: [(&MissionTarget, Vec2); 0] = [];
        let at = marker_position(&marker, &catalog, empty.into_iter(), none, &[], Vec2::ZERO);
        assert_eq!(at, Some(Vec2::new(20.0, 0.0)));
        // Planet A's beacons on the field: the nearest of those, never B1.
        let (a1, a2) = (
            MissionTarget::Place("A1".into()),
            MissionTarget::Place("A2".into()),
        );
        let field = [(&a1, Vec2::new(100.0, 0.0)), (&a2, Vec2::new(-300.0, 0.0))];
        let at = marker_position(&marker, &catalog, field.into_iter(), none, &[], Vec2::ZERO);
        assert_eq!(at, Some(Vec2::new(100.0, 0.0)));
        // A1 visited: A2, still not B1.
        let seen = ["A1".to_owned()];
        let at = marker_position(
            &marker,
            &catalog,
            field.into_iter(),
            none,
            &seen,
            Vec2::ZERO,
        );
        assert_eq!(at, Some(Vec2::new(-300.0, 0.0)));
    }
}
