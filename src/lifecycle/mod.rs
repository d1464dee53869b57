//! The mission lifecycle: accept (with every gate re-checked), progress, complete and pay
//! exactly once, fail, abandon, expire, follow-ups, effects, scopes and parties.
//!
//! All of it runs through [`Lifecycle`], a system parameter whose methods are the only place
//! acceptances change status. The state machine itself is data ([`TRANSITIONS`]).

mod acceptance;
mod gates;
mod messages;
mod reputation;
mod state;
mod systems;

use std::collections::BTreeMap;

use bevy::ecs::query::QueryData;
use bevy::ecs::system::{SystemId, SystemParam};
use bevy::platform::collections::HashMap;
use bevy::prelude::*;
use rand::{RngExt, SeedableRng};

pub use acceptance::{Checkpoint, MAX_CHECKPOINTS, MissionAcceptance, ObjectiveProgress};
pub use gates::{PlayerView, RejectReason, SharedCompletions, check_gates};
pub use messages::*;
pub use reputation::{change_reputation, gain_ceiling, rivals_of};
pub use state::{
    IllegalTransition, MissionStatus, QuestState, TRANSITIONS, Transition, next_status,
};
pub(crate) use systems::LifecyclePlugin;

use crate::catalog::{
    FollowUpMode, ItemStack, MissionCatalog, MissionDef, ObjectiveOrder, Origin, Scope,
    SharedRewards,
};
use crate::clock::MissionClock;
use crate::effects::Effect;
use crate::ids::*;
use crate::objectives::{
    DeadlineQueue, Due, DueKind, FactKind, ObjectiveIndex, ObjectiveKind, RouteCheck, Slot,
};
use crate::player::*;

/// Seed for every random draw of the lifecycle (deadline ranges). Each acceptance draws from
/// `(seed, serial)`, so results do not depend on the order of requests.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq)]
pub struct MissionSeed(pub u64);

impl Default for MissionSeed {
    fn default() -> Self {
        MissionSeed(0x6d69_7373_696f_6e73)
    }
}

/// The next acceptance serial (saved with the game so serials never repeat).
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SerialCounter(pub u64);

/// Shared-scope missions: the one acceptance everyone joins, and completions by anyone.
#[derive(Resource, Clone, Debug, Default)]
pub struct SharedMissions {
    /// The active shared acceptance of each mission.
    pub active: HashMap<MissionId, Entity>,
    /// Completions of each shared mission (count, last time).
    pub completions: BTreeMap<MissionId, (u32, Option<f64>)>,
}

impl SharedCompletions for SharedMissions {
    fn shared_completions(&self, mission: &MissionId) -> Option<(u32, Option<f64>)> {
        self.completions.get(mission).copied()
    }
}

/// Variables marked `shared` in the catalog.
#[derive(Resource, Clone, Debug, Default, PartialEq, Eq)]
pub struct SharedVariables(pub BTreeMap<VariableId, i64>);

/// What a hook receives.
#[derive(Clone, Debug, PartialEq)]
pub struct HookCall {
    /// The hook's name.
    pub name: HookId,
    /// Its arguments from the catalog.
    pub args: Vec<String>,
    /// The player concerned.
    pub player: Entity,
    /// The acceptance.
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
}

/// Hooks the game registered with [`MissionsAppExt::add_mission_hook`].
#[derive(Resource, Default)]
pub struct MissionHooks(pub HashMap<HookId, SystemId<In<HookCall>>>);

/// Registering effect hooks.
pub trait MissionsAppExt {
    /// Registers a system run when an effect `Hook(name: "...")` fires.
    fn add_mission_hook<M>(
        &mut self,
        name: impl Into<HookId>,
        system: impl IntoSystem<In<HookCall>, (), M> + 'static,
    ) -> &mut Self;
}

impl MissionsAppExt for App {
    fn add_mission_hook<M>(
        &mut self,
        name: impl Into<HookId>,
        system: impl IntoSystem<In<HookCall>, (), M> + 'static,
    ) -> &mut Self {
        let id = self.world_mut().register_system(system);
        self.world_mut()
            .get_resource_or_insert_with(MissionHooks::default)
            .0
            .insert(name.into(), id);
        self
    }
}

/// Players whose auto-start missions should be checked (new players, completions, reloads).
#[derive(Resource, Default, Debug)]
pub struct AutoStartQueue(pub Vec<Entity>);

/// Entities subscribed to quest states, by mission.
#[derive(Resource, Default)]
pub(crate) struct QuestSubscribers(HashMap<MissionId, Vec<Entity>>);

/// The player components the lifecycle reads and writes.
#[derive(QueryData)]
#[query_data(mutable)]
pub struct PlayerData {
    /// Identity.
    pub holder: &'static MissionHolder,
    /// Credits.
    pub wallet: &'static mut Wallet,
    /// XP and level.
    pub experience: &'static mut Experience,
    /// Reputation.
    pub reputation: &'static mut Reputation,
    /// Traits.
    pub traits: &'static mut PlayerTraits,
    /// Items.
    pub inventory: &'static mut Inventory,
    /// Completions and offers.
    pub history: &'static mut MissionHistory,
    /// Paid acceptances.
    pub ledger: &'static mut RewardLedger,
    /// Variables.
    pub variables: &'static mut PlayerVariables,
    /// Active acceptances.
    pub active: &'static mut ActiveMissions,
}

