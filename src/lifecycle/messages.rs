//! Requests the game sends and outcomes the plugin reports.

use bevy::ecs::entity::MapEntities;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::gates::RejectReason;
use crate::ids::*;
use crate::model::dialogue::DialogueLine;
use crate::model::effect::Effect;
use crate::model::mission::ItemStack;
use crate::model::run::RunOverrides;
use crate::model::status::{MissionStatus, QuestState};

/// A player's request. One message type keeps requests in the order they were made. Build one
/// with its constructor ([`MissionRequest::accept`], ..); a refusal arrives as
/// [`MissionRejected`] with a typed [`RejectReason`].
#[derive(Message, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities)]
#[non_exhaustive]
pub enum MissionRequest {
    /// Take a mission (every gate is re-checked when the request is applied).
    Accept {
        /// The player.
        #[entities]
        player: Entity,
        /// The mission.
        mission: MissionId,
    },
    /// Join another player's active acceptance as a party member.
    Join {
        /// The joining player.
        #[entities]
        player: Entity,
        /// A player who holds the acceptance.
        #[entities]
        leader: Entity,
        /// The mission.
        mission: MissionId,
    },
    /// Drop an active mission (no reward, a reputation penalty with the issuer).
    Abandon {
        /// The player.
        #[entities]
        player: Entity,
        /// The mission.
        mission: MissionId,
    },
    /// Report back to the giver on a mission that needs a turn-in.
    TurnIn {
        /// The player.
        #[entities]
        player: Entity,
        /// The mission.
        mission: MissionId,
    },
    /// Show or hide an active mission on the HUD tracker.
    Track {
        /// The player.
        #[entities]
        player: Entity,
        /// The mission.
        mission: MissionId,
        /// Tracked or not.
        tracked: bool,
    },
    /// The player activated an item (starts missions `triggered_by_item`).
    UseItem {
        /// The player.
        #[entities]
        player: Entity,
        /// The item.
        item: ItemId,
    },
    /// Generate a random mission from the templates for the player, pinned to them until it is
    /// finished (offered, not accepted). Its content is deterministic for a seed; its id
    /// (`TEMPLATE#seed-N`) names the draw, so no two draws share one, whoever makes them.
    Generate {
        /// The player.
        #[entities]
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
        #[entities]
        player: Entity,
        /// The posting.
        posting: PostingId,
        /// Caller overrides (timer, crates, challenge).
        overrides: RunOverrides,
    },
    /// The player's run starts (they launch from the hub): the survive and extraction timers
    /// of every contract they took from a posting start now, and the
    /// [`WaveDirector`](crate::run::WaveDirector) sends its first wave. A contract not launched
    /// within its posting's
    /// [`launch_within`](crate::model::board::PostingDef::launch_within) expires instead.
    /// Refused with [`RejectReason::NoContract`] when the player holds no contract; a run that
    /// already started goes on unchanged.
    StartRun {
        /// The player.
        #[entities]
        player: Entity,
    },
    /// The player left: session-scope missions reset.
    Leave {
        /// The player.
        #[entities]
        player: Entity,
    },
    /// The game declares the player's attempt at a mission failed (their ship was destroyed, the
    /// run was lost): penalties and `on_failure` apply as for any failure, with
    /// [`FailReason::Declared`]. Refused with [`RejectReason::NotActive`] when the player holds no
    /// such attempt.
    Fail {
        /// The player.
        #[entities]
        player: Entity,
        /// The mission.
        mission: MissionId,
    },
}

impl MissionRequest {
    /// Take a mission.
    pub fn accept(player: Entity, mission: impl Into<MissionId>) -> Self {
        MissionRequest::Accept {
            player,
            mission: mission.into(),
        }
    }

    /// Join `leader`'s active attempt at a mission as a party member.
    pub fn join(player: Entity, leader: Entity, mission: impl Into<MissionId>) -> Self {
        MissionRequest::Join {
            player,
            leader,
            mission: mission.into(),
        }
    }

    /// Drop an active mission.
    pub fn abandon(player: Entity, mission: impl Into<MissionId>) -> Self {
        MissionRequest::Abandon {
            player,
            mission: mission.into(),
        }
    }

    /// Report back to the giver.
    pub fn turn_in(player: Entity, mission: impl Into<MissionId>) -> Self {
        MissionRequest::TurnIn {
            player,
            mission: mission.into(),
        }
    }

    /// Show (`true`) or hide an active mission on the HUD tracker.
    pub fn track(player: Entity, mission: impl Into<MissionId>, tracked: bool) -> Self {
        MissionRequest::Track {
            player,
            mission: mission.into(),
            tracked,
        }
    }

