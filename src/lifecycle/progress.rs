//! Progress: routing facts to objectives, timers, completion checks, auto-start, reloads.

use bevy::prelude::*;

use super::acceptance::{Advanced, MissionAcceptance};
use super::gates::variable_value;
use super::messages::{FailReason, MissionWithdrawn, ObjectiveProgressed, ObjectiveRemoved};
use super::param::{Lifecycle, Work, start_timers, trigger_written};
use crate::catalog::{MissionDef, ObjectiveOrder, Origin, Scope, Trigger};
use crate::ids::MissionId;
use crate::model::status::MissionStatus;
use crate::objectives::{DueKind, FactKind, Hit, Routed};

/// Applies one routed fact to its acceptance and queues what follows (progress message,
/// completion check, failure). Change detection is set once per changed objective when its
/// progress message is written (`emit_progress`), not once per fact.
fn apply_hit(
    acceptances: &mut Query<&'static mut MissionAcceptance>,
    work: &mut Work,
    hit: &Hit<'_>,
    player: Entity,
    now: f64,
) {
    if !hit.route.check.passes(hit) {
        return;
    }
    let acceptance = hit.route.acceptance;
    let Ok(mut acc) = acceptances.get_mut(acceptance) else {
        debug!("fact for acceptance {acceptance}, which does not exist");
        return;
    };
    match acc.bypass_change_detection().apply(hit, player, now) {
        Advanced::Nothing => {}
        Advanced::Progressed {
            objective,
            done,
            first,
        } => {
            if first {
                work.dirty.push((acceptance, objective));
            }
            if done {
                work.done.push((acceptance, player));
            }
        }
        Advanced::Fail(reason) => work.fail.push((acceptance, reason)),
    }
}

impl Lifecycle<'_, '_> {
    /// Routes one fact to the objectives waiting on it: O(objectives it matches).
    ///
    /// A fact about a player who no longer exists finds nothing: a despawned player's routes are
    /// forgotten (a fact about the world, an NPC dying, still counts whoever reports it).
    pub fn fact(&mut self, player: Entity, fact: &FactKind) {
        let now = self.clock.now;
        let Lifecycle {
            index,
            acceptances,
            work,
            ..
        } = self;
        let routed = index.for_each_hit(player, fact, |hit| {
            apply_hit(acceptances, work, &hit, player, now);
        });
        // Off the hot path: a fact that could match nothing is looked into, and warned about
        // once when it names an unknown id or an entity that is not a player.
        match routed {
            Routed::Checked => {}
            Routed::Unnamed => self.unknown.check_fact(&self.catalog, fact),
            Routed::NoRoutes => {
                if self.players.contains(player) || matches!(fact, FactKind::NpcDied { .. }) {
                    self.unknown.check_fact(&self.catalog, fact);
                } else {
                    self.unknown.check_player(player);
                }
            }
        }
        self.objectives_done();
    }

    /// Completions of a mission advance the parents waiting on it (subquests).
    pub(super) fn subquest_done(&mut self, player: Entity, mission: &MissionId) {
        let now = self.clock.now;
        let Lifecycle {
            index,
            acceptances,
            work,
            ..
        } = self;
        for route in index.completion_hits(player, mission) {
            let hit = Hit {
                route,
                amount: 1,
                place: None,
                faction: None,
                npc: None,
            };
            apply_hit(acceptances, work, &hit, player, now);
        }
        self.objectives_done();
    }

    /// After objectives finished: start the timers of the next sequential objectives and check
    /// whether the missions are complete.
    fn objectives_done(&mut self) {
        for (acceptance, player) in std::mem::take(&mut self.work.done) {
            self.restart_timers(acceptance);
            self.check_complete(acceptance, Some(player));
        }
    }

    /// Starts the timers of objectives that just became current (sequential missions).
    fn restart_timers(&mut self, acceptance: Entity) {
        let Ok(acc) = self.acceptances.get(acceptance) else {
            return;
        };
        let Some(def) = self.def(acc.mission.as_str()).cloned() else {
            return;
        };
        if def.order != ObjectiveOrder::Sequential {
            return;
        }
        self.start_current_timers(acceptance, &def);
    }

    /// Starts the timers of an acceptance's current objectives, in place.
    fn start_current_timers(&mut self, acceptance: Entity, def: &MissionDef) {
        let Lifecycle {
            acceptances,
            deadlines,
            catalog,
            clock,
            ..
        } = self;
        if let Ok(mut acc) = acceptances.get_mut(acceptance) {
            start_timers(&mut acc, def, acceptance, catalog, deadlines, clock.now);
        }
    }