/// Work queued while handling one request or fact, drained by [`Lifecycle::flush`].
#[derive(Default)]
pub struct Work {
    complete: Vec<(Entity, Option<Entity>)>,
    fail: Vec<(Entity, FailReason)>,
    accept: Vec<(Entity, MissionId, Option<MissionId>)>,
    dirty: Vec<(Entity, u16)>,
    hits: Vec<(Entity, Slot, u32, RouteCheck, u32, bool)>,
}

/// The outcome writers.
#[derive(SystemParam)]
pub struct Outcomes<'w> {
    accepted: MessageWriter<'w, MissionAccepted>,
    progressed: MessageWriter<'w, ObjectiveProgressed>,
    completed: MessageWriter<'w, MissionCompleted>,
    failed: MessageWriter<'w, MissionFailed>,
    abandoned: MessageWriter<'w, MissionAbandoned>,
    expired: MessageWriter<'w, MissionExpired>,
    rejected: MessageWriter<'w, MissionRejected>,
    offered: MessageWriter<'w, MissionOffered>,
    items: MessageWriter<'w, ItemsChanged>,
    effects: MessageWriter<'w, MissionEffectRequested>,
}

/// Everything the lifecycle touches. Its methods are the rules of the game, in one place.
#[derive(SystemParam)]
pub struct Lifecycle<'w, 's> {
    catalog: Res<'w, MissionCatalog>,
    clock: Res<'w, MissionClock>,
    seed: Res<'w, MissionSeed>,
    serials: ResMut<'w, SerialCounter>,
    index: ResMut<'w, ObjectiveIndex>,
    deadlines: ResMut<'w, DeadlineQueue>,
    shared: ResMut<'w, SharedMissions>,
    shared_vars: ResMut<'w, SharedVariables>,
    hooks: Option<Res<'w, MissionHooks>>,
    subscribers: Res<'w, QuestSubscribers>,
    subscriptions: Query<'w, 's, &'static QuestSubscription>,
    players: Query<'w, 's, PlayerData>,
    acceptances: Query<'w, 's, &'static mut MissionAcceptance>,
    acceptance_entities: Query<'w, 's, Entity, With<MissionAcceptance>>,
    auto_queue: ResMut<'w, AutoStartQueue>,
    commands: Commands<'w, 's>,
    out: Outcomes<'w>,
    work: Local<'s, Work>,
}

/// Seconds the run's survive timer lasts for a mission flown from a posting.
fn survive_secs(def: &MissionDef, seconds: Option<f64>, catalog: &MissionCatalog) -> f64 {
    seconds.unwrap_or_else(|| {
        let tuning = catalog.tuning();
        catalog
            .postings()
            .iter()
            .find(|p| p.mission == def.id)
            .map_or(tuning.timer(crate::tuning::Difficulty::Standard), |p| {
                tuning.timer(p.difficulty)
            }) as f64
    })
}

impl Lifecycle<'_, '_> {
    /// The catalog in use.
    pub fn catalog(&self) -> &MissionCatalog {
        &self.catalog
    }

    fn reject(&mut self, player: Entity, mission: &MissionId, reason: RejectReason) {
        let def = self.catalog.mission(mission.as_str());
        let line = match (&reason, def) {
            (RejectReason::ObjectivesNotMet, Some(d)) => d.dialogue.success_lie.clone(),
            (_, Some(d)) => d.dialogue.rejected.clone(),
            _ => String::new(),
        };
        debug!("mission {mission} refused for {player}: {reason}");
        self.out.rejected.write(MissionRejected {
            player,
            mission: mission.clone(),
            reason,
            line,
        });
    }

    /// Handles one request, then everything it causes.
    pub fn request(&mut self, request: &MissionRequest) {
        match request {
            MissionRequest::Accept { player, mission } => {
                if let Err(reason) = self.accept(*player, mission, None) {
                    self.reject(*player, mission, reason);
                }
            }
            MissionRequest::Join {
                player,
                leader,
                mission,
            } => {
                if let Err(reason) = self.join(*player, *leader, mission) {
                    self.reject(*player, mission, reason);
                }
            }
            MissionRequest::Abandon { player, mission } => {
                if let Err(reason) = self.abandon(*player, mission) {
                    self.reject(*player, mission, reason);
                }
            }
            MissionRequest::TurnIn { player, mission } => {
                if let Err(reason) = self.turn_in(*player, mission) {
                    self.reject(*player, mission, reason);
                }
            }
            MissionRequest::Track {
                player,
                mission,
                tracked,
            } => {
                let found = self
                    .players
                    .get(*player)
                    .ok()
                    .and_then(|p| p.active.of(mission));
                match found.and_then(|e| self.acceptances.get_mut(e).ok()) {
                    Some(mut acc) => acc.tracked = *tracked,
                    None => self.reject(*player, mission, RejectReason::NotActive),
                }
            }
            MissionRequest::UseItem { player, item } => {
                let triggered: Vec<MissionId> = self
                    .catalog
                    .missions()
                    .filter(|m| m.triggered_by_item.as_ref() == Some(item))
                    .map(|m| m.id.clone())
                    .collect();
                for mission in triggered {
                    // Using the item is the offer.
                    if let Ok(mut p) = self.players.get_mut(*player) {
                        p.history.offered.insert(mission.clone());
                    }
                    if let Err(reason) = self.accept(*player, &mission, None) {
                        self.reject(*player, &mission, reason);
                    }
                }
            }
            MissionRequest::Leave { player } => self.leave(*player),
        }
        self.flush();
    }

