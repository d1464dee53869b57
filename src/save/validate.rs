//! Checks a parsed save the way the catalog is checked: every number the runtime computes with
//! must be finite and in range, and every generated mission sound, so a damaged or hand-edited
//! save is refused with its position (and left untouched) instead of being played.

use crate::model::mission::MissionDef;
use crate::model::run::RunDefinition;
use crate::model::save::{AcceptanceSave, PlayerSave, SaveGame};

/// Farthest the clock's epoch may be from 1970, in seconds (about 3,000 years): game times are
/// added to it.
pub(crate) const MAX_EPOCH_SECS: i64 = 100_000_000_000;
/// Largest reputation a save may hold, either way (rules bound standings far below this).
pub(crate) const MAX_STANDING: i32 = 1_000_000;
/// Most objectives or fail conditions one mission may have (route indices are 16-bit).
const MAX_PER_MISSION: usize = u16::MAX as usize;

/// What is wrong with a save, and a piece of its text to point at.
#[derive(Debug, PartialEq)]
pub(crate) struct Problem {
    /// Text near the problem (the first occurrence locates the error).
    pub near: String,
    /// What is wrong.
    pub message: String,
}

fn problem(near: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        near: near.into(),
        message: message.into(),
    }
}

/// A time the runtime can compute with: finite and not negative.
fn time_ok(t: f64) -> bool {
    t.is_finite() && t >= 0.0
}

/// The first problem in a save, if any.
pub(crate) fn check(save: &SaveGame) -> Result<(), Problem> {
    if !time_ok(save.clock_now) {
        return Err(problem(
            "clock_now",
            format!("clock_now must be a finite time, found {}", save.clock_now),
        ));
    }
    if save.clock_epoch_unix.unsigned_abs() > MAX_EPOCH_SECS.unsigned_abs() {
        return Err(problem(
            "clock_epoch_unix",
            format!(
                "clock_epoch_unix {} is out of range (at most {MAX_EPOCH_SECS} seconds from 1970)",
                save.clock_epoch_unix
            ),
        ));
    }
    save.players.iter().try_for_each(check_player)?;
    save.acceptances.iter().try_for_each(check_acceptance)?;
    for (mission, (_, last)) in &save.shared.completions {
        if last.is_some_and(|t| !time_ok(t)) {
            return Err(problem(
                mission.as_str(),
                format!("shared completion time of {mission} is not a finite time"),
            ));
        }
    }
    save.generated.values().try_for_each(check_generated)
}

fn check_player(p: &PlayerSave) -> Result<(), Problem> {
    if let Some((faction, value)) = p
        .reputation
        .standings
        .iter()
        .find(|(_, v)| v.unsigned_abs() > MAX_STANDING.unsigned_abs())
    {
        return Err(problem(
            faction.as_str(),
            format!(
                "player {}: reputation {value} with {faction} is out of range (at most \
                 {MAX_STANDING} either way)",
                p.id
            ),
        ));
    }
    let bad_time = p
        .completions
        .iter()
        .find(|(_, r)| r.last_completed_at.is_some_and(|t| !time_ok(t)));
    if let Some((mission, _)) = bad_time {
        return Err(problem(
            mission.as_str(),
            format!(
                "player {}: the completion time of {mission} is not a finite time",
                p.id
            ),
        ));
    }
    p.run.as_ref().map_or(Ok(()), |run| check_run(p, run))
}

/// A saved run's numbers feed the spawn director and the field: each must be finite and not
/// negative, and waves must come at an interval.
fn check_run(p: &PlayerSave, run: &RunDefinition) -> Result<(), Problem> {
    let numbers = [
        ("timer_seconds", run.timer_seconds),
        ("enemy_count_mult", run.enemy_count_mult),
        ("wave_growth", run.wave_growth),
        ("wave_interval_seconds", run.wave_interval_seconds),
    ];
    for (name, value) in numbers {
        let interval = name == "wave_interval_seconds";
        if !value.is_finite() || value < 0.0 || (interval && value == 0.0) {
            let need = if interval { "above 0" } else { "0 or more" };
            return Err(problem(
                name,
                format!(
                    "player {}: the run's {name} must be a finite number {need}, found {value}",
                    p.id
                ),
            ));
        }
    }
    Ok(())
}

fn check_acceptance(a: &AcceptanceSave) -> Result<(), Problem> {
    let near = format!("serial: {}", a.serial);
    let times = [Some(a.accepted_at), a.deadline, a.expires_at, a.run_seconds]
        .into_iter()
        .flatten()
        .chain(a.progress.iter().filter_map(|p| p.ends_at))
        .chain(a.checkpoints.iter().map(|c| c.at));
    if let Some(t) = times.into_iter().find(|t| !time_ok(*t)) {
        return Err(problem(
            near,
            format!(
                "acceptance {} of {}: a time is not finite ({t})",
                a.serial, a.mission
            ),
        ));
    }
    if a.progress.len() > MAX_PER_MISSION || a.fail_counts.len() > MAX_PER_MISSION {
        return Err(problem(
            near,
            format!(
                "acceptance {}: more objectives than a mission can hold",
                a.serial
            ),
        ));
    }
    Ok(())
}

/// A generated mission: the numbers its timers and draws use, and its size.
fn check_generated(def: &MissionDef) -> Result<(), Problem> {
    let near = def.id.as_str();
    let t = &def.timing;
    let finite = [t.finish_time, t.expires_at, t.cooldown]
        .into_iter()
        .flatten()
        .chain(t.window.iter().flat_map(|w| [w.opens_at, w.closes_at]))
        .chain(t.deadline_hours.iter().flat_map(|h| [h.low, h.high]))
        .all(time_ok);
    if !finite {
        return Err(problem(
            near,
            format!("generated mission {}: a time is not finite", def.id),
        ));
    }
    if def.objectives.is_empty()
        || def.objectives.len() > MAX_PER_MISSION
        || def.fail_when.len() > MAX_PER_MISSION
        || def.objectives.iter().any(|o| o.goal.target_count() == 0)
    {
        return Err(problem(
            near,
            format!(
                "generated mission {}: its objectives are not playable",
                def.id
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::save::SharedSave;

    #[test]
    fn a_default_save_is_valid() {
        assert_eq!(check(&SaveGame::default()), Ok(()));
    }

    #[test]
    fn non_finite_times_and_far_epochs_are_refused() {
        let save = SaveGame {
            clock_now: f64::NAN,
            ..SaveGame::default()
        };
        assert_eq!(check(&save).unwrap_err().near, "clock_now");
        let save = SaveGame {
            clock_epoch_unix: i64::MAX,
            ..SaveGame::default()
        };
        assert_eq!(check(&save).unwrap_err().near, "clock_epoch_unix");
        let mut shared = SharedSave::default();
        shared
            .completions
            .insert("M".into(), (1, Some(f64::INFINITY)));
        let save = SaveGame {
            shared,
            ..SaveGame::default()
        };
        assert!(check(&save).is_err());
    }
}