    pub(super) fn check_complete(&mut self, acceptance: Entity, finisher: Option<Entity>) {
        let Ok(acc) = self.acceptances.get(acceptance) else {
            return;
        };
        if acc.status != MissionStatus::Active || !acc.objectives_met() {
            return;
        }
        let turn_in = self.def(acc.mission.as_str()).is_some_and(|d| d.turn_in);
        if !turn_in {
            self.work.complete.push((acceptance, finisher));
        }
    }

    /// Handles every timer that fell due.
    pub fn tick(&mut self) {
        let now = self.clock.now;
        while let Some(due) = self.deadlines.pop_due(now) {
            let Ok(mut acc) = self.acceptances.get_mut(due.acceptance) else {
                continue;
            };
            if acc.serial != due.serial || acc.status != MissionStatus::Active {
                continue;
            }
            match due.kind {
                DueKind::ObjectiveTimer(i) => {
                    let index = i as usize;
                    let Some(p) = acc.progress.get_mut(index) else {
                        continue;
                    };
                    if p.done || p.ends_at != Some(due.at) {
                        continue;
                    }
                    p.count = p.target;
                    p.done = true;
                    if acc.mark_changed(index) {
                        self.work.dirty.push((due.acceptance, i));
                    }
                    self.restart_timers(due.acceptance);
                    self.check_complete(due.acceptance, None);
                }
                DueKind::Deadline => {
                    if acc.deadline == Some(due.at) {
                        self.work
                            .fail
                            .push((due.acceptance, FailReason::DeadlinePassed));
                    }
                }
                DueKind::Expiry => {
                    if acc.expires_at == Some(due.at) {
                        self.expire(due.acceptance);
                    }
                }
                DueKind::Launch => {
                    if acc.launch_by == Some(due.at) && acc.awaiting_launch() {
                        let (mission, holders) = (acc.mission.clone(), acc.holders.clone());
                        self.expire(due.acceptance);
                        self.drop_contract(&mission, &holders);
                    }
                }
            }
        }
        self.flush();
    }

    /// Drains everything queued: completions, failures, follow-up accepts and progress messages.
    /// Bounded, so a catalog whose follow-ups start each other cannot loop forever.
    pub fn flush(&mut self) {
        for _ in 0..64 {
            // Progress is told before the completions and failures it causes.
            self.emit_progress();
            if self.work.complete.is_empty()
                && self.work.fail.is_empty()
                && self.work.accept.is_empty()
            {
                break;
            }
            for (acceptance, reason) in std::mem::take(&mut self.work.fail) {
                self.fail(acceptance, reason);
            }
            for (acceptance, finisher) in std::mem::take(&mut self.work.complete) {
                self.complete(acceptance, finisher);
            }
            for (player, mission, by) in std::mem::take(&mut self.work.accept) {
                if let Err(reason) = self.accept(player, &mission, by.as_ref()) {
                    self.reject(player, &mission, reason);
                }
            }
        }
        self.emit_progress();
    }

    pub(super) fn emit_progress(&mut self) {
        let mut dirty = std::mem::take(&mut self.work.dirty);
        let mut written: Option<(usize, usize)> = None;
        for (acceptance, i) in dirty.drain(..) {
            if let Ok(mut acc) = self.acceptances.get_mut(acceptance)
                && let Some(p) = acc.progress.get_mut(i as usize)
                && std::mem::take(&mut p.unreported)
            {
                let (count, target, done) = (p.count, p.target, p.done);
                let acc = &*acc;
                let key = &acc.progress[i as usize].key;
                for &player in &acc.holders {
                    let id = self.out.progressed.write(ObjectiveProgressed {
                        player,
                        acceptance,
                        mission: acc.mission.clone(),
                        key: key.clone(),
                        count,
                        target,
                        done,
                    });
                    written = Some((written.map_or(id.id, |(first, _)| first), id.id));
                }
            }
        }
        self.work.dirty = dirty;
        // One command for the batch: it triggers the messages just written on their players,
        // cloning them only when an observer watches `ObjectiveProgressed`. Queued before the
        // completions it causes, so observers hear progress first.
        if let Some((first, last)) = written {
            self.commands.queue(move |world: &mut World| {
                trigger_written::<ObjectiveProgressed>(world, first..=last);
            });
        }
    }

