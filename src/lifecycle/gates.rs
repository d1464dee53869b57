//! Acceptance gates: every rule that decides whether a player may take a mission now.
//! [`check_gates`] is pure and is the only gate check: the lifecycle calls it when an accept is
//! applied and [`crate::board::MissionBoard`] calls it to show locked entries with their reason,
//! so the two can never disagree.

use serde::{Deserialize, Serialize};

use crate::catalog::{MissionCatalog, MissionDef, Origin, Scope};
use crate::clock::MissionClock;
use crate::draw::daily_missions;
use crate::ids::*;
use crate::model::player::*;
use crate::player::ActiveMissions;

/// Why a request was refused. Every variant reads well in a UI.
#[derive(
    Clone, Debug, PartialEq, Serialize, Deserialize, bevy::reflect::Reflect, thiserror::Error,
)]
#[non_exhaustive]
pub enum RejectReason {
    /// No posting with this id on the board.
    #[error("there is no posting `{posting}`{}", did_you_mean(nearest.as_deref()))]
    UnknownPosting {
        /// The id asked for.
        posting: PostingId,
        /// The known posting id closest to it, when it looks like a typo.
        nearest: Option<String>,
    },
    /// A posting the board does not show today (the catalog's `postings_per_planet` draw left
    /// it out; see [`crate::draw::board_postings`]).
    #[error("this contract is not on the board today")]
    NotPostedToday,
    /// No mission with this id in the catalog (nor generated).
    #[error("there is no mission `{mission}`{}", did_you_mean(nearest.as_deref()))]
    UnknownMission {
        /// The id asked for.
        mission: MissionId,
        /// The known mission id closest to it, when it looks like a typo.
        nearest: Option<String>,
    },
    /// The request named an entity that is not a mission holder (or no longer exists).
    #[error("the player no longer exists")]
    UnknownPlayer,
    /// The mission is switched off.
    #[error("this contract is not on offer")]
    Inactive,
    /// Its expiry date passed.
    #[error("this contract has expired")]
    Expired,
    /// Outside its timing window.
    #[error("this contract is only open between {opens_at:.0}s and {closes_at:.0}s")]
    OutsideWindow {
        /// Opening time.
        opens_at: f64,
        /// Closing time.
        closes_at: f64,
    },
    /// The player already has it active.
    #[error("you already have this mission")]
    AlreadyActive,
    /// A daily mission that is not one of today's dailies.
    #[error("not one of today's daily missions")]
    NotTodaysDaily,
    /// A daily mission the player already completed this game day (offered again after the next
    /// daily refresh).
    #[error("already done today; back after the next daily refresh")]
    DailyDoneToday,
    /// A random mission generated for another player.
    #[error("this contract was drawn for another pilot")]
    NotYours,
    /// A follow-up-only mission that was never offered to this player.
    #[error("nobody has offered you this mission")]
    NotOffered,
    /// Completed as often as allowed.
    #[error("completed {limit} time(s) already; no more repeats")]
    RepeatLimitReached {
        /// The limit.
        limit: u32,
    },
    /// Completed too recently.
    #[error("available again in {remaining:.0}s")]
    CoolingDown {
        /// Seconds left.
        remaining: f64,
    },
    /// Level too low.
    #[error("requires level {need} (you are level {have})")]
    LevelTooLow {
        /// Player's level.
        have: u32,
        /// Required level.
        need: u32,
    },
    /// Reputation with the issuer too low.
    #[error("requires {need} reputation with {faction} (you have {have})")]
    ReputationTooLow {
        /// The issuer.
        faction: FactionId,
        /// Player's standing.
        have: i32,
        /// Required standing.
        need: i32,
    },
    /// Not allied with the only faction that offers it.
    #[error("only offered to allies of {faction} ({need} reputation; you have {have})")]
    NotAllied {
        /// The faction.
        faction: FactionId,
        /// Player's standing.
        have: i32,
        /// Alliance threshold.
        need: i32,
    },
    /// A required trait is missing.
    #[error("requires the trait {0}")]
    MissingTrait(TraitId),
    /// A prerequisite is not completed often enough.
    #[error("requires completing {mission} {need} time(s) (done {have})")]
    PrerequisiteMissing {
        /// The prerequisite.
        mission: MissionId,
        /// Completions so far.
        have: u32,
        /// Completions needed.
        need: u32,
    },
    /// Items the player must carry.
    #[error("requires {need} x {item} (you have {have})")]
    MissingItems {
        /// The item.
        item: ItemId,
        /// Carried.
        have: u32,
        /// Needed.
        need: u32,
    },
    /// A variable is below the value the mission needs.
    #[error("requires {variable} at least {need} (it is {have})")]
    VariableTooLow {
        /// The variable.
        variable: VariableId,
        /// Its value.
        have: i64,
        /// The value needed.
        need: i64,
    },
    /// At the concurrent cap.
    #[error("you already carry {cap} active missions")]
    AtCapacity {
        /// The cap.
        cap: u32,
    },
    /// Abandon or turn-in of a mission that is not active.
    #[error("this mission is not active")]
    NotActive,
    /// Turn-in before the objectives are met.
    #[error("the objectives are not met yet")]
    ObjectivesNotMet,
    /// Turn-in of a mission that completes by itself.
    #[error("this mission completes by itself; nothing to turn in")]
    NoTurnInNeeded,
    /// The party is full.
    #[error("the party is full ({max} players)")]
    PartyFull {
        /// Party size limit.
        max: u32,
    },
    /// The mission cannot be taken by a party.
    #[error("this mission is solo")]
    Solo,
    /// The player already holds as many random missions as allowed.
    #[error("you already hold {cap} random contracts")]
    TooManyRandomMissions {
        /// The cap.
        cap: u32,
    },
    /// The catalog failed to load when the game started, so no request can be applied (requests
    /// that arrive while it is still loading wait for it instead).
    #[error("the mission catalog could not be loaded")]
    CatalogUnavailable,
    /// No template could be filled from the player's situation.
    #[error("no contract fits your situation right now")]
    NothingToGenerate,
    /// A run was asked to start, but the player holds no contract from a posting.
    #[error("you hold no contract to fly")]
    NoContract,
    /// A transition the state machine refuses (the acceptance is not in a status the request
    /// can move it from).
    #[error("{0}")]
    Illegal(#[from] crate::model::status::IllegalTransition),
}

fn did_you_mean(nearest: Option<&str>) -> String {
    nearest.map_or_else(String::new, |n| format!(" (did you mean `{n}`?)"))
}

/// What the gates read about a player.
#[derive(Clone, Copy)]
pub struct PlayerView<'a> {
    /// Variables.
    pub variables: &'a PlayerVariables,
    /// Random missions generated for this player.
    pub pinned: &'a PinnedMissions,
    /// Reputation.
    pub reputation: &'a Reputation,
    /// Level and XP.
    pub experience: &'a Experience,
    /// Traits.
    pub traits: &'a PlayerTraits,
    /// Items.
    pub inventory: &'a Inventory,
    /// Completions and offers.
    pub history: &'a MissionHistory,
    /// Number of active acceptances.
    pub active_count: usize,
    /// Whether this mission is already active for the player.
    pub has_active: bool,
}

