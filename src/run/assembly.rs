//! Run assembly (seed 004): from a posting to the run definition the game's spawner reads.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::catalog::{MissionCatalog, MissionDef};
use crate::ids::*;
use crate::model::objective::ObjectiveKind;

/// The engine-side win condition (seed 004's lowercase `MissionObjective`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Reflect)]
pub enum WinCondition {
    /// Survive until the extraction timer hits zero.
    SurviveTimer,
    /// Visit or scan N beacons.
    Explore,
    /// Destroy N enemies or a named target.
    KillTarget,
    /// Collect N items.
    Collect,
    /// Bring a target to a place.
    Escort,
    /// Keep a target alive.
    Defend,
}

/// Caller overrides; each one wins over the tables.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RunOverrides {
    /// Crates placed at world start (always wins over the label's default).
    pub weapon_box_count: Option<u32>,
    /// Extraction timer in seconds.
    pub timer_seconds: Option<f32>,
    /// A challenge run (the challenge factor applies).
    pub challenge: bool,
}

/// What the game's run loop and spawner read: a component on the entity flying the run (the
/// player, or a run entity of its own), so every player of a world can fly their own run. Built
/// once when a run starts, so a tuning reload changes the next run, never the one in progress.
#[derive(Component, Clone, Debug, PartialEq, Reflect)]
pub struct RunDefinition {
    /// The posting it came from.
    pub posting: PostingId,
    /// The mission accepted with it.
    pub mission: MissionId,
    /// The planet.
    pub planet: PlanetId,
    /// Extraction timer ("SURVIVE M:SS until extraction").
    pub timer_seconds: f32,
    /// Crates placed at world start.
    pub weapon_box_count: u32,
    /// Planet x rarity x challenge x label enemy factor.
    pub enemy_count_mult: f32,
    /// What wins the run.
    pub win: WinCondition,
    /// Beacons, kills or items the win condition needs (0 for the survive timer).
    pub win_count: u32,
    /// Enemies in the first wave before the multiplier.
    pub base_wave_enemies: u32,
    /// Extra enemies each later wave adds before the multiplier.
    pub wave_growth: f32,
    /// Game seconds between waves ([`crate::run::WaveDirector`] sends the first at once).
    pub wave_interval_seconds: f32,
}

impl RunDefinition {
    /// Enemies to spawn in wave `wave` (1-based): the base plus growth per wave, times the
    /// stacked multiplier, rounded; wave 0 is treated as wave 1.
    pub fn enemies_in_wave(&self, wave: u32) -> u32 {
        let n = wave.max(1) - 1;
        let base = self.base_wave_enemies as f32 + self.wave_growth * n as f32;
        (base * self.enemy_count_mult).round().max(0.0) as u32
    }
}

/// Why a run could not be assembled.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RunError {
    /// No posting with this id.
    #[error("there is no posting `{0}`")]
    UnknownPosting(PostingId),
}

/// The win condition a mission's objectives ask for: its first required objective that is not a
/// timer, or the survive timer.
pub fn win_condition(def: &MissionDef) -> (WinCondition, u32) {
    def.objectives
        .iter()
        .filter(|o| !o.optional)
        .find_map(|o| {
            let win = match &o.goal {
                ObjectiveKind::GoTo { .. }
                | ObjectiveKind::GoToKind { .. }
                | ObjectiveKind::Scan { .. }
                | ObjectiveKind::ScanKind { .. } => WinCondition::Explore,
                ObjectiveKind::KillTarget { .. }
                | ObjectiveKind::KillType { .. }
                | ObjectiveKind::KillSpecies { .. }
                | ObjectiveKind::KillFaction { .. }
                | ObjectiveKind::Assassinate { .. } => WinCondition::KillTarget,
                ObjectiveKind::FindItem { .. } | ObjectiveKind::FindAnyItem { .. } => {
                    WinCondition::Collect
                }
                ObjectiveKind::Escort { .. } => WinCondition::Escort,
                ObjectiveKind::Defend { .. } => WinCondition::Defend,
                _ => return None,
            };
            Some((win, o.goal.target_count()))
        })
        .unwrap_or((WinCondition::SurviveTimer, 0))
}

/// Builds the run for a posting: the difficulty's timer, the label's crates (unless overridden)
/// and the enemy multiplier stacked on planet x rarity x challenge.
pub fn assemble_run(
    catalog: &MissionCatalog,
    posting: &PostingId,
    overrides: RunOverrides,
) -> Result<RunDefinition, RunError> {
    let p = catalog
        .postings()
        .iter()
        .find(|p| &p.id == posting)
        .ok_or_else(|| RunError::UnknownPosting(posting.clone()))?;
    let tuning = catalog.tuning();
    let label = tuning.label(p.label);
    let planet = catalog
        .planet(p.planet.as_str())
        .map_or(1.0, |pl| pl.enemy_count_mult);
    let challenge = if overrides.challenge {
        tuning.challenge_mult
    } else {
        1.0
    };
    let (win, win_count) = catalog
        .mission(p.mission.as_str())
        .map_or((WinCondition::SurviveTimer, 0), win_condition);
    Ok(RunDefinition {
        posting: p.id.clone(),
        mission: p.mission.clone(),
        planet: p.planet.clone(),
        timer_seconds: overrides
            .timer_seconds
            .unwrap_or_else(|| tuning.timer(p.difficulty)),
        weapon_box_count: overrides.weapon_box_count.unwrap_or(label.weapon_box_count),
        enemy_count_mult: planet * tuning.rarity(p.rarity) * challenge * label.enemy_count_mult,
        win,
        win_count,
        base_wave_enemies: tuning.base_wave_enemies,
        wave_growth: tuning.wave_growth,
        wave_interval_seconds: tuning.wave_interval_seconds,
    })
}
