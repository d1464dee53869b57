//! Contracts taken from a posting: their run starts when the player launches
//! ([`MissionRequest::StartRun`](super::MissionRequest::StartRun)), not when they are accepted,
//! and one never launched expires as its posting says.

use bevy::prelude::*;

use super::gates::RejectReason;
use super::param::Lifecycle;
use super::param::start_timers;
use crate::ids::MissionId;
use crate::model::status::MissionStatus;
use crate::objectives::{Due, DueKind};
use crate::run::{RunDefinition, WaveDirector};

impl Lifecycle<'_, '_> {
    /// Starts the player's run: the timers of every contract of theirs still waiting at the hub
    /// start now, and the wave director with them. A run already under way goes on unchanged.
    pub(super) fn start_run(&mut self, player: Entity) -> Result<(), RejectReason> {
        let Ok(p) = self.players.get(player) else {
            return Err(RejectReason::UnknownPlayer);
        };
        let held: Vec<Entity> = p.active.0.iter().map(|(e, _)| *e).collect();
        let now = self.clock.now;
        let mut contracts = 0;
        let mut started = 0;
        for entity in held {
            let Some(def) = self
                .acceptances
                .get(entity)
                .ok()
                .filter(|a| a.run_seconds.is_some() && a.status == MissionStatus::Active)
                .and_then(|a| self.def(a.mission.as_str()).cloned())
            else {
                continue;
            };
            contracts += 1;
            let Lifecycle {
                acceptances,
                deadlines,
                catalog,
                ..
            } = self;
            let Ok(mut acc) = acceptances.get_mut(entity) else {
                continue;
            };
            if acc.run_started_at.is_some() {
                continue;
            }
            acc.run_started_at = Some(now);
            acc.launch_by = None;
            start_timers(&mut acc, &def, entity, catalog, deadlines, now);
            started += 1;
        }
        if contracts == 0 {
            return Err(RejectReason::NoContract);
        }
        if started > 0 {
            // A run already under way keeps its waves.
            self.commands
                .entity(player)
                .insert_if_new(WaveDirector::default());
            debug!("{player} launched: {started} contract timer(s) started");
        }
        Ok(())
    }

    /// Queues the time a contract waiting at the hub expires, if it has one.
    pub(super) fn queue_launch(&mut self, acceptance: Entity, serial: u64, launch_by: Option<f64>) {
        if let Some(at) = launch_by {
            self.deadlines.push(Due {
                at,
                acceptance,
                serial,
                kind: DueKind::Launch,
            });
        }
    }

    /// A contract that expired at the hub takes its run off its holders: there is nothing left
    /// to fly.
    pub(super) fn drop_contract(&mut self, mission: &MissionId, holders: &[Entity]) {
        for &holder in holders {
            let Ok(mut e) = self.commands.get_entity(holder) else {
                continue;
            };
            let mission = mission.clone();
            e.queue(move |mut entity: EntityWorldMut| {
                if entity
                    .get::<RunDefinition>()
                    .is_some_and(|run| run.mission == mission)
                {
                    entity.remove::<RunDefinition>();
                }
            });
        }
    }
}