impl<'a> PlayerView<'a> {
    /// The view of a player's components for one mission.
    pub fn of(
        mission: &MissionId,
        state: &PlayerStateRefItem<'a, '_>,
        active: &ActiveMissions,
    ) -> Self {
        PlayerView {
            variables: state.variables,
            pinned: state.pinned,
            reputation: state.reputation,
            experience: state.experience,
            traits: state.traits,
            inventory: state.inventory,
            history: state.history,
            active_count: active.0.len(),
            has_active: active.of(mission).is_some(),
        }
    }
}

/// What the gates read that is not the player's own: completions of shared-scope missions and
/// the values of shared variables.
pub trait SharedCompletions {
    /// Times a shared mission was completed by anyone.
    fn shared_completions(&self, mission: &MissionId) -> Option<(u32, Option<f64>)>;

    /// The value of a shared variable, if it was ever set.
    fn shared_variable(&self, _variable: &VariableId) -> Option<i64> {
        None
    }
}

impl SharedCompletions for () {
    fn shared_completions(&self, _: &MissionId) -> Option<(u32, Option<f64>)> {
        None
    }
}

/// Checks every gate of `def` for a player at the clock's time. The first failing gate is
/// returned; an accepted request re-checks them at the moment it is applied. Daily-only missions
/// pass only on the day they are drawn.
pub fn check_gates(
    def: &MissionDef,
    player: &PlayerView<'_>,
    catalog: &MissionCatalog,
    shared: &dyn SharedCompletions,
    clock: &MissionClock,
) -> Result<(), RejectReason> {
    check_on_offer(def, player, catalog, clock)?;
    check_repeats(def, player, shared, clock.now)?;
    check_daily(def, player, catalog, clock)?;
    check_standing(def, player, catalog)?;
    check_requirements(def, player)?;
    check_variables(def, player, catalog, shared)?;
    let cap = catalog.rules().concurrent_cap;
    if player.active_count >= cap as usize {
        return Err(RejectReason::AtCapacity { cap });
    }
    Ok(())
}

