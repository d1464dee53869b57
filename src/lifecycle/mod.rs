//! The mission lifecycle: accept (with every gate re-checked), progress, complete and pay
//! exactly once, fail, abandon, expire, follow-ups, effects, scopes and parties.
//!
//! All of it runs through [`Lifecycle`], a system parameter whose methods are the only place
//! acceptances change status. The state machine itself is data ([`TRANSITIONS`]).

mod acceptance;
mod gates;
mod messages;
mod progress;
mod reputation;
mod requests;
mod resolve;
mod state;
mod stats;
mod systems;

use std::collections::BTreeMap;

use bevy::ecs::query::QueryData;
use bevy::ecs::system::{SystemId, SystemParam};
use bevy::platform::collections::HashMap;
use bevy::prelude::*;
use rand::{RngExt, SeedableRng};

pub use acceptance::{Checkpoint, MAX_CHECKPOINTS, MissionAcceptance, ObjectiveProgress};
pub use gates::{PlayerView, RejectReason, SharedCompletions, check_gates};
pub use messages::*;
pub use reputation::{change_reputation, gain_ceiling, rivals_of};
pub use state::{
    IllegalTransition, MissionStatus, QuestState, TRANSITIONS, Transition, next_status,
};
pub use stats::{MissionCounts, MissionStats};
pub(crate) use systems::LifecyclePlugin;

use crate::catalog::{
    FollowUpMode, MissionCatalog, MissionDef, ObjectiveOrder, Origin, Scope, SharedRewards,
};
use crate::clock::MissionClock;
use crate::effects::Effect;
use crate::ids::*;
use crate::objectives::{DeadlineQueue, Due, DueKind, FactKind, ObjectiveIndex, ObjectiveKind};
use crate::player::*;

/// Seed for every random draw of the lifecycle (deadline ranges). Each acceptance draws from
/// `(seed, serial)`, so results do not depend on the order of requests.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq)]
pub struct MissionSeed(pub u64);

impl Default for MissionSeed {
    fn default() -> Self {
        MissionSeed(0x6d69_7373_696f_6e73)
    }
}

/// The next acceptance serial (saved with the game so serials never repeat).
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SerialCounter(pub u64);

/// Shared-scope missions: the one acceptance everyone joins, and completions by anyone.
#[derive(Resource, Clone, Debug, Default)]
pub struct SharedMissions {
    /// The active shared acceptance of each mission.
    pub active: HashMap<MissionId, Entity>,
    /// Completions of each shared mission (count, last time).
    pub completions: BTreeMap<MissionId, (u32, Option<f64>)>,
}

impl SharedCompletions for SharedMissions {
    fn shared_completions(&self, mission: &MissionId) -> Option<(u32, Option<f64>)> {
        self.completions.get(mission).copied()
    }
}

/// Missions generated from templates at run time (random missions), looked up alongside the
/// catalog. They outlive catalog reloads.
#[derive(Resource, Clone, Debug, Default)]
pub struct GeneratedMissions(pub BTreeMap<MissionId, MissionDef>);

/// Variables marked `shared` in the catalog.
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq)]
pub struct SharedVariables(pub BTreeMap<VariableId, i64>);

/// What a hook receives.
#[derive(Clone, Debug, PartialEq)]
pub struct HookCall {
    /// The hook's name.
    pub name: HookId,
    /// Its arguments from the catalog.
    pub args: Vec<String>,
    /// The player concerned.
    pub player: Entity,
    /// The acceptance.
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
}

/// Hooks the game registered with [`MissionsAppExt::add_mission_hook`].
#[derive(Resource, Default)]
pub struct MissionHooks(pub HashMap<HookId, SystemId<In<HookCall>>>);

/// Registering effect hooks.
pub trait MissionsAppExt {
    /// Registers a system run when an effect `Hook(name: "...")` fires.
    fn add_mission_hook<M>(
        &mut self,
        name: impl Into<HookId>,
        system: impl IntoSystem<In<HookCall>, (), M> + 'static,
    ) -> &mut Self;
}

impl MissionsAppExt for App {
    fn add_mission_hook<M>(
        &mut self,
        name: impl Into<HookId>,
        system: impl IntoSystem<In<HookCall>, (), M> + 'static,
    ) -> &mut Self {
        let id = self.world_mut().register_system(system);
        self.world_mut()
            .get_resource_or_insert_with(MissionHooks::default)
            .0
            .insert(name.into(), id);
        self
    }
}

/// Players whose auto-start missions should be checked (new players, completions, reloads).
#[derive(Resource, Default, Debug)]
pub struct AutoStartQueue(pub Vec<Entity>);

