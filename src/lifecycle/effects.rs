//! Effects: what a mission does to the world when it starts, succeeds, fails or is abandoned;
//! item changes; quest-state notifications.

use bevy::prelude::*;

use super::acceptance::SpawnedTarget;
use super::answers::{
    EffectAnswerRefusal, EffectOutcome, MissionEffectRefused, MissionEffectResolved,
};
use super::messages::{
    ItemsChanged, MissionEffectRequested, MissionStatusChanged, QuestStateReached,
};
use super::param::{Lifecycle, tell};
use super::reputation::change_reputation;
use super::resources::HookCall;
use crate::catalog::{MissionDef, Scope};
use crate::ids::{ItemId, MissionId};
use crate::model::effect::Effect;
use crate::model::objective::ObjectiveKind;
use crate::model::progress::ChosenPlace;
use crate::model::status::{MissionStatus, QuestState};

impl Lifecycle<'_, '_> {
    /// Keeps what the game reported for a start effect on the acceptance: one place per kind,
    /// one entity per target (a target's entity is replaced once the earlier one is gone: the
    /// game spawns it again for each run). Anything else is refused with a typed reason
    /// ([`MissionEffectRefused`]).
    pub(super) fn keep_effect_outcome(&mut self, answer: &MissionEffectResolved) {
        match self.take_effect_outcome(answer) {
            Ok(()) => {}
            Err(reason) => {
                debug!("effect answer for {} refused: {reason}", answer.acceptance);
                self.out.effect_refused.write(MissionEffectRefused {
                    acceptance: answer.acceptance,
                    outcome: answer.outcome.clone(),
                    reason,
                });
            }
        }
    }

    fn take_effect_outcome(
        &mut self,
        answer: &MissionEffectResolved,
    ) -> Result<(), EffectAnswerRefusal> {
        let acc = self
            .acceptances
            .get(answer.acceptance)
            .map_err(|_| EffectAnswerRefusal::UnknownAcceptance)?;
        if acc.status != MissionStatus::Active {
            return Err(EffectAnswerRefusal::NotActive);
        }
        let Some(def) = self.def(acc.mission.as_str()) else {
            return Err(EffectAnswerRefusal::NotRequested);
        };
        // A place for a kind an objective visits is the game's pick among places of that kind
        // (where the marker points), as good as an answer to an effect.
        let picked_for_objective = match &answer.outcome {
            EffectOutcome::Place(ChosenPlace {
                kind: Some(kind), ..
            }) => def.objectives.iter().any(|o| {
                matches!(&o.goal, ObjectiveKind::GoToKind { kind: k, .. }
                    | ObjectiveKind::ScanKind { kind: k, .. } if k == kind)
            }),
            _ => false,
        };
        let requested = picked_for_objective
            || def
                .effects
                .on_start
                .iter()
                .any(|e| match (&answer.outcome, e) {
                    (EffectOutcome::Place(chosen), Effect::AssignTarget(assign)) => {
                        chosen.kind.as_ref().is_none_or(|k| *k == assign.kind)
                    }
                    (EffectOutcome::Place(chosen), Effect::RevealPlace { place, kinds, .. }) => {
                        chosen
                            .kind
                            .as_ref()
                            .map_or(place.is_some(), |k| kinds.contains(k))
                    }
                    (
                        EffectOutcome::Spawned { target, .. },
                        Effect::SpawnTarget { target: t, .. },
                    ) => t == target,
                    _ => false,
                });
        if !requested {
            return Err(EffectAnswerRefusal::NotRequested);
        }
        let (place_slots, kindless_slots) = place_slots(def);
        let spawned_alive = |e: Entity| self.entities.contains(e);
        match &answer.outcome {
            EffectOutcome::Place(chosen) => {
                // One place per kind; a place revealed by name (no kind) once per place.
                let same = |p: &ChosenPlace| {
                    p.kind == chosen.kind && (chosen.kind.is_some() || p.place == chosen.place)
                };
                let kindless = acc.places.iter().filter(|p| p.kind.is_none()).count();
                if acc.places.iter().any(same)
                    || acc.places.len() >= place_slots
                    || (chosen.kind.is_none() && kindless >= kindless_slots)
                {
                    return Err(EffectAnswerRefusal::AlreadyAnswered);
                }
            }
            EffectOutcome::Spawned { target, .. } => {
                if acc
                    .spawned
                    .iter()
                    .any(|s| s.target == *target && spawned_alive(s.entity))
                {
                    return Err(EffectAnswerRefusal::AlreadyAnswered);
                }
            }
        }
        let mut acc = self
            .acceptances
            .get_mut(answer.acceptance)
            .map_err(|_| EffectAnswerRefusal::UnknownAcceptance)?;
        match &answer.outcome {
            EffectOutcome::Place(chosen) => acc.places.push(chosen.clone()),
            EffectOutcome::Spawned { target, entity } => {
                acc.spawned.retain(|s| s.target != *target);
                acc.spawned.push(SpawnedTarget {
                    target: target.clone(),
                    entity: *entity,
                });
            }
        }
        Ok(())
    }

