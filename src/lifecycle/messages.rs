//! Requests the game sends and outcomes the plugin reports.

use bevy::prelude::*;

use super::gates::RejectReason;
use crate::catalog::ItemStack;
use crate::ids::*;
use crate::model::effect::Effect;
use crate::model::progress::ChosenPlace;
use crate::model::status::{MissionStatus, QuestState};
use crate::run::RunOverrides;

/// A player's request. One message type keeps requests in the order they were made.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum MissionRequest {
    /// Take a mission (every gate is re-checked when the request is applied).
    Accept {
        /// The player.
        player: Entity,
        /// The mission.
        mission: MissionId,
    },
    /// Join another player's active acceptance as a party member.
    Join {
        /// The joining player.
        player: Entity,
        /// A player who holds the acceptance.
        leader: Entity,
        /// The mission.
        mission: MissionId,
    },
    /// Drop an active mission (no reward, a reputation penalty with the issuer).
    Abandon {
        /// The player.
        player: Entity,
        /// The mission.
        mission: MissionId,
    },
    /// Report back to the giver on a mission that needs a turn-in.
    TurnIn {
        /// The player.
        player: Entity,
        /// The mission.
        mission: MissionId,
    },
    /// Show or hide an active mission on the HUD tracker.
    Track {
        /// The player.
        player: Entity,
        /// The mission.
        mission: MissionId,
        /// Tracked or not.
        tracked: bool,
    },
    /// The player activated an item (starts missions `triggered_by_item`).
    UseItem {
        /// The player.
        player: Entity,
        /// The item.
        item: ItemId,
    },
    /// Generate a random mission from the templates for the player, pinned to them until it is
    /// finished (offered, not accepted). Deterministic for a seed.
    Generate {
        /// The player.
        player: Entity,
        /// The planet (cluster) they are in, if any.
        planet: Option<PlanetId>,
        /// Seed for the draw.
        seed: u64,
    },
    /// Accept the mission of a board posting and fly it as a run: the run is assembled from the
    /// posting (with the overrides) and put on the player as a
    /// [`RunDefinition`](crate::run::RunDefinition); the mission's survive timer lasts the run's
    /// extraction timer.
    AcceptPosting {
        /// The player.
        player: Entity,
        /// The posting.
        posting: PostingId,
        /// Caller overrides (timer, crates, challenge).
        overrides: RunOverrides,
    },
    /// The player left: session-scope missions reset.
    Leave {
        /// The player.
        player: Entity,
    },
    /// The game declares the player's attempt at a mission failed (their ship was destroyed, the
    /// run was lost): penalties and `on_failure` apply as for any failure, with
    /// [`FailReason::Declared`]. Refused with [`RejectReason::NotActive`] when the player holds no
    /// such attempt.
    Fail {
        /// The player.
        player: Entity,
        /// The mission.
        mission: MissionId,
    },
}

impl MissionRequest {
    /// The player who asked.
    pub fn player(&self) -> Entity {
        match self {
            MissionRequest::Accept { player, .. }
            | MissionRequest::Join { player, .. }
            | MissionRequest::Abandon { player, .. }
            | MissionRequest::TurnIn { player, .. }
            | MissionRequest::Track { player, .. }
            | MissionRequest::UseItem { player, .. }
            | MissionRequest::Generate { player, .. }
            | MissionRequest::AcceptPosting { player, .. }
            | MissionRequest::Leave { player }
            | MissionRequest::Fail { player, .. } => *player,
        }
    }

    /// The mission it names, if it names one.
    pub fn mission(&self) -> Option<&MissionId> {
        match self {
            MissionRequest::Accept { mission, .. }
            | MissionRequest::Join { mission, .. }
            | MissionRequest::Abandon { mission, .. }
            | MissionRequest::TurnIn { mission, .. }
            | MissionRequest::Track { mission, .. }
            | MissionRequest::Fail { mission, .. } => Some(mission),
            MissionRequest::UseItem { .. }
            | MissionRequest::Generate { .. }
            | MissionRequest::AcceptPosting { .. }
            | MissionRequest::Leave { .. } => None,
        }
    }
}

