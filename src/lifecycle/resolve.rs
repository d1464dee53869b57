//! Resolution: final statuses, rewards paid exactly once, penalties, effects, follow-ups.

use bevy::prelude::*;

use super::acceptance::MissionAcceptance;
use super::messages::{
    FailReason, MissionCompleted, MissionExpired, MissionFailed, MissionOffered, Payout,
};
use super::param::{Lifecycle, tell};
use super::reputation::change_reputation;
use crate::catalog::{FollowUpMode, MissionDef, Origin, Scope, SharedRewards, Trigger};
use crate::ids::MissionId;
use crate::model::player::{CompletionRecord, JournalEntry, MissionHistory, PlayerId};
use crate::model::status::{IllegalTransition, MissionStatus, Transition, next_status};

impl Lifecycle<'_, '_> {
    pub(super) fn record_unsuccessful(
        &mut self,
        player: Entity,
        mission: &MissionId,
        def: Option<&MissionDef>,
    ) {
        if let Ok(mut p) = self.players.get_mut(player)
            && let Some(book) = history_book(&mut p.history, mission, def)
        {
            let record = book.entry(mission.clone()).or_default();
            record.unsuccessful = record.unsuccessful.saturating_add(1);
        }
    }

    /// Missions triggered some seconds after this one: their check is scheduled for the player.
    fn schedule_after_triggers(&mut self, player: Entity, mission: &MissionId, now: f64) {
        let delays: Vec<f64> = self
            .catalog
            .missions()
            .filter_map(|m| match &m.trigger {
                Some(Trigger::AfterMission {
                    mission: after,
                    seconds,
                }) if after == mission => Some(*seconds),
                _ => None,
            })
            .collect();
        for seconds in delays {
            self.triggers.push(now + seconds, Some(player));
        }
    }

    /// Writes a finished attempt into each holder's journal (bounded by the rules).
    fn record_in_journals(&mut self, acc: &MissionAcceptance) {
        let name = |e: Entity| self.players.get(e).ok().map(|p| p.holder.id.clone());
        let checkpoints: Vec<(f64, u16, u32, PlayerId)> = acc
            .checkpoints
            .iter()
            .filter_map(|c| Some((c.at, c.objective, c.amount, name(c.by)?)))
            .collect();
        let entry = JournalEntry {
            serial: acc.serial,
            mission: acc.mission.clone(),
            status: acc.status,
            accepted_at: acc.accepted_at,
            ended_at: acc.ended_at.unwrap_or(acc.accepted_at),
            progress: acc.stored_progress(),
            checkpoints,
        };
        let cap = self.catalog.rules().journal_size;
        for &h in &acc.holders {
            if let Ok(mut p) = self.players.get_mut(h) {
                p.journal.record(entry.clone(), cap);
            }
        }
    }

    /// Moves an acceptance to a final status through the state machine and takes it out of the
    /// index, the holders' active lists and their ledgers.
    pub(super) fn finish(
        &mut self,
        acceptance: Entity,
        transition: Transition,
    ) -> Result<(Vec<Entity>, MissionId), IllegalTransition> {
        self.finish_owed(acceptance, transition)
            .map(|ended| (ended.holders, ended.mission))
    }

    /// [`Lifecycle::finish`], saying which holders were still owed the attempt: the only ones a
    /// completion may pay.
    pub(super) fn finish_owed(
        &mut self,
        acceptance: Entity,
        transition: Transition,
    ) -> Result<Ended, IllegalTransition> {
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
        let serial = acc.serial;
        let ended = acc.clone();
        self.record_in_journals(&ended);
        self.finished.0.push(acceptance);
        self.index.unregister(acceptance);
        if self.shared.active.get(&mission) == Some(&acceptance) {
            self.shared.active.remove(&mission);
        }
        if crate::draw::template_of(&mission).is_some() {
            self.ended_draws.ids.push(mission.clone());
        }
        let mut owed = Vec::with_capacity(holders.len());
        for (i, &h) in holders.iter().enumerate() {
            if let Ok(mut p) = self.players.get_mut(h) {
                p.active.0.retain(|(e, _)| *e != acceptance);
                // A finished random mission frees its pin.
                p.pinned.0.retain(|m| *m != mission);
                if p.ledger.owed.remove(&serial) {
                    owed.push(h);
                }
            }
            self.notify_state(h, &mission, next, i == 0);
        }
        Ok(Ended {
            holders,
            mission,
            owed,
        })
    }

    /// Expires an acceptance: for the players who accepted it, expiry is a failure, so the
    /// penalty and the `on_failure` effects apply (once: the state machine lets an acceptance end
    /// only once). A posting that expires before anyone accepted it has no acceptance and costs
    /// nothing.
    pub(super) fn expire(&mut self, acceptance: Entity) {
        match self.finish(acceptance, Transition::Expire) {
            Ok((players, mission)) => {
                let def = self.def(mission.as_str()).cloned();
                self.pay_failure(acceptance, &players, &mission, def.as_ref());
                for player in players {
                    let expired = MissionExpired {
                        player,
                        acceptance,
                        mission: mission.clone(),
                    };
                    tell(&mut self.out.expired, &mut self.commands, expired);
                }
            }
            Err(e) => debug!("expiry ignored: {e}"),
        }
    }

