//! The game's answers to the start effects only it can carry out (the place it chose, the entity
//! it spawned), and their refusals.

use bevy::ecs::entity::MapEntities;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ids::TargetId;
use crate::model::progress::ChosenPlace;

/// The game's answer to a [`MissionEffectRequested`](super::MissionEffectRequested): the place it chose for an
/// `AssignTarget` or `RevealPlace`, or the entity it spawned for a `SpawnTarget`. The acceptance
/// keeps it (places are saved) and its objective markers point at it.
#[derive(Message, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities)]
pub struct MissionEffectResolved {
    /// The acceptance the effect came from.
    #[entities]
    pub acceptance: Entity,
    /// What the game did.
    pub outcome: EffectOutcome,
}

/// The game's answer to a start effect was refused; the attempt keeps what it had.
#[derive(Message, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities)]
pub struct MissionEffectRefused {
    /// The acceptance named by the answer.
    #[entities]
    pub acceptance: Entity,
    /// The answer.
    #[entities]
    pub outcome: EffectOutcome,
    /// Why.
    pub reason: EffectAnswerRefusal,
}

/// Why an answer to a start effect ([`MissionEffectResolved`]) was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reflect, thiserror::Error)]
#[non_exhaustive]
pub enum EffectAnswerRefusal {
    /// No attempt with that entity.
    #[error("there is no such attempt")]
    UnknownAcceptance,
    /// The attempt is over.
    #[error("the attempt is over")]
    NotActive,
    /// The mission asked for no such effect.
    #[error("the mission asked for no such effect")]
    NotRequested,
    /// The effect has its answer already: a place is chosen once per kind; a target's entity is
    /// replaced only once the one reported before is gone.
    #[error("this effect was answered already")]
    AlreadyAnswered,
}

/// What the game did for a start effect.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect, MapEntities)]
#[non_exhaustive]
pub enum EffectOutcome {
    /// It chose (or revealed) this place, for this kind of place if the effect named one.
    Place(ChosenPlace),
    /// It spawned this entity for the target.
    Spawned {
        /// The effect's target id.
        target: TargetId,
        /// The entity.
        #[entities]
        entity: Entity,
    },
}
