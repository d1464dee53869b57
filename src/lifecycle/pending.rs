//! Requests and facts that arrive before the first catalog is ready (a game that accepts a
//! mission when its player spawns, on the first frame, while the files are still loading). They
//! are kept, up to [`MAX_PENDING`] of each, and applied in order once the catalog is ready; if
//! the catalog fails to load at start, the requests are refused with
//! [`RejectReason::CatalogUnavailable`] and the facts dropped with a warning.

use std::collections::VecDeque;

use bevy::prelude::*;

use super::gates::RejectReason;
use super::messages::{MissionRejected, MissionRequest};
use crate::catalog::CatalogReadiness;
use crate::model::dialogue::DialogueLine;
use crate::objectives::MissionFact;

/// Most requests (and, separately, facts) kept while the catalog loads; older ones are dropped
/// first, with a warning.
pub const MAX_PENDING: usize = 1024;

/// Input kept until the catalog is ready.
#[derive(Resource, Default, Debug, Reflect)]
#[reflect(Resource)]
pub(crate) struct PendingInput {
    /// Requests, oldest first.
    pub(crate) requests: VecDeque<MissionRequest>,
    /// Facts, oldest first.
    pub(crate) facts: VecDeque<MissionFact>,
}

fn push_bounded<T>(queue: &mut VecDeque<T>, item: T, what: &str) {
    if queue.len() >= MAX_PENDING {
        queue.pop_front();
        warn!(
            "more than {MAX_PENDING} {what} arrived before the mission catalog was ready; the oldest is dropped"
        );
    }
    queue.push_back(item);
}

/// Decides what happens to this frame's requests: the ones to apply now (queued ones first),
/// or none while the catalog loads. When the catalog failed, every request is refused.
pub(crate) fn gate_requests(world: &mut World, new: Vec<MissionRequest>) -> Vec<MissionRequest> {
    let state = CatalogReadiness::of_world(world);
    let mut pending = world.get_resource_or_insert_with(PendingInput::default);
    match state {
        CatalogReadiness::Ready => {
            let mut all: Vec<MissionRequest> = pending.requests.drain(..).collect();
            all.extend(new);
            all
        }
        CatalogReadiness::Loading => {
            for request in new {
                push_bounded(&mut pending.requests, request, "mission requests");
            }
            Vec::new()
        }
        CatalogReadiness::Failed => {
            let refused: Vec<MissionRequest> = pending.requests.drain(..).chain(new).collect();
            for request in refused {
                let rejected = MissionRejected {
                    player: request.player(),
                    mission: request.mission().cloned(),
                    reason: RejectReason::CatalogUnavailable,
                    line: DialogueLine::Rejected,
                };
                world.write_message(rejected.clone());
                if world.get_entity(rejected.player).is_ok() {
                    world.trigger(rejected);
                }
            }
            Vec::new()
        }
    }
}

/// Facts that arrive while the catalog is not ready: kept while it loads, dropped (with a
/// warning) when it failed. A ready catalog's facts are applied where they lie, without this.
pub(crate) fn gate_facts(
    state: CatalogReadiness,
    pending: &mut PendingInput,
    new: impl Iterator<Item = MissionFact>,
) {
    match state {
        CatalogReadiness::Ready | CatalogReadiness::Loading => {
            for fact in new {
                push_bounded(&mut pending.facts, fact, "mission facts");
            }
        }
        CatalogReadiness::Failed => {
            let dropped = pending.facts.len() + new.count();
            pending.facts.clear();
            if dropped > 0 {
                warn!("{dropped} mission facts dropped: the mission catalog could not be loaded");
            }
        }
    }
}
