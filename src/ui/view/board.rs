//! The board's view model: every mission the local player can take here and now, one row each.

use bevy::prelude::*;

use crate::board::{MissionBoard, Offer};
use crate::catalog::{MissionCatalog, MissionDef};
use crate::ids::{FactionId, MissionId, NpcId, PlanetId, PostingId};
use crate::lifecycle::RejectReason;
use crate::model::board::DailySlot;
use crate::model::mission::MissionType;
use crate::run::{RunOverrides, assemble_run};

/// Where a board row comes from.
#[derive(Clone, Debug, PartialEq, Eq, Reflect)]
pub enum OfferSource {
    /// A posting on a planet's board.
    Posting {
        /// The posting taken.
        posting: PostingId,
        /// Its planet.
        planet: PlanetId,
    },
    /// A board mission without a posting.
    Board,
    /// Offered by the NPC the player is talking to.
    Npc(NpcId),
    /// Drawn from a template for this player.
    Random,
    /// Today's daily for a slot.
    Daily(DailySlot),
}

impl OfferSource {
    /// A short tag for the row ("Posting", "Daily: Trade").
    pub fn tag(&self) -> String {
        match self {
            OfferSource::Posting { planet, .. } => format!("Posting @ {planet}"),
            OfferSource::Board => "Board".into(),
            OfferSource::Npc(npc) => format!("From {npc}"),
            OfferSource::Random => "Random".into(),
            OfferSource::Daily(slot) => format!("Daily: {slot:?}"),
        }
    }
}

/// One mission on the board.
#[derive(Clone, Debug, PartialEq, Reflect)]
pub struct BoardRow {
    /// The mission taken.
    pub mission: MissionId,
    /// Where the row comes from.
    pub source: OfferSource,
    /// The posting's or mission's title.
    pub title: String,
    /// The issuing faction.
    pub issuer: Option<FactionId>,
    /// The mission's type.
    pub mission_type: MissionType,
    /// The posting's label ("Battle") or the mission's.
    pub label: Option<String>,
    /// The posting's difficulty name, or the mission's number.
    pub difficulty: String,
    /// The run's extraction timer, for postings.
    pub timer_seconds: Option<f32>,
    /// Weapon crates on the field, for postings.
    pub crates: Option<u32>,
    /// Credits, XP, reputation and items, in one line.
    pub rewards: String,
    /// Flagged urgent.
    pub urgent: bool,
    /// Why it cannot be taken now (the gate's reason), if so.
    pub locked: Option<String>,
    /// A daily already done this game day.
    pub done_today: bool,
    /// The player holds it already (listed, not takeable).
    pub in_progress: bool,
    /// The offer line, or the advice line when locked.
    pub line: String,
}

impl BoardRow {
    /// The posting this row is taken through, when it comes from one.
    pub fn posting(&self) -> Option<PostingId> {
        match &self.source {
            OfferSource::Posting { posting, .. } => Some(posting.clone()),
            _ => None,
        }
    }
}

/// The board's filters (`None` shows all).
#[derive(Clone, Debug, Default, PartialEq, Eq, Reflect)]
pub struct BoardFilter {
    /// Only missions issued by this faction.
    pub faction: Option<FactionId>,
    /// Only missions of this type.
    pub mission_type: Option<MissionType>,
}

impl BoardFilter {
    /// True when the row passes both filters.
    pub fn shows(&self, row: &BoardRow) -> bool {
        self.faction
            .as_ref()
            .is_none_or(|f| row.issuer.as_ref() == Some(f))
            && self.mission_type.is_none_or(|t| row.mission_type == t)
    }
}

/// The board for the local player: postings, board missions without a posting, the NPC's
/// offers, random missions and today's dailies.
#[derive(Resource, Clone, Debug, Default, PartialEq, Reflect)]
#[reflect(Resource)]
pub struct BoardView {
    /// Every row, in the order above.
    pub rows: Vec<BoardRow>,
    /// Factions issuing at least one row, for the filter.
    pub factions: Vec<FactionId>,
    /// Game seconds until the dailies are drawn again.
    pub daily_refresh_in: Option<f64>,
}

