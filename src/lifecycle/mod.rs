//! The mission lifecycle: accept (with every gate re-checked), progress, complete and pay
//! exactly once, fail, abandon, expire, follow-ups, effects, scopes and parties.
//!
//! The write path is the messages: games send [`MissionRequest`] and
//! [`crate::objectives::MissionFact`] and read the outcome messages. Inside, every rule runs
//! through one crate-private system parameter whose methods are the only place acceptances
//! change status; the state machine itself is data ([`TRANSITIONS`](crate::model::status::TRANSITIONS)).
//!
//! | file | owns |
//! |---|---|
//! | `gates.rs` | whether a player may take a mission now ([`check_gates`]) |
//! | `requests.rs` | accepting, joining, abandoning, turning in, leaving |
//! | `progress.rs` | facts, timers, deadlines, auto-start |
//! | `resolve.rs` | final statuses, rewards paid once, penalties, follow-ups |
//! | `effects.rs` | start/success/failure/abandon effects, items, quest notifications |
//! | `reputation.rs` | reputation changes with rivalry caps |

mod acceptance;
mod answers;
mod contracts;
mod draws;
mod effects;
mod gates;
mod messages;
mod param;
mod pending;
mod progress;
mod reputation;
mod requests;
mod resolve;
mod resources;
mod stats;
mod systems;
mod unknown;

pub use acceptance::{Checkpoint, MAX_CHECKPOINTS, MissionAcceptance, SpawnedTarget};
pub use answers::{
    EffectAnswerRefusal, EffectOutcome, MissionEffectRefused, MissionEffectResolved,
};
pub use draws::forget_ended_draws;
pub use gates::{PlayerView, RejectReason, SharedCompletions, check_gates};
pub use messages::*;
pub(crate) use param::Lifecycle;
pub use pending::MAX_PENDING;
pub use reputation::{change_reputation, gain_ceiling, rivals_of};
pub(crate) use resources::EndedDraws;
pub(crate) use resources::SerialCounter;
pub(crate) use resources::SubscribersToCatchUp;
pub use resources::{
    GeneratedMissions, HookCall, MissionHooks, MissionSeed, MissionsAppExt, SharedMissions,
    SharedVariables,
};
pub use stats::{MissionCounts, MissionStats};
pub use systems::LifecyclePlugin;
pub use unknown::UnknownFactIds;
pub(crate) use unknown::unknown_mission;

pub(crate) use crate::model::status::MissionStatus;
