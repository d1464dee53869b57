//! [`Missions`]: the read API. One system parameter answers what a game asks about a player's
//! missions, from any system, with the same rules the lifecycle applies.
//!
//! ```
//! use bevy::prelude::*;
//! use bevy_missions::prelude::*;
//!
//! fn contract_button(missions: Missions, players: Query<Entity, With<MissionHolder>>) {
//!     for player in &players {
//!         match missions.can_accept(player, "M_RELAY_RESTORE") {
//!             Ok(()) => info!("take it"),
//!             Err(reason) => info!("locked: {reason}"),
//!         }
//!     }
//! }
//! # App::new().add_systems(Update, contract_button);
//! ```

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use crate::board::{BoardEntry, MissionBoard, Offer};
use crate::catalog::MissionCatalog;
use crate::ids::{MissionId, NpcId};
use crate::lifecycle::{GeneratedMissions, MissionAcceptance, RejectReason, unknown_mission};
use crate::model::mission::MissionDef;
use crate::model::player::{MissionHistory, MissionJournal};
use crate::model::status::MissionStatus;
use crate::player::ActiveMissions;

/// Everything a game asks about a player's missions: status, what is active, whether a mission
/// may be accepted and why not, the board and offers. Read-only; to change anything, write a
/// [`MissionRequest`](crate::lifecycle::MissionRequest).
///
/// An entity that is not a player (or no longer exists) has no missions: `status` is `None`,
/// `active` is empty and `can_accept` answers [`RejectReason::UnknownPlayer`].
#[derive(SystemParam)]
pub struct Missions<'w, 's> {
    board: MissionBoard<'w, 's>,
    catalog: Res<'w, MissionCatalog>,
    generated: Res<'w, GeneratedMissions>,
    players: Query<
        'w,
        's,
        (
            &'static ActiveMissions,
            &'static MissionHistory,
            &'static MissionJournal,
        ),
    >,
    acceptances: Query<'w, 's, &'static MissionAcceptance>,
}

impl Missions<'_, '_> {
    /// A mission's definition: the catalog's, or a random mission generated for a player.
    pub fn definition(&self, mission: &str) -> Option<&MissionDef> {
        self.generated.lookup(&self.catalog, mission)
    }

    /// The status of a player's latest attempt at a mission: the one in progress, else the
    /// last one that ended (from the player's journal, which keeps the latest
    /// `rules.journal_size`), else `Completed` when the player's history records a completion.
    /// `None` when the player never tried it.
    pub fn status(&self, player: Entity, mission: &str) -> Option<MissionStatus> {
        if let Some(acceptance) = self.acceptance(player, mission) {
            return Some(acceptance.status);
        }
        let (_, history, journal) = self.players.get(player).ok()?;
        if let Some(entry) = journal.last_of(mission) {
            return Some(entry.status);
        }
        (history.completions(&MissionId::from(mission)) > 0).then_some(MissionStatus::Completed)
    }

    /// The player's attempt in progress at a mission, if any.
    pub fn acceptance(&self, player: Entity, mission: &str) -> Option<&MissionAcceptance> {
        let (active, _, _) = self.players.get(player).ok()?;
        let (entity, _) = active.0.iter().find(|(_, m)| m.as_str() == mission)?;
        self.acceptances.get(*entity).ok()
    }

    /// Every attempt the player has in progress, in the order they were accepted.
    pub fn active(&self, player: Entity) -> impl Iterator<Item = &MissionAcceptance> {
        self.players
            .get(player)
            .ok()
            .into_iter()
            .flat_map(|(active, _, _)| active.0.iter())
            .filter_map(|(entity, _)| self.acceptances.get(*entity).ok())
    }

    /// How many times the player completed a mission.
    pub fn completions(&self, player: Entity, mission: &str) -> u32 {
        self.players.get(player).map_or(0, |(_, history, _)| {
            history.completions(&MissionId::from(mission))
        })
    }

    /// Whether the player may accept a mission now, and if not, why: the same gate check an
    /// [`Accept`](crate::lifecycle::MissionRequest::Accept) runs. An unknown id is refused with
    /// the nearest known id.
    pub fn can_accept(&self, player: Entity, mission: &str) -> Result<(), RejectReason> {
        let Some(def) = self.definition(mission) else {
            return Err(unknown_mission(&self.catalog, mission));
        };
        self.board.check(player, def)
    }

    /// The board's postings today as this player sees them, each locked or not.
    pub fn board(&self, player: Entity) -> Vec<BoardEntry<'_>> {
        self.board.entries(player)
    }

    /// Everything offered to the player without a posting: missions on the board itself, today's
    /// dailies and the random missions drawn for them, each locked or not (missions they hold
    /// are left out).
    pub fn offers(&self, player: Entity) -> Vec<Offer<'_>> {
        let mut offers = self.board.unposted(player);
        offers.extend(
            self.board
                .dailies(player)
                .into_iter()
                .map(|(_, offer)| offer)
                .filter(|o| o.locked != Some(RejectReason::AlreadyActive)),
        );
        offers.extend(self.board.random(player));
        offers
    }

    /// What an NPC offers the player.
    pub fn offers_from(&self, player: Entity, npc: &str) -> Vec<Offer<'_>> {
        self.board.offers_from(player, &NpcId::from(npc))
    }

    /// The board itself, for what the other methods leave out (dailies by slot, the time to the
    /// next daily refresh).
    pub fn mission_board(&self) -> &MissionBoard<'_, '_> {
        &self.board
    }
}
