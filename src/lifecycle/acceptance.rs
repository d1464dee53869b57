//! The acceptance: one entity per (player or party, mission) attempt, holding its status, times,
//! progress per objective and a log of checkpoints.

use std::collections::VecDeque;

use bevy::ecs::entity::{EntityMapper, MapEntities};
use bevy::prelude::*;

use crate::catalog::{MissionCatalog, MissionDef, ObjectiveOrder};
use crate::ids::{MissionId, TargetId};
use crate::model::progress::ChosenPlace;
use crate::model::progress::ObjectiveProgress;
use crate::model::status::MissionStatus;
use crate::objectives::{Hit, RouteCheck, Slot};
use crate::objectives::{ObjectiveMarker, objective_marker};

/// Most checkpoints kept per acceptance (the oldest are dropped first).
pub const MAX_CHECKPOINTS: usize = 64;

/// One logged step: what advanced the acceptance, when, and by whom.
#[derive(Clone, Debug, PartialEq, Reflect)]
pub struct Checkpoint {
    /// Game time.
    pub at: f64,
    /// Objective index.
    pub objective: u16,
    /// Amount added.
    pub amount: u32,
    /// The player whose fact it was.
    pub by: Entity,
}

/// What applying one routed fact did to an acceptance.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Advanced {
    /// Nothing (not current, already done, already counted, inactive).
    Nothing,
    /// An objective advanced.
    Progressed {
        /// Its index.
        objective: u16,
        /// Whether it is now done.
        done: bool,
        /// Whether this is its first change this frame (it needs a progress message).
        first: bool,
    },
    /// A fail condition or a lost protected target.
    Fail(super::messages::FailReason),
}

impl MapEntities for Checkpoint {
    fn map_entities<M: EntityMapper>(&mut self, mapper: &mut M) {
        self.by = mapper.get_mapped(self.by);
    }
}

/// An attempt at a mission by one player, a party, or (shared scope) everyone. Read it through
/// its methods; only the lifecycle changes it (send a
/// [`MissionRequest`](crate::lifecycle::MissionRequest) to ask for a change).
///
/// Its references to players (holders, contributors, checkpoint authors) are mapped when the
/// entity is cloned or moved between worlds (scenes, a replicated copy on a client), so they
/// always point at the right entities.
#[derive(Component, Clone, Debug, PartialEq, Reflect)]
#[reflect(Component)]
pub struct MissionAcceptance {
    /// Unique, increasing number: the reward ledger's key.
    pub(crate) serial: u64,
    /// The mission.
    pub(crate) mission: MissionId,
    /// Players on it: the first accepted it; party members and shared-scope players follow.
    #[entities]
    pub(crate) holders: Vec<Entity>,
    /// Where it is in its life.
    pub(crate) status: MissionStatus,
    /// Game time accepted.
    pub(crate) accepted_at: f64,
    /// Game time it reached a final status.
    pub(crate) ended_at: Option<f64>,
    /// When it fails (drawn deadline or finish time).
    pub(crate) deadline: Option<f64>,
    /// When it expires (expiry date, window close, daily refresh).
    pub(crate) expires_at: Option<f64>,
    /// Progress per objective, in definition order.
    pub(crate) progress: Vec<ObjectiveProgress>,
    /// Counts toward each fail condition.
    pub(crate) fail_counts: Vec<u32>,
    /// The fail conditions' keys ([`crate::model::mission::FailCondition::identity`]), beside
    /// `fail_counts`: counts follow their condition when conditions are reordered.
    pub(crate) fail_keys: Vec<String>,
    /// Its mission was removed from the catalog: it is frozen (no fact advances it) until the
    /// mission comes back.
    pub(crate) withdrawn: bool,
    /// The log of what advanced it (last [`MAX_CHECKPOINTS`]).
    #[entities]
    pub(crate) checkpoints: VecDeque<Checkpoint>,
    /// Players whose facts advanced it.
    #[entities]
    pub(crate) contributors: Vec<Entity>,
    /// Shown on the HUD tracker.
    pub(crate) tracked: bool,
    /// The extraction timer of the run this attempt is flown in, when it was accepted from a
    /// posting ([`MissionRequest::AcceptPosting`](super::MissionRequest::AcceptPosting)): the
    /// survive timer lasts this long from the run's start.
    pub(crate) run_seconds: Option<f64>,
    /// Game time the run started ([`MissionRequest::StartRun`](super::MissionRequest::StartRun));
    /// `None` while a contract from a posting waits at the hub.
    pub(crate) run_started_at: Option<f64>,
    /// Game time a contract still waiting at the hub expires
    /// ([`PostingDef::launch_within`](crate::model::board::PostingDef::launch_within)).
    pub(crate) launch_by: Option<f64>,
    /// Places the game chose for the start effects (saved).
    pub(crate) places: Vec<ChosenPlace>,
    /// Entities the game spawned for `SpawnTarget` effects, by target (not saved: the game
    /// spawns them again).
    #[entities]
    pub(crate) spawned: Vec<SpawnedTarget>,
}

