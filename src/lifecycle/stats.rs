//! Live counts per mission for a meta dashboard.

use std::collections::BTreeMap;

use bevy::prelude::*;

use super::acceptance::MissionAcceptance;
use super::messages::{
    MissionAbandoned, MissionAccepted, MissionCompleted, MissionExpired, MissionFailed,
    MissionOffered,
};
use crate::ids::MissionId;

/// Counts for one mission.
#[derive(Clone, Debug, Default, PartialEq, Reflect)]
pub struct MissionCounts {
    /// Offered as follow-ups or by effects.
    pub offered: u32,
    /// Accepted. Every count is of players: a party member or shared-quest player counts once
    /// each, for every outcome.
    pub accepted: u32,
    /// Completed.
    pub completed: u32,
    /// Failed.
    pub failed: u32,
    /// Abandoned.
    pub abandoned: u32,
    /// Expired.
    pub expired: u32,
    /// Game seconds from accept to completion, summed over completions.
    pub completion_secs: f64,
}

impl MissionCounts {
    /// Average game seconds from accept to completion.
    pub fn average_completion_secs(&self) -> Option<f64> {
        (self.completed > 0).then(|| self.completion_secs / f64::from(self.completed))
    }
}

/// Live counts per mission, kept from the outcome messages. A random mission counts under its
/// template's id ([`template_of`](crate::draw::template_of)): counted per draw, the table would
/// grow with every random mission played.
#[derive(Resource, Clone, Debug, Default, PartialEq, Reflect)]
#[reflect(Resource)]
pub struct MissionStats(pub BTreeMap<MissionId, MissionCounts>);

/// The outcomes [`count_outcomes`] counts (only these: every reader is fetched each frame).
#[derive(bevy::ecs::system::SystemParam)]
pub(crate) struct CountedOutcomes<'w, 's> {
    offered: MessageReader<'w, 's, MissionOffered>,
    accepted: MessageReader<'w, 's, MissionAccepted>,
    completed: MessageReader<'w, 's, MissionCompleted>,
    failed: MessageReader<'w, 's, MissionFailed>,
    abandoned: MessageReader<'w, 's, MissionAbandoned>,
    expired: MessageReader<'w, 's, MissionExpired>,
}

/// Counts this frame's outcomes. Reads its own cursors, so other readers still see every
/// message.
pub(crate) fn count_outcomes(
    mut stats: ResMut<MissionStats>,
    mut out: CountedOutcomes,
    acceptances: Query<&MissionAcceptance>,
) {
    let stats = &mut stats.0;
    fn entry<'a>(
        stats: &'a mut BTreeMap<MissionId, MissionCounts>,
        m: &MissionId,
    ) -> &'a mut MissionCounts {
        let key = crate::draw::template_of(m).map_or_else(|| m.clone(), MissionId::from);
        stats.entry(key).or_default()
    }
    for m in out.offered.read() {
        entry(stats, &m.mission).offered += 1;
    }
    for m in out.accepted.read() {
        entry(stats, &m.mission).accepted += 1;
    }
    for m in out.completed.read() {
        let secs = acceptances
            .get(m.acceptance)
            .ok()
            .and_then(|a| a.ended_at.map(|end| end - a.accepted_at))
            .unwrap_or(0.0);
        let e = entry(stats, &m.mission);
        e.completed += 1;
        e.completion_secs += secs;
    }
    for m in out.failed.read() {
        entry(stats, &m.mission).failed += 1;
    }
    for m in out.abandoned.read() {
        entry(stats, &m.mission).abandoned += 1;
    }
    for m in out.expired.read() {
        entry(stats, &m.mission).expired += 1;
    }
}
