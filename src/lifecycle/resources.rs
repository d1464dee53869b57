//! The lifecycle's resources: the seed and serials, shared-scope state, generated missions,
//! hooks, the auto-start queue and quest subscribers.

use std::collections::BTreeMap;

use bevy::ecs::system::SystemId;
use bevy::platform::collections::HashMap;
use bevy::prelude::*;

use super::gates::SharedCompletions;
use crate::catalog::{MissionCatalog, MissionDef};
use crate::ids::{HookId, MissionId, VariableId};

/// Seed for every random draw of the lifecycle (deadline ranges). Each acceptance draws from
/// `(seed, serial)`, so results do not depend on the order of requests.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq, Reflect)]
#[reflect(Resource)]
pub struct MissionSeed(pub u64);

impl Default for MissionSeed {
    fn default() -> Self {
        MissionSeed(0x6d69_7373_696f_6e73)
    }
}

/// The next acceptance serial (saved with the game so serials never repeat).
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq, Reflect)]
#[reflect(Resource)]
pub(crate) struct SerialCounter(pub(crate) u64);

/// Shared-scope missions: the one acceptance everyone joins, and completions by anyone.
#[derive(Resource, Clone, Debug, Default, Reflect)]
#[reflect(Resource)]
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

/// Shared completions and shared variables together, as the gates read them.
impl SharedCompletions for (&SharedMissions, &SharedVariables) {
    fn shared_completions(&self, mission: &MissionId) -> Option<(u32, Option<f64>)> {
        self.0.shared_completions(mission)
    }

    fn shared_variable(&self, variable: &VariableId) -> Option<i64> {
        self.1.0.get(variable).copied()
    }
}

/// Missions generated from templates at run time (random missions), looked up alongside the
/// catalog. They outlive catalog reloads.
#[derive(Resource, Clone, Debug, Default, Reflect)]
#[reflect(Resource)]
pub struct GeneratedMissions(pub BTreeMap<MissionId, MissionDef>);

impl GeneratedMissions {
    /// A mission's definition: the catalog's, or a generated one with that id.
    pub fn lookup<'a>(&'a self, catalog: &'a MissionCatalog, id: &str) -> Option<&'a MissionDef> {
        catalog.mission(id).or_else(|| self.0.get(id))
    }
}

/// Random missions whose attempt ended (or that closed unaccepted), waiting to be forgotten once
/// no journal, pin or attempt refers to them
/// (see `Lifecycle::forget_ended_draws`).
#[derive(Resource, Default, Reflect)]
#[reflect(Resource)]
pub(crate) struct EndedDraws {
    /// Ended draws not forgotten yet.
    pub(crate) ids: Vec<MissionId>,
    /// How many the last pass kept (still in a journal): the next pass waits until the list
    /// has doubled, so passes cost O(1) per draw however many journals show draws.
    pub(crate) kept: usize,
}

/// Variables marked `shared` in the catalog.
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq, Reflect)]
#[reflect(Resource)]
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
#[derive(Resource, Default, Reflect)]
#[reflect(Resource)]
pub struct MissionHooks(#[reflect(ignore)] pub HashMap<HookId, SystemId<In<HookCall>>>);

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
#[derive(Resource, Default, Debug, Reflect)]
#[reflect(Resource)]
pub(crate) struct AutoStartQueue(pub(crate) Vec<Entity>);

/// Acceptances that reached a final status this frame: despawned at the end of the mission
/// schedule, once every system of the frame has read their outcome (each holder's
/// [`MissionJournal`](crate::player::MissionJournal) keeps them).
#[derive(Resource, Default, Debug, Reflect)]
#[reflect(Resource)]
pub(crate) struct FinishedAcceptances(pub(crate) Vec<Entity>);

/// When timer triggers (a clock time, a delay after a mission) fall due, and for whom (`None`:
/// every player). The earliest time is cached, so an idle frame checks one number.
#[derive(Resource, Debug, Reflect)]
#[reflect(Resource)]
pub(crate) struct TriggerTimes {
    due: Vec<(f64, Option<Entity>)>,
    next_at: f64,
}

impl Default for TriggerTimes {
    fn default() -> Self {
        TriggerTimes {
            due: Vec::new(),
            next_at: f64::INFINITY,
        }
    }
}

impl TriggerTimes {
    /// Checks triggers for `player` (or everyone) at game time `at`; a non-finite time is ignored,
    /// and one already queued is not queued twice (every load and live edit schedules the
    /// clock's triggers again).
    pub(crate) fn push(&mut self, at: f64, player: Option<Entity>) {
        if at.is_finite() && !self.due.contains(&(at, player)) {
            self.due.push((at, player));
            self.next_at = self.next_at.min(at);
        }
    }

    /// Whether a trigger time has come (O(1)).
    pub(crate) fn any_due(&self, now: f64) -> bool {
        self.next_at <= now
    }

    /// Takes the triggers due at `now`: the players to check, `None` meaning everyone.
    pub(crate) fn take_due(&mut self, now: f64) -> Vec<Option<Entity>> {
        let (due, later): (Vec<_>, Vec<_>) = self.due.drain(..).partition(|(at, _)| *at <= now);
        self.due = later;
        self.next_at = self
            .due
            .iter()
            .map(|(at, _)| *at)
            .fold(f64::INFINITY, f64::min);
        due.into_iter().map(|(_, player)| player).collect()
    }
}

/// Players who appeared since the last `Resolve`: offered the game-start missions.
#[derive(Resource, Default, Debug, Reflect)]
#[reflect(Resource)]
pub(crate) struct NewPlayers(pub(crate) Vec<Entity>);

/// Session-scope acceptances of players whose entity was despawned, ended in the next
/// `Ingest`.
#[derive(Resource, Default, Debug, Reflect)]
#[reflect(Resource)]
pub(crate) struct EndedSessions(pub(crate) Vec<Entity>);

/// Subscriptions that should hear the current state of their quest (new ones, and every one
/// after a save is loaded), told in `Resolve`.
#[derive(Resource, Default, Debug, Reflect)]
#[reflect(Resource)]
pub(crate) struct SubscribersToCatchUp(pub(crate) Vec<Entity>);

/// Entities subscribed to quest states, by mission.
#[derive(Resource, Default, Reflect)]
#[reflect(Resource)]
pub(crate) struct QuestSubscribers(pub(crate) HashMap<MissionId, Vec<Entity>>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trigger_time_queued_again_is_checked_once() {
        let mut times = TriggerTimes::default();
        for _ in 0..3 {
            times.push(10.0, None);
        }
        times.push(10.0, Some(Entity::PLACEHOLDER));
        times.push(f64::NAN, None);
        assert!(!times.any_due(9.0));
        assert_eq!(times.take_due(10.0), vec![None, Some(Entity::PLACEHOLDER)]);
        assert!(!times.any_due(1e9));
    }
}