/// An entity the game spawned for a `SpawnTarget` effect.
#[derive(Clone, Debug, PartialEq, Reflect)]
pub struct SpawnedTarget {
    /// The effect's target id.
    pub target: TargetId,
    /// The entity.
    pub entity: Entity,
}

impl MapEntities for SpawnedTarget {
    fn map_entities<M: EntityMapper>(&mut self, mapper: &mut M) {
        self.entity = mapper.get_mapped(self.entity);
    }
}

impl MissionAcceptance {
    /// Unique, increasing number: the reward ledger's key.
    pub fn serial(&self) -> u64 {
        self.serial
    }

    /// The mission.
    pub fn mission(&self) -> &MissionId {
        &self.mission
    }

    /// Players on it: the first accepted it; party members and shared-scope players follow.
    pub fn holders(&self) -> &[Entity] {
        &self.holders
    }

    /// Where it is in its life.
    pub fn status(&self) -> MissionStatus {
        self.status
    }

    /// Game time accepted.
    pub fn accepted_at(&self) -> f64 {
        self.accepted_at
    }

    /// Game time it reached a final status.
    pub fn ended_at(&self) -> Option<f64> {
        self.ended_at
    }

    /// When it fails (drawn deadline or finish time).
    pub fn deadline(&self) -> Option<f64> {
        self.deadline
    }

    /// When it expires (expiry date, window close, daily refresh).
    pub fn expires_at(&self) -> Option<f64> {
        self.expires_at
    }

    /// Progress per objective, in definition order.
    pub fn progress(&self) -> &[ObjectiveProgress] {
        &self.progress
    }

    /// Progress on the objective with this key
    /// ([`ObjectiveDef::key`](crate::model::objective::ObjectiveDef::key)).
    pub fn objective(&self, key: &str) -> Option<&ObjectiveProgress> {
        self.progress.iter().find(|p| p.key.as_str() == key)
    }

    /// Its mission was removed from the catalog: it is frozen (no fact advances it) until the
    /// mission comes back.
    pub fn is_withdrawn(&self) -> bool {
        self.withdrawn
    }

    /// The log of what advanced it (the last [`MAX_CHECKPOINTS`]).
    pub fn checkpoints(&self) -> impl ExactSizeIterator<Item = &Checkpoint> {
        self.checkpoints.iter()
    }

    /// Shown on the HUD tracker.
    pub fn is_tracked(&self) -> bool {
        self.tracked
    }

    /// The extraction timer of the run it is flown in, when it was accepted from a posting.
    pub fn run_seconds(&self) -> Option<f64> {
        self.run_seconds
    }

    /// Game time its run started, if it is flown in a run that has started.
    pub fn run_started_at(&self) -> Option<f64> {
        self.run_started_at
    }

    /// A contract from a posting whose run has not started: its survive timer waits for
    /// [`MissionRequest::StartRun`](super::MissionRequest::StartRun).
    pub fn awaiting_launch(&self) -> bool {
        self.run_seconds.is_some() && self.run_started_at.is_none()
    }

    /// Game time a contract waiting at the hub expires unless its run starts first.
    pub fn launch_by(&self) -> Option<f64> {
        self.launch_by.filter(|_| self.awaiting_launch())
    }

    /// Places the game chose for its start effects.
    pub fn places(&self) -> &[ChosenPlace] {
        &self.places
    }

    /// Entities the game spawned for its `SpawnTarget` effects.
    pub fn spawned(&self) -> &[SpawnedTarget] {
        &self.spawned
    }

    /// The progress as saves and journals store it (without this frame's unreported marks).
    pub fn stored_progress(&self) -> Vec<ObjectiveProgress> {
        self.progress
            .iter()
            .map(|p| ObjectiveProgress {
                unreported: false,
                ..p.clone()
            })
            .collect()
    }

