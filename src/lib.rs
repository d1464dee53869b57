#![doc = include_str!("../README.md")]
#![forbid(missing_docs)]
#![forbid(unsafe_code)]
// Catalog errors carry their file, position and suggestions; they are rare and never on a hot path.
#![allow(clippy::result_large_err)]

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
pub mod testing;
#[cfg(feature = "ui")]
pub mod ui;

pub mod plugin;
pub mod schedule;

pub use plugin::{MissionsPlugin, MissionsPlugins};
pub use schedule::{MissionSchedule, MissionSystems};

/// Old paths, kept for code written against earlier versions (see ARCHITECTURE.md).
pub use model::{effect as effects, rules, tuning};

/// Everything a game usually needs, in one import.
pub mod prelude {
    pub use crate::schedule::MissionSystems;
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
    pub use crate::model::tuning::{Difficulty, ObjectiveLabel, TuningTables};
}