/// A mission was accepted.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct MissionAccepted {
    /// The player.
    pub player: Entity,
    /// The mission.
    pub mission: MissionId,
    /// The acceptance entity.
    pub acceptance: Entity,
    /// The giver's `accepted` line.
    pub line: String,
}

/// An objective advanced (at most one message per objective per frame).
#[derive(Message, Clone, Debug, PartialEq)]
pub struct ObjectiveProgressed {
    /// The acceptance entity.
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// Objective index.
    pub objective: usize,
    /// Progress now.
    pub count: u32,
    /// Progress that finishes it.
    pub target: u32,
    /// Finished.
    pub done: bool,
}

/// What one player was paid.
#[derive(Clone, Debug, PartialEq)]
pub struct Payout {
    /// The player.
    pub player: Entity,
    /// Credits.
    pub credits: u64,
    /// Experience.
    pub xp: u64,
    /// Reputation changes actually made (after caps).
    pub reputation: Vec<(FactionId, i32)>,
    /// Items granted.
    pub items: Vec<ItemStack>,
}

/// A mission was completed and paid.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct MissionCompleted {
    /// The acceptance entity.
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// Everyone on it.
    pub players: Vec<Entity>,
    /// What each paid player received.
    pub payouts: Vec<Payout>,
    /// The giver's `success` line.
    pub line: String,
    /// The success message.
    pub message: String,
}

/// Why a mission failed.
#[derive(Clone, Debug, PartialEq)]
pub enum FailReason {
    /// The drawn deadline or finish time passed.
    DeadlinePassed,
    /// A protected or escorted target was destroyed.
    TargetLost,
    /// A fail condition was reached.
    Condition(usize),
    /// The game declared the attempt failed ([`MissionRequest::Fail`]: the ship was lost).
    Declared,
}

/// A mission failed (penalties applied).
#[derive(Message, Clone, Debug, PartialEq)]
pub struct MissionFailed {
    /// The acceptance entity.
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// Everyone on it.
    pub players: Vec<Entity>,
    /// Why.
    pub reason: FailReason,
    /// The giver's `failure` line.
    pub line: String,
}

/// A mission was abandoned.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct MissionAbandoned {
    /// The acceptance entity.
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// The player who abandoned it.
    pub player: Entity,
    /// Reputation change with the issuer.
    pub reputation_change: i32,
}

/// A mission expired (its date, window or daily refresh passed).
#[derive(Message, Clone, Debug, PartialEq)]
pub struct MissionExpired {
    /// The acceptance entity.
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// Everyone on it.
    pub players: Vec<Entity>,
}

/// A request was refused.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct MissionRejected {
    /// The player.
    pub player: Entity,
    /// The mission, or `None` for a random mission that could not be generated.
    pub mission: Option<MissionId>,
    /// Why.
    pub reason: RejectReason,
    /// The giver's line: `success_lie` for an early turn-in, `rejected` otherwise.
    pub line: String,
}

/// A mission was offered (a follow-up, or an effect).
#[derive(Message, Clone, Debug, PartialEq)]
pub struct MissionOffered {
    /// The player.
    pub player: Entity,
    /// The mission.
    pub mission: MissionId,
    /// The mission whose completion or effect offered it (`None` for a new game's offers).
    pub by: Option<MissionId>,
    /// The giver's `offer` line.
    pub line: String,
}

/// Items changed hands because of a mission (rewards, effects, penalties): the game's inventory
/// reads this.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct ItemsChanged {
    /// The player.
    pub player: Entity,
    /// The item.
    pub item: ItemId,
    /// Positive: given; negative: taken.
    pub delta: i64,
}

/// An effect only the game can carry out (reveal a place, assign or spawn a target).
#[derive(Message, Clone, Debug, PartialEq)]
pub struct MissionEffectRequested {
    /// The player it concerns.
    pub player: Entity,
    /// The acceptance.
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// The effect.
    pub effect: Effect,
}

