//! [`Lifecycle`]: the system parameter holding everything the rules touch. Its methods, spread
//! over `requests.rs` (accepting), `progress.rs` (facts and timers), `resolve.rs` (finishing
//! and paying) and `effects.rs`, are the only place acceptances change status.

use bevy::ecs::query::QueryData;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::acceptance::MissionAcceptance;
use super::messages::*;
use super::resources::*;
use crate::catalog::{MissionCatalog, MissionDef};
use crate::clock::MissionClock;
use crate::ids::MissionId;
use crate::model::objective::ObjectiveKind;
use crate::model::player::*;
use crate::objectives::{DeadlineQueue, Due, DueKind, ObjectiveIndex};
use crate::player::{ActiveMissions, MissionHolder};

/// The player components the lifecycle reads and writes.
#[derive(QueryData)]
#[query_data(mutable)]
pub struct PlayerData {
    /// The player's entity.
    pub entity: Entity,
    /// Identity.
    pub holder: &'static MissionHolder,
    /// The player's [`Wallet`].
    pub wallet: &'static mut Wallet,
    /// The player's [`Experience`].
    pub experience: &'static mut Experience,
    /// The player's [`Reputation`].
    pub reputation: &'static mut Reputation,
    /// The player's [`PlayerTraits`].
    pub traits: &'static mut PlayerTraits,
    /// The player's [`Inventory`].
    pub inventory: &'static mut Inventory,
    /// The player's [`MissionHistory`].
    pub history: &'static mut MissionHistory,
    /// The player's [`RewardLedger`].
    pub ledger: &'static mut RewardLedger,
    /// The player's [`PlayerVariables`].
    pub variables: &'static mut PlayerVariables,
    /// The player's [`PinnedMissions`].
    pub pinned: &'static mut PinnedMissions,
    /// The player's [`MissionJournal`].
    pub journal: &'static mut MissionJournal,
    /// Active acceptances.
    pub active: &'static mut ActiveMissions,
}

/// Work queued while handling one request or fact, drained by [`Lifecycle::flush`].
#[derive(Default)]
pub(crate) struct Work {
    pub(super) complete: Vec<(Entity, Option<Entity>)>,
    pub(super) fail: Vec<(Entity, FailReason)>,
    pub(super) accept: Vec<(Entity, MissionId, Option<MissionId>)>,
    pub(super) dirty: Vec<(Entity, u16)>,
    pub(super) done: Vec<(Entity, Entity)>,
}

/// The outcome writers.
#[derive(SystemParam)]
pub(crate) struct Outcomes<'w> {
    pub(super) accepted: MessageWriter<'w, MissionAccepted>,
    pub(super) progressed: MessageWriter<'w, ObjectiveProgressed>,
    pub(super) completed: MessageWriter<'w, MissionCompleted>,
    pub(super) failed: MessageWriter<'w, MissionFailed>,
    pub(super) abandoned: MessageWriter<'w, MissionAbandoned>,
    pub(super) expired: MessageWriter<'w, MissionExpired>,
    pub(super) rejected: MessageWriter<'w, MissionRejected>,
    pub(super) offered: MessageWriter<'w, MissionOffered>,
    pub(super) items: MessageWriter<'w, ItemsChanged>,
    pub(super) effects: MessageWriter<'w, MissionEffectRequested>,
    pub(super) withdrawn: MessageWriter<'w, MissionWithdrawn>,
    pub(super) removed: MessageWriter<'w, ObjectiveRemoved>,
    pub(super) effect_refused: MessageWriter<'w, super::answers::MissionEffectRefused>,
}

/// Writes an outcome as a message and triggers it on its player entity, so both a system that
/// reads every outcome and an observer on one player hear it.
pub(super) fn tell<'t, E>(writer: &mut MessageWriter<E>, commands: &mut Commands, outcome: E)
where
    E: Message + EntityEvent<Trigger<'t>: Default> + Clone,
{
    writer.write(outcome.clone());
    commands.trigger(outcome);
}

