//! Progress on one objective of an attempt, as the runtime keeps it and a save stores it.

use bevy::reflect::Reflect;
use serde::{Deserialize, Serialize};

use crate::ids::{ObjectiveKey, PlaceId, PlaceKindId};

/// A place the game chose for a start effect (`AssignTarget`, `RevealPlace`) of one attempt:
/// objective markers for that kind of place point at it, and it is saved with the attempt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct ChosenPlace {
    /// The kind of place the effect asked for, if it named one.
    #[serde(default)]
    pub kind: Option<PlaceKindId>,
    /// The place the game chose.
    pub place: PlaceId,
}

/// Progress on one objective.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Reflect)]
pub struct ObjectiveProgress {
    /// The objective's key ([`crate::model::objective::ObjectiveDef::key`]): progress follows it
    /// when objectives are reordered, in a live edit or between a save and a game update. Empty
    /// in saves older than format 3, which are matched by position once.
    #[serde(default)]
    pub key: ObjectiveKey,
    /// Progress so far (never above `target`).
    #[serde(deserialize_with = "crate::model::bounds::count")]
    pub count: u32,
    /// Progress that finishes it.
    #[serde(deserialize_with = "crate::model::bounds::count")]
    pub target: u32,
    /// Finished.
    pub done: bool,
    /// Not needed to complete the mission.
    pub optional: bool,
    /// Places already counted (visit N distinct beacons).
    pub seen: Vec<String>,
    /// When its timer ends (survive, defend), if it has one running.
    #[serde(default, deserialize_with = "crate::model::bounds::opt_time")]
    pub ends_at: Option<f64>,
    /// Changed this frame and not reported yet (one progress message per objective per frame).
    #[serde(skip)]
    pub(crate) unreported: bool,
}
