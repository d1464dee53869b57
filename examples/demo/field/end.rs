//! How a run ends, and leaving the field.

use bevy::prelude::*;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::clock::MissionClock;
use bevy_missions::draw::board_postings;
use bevy_missions::ids::*;
use bevy_missions::lifecycle::MissionCompleted;
use bevy_missions::lifecycle::MissionFailed;
use bevy_missions::lifecycle::MissionSeed;
use bevy_missions::model::run::RunDefinition;
use bevy_missions::prelude::*;

use super::{InRun, RunEnd, Sortie};
use crate::outcomes::SessionLog;
use crate::ship::Ship;
use crate::station::SORTIE_HOURS;
use crate::{GameState, Pilot};

/// The run ends when its mission completes (extraction), fails, the timer runs out with
/// objectives open, or the ship is destroyed.
#[expect(clippy::too_many_arguments, reason = "every way a run ends")]
pub(super) fn decide_end(
    real: Res<Time<Real>>,
    clock: Res<MissionClock>,
    pilot: Res<Pilot>,
    mut sortie: ResMut<Sortie>,
    ships: Query<&Ship>,
    mut completed: MessageReader<MissionCompleted>,
    mut failed: MessageReader<MissionFailed>,
    mut requests: MessageWriter<MissionRequest>,
    mut facts: MessageWriter<MissionFact>,
    (catalog, mut log): (Res<MissionCatalog>, ResMut<SessionLog>),
) {
    let mine = |m: &MissionId, player: Entity| *m == sortie.mission && player == pilot.0;
    let done = completed.read().any(|c| mine(&c.mission, c.player));
    let lost = failed.read().any(|f| mine(&f.mission, f.player));
    if sortie.end.is_some() {
        return;
    }
    let end = if done {
        facts.write(crate::produce::run_won(pilot.0));
        Some(RunEnd::Extracted)
    } else if lost {
        Some(RunEnd::MissionFailed)
    } else if ships.get(pilot.0).is_ok_and(|s| s.hp <= 0.0) {
        Some(RunEnd::Destroyed)
    } else if clock.now > sortie.ends_at + 1.0 {
        Some(RunEnd::ObjectivesUnmet)
    } else {
        None
    };
    if let Some(end) = end {
        if matches!(end, RunEnd::Destroyed | RunEnd::ObjectivesUnmet) {
            requests.write(MissionRequest::Fail {
                player: pilot.0,
                mission: sortie.mission.clone(),
            });
        }
        finish_sortie(
            &mut sortie,
            end,
            real.elapsed_secs_f64(),
            &catalog,
            &mut log,
        );
    }
}

/// Ends the run: the outcome line, the session log.
pub fn finish_sortie(
    sortie: &mut Sortie,
    end: RunEnd,
    now: f64,
    catalog: &MissionCatalog,
    log: &mut SessionLog,
) {
    if sortie.end.is_some() {
        return;
    }
    sortie.end = Some(end);
    sortie.ended_at = Some(now);
    let title = catalog
        .postings()
        .iter()
        .find(|p| p.id == sortie.posting)
        .map_or(sortie.posting.to_string(), |p| p.title.clone());
    let planet = catalog
        .planet(sortie.planet.as_str())
        .map_or(sortie.planet.to_string(), |p| p.name.clone());
    println!(
        "outcome: run {}: {title} [{}] on {planet}: {} ({} kills)",
        sortie.number,
        sortie.label,
        end.describe(),
        sortie.kills
    );
    log.runs.push((sortie.label.clone(), end));
}

/// A moment after the end (so the last explosions are seen), back to the hub.
pub(super) fn end_run(
    real: Res<Time<Real>>,
    sortie: Option<Res<Sortie>>,
    mut next: ResMut<NextState<GameState>>,
) {
    if let Some(at) = sortie.and_then(|s| s.ended_at)
        && real.elapsed_secs_f64() - at > 1.5
    {
        next.set(GameState::Hub);
    }
}

pub(super) fn leave_field(
    mut commands: Commands,
    pilot: Res<Pilot>,
    field: Query<Entity, With<InRun>>,
    mut requests: MessageWriter<MissionRequest>,
    sortie: Option<Res<Sortie>>,
    mut clock: ResMut<MissionClock>,
) {
    for e in &field {
        commands.entity(e).despawn();
    }
    if let Some(s) = sortie {
        if s.end.is_none() {
            requests.write(MissionRequest::Abandon {
                player: pilot.0,
                mission: s.mission.clone(),
            });
        }
        let flown = clock.now - s.started_at;
        clock.advance(f64::from(SORTIE_HOURS) * 3600.0 - flown);
    }
    commands.entity(pilot.0).remove::<RunDefinition>();
    commands.entity(pilot.0).insert(Visibility::Hidden);
    commands.remove_resource::<Sortie>();
}

/// `--enemies N` without the bot: take the first open posting and fly it at once (for
/// measuring the frame rate with a fixed swarm).
pub fn quick_run(
    pilot: Res<Pilot>,
    (catalog, clock, seed): (Res<MissionCatalog>, Res<MissionClock>, Res<MissionSeed>),
    status: Res<bevy_missions::save::SaveStatus>,
    flying: Query<(), With<RunDefinition>>,
    mut asked: Local<bool>,
    mut requests: MessageWriter<MissionRequest>,
    mut next: ResMut<NextState<GameState>>,
) {
    if !status.started {
        return;
    }
    if flying.get(pilot.0).is_ok() {
        requests.write(MissionRequest::start_run(pilot.0));
        next.set(GameState::Run);
    } else if !*asked && let Some(first) = board_postings(&catalog, &clock, seed.0).first() {
        *asked = true;
        requests.write(MissionRequest::AcceptPosting {
            player: pilot.0,
            posting: first.id.clone(),
            overrides: default(),
        });
    }
}
