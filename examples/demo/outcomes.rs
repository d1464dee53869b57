//! What the plugin tells the game: outcome lines on stdout (one per outcome, for players reading
//! a terminal and for the autoplay test), and the start effects the game carries out (places
//! chosen or revealed, targets spawned when the run's field is built) with their results fed back.

use bevy::prelude::*;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::ids::*;
use bevy_missions::lifecycle::EffectOutcome;
use bevy_missions::lifecycle::MissionAbandoned;
use bevy_missions::lifecycle::MissionCompleted;
use bevy_missions::lifecycle::MissionEffectRequested;
use bevy_missions::lifecycle::MissionEffectResolved;
use bevy_missions::lifecycle::MissionExpired;
use bevy_missions::lifecycle::MissionFailed;
use bevy_missions::lifecycle::MissionOffered;
use bevy_missions::model::effect::Effect;
use bevy_missions::model::mission::Origin;
use bevy_missions::model::player::Wallet;
use bevy_missions::model::progress::ChosenPlace;
use bevy_missions::prelude::*;

use bevy_missions::model::player::MissionHistory;
use bevy_missions::save::SaveStatus;

use crate::{Args, Pilot};

/// A target a mission asked the game to spawn, waiting for the run whose field it lives on.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingSpawn {
    /// The acceptance that asked.
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// The target's id.
    pub target: TargetId,
    /// The enemy type it is, if any.
    pub enemy: Option<EnemyTypeId>,
    /// The NPC it is, if any.
    pub npc: Option<NpcId>,
    /// Where it appears.
    pub at: Option<PlaceId>,
}

/// Targets to spawn with the next field.
#[derive(Resource, Default, Debug)]
pub struct PendingSpawns(pub Vec<PendingSpawn>);

/// What happened this session, for the bot's summary and its exit code.
#[derive(Resource, Default, Debug)]
pub struct SessionLog {
    /// Missions completed.
    pub completed: Vec<MissionId>,
    /// Dailies completed.
    pub dailies: Vec<MissionId>,
    /// Follow-ups unlocked: `(follow-up, after)`.
    pub follow_ups: Vec<(MissionId, MissionId)>,
    /// Failed, expired or abandoned.
    pub lost: Vec<MissionId>,
    /// Runs flown: `(label, how it ended)`.
    pub runs: Vec<(String, crate::field::RunEnd)>,
}

/// Outcome lines and start effects.
pub struct OutcomesPlugin;

impl Plugin for OutcomesPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<PendingSpawns>()
            .init_resource::<SessionLog>()
            .add_systems(
                Update,
                (print_outcomes, carry_out_effects, report_save).after(MissionSystems::Resolve),
            );
    }
}

#[expect(clippy::too_many_arguments, reason = "one line per kind of outcome")]
fn print_outcomes(
    catalog: Res<MissionCatalog>,
    pilot: Res<Pilot>,
    mut log: ResMut<SessionLog>,
    mut completed: MessageReader<MissionCompleted>,
    mut failed: MessageReader<MissionFailed>,
    mut expired: MessageReader<MissionExpired>,
    mut abandoned: MessageReader<MissionAbandoned>,
    mut offered: MessageReader<MissionOffered>,
) {
    let name = |m: &MissionId| {
        catalog
            .mission(m.as_str())
            .map_or(m.to_string(), |d| d.name.clone())
    };
    for c in completed.read().filter(|c| c.player == pilot.0) {
        let pay = c.payout.as_ref();
        let daily = catalog
            .mission(c.mission.as_str())
            .is_some_and(|d| d.origins.contains(&Origin::Daily));
        println!(
            "outcome: completed {} ({}){}: +{} credits, +{} XP",
            name(&c.mission),
            c.mission,
            if daily { " [daily]" } else { "" },
            pay.map_or(0, |p| p.credits),
            pay.map_or(0, |p| p.xp),
        );
        if daily {
            log.dailies.push(c.mission.clone());
        }
        log.completed.push(c.mission.clone());
    }
    for f in failed.read().filter(|f| f.player == pilot.0) {
        println!(
            "outcome: failed {} ({}): {:?}",
            name(&f.mission),
            f.mission,
            f.reason
        );
        log.lost.push(f.mission.clone());
    }
    for e in expired.read().filter(|e| e.player == pilot.0) {
        println!("outcome: expired {} ({})", name(&e.mission), e.mission);
        log.lost.push(e.mission.clone());
    }
    for a in abandoned.read().filter(|a| a.player == pilot.0) {
        println!(
            "outcome: abandoned {} ({}), reputation {:+}",
            name(&a.mission),
            a.mission,
            a.reputation_change
        );
        log.lost.push(a.mission.clone());
    }
    for o in offered.read().filter(|o| o.player == pilot.0) {
        if let Some(by) = &o.by {
            println!(
                "outcome: follow-up unlocked: {} ({}) after {}",
                name(&o.mission),
                o.mission,
                name(by)
            );
            log.follow_ups.push((o.mission.clone(), by.clone()));
        }
    }
}

