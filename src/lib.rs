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
pub mod draw;
pub mod economy;
pub mod ids;
pub mod lifecycle;
pub mod missions;
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

mod plugin;
mod schedule;

pub use plugin::{MissionSchedulePlugin, MissionsPlugins};
pub use schedule::{MissionSchedule, MissionSystems};

/// What a game needs in one import: the plugins and their sets, the player component, the read
/// API, the requests and facts a game writes and the outcomes it reads or observes. Everything
/// else is under its module.
pub mod prelude {
    pub use crate::catalog::{CatalogPlugin, MissionCatalog};
    pub use crate::clock::MissionClock;
    pub use crate::ids::MissionId;
    pub use crate::lifecycle::{
        MissionAbandoned, MissionAcceptance, MissionAccepted, MissionCompleted, MissionExpired,
        MissionFailed, MissionOffered, MissionRejected, MissionRequest, MissionStatusChanged,
        MissionsAppExt, ObjectiveProgressed, QuestStateReached, QuestSubscription, RejectReason,
    };
    pub use crate::missions::Missions;
    pub use crate::model::status::{MissionStatus, QuestState};
    pub use crate::objectives::MissionFact;
    pub use crate::player::MissionHolder;
    pub use crate::save::SavePlugin;
    pub use crate::{MissionSchedulePlugin, MissionSystems, MissionsPlugins};
}