    fn player_view_check(&self, player: Entity, def: &MissionDef) -> Result<(), RejectReason> {
        let p = self
            .players
            .get(player)
            .map_err(|_| RejectReason::UnknownPlayer)?;
        let view = PlayerView {
            reputation: p.reputation,
            experience: p.experience,
            traits: p.traits,
            inventory: p.inventory,
            history: p.history,
            active_count: p.active.0.len(),
            has_active: p.active.of(&def.id).is_some(),
        };
        check_gates(def, &view, &self.catalog, &*self.shared, self.clock.now)
    }

    /// Accepts a mission for a player after checking every gate. Shared-scope missions join the
    /// one shared acceptance when it exists.
    pub fn accept(
        &mut self,
        player: Entity,
        mission: &MissionId,
        offered_by: Option<&MissionId>,
    ) -> Result<Entity, RejectReason> {
        let def = self
            .catalog
            .mission(mission.as_str())
            .cloned()
            .ok_or_else(|| RejectReason::UnknownMission(mission.clone()))?;
        self.player_view_check(player, &def)?;
        if matches!(def.scope, Scope::Shared { .. })
            && let Some(&existing) = self.shared.active.get(mission)
            && self.acceptances.contains(existing)
        {
            self.add_holder(existing, player, &def)?;
            return Ok(existing);
        }
        let now = self.clock.now;
        self.serials.0 += 1;
        let serial = self.serials.0;
        let mut rng = rand::rngs::ChaCha8Rng::seed_from_u64(
            self.seed.0 ^ serial.wrapping_mul(0x9E37_79B9_7F4A_7C15),
        );
        let mut deadline: Option<f64> = None;
        if let Some(range) = def.timing.deadline_hours {
            let hours = if range.high > range.low {
                rng.random_range(range.low..=range.high)
            } else {
                range.low
            };
            deadline = Some(now + hours * 3600.0);
        }
        if let Some(ft) = def.timing.finish_time {
            deadline = Some(deadline.map_or(now + ft, |d| d.min(now + ft)));
        }
        let expires_at = [
            def.timing.expires_at,
            def.timing.window.map(|w| w.closes_at),
            self.daily_expiry(&def),
        ]
        .into_iter()
        .flatten()
        .reduce(f64::min);

        let progress = def
            .objectives
            .iter()
            .map(|o| ObjectiveProgress {
                target: o.goal.target_count(),
                optional: o.optional,
                ..default()
            })
            .collect();
        let acceptance = MissionAcceptance {
            serial,
            mission: mission.clone(),
            holders: vec![player],
            status: MissionStatus::Active,
            accepted_at: now,
            ended_at: None,
            deadline,
            expires_at,
            progress,
            fail_counts: vec![0; def.fail_when.len()],
            checkpoints: Vec::new(),
            contributors: Vec::new(),
            tracked: def.tracked,
        };
        let mut acceptance = acceptance;
        let entity = self.commands.spawn_empty().id();
        self.start_timers(&mut acceptance, &def, entity);
        for (at, kind) in [(deadline, DueKind::Deadline), (expires_at, DueKind::Expiry)] {
            if let Some(at) = at {
                self.deadlines.push(Due {
                    at,
                    acceptance: entity,
                    serial,
                    kind,
                });
            }
        }
        self.commands.entity(entity).insert(acceptance);
        if matches!(def.scope, Scope::Shared { .. }) {
            self.shared.active.insert(mission.clone(), entity);
        }
        if let Ok(mut p) = self.players.get_mut(player) {
            p.active.0.push((entity, mission.clone()));
            p.history.offered.remove(mission);
        }
        self.index.register(entity, &[player], &def);
        self.out.accepted.write(MissionAccepted {
            player,
            mission: mission.clone(),
            acceptance: entity,
            line: def.dialogue.accepted.clone(),
        });
        debug!("{player} accepted {mission} (offered by {offered_by:?})");
        self.apply_effects(&def.effects.on_start, player, entity, &def);
        self.notify_state(player, mission, QuestState::Active);
        Ok(entity)
    }

    /// Sets the end time and queues the timer of every current objective that has one.
    fn start_timers(&mut self, acc: &mut MissionAcceptance, def: &MissionDef, entity: Entity) {
        let now = self.clock.now;
        for (i, objective) in def.objectives.iter().enumerate() {
            let secs = match &objective.goal {
                ObjectiveKind::Survive { seconds } => survive_secs(def, *seconds, &self.catalog),
                ObjectiveKind::Defend { seconds, .. } => *seconds,
                _ => continue,
            };
            let p = &acc.progress[i];
            if p.done || !acc.is_current(i, def.order) {
                continue;
            }
            let ends_at = match p.ends_at {
                Some(t) => t,
                None => now + secs,
            };
            acc.progress[i].ends_at = Some(ends_at);
            self.deadlines.push(Due {
                at: ends_at,
                acceptance: entity,
                serial: acc.serial,
                kind: DueKind::ObjectiveTimer(i as u16),
            });
        }
    }

    /// When a daily mission accepted now expires: at the next daily refresh.
    fn daily_expiry(&self, def: &MissionDef) -> Option<f64> {
        if !def.origins.contains(&Origin::Daily) {
            return None;
        }
        let hour = self.catalog.daily().map_or(0, |d| d.refresh_hour);
        let day = self.clock.day(hour);
        Some(self.clock.next_refresh_after(day, hour))
    }