/// Whether the mission is on offer to this player now: switched on, drawn today if it is a
/// daily, not expired, inside its window, not already held, offered if it is a follow-up.
fn check_on_offer(
    def: &MissionDef,
    player: &PlayerView<'_>,
    catalog: &MissionCatalog,
    clock: &MissionClock,
) -> Result<(), RejectReason> {
    let now = clock.now;
    if !def.active {
        return Err(RejectReason::Inactive);
    }
    if !def.origins.is_empty()
        && def.origins.iter().all(|o| *o == Origin::Daily)
        && !daily_missions(catalog, clock)
            .iter()
            .any(|(_, m)| *m == def.id)
    {
        return Err(RejectReason::NotTodaysDaily);
    }
    if def.timing.expired(now) {
        return Err(RejectReason::Expired);
    }
    if let Some(w) = def.timing.window
        && !w.contains(now)
    {
        return Err(RejectReason::OutsideWindow {
            opens_at: w.opens_at,
            closes_at: w.closes_at,
        });
    }
    if player.has_active {
        return Err(RejectReason::AlreadyActive);
    }
    if def.is_secondary_only() && !player.history.offered.contains(&def.id) {
        return Err(RejectReason::NotOffered);
    }
    if def.origins.contains(&Origin::Template) && !player.pinned.0.contains(&def.id) {
        return Err(RejectReason::NotYours);
    }
    Ok(())
}

/// A daily mission pays once per game day: refused when the player's last completion falls on
/// today's game day (the record is saved, so quitting and loading changes nothing).
fn check_daily(
    def: &MissionDef,
    player: &PlayerView<'_>,
    catalog: &MissionCatalog,
    clock: &MissionClock,
) -> Result<(), RejectReason> {
    if !def.origins.contains(&Origin::Daily) {
        return Ok(());
    }
    let hour = catalog.daily().map_or(0, |d| d.refresh_hour);
    let done_today = player
        .history
        .record(&def.id)
        .and_then(|r| r.last_completed_at)
        .is_some_and(|at| clock.day_at(at, hour) == clock.day(hour));
    if done_today {
        return Err(RejectReason::DailyDoneToday);
    }
    Ok(())
}

