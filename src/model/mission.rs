//! Mission definitions: what a mission is, who offers it, what it asks, what it pays.
//!
//! One [`MissionDef`] covers faction contracts, story missions with dialogue and effects,
//! subquests and parties, and world-shared quests. Every field has a default, so a small mission
//! is a few lines of RON.

use bevy::reflect::Reflect;
use serde::{Deserialize, Serialize};

use super::defaults;
use super::dialogue::Dialogue;
use super::effect::Effect;
use super::objective::ObjectiveDef;
use super::tuning::ObjectiveLabel;
use crate::ids::*;

/// The mission families; the board filters by them and factions favour some.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Reflect,
)]
pub enum MissionType {
    /// Move cargo to a sector.
    CargoDelivery,
    /// Destroy a target.
    Combat,
    /// Visit a sector and scan.
    Exploration,
    /// Carry a courier package between factions; pays the issuer and charges the target faction.
    Diplomatic,
    /// Anything else (story quests, tutorials, dailies).
    #[default]
    General,
}

impl MissionType {
    /// Every mission type, in board order.
    pub const ALL: [MissionType; 5] = [
        MissionType::CargoDelivery,
        MissionType::Combat,
        MissionType::Exploration,
        MissionType::Diplomatic,
        MissionType::General,
    ];
}

/// How a mission can first be offered.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Reflect)]
#[non_exhaustive]
pub enum Origin {
    /// Offered when a new game starts.
    GameStart,
    /// Offered by the NPC who opens the game (the `giver`).
    OpenerNpc,
    /// Offered by any NPC of the issuing faction.
    AnyNpc,
    /// Offered on the mission board.
    Board,
    /// Only ever offered as a follow-up of another mission or started by an effect.
    Secondary,
    /// Offered in a daily-quest slot.
    Daily,
    /// Generated from a random-mission template.
    Template,
    /// Started by the game itself, from its dialogue or scripts, through a
    /// `MissionRequest::Accept`.
    Scripted,
}

/// The default origin: a mission any NPC of its faction can offer.
fn default_origins() -> Vec<Origin> {
    vec![Origin::AnyNpc]
}

/// How a follow-up starts once its parent completes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect)]
pub enum FollowUpMode {
    /// It becomes available and is offered to the player.
    #[default]
    Offer,
    /// It is accepted at once.
    AutoStart,
}

/// A mission that follows this one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// The next mission.
    pub mission: MissionId,
    /// Offered or auto-started.
    #[serde(default)]
    pub mode: FollowUpMode,
}

/// "Mission Q completed at least N times".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct Prerequisite {
    /// The mission that must have been completed.
    pub mission: MissionId,
    /// How many completions are needed (default 1).
    #[serde(default = "defaults::one_u32")]
    pub amount: u32,
}

/// An item and an amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bevy::reflect::Reflect)]
#[serde(deny_unknown_fields)]
pub struct ItemStack {
    /// The item.
    pub item: ItemId,
    /// How many (default 1).
    #[serde(default = "defaults::one_u32")]
    pub count: u32,
}

/// Everything checked before a player may accept (re-checked at the moment accept is applied).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct Gates {
    /// Minimum reputation with the issuing faction (default -800: anyone).
    #[serde(default = "defaults::min_reputation")]
    pub min_reputation: i32,
    /// Minimum player level (default 1).
    #[serde(default = "defaults::one_u32")]
    pub min_level: u32,
    /// Traits the player must hold.
    #[serde(default)]
    pub required_traits: Vec<TraitId>,
    /// Missions that must have been completed first, with counts.
    #[serde(default)]
    pub prerequisites: Vec<Prerequisite>,
    /// Items the player must carry when accepting (not consumed).
    #[serde(default)]
    pub required_items: Vec<ItemStack>,
    /// Only players allied with this faction may take it (smuggling is Fringe Alliance only):
    /// reputation with it must be at least [`crate::model::rules::ReputationRules::allied_at`].
    #[serde(default)]
    pub faction_only: Option<FactionId>,
    /// Variables that must be at least a value: the player's own,
    /// or the shared value for a `shared` variable.
    #[serde(default)]
    pub variables: Vec<VariableAtLeast>,
}