    fn add_holder(
        &mut self,
        acceptance: Entity,
        player: Entity,
        def: &MissionDef,
    ) -> Result<(), RejectReason> {
        let Ok(mut acc) = self.acceptances.get_mut(acceptance) else {
            return Err(RejectReason::NotActive);
        };
        if acc.status != MissionStatus::Active {
            return Err(RejectReason::NotActive);
        }
        if acc.holders.contains(&player) {
            return Err(RejectReason::AlreadyActive);
        }
        acc.holders.push(player);
        let mission = acc.mission.clone();
        if let Ok(mut p) = self.players.get_mut(player) {
            p.active.0.push((acceptance, mission.clone()));
            p.history.offered.remove(&mission);
        }
        self.index.register(acceptance, &[player], def);
        self.out.accepted.write(MissionAccepted {
            player,
            mission: mission.clone(),
            acceptance,
            line: def.dialogue.accepted.clone(),
        });
        self.notify_state(player, &mission, QuestState::Active);
        Ok(())
    }

    /// Joins a party member to the leader's acceptance (every gate applies to the joiner).
    pub fn join(
        &mut self,
        player: Entity,
        leader: Entity,
        mission: &MissionId,
    ) -> Result<(), RejectReason> {
        let def = self
            .catalog
            .mission(mission.as_str())
            .cloned()
            .ok_or_else(|| RejectReason::UnknownMission(mission.clone()))?;
        if def.party.max_size <= 1 && !matches!(def.scope, Scope::Shared { .. }) {
            return Err(RejectReason::Solo);
        }
        let acceptance = self
            .players
            .get(leader)
            .map_err(|_| RejectReason::UnknownPlayer)?
            .active
            .of(mission)
            .ok_or(RejectReason::NotActive)?;
        self.player_view_check(player, &def)?;
        let size = self
            .acceptances
            .get(acceptance)
            .map_err(|_| RejectReason::NotActive)?
            .holders
            .len();
        if !matches!(def.scope, Scope::Shared { .. }) && size >= def.party.max_size as usize {
            return Err(RejectReason::PartyFull {
                max: def.party.max_size,
            });
        }
        self.add_holder(acceptance, player, &def)
    }

    fn active_of(&self, player: Entity, mission: &MissionId) -> Result<Entity, RejectReason> {
        self.players
            .get(player)
            .map_err(|_| RejectReason::UnknownPlayer)?
            .active
            .of(mission)
            .ok_or(RejectReason::NotActive)
    }

    /// Abandons: no reward, the configured reputation penalty with the issuer.
    pub fn abandon(&mut self, player: Entity, mission: &MissionId) -> Result<(), RejectReason> {
        let acceptance = self.active_of(player, mission)?;
        let def = self.catalog.mission(mission.as_str()).cloned();
        let shared_or_party = self
            .acceptances
            .get(acceptance)
            .map(|a| a.holders.len() > 1)
            .unwrap_or(false);
        let mut change = 0;
        if let Some(def) = &def {
            if let (Some(issuer), Ok(mut p)) = (&def.issuer, self.players.get_mut(player)) {
                let penalty = self.catalog.rules().reputation.abandon_penalty;
                change = change_reputation(&mut p.reputation, issuer, penalty, &self.catalog);
            }
            self.apply_effects(&def.effects.on_abandon, player, acceptance, def);
        }
        if shared_or_party {
            // Leaving a party or a shared quest: the others carry on.
            self.remove_holder(acceptance, player);
        } else {
            self.finish(acceptance, Transition::Abandon)
                .map_err(|e| RejectReason::Illegal(e.to_string()))?;
        }
        self.record_unsuccessful(player, mission, def.as_ref());
        self.out.abandoned.write(MissionAbandoned {
            acceptance,
            mission: mission.clone(),
            player,
            reputation_change: change,
        });
        Ok(())
    }

    fn remove_holder(&mut self, acceptance: Entity, player: Entity) {
        if let Ok(mut acc) = self.acceptances.get_mut(acceptance) {
            acc.holders.retain(|h| *h != player);
        }
        if let Ok(mut p) = self.players.get_mut(player) {
            p.active.0.retain(|(e, _)| *e != acceptance);
        }
        // Re-register the remaining holders only.
        let remaining = self
            .acceptances
            .get(acceptance)
            .map(|a| (a.holders.clone(), a.mission.clone()));
        if let Ok((holders, mission)) = remaining {
            self.index.unregister(acceptance);
            if let Some(def) = self.catalog.mission(mission.as_str()) {
                self.index.register(acceptance, &holders, def);
            }
            self.notify_state(player, &mission, QuestState::NotActive);
        }
    }

    fn record_unsuccessful(
        &mut self,
        player: Entity,
        mission: &MissionId,
        def: Option<&MissionDef>,
    ) {
        if let Ok(mut p) = self.players.get_mut(player) {
            let session = def.is_some_and(|d| d.scope == Scope::PlayerSession);
            let book = if session {
                &mut p.history.session
            } else {
                &mut p.history.missions
            };
            book.entry(mission.clone()).or_default().unsuccessful += 1;
        }
    }

    /// Turns in a mission that needs it: refused (with the giver's `success_lie`) until the
    /// objectives are met.
    pub fn turn_in(&mut self, player: Entity, mission: &MissionId) -> Result<(), RejectReason> {
        let acceptance = self.active_of(player, mission)?;
        let def = self
            .catalog
            .mission(mission.as_str())
            .ok_or_else(|| RejectReason::UnknownMission(mission.clone()))?;
        if !def.turn_in {
            return Err(RejectReason::NoTurnInNeeded);
        }
        let met = self
            .acceptances
            .get(acceptance)
            .map(|a| a.objectives_met() || a.progress.is_empty())
            .unwrap_or(false);
        if !met {
            return Err(RejectReason::ObjectivesNotMet);
        }
        self.work.complete.push((acceptance, Some(player)));
        Ok(())
    }