/// An attempt's mission left the catalog (`withdrawn: true`: the attempt is frozen, a journal
/// shows it as withdrawn among the active ones) or came back (`withdrawn: false`: it resumes).
#[derive(Message, Clone, Debug, PartialEq)]
pub struct MissionWithdrawn {
    /// The acceptance.
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// Its players.
    pub players: Vec<Entity>,
    /// Withdrawn, or back.
    pub withdrawn: bool,
}

/// A catalog edit removed an objective that had progress: the progress is dropped.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct ObjectiveRemoved {
    /// The acceptance.
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// Its players.
    pub players: Vec<Entity>,
    /// The removed objective's key.
    pub key: String,
    /// The progress it had.
    pub count: u32,
}

/// The game's answer to a [`MissionEffectRequested`]: the place it chose for an
/// `AssignTarget` or `RevealPlace`, or the entity it spawned for a `SpawnTarget`. The acceptance
/// keeps it (places are saved) and its objective markers point at it.
#[derive(Message, Clone, Debug, PartialEq)]
pub struct MissionEffectResolved {
    /// The acceptance the effect came from.
    pub acceptance: Entity,
    /// What the game did.
    pub outcome: EffectOutcome,
}

/// What the game did for a start effect.
#[derive(Clone, Debug, PartialEq)]
pub enum EffectOutcome {
    /// It chose (or revealed) this place, for this kind of place if the effect named one.
    Place(ChosenPlace),
    /// It spawned this entity for the target.
    Spawned {
        /// The effect's target id.
        target: TargetId,
        /// The entity.
        entity: Entity,
    },
}

/// Triggered (as a global observer event) whenever one player's mission changes status: accepted,
/// completed, failed, abandoned, expired, or left (a party member or shared-quest player who
/// abandons shows as `Abandoned`). Observe it with `app.add_observer(|e: On<MissionStatusChanged>| ..)`.
#[derive(Event, Clone, Debug, PartialEq)]
pub struct MissionStatusChanged {
    /// The player.
    pub player: Entity,
    /// The mission.
    pub mission: MissionId,
    /// The new status.
    pub status: MissionStatus,
}

/// Triggered on an entity with a [`QuestSubscription`] when the quest reaches the state it
/// subscribed to (a door that opens when a quest becomes active).
#[derive(EntityEvent, Clone, Debug, PartialEq)]
pub struct QuestStateReached {
    /// The subscribed entity.
    pub entity: Entity,
    /// The mission.
    pub mission: MissionId,
    /// The state reached.
    pub state: QuestState,
    /// The player whose quest it is.
    pub player: Entity,
}

/// Subscribes a game entity to a quest's state (Portals' effects on state change).
#[derive(Component, Clone, Debug, PartialEq)]
pub struct QuestSubscription {
    /// The mission.
    pub mission: MissionId,
    /// The state that triggers [`QuestStateReached`].
    pub state: QuestState,
    /// Only this player's quest, or any player's.
    pub player: Option<Entity>,
}

/// A reader for every outcome message, for systems that log, count or forward all of them (the
/// dashboard's counts, the test recorder, a network bridge).
#[derive(bevy::ecs::system::SystemParam)]
pub struct OutcomeReaders<'w, 's> {
    /// [`MissionAccepted`].
    pub accepted: MessageReader<'w, 's, MissionAccepted>,
    /// [`ObjectiveProgressed`].
    pub progressed: MessageReader<'w, 's, ObjectiveProgressed>,
    /// [`MissionCompleted`].
    pub completed: MessageReader<'w, 's, MissionCompleted>,
    /// [`MissionFailed`].
    pub failed: MessageReader<'w, 's, MissionFailed>,
    /// [`MissionAbandoned`].
    pub abandoned: MessageReader<'w, 's, MissionAbandoned>,
    /// [`MissionExpired`].
    pub expired: MessageReader<'w, 's, MissionExpired>,
    /// [`MissionRejected`].
    pub rejected: MessageReader<'w, 's, MissionRejected>,
    /// [`MissionOffered`].
    pub offered: MessageReader<'w, 's, MissionOffered>,
    /// [`ItemsChanged`].
    pub items: MessageReader<'w, 's, ItemsChanged>,
    /// [`MissionEffectRequested`].
    pub effects: MessageReader<'w, 's, MissionEffectRequested>,
}
