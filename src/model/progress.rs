//! Progress on one objective of an attempt, as the runtime keeps it and a save stores it.

use bevy::reflect::Reflect;
use serde::{Deserialize, Serialize};

/// Progress on one objective.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Reflect)]
pub struct ObjectiveProgress {
    /// Progress so far (never above `target`).
    pub count: u32,
    /// Progress that finishes it.
    pub target: u32,
    /// Finished.
    pub done: bool,
    /// Not needed to complete the mission.
    pub optional: bool,
    /// Places already counted (visit N distinct beacons).
    pub seen: Vec<String>,
    /// When its timer ends (survive, defend), if it has one running.
    pub ends_at: Option<f64>,
    /// Changed this frame and not reported yet (one progress message per objective per frame).
    #[serde(skip)]
    pub(crate) unreported: bool,
}
