//! Replay scripts: run the plugin headless over a list of steps (players, requests, facts, clock
//! advances) and check the script's own expectations. `missions-replay` runs them from the
//! command line; designers use them in CI to prove a chain can be completed.
//!
//! ```ron
//! (
//!     players: ["ann"],
//!     steps: [
//!         Accept(player: "ann", mission: "M_KEPLER_SURVEY"),
//!         Fact(player: "ann", fact: Entered(place: "KEPLER_BEACON_A")),
//!         Advance(seconds: 180.0),
//!         Expect(Status(player: "ann", mission: "M_KEPLER_SURVEY", status: Completed)),
//!     ],
//! )
//! ```

use std::collections::BTreeMap;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::catalog::MissionCatalog;
use crate::clock::MissionClock;
use crate::draw::daily_missions;
use crate::ids::*;
use crate::lifecycle::{MissionAcceptance, MissionRequest, MissionSeed, MissionStatus};
use crate::model::board::DailySlot;
use crate::objectives::{FactKind, MissionFact};
use crate::player::*;
use crate::testing::MissionsTest;

/// Something the script expects to hold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Expectation {
    /// The latest acceptance of a mission by a player has this status.
    Status {
        /// Player name.
        player: String,
        /// Mission.
        mission: MissionId,
        /// Expected status.
        status: MissionStatus,
    },
    /// The player completed the mission at least this many times.
    Completions {
        /// Player name.
        player: String,
        /// Mission.
        mission: MissionId,
        /// Fewest completions.
        at_least: u32,
    },
    /// The player's credits.
    Credits {
        /// Player name.
        player: String,
        /// Exact credits.
        credits: u64,
    },
    /// The player's standing with a faction.
    Reputation {
        /// Player name.
        player: String,
        /// Faction.
        faction: FactionId,
        /// Exact standing.
        value: i32,
    },
    /// The last request by this player was refused.
    Rejected {
        /// Player name.
        player: String,
        /// Mission.
        mission: MissionId,
    },
}

/// One step of a script.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Step {
    /// Accept a mission.
    Accept {
        /// Player name.
        player: String,
        /// Mission.
        mission: MissionId,
    },
    /// Accept today's daily mission of a slot.
    AcceptDaily {
        /// Player name.
        player: String,
        /// Slot.
        slot: DailySlot,
    },
    /// Join another player's acceptance.
    Join {
        /// Player name.
        player: String,
        /// Leader's name.
        leader: String,
        /// Mission.
        mission: MissionId,
    },
    /// Abandon.
    Abandon {
        /// Player name.
        player: String,
        /// Mission.
        mission: MissionId,
    },
    /// Turn in.
    TurnIn {
        /// Player name.
        player: String,
        /// Mission.
        mission: MissionId,
    },
    /// Use an item.
    UseItem {
        /// Player name.
        player: String,
        /// Item.
        item: ItemId,
    },
    /// The player leaves (session scope resets).
    Leave {
        /// Player name.
        player: String,
    },
    /// A gameplay fact, repeated `times` (default 1).
    Fact {
        /// Player name.
        player: String,
        /// What happened.
        fact: FactKind,
        /// How many times.
        #[serde(default = "one")]
        times: u32,
    },
    /// Advance the mission clock.
    Advance {
        /// Seconds of game time.
        seconds: f64,
    },
    /// Set a player's level (setup for gates).
    SetLevel {
        /// Player name.
        player: String,
        /// Level.
        level: u32,
    },
    /// Set a player's standing (setup for gates).
    SetReputation {
        /// Player name.
        player: String,
        /// Faction.
        faction: FactionId,
        /// Standing.
        value: i32,
    },
    /// Check an expectation now.
    Expect(Expectation),
}

fn one() -> u32 {
    1
}

/// A replay script.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// Seed for random draws.
    #[serde(default)]
    pub seed: Option<u64>,
    /// Player names, spawned in order.
    pub players: Vec<String>,
    /// Steps.
    pub steps: Vec<Step>,
    /// Expectations checked at the end.
    #[serde(default)]
    pub expect: Vec<Expectation>,
}

/// One acceptance in the final state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AcceptanceState {
    /// Mission.
    pub mission: MissionId,
    /// Status.
    pub status: MissionStatus,
    /// Progress per objective as `count/target`.
    pub progress: Vec<String>,
}