    /// Moves an acceptance to a final status through the state machine and takes it out of the
    /// index and the holders' active lists.
    fn finish(
        &mut self,
        acceptance: Entity,
        transition: Transition,
    ) -> Result<(Vec<Entity>, MissionId), IllegalTransition> {
        let now = self.clock.now;
        let Ok(mut acc) = self.acceptances.get_mut(acceptance) else {
            return Err(IllegalTransition {
                from: MissionStatus::Available,
                transition,
            });
        };
        let next = next_status(acc.status, transition)?;
        acc.status = next;
        acc.ended_at = Some(now);
        for p in acc.progress.iter_mut() {
            p.ends_at = p.ends_at.filter(|_| p.done);
        }
        let holders = acc.holders.clone();
        let mission = acc.mission.clone();
        self.index.unregister(acceptance);
        if self.shared.active.get(&mission) == Some(&acceptance) {
            self.shared.active.remove(&mission);
        }
        for &h in &holders {
            if let Ok(mut p) = self.players.get_mut(h) {
                p.active.0.retain(|(e, _)| *e != acceptance);
            }
            self.notify_state(h, &mission, QuestState::from(next));
        }
        Ok((holders, mission))
    }

    /// Routes one fact to the objectives waiting on it.
    pub fn fact(&mut self, player: Entity, fact: &FactKind) {
        let mut hits = std::mem::take(&mut self.work.hits);
        hits.clear();
        {
            let mut found = Vec::new();
            self.index.hits(player, fact, &mut found);
            for hit in found {
                let place_ok = hit.route.check.passes(&hit);
                if !place_ok {
                    continue;
                }
                let r = hit.route;
                // Distinct counting needs the place: store it through the check.
                let check = match (&r.check, hit.place) {
                    (RouteCheck::Distinct, Some(p)) => RouteCheck::DeliverPlace(PlaceId::from(p)),
                    _ => RouteCheck::None,
                };
                hits.push((
                    r.acceptance,
                    r.slot,
                    hit.amount,
                    check,
                    r.target,
                    r.sequential,
                ));
            }
        }
        for (acceptance, slot, amount, distinct, target, sequential) in hits.drain(..) {
            self.advance(
                player, acceptance, slot, amount, distinct, target, sequential,
            );
        }
        self.work.hits = hits;
    }

    #[allow(clippy::too_many_arguments)]
    fn advance(
        &mut self,
        player: Entity,
        acceptance: Entity,
        slot: Slot,
        amount: u32,
        distinct: RouteCheck,
        target: u32,
        sequential: bool,
    ) {
        let now = self.clock.now;
        let Ok(mut acc) = self.acceptances.get_mut(acceptance) else {
            debug!("fact for acceptance {acceptance} that does not exist yet or any more");
            return;
        };
        if acc.status != MissionStatus::Active {
            return;
        }
        match slot {
            Slot::Objective(i) => {
                let index = i as usize;
                let order = if sequential {
                    ObjectiveOrder::Sequential
                } else {
                    ObjectiveOrder::Parallel
                };
                if index >= acc.progress.len()
                    || acc.progress[index].done
                    || !acc.is_current(index, order)
                {
                    return;
                }
                if let RouteCheck::DeliverPlace(place) = &distinct {
                    if acc.progress[index].seen.iter().any(|s| s == place.as_str()) {
                        return;
                    }
                    acc.progress[index].seen.push(place.0.clone());
                }
                let by = self
                    .players
                    .get(player)
                    .map(|p| p.holder.id.0.clone())
                    .unwrap_or_default();
                let p = &mut acc.progress[index];
                let before = p.count;
                p.count = p.count.saturating_add(amount).min(target.max(p.target));
                let added = p.count - before;
                if p.count >= p.target {
                    p.done = true;
                }
                let done = p.done;
                acc.log(Checkpoint {
                    at: now,
                    objective: i,
                    amount: added,
                    by,
                });
                if !acc.contributors.contains(&player) {
                    acc.contributors.push(player);
                }
                self.work.dirty.push((acceptance, i));
                if done && sequential {
                    // The next objective may have a timer to start.
                    let def = self.catalog.mission(acc.mission.as_str()).cloned();
                    if let Some(def) = def {
                        let mut copy = acc.clone();
                        self.start_timers(&mut copy, &def, acceptance);
                        if let Ok(mut acc) = self.acceptances.get_mut(acceptance) {
                            for (p, c) in acc.progress.iter_mut().zip(copy.progress) {
                                p.ends_at = c.ends_at;
                            }
                        }
                    }
                    self.check_complete(acceptance, Some(player));
                } else {
                    if done {
                        self.check_complete(acceptance, Some(player));
                    }
                }
            }
            Slot::Fail(i) => {
                let index = i as usize;
                if index >= acc.fail_counts.len() {
                    return;
                }
                acc.fail_counts[index] = acc.fail_counts[index].saturating_add(amount);
                if acc.fail_counts[index] >= target {
                    self.work
                        .fail
                        .push((acceptance, FailReason::Condition(index)));
                }
            }
            Slot::Protect(i) => {
                if acc.progress.get(i as usize).is_some_and(|p| !p.done) {
                    self.work.fail.push((acceptance, FailReason::TargetLost));
                }
            }
        }
    }