/// A variable condition: the variable must be at least `value`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct VariableAtLeast {
    /// The variable.
    pub variable: VariableId,
    /// The lowest value that passes.
    pub value: i64,
}

/// What starts a mission by itself, besides `auto_start`: once it holds
/// for a player and every gate passes, the mission is accepted for them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
pub enum Trigger {
    /// A variable reaches a value (the player's, or the shared one).
    VariableReaches {
        /// The variable.
        variable: VariableId,
        /// The value it must reach.
        value: i64,
    },
    /// The mission clock reaches a game time.
    AtTime {
        /// Game seconds.
        at: f64,
    },
    /// Some seconds after the player completed another mission.
    AfterMission {
        /// The mission.
        mission: MissionId,
        /// Seconds after its completion.
        #[serde(default)]
        seconds: f64,
    },
}

impl Trigger {
    /// The game time from which the trigger can hold on its own (a clock time, or a delay after
    /// a completion), if it is a timer.
    pub fn due_at(&self, completed_at: Option<f64>) -> Option<f64> {
        match self {
            Trigger::AtTime { at } => Some(*at),
            Trigger::AfterMission { seconds, .. } => completed_at.map(|t| t + seconds),
            Trigger::VariableReaches { .. } => None,
        }
    }
}

impl Default for Gates {
    fn default() -> Self {
        Gates {
            min_reputation: defaults::min_reputation(),
            min_level: 1,
            required_traits: Vec::new(),
            prerequisites: Vec::new(),
            required_items: Vec::new(),
            faction_only: None,
            variables: Vec::new(),
        }
    }
}

/// What completing a mission pays, exactly once per completion.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct Rewards {
    /// Credits.
    #[serde(default)]
    pub credits: u64,
    /// Experience points.
    #[serde(default)]
    pub xp: u64,
    /// Reputation with the issuing faction.
    #[serde(default)]
    pub reputation: i32,
    /// Reputation with the target faction (diplomatic missions: usually negative).
    #[serde(default)]
    pub target_reputation: i32,
    /// Items granted.
    #[serde(default)]
    pub items: Vec<ItemStack>,
    /// Places revealed on the map (exploration map data).
    #[serde(default)]
    pub reveals: Vec<PlaceId>,
}

/// A penalty paid when a timed mission fails.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    /// Credits taken (never below zero).
    #[serde(default)]
    pub credits: u64,
    /// Reputation change with the issuer (negative).
    #[serde(default)]
    pub reputation: i32,
    /// Items taken back.
    #[serde(default)]
    pub items: Vec<ItemStack>,
}

/// An inclusive range of hours; one value is drawn at
/// accept from the seeded RNG.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct HoursRange {
    /// Shortest deadline, in game hours.
    pub low: f64,
    /// Longest deadline, in game hours.
    pub high: f64,
}

/// A window of game time, in seconds since the start of the game clock.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct TimeWindow {
    /// First moment it is open.
    pub opens_at: f64,
    /// Moment it closes.
    pub closes_at: f64,
}

/// Deadlines, expiry and cooldowns. Every value reads the mission clock, never the system clock.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct Timing {
    /// Deadline after accepting, drawn from a range of game hours.
    #[serde(default)]
    pub deadline_hours: Option<HoursRange>,
    /// Seconds allowed after accepting before the attempt fails.
    #[serde(default)]
    pub finish_time: Option<f64>,
    /// Game time after which the posting is withdrawn and active attempts expire.
    #[serde(default)]
    pub expires_at: Option<f64>,
    /// Window during which it can be accepted and must be finished.
    #[serde(default)]
    pub window: Option<TimeWindow>,
    /// Seconds after a completion before it can be accepted again.
    #[serde(default)]
    pub cooldown: Option<f64>,
}

impl TimeWindow {
    /// Whether game time `now` falls in the window (it opens at `opens_at` and is closed from
    /// `closes_at` on).
    pub fn contains(&self, now: f64) -> bool {
        now >= self.opens_at && now < self.closes_at
    }
}

impl Timing {
    /// Past its expiry date at game time `now`.
    pub fn expired(&self, now: f64) -> bool {
        self.expires_at.is_some_and(|at| now >= at)
    }