    /// Where to point for objective `index`: the catalog's marker, made precise by what the game
    /// reported for this attempt's start effects (the place it chose for a kind of place, the
    /// entity it spawned for a target).
    pub fn marker(
        &self,
        index: usize,
        def: &MissionDef,
        catalog: &MissionCatalog,
    ) -> ObjectiveMarker {
        let Some(objective) = def.objectives.get(index) else {
            return ObjectiveMarker::None;
        };
        match objective_marker(&objective.goal, catalog) {
            ObjectiveMarker::PlaceKind(kind) => self
                .places
                .iter()
                .rev()
                .find(|c| c.kind.as_ref() == Some(&kind))
                .and_then(|c| {
                    catalog
                        .place(c.place.as_str())
                        .map(|p| ObjectiveMarker::Place {
                            place: c.place.clone(),
                            position: p.position,
                        })
                })
                .unwrap_or(ObjectiveMarker::PlaceKind(kind)),
            ObjectiveMarker::Target(target) => self
                .spawned
                .iter()
                .rev()
                .find(|s| s.target == target)
                .map_or(ObjectiveMarker::Target(target), |s| {
                    ObjectiveMarker::Entity(s.entity)
                }),
            other => other,
        }
    }

    /// Whether every required objective is done.
    pub fn objectives_met(&self) -> bool {
        !self.progress.is_empty() && self.progress.iter().all(|p| p.done || p.optional)
    }

    /// Whether objective `index` may advance now: in parallel missions always; in sequential
    /// ones only when every earlier required objective is done.
    pub fn is_current(&self, index: usize, order: ObjectiveOrder) -> bool {
        order == ObjectiveOrder::Parallel
            || self
                .progress
                .iter()
                .take(index)
                .all(|p| p.done || p.optional)
    }

    /// Fraction done over required objectives, 0.0..=1.0 (for progress bars).
    pub fn fraction(&self) -> f32 {
        let required: Vec<&ObjectiveProgress> =
            self.progress.iter().filter(|p| !p.optional).collect();
        if required.is_empty() {
            return if self.objectives_met() { 1.0 } else { 0.0 };
        }
        required
            .iter()
            .map(|p| p.count.min(p.target) as f32 / p.target.max(1) as f32)
            .sum::<f32>()
            / required.len() as f32
    }

    /// Every player whose facts advanced it (for a solo attempt, its holder once it progressed).
    pub fn contributors(&self) -> Vec<Entity> {
        if self.holders.len() > 1 || !self.contributors.is_empty() {
            self.contributors.clone()
        } else if self.checkpoints.is_empty() {
            Vec::new()
        } else {
            self.holders.clone()
        }
    }

    /// Marks objective `index` as changed this frame; true the first time.
    pub(crate) fn mark_changed(&mut self, index: usize) -> bool {
        self.progress
            .get_mut(index)
            .is_some_and(|p| !std::mem::replace(&mut p.unreported, true))
    }

    pub(crate) fn log(&mut self, checkpoint: Checkpoint) {
        if self.checkpoints.len() >= MAX_CHECKPOINTS {
            self.checkpoints.pop_front();
        }
        self.checkpoints.push_back(checkpoint);
    }

    /// Applies one routed fact: the rule for progress, in one place. Sequential objectives only
    /// advance when current; distinct objectives count each place once; progress never passes
    /// the target; fail conditions count up to their limit.
    pub(crate) fn apply(&mut self, hit: &Hit<'_>, by: Entity, now: f64) -> Advanced {
        if self.status != MissionStatus::Active {
            return Advanced::Nothing;
        }
        let route = hit.route;
        match route.slot {
            Slot::Objective(i) => {
                let index = i as usize;
                let order = if route.sequential {
                    ObjectiveOrder::Sequential
                } else {
                    ObjectiveOrder::Parallel
                };
                if index >= self.progress.len()
                    || self.progress[index].done
                    || !self.is_current(index, order)
                {
                    return Advanced::Nothing;
                }
                if route.check == RouteCheck::Distinct {
                    let Some(place) = hit.place else {
                        return Advanced::Nothing;
                    };
                    if self.progress[index].seen.iter().any(|s| s == place) {
                        return Advanced::Nothing;
                    }
                    self.progress[index].seen.push(place.to_owned());
                }
                let p = &mut self.progress[index];
                let before = p.count;
                p.count = p.count.saturating_add(hit.amount).min(p.target.max(1));
                let added = p.count - before;
                p.done = p.count >= p.target;
                let done = p.done;
                let first = !std::mem::replace(&mut p.unreported, true);
                self.log(Checkpoint {
                    at: now,
                    objective: i,
                    amount: added,
                    by,
                });
                // Solo attempts: the holder is the only possible contributor.
                if self.holders.len() > 1 && !self.contributors.contains(&by) {
                    self.contributors.push(by);
                }
                Advanced::Progressed {
                    objective: i,
                    done,
                    first,
                }
            }
            Slot::Fail(i) => {
                let Some(count) = self.fail_counts.get_mut(i as usize) else {
                    return Advanced::Nothing;
                };
                *count = count.saturating_add(hit.amount);
                if *count >= route.target {
                    let key = self.fail_keys.get(i as usize).cloned().unwrap_or_default();
                    Advanced::Fail(super::messages::FailReason::Condition(key))
                } else {
                    Advanced::Nothing
                }
            }
            Slot::Protect(i) => {
                if self.progress.get(i as usize).is_some_and(|p| !p.done) {
                    Advanced::Fail(super::messages::FailReason::TargetLost)
                } else {
                    Advanced::Nothing
                }
            }
        }
    }