    fn check_complete(&mut self, acceptance: Entity, finisher: Option<Entity>) {
        let Ok(acc) = self.acceptances.get(acceptance) else {
            return;
        };
        if acc.status != MissionStatus::Active || !acc.objectives_met() {
            return;
        }
        let turn_in = self
            .catalog
            .mission(acc.mission.as_str())
            .is_some_and(|d| d.turn_in);
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
                    let sequential = self
                        .catalog
                        .mission(acc.mission.as_str())
                        .map(|d| (d.order == ObjectiveOrder::Sequential, d.clone()));
                    self.work.dirty.push((due.acceptance, i));
                    if let Some((true, def)) = sequential
                        && let Ok(acc) = self.acceptances.get(due.acceptance)
                    {
                        let mut copy = acc.clone();
                        self.start_timers(&mut copy, &def, due.acceptance);
                        if let Ok(mut acc) = self.acceptances.get_mut(due.acceptance) {
                            for (p, c) in acc.progress.iter_mut().zip(copy.progress) {
                                p.ends_at = c.ends_at;
                            }
                        }
                    }
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
            }
        }
        self.flush();
    }

    fn expire(&mut self, acceptance: Entity) {
        match self.finish(acceptance, Transition::Expire) {
            Ok((players, mission)) => {
                for &p in &players {
                    let def = self.catalog.mission(mission.as_str()).cloned();
                    self.record_unsuccessful(p, &mission, def.as_ref());
                }
                self.out.expired.write(MissionExpired {
                    acceptance,
                    mission,
                    players,
                });
            }
            Err(e) => debug!("expiry ignored: {e}"),
        }
    }

    fn fail(&mut self, acceptance: Entity, reason: FailReason) {
        let (players, mission) = match self.finish(acceptance, Transition::Fail) {
            Ok(x) => x,
            Err(e) => {
                debug!("failure ignored: {e}");
                return;
            }
        };
        let def = self.catalog.mission(mission.as_str()).cloned();
        if let Some(def) = &def {
            for &player in &players {
                if let Some(penalty) = &def.penalty {
                    let catalog = &self.catalog;
                    if let Ok(mut p) = self.players.get_mut(player) {
                        p.wallet.credits = p.wallet.credits.saturating_sub(penalty.credits);
                        if let Some(issuer) = &def.issuer {
                            change_reputation(
                                &mut p.reputation,
                                issuer,
                                penalty.reputation.min(0),
                                catalog,
                            );
                        }
                    }
                    for stack in &penalty.items {
                        self.change_items(player, &stack.item, -i64::from(stack.count));
                    }
                }
                self.apply_effects(&def.effects.on_failure, player, acceptance, def);
                self.record_unsuccessful(player, &mission, Some(def));
            }
        }
        self.out.failed.write(MissionFailed {
            acceptance,
            mission,
            players,
            reason,
            line: def.map(|d| d.dialogue.failure).unwrap_or_default(),
        });
    }

    fn change_items(&mut self, player: Entity, item: &ItemId, delta: i64) {
        let Ok(mut p) = self.players.get_mut(player) else {
            return;
        };
        let real = p.inventory.change(item, delta);
        if real != 0 {
            self.out.items.write(ItemsChanged {
                player,
                item: item.clone(),
                delta: real,
            });
        }
    }

    /// Completes an acceptance: status, rewards (exactly once per player, guarded by the ledger),
    /// history, effects, follow-ups and subquest progress.
    fn complete(&mut self, acceptance: Entity, finisher: Option<Entity>) {
        let contributors = self
            .acceptances
            .get(acceptance)
            .map(|a| a.contributors.clone())
            .unwrap_or_default();
        let serial = match self.acceptances.get(acceptance) {
            Ok(a) => a.serial,
            Err(_) => return,
        };
        let (holders, mission) = match self.finish(acceptance, Transition::Complete) {
            Ok(x) => x,
            Err(e) => {
                debug!("completion ignored: {e}");
                return;
            }
        };
        let now = self.clock.now;
        let Some(def) = self.catalog.mission(mission.as_str()).cloned() else {
            warn!("mission {mission} completed but is no longer in the catalog: nothing paid");
            return;
        };
        let paid_players: Vec<Entity> = match def.scope {
            Scope::Shared { rewards } => match rewards {
                SharedRewards::Finisher => finisher.into_iter().collect(),
                SharedRewards::Contributors if !contributors.is_empty() => contributors.clone(),
                SharedRewards::Contributors => finisher.into_iter().collect(),
                SharedRewards::Everyone => holders.clone(),
            },
            _ => holders.clone(),
        };
        if matches!(def.scope, Scope::Shared { .. }) {
            let entry = self
                .shared
                .completions
                .entry(mission.clone())
                .or_insert((0, None));
            entry.0 += 1;
            entry.1 = Some(now);
        }
        let split = if def.party.full_rewards_each {
            1
        } else {
            holders.len().max(1) as u64
        };
        let mut payouts = Vec::new();
        for &player in &holders {
            if let Ok(mut p) = self.players.get_mut(player) {
                let book = if def.scope == Scope::PlayerSession {
                    &mut p.history.session
                } else {
                    &mut p.history.missions
                };
                let record = book.entry(mission.clone()).or_default();
                record.count += 1;
                record.last_completed_at = Some(now);
            }
            if paid_players.contains(&player)
                && let Some(payout) = self.pay(player, serial, &def, split)
            {
                payouts.push(payout);
            }
            self.apply_effects(&def.effects.on_success, player, acceptance, &def);
            // Subquests: a completion advances parents waiting on it.
            let parents: Vec<_> = self
                .index
                .completion_hits(player, &mission)
                .iter()
                .map(|r| (r.acceptance, r.slot, r.target, r.sequential))
                .collect();
            for (parent, slot, target, sequential) in parents {
                self.advance(
                    player,
                    parent,
                    slot,
                    1,
                    RouteCheck::None,
                    target,
                    sequential,
                );
            }
            for follow in &def.follow_ups {
                match follow.mode {
                    FollowUpMode::AutoStart => {
                        self.offer(player, &follow.mission, Some(&mission));
                        self.work.accept.push((
                            player,
                            follow.mission.clone(),
                            Some(mission.clone()),
                        ));
                    }
                    FollowUpMode::Offer => self.offer(player, &follow.mission, Some(&mission)),
                }
            }
        }
        self.auto_queue.0.extend(holders.iter().copied());
        self.out.completed.write(MissionCompleted {
            acceptance,
            mission,
            players: holders,
            payouts,
            line: def.dialogue.success.clone(),
            message: def.success_message.clone(),
        });
    }

    fn offer(&mut self, player: Entity, mission: &MissionId, by: Option<&MissionId>) {
        if let Ok(mut p) = self.players.get_mut(player) {
            p.history.offered.insert(mission.clone());
        }
        self.out.offered.write(MissionOffered {
            player,
            mission: mission.clone(),
            by: by.cloned(),
        });
    }

    /// Pays one player for one acceptance, once: a second call with the same serial pays
    /// nothing.
    fn pay(&mut self, player: Entity, serial: u64, def: &MissionDef, split: u64) -> Option<Payout> {
        let catalog = &self.catalog;
        let Ok(mut p) = self.players.get_mut(player) else {
            warn!("reward for {player}, who no longer exists: nothing paid");
            return None;
        };
        if !p.ledger.paid.insert(serial) {
            warn!(
                "acceptance {serial} of {} was already paid; not paying again",
                def.id
            );
            return None;
        }
        let rewards = &def.rewards;
        let credits = rewards.credits / split.max(1);
        let xp = rewards.xp / split.max(1);
        p.wallet.credits = p.wallet.credits.saturating_add(credits);
        p.ledger.credits_paid = p.ledger.credits_paid.saturating_add(credits);
        p.experience.add(xp, catalog.rules());
        let mut reputation = Vec::new();
        if let Some(issuer) = &def.issuer
            && rewards.reputation != 0
        {
            let got = change_reputation(&mut p.reputation, issuer, rewards.reputation, catalog);
            reputation.push((issuer.clone(), got));
        }
        if let Some(target) = &def.target_faction
            && rewards.target_reputation != 0
        {
            let got = change_reputation(
                &mut p.reputation,
                target,
                rewards.target_reputation,
                catalog,
            );
            reputation.push((target.clone(), got));
        }
        for stack in &rewards.items {
            self.change_items(player, &stack.item, i64::from(stack.count));
        }
        Some(Payout {
            player,
            credits,
            xp,
            reputation,
            items: rewards.items.clone(),
        })
    }

    /// Applies effects: built-in kinds change player state here; reveal, assign and spawn go to
    /// the game as [`MissionEffectRequested`]; hooks run the registered system.
    fn apply_effects(
        &mut self,
        effects: &[Effect],
        player: Entity,
        acceptance: Entity,
        def: &MissionDef,
    ) {
        for effect in effects {
            match effect {
                Effect::GiveItem { item, count } => {
                    self.change_items(player, item, i64::from(*count))
                }
                Effect::TakeItem { item, count } => {
                    self.change_items(player, item, -i64::from(*count))
                }
                Effect::Reputation { faction, delta } => {
                    let catalog = &self.catalog;
                    if let Ok(mut p) = self.players.get_mut(player) {
                        change_reputation(&mut p.reputation, faction, *delta, catalog);
                    }
                }
                Effect::Credits { delta } => {
                    if let Ok(mut p) = self.players.get_mut(player) {
                        let c = p.wallet.credits as i128 + i128::from(*delta);
                        p.wallet.credits = c.clamp(0, i128::from(u64::MAX)) as u64;
                    }
                }
                Effect::SetVariable { variable, value }
                | Effect::AddVariable {
                    variable,
                    delta: value,
                } => {
                    let add = matches!(effect, Effect::AddVariable { .. });
                    let def_var = self.catalog.variable(variable.as_str());
                    let shared = def_var.is_some_and(|v| v.shared);
                    let initial = def_var.map_or(0, |v| v.initial);
                    let current = if shared {
                        self.shared_vars.0.get(variable).copied()
                    } else {
                        self.players
                            .get(player)
                            .ok()
                            .and_then(|p| p.variables.0.get(variable).copied())
                    }
                    .unwrap_or(initial);
                    let next = if add {
                        current.saturating_add(*value)
                    } else {
                        *value
                    };
                    if shared {
                        self.shared_vars.0.insert(variable.clone(), next);
                    } else if let Ok(mut p) = self.players.get_mut(player) {
                        p.variables.0.insert(variable.clone(), next);
                    }
                }
                Effect::GrantTrait { r#trait } => {
                    if let Ok(mut p) = self.players.get_mut(player) {
                        p.traits.0.insert(r#trait.clone());
                    }
                }
                Effect::StartMission {
                    mission,
                    auto_accept,
                } => {
                    self.offer(player, mission, Some(&def.id));
                    if *auto_accept {
                        self.work
                            .accept
                            .push((player, mission.clone(), Some(def.id.clone())));
                    }
                }
                Effect::Hook { name, args } => {
                    match self.hooks.as_ref().and_then(|h| h.0.get(name)).copied() {
                        Some(id) => {
                            let call = HookCall {
                                name: name.clone(),
                                args: args.clone(),
                                player,
                                acceptance,
                                mission: def.id.clone(),
                            };
                            self.commands.run_system_with(id, call);
                        }
                        None => warn!(
                            "mission {} uses hook `{name}`, which the game never registered (add_mission_hook)",
                            def.id
                        ),
                    }
                }
                Effect::RevealPlace { .. }
                | Effect::AssignTarget(_)
                | Effect::SpawnTarget { .. } => {
                    self.out.effects.write(MissionEffectRequested {
                        player,
                        acceptance,
                        mission: def.id.clone(),
                        effect: effect.clone(),
                    });
                }
            }
        }
    }

    fn notify_state(&mut self, player: Entity, mission: &MissionId, state: QuestState) {
        let Some(subscribed) = self.subscribers.0.get(mission) else {
            return;
        };
        for &entity in subscribed {
            if let Ok(sub) = self.subscriptions.get(entity)
                && sub.state == state
                && sub.player.is_none_or(|p| p == player)
            {
                self.commands.trigger(QuestStateReached {
                    entity,
                    mission: mission.clone(),
                    state,
                    player,
                });
            }
        }
    }

    /// A player left: their session-scope missions reset (no penalty, nothing saved).
    pub fn leave(&mut self, player: Entity) {
        let Ok(p) = self.players.get(player) else {
            return;
        };
        let session: Vec<Entity> = p
            .active
            .0
            .iter()
            .filter(|(_, m)| {
                self.catalog
                    .mission(m.as_str())
                    .is_some_and(|d| d.scope == Scope::PlayerSession)
            })
            .map(|(e, _)| *e)
            .collect();
        for acceptance in session {
            let _ = self.finish(acceptance, Transition::Abandon);
        }
        if let Ok(mut p) = self.players.get_mut(player) {
            p.history.session.clear();
        }
    }

    /// Drains everything queued: completions, failures, follow-up accepts and progress messages.
    /// Bounded, so a catalog whose follow-ups start each other cannot loop forever.
    pub fn flush(&mut self) {
        for _ in 0..64 {
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

    fn emit_progress(&mut self) {
        let mut dirty = std::mem::take(&mut self.work.dirty);
        dirty.sort_unstable_by_key(|(e, i)| (e.to_bits(), *i));
        dirty.dedup();
        for (acceptance, i) in dirty.drain(..) {
            if let Ok(acc) = self.acceptances.get(acceptance)
                && let Some(p) = acc.progress.get(i as usize)
            {
                self.out.progressed.write(ObjectiveProgressed {
                    acceptance,
                    mission: acc.mission.clone(),
                    objective: i as usize,
                    count: p.count,
                    target: p.target,
                    done: p.done,
                });
            }
        }
        self.work.dirty = dirty;
    }

    /// After a catalog reload: every active acceptance keeps its progress, follows the new
    /// definition's objectives and is routed again. Missions removed from the catalog stay
    /// active but frozen (with a warning) until they return or are abandoned.
    pub fn conform_all(&mut self) {
        self.index.refresh_catalog(&self.catalog);
        let entities: Vec<Entity> = self.acceptance_entities.iter().collect();
        for entity in entities {
            let Ok(mut acc) = self.acceptances.get_mut(entity) else {
                continue;
            };
            if acc.status != MissionStatus::Active {
                continue;
            }
            let Some(def) = self.catalog.mission(acc.mission.as_str()).cloned() else {
                warn!(
                    "active mission {} was removed from the catalog; its progress is kept until it returns",
                    acc.mission
                );
                self.index.unregister(entity);
                continue;
            };
            acc.conform_to(&def);
            let mut copy = acc.clone();
            self.start_timers(&mut copy, &def, entity);
            if let Ok(mut acc) = self.acceptances.get_mut(entity) {
                for (p, c) in acc.progress.iter_mut().zip(&copy.progress) {
                    p.ends_at = c.ends_at;
                }
            }
            self.index.unregister(entity);
            self.index.register(entity, &copy.holders, &def);
            self.check_complete(entity, None);
        }
        self.flush();
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

    /// Starts every auto-start mission whose gates now hold for the queued players.
    pub fn auto_start(&mut self, players: &[Entity]) {
        let auto: Vec<MissionId> = self
            .catalog
            .missions()
            .filter(|m| m.auto_start)
            .map(|m| m.id.clone())
            .collect();
        for &player in players {
            for mission in &auto {
                let Some(def) = self.catalog.mission(mission.as_str()).cloned() else {
                    continue;
                };
                if self.player_view_check(player, &def).is_ok() {
                    let _ = self.accept(player, mission, None);
                }
            }
        }
        self.flush();
    }
}

/// Stack helper for docs and UIs.
pub fn describe_items(items: &[ItemStack]) -> String {
    items
        .iter()
        .map(|s| format!("{} x{}", s.item, s.count))
        .collect::<Vec<_>>()
        .join(", ")
}