    /// Whether its timing lets it be taken at `now`: not expired, and inside its window if it
    /// has one.
    pub fn open(&self, now: f64) -> bool {
        !self.expired(now) && self.window.is_none_or(|w| w.contains(now))
    }

    /// Whether it can never be taken again from `now` on: expired, or its window closed.
    pub fn closed_for_good(&self, now: f64) -> bool {
        self.expired(now) || self.window.is_some_and(|w| now >= w.closes_at)
    }
}

/// Who shares the state of a mission.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect)]
pub enum Scope {
    /// Each player progresses alone; saved between sessions.
    #[default]
    Player,
    /// Each player alone, reset when the player leaves or the session restarts; never saved.
    PlayerSession,
    /// One state for everyone: the first to finish completes it for all.
    Shared {
        /// Who is paid when it completes.
        #[serde(default)]
        rewards: SharedRewards,
    },
}

/// Who is rewarded when a shared mission completes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect)]
pub enum SharedRewards {
    /// Only the player whose fact finished it.
    Finisher,
    /// Every player who advanced it.
    #[default]
    Contributors,
    /// Every player holding it.
    Everyone,
}

/// Parties: several players on one acceptance with shared progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct PartyRules {
    /// Most players on one acceptance (1 = solo).
    #[serde(default = "defaults::one_u32")]
    pub max_size: u32,
    /// Whether each member receives the full rewards (otherwise credits are split).
    #[serde(default = "defaults::yes")]
    pub full_rewards_each: bool,
}

impl Default for PartyRules {
    fn default() -> Self {
        PartyRules {
            max_size: 1,
            full_rewards_each: true,
        }
    }
}

/// Effects that run at each moment of a mission's life.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct MissionEffects {
    /// When accepted.
    #[serde(default)]
    pub on_start: Vec<Effect>,
    /// When completed.
    #[serde(default)]
    pub on_success: Vec<Effect>,
    /// When failed or expired.
    #[serde(default)]
    pub on_failure: Vec<Effect>,
    /// When abandoned.
    #[serde(default)]
    pub on_abandon: Vec<Effect>,
}

/// Whether objectives must be done one after another or in any order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect)]
pub enum ObjectiveOrder {
    /// In the order written; only the first unfinished required objective advances.
    Sequential,
    /// In any order.
    #[default]
    Parallel,
}

/// A condition that fails an active mission.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[non_exhaustive]
pub enum FailCondition {
    /// A counter reached a limit during the attempt ("spotted by patrols 3 times").
    CounterReaches {
        /// The counter.
        counter: CounterId,
        /// How many increments fail the mission.
        count: u32,
    },
    /// A target spawned by this mission was destroyed (escort/defend).
    TargetDestroyed {
        /// The target.
        target: TargetId,
    },
    /// An NPC died.
    NpcDied {
        /// The NPC.
        npc: NpcId,
    },
}

impl FailCondition {
    /// What ties a fail count to this condition across edits and saves.
    pub fn identity(&self) -> String {
        match self {
            FailCondition::CounterReaches { counter, .. } => format!("CounterReaches({counter})"),
            FailCondition::TargetDestroyed { target } => format!("TargetDestroyed({target})"),
            FailCondition::NpcDied { npc } => format!("NpcDied({npc})"),
        }
    }
}

