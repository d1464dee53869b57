//! Objectives: what a mission asks of the player, and (as the engine grows) how gameplay facts
//! advance them.

mod definition;

pub use definition::{DeliveryTarget, ObjectiveDef, ObjectiveKind};
