//! [`MissionBoard`]: the board as one player sees it, each entry locked or not by the same gate
//! check accept uses.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::postings::open_postings;
use crate::catalog::{MissionCatalog, MissionDef};
use crate::clock::MissionClock;
use crate::lifecycle::{PlayerView, RejectReason, SharedMissions, check_gates};
use crate::model::board::PostingDef;
use crate::model::player::PlayerStateRef;
use crate::player::ActiveMissions;

/// A posting as one player sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardEntry<'a> {
    /// The posting.
    pub posting: &'a PostingDef,
    /// Its mission.
    pub mission: &'a MissionDef,
    /// Why the player cannot take it yet, if they cannot: the same [`check_gates`] accept runs.
    pub locked: Option<RejectReason>,
}

/// The board as seen by one player: open postings, each locked or not with the reason. A system
/// parameter for UIs and servers.
#[derive(SystemParam)]
pub struct MissionBoard<'w, 's> {
    catalog: Res<'w, MissionCatalog>,
    clock: Res<'w, MissionClock>,
    shared: Res<'w, SharedMissions>,
    players: Query<'w, 's, (PlayerStateRef, &'static ActiveMissions)>,
}

impl MissionBoard<'_, '_> {
    /// Every open posting for a player, with the reason it is locked, if it is.
    pub fn entries(&self, player: Entity) -> Vec<BoardEntry<'_>> {
        let Ok((state, active)) = self.players.get(player) else {
            return Vec::new();
        };
        open_postings(&self.catalog, self.clock.now)
            .filter_map(|posting| {
                let mission = self.catalog.mission(posting.mission.as_str())?;
                let view = PlayerView::of(&mission.id, &state, active);
                let locked =
                    check_gates(mission, &view, &self.catalog, &*self.shared, &self.clock).err();
                Some(BoardEntry {
                    posting,
                    mission,
                    locked,
                })
            })
            .collect()
    }
}
