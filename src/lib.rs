#![doc = include_str!("../README.md")]
#![forbid(missing_docs)]
#![forbid(unsafe_code)]
// Catalog errors carry their file, position and suggestions; they are rare and never on a hot path.
#![allow(clippy::result_large_err)]

pub mod board;
pub mod catalog;
pub mod clock;
pub mod effects;
pub mod ids;
pub mod lifecycle;
pub mod objectives;
pub mod player;
pub mod replay;
pub mod rules;
pub mod save;
pub mod testing;
pub mod tuning;
#[cfg(feature = "ui")]
pub mod ui;

use bevy::prelude::*;

/// The system sets of this crate, in the order they run in `Update`.
///
/// Game code that writes facts or requests should run before [`MissionSystems::Ingest`]; code
/// that reads outcomes should run after [`MissionSystems::Resolve`].
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MissionSystems {
    /// Catalog files are merged and validated; a good reload replaces [`catalog::MissionCatalog`].
    Catalog,
    /// Requests (accept, abandon, turn in) and gameplay facts are read.
    Ingest,
    /// Objectives are evaluated.
    Evaluate,
    /// Rewards, follow-ups and outcome messages.
    Resolve,
    /// Where the game's spawn director runs: after the lifecycle, reading
    /// [`tuning::RunDefinition`] and [`tuning::RunDefinition::enemies_in_wave`].
    SpawnDirector,
    /// Presentation (the `ui` feature's panels).
    Present,
}

/// The whole mission system. Configuration lives in public fields; `Default` loads the
/// `assets/missions/` folder and saves nothing until [`save::SavePlugin::path`] is set.
#[derive(Clone, Debug, Default)]
pub struct MissionsPlugin {
    /// Where the catalog comes from.
    pub catalog: catalog::CatalogPlugin,
    /// Where progress is saved, and when.
    pub save: save::SavePlugin,
}

impl MissionsPlugin {
    /// A plugin that loads no files: insert a [`catalog::MissionCatalog`] yourself.
    pub fn headless() -> Self {
        MissionsPlugin {
            catalog: catalog::CatalogPlugin::manual(),
            save: save::SavePlugin::default(),
        }
    }
}

impl Plugin for MissionsPlugin {
    fn build(&self, app: &mut App) {
        app.configure_sets(
            Update,
            (
                MissionSystems::Catalog,
                MissionSystems::Ingest,
                MissionSystems::Evaluate,
                MissionSystems::Resolve,
                MissionSystems::SpawnDirector,
                MissionSystems::Present,
            )
                .chain(),
        )
        .add_plugins((
            self.catalog.clone(),
            lifecycle::LifecyclePlugin,
            self.save.clone(),
        ));
    }
}

/// Everything a game usually needs, in one import.
pub mod prelude {
    pub use crate::MissionSystems;
    pub use crate::MissionsPlugin;
    pub use crate::board::{DailySlot, MissionTemplate, PostingDef};
    pub use crate::catalog::{
        CatalogError, CatalogErrors, CatalogPlugin, CatalogRejected, CatalogReloaded,
        CatalogStatus, MissionCatalog, MissionDef, MissionType,
    };
    pub use crate::clock::MissionClock;
    pub use crate::ids::*;
    pub use crate::lifecycle::{
        MissionAbandoned, MissionAcceptance, MissionAccepted, MissionCompleted, MissionExpired,
        MissionFailed, MissionOffered, MissionRejected, MissionRequest, MissionStatus,
        MissionsAppExt, ObjectiveProgressed, QuestState, QuestStateReached, QuestSubscription,
        RejectReason,
    };
    pub use crate::objectives::{FactKind, MissionFact, ObjectiveDef, ObjectiveKind};
    pub use crate::player::{MissionHolder, PlayerId, Reputation, Wallet};
    pub use crate::save::{SaveCommand, SaveOutcome, SavePlugin, SaveStatus};
    pub use crate::tuning::{Difficulty, ObjectiveLabel, TuningTables};
}