    /// Asks the game again for the start effects an attempt restored from a save has no answer
    /// to: the targets to spawn (their entities are not saved) and the places not chosen yet.
    pub(super) fn request_unanswered_effects(&mut self, acceptance: Entity) {
        let Ok(acc) = self.acceptances.get(acceptance) else {
            return;
        };
        // Borrowed, not cloned: this runs for every attempt a save restores.
        let Some(def) = self.def(acc.mission.as_str()) else {
            return;
        };
        let player = acc.holders.first().copied();
        let mission = acc.mission.clone();
        let unanswered: Vec<Effect> = def
            .effects
            .on_start
            .iter()
            .filter(|e| match e {
                Effect::SpawnTarget { target, .. } => {
                    !acc.spawned.iter().any(|s| s.target == *target)
                }
                Effect::AssignTarget(assign) => !acc
                    .places
                    .iter()
                    .any(|p| p.kind.as_ref().is_none_or(|k| *k == assign.kind)),
                Effect::RevealPlace { .. } => acc.places.is_empty(),
                _ => false,
            })
            .cloned()
            .collect();
        let Some(player) = player else {
            return;
        };
        for effect in unanswered {
            let requested = MissionEffectRequested {
                player,
                acceptance,
                mission: mission.clone(),
                effect,
            };
            tell(&mut self.out.effects, &mut self.commands, requested);
        }
    }

    /// Tells a subscriber the quest's current state if it is the state it waits for: a
    /// subscription added after the state was reached, or any subscription after a save is
    /// loaded, sees where the quest stands (a door for a finished quest opens).
    pub(super) fn notify_current(&mut self, entity: Entity) {
        let Ok(sub) = self.subscriptions.get(entity) else {
            return;
        };
        let (mission, wanted, only) = (sub.mission.clone(), sub.state, sub.player);
        let reached = match only {
            Some(player) => (self.quest_state(player, &mission) == wanted).then_some(player),
            // Any player's quest: the first player whose quest is in that state (nobody can
            // be named for "not active", so that state is only told on a change).
            None if wanted == QuestState::NotActive => None,
            None => self
                .players
                .iter()
                .map(|p| p.entity)
                .find(|&p| self.quest_state(p, &mission) == wanted),
        };
        if let Some(player) = reached {
            self.commands.trigger(QuestStateReached {
                entity,
                mission,
                state: wanted,
                player,
            });
        }
    }

