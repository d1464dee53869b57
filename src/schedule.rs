//! When the mission systems run: the [`MissionSystems`] sets, in order, in the schedule the game
//! chose ([`crate::MissionsPlugins`] runs them in `Update` unless told otherwise).

use bevy::ecs::schedule::{
    InternedScheduleLabel, InternedSystemSet, IntoScheduleConfigs, ScheduleConfigs,
};
use bevy::prelude::*;

/// The system sets of this crate, chained in this order in the mission schedule (`Update` by
/// default; see [`crate::MissionSchedulePlugin::schedule`]).
///
/// Game code that writes facts or requests should run before [`MissionSystems::Ingest`]; code
/// that reads outcomes should run after [`MissionSystems::Resolve`].
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MissionSystems {
    /// Catalog files are merged and validated; a good reload replaces
    /// [`crate::catalog::MissionCatalog`] and attempts in progress follow it; a save loads.
    Catalog,
    /// The mission clock advances; requests (accept, abandon, turn in), the game's answers to
    /// start effects and gameplay facts are applied.
    Ingest,
    /// Timers, deadlines, expiries and timer triggers fall due.
    Evaluate,
    /// Auto-start and triggered missions begin, game-start missions are offered, new
    /// subscribers hear their quest's state, the dashboard counts outcomes. (Finished attempts
    /// are despawned after `Present`; the save notes changes after this set.)
    Resolve,
    /// Where the game's spawn director runs: after the lifecycle, reading each player's
    /// [`crate::run::RunDefinition`] and [`crate::run::RunDefinition::enemies_in_wave`].
    SpawnDirector,
    /// Presentation (the `ui` feature's panels read the state here).
    Present,
}

impl MissionSystems {
    /// Every set, in the order they run.
    pub const ALL: [MissionSystems; 6] = [
        MissionSystems::Catalog,
        MissionSystems::Ingest,
        MissionSystems::Evaluate,
        MissionSystems::Resolve,
        MissionSystems::SpawnDirector,
        MissionSystems::Present,
    ];

    /// Every set, chained in the order they run (what [`crate::MissionSchedulePlugin`]
    /// configures).
    pub fn chained() -> ScheduleConfigs<InternedSystemSet> {
        let [catalog, ingest, evaluate, resolve, spawn, present] = MissionSystems::ALL;
        (catalog, ingest, evaluate, resolve, spawn, present)
            .chain()
            .into_configs()
    }
}

/// The schedule the mission systems run in, chosen with [`crate::MissionSchedulePlugin::schedule`]
/// (`Update` by default; a server may prefer `FixedUpdate`). Inserted by
/// [`crate::MissionSchedulePlugin`] before the other plugins of the group build.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq, Reflect)]
#[reflect(Resource, opaque)]
pub struct MissionSchedule(pub InternedScheduleLabel);

impl MissionSchedule {
    /// The schedule chosen for this app. Stops start-up with a message naming what to add when
    /// `plugin` was added without [`crate::MissionSchedulePlugin`] before it: its systems would
    /// otherwise run in no order at all.
    pub(crate) fn of(app: &App, plugin: &str) -> InternedScheduleLabel {
        match app.world().get_resource::<MissionSchedule>() {
            Some(schedule) => schedule.0,
            None => panic!(
                "{plugin} needs MissionSchedulePlugin added before it, which orders the \
                 MissionSystems sets: add the whole group (`MissionsPlugins`), or \
                 `MissionSchedulePlugin::default()` before {plugin}"
            ),
        }
    }
}

/// Every schedule other than `chosen` in which something is ordered against a
/// [`MissionSystems`] set: the sets never run there, so that ordering means nothing.
pub(crate) fn misplaced_orderings(
    schedules: &Schedules,
    chosen: InternedScheduleLabel,
) -> Vec<String> {
    let mut found = Vec::new();
    for (label, schedule) in schedules.iter() {
        if schedule.label() == chosen {
            continue;
        }
        let graph = schedule.graph();
        for set in MissionSystems::ALL {
            if graph.system_sets.contains(set) {
                found.push(format!("{set:?} in {label:?}"));
            }
        }
    }
    found
}

/// Stops start-up when a system was ordered against a [`MissionSystems`] set in a schedule
/// where the mission systems do not run (`.before(MissionSystems::Ingest)` in `Update` while
/// the missions run in `FixedUpdate`): the ordering would silently do nothing.
pub(crate) fn check_orderings(world: &mut World) {
    let chosen = world.resource::<MissionSchedule>().0;
    let found = misplaced_orderings(world.resource::<Schedules>(), chosen);
    if !found.is_empty() {
        panic!(
            "systems are ordered against MissionSystems sets in a schedule where the mission \
             systems do not run ({}); they run in {chosen:?}: add those systems to {chosen:?}, \
             or choose their schedule with MissionSchedulePlugin::in_schedule",
            found.join(", ")
        );
    }
}
