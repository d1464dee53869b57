//! The mission board as one player sees it ([`MissionBoard`]): postings, random missions and
//! daily missions drawn by [`crate::draw`], each locked or not by the same gate check accept
//! uses.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use crate::catalog::{MissionCatalog, MissionDef, Origin};
use crate::clock::MissionClock;
use crate::draw::{board_postings, daily_missions};
use crate::ids::NpcId;
use crate::lifecycle::{
    GeneratedMissions, MissionSeed, PlayerView, RejectReason, SharedMissions, SharedVariables,
    check_gates,
};
use crate::model::board::DailySlot;
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
    seed: Res<'w, MissionSeed>,
    shared: Res<'w, SharedMissions>,
    shared_vars: Res<'w, SharedVariables>,
    generated: Res<'w, GeneratedMissions>,
    players: Query<'w, 's, (PlayerStateRef, &'static ActiveMissions)>,
}

/// A mission offered to a player without a posting: on the board itself, or by an NPC.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer<'a> {
    /// The mission (its `dialogue` holds the describe, offer, advice and inquire lines).
    pub mission: &'a MissionDef,
    /// Why the player cannot take it yet, if they cannot (the same check accept runs).
    pub locked: Option<RejectReason>,
    /// What the giver says: the `offer` line when it is open, the `advice` line when it is
    /// locked.
    pub line: &'a str,
}

impl MissionBoard<'_, '_> {
    /// The postings on the board today ([`board_postings`]: every open posting, or the day's
    /// draw per planet) for a player, with the reason each is locked, if it is.
    pub fn entries(&self, player: Entity) -> Vec<BoardEntry<'_>> {
        board_postings(&self.catalog, &self.clock, self.seed.0)
            .into_iter()
            .filter_map(|posting| {
                let mission = self.catalog.mission(posting.mission.as_str())?;
                let locked = self.locked(player, mission)?;
                Some(BoardEntry {
                    posting,
                    mission,
                    locked,
                })
            })
            .collect()
    }

    /// Missions offered on the board that no posting names (origin `Board`), for a player.
    /// Active and inactive ones are left out.
    pub fn unposted(&self, player: Entity) -> Vec<Offer<'_>> {
        let posted: Vec<&str> = self
            .catalog
            .postings()
            .iter()
            .map(|p| p.mission.as_str())
            .collect();
        self.offers(player, |m| {
            m.origins.contains(&Origin::Board) && !posted.contains(&m.id.as_str())
        })
    }

    /// What an NPC can offer a player: missions of the NPC's faction any of its NPCs offer
    /// (origin `AnyNpc`), and missions this NPC gives (origin `OpenerNpc` with it as `giver`),
    /// each with its gate result and the giver's line.
    pub fn offers_from(&self, player: Entity, npc: &NpcId) -> Vec<Offer<'_>> {
        let Some(def) = self.catalog.npc(npc.as_str()) else {
            return Vec::new();
        };
        self.offers(player, |m| {
            let own = m.giver.as_ref() == Some(npc);
            let faction = def.faction.is_some() && m.issuer == def.faction;
            (m.origins.contains(&Origin::OpenerNpc) && own)
                || (m.origins.contains(&Origin::AnyNpc) && (own || faction))
        })
    }

    /// Today's daily missions, one per slot, each with the gate result: a daily already done
    /// this game day is locked with [`RejectReason::DailyDoneToday`], one in progress with
    /// [`RejectReason::AlreadyActive`].
    pub fn dailies(&self, player: Entity) -> Vec<(DailySlot, Offer<'_>)> {
        daily_missions(&self.catalog, &self.clock)
            .into_iter()
            .filter_map(|(slot, id)| {
                let mission = self.catalog.mission(id.as_str())?;
                Some((slot, self.offer_of(player, mission)?))
            })
            .collect()
    }

    /// The random missions drawn for this player (pinned to them) and not yet taken.
    pub fn random(&self, player: Entity) -> Vec<Offer<'_>> {
        let Ok((state, _)) = self.players.get(player) else {
            return Vec::new();
        };
        state
            .pinned
            .0
            .iter()
            .filter_map(|id| self.generated.0.get(id))
            .filter_map(|mission| self.offer_of(player, mission))
            .filter(|o| o.locked != Some(RejectReason::AlreadyActive))
            .collect()
    }

    /// Seconds of game time until today's dailies are drawn again (`None` without daily rules).
    pub fn seconds_to_daily_refresh(&self) -> Option<f64> {
        let rules = self.catalog.daily()?;
        let day = self.clock.day(rules.refresh_hour);
        Some(self.clock.next_refresh_after(day, rules.refresh_hour) - self.clock.now)
    }

    fn offer_of<'a>(&'a self, player: Entity, mission: &'a MissionDef) -> Option<Offer<'a>> {
        let locked = self.locked(player, mission)?;
        let line = match locked {
            None => mission.dialogue.offer.as_str(),
            Some(_) => mission.dialogue.advice.as_str(),
        };
        Some(Offer {
            mission,
            locked,
            line,
        })
    }

    fn offers(&self, player: Entity, wanted: impl Fn(&MissionDef) -> bool) -> Vec<Offer<'_>> {
        self.catalog
            .missions()
            .filter(|m| m.active && wanted(m))
            .filter_map(|mission| self.offer_of(player, mission))
            .filter(|o| o.locked != Some(RejectReason::AlreadyActive))
            .collect()
    }

    /// `None` when the player does not exist; else the gate result.
    fn locked(&self, player: Entity, mission: &MissionDef) -> Option<Option<RejectReason>> {
        match self.check(player, mission) {
            Err(RejectReason::UnknownPlayer) => None,
            result => Some(result.err()),
        }
    }

    /// Whether a player may take a mission now: [`check_gates`], as accept runs it.
    pub fn check(&self, player: Entity, mission: &MissionDef) -> Result<(), RejectReason> {
        let (state, active) = self
            .players
            .get(player)
            .map_err(|_| RejectReason::UnknownPlayer)?;
        let view = PlayerView::of(&mission.id, &state, active);
        let shared = (&*self.shared, &*self.shared_vars);
        check_gates(mission, &view, &self.catalog, &shared, &self.clock)
    }
}
