//! Requests: accept (with every gate), join, abandon, turn in, track, use an item, leave.

use bevy::prelude::*;
use rand::{RngExt, SeedableRng};

use super::acceptance::MissionAcceptance;
use super::gates::{PlayerView, RejectReason, check_gates};
use super::messages::{
    FailReason, MissionAbandoned, MissionAccepted, MissionRejected, MissionRequest,
};
use super::param::{Lifecycle, start_timers, tell};
use super::reputation::change_reputation;
use super::unknown::IdKind;
use crate::catalog::{MissionDef, Origin, Scope};
use crate::draw::{board_postings, open_postings};
use crate::ids::{MissionId, PostingId};
use crate::model::dialogue::DialogueLine;
use crate::model::progress::ObjectiveProgress;
use crate::model::status::{MissionStatus, Transition};
use crate::run::{RunDefinition, RunOverrides, assemble_run};

impl Lifecycle<'_, '_> {
    /// The refusal for a mission id nobody knows, with the nearest known id.
    fn unknown_mission(&self, mission: &MissionId) -> RejectReason {
        super::unknown::unknown_mission(&self.catalog, mission.as_str())
    }

    /// A mission definition: from the catalog, or generated from a template.
    pub fn def(&self, id: &str) -> Option<&MissionDef> {
        self.generated.lookup(&self.catalog, id)
    }

    /// Reports a refused request that names no mission (a random mission that could not be
    /// generated, an unknown posting).
    fn reject_unnamed(&mut self, player: Entity, reason: RejectReason) {
        debug!("random mission refused for {player}: {reason}");
        let rejected = MissionRejected {
            player,
            mission: None,
            reason,
            line: DialogueLine::Rejected,
        };
        self.tell_rejected(rejected);
    }

    pub(super) fn reject(&mut self, player: Entity, mission: &MissionId, reason: RejectReason) {
        let line = match reason {
            RejectReason::ObjectivesNotMet => DialogueLine::SuccessLie,
            _ => DialogueLine::Rejected,
        };
        debug!("mission {mission} refused for {player}: {reason}");
        self.tell_rejected(MissionRejected {
            player,
            mission: Some(mission.clone()),
            reason,
            line,
        });
    }