    /// Makes progress match a (possibly reloaded) definition: each objective keeps its progress
    /// by key, new ones start at zero, targets follow the definition.
    ///
    /// Progress is matched to objectives by key, not position, so a reordered or inserted
    /// objective keeps its own count; progress without a key (from a format-2 save) is matched by
    /// position once. Returns the progress of objectives that no longer exist (dropped).
    pub(crate) fn conform_to(&mut self, def: &MissionDef) -> Vec<ObjectiveProgress> {
        let mut old = std::mem::take(&mut self.progress);
        for (p, o) in old.iter_mut().zip(&def.objectives) {
            if p.key.as_str().is_empty() {
                p.key = o.key();
            }
        }
        self.progress = def
            .objectives
            .iter()
            .map(|o| {
                let key = o.key();
                let mut p = old
                    .iter()
                    .position(|p| p.key == key)
                    .map_or_else(ObjectiveProgress::default, |i| old.swap_remove(i));
                p.key = key;
                p.target = o.goal.target_count();
                p.optional = o.optional;
                p.count = p.count.min(p.target);
                p.done = p.done || (p.count >= p.target && p.ends_at.is_none());
                p
            })
            .collect();
        self.conform_fail_counts(def);
        old.retain(|p| p.count > 0 || p.done);
        old
    }

    /// Fail counts follow their condition by key (by position for counts saved without keys).
    fn conform_fail_counts(&mut self, def: &MissionDef) {
        let keys: Vec<String> = def.fail_when.iter().map(|f| f.identity()).collect();
        let old_keys = if self.fail_keys.len() == self.fail_counts.len() {
            std::mem::take(&mut self.fail_keys)
        } else {
            keys.iter().take(self.fail_counts.len()).cloned().collect()
        };
        let counts = keys
            .iter()
            .map(|k| {
                old_keys
                    .iter()
                    .position(|o| o == k)
                    .and_then(|i| self.fail_counts.get(i).copied())
                    .unwrap_or(0)
            })
            .collect();
        self.fail_counts = counts;
        self.fail_keys = keys;
    }
}

#[cfg(test)]
mod tests {
    use bevy::ecs::entity::EntityHashMap;

    use super::*;

    #[test]
    fn every_player_reference_is_mapped() {
        let mut world = World::new();
        let (ann, bob, ann2, bob2) = (
            world.spawn_empty().id(),
            world.spawn_empty().id(),
            world.spawn_empty().id(),
            world.spawn_empty().id(),
        );
        let mut acc = MissionAcceptance {
            serial: 1,
            mission: MissionId::from("M"),
            holders: vec![ann, bob],
            status: MissionStatus::Active,
            accepted_at: 0.0,
            ended_at: None,
            deadline: None,
            expires_at: None,
            progress: Vec::new(),
            fail_counts: Vec::new(),
            fail_keys: Vec::new(),
            withdrawn: false,
            checkpoints: VecDeque::from([Checkpoint {
                at: 1.0,
                objective: 0,
                amount: 1,
                by: bob,
            }]),
            contributors: vec![bob],
            tracked: false,
            run_seconds: None,
            run_started_at: None,
            launch_by: None,
            places: Vec::new(),
            spawned: Vec::new(),
        };
        let mut map = EntityHashMap::default();
        map.insert(ann, ann2);
        map.insert(bob, bob2);
        // The component hook the derive generates (scenes, cloning, replication use it).
        <MissionAcceptance as Component>::map_entities(&mut acc, &mut map);
        assert_eq!(acc.holders, vec![ann2, bob2]);
        assert_eq!(acc.contributors, vec![bob2]);
        assert_eq!(acc.checkpoints[0].by, bob2);
    }
}
