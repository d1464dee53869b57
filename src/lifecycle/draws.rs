//! Random missions: drawing one from the templates for a player, and forgetting the ones that
//! ended.

use bevy::ecs::system::SystemState;
use bevy::prelude::*;

use super::gates::RejectReason;
use super::param::Lifecycle;
use crate::ids::{MissionId, PlanetId};

/// Forgets now the definitions of every random mission that ended and that no player's journal,
/// pin or attempt in progress still refers to. The plugin does this by itself before each draw once enough have ended, so memory
/// stays bounded; call it to compact at a moment of your choosing (before a save, say), or to
/// check that forgetting changes no gate's answer.
pub fn forget_ended_draws(world: &mut World) {
    let mut state = SystemState::<Lifecycle>::new(world);
    if let Ok(mut lifecycle) = state.get_mut(world) {
        lifecycle.forget_ended_draws_now();
    }
    state.apply(world);
}

impl Lifecycle<'_, '_> {
    /// Generates a random mission from the templates, pins it to the player and offers it.
    pub fn generate(
        &mut self,
        player: Entity,
        planet: Option<&PlanetId>,
        seed: u64,
    ) -> Result<MissionId, RejectReason> {
        let cap = self.catalog.rules().random_missions_cap;
        let now = self.clock.now;
        self.unpin_closed_draws(player);
        self.forget_ended_draws();
        let def = {
            let p = self
                .players
                .get(player)
                .map_err(|_| RejectReason::UnknownPlayer)?;
            if p.pinned.0.len() >= cap as usize {
                return Err(RejectReason::TooManyRandomMissions { cap });
            }
            let template = crate::draw::choose_template(&self.catalog, p.reputation, seed)
                .ok_or(RejectReason::NothingToGenerate)?;
            let situation = crate::draw::Situation {
                planet,
                reputation: p.reputation,
                now,
            };
            crate::draw::generate_mission(&self.catalog, template, &situation, seed)
                .ok_or(RejectReason::NothingToGenerate)?
        };
        // The id names the draw: two players (or one player twice) drawing the same template
        // and seed get two missions, never one definition swapped under another's attempt. The
        // serial counter is saved, so ids stay unique across a save and load.
        let mut def = def;
        self.serials.0 = self.serials.0.saturating_add(1);
        def.id = crate::draw::unique_draw_id(&def.id, self.serials.0);
        let id = def.id.clone();
        self.generated.0.insert(id.clone(), def);
        if let Ok(mut p) = self.players.get_mut(player)
            && !p.pinned.0.contains(&id)
        {
            p.pinned.0.push(id.clone());
        }
        self.offer(player, &id, None);
        Ok(id)
    }

    /// Forgets the definitions of random missions that ended and that no player's journal, pin
    /// or attempt in progress refers to any more (only a format-3 id can be shared by two
    /// players). A drawn mission is pinned to one player, its attempt ends once, and it is never
    /// drawn again, so nothing else can refer to it; the gates never read it (a finished draw
    /// is unpinned, and its outcome is not in any history). Run before each draw, the only
    /// place definitions are added, so they never outnumber what is pinned, in progress or in a
    /// journal, plus a small batch.
    fn forget_ended_draws(&mut self) {
        const BATCH: usize = 32;
        if self.ended_draws.ids.len() >= self.ended_draws.kept * 2 + BATCH {
            self.forget_ended_draws_now();
        }
    }

    /// Draws pinned to the player that can no longer be taken (their window closed or their
    /// expiry passed before the player accepted them) are unpinned and forgotten like any ended
    /// draw, so they do not hold places under the cap for ever.
    fn unpin_closed_draws(&mut self, player: Entity) {
        let now = self.clock.now;
        let Ok(p) = self.players.get(player) else {
            return;
        };
        let closed: Vec<MissionId> = p
            .pinned
            .0
            .iter()
            .filter(|id| p.active.of(id).is_none())
            .filter(|id| {
                self.generated
                    .0
                    .get(*id)
                    .is_some_and(|def| def.timing.closed_for_good(now))
            })
            .cloned()
            .collect();
        if closed.is_empty() {
            return;
        }
        if let Ok(mut p) = self.players.get_mut(player) {
            p.pinned.0.retain(|m| !closed.contains(m));
            for id in &closed {
                p.history.offered.remove(id);
            }
        }
        self.ended_draws.ids.extend(closed);
    }

    /// [`Lifecycle::forget_ended_draws`] at once, however few ended.
    fn forget_ended_draws_now(&mut self) {
        // Still referred to: shown in a journal, pinned, or in progress (a format-3 save could
        // hold one `template#seed` id for two players).
        let shown: std::collections::HashSet<&MissionId> = self
            .players
            .iter()
            .flat_map(|p| {
                p.journal
                    .0
                    .iter()
                    .map(|e| &e.mission)
                    .chain(&p.pinned.0)
                    .chain(p.active.0.iter().map(|(_, m)| m))
            })
            .collect();
        let mut still_shown = Vec::new();
        for id in std::mem::take(&mut self.ended_draws.ids) {
            if shown.contains(&id) {
                still_shown.push(id);
            } else {
                self.generated.0.remove(&id);
            }
        }
        self.ended_draws.kept = still_shown.len();
        self.ended_draws.ids = still_shown;
    }
}
