//! When the mission systems run: the [`MissionSystems`] sets, in order, in the schedule the game
//! chose ([`crate::MissionsPlugins`] runs them in `Update` unless told otherwise).

use bevy::ecs::schedule::{InternedSystemSet, IntoScheduleConfigs, ScheduleConfigs, ScheduleLabel};
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
    /// Every set, chained in the order they run (what [`crate::MissionSchedulePlugin`]
    /// configures).
    pub fn chained() -> ScheduleConfigs<InternedSystemSet> {
        (
            MissionSystems::Catalog,
            MissionSystems::Ingest,
            MissionSystems::Evaluate,
            MissionSystems::Resolve,
            MissionSystems::SpawnDirector,
            MissionSystems::Present,
        )
            .chain()
            .into_configs()
    }
}

/// The schedule the mission systems run in, chosen with [`crate::MissionSchedulePlugin::schedule`]
/// (`Update` by default; a server may prefer `FixedUpdate`). Inserted by
/// [`crate::MissionSchedulePlugin`] before the other plugins of the group build.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq)]
pub struct MissionSchedule(pub bevy::ecs::schedule::InternedScheduleLabel);

impl Default for MissionSchedule {
    fn default() -> Self {
        MissionSchedule(Update.intern())
    }
}

impl MissionSchedule {
    /// The schedule chosen for this app (`Update` when no [`crate::MissionSchedulePlugin`] ran).
    pub fn of(app: &App) -> bevy::ecs::schedule::InternedScheduleLabel {
        app.world()
            .get_resource::<MissionSchedule>()
            .copied()
            .unwrap_or_default()
            .0
    }
}