    /// The player activated an item.
    pub fn use_item(player: Entity, item: impl Into<ItemId>) -> Self {
        MissionRequest::UseItem {
            player,
            item: item.into(),
        }
    }

    /// Draw a random mission for the player (on a planet, or anywhere), from a seed.
    pub fn generate(player: Entity, planet: Option<PlanetId>, seed: u64) -> Self {
        MissionRequest::Generate {
            player,
            planet,
            seed,
        }
    }

    /// Accept a board posting and fly it as a run, with no overrides.
    pub fn accept_posting(player: Entity, posting: impl Into<PostingId>) -> Self {
        MissionRequest::AcceptPosting {
            player,
            posting: posting.into(),
            overrides: RunOverrides::default(),
        }
    }

    /// Start the player's run: their contracts' timers run from now.
    pub fn start_run(player: Entity) -> Self {
        MissionRequest::StartRun { player }
    }

    /// The player left the session.
    pub fn leave(player: Entity) -> Self {
        MissionRequest::Leave { player }
    }

    /// Declare the player's attempt at a mission failed.
    pub fn fail(player: Entity, mission: impl Into<MissionId>) -> Self {
        MissionRequest::Fail {
            player,
            mission: mission.into(),
        }
    }

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
            | MissionRequest::StartRun { player }
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
            | MissionRequest::StartRun { .. }
            | MissionRequest::Leave { .. } => None,
        }
    }
}

/// A mission was accepted. Written as a message and triggered on the player entity.
#[derive(
    Message, EntityEvent, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities,
)]
pub struct MissionAccepted {
    /// The player.
    #[event_target]
    #[entities]
    pub player: Entity,
    /// The mission.
    pub mission: MissionId,
    /// The acceptance entity.
    #[entities]
    pub acceptance: Entity,
}

/// An objective advanced (at most once per objective and player per frame). Written as a message
/// and triggered on the player entity; a party's shared objective tells every member.
#[derive(
    Message, EntityEvent, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities,
)]
pub struct ObjectiveProgressed {
    /// The player.
    #[event_target]
    #[entities]
    pub player: Entity,
    /// The acceptance entity.
    #[entities]
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// The objective's key ([`ObjectiveDef::key`](crate::model::objective::ObjectiveDef::key)).
    pub key: ObjectiveKey,
    /// Progress now.
    pub count: u32,
    /// Progress that finishes it.
    pub target: u32,
    /// Finished.
    pub done: bool,
}

/// What one player was paid for one completion.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Reflect)]
pub struct Payout {
    /// Credits.
    pub credits: u64,
    /// Experience.
    pub xp: u64,
    /// Reputation changes actually made (after caps).
    pub reputation: Vec<(FactionId, i32)>,
    /// Items granted.
    pub items: Vec<ItemStack>,
}

/// A player completed a mission. Written as a message and triggered on the player entity, once
/// per player on it (every member of a party, every player of a shared quest).
#[derive(
    Message, EntityEvent, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities,
)]
pub struct MissionCompleted {
    /// The player.
    #[event_target]
    #[entities]
    pub player: Entity,
    /// The acceptance entity.
    #[entities]
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// What this player was paid: `None` when the mission's rules paid someone else (a shared
    /// quest that pays its finisher) or the payment was already made (the reward ledger).
    pub payout: Option<Payout>,
}

/// Why a mission failed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[non_exhaustive]
pub enum FailReason {
    /// The drawn deadline or finish time passed.
    DeadlinePassed,
    /// A protected or escorted target was destroyed.
    TargetLost,
    /// A fail condition was reached: its key
    /// ([`FailCondition::identity`](crate::model::mission::FailCondition::identity)).
    Condition(String),
    /// The game declared the attempt failed ([`MissionRequest::Fail`]: the ship was lost).
    Declared,
}

/// A player's mission failed (penalties applied). Written as a message and triggered on the
/// player entity, once per player on it.
#[derive(
    Message, EntityEvent, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities,
)]
pub struct MissionFailed {
    /// The player.
    #[event_target]
    #[entities]
    pub player: Entity,
    /// The acceptance entity.
    #[entities]
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// Why.
    pub reason: FailReason,
}

/// A player abandoned a mission. Written as a message and triggered on the player entity.
#[derive(
    Message, EntityEvent, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities,
)]
pub struct MissionAbandoned {
    /// The player who abandoned it.
    #[event_target]
    #[entities]
    pub player: Entity,
    /// The acceptance entity.
    #[entities]
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// Reputation change with the issuer.
    pub reputation_change: i32,
}