    /// After a catalog reload: every active acceptance keeps its progress, follows the new
    /// definition's objectives and is routed again. Missions removed from the catalog stay
    /// active but frozen (with a warning) until they return or are abandoned.
    pub fn conform_all(&mut self) {
        self.index.refresh_catalog(&self.catalog);
        self.schedule_clock_triggers();
        let entities: Vec<Entity> = self.acceptance_entities.iter().collect();
        for entity in entities {
            let Ok(acc) = self.acceptances.get(entity) else {
                continue;
            };
            if acc.status != MissionStatus::Active {
                continue;
            }
            let mission = acc.mission.clone();
            let Some(def) = self.def(mission.as_str()).cloned() else {
                self.withdraw(entity, &mission);
                continue;
            };
            let Ok(mut acc) = self.acceptances.get_mut(entity) else {
                continue;
            };
            let dropped = acc.conform_to(&def);
            let came_back = std::mem::take(&mut acc.withdrawn);
            let players = acc.holders.clone();
            if came_back {
                info!("mission {mission} is back in the catalog; its attempts resume");
                self.out.withdrawn.write(MissionWithdrawn {
                    acceptance: entity,
                    mission: mission.clone(),
                    players: players.clone(),
                    withdrawn: false,
                });
            }
            for p in dropped {
                warn!(
                    "objective `{}` of {mission} was removed; its progress ({}/{}) is dropped",
                    p.key, p.count, p.target
                );
                self.out.removed.write(ObjectiveRemoved {
                    acceptance: entity,
                    mission: mission.clone(),
                    players: players.clone(),
                    key: p.key,
                    count: p.count,
                });
            }
            let holders = acc.holders.clone();
            self.start_current_timers(entity, &def);
            self.index.unregister(entity);
            self.index.register(entity, &holders, &def);
            self.check_complete(entity, None);
        }
        self.flush();
    }

    /// An attempt whose mission left the catalog: frozen (unrouted) and reported once.
    fn withdraw(&mut self, entity: Entity, mission: &MissionId) {
        self.index.unregister(entity);
        let Ok(mut acc) = self.acceptances.get_mut(entity) else {
            return;
        };
        if acc.withdrawn {
            return;
        }
        acc.withdrawn = true;
        let players = acc.holders.clone();
        warn!(
            "active mission {mission} was removed from the catalog; its progress is kept until it returns"
        );
        self.out.withdrawn.write(MissionWithdrawn {
            acceptance: entity,
            mission: mission.clone(),
            players,
            withdrawn: true,
        });
    }

    /// Whether a timer falls due now (O(1)).
    pub fn anything_due(&self) -> bool {
        self.deadlines
            .next_at()
            .is_some_and(|at| at <= self.clock.now)
    }

    /// Queues players whose auto-start missions should be checked.
    pub fn queue_auto_start(&mut self, players: impl IntoIterator<Item = Entity>) {
        self.auto_queue.0.extend(players);
    }

    /// Takes the queued players (sorted, without repeats).
    pub fn take_auto_queue(&mut self) -> Vec<Entity> {
        let mut players = std::mem::take(&mut self.auto_queue.0);
        players.sort_unstable();
        players.dedup();
        players
    }

    /// Offers a new player the game-start missions they can take (auto-start ones are started
    /// by [`Lifecycle::auto_start`]). A player restored from a save who already saw, holds or
    /// finished one is not offered it again.
    pub fn offer_game_start(&mut self, players: &[Entity]) {
        let game_start: Vec<MissionId> = self
            .catalog
            .missions()
            .filter(|m| m.origins.contains(&Origin::GameStart) && !m.auto_start)
            .map(|m| m.id.clone())
            .collect();
        for &player in players {
            for mission in &game_start {
                let seen = self.players.get(player).is_ok_and(|p| {
                    p.history.offered.contains(mission)
                        || p.history.record(mission).is_some()
                        || p.active.of(mission).is_some()
                });
                let Some(def) = self.def(mission.as_str()).cloned() else {
                    continue;
                };
                if !seen && self.player_view_check(player, &def).is_ok() {
                    self.offer(player, mission, None);
                }
            }
        }
    }

    /// Starts every auto-start mission whose gates now hold for the queued players.
    /// Triggered missions start the same way once their trigger holds.
    pub fn auto_start(&mut self, players: &[Entity]) {
        let auto: Vec<MissionId> = self
            .catalog
            .missions()
            .filter(|m| m.auto_start || m.trigger.is_some())
            .map(|m| m.id.clone())
            .collect();
        for &player in players {
            for mission in &auto {
                let Some(def) = self.def(mission.as_str()).cloned() else {
                    continue;
                };
                let triggered = def
                    .trigger
                    .as_ref()
                    .is_none_or(|t| self.trigger_holds(player, t));
                if triggered && self.player_view_check(player, &def).is_ok() {
                    let _ = self.accept(player, mission, None);
                }
            }
        }
        self.flush();
    }

