//! The global rules of the mission game, in one place: caps, penalties, reputation bounds and
//! rivalry, levels. A catalog may override any of them in its `rules` section.

use bevy::reflect::Reflect;
use serde::{Deserialize, Serialize};

use super::defaults;

/// Reputation bounds, rivalry and penalties.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct ReputationRules {
    /// Lowest standing (default -1000).
    #[serde(default = "defaults::rep_min")]
    pub min: i32,
    /// Highest standing (default 1000).
    #[serde(default = "defaults::rep_max")]
    pub max: i32,
    /// Reputation change with the issuer when a mission is abandoned (default -5).
    #[serde(default = "defaults::abandon_penalty")]
    pub abandon_penalty: i32,
    /// Rivalry cap: a gain with a faction stops where its standing plus a rival's standing would
    /// exceed this sum (default 1000). Losses are never capped.
    #[serde(default = "defaults::rep_max")]
    pub rivalry_sum_cap: i32,
    /// Standing at which a player counts as allied (faction-only missions, default 250).
    #[serde(default = "defaults::allied_at")]
    pub allied_at: i32,
}

impl Default for ReputationRules {
    fn default() -> Self {
        ReputationRules {
            min: defaults::rep_min(),
            max: defaults::rep_max(),
            abandon_penalty: defaults::abandon_penalty(),
            rivalry_sum_cap: defaults::rep_max(),
            allied_at: defaults::allied_at(),
        }
    }
}

/// All global rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct GameRules {
    /// Most missions a player may have active at once (default 5).
    #[serde(default = "defaults::concurrent_cap")]
    pub concurrent_cap: u32,
    /// Highest level a player can reach (default 50); gates above it are impossible.
    #[serde(default = "defaults::max_level")]
    pub max_level: u32,
    /// Experience needed per level (level n needs `xp_per_level * (n - 1)` in total).
    #[serde(default = "defaults::xp_per_level")]
    pub xp_per_level: u64,
    /// Most random missions pinned to one player at a time (default 3).
    #[serde(default = "defaults::random_cap")]
    pub random_missions_cap: u32,
    /// Finished attempts each player's journal keeps (the oldest go first), with their logs.
    #[serde(default = "defaults::journal_size")]
    pub journal_size: u32,
    /// Postings each planet shows on a game day, drawn from the session's
    /// [`MissionSeed`](crate::lifecycle::MissionSeed) and the day (see
    /// [`crate::draw::board_postings`]); a posting not drawn today cannot be accepted. `None`
    /// (the default) shows every open posting.
    #[serde(default)]
    pub postings_per_planet: Option<u32>,
    /// Reputation rules.
    #[serde(default)]
    pub reputation: ReputationRules,
}

impl Default for GameRules {
    fn default() -> Self {
        GameRules {
            concurrent_cap: defaults::concurrent_cap(),
            max_level: defaults::max_level(),
            xp_per_level: defaults::xp_per_level(),
            random_missions_cap: defaults::random_cap(),
            journal_size: defaults::journal_size(),
            postings_per_planet: None,
            reputation: ReputationRules::default(),
        }
    }
}
