//! Objectives: what a mission asks of the player, the facts gameplay reports, and how facts are
//! routed to the objectives waiting on them.
//!
//! - [`ObjectiveDef`](crate::model::objective::ObjectiveDef) /
//!   [`ObjectiveKind`](crate::model::objective::ObjectiveKind): the data.
//! - [`MissionFact`]: what the game reports (kills, pickups, deliveries, places, NPCs, counters).
//! - The routing index (crate-private): `(player, fact kind, id)` → waiting objectives, kept
//!   current as acceptances start and end, and a deadline queue holding every timer, so an idle
//!   frame costs O(1).
//! - [`ObjectiveMarker`]: where an objective's target is, for HUD markers.

mod deadlines;
mod facts;
mod index;
mod marker;
mod route;
mod target;

pub(crate) use deadlines::{DeadlineQueue, Due, DueKind};
pub use facts::{DeliveryPoint, FactKind, MissionFact};
pub(crate) use index::{ObjectiveIndex, Routed};
pub use marker::{ObjectiveMarker, objective_marker};
pub(crate) use route::{Hit, RouteCheck, Slot};
pub use target::{MissionTarget, marker_position};