    /// Whether a trigger holds for a player now.
    fn trigger_holds(&self, player: Entity, trigger: &Trigger) -> bool {
        let Ok(p) = self.players.get(player) else {
            return false;
        };
        match trigger {
            Trigger::VariableReaches { variable, value } => {
                let shared = (&*self.shared, &*self.shared_vars);
                variable_value(variable, p.variables, &self.catalog, &shared) >= *value
            }
            Trigger::AtTime { .. } | Trigger::AfterMission { .. } => {
                let completed_at = match trigger {
                    Trigger::AfterMission { mission, .. } => {
                        p.history.record(mission).and_then(|r| r.last_completed_at)
                    }
                    _ => None,
                };
                trigger
                    .due_at(completed_at)
                    .is_some_and(|at| at <= self.clock.now)
            }
        }
    }

    /// Queues the players whose timer triggers fell due for the next auto-start check.
    pub(super) fn queue_due_triggers(&mut self) {
        let now = self.clock.now;
        if !self.triggers.any_due(now) {
            return;
        }
        let mut everyone = false;
        for player in self.triggers.take_due(now) {
            match player {
                Some(p) => self.auto_queue.0.push(p),
                None => everyone = true,
            }
        }
        if everyone {
            self.auto_queue
                .0
                .extend(self.players.iter().map(|p| p.entity));
        }
    }

    /// Schedules the clock-time triggers of the catalog (on every load and reload).
    pub(super) fn schedule_clock_triggers(&mut self) {
        self.schedule_pending_after_triggers();
        let times: Vec<f64> = self
            .catalog
            .missions()
            .filter_map(|m| match m.trigger {
                Some(Trigger::AtTime { at }) => Some(at),
                _ => None,
            })
            .collect();
        for at in times {
            self.triggers.push(at, None);
        }
    }
}

impl Lifecycle<'_, '_> {
    /// Queues every delayed trigger still to come (`AfterMission`, from each player's last
    /// completion of the mission it waits on), so one waiting when the game was saved, or when
    /// the catalog changed, still fires after a load. Nothing of it needs saving: the completion
    /// times are in each player's history.
    fn schedule_pending_after_triggers(&mut self) {
        let delays: Vec<(MissionId, f64)> = self
            .catalog
            .missions()
            .filter_map(|m| match &m.trigger {
                Some(Trigger::AfterMission { mission, seconds }) => {
                    Some((mission.clone(), *seconds))
                }
                _ => None,
            })
            .collect();
        if delays.is_empty() {
            return;
        }
        let now = self.clock.now;
        let mut due = Vec::new();
        for p in self.players.iter() {
            for (after, seconds) in &delays {
                if let Some(at) = p
                    .history
                    .record(after)
                    .and_then(|r| r.last_completed_at)
                    .map(|done| done + seconds)
                    .filter(|at| *at > now)
                {
                    due.push((at, p.entity));
                }
            }
        }
        for (at, player) in due {
            self.triggers.push(at, Some(player));
        }
    }

    /// Takes in acceptances restored from a save (already spawned with their component): the
    /// holders' active lists, shared-scope bookkeeping, deadlines and expiry, then everything
    /// [`Lifecycle::conform_all`] does (targets from the catalog, routing, running timers).
    pub(crate) fn adopt_restored(&mut self, restored: &[Entity]) {
        for &entity in restored {
            let Ok(acc) = self.acceptances.get(entity) else {
                continue;
            };
            let (mission, holders) = (acc.mission.clone(), acc.holders.clone());
            self.deadlines.push_deadline_and_expiry(
                entity,
                acc.serial,
                acc.deadline,
                acc.expires_at,
            );
            let (serial, launch_by) = (acc.serial, acc.launch_by());
            self.queue_launch(entity, serial, launch_by);
            if self
                .def(mission.as_str())
                .is_some_and(|d| matches!(d.scope, Scope::Shared { .. }))
            {
                self.shared.active.insert(mission.clone(), entity);
            }
            for holder in holders {
                if let Ok(mut p) = self.players.get_mut(holder) {
                    p.active.0.push((entity, mission.clone()));
                }
            }
            self.request_unanswered_effects(entity);
        }
        self.conform_all();
    }
}