/// Entities subscribed to quest states, by mission.
#[derive(Resource, Default)]
pub(crate) struct QuestSubscribers(HashMap<MissionId, Vec<Entity>>);

/// The player components the lifecycle reads and writes.
#[derive(QueryData)]
#[query_data(mutable)]
pub struct PlayerData {
    /// Identity.
    pub holder: &'static MissionHolder,
    /// Credits.
    pub wallet: &'static mut Wallet,
    /// XP and level.
    pub experience: &'static mut Experience,
    /// Reputation.
    pub reputation: &'static mut Reputation,
    /// Traits.
    pub traits: &'static mut PlayerTraits,
    /// Items.
    pub inventory: &'static mut Inventory,
    /// Completions and offers.
    pub history: &'static mut MissionHistory,
    /// Paid acceptances.
    pub ledger: &'static mut RewardLedger,
    /// Variables.
    pub variables: &'static mut PlayerVariables,
    /// Active acceptances.
    pub active: &'static mut ActiveMissions,
    /// Random missions pinned to the player.
    pub pinned: &'static mut PinnedMissions,
}

/// Work queued while handling one request or fact, drained by [`Lifecycle::flush`].
#[derive(Default)]
pub struct Work {
    complete: Vec<(Entity, Option<Entity>)>,
    fail: Vec<(Entity, FailReason)>,
    accept: Vec<(Entity, MissionId, Option<MissionId>)>,
    dirty: Vec<(Entity, u16)>,
    done: Vec<(Entity, Entity)>,
}

/// The outcome writers.
#[derive(SystemParam)]
pub struct Outcomes<'w> {
    accepted: MessageWriter<'w, MissionAccepted>,
    progressed: MessageWriter<'w, ObjectiveProgressed>,
    completed: MessageWriter<'w, MissionCompleted>,
    failed: MessageWriter<'w, MissionFailed>,
    abandoned: MessageWriter<'w, MissionAbandoned>,
    expired: MessageWriter<'w, MissionExpired>,
    rejected: MessageWriter<'w, MissionRejected>,
    offered: MessageWriter<'w, MissionOffered>,
    items: MessageWriter<'w, ItemsChanged>,
    effects: MessageWriter<'w, MissionEffectRequested>,
}

/// Everything the lifecycle touches. Its methods are the rules of the game, in one place.
#[derive(SystemParam)]
pub struct Lifecycle<'w, 's> {
    catalog: Res<'w, MissionCatalog>,
    generated: ResMut<'w, GeneratedMissions>,
    clock: Res<'w, MissionClock>,
    seed: Res<'w, MissionSeed>,
    serials: ResMut<'w, SerialCounter>,
    index: ResMut<'w, ObjectiveIndex>,
    deadlines: ResMut<'w, DeadlineQueue>,
    shared: ResMut<'w, SharedMissions>,
    shared_vars: ResMut<'w, SharedVariables>,
    hooks: Option<Res<'w, MissionHooks>>,
    subscribers: Res<'w, QuestSubscribers>,
    subscriptions: Query<'w, 's, &'static QuestSubscription>,
    players: Query<'w, 's, PlayerData>,
    acceptances: Query<'w, 's, &'static mut MissionAcceptance>,
    acceptance_entities: Query<'w, 's, Entity, With<MissionAcceptance>>,
    auto_queue: ResMut<'w, AutoStartQueue>,
    commands: Commands<'w, 's>,
    out: Outcomes<'w>,
    work: Local<'s, Work>,
}

/// Seconds the run's survive timer lasts for a mission flown from a posting.
fn survive_secs(def: &MissionDef, seconds: Option<f64>, catalog: &MissionCatalog) -> f64 {
    seconds.unwrap_or_else(|| {
        let tuning = catalog.tuning();
        catalog
            .postings()
            .iter()
            .find(|p| p.mission == def.id)
            .map_or(tuning.timer(crate::tuning::Difficulty::Standard), |p| {
                tuning.timer(p.difficulty)
            }) as f64
    })
}

/// Sets the end time and queues the timer of every current objective that has one (survive and
/// defend windows). Timers already running keep their end time.
fn start_timers(
    acc: &mut MissionAcceptance,
    def: &MissionDef,
    entity: Entity,
    catalog: &MissionCatalog,
    deadlines: &mut DeadlineQueue,
    now: f64,
) {
    for (i, objective) in def.objectives.iter().enumerate() {
        let secs = match &objective.goal {
            ObjectiveKind::Survive { seconds } => survive_secs(def, *seconds, catalog),
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