/// Triggers the outcomes of type `E` written with message ids in `ids` on their players, when an
/// observer watches `E` (the check `World::trigger` makes first): an unobserved outcome type
/// costs one command per batch, and nothing is cloned.
pub(super) fn trigger_written<'t, E>(world: &mut World, ids: std::ops::RangeInclusive<usize>)
where
    E: Message + EntityEvent<Trigger<'t>: Default> + Clone,
{
    let observed = world
        .event_key::<E>()
        .is_some_and(|key| world.observers().try_get_observers(key).is_some());
    if !observed {
        return;
    }
    let batch: Vec<E> = {
        let messages = world.resource::<Messages<E>>();
        ids.filter_map(|id| messages.get_message(id).map(|(m, _)| m.clone()))
            .collect()
    };
    for outcome in batch {
        world.trigger(outcome);
    }
}

/// Everything the lifecycle touches. Its methods are the rules of the game, in one place.
#[derive(SystemParam)]
pub(crate) struct Lifecycle<'w, 's> {
    pub(super) catalog: Res<'w, MissionCatalog>,
    pub(super) generated: ResMut<'w, GeneratedMissions>,
    pub(super) ended_draws: ResMut<'w, EndedDraws>,
    pub(super) clock: Res<'w, MissionClock>,
    pub(super) seed: Res<'w, MissionSeed>,
    pub(super) serials: ResMut<'w, SerialCounter>,
    pub(super) index: ResMut<'w, ObjectiveIndex>,
    pub(super) deadlines: ResMut<'w, DeadlineQueue>,
    pub(super) shared: ResMut<'w, SharedMissions>,
    pub(super) shared_vars: ResMut<'w, SharedVariables>,
    pub(super) hooks: Option<Res<'w, MissionHooks>>,
    pub(super) subscribers: Res<'w, QuestSubscribers>,
    pub(super) subscriptions: Query<'w, 's, &'static QuestSubscription>,
    pub(super) players: Query<'w, 's, PlayerData>,
    pub(super) acceptances: Query<'w, 's, &'static mut MissionAcceptance>,
    pub(super) acceptance_entities: Query<'w, 's, Entity, With<MissionAcceptance>>,
    pub(super) auto_queue: ResMut<'w, AutoStartQueue>,
    pub(super) finished: ResMut<'w, FinishedAcceptances>,
    pub(super) triggers: ResMut<'w, TriggerTimes>,
    pub(super) unknown: ResMut<'w, super::unknown::UnknownFactIds>,
    pub(super) entities: &'w bevy::ecs::entity::Entities,
    pub(super) commands: Commands<'w, 's>,
    pub(super) out: Outcomes<'w>,
    pub(super) work: Local<'s, Work>,
}

/// Seconds a survive timer lasts: the run's extraction timer (or the objective's own seconds),
/// else the timer of the first posting that names the mission, else the standard timer.
pub(super) fn survive_secs(
    def: &MissionDef,
    seconds: Option<f64>,
    catalog: &MissionCatalog,
) -> f64 {
    seconds.unwrap_or_else(|| {
        let tuning = catalog.tuning();
        catalog
            .postings()
            .iter()
            .find(|p| p.mission == def.id)
            .map_or(
                tuning.timer(crate::model::tuning::Difficulty::Standard),
                |p| tuning.timer(p.difficulty),
            ) as f64
    })
}

/// Sets the end time and queues the timer of every current objective that has one (survive and
/// defend windows). Timers already running keep their end time.
pub(super) fn start_timers(
    acc: &mut MissionAcceptance,
    def: &MissionDef,
    entity: Entity,
    catalog: &MissionCatalog,
    deadlines: &mut DeadlineQueue,
    now: f64,
) {
    // A contract's timers (extraction, holding a position) start with its run.
    if acc.awaiting_launch() {
        return;
    }
    for (i, objective) in def.objectives.iter().enumerate() {
        let secs = match &objective.goal {
            ObjectiveKind::Survive { seconds } => {
                survive_secs(def, acc.run_seconds.or(*seconds), catalog)
            }
            ObjectiveKind::Defend { seconds, .. } => *seconds,
            _ => continue,
        };
        let Some(p) = acc.progress.get(i) else {
            continue;
        };
        if p.done || !acc.is_current(i, def.order) {
            continue;
        }
        let ends_at = p.ends_at.unwrap_or(now + secs);
        acc.progress[i].ends_at = Some(ends_at);
        deadlines.push(Due {
            at: ends_at,
            acceptance: entity,
            serial: acc.serial,
            kind: DueKind::ObjectiveTimer(i as u16),
        });
    }
}