/// One mission or quest definition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct MissionDef {
    /// Unique id.
    pub id: MissionId,
    /// Name shown in the journal and on the board.
    pub name: String,
    /// Longer description.
    #[serde(default)]
    pub description: String,
    /// Seed 000 family.
    #[serde(default)]
    pub mission_type: MissionType,
    /// Issuing faction: reputation gates and rewards apply to it.
    #[serde(default)]
    pub issuer: Option<FactionId>,
    /// The NPC who gives it and says the dialogue lines.
    #[serde(default)]
    pub giver: Option<NpcId>,
    /// Target faction of a diplomatic or combat mission.
    #[serde(default)]
    pub target_faction: Option<FactionId>,
    /// Board label (Explore, Find, Protect, Battle) for missions flown as runs.
    #[serde(default)]
    pub label: Option<ObjectiveLabel>,
    /// Difficulty rating (for sorting and giver choice; the run's tier is on the posting).
    #[serde(default)]
    pub difficulty: u32,
    /// What the mission is worth to the giver, in credits.
    #[serde(default)]
    pub value: u64,
    /// Urgent missions are shown first and flagged.
    #[serde(default)]
    pub urgent: bool,
    /// What the player must do.
    #[serde(default)]
    pub objectives: Vec<ObjectiveDef>,
    /// Whether objectives run in order or in parallel.
    #[serde(default)]
    pub order: ObjectiveOrder,
    /// Conditions that fail an active attempt.
    #[serde(default)]
    pub fail_when: Vec<FailCondition>,
    /// Acceptance gates.
    #[serde(default)]
    pub gates: Gates,
    /// Rewards on completion.
    #[serde(default)]
    pub rewards: Rewards,
    /// Penalty on failure or expiry (pacts).
    #[serde(default)]
    pub penalty: Option<Penalty>,
    /// Deadlines, expiry, windows, cooldowns.
    #[serde(default)]
    pub timing: Timing,
    /// Completions allowed: 1 = one-shot (default), N = at most N, 0 = unlimited.
    #[serde(default = "defaults::one_u32")]
    pub repeatable: u32,
    /// Whether it can be offered at all.
    #[serde(default = "defaults::yes")]
    pub active: bool,
    /// How it is first offered.
    #[serde(default = "default_origins")]
    pub origins: Vec<Origin>,
    /// Missions offered or started when this one completes.
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
    /// Starts by itself as soon as its gates hold.
    #[serde(default)]
    pub auto_start: bool,
    /// Starts by itself when this holds (and its gates do): a variable reaching a value, a
    /// clock time, or a delay after another mission.
    #[serde(default)]
    pub trigger: Option<Trigger>,
    /// Starts when the player activates this item.
    #[serde(default)]
    pub triggered_by_item: Option<ItemId>,
    /// Per player, per session, or shared by all.
    #[serde(default)]
    pub scope: Scope,
    /// Party size and reward split.
    #[serde(default)]
    pub party: PartyRules,
    /// Quest-log group ("Chapter 1").
    #[serde(default)]
    pub display_group: Option<String>,
    /// Shown in the journal (false for quests that only drive world state).
    #[serde(default = "defaults::yes")]
    pub visible: bool,
    /// Tracked on the HUD when accepted.
    #[serde(default = "defaults::yes")]
    pub tracked: bool,
    /// Completion needs the player to report back to the giver.
    #[serde(default)]
    pub turn_in: bool,
    /// Giver dialogue.
    #[serde(default)]
    pub dialogue: Dialogue,
    /// Shown on completion.
    #[serde(default)]
    pub success_message: String,
    /// Effects at start, success, failure and abandon.
    #[serde(default)]
    pub effects: MissionEffects,
}

impl MissionDef {
    /// A minimal definition with every default, for building catalogs in code and tests.
    pub fn new(id: impl Into<MissionId>, name: impl Into<String>) -> Self {
        MissionDef {
            id: id.into(),
            name: name.into(),
            description: String::new(),
            mission_type: MissionType::General,
            issuer: None,
            giver: None,
            target_faction: None,
            label: None,
            difficulty: 0,
            value: 0,
            urgent: false,
            objectives: Vec::new(),
            order: ObjectiveOrder::Parallel,
            fail_when: Vec::new(),
            gates: Gates::default(),
            rewards: Rewards::default(),
            penalty: None,
            timing: Timing::default(),
            repeatable: 1,
            active: true,
            origins: default_origins(),
            follow_ups: Vec::new(),
            auto_start: false,
            trigger: None,
            triggered_by_item: None,
            scope: Scope::Player,
            party: PartyRules::default(),
            display_group: None,
            visible: true,
            tracked: true,
            turn_in: false,
            dialogue: Dialogue::default(),
            success_message: String::new(),
            effects: MissionEffects::default(),
        }
    }

    /// Whether it may be completed any number of times.
    pub fn is_unlimited(&self) -> bool {
        self.repeatable == 0
    }

    /// Whether it is only reachable as a follow-up or through an effect.
    pub fn is_secondary_only(&self) -> bool {
        !self.origins.is_empty() && self.origins.iter().all(|o| *o == Origin::Secondary)
    }
}
