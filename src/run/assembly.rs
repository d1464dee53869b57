//! Run assembly: from a posting to the run definition the game's spawner reads.

use bevy::prelude::*;

use crate::catalog::{MissionCatalog, MissionDef};
use crate::ids::*;
use crate::model::objective::ObjectiveKind;

pub(crate) use crate::model::run::{RunDefinition, RunOverrides, WinCondition};

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