    /// What failing (or letting expire) costs each player: the penalty, the `on_failure`
    /// effects, and an unsuccessful attempt on their record.
    fn pay_failure(
        &mut self,
        acceptance: Entity,
        players: &[Entity],
        mission: &MissionId,
        def: Option<&MissionDef>,
    ) {
        let Some(def) = def else {
            for &player in players {
                self.record_unsuccessful(player, mission, None);
            }
            return;
        };
        for &player in players {
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
            self.record_unsuccessful(player, mission, Some(def));
        }
    }

    pub(super) fn fail(&mut self, acceptance: Entity, reason: FailReason) {
        let (players, mission) = match self.finish(acceptance, Transition::Fail) {
            Ok(x) => x,
            Err(e) => {
                debug!("failure ignored: {e}");
                return;
            }
        };
        let def = self.def(mission.as_str()).cloned();
        self.pay_failure(acceptance, &players, &mission, def.as_ref());
        for player in players {
            let failed = MissionFailed {
                player,
                acceptance,
                mission: mission.clone(),
                reason: reason.clone(),
            };
            tell(&mut self.out.failed, &mut self.commands, failed);
        }
    }

    /// Completes an acceptance: status, rewards (exactly once per player, guarded by the ledger),
    /// history, effects, follow-ups and subquest progress.
    pub(super) fn complete(&mut self, acceptance: Entity, finisher: Option<Entity>) {
        let contributors = self
            .acceptances
            .get(acceptance)
            .map(|a| a.contributors())
            .unwrap_or_default();
        let Ended {
            holders,
            mission,
            owed,
        } = match self.finish_owed(acceptance, Transition::Complete) {
            Ok(x) => x,
            Err(e) => {
                debug!("completion ignored: {e}");
                return;
            }
        };
        let now = self.clock.now;
        let Some(def) = self.def(mission.as_str()).cloned() else {
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
            entry.0 = entry.0.saturating_add(1);
            entry.1 = Some(now);
        }
        let split = if def.party.full_rewards_each {
            1
        } else {
            holders.len().max(1) as u64
        };
        let mut payouts = Vec::with_capacity(holders.len());
        for &player in &holders {
            if let Ok(mut p) = self.players.get_mut(player)
                && let Some(book) = history_book(&mut p.history, &mission, Some(&def))
            {
                let record = book.entry(mission.clone()).or_default();
                record.count = record.count.saturating_add(1);
                record.last_completed_at = Some(now);
            }
            self.schedule_after_triggers(player, &mission, now);
            let payout = if paid_players.contains(&player) {
                self.pay(player, owed.contains(&player), &def, split)
            } else {
                None
            };
            payouts.push((player, payout));
            self.apply_effects(&def.effects.on_success, player, acceptance, &def);
            // Subquests: a completion advances parents waiting on it.
            self.subquest_done(player, &mission);
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
        for (player, payout) in payouts {
            let completed = MissionCompleted {
                player,
                acceptance,
                mission: mission.clone(),
                payout,
            };
            tell(&mut self.out.completed, &mut self.commands, completed);
        }
    }

    pub(super) fn offer(&mut self, player: Entity, mission: &MissionId, by: Option<&MissionId>) {
        if let Ok(mut p) = self.players.get_mut(player) {
            p.history.offered.insert(mission.clone());
        }
        let offered = MissionOffered {
            player,
            mission: mission.clone(),
            by: by.cloned(),
        };
        tell(&mut self.out.offered, &mut self.commands, offered);
    }

    /// Pays one player for one completed attempt, when the attempt was still `owed` to them
    /// (its end took it out of their ledger): otherwise it pays nothing.
    pub(super) fn pay(
        &mut self,
        player: Entity,
        owed: bool,
        def: &MissionDef,
        split: u64,
    ) -> Option<Payout> {
        let catalog = &self.catalog;
        let Ok(mut p) = self.players.get_mut(player) else {
            warn!("reward for {player}, who no longer exists: nothing paid");
            return None;
        };
        if !owed {
            warn!(
                "an attempt at {} was not owed to {player} (paid already, or never held): \
                 not paying",
                def.id
            );
            return None;
        }
        p.ledger.payments = p.ledger.payments.saturating_add(1);
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
            credits,
            xp,
            reputation,
            items: rewards.items.clone(),
        })
    }
}

/// What ending an attempt found: its holders, its mission and the holders it was still owed to.
pub(super) struct Ended {
    /// Every holder, the one who accepted first.
    pub(super) holders: Vec<Entity>,
    /// The mission.
    pub(super) mission: MissionId,
    /// The holders whose ledger still owed the attempt.
    pub(super) owed: Vec<Entity>,
}

/// Where an attempt's outcome is recorded: the session's book for a session-scope mission, the
/// persistent one otherwise, and nowhere for a random mission. A random mission's id names one
/// draw, pinned to one player until it ends and never offered again, so no gate ever reads its
/// record: kept, the history would grow with every random mission played.
fn history_book<'h>(
    history: &'h mut MissionHistory,
    mission: &MissionId,
    def: Option<&MissionDef>,
) -> Option<&'h mut std::collections::BTreeMap<MissionId, CompletionRecord>> {
    if crate::draw::template_of(mission).is_some()
        || def.is_some_and(|d| d.origins.contains(&Origin::Template))
    {
        return None;
    }
    Some(if def.is_some_and(|d| d.scope == Scope::PlayerSession) {
        &mut history.session
    } else {
        &mut history.missions
    })
}
