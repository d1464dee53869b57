//! The plugin group a game adds: [`MissionsPlugins`], and [`MissionSchedulePlugin`], the core member
//! that chooses the schedule and orders the [`MissionSystems`] sets in it.

use bevy::app::PluginGroupBuilder;
use bevy::ecs::schedule::{InternedScheduleLabel, ScheduleLabel};
use bevy::prelude::*;

use crate::catalog::CatalogPlugin;
use crate::lifecycle::LifecyclePlugin;
use crate::run::SpawnDirectorPlugin;
use crate::save::SavePlugin;
use crate::schedule::{MissionSchedule, MissionSystems};

/// The whole mission system, as a plugin group in the style of bevy's `DefaultPlugins`:
///
/// - [`MissionSchedulePlugin`]: the schedule and the order of the [`MissionSystems`] sets;
/// - [`CatalogPlugin`]: loads and hot-reloads `assets/missions/` (see [`CatalogPlugin::manual`]
///   for a catalog built in code);
/// - [`LifecyclePlugin`]: requests, facts, objectives, rewards, outcomes;
/// - [`SpawnDirectorPlugin`]: waves of enemies for every run in progress;
/// - [`SavePlugin`]: saves nothing until given a path ([`SavePlugin::at`]).
///
/// ```
/// # use bevy::prelude::*;
/// # use bevy_missions::prelude::*;
/// App::new().add_plugins((
///     MinimalPlugins,
///     MissionsPlugins
///         .set(CatalogPlugin::manual())
///         .set(SavePlugin::at("saves/slot1.ron")),
/// ));
/// ```
pub struct MissionsPlugins;

impl PluginGroup for MissionsPlugins {
    fn build(self) -> PluginGroupBuilder {
        PluginGroupBuilder::start::<Self>()
            .add(MissionSchedulePlugin::default())
            .add(CatalogPlugin::default())
            .add(LifecyclePlugin)
            .add(SpawnDirectorPlugin)
            .add(SavePlugin::default())
    }
}

impl MissionsPlugins {
    /// The group with no files at all: no catalog folder (insert a
    /// [`crate::catalog::MissionCatalog`] yourself) and no save file. Tests and servers that
    /// build their catalog in code start here.
    pub fn manual() -> PluginGroupBuilder {
        MissionsPlugins.set(CatalogPlugin::manual())
    }
}

/// The core of [`MissionsPlugins`]: chooses the schedule the mission systems run in and chains
/// the [`MissionSystems`] sets there. Must be added before the group's other plugins (the group
/// does this; a member added without it stops start-up with a message saying so). At start-up it
/// checks that no system is ordered against a [`MissionSystems`] set in another schedule, where
/// the sets never run (start-up stops with a message naming the schedule).
#[derive(Clone, Debug)]
pub struct MissionSchedulePlugin {
    /// The schedule every mission system runs in (`Update` by default).
    pub schedule: InternedScheduleLabel,
}

impl Default for MissionSchedulePlugin {
    fn default() -> Self {
        MissionSchedulePlugin {
            schedule: Update.intern(),
        }
    }
}

impl MissionSchedulePlugin {
    /// Runs the mission systems in another schedule (for example `FixedUpdate` on a server).
    pub fn in_schedule(schedule: impl ScheduleLabel) -> Self {
        MissionSchedulePlugin {
            schedule: schedule.intern(),
        }
    }
}

impl Plugin for MissionSchedulePlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(MissionSchedule(self.schedule))
            .register_type::<MissionSchedule>()
            .configure_sets(self.schedule, MissionSystems::chained())
            .add_systems(PreStartup, crate::schedule::check_orderings);
    }
}
