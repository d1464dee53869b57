//! The spawn director: every entity flying a run ([`RunDefinition`]) gets waves of enemies on the
//! mission clock, as many per wave as [`RunDefinition::enemies_in_wave`] says. The director
//! decides when and how many; the game decides where and what (it reads [`SpawnWave`]).

use bevy::prelude::*;

use super::assembly::RunDefinition;
use crate::clock::MissionClock;
use crate::ids::MissionId;
use crate::schedule::{MissionSchedule, MissionSystems};

/// Where a run is in its waves. Put on the runner when its run starts
/// ([`MissionRequest::StartRun`](crate::lifecycle::MissionRequest::StartRun); a new run starts
/// at wave 0 again) and taken off with its [`RunDefinition`]. A contract waiting at the hub has
/// no director, so no waves come.
#[derive(Component, Clone, Debug, Default, PartialEq, Reflect)]
#[reflect(Component)]
pub struct WaveDirector {
    /// The last wave sent (0 before the first).
    pub wave: u32,
    /// Game time of the next wave (`None` until the director first sees the run: the first wave
    /// goes out then).
    pub next_at: Option<f64>,
    /// Enemies sent so far in this run.
    pub sent: u64,
}

/// A wave is due: spawn `enemies` enemies for `runner`'s run. Written in
/// [`MissionSystems::SpawnDirector`]; the game's spawner reads it.
#[derive(Message, Clone, Debug, PartialEq, Reflect)]
pub struct SpawnWave {
    /// The entity flying the run (the one holding the [`RunDefinition`]).
    pub runner: Entity,
    /// The run's mission.
    pub mission: MissionId,
    /// Wave number, from 1.
    pub wave: u32,
    /// How many enemies this wave brings.
    pub enemies: u32,
}

/// Adds the spawn director to the mission schedule ([`MissionSystems::SpawnDirector`]). Part of
/// [`crate::MissionsPlugins`].
#[derive(Clone, Copy, Debug, Default)]
pub struct SpawnDirectorPlugin;

impl Plugin for SpawnDirectorPlugin {
    fn build(&self, app: &mut App) {
        let schedule = MissionSchedule::of(app, "SpawnDirectorPlugin");
        app.add_message::<SpawnWave>()
            .register_type::<WaveDirector>()
            .add_observer(end_run)
            .add_systems(schedule, direct_waves.in_set(MissionSystems::SpawnDirector));
    }
}

/// A run that ends takes its director with it.
fn end_run(run: On<Remove, RunDefinition>, mut commands: Commands) {
    if let Ok(mut e) = commands.get_entity(run.entity) {
        e.try_remove::<WaveDirector>();
    }
}

/// The waves that are due by `now`: at most one per call, so a long pause or a huge frame does
/// not bury the player in every missed wave at once.
pub fn next_wave(run: &RunDefinition, director: &mut WaveDirector, now: f64) -> Option<(u32, u32)> {
    let due = *director.next_at.get_or_insert(now);
    if now < due {
        return None;
    }
    director.wave = director.wave.saturating_add(1);
    let interval = f64::from(run.wave_interval_seconds);
    let interval = if interval.is_finite() && interval > 0.0 {
        interval
    } else {
        f64::from(u16::MAX)
    };
    // On time: the cadence holds. More than a wave late: the next one is an interval from now.
    director.next_at = Some(if now - due < interval { due } else { now } + interval);
    let enemies = run.enemies_in_wave(director.wave);
    director.sent = director.sent.saturating_add(u64::from(enemies));
    Some((director.wave, enemies))
}

fn direct_waves(
    clock: Res<MissionClock>,
    mut runs: Query<(Entity, &RunDefinition, &mut WaveDirector)>,
    mut out: MessageWriter<SpawnWave>,
) {
    for (runner, run, mut director) in &mut runs {
        if let Some((wave, enemies)) = next_wave(run, &mut director, clock.now) {
            out.write(SpawnWave {
                runner,
                mission: run.mission.clone(),
                wave,
                enemies,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::assembly::WinCondition;

    fn run(interval: f32) -> RunDefinition {
        RunDefinition {
            posting: "P".into(),
            mission: "M".into(),
            planet: "X".into(),
            timer_seconds: 60.0,
            weapon_box_count: 0,
            enemy_count_mult: 1.5,
            win: WinCondition::SurviveTimer,
            win_count: 0,
            base_wave_enemies: 8,
            wave_growth: 2.0,
            wave_interval_seconds: interval,
        }
    }

    #[test]
    fn the_first_wave_is_at_once_then_one_per_interval() {
        let r = run(10.0);
        let mut d = WaveDirector::default();
        assert_eq!(next_wave(&r, &mut d, 5.0), Some((1, 12)));
        assert_eq!(next_wave(&r, &mut d, 14.9), None);
        assert_eq!(next_wave(&r, &mut d, 15.0), Some((2, 15)));
        assert_eq!(d.sent, 27);
    }

    #[test]
    fn a_long_gap_sends_one_wave_not_every_missed_one() {
        let r = run(10.0);
        let mut d = WaveDirector::default();
        next_wave(&r, &mut d, 0.0);
        assert_eq!(next_wave(&r, &mut d, 1000.0), Some((2, 15)));
        assert_eq!(next_wave(&r, &mut d, 1000.5), None);
        assert_eq!(next_wave(&r, &mut d, 1010.0), Some((3, 18)));
    }

    #[test]
    fn an_absurd_interval_does_not_flood() {
        for interval in [0.0, -3.0, f32::NAN, f32::INFINITY] {
            let r = run(interval);
            let mut d = WaveDirector::default();
            assert!(next_wave(&r, &mut d, 0.0).is_some());
            assert_eq!(next_wave(&r, &mut d, 1.0), None, "{interval}");
        }
    }
}