impl BoardView {
    /// The rows the filter shows, in order.
    pub fn visible<'a>(&'a self, filter: &'a BoardFilter) -> impl Iterator<Item = &'a BoardRow> {
        self.rows.iter().filter(move |r| filter.shows(r))
    }

    /// Builds the board of `player` (with the offers of `talking_to`, when set).
    pub fn build(
        board: &MissionBoard,
        catalog: &MissionCatalog,
        player: Entity,
        talking_to: Option<&NpcId>,
    ) -> Self {
        let mut rows = Vec::new();
        for entry in board.entries(player) {
            let p = entry.posting;
            let run = assemble_run(catalog, &p.id, RunOverrides::default()).ok();
            let mut row = row_of(
                entry.mission,
                entry.locked.as_ref(),
                OfferSource::Posting {
                    posting: p.id.clone(),
                    planet: p.planet.clone(),
                },
                if entry.locked.is_some() {
                    &entry.mission.dialogue.advice
                } else {
                    &entry.mission.dialogue.offer
                },
            );
            row.title.clone_from(&p.title);
            row.label = Some(format!("{:?}", p.label));
            row.difficulty = p.difficulty.name().to_owned();
            row.timer_seconds = run.as_ref().map(|r| r.timer_seconds);
            row.crates = run.as_ref().map(|r| r.weapon_box_count);
            rows.push(row);
        }
        let offer = |o: &Offer<'_>, source| row_of(o.mission, o.locked.as_ref(), source, o.line);
        rows.extend(
            board
                .unposted(player)
                .iter()
                .map(|o| offer(o, OfferSource::Board)),
        );
        if let Some(npc) = talking_to {
            rows.extend(
                board
                    .offers_from(player, npc)
                    .iter()
                    .map(|o| offer(o, OfferSource::Npc(npc.clone()))),
            );
        }
        rows.extend(
            board
                .random(player)
                .iter()
                .map(|o| offer(o, OfferSource::Random)),
        );
        rows.extend(
            board
                .dailies(player)
                .iter()
                .map(|(slot, o)| offer(o, OfferSource::Daily(*slot))),
        );
        let mut factions: Vec<FactionId> = rows.iter().filter_map(|r| r.issuer.clone()).collect();
        factions.sort();
        factions.dedup();
        BoardView {
            rows,
            factions,
            daily_refresh_in: board.seconds_to_daily_refresh(),
        }
    }
}

fn row_of(
    mission: &MissionDef,
    locked: Option<&RejectReason>,
    source: OfferSource,
    line: &str,
) -> BoardRow {
    BoardRow {
        mission: mission.id.clone(),
        source,
        title: mission.name.clone(),
        issuer: mission.issuer.clone(),
        mission_type: mission.mission_type,
        label: mission.label.map(|l| format!("{l:?}")),
        difficulty: mission.difficulty.to_string(),
        timer_seconds: None,
        crates: None,
        rewards: rewards_text(mission),
        urgent: mission.urgent,
        done_today: locked == Some(&RejectReason::DailyDoneToday),
        in_progress: locked == Some(&RejectReason::AlreadyActive),
        locked: locked.map(ToString::to_string),
        line: line.to_owned(),
    }
}

/// "1200 cr · 50 XP · +5 rep · 2× medkit".
pub fn rewards_text(mission: &MissionDef) -> String {
    let r = &mission.rewards;
    let mut parts = Vec::new();
    if r.credits > 0 {
        parts.push(format!("{} cr", r.credits));
    }
    if r.xp > 0 {
        parts.push(format!("{} XP", r.xp));
    }
    if r.reputation != 0 {
        parts.push(format!("{:+} rep", r.reputation));
    }
    for item in &r.items {
        parts.push(format!("{}× {}", item.count, item.item));
    }
    if parts.is_empty() {
        "no reward".into()
    } else {
        parts.join(" · ")
    }
}