/// The repeat limit and the cooldown (counted over everyone for shared-scope missions).
fn check_repeats(
    def: &MissionDef,
    player: &PlayerView<'_>,
    shared: &dyn SharedCompletions,
    now: f64,
) -> Result<(), RejectReason> {
    let (count, last) = match def.scope {
        Scope::Shared { .. } => shared.shared_completions(&def.id).unwrap_or((0, None)),
        _ => player
            .history
            .record(&def.id)
            .map_or((0, None), |r| (r.count, r.last_completed_at)),
    };
    if def.repeatable != 0 && count >= def.repeatable {
        return Err(RejectReason::RepeatLimitReached {
            limit: def.repeatable,
        });
    }
    if let (Some(cooldown), Some(last)) = (def.timing.cooldown, last) {
        let ready = last + cooldown;
        if now < ready {
            return Err(RejectReason::CoolingDown {
                remaining: ready - now,
            });
        }
    }
    Ok(())
}

/// Level, reputation with the issuer, and alliance with a faction-only mission's faction.
fn check_standing(
    def: &MissionDef,
    player: &PlayerView<'_>,
    catalog: &MissionCatalog,
) -> Result<(), RejectReason> {
    let gates = &def.gates;
    if player.experience.level < gates.min_level {
        return Err(RejectReason::LevelTooLow {
            have: player.experience.level,
            need: gates.min_level,
        });
    }
    if let Some(issuer) = &def.issuer {
        let have = player.reputation.get(issuer, catalog);
        if have < gates.min_reputation {
            return Err(RejectReason::ReputationTooLow {
                faction: issuer.clone(),
                have,
                need: gates.min_reputation,
            });
        }
    }
    if let Some(faction) = &gates.faction_only {
        let have = player.reputation.get(faction, catalog);
        let need = catalog.rules().reputation.allied_at;
        if have < need {
            return Err(RejectReason::NotAllied {
                faction: faction.clone(),
                have,
                need,
            });
        }
    }
    Ok(())
}

/// The value of a variable for a player: the shared one for a `shared` variable, else the
/// player's own, else the catalog's starting value.
pub fn variable_value(
    variable: &VariableId,
    player: &PlayerVariables,
    catalog: &MissionCatalog,
    shared: &dyn SharedCompletions,
) -> i64 {
    let def = catalog.variable(variable.as_str());
    let value = if def.is_some_and(|v| v.shared) {
        shared.shared_variable(variable)
    } else {
        player.0.get(variable).copied()
    };
    value.unwrap_or_else(|| def.map_or(0, |v| v.initial))
}

/// Variables that must be at least a value.
fn check_variables(
    def: &MissionDef,
    player: &PlayerView<'_>,
    catalog: &MissionCatalog,
    shared: &dyn SharedCompletions,
) -> Result<(), RejectReason> {
    for gate in &def.gates.variables {
        let have = variable_value(&gate.variable, player.variables, catalog, shared);
        if have < gate.value {
            return Err(RejectReason::VariableTooLow {
                variable: gate.variable.clone(),
                have,
                need: gate.value,
            });
        }
    }
    Ok(())
}

/// Traits, prerequisites and items the player must have.
fn check_requirements(def: &MissionDef, player: &PlayerView<'_>) -> Result<(), RejectReason> {
    let gates = &def.gates;
    if let Some(missing) = gates
        .required_traits
        .iter()
        .find(|t| !player.traits.0.contains(*t))
    {
        return Err(RejectReason::MissingTrait(missing.clone()));
    }
    for pre in &gates.prerequisites {
        let have = player.history.completions(&pre.mission);
        if have < pre.amount {
            return Err(RejectReason::PrerequisiteMissing {
                mission: pre.mission.clone(),
                have,
                need: pre.amount,
            });
        }
    }
    for stack in &gates.required_items {
        let have = player.inventory.count(&stack.item);
        if have < stack.count {
            return Err(RejectReason::MissingItems {
                item: stack.item.clone(),
                have,
                need: stack.count,
            });
        }
    }
    Ok(())
}
