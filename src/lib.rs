#![doc = include_str!("../README.md")]
#![forbid(missing_docs)]
#![forbid(unsafe_code)]
#![expect(
    clippy::result_large_err,
    reason = "catalog errors carry their file, position and suggestions; they are rare"
)]
#![warn(clippy::too_many_lines, clippy::too_many_arguments)]

pub mod board;
pub mod catalog;
pub mod clock;
pub mod ids;
pub mod lifecycle;
pub mod model;
pub mod objectives;
pub mod player;
pub mod replay;
pub mod run;
pub mod save;
#[cfg(feature = "ui")]
pub mod screenshot;
pub mod testing;
#[cfg(feature = "ui")]
pub mod ui;

pub mod plugin;
pub mod schedule;

pub use plugin::{MissionSchedulePlugin, MissionsPlugins};
pub use schedule::{MissionSchedule, MissionSystems};

/// Old paths, kept for code written against earlier versions (see ARCHITECTURE.md).
pub use model::{effect as effects, rules};

/// Objective labels, difficulties and their tables ([`model::tuning`]) with run assembly
/// ([`run`]): the old `tuning` path.
pub mod tuning {
    pub use crate::model::tuning::*;
    pub use crate::run::*;
}

/// What the README's examples use, in one import: the plugins, the messages a game writes and
/// reads, the components it queries. Everything else is under its module.
pub mod prelude {
    pub use crate::board::MissionBoard;
    pub use crate::catalog::{
        CatalogPlugin, CatalogRejected, CatalogReloaded, CatalogStatus, MissionCatalog,
    };
    pub use crate::clock::MissionClock;
    pub use crate::ids::MissionId;
    pub use crate::lifecycle::{
        LifecyclePlugin, MissionAbandoned, MissionAcceptance, MissionAccepted, MissionCompleted,
        MissionExpired, MissionFailed, MissionOffered, MissionRejected, MissionRequest,
        MissionStatus, MissionStatusChanged, MissionsAppExt, ObjectiveProgressed, QuestState,
        QuestStateReached, QuestSubscription, RejectReason,
    };
    pub use crate::objectives::{FactKind, MissionFact};
    pub use crate::player::{MissionHolder, PlayerId, Reputation, Wallet};
    pub use crate::run::{RunDefinition, SpawnWave};
    pub use crate::save::{SaveCommand, SaveOutcome, SavePlugin, SaveStatus};
    pub use crate::{MissionSchedulePlugin, MissionSystems, MissionsPlugins};
}
