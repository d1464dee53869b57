//! Objectives: what a mission asks of the player, the facts gameplay reports, and how facts are
//! routed to the objectives waiting on them.
//!
//! - [`ObjectiveDef`] / [`ObjectiveKind`]: the data (every goal of the seeds).
//! - [`MissionFact`]: what the game reports (kills, pickups, deliveries, places, NPCs, counters).
//! - [`ObjectiveIndex`]: `(player, fact kind, id)` → waiting objectives, kept current as
//!   acceptances start and end.
//! - [`DeadlineQueue`]: every timer, so an idle frame costs O(1).
//! - [`ObjectiveMarker`]: where an objective's target is, for HUD markers.

mod deadlines;
mod definition;
mod facts;
mod index;
mod marker;

pub use deadlines::{DeadlineQueue, Due, DueKind};
pub use definition::{DeliveryTarget, ObjectiveDef, ObjectiveKind};
pub use facts::{DeliveryPoint, FactKind, MissionFact};
pub use index::{Hit, KeyTag, ObjectiveIndex, Route, RouteCheck, Slot};
pub use marker::{ObjectiveMarker, objective_marker};