/// A player's mission expired (its date, window or daily refresh passed). Written as a message
/// and triggered on the player entity, once per player on it.
#[derive(
    Message, EntityEvent, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities,
)]
pub struct MissionExpired {
    /// The player.
    #[event_target]
    #[entities]
    pub player: Entity,
    /// The acceptance entity.
    #[entities]
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
}

/// A request was refused. Written as a message and triggered on the player entity (when it
/// still exists).
#[derive(
    Message, EntityEvent, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities,
)]
pub struct MissionRejected {
    /// The player.
    #[event_target]
    #[entities]
    pub player: Entity,
    /// The mission, or `None` for a request that names none (a posting, a random draw).
    pub mission: Option<MissionId>,
    /// Why.
    pub reason: RejectReason,
    /// The giver's line that answers it: [`DialogueLine::SuccessLie`] for an early turn-in,
    /// [`DialogueLine::Rejected`] otherwise.
    pub line: DialogueLine,
}

/// A mission was offered (a follow-up, an effect, or a new game's offers). Written as a message
/// and triggered on the player entity.
#[derive(
    Message, EntityEvent, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities,
)]
pub struct MissionOffered {
    /// The player.
    #[event_target]
    #[entities]
    pub player: Entity,
    /// The mission.
    pub mission: MissionId,
    /// The mission whose completion or effect offered it (`None` for a new game's offers).
    pub by: Option<MissionId>,
}

/// Items changed hands because of a mission (rewards, effects, penalties): the game's inventory
/// reads this. Written as a message and triggered on the player entity.
#[derive(
    Message, EntityEvent, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities,
)]
pub struct ItemsChanged {
    /// The player.
    #[event_target]
    #[entities]
    pub player: Entity,
    /// The item.
    pub item: ItemId,
    /// Positive: given; negative: taken.
    pub delta: i64,
}

/// An effect only the game can carry out (reveal a place, assign or spawn a target). Written as a
/// message and triggered on the player entity.
#[derive(
    Message, EntityEvent, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities,
)]
pub struct MissionEffectRequested {
    /// The player it concerns.
    #[event_target]
    #[entities]
    pub player: Entity,
    /// The acceptance.
    #[entities]
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// The effect.
    pub effect: Effect,
}

/// An attempt's mission left the catalog (`withdrawn: true`: the attempt is frozen, a journal
/// shows it as withdrawn among the active ones) or came back (`withdrawn: false`: it resumes).
#[derive(Message, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities)]
pub struct MissionWithdrawn {
    /// The acceptance.
    #[entities]
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// Its players.
    #[entities]
    pub players: Vec<Entity>,
    /// Withdrawn, or back.
    pub withdrawn: bool,
}

/// A catalog edit removed an objective that had progress: the progress is dropped.
#[derive(Message, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities)]
pub struct ObjectiveRemoved {
    /// The acceptance.
    #[entities]
    pub acceptance: Entity,
    /// The mission.
    pub mission: MissionId,
    /// Its players.
    #[entities]
    pub players: Vec<Entity>,
    /// The removed objective's key.
    pub key: ObjectiveKey,
    /// The progress it had.
    pub count: u32,
}

/// Triggered on the player entity whenever one of their missions changes status: accepted,
/// completed, failed, abandoned, expired, or left (a party member or shared-quest player who
/// abandons shows as `Abandoned`). Observe one player with
/// `commands.entity(player).observe(|e: On<MissionStatusChanged>| ..)`, or every player with
/// `app.add_observer(..)`.
#[derive(EntityEvent, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities)]
pub struct MissionStatusChanged {
    /// The player.
    #[event_target]
    #[entities]
    pub player: Entity,
    /// The mission.
    pub mission: MissionId,
    /// The new status.
    pub status: MissionStatus,
}

/// Triggered on an entity with a [`QuestSubscription`] when the quest reaches the state it
/// subscribed to (a door that opens when a quest becomes active).
#[derive(EntityEvent, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities)]
pub struct QuestStateReached {
    /// The subscribed entity.
    #[entities]
    pub entity: Entity,
    /// The mission.
    pub mission: MissionId,
    /// The state reached.
    pub state: QuestState,
    /// The player whose quest it is.
    #[entities]
    pub player: Entity,
}

/// Subscribes a game entity to a quest's state: [`QuestStateReached`] is triggered on it when
/// the quest gets there (a door that opens when a quest becomes active).
#[derive(Component, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Component)]
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