    /// A refusal as a message, and as an event on the player when the entity still exists (a
    /// request about a despawned player is answered by the message alone).
    fn tell_rejected(&mut self, rejected: MissionRejected) {
        if self.players.contains(rejected.player) {
            tell(&mut self.out.rejected, &mut self.commands, rejected);
        } else {
            self.out.rejected.write(rejected);
        }
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
            MissionRequest::Generate {
                player,
                planet,
                seed,
            } => {
                if let Err(reason) = self.generate(*player, planet.as_ref(), *seed) {
                    self.reject_unnamed(*player, reason);
                }
            }
            MissionRequest::AcceptPosting {
                player,
                posting,
                overrides,
            } => {
                if let Err((mission, reason)) = self.accept_posting(*player, posting, *overrides) {
                    match mission {
                        Some(mission) => self.reject(*player, &mission, reason),
                        None => self.reject_unnamed(*player, reason),
                    }
                }
            }
            MissionRequest::StartRun { player } => {
                if let Err(reason) = self.start_run(*player) {
                    self.reject_unnamed(*player, reason);
                }
            }
            MissionRequest::Leave { player } => self.leave(*player),
            MissionRequest::Fail { player, mission } => match self.active_of(*player, mission) {
                Ok(acceptance) => self.fail(acceptance, FailReason::Declared),
                Err(reason) => self.reject(*player, mission, reason),
            },
        }
        self.flush();
    }

    pub(super) fn player_view_check(
        &self,
        player: Entity,
        def: &MissionDef,
    ) -> Result<(), RejectReason> {
        let p = self
            .players
            .get(player)
            .map_err(|_| RejectReason::UnknownPlayer)?;
        let view = PlayerView {
            variables: p.variables,
            pinned: p.pinned,
            reputation: p.reputation,
            experience: p.experience,
            traits: p.traits,
            inventory: p.inventory,
            history: p.history,
            active_count: p.active.0.len(),
            has_active: p.active.of(&def.id).is_some(),
        };
        let shared = (&*self.shared, &*self.shared_vars);
        check_gates(def, &view, &self.catalog, &shared, &self.clock)
    }

    /// Accepts a posting's mission and puts the run assembled from the posting on the player.
    /// A refusal names the mission when the posting exists.
    fn accept_posting(
        &mut self,
        player: Entity,
        posting: &PostingId,
        overrides: RunOverrides,
    ) -> Result<Entity, (Option<MissionId>, RejectReason)> {
        let run = assemble_run(&self.catalog, posting, overrides).map_err(|_| {
            let nearest = IdKind::Posting.nearest(&self.catalog, posting.as_str());
            let posting = posting.clone();
            (None, RejectReason::UnknownPosting { posting, nearest })
        })?;
        let mission = run.mission.clone();
        let launch_within = self
            .catalog
            .postings()
            .iter()
            .find(|p| &p.id == posting)
            .and_then(|p| p.launch_within);
        // Only an open posting the day's draw left out is refused here: closed ones (expired,
        // outside their window) fall through to the gates, which name the reason.
        if self.catalog.rules().postings_per_planet.is_some()
            && open_postings(&self.catalog, self.clock.now).any(|p| &p.id == posting)
            && !board_postings(&self.catalog, &self.clock, self.seed.0)
                .iter()
                .any(|p| &p.id == posting)
        {
            return Err((Some(mission), RejectReason::NotPostedToday));
        }
        let acceptance = self
            .accept_as(player, &mission, None, Some((&run, launch_within)))
            .map_err(|reason| (Some(mission), reason))?;
        self.commands.entity(player).insert(run);
        Ok(acceptance)
    }

    /// Accepts a mission for a player after checking every gate. Shared-scope missions join the
    /// one shared acceptance when it exists.
    pub fn accept(
        &mut self,
        player: Entity,
        mission: &MissionId,
        offered_by: Option<&MissionId>,
    ) -> Result<Entity, RejectReason> {
        self.accept_as(player, mission, offered_by, None)
    }

    /// [`Lifecycle::accept`], flown as `run` when it comes from a posting (with the game
    /// seconds it may wait for its run to start).
    fn accept_as(
        &mut self,
        player: Entity,
        mission: &MissionId,
        offered_by: Option<&MissionId>,
        run: Option<(&RunDefinition, Option<f64>)>,
    ) -> Result<Entity, RejectReason> {
        let def = self
            .def(mission.as_str())
            .cloned()
            .ok_or_else(|| self.unknown_mission(mission))?;
        self.player_view_check(player, &def)?;
        if matches!(def.scope, Scope::Shared { .. })
            && let Some(&existing) = self.shared.active.get(mission)
            && self.acceptances.contains(existing)
        {
            self.add_holder(existing, player, &def)?;
            return Ok(existing);
        }
        let now = self.clock.now;
        // Saves hold serials up to 2^53 (`model::bounds::MAX_SERIAL`): counting up from there
        // cannot wrap.
        self.serials.0 = self.serials.0.saturating_add(1);
        let serial = self.serials.0;
        let deadline = drawn_deadline(
            &def,
            now,
            self.seed.0 ^ serial.wrapping_mul(0x9E37_79B9_7F4A_7C15),
        );
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
                key: o.key(),
                target: o.goal.target_count(),
                optional: o.optional,
                ..default()
            })
            .collect();
        let mut acceptance = MissionAcceptance {
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
            fail_keys: def.fail_when.iter().map(|f| f.identity()).collect(),
            withdrawn: false,
            checkpoints: Default::default(),
            contributors: Vec::new(),
            tracked: def.tracked,
            run_seconds: run.map(|(r, _)| f64::from(r.timer_seconds)),
            run_started_at: None,
            launch_by: run.and_then(|(_, within)| within).map(|s| now + s),
            places: Vec::new(),
            spawned: Vec::new(),
        };
        let entity = self.commands.spawn_empty().id();
        start_timers(
            &mut acceptance,
            &def,
            entity,
            &self.catalog,
            &mut self.deadlines,
            now,
        );
        self.deadlines
            .push_deadline_and_expiry(entity, serial, deadline, expires_at);
        self.queue_launch(entity, serial, acceptance.launch_by);
        self.commands.entity(entity).insert(acceptance);
        if matches!(def.scope, Scope::Shared { .. }) {
            self.shared.active.insert(mission.clone(), entity);
        }
        if let Ok(mut p) = self.players.get_mut(player) {
            p.active.0.push((entity, mission.clone()));
            p.history.offered.remove(mission);
            p.ledger.owed.insert(serial);
        }
        self.index.register(entity, &[player], &def);
        let accepted = MissionAccepted {
            player,
            mission: mission.clone(),
            acceptance: entity,
        };
        tell(&mut self.out.accepted, &mut self.commands, accepted);
        debug!("{player} accepted {mission} (offered by {offered_by:?})");
        self.apply_effects(&def.effects.on_start, player, entity, &def);
        self.notify_state(player, mission, MissionStatus::Active, true);
        Ok(entity)
    }

    /// When a daily mission accepted now expires: at the next daily refresh.
    pub(super) fn daily_expiry(&self, def: &MissionDef) -> Option<f64> {
        if !def.origins.contains(&Origin::Daily) {
            return None;
        }
        let hour = self.catalog.daily().map_or(0, |d| d.refresh_hour);
        let day = self.clock.day(hour);
        Some(self.clock.next_refresh_after(day, hour))
    }

    pub(super) fn add_holder(
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
        let serial = acc.serial;
        if let Ok(mut p) = self.players.get_mut(player) {
            p.active.0.push((acceptance, mission.clone()));
            p.history.offered.remove(&mission);
            p.ledger.owed.insert(serial);
        }
        self.index.register(acceptance, &[player], def);
        let accepted = MissionAccepted {
            player,
            mission: mission.clone(),
            acceptance,
        };
        tell(&mut self.out.accepted, &mut self.commands, accepted);
        self.notify_state(player, &mission, MissionStatus::Active, false);
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
            .def(mission.as_str())
            .cloned()
            .ok_or_else(|| self.unknown_mission(mission))?;
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

    pub(super) fn active_of(
        &self,
        player: Entity,
        mission: &MissionId,
    ) -> Result<Entity, RejectReason> {
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
        let def = self.def(mission.as_str()).cloned();
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
                .map_err(RejectReason::Illegal)?;
        }
        self.record_unsuccessful(player, mission, def.as_ref());
        let abandoned = MissionAbandoned {
            player,
            acceptance,
            mission: mission.clone(),
            reputation_change: change,
        };
        tell(&mut self.out.abandoned, &mut self.commands, abandoned);
        Ok(())
    }

    pub(super) fn remove_holder(&mut self, acceptance: Entity, player: Entity) {
        let mut serial = None;
        if let Ok(mut acc) = self.acceptances.get_mut(acceptance) {
            acc.holders.retain(|h| *h != player);
            serial = Some(acc.serial);
        }
        if let Ok(mut p) = self.players.get_mut(player) {
            p.active.0.retain(|(e, _)| *e != acceptance);
            if let Some(serial) = serial {
                p.ledger.owed.remove(&serial);
            }
        }
        // Re-register the remaining holders only.
        let remaining = self
            .acceptances
            .get(acceptance)
            .map(|a| (a.holders.clone(), a.mission.clone()));
        if let Ok((holders, mission)) = remaining {
            self.index.unregister(acceptance);
            if let Some(def) = self.def(mission.as_str()).cloned() {
                self.index.register(acceptance, &holders, &def);
            }
            self.notify_state(player, &mission, MissionStatus::Abandoned, false);
        }
    }

    /// Turns in a mission that needs it: refused (with the giver's `success_lie`) until the
    /// objectives are met.
    pub fn turn_in(&mut self, player: Entity, mission: &MissionId) -> Result<(), RejectReason> {
        let acceptance = self.active_of(player, mission)?;
        let def = self
            .def(mission.as_str())
            .ok_or_else(|| self.unknown_mission(mission))?;
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

    /// Ends a session-scope attempt whose player is gone (abandoned, at no cost).
    pub(super) fn end_session_attempt(&mut self, acceptance: Entity) {
        if let Err(e) = self.finish(acceptance, Transition::Abandon) {
            debug!("session attempt already ended: {e}");
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
                self.def(m.as_str())
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
}

/// When an attempt accepted at `now` fails: a deadline drawn (from `seed`) within the
/// mission's `deadline_hours`, or its `finish_time`, whichever comes first.
fn drawn_deadline(def: &MissionDef, now: f64, seed: u64) -> Option<f64> {
    let drawn = def.timing.deadline_hours.map(|range| {
        let hours = if range.high > range.low {
            rand::rngs::ChaCha8Rng::seed_from_u64(seed).random_range(range.low..=range.high)
        } else {
            range.low
        };
        now + hours * 3600.0
    });
    let finish = def.timing.finish_time.map(|ft| now + ft);
    match (drawn, finish) {
        (Some(d), Some(f)) => Some(d.min(f)),
        (d, f) => d.or(f),
    }
}