/// One player in the final state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlayerState {
    /// Credits.
    pub credits: u64,
    /// Experience.
    pub xp: u64,
    /// Level.
    pub level: u32,
    /// Standings that differ from zero.
    pub reputation: BTreeMap<FactionId, i32>,
    /// Every acceptance, oldest first.
    pub acceptances: Vec<AcceptanceState>,
}

/// What a replay produced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReplayReport {
    /// Final state per player.
    pub players: BTreeMap<String, PlayerState>,
    /// Expectations that failed, with the step number (0 = the final list).
    pub failures: Vec<String>,
}

/// Why a script could not run.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    /// The script did not parse.
    #[error("{path}:{line}:{col}: {message}")]
    Parse {
        /// Script path.
        path: String,
        /// Line.
        line: usize,
        /// Column.
        col: usize,
        /// ron's message.
        message: String,
    },
    /// A step names a player not in `players`.
    #[error("step {step}: unknown player `{player}`")]
    UnknownPlayer {
        /// Step number (1-based).
        step: usize,
        /// Name.
        player: String,
    },
}

/// Parses a script.
pub fn parse_script(path: &str, text: &str) -> Result<Script, ReplayError> {
    crate::catalog::ron_options()
        .from_str(text)
        .map_err(|e| ReplayError::Parse {
            path: path.to_owned(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        })
}

/// Runs a script against a catalog.
pub fn run_script(catalog: MissionCatalog, script: &Script) -> Result<ReplayReport, ReplayError> {
    let mut t = MissionsTest::new(catalog);
    if let Some(seed) = script.seed {
        t.app.insert_resource(MissionSeed(seed));
    }
    let mut players = BTreeMap::new();
    for name in &script.players {
        players.insert(name.clone(), t.spawn_player(name));
    }
    let mut failures = Vec::new();
    for (i, step) in script.steps.iter().enumerate() {
        if let Some(why) = run_step(&mut t, &players, i + 1, step)? {
            failures.push(format!("step {}: {why}", i + 1));
        }
    }
    for expectation in &script.expect {
        if let Some(why) = check(&mut t, &players, expectation)? {
            failures.push(format!("end: {why}"));
        }
    }
    Ok(ReplayReport {
        players: final_states(&mut t, &players),
        failures,
    })
}

/// The entity of a script's player, or the error naming the step (0 for the final checks).
fn player_named(
    players: &BTreeMap<String, Entity>,
    name: &str,
    step: usize,
) -> Result<Entity, ReplayError> {
    players
        .get(name)
        .copied()
        .ok_or_else(|| ReplayError::UnknownPlayer {
            step,
            player: name.to_owned(),
        })
}

/// Runs one step; returns why it failed, if it is an expectation that did not hold.
fn run_step(
    t: &mut MissionsTest,
    players: &BTreeMap<String, Entity>,
    n: usize,
    step: &Step,
) -> Result<Option<String>, ReplayError> {
    let who = |name: &str| player_named(players, name, n);
    match step {
        Step::Accept { player, mission } => t.request(MissionRequest::Accept {
            player: who(player)?,
            mission: mission.clone(),
        }),
        Step::AcceptDaily { player, slot } => {
            let player = who(player)?;
            let catalog = t.app.world().resource::<MissionCatalog>();
            let clock = t.app.world().resource::<MissionClock>();
            let today = daily_missions(catalog, clock);
            match today.into_iter().find(|(s, _)| s == slot) {
                Some((_, mission)) => t.request(MissionRequest::Accept { player, mission }),
                None => return Ok(Some(format!("no daily mission in slot {slot:?}"))),
            }
        }
        Step::Join {
            player,
            leader,
            mission,
        } => t.request(MissionRequest::Join {
            player: who(player)?,
            leader: who(leader)?,
            mission: mission.clone(),
        }),
        Step::Abandon { player, mission } => t.request(MissionRequest::Abandon {
            player: who(player)?,
            mission: mission.clone(),
        }),
        Step::TurnIn { player, mission } => t.request(MissionRequest::TurnIn {
            player: who(player)?,
            mission: mission.clone(),
        }),
        Step::UseItem { player, item } => t.request(MissionRequest::UseItem {
            player: who(player)?,
            item: item.clone(),
        }),
        Step::Leave { player } => t.request(MissionRequest::Leave {
            player: who(player)?,
        }),
        Step::Fact {
            player,
            fact,
            times,
        } => {
            let player = who(player)?;
            for _ in 0..*times {
                t.fact(MissionFact::new(player, fact.clone()));
            }
        }
        Step::Advance { seconds } => t.advance(*seconds),
        Step::SetLevel { player, level } => {
            let player = who(player)?;
            if let Some(mut xp) = t.app.world_mut().get_mut::<Experience>(player) {
                xp.level = *level;
            }
        }
        Step::SetReputation {
            player,
            faction,
            value,
        } => {
            let player = who(player)?;
            if let Some(mut rep) = t.app.world_mut().get_mut::<Reputation>(player) {
                rep.standings.insert(faction.clone(), *value);
            }
        }
        Step::Expect(expectation) => return check(t, players, expectation),
    }
    Ok(None)
}

/// Every player's credits, XP, reputation and acceptances at the end of a script.
fn final_states(
    t: &mut MissionsTest,
    players: &BTreeMap<String, Entity>,
) -> BTreeMap<String, PlayerState> {
    let mut states = BTreeMap::new();
    let mut acceptances: Vec<MissionAcceptance> = {
        let world = t.app.world_mut();
        world
            .query::<&MissionAcceptance>()
            .iter(world)
            .filter(|a| a.status == MissionStatus::Active)
            .cloned()
            .collect()
    };
    // Finished ones are despawned; the test driver kept them as they ended.
    acceptances.extend(t.outcomes().finished.iter().cloned());
    acceptances.sort_by_key(|a| a.serial);
    for (name, &entity) in players {
        let xp = t.get::<Experience>(entity).unwrap_or_default();
        let reputation = t
            .get::<Reputation>(entity)
            .map(|r| r.standings.into_iter().filter(|(_, v)| *v != 0).collect())
            .unwrap_or_default();
        states.insert(
            name.clone(),
            PlayerState {
                credits: t.credits(entity),
                xp: xp.xp,
                level: xp.level,
                reputation,
                acceptances: acceptances
                    .iter()
                    .filter(|a| a.holders.contains(&entity))
                    .map(|a| AcceptanceState {
                        mission: a.mission.clone(),
                        status: a.status,
                        progress: a
                            .progress
                            .iter()
                            .map(|p| format!("{}/{}", p.count, p.target))
                            .collect(),
                    })
                    .collect(),
            },
        );
    }
    states
}

fn check(
    t: &mut MissionsTest,
    players: &BTreeMap<String, Entity>,
    expectation: &Expectation,
) -> Result<Option<String>, ReplayError> {
    let who = |name: &str| player_named(players, name, 0);
    Ok(match expectation {
        Expectation::Status {
            player,
            mission,
            status,
        } => {
            let got = t.status(who(player)?, mission.as_str());
            (got != Some(*status))
                .then(|| format!("{player}: {mission} is {got:?}, expected {status:?}"))
        }
        Expectation::Completions {
            player,
            mission,
            at_least,
        } => {
            let got = t.completions(who(player)?, mission.as_str());
            (got < *at_least).then(|| {
                format!("{player}: {mission} completed {got} times, expected at least {at_least}")
            })
        }
        Expectation::Credits { player, credits } => {
            let got = t.credits(who(player)?);
            (got != *credits).then(|| format!("{player}: {got} credits, expected {credits}"))
        }
        Expectation::Reputation {
            player,
            faction,
            value,
        } => {
            let got = t.reputation(who(player)?, faction.as_str());
            (got != *value)
                .then(|| format!("{player}: {got} reputation with {faction}, expected {value}"))
        }
        Expectation::Rejected { player, mission } => {
            let entity = who(player)?;
            let last = t
                .outcomes()
                .rejected
                .iter()
                .rev()
                .find(|r| r.player == entity)
                .map(|r| r.mission.clone());
            (last.as_ref() != Some(&Some(mission.clone()))).then(|| {
                format!("{player}: expected {mission} to be refused, last refusal: {last:?}")
            })
        }
    })
}