    /// Where a player's quest stands: active, completed (by them, or by anyone for a shared
    /// quest), or not active.
    fn quest_state(&self, player: Entity, mission: &MissionId) -> QuestState {
        let Ok(p) = self.players.get(player) else {
            return QuestState::NotActive;
        };
        if p.active.of(mission).is_some() {
            return QuestState::Active;
        }
        let shared = self
            .def(mission.as_str())
            .is_some_and(|d| matches!(d.scope, Scope::Shared { .. }));
        let completed = if shared {
            self.shared
                .completions
                .get(mission)
                .is_some_and(|(n, _)| *n > 0)
        } else {
            p.history.completions(mission) > 0
        };
        if completed {
            QuestState::Completed
        } else {
            QuestState::NotActive
        }
    }

    pub(super) fn change_items(&mut self, player: Entity, item: &ItemId, delta: i64) {
        let Ok(mut p) = self.players.get_mut(player) else {
            return;
        };
        let real = p.inventory.change(item, delta);
        if real != 0 {
            let changed = ItemsChanged {
                player,
                item: item.clone(),
                delta: real,
            };
            tell(&mut self.out.items, &mut self.commands, changed);
        }
    }

    /// Applies effects: built-in kinds change player state here; reveal, assign and spawn go to
    /// the game as [`MissionEffectRequested`]; hooks run the registered system.
    pub(super) fn apply_effects(
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
                        // Everyone's variable triggers may hold now.
                        self.auto_queue
                            .0
                            .extend(self.players.iter().map(|p| p.entity));
                    } else if let Ok(mut p) = self.players.get_mut(player) {
                        p.variables.0.insert(variable.clone(), next);
                        self.auto_queue.0.push(player);
                    }
                }
                Effect::GrantTrait { granted } => {
                    if let Ok(mut p) = self.players.get_mut(player) {
                        p.traits.0.insert(granted.clone());
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
                    let requested = MissionEffectRequested {
                        player,
                        acceptance,
                        mission: def.id.clone(),
                        effect: effect.clone(),
                    };
                    tell(&mut self.out.effects, &mut self.commands, requested);
                }
            }
        }
    }

    /// Tells observers a player's mission changed status: [`MissionStatusChanged`] on the
    /// player entity, and [`QuestStateReached`] on every entity subscribed to that quest state.
    ///
    /// `everyone` says whether subscribers to any player's quest hear it too: true when the
    /// quest itself changed, false when one more player joins or leaves a shared or party
    /// attempt (the quest did not change, so they are told once, not once per player).
    pub(super) fn notify_state(
        &mut self,
        player: Entity,
        mission: &MissionId,
        status: MissionStatus,
        everyone: bool,
    ) {
        self.commands.trigger(MissionStatusChanged {
            player,
            mission: mission.clone(),
            status,
        });
        let state = QuestState::from(status);
        let Some(subscribed) = self.subscribers.0.get(mission) else {
            return;
        };
        for &entity in subscribed {
            if let Ok(sub) = self.subscriptions.get(entity)
                && sub.state == state
                && sub.player.map_or(everyone, |p| p == player)
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
}

/// How many places a mission can take from the game: one per place effect and one per kind its
/// objectives visit; and of them, how many may name no kind (one per effect that takes such an
/// answer). A mission never holds more, however often the game answers.
fn place_slots(def: &MissionDef) -> (usize, usize) {
    let place_effects = def
        .effects
        .on_start
        .iter()
        .filter(|e| matches!(e, Effect::AssignTarget(_) | Effect::RevealPlace { .. }))
        .count();
    let kindless = def
        .effects
        .on_start
        .iter()
        .filter(|e| {
            matches!(
                e,
                Effect::AssignTarget(_) | Effect::RevealPlace { place: Some(_), .. }
            )
        })
        .count();
    let visited_kinds = def
        .objectives
        .iter()
        .filter_map(|o| match &o.goal {
            ObjectiveKind::GoToKind { kind, .. } | ObjectiveKind::ScanKind { kind, .. } => {
                Some(kind)
            }
            _ => None,
        })
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    (place_effects + visited_kinds, kindless)
}
