//! Ids that a request or a fact names and the catalog does not know (a misspelling in the game's
//! code, usually): a request is refused with the nearest known id, a fact is warned about once
//! per id, with the nearest known id.

use std::collections::BTreeSet;

use bevy::prelude::*;

use super::gates::RejectReason;
use crate::catalog::{MissionCatalog, nearest_name};
use crate::objectives::FactKind;

/// Most distinct unknown ids warned about; later ones are still dropped, without a warning.
const MAX_WARNED: usize = 1024;

/// The kinds of catalog entry a fact or request can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum IdKind {
    Enemy,
    Item,
    Place,
    Npc,
    Object,
    Counter,
    Mission,
    Posting,
}

impl IdKind {
    fn what(self) -> &'static str {
        match self {
            IdKind::Enemy => "enemy type",
            IdKind::Item => "item",
            IdKind::Place => "place",
            IdKind::Npc => "NPC",
            IdKind::Object => "object",
            IdKind::Counter => "counter",
            IdKind::Mission => "mission",
            IdKind::Posting => "posting",
        }
    }

    /// Whether the catalog has an entry of this kind with this id.
    pub(crate) fn is_known(self, catalog: &MissionCatalog, id: &str) -> bool {
        match self {
            IdKind::Enemy => catalog.enemy(id).is_some(),
            IdKind::Item => catalog.item(id).is_some(),
            IdKind::Place => catalog.place(id).is_some(),
            IdKind::Npc => catalog.npc(id).is_some(),
            IdKind::Object => catalog.object(id).is_some(),
            IdKind::Counter => catalog.counter(id).is_some(),
            IdKind::Mission => catalog.mission(id).is_some(),
            IdKind::Posting => catalog.postings().iter().any(|p| p.id.as_str() == id),
        }
    }

    /// The known id of this kind closest to `id`, if one is close enough to be a typo.
    pub(crate) fn nearest(self, catalog: &MissionCatalog, id: &str) -> Option<String> {
        let known: Vec<&str> = match self {
            IdKind::Enemy => catalog.enemies().map(|e| e.id.as_str()).collect(),
            IdKind::Item => catalog.items().map(|e| e.id.as_str()).collect(),
            IdKind::Place => catalog.places().map(|e| e.id.as_str()).collect(),
            IdKind::Npc => catalog.npcs().map(|e| e.id.as_str()).collect(),
            IdKind::Object => catalog.objects().map(|e| e.id.as_str()).collect(),
            IdKind::Counter => catalog.counters().map(|e| e.id.as_str()).collect(),
            IdKind::Mission => catalog.missions().map(|e| e.id.as_str()).collect(),
            IdKind::Posting => catalog.postings().iter().map(|p| p.id.as_str()).collect(),
        };
        nearest_name(id, &known).map(str::to_owned)
    }
}

/// One id a fact names, with its kind.
type NamedId<'a> = Option<(IdKind, &'a str)>;

/// The refusal of a request naming a mission nobody knows, with the nearest known id (the one
/// answer for accept, join, turn-in and the read API's `can_accept`).
pub(crate) fn unknown_mission(catalog: &MissionCatalog, mission: &str) -> RejectReason {
    RejectReason::UnknownMission {
        mission: mission.into(),
        nearest: IdKind::Mission.nearest(catalog, mission),
    }
}

/// The catalog ids a fact names (a target id is the game's own and is not checked).
pub(crate) fn fact_ids(fact: &FactKind) -> impl Iterator<Item = (IdKind, &str)> {
    let (a, b): (NamedId<'_>, NamedId<'_>) = match fact {
        FactKind::Killed { enemy, npc, .. } => (
            Some((IdKind::Enemy, enemy.as_str())),
            npc.as_ref().map(|n| (IdKind::Npc, n.as_str())),
        ),
        FactKind::Collected { item, .. } => (Some((IdKind::Item, item.as_str())), None),
        FactKind::Delivered { item, to, .. } => (
            Some((IdKind::Item, item.as_str())),
            to.place.as_ref().map(|p| (IdKind::Place, p.as_str())),
        ),
        FactKind::Entered { place } | FactKind::Scanned { place } => {
            (Some((IdKind::Place, place.as_str())), None)
        }
        FactKind::NpcFound { npc } | FactKind::NpcRecruited { npc } | FactKind::NpcDied { npc } => {
            (Some((IdKind::Npc, npc.as_str())), None)
        }
        FactKind::MonsterFound { enemy } => (Some((IdKind::Enemy, enemy.as_str())), None),
        FactKind::Interacted { object } => (Some((IdKind::Object, object.as_str())), None),
        FactKind::Counter { counter, .. } => (Some((IdKind::Counter, counter.as_str())), None),
        FactKind::TargetArrived { place, .. } => (Some((IdKind::Place, place.as_str())), None),
        FactKind::TargetDestroyed { .. } => (None, None),
    };
    a.into_iter().chain(b)
}

/// Ids that facts named and the catalog does not know, and entities facts were about that are
/// not players, each warned about once (at most 1024 of each are kept). A development aid: a
/// non-empty list usually means a misspelt id in the game's code, or facts sent for a player
/// after their entity was despawned.
#[derive(Resource, Default, Debug, Reflect)]
#[reflect(Resource)]
pub struct UnknownFactIds {
    ids: BTreeSet<String>,
    players: BTreeSet<Entity>,
}

impl UnknownFactIds {
    /// The unknown ids, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(String::as_str)
    }

    /// Whether facts named this unknown id.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// Entities that facts were about and that are not mission holders (despawned, or never
    /// given [`MissionHolder`](crate::player::MissionHolder)), each warned about once.
    pub fn players(&self) -> impl Iterator<Item = Entity> + '_ {
        self.players.iter().copied()
    }

    /// Warns, once per entity, about a fact about an entity that is not a player.
    pub(crate) fn check_player(&mut self, player: Entity) {
        if self.players.len() < MAX_WARNED && self.players.insert(player) {
            warn!(
                "a mission fact is about {player}, which is not a mission holder (despawned, or \
                 never given MissionHolder); it counts for nothing"
            );
        }
    }

    /// Warns, once per id, about every id the fact names that the catalog does not know.
    /// Called only for facts that matched no route, so a routed fact costs nothing here.
    pub(crate) fn check_fact(&mut self, catalog: &MissionCatalog, fact: &FactKind) {
        for (kind, id) in fact_ids(fact) {
            if kind.is_known(catalog, id) || self.ids.len() >= MAX_WARNED || self.ids.contains(id) {
                continue;
            }
            self.ids.insert(id.to_owned());
            match kind.nearest(catalog, id) {
                Some(near) => warn!(
                    "a mission fact names the {} `{id}`, which the catalog does not have (did you mean `{near}`?); facts naming it count for nothing",
                    kind.what()
                ),
                None => warn!(
                    "a mission fact names the {} `{id}`, which the catalog does not have; facts naming it count for nothing",
                    kind.what()
                ),
            }
        }
    }
}
