//! The run a posting sets up: the schema types the game's run loop reads and the save
//! keeps. [`crate::run`] assembles them from the catalog.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ids::*;

/// The engine-side win condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Reflect)]
pub enum WinCondition {
    /// Survive until the extraction timer hits zero.
    SurviveTimer,
    /// Visit or scan N beacons.
    Explore,
    /// Destroy N enemies or a named target.
    KillTarget,
    /// Collect N items.
    Collect,
    /// Bring a target to a place.
    Escort,
    /// Keep a target alive.
    Defend,
}

/// Caller overrides; each one wins over the tables.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(default, deny_unknown_fields)]
pub struct RunOverrides {
    /// Crates placed at world start (always wins over the label's default).
    pub weapon_box_count: Option<u32>,
    /// Extraction timer in seconds.
    pub timer_seconds: Option<f32>,
    /// A challenge run (the challenge factor applies).
    pub challenge: bool,
}

/// What the game's run loop and spawner read: a component on the entity flying the run (the
/// player, or a run entity of its own), so every player of a world can fly their own run. Built
/// once when the contract is taken from a posting, so a tuning reload changes the next
/// contract, never one already taken (its run starts with
/// [`MissionRequest::StartRun`](crate::lifecycle::MissionRequest::StartRun)).
/// Saved with its player, so a run accepted (or flown) before the game closed is there to fly
/// when it opens again.
#[derive(Component, Clone, Debug, PartialEq, Reflect, Serialize, Deserialize)]
#[reflect(Component)]
#[serde(deny_unknown_fields)]
pub struct RunDefinition {
    /// The posting it came from.
    pub posting: PostingId,
    /// The mission accepted with it.
    pub mission: MissionId,
    /// The planet.
    pub planet: PlanetId,
    /// Extraction timer ("SURVIVE M:SS until extraction").
    #[serde(deserialize_with = "crate::model::bounds::run_seconds")]
    pub timer_seconds: f32,
    /// Crates placed at world start.
    #[serde(deserialize_with = "crate::model::bounds::run_items")]
    pub weapon_box_count: u32,
    /// Planet x rarity x challenge x label enemy factor.
    #[serde(deserialize_with = "crate::model::bounds::factor")]
    pub enemy_count_mult: f32,
    /// What wins the run.
    pub win: WinCondition,
    /// Beacons, kills or items the win condition needs (0 for the survive timer).
    #[serde(deserialize_with = "crate::model::bounds::run_items")]
    pub win_count: u32,
    /// Enemies in the first wave before the multiplier.
    #[serde(deserialize_with = "crate::model::bounds::run_items")]
    pub base_wave_enemies: u32,
    /// Extra enemies each later wave adds before the multiplier.
    #[serde(deserialize_with = "crate::model::bounds::factor")]
    pub wave_growth: f32,
    /// Game seconds between waves ([`WaveDirector`](crate::run::WaveDirector) sends the first at once).
    #[serde(deserialize_with = "crate::model::bounds::interval")]
    pub wave_interval_seconds: f32,
}

impl RunDefinition {
    /// Enemies to spawn in wave `wave` (1-based): the base plus growth per wave, times the
    /// stacked multiplier, rounded; wave 0 is treated as wave 1.
    pub fn enemies_in_wave(&self, wave: u32) -> u32 {
        let n = wave.max(1) - 1;
        let base = self.base_wave_enemies as f32 + self.wave_growth * n as f32;
        (base * self.enemy_count_mult).round().max(0.0) as u32
    }
}