/// Places are chosen and revealed at once; targets wait for the field of the next run.
fn carry_out_effects(
    catalog: Res<MissionCatalog>,
    mut requested: MessageReader<MissionEffectRequested>,
    mut resolved: MessageWriter<MissionEffectResolved>,
    mut pending: ResMut<PendingSpawns>,
) {
    for r in requested.read() {
        match &r.effect {
            Effect::AssignTarget(a) => {
                let place = a.place.clone().or_else(|| {
                    catalog
                        .places()
                        .find(|p| p.kind == a.kind)
                        .map(|p| p.id.clone())
                });
                if let Some(place) = place {
                    resolved.write(MissionEffectResolved {
                        acceptance: r.acceptance,
                        outcome: EffectOutcome::Place(ChosenPlace {
                            kind: Some(a.kind.clone()),
                            place,
                        }),
                    });
                }
            }
            Effect::RevealPlace {
                place: Some(place), ..
            } => {
                resolved.write(MissionEffectResolved {
                    acceptance: r.acceptance,
                    outcome: EffectOutcome::Place(ChosenPlace {
                        kind: None,
                        place: place.clone(),
                    }),
                });
            }
            Effect::SpawnTarget {
                target,
                enemy,
                npc,
                at,
            } => pending.0.push(PendingSpawn {
                acceptance: r.acceptance,
                mission: r.mission.clone(),
                target: target.clone(),
                enemy: enemy.clone(),
                npc: npc.clone(),
                at: at.clone(),
            }),
            _ => {}
        }
    }
}

/// The pilot's credits and completed missions (the save's summary).
pub fn pilot_summary(wallet: &Wallet, history: &MissionHistory) -> String {
    let completed: u32 = history.missions.values().map(|r| r.count).sum();
    format!("{} credits, {completed} missions completed", wallet.credits)
}

/// Once the save has been read: what the pilot starts with, or why the save was refused (the
/// plugin's notice shows it too, and the file is left as it is). The bot cannot answer the
/// notice for the player, so an autoplay stops there with exit code 2.
fn report_save(
    status: Res<SaveStatus>,
    args: Res<Args>,
    pilot: Res<Pilot>,
    players: Query<(&Wallet, &MissionHistory)>,
    mut frames: Local<u32>,
    mut exit: MessageWriter<AppExit>,
) {
    if !status.started || *frames > 1 {
        return;
    }
    *frames += 1;
    if *frames < 2 {
        return;
    }
    if let Some(refused) = &status.refused {
        eprintln!(
            "demo: the save could not be read ({}); it is left untouched{}",
            refused.error,
            if refused.backup.is_some() {
                ", and a backup can be restored from the notice"
            } else {
                ""
            }
        );
        if args.autoplay {
            exit.write(AppExit::from_code(2));
        }
        return;
    }
    if let Ok((wallet, history)) = players.get(pilot.0) {
        println!(
            "demo: the pilot starts with {}",
            pilot_summary(wallet, history)
        );
    }
}
