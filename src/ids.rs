//! Typed identifiers for everything a catalog defines.
//!
//! Every id is a newtype over a string so that a mission id can never be passed where a faction id
//! is expected. In RON they are written as plain strings (`"MISSION_BLACK_BOX"`).

use std::fmt;
use std::sync::Arc;

use bevy::reflect::Reflect;
use serde::{Deserialize, Serialize};

macro_rules! define_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Reflect,
        )]
        #[serde(transparent)]
        pub struct $name(Arc<str>);

        impl $name {
            /// Creates the id from anything string-like.
            pub fn new(id: impl AsRef<str>) -> Self {
                Self(Arc::from(id.as_ref()))
            }

            /// The id as written in the catalog.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(Arc::from(id))
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(Arc::from(id))
            }
        }

        impl From<&String> for $name {
            fn from(id: &String) -> Self {
                Self(Arc::from(id.as_str()))
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }


        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

define_id!(
    /// A mission (or quest) definition.
    MissionId
);
define_id!(
    /// A faction that issues missions and holds reputation.
    FactionId
);
define_id!(
    /// An item: cargo, equipment, special items, map data.
    ItemId
);
define_id!(
    /// A kind of enemy.
    EnemyTypeId
);
define_id!(
    /// A species grouping enemy types.
    SpeciesId
);
define_id!(
    /// A concrete place: a sector, a beacon, a wreck, a station.
    PlaceId
);
define_id!(
    /// A kind of place: "beacon", "wreck", "lab".
    PlaceKindId
);
define_id!(
    /// A planet postings are flown on.
    PlanetId
);
define_id!(
    /// A named non-player character.
    NpcId
);
define_id!(
    /// A class of NPC, for "recruit any NPC of class X".
    NpcClassId
);
define_id!(
    /// A trait a player can hold (skill, attestation, membership), required by some missions.
    TraitId
);
define_id!(
    /// An interactable object such as a terminal.
    ObjectId
);
define_id!(
    /// A named counter gameplay increments: trades, messages sent, fleet actions.
    CounterId
);
define_id!(
    /// A named numeric variable that effects change.
    VariableId
);
define_id!(
    /// A target spawned by a mission's effect and referred to by its objectives.
    TargetId
);
define_id!(
    /// A board posting: a card on the mission board that starts a run.
    PostingId
);
define_id!(
    /// A random-mission template.
    TemplateId
);
define_id!(
    /// A named effect hook the game registers in Rust.
    HookId
);
define_id!(
    /// What ties progress to one objective of a mission across edits and saves
    /// ([`ObjectiveDef::key`](crate::model::objective::ObjectiveDef::key)).
    ObjectiveKey
);
