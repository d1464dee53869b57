//! The shape of one catalog file (`*.missions.ron`). Every section is optional; the files are
//! merged into one catalog.

use bevy::reflect::Reflect;
use serde::{Deserialize, Serialize};

use super::board::{DailyRules, MissionTemplate, PostingDef};
use super::mission::MissionDef;
use super::rules::GameRules;
use super::tuning::TuningTables;
use super::world::*;

/// An entry of the catalog with a unique id.
pub trait CatalogEntry {
    /// Its id.
    fn entry_id(&self) -> &str;
}

/// The content of one catalog file. Every section is optional. The catalog's kinds of entries
/// are these fields: [`crate::catalog::MissionCatalog`] keeps one map (or list) per kind, merging
/// and validation destructure this struct, so a kind added here fails to compile until both
/// handle it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct CatalogSource {
    /// Global rules (at most one file may set them).
    #[serde(default)]
    pub rules: Option<GameRules>,
    /// Tuning tables (exactly one file defines them when there are postings).
    #[serde(default)]
    pub tuning: Option<TuningTables>,
    /// Daily-quest slots (at most one file).
    #[serde(default)]
    pub daily: Option<DailyRules>,
    /// Factions.
    #[serde(default)]
    pub factions: Vec<FactionDef>,
    /// Items.
    #[serde(default)]
    pub items: Vec<ItemDef>,
    /// Enemy species.
    #[serde(default)]
    pub species: Vec<SpeciesDef>,
    /// Enemy types.
    #[serde(default)]
    pub enemies: Vec<EnemyDef>,
    /// Kinds of place.
    #[serde(default)]
    pub place_kinds: Vec<PlaceKindDef>,
    /// Places.
    #[serde(default)]
    pub places: Vec<PlaceDef>,
    /// Planets.
    #[serde(default)]
    pub planets: Vec<PlanetDef>,
    /// NPC classes.
    #[serde(default)]
    pub npc_classes: Vec<NpcClassDef>,
    /// NPCs.
    #[serde(default)]
    pub npcs: Vec<NpcDef>,
    /// Player traits.
    #[serde(default)]
    pub traits: Vec<TraitDef>,
    /// Interactable objects.
    #[serde(default)]
    pub objects: Vec<ObjectDef>,
    /// Named counters.
    #[serde(default)]
    pub counters: Vec<CounterDef>,
    /// Named variables.
    #[serde(default)]
    pub variables: Vec<VariableDef>,
    /// Missions and quests.
    #[serde(default)]
    pub missions: Vec<MissionDef>,
    /// Board postings.
    #[serde(default)]
    pub postings: Vec<PostingDef>,
    /// Random-mission templates.
    #[serde(default)]
    pub templates: Vec<MissionTemplate>,
}

impl CatalogEntry for FactionDef {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CatalogEntry for ItemDef {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CatalogEntry for SpeciesDef {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CatalogEntry for EnemyDef {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CatalogEntry for PlaceKindDef {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CatalogEntry for PlaceDef {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CatalogEntry for PlanetDef {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CatalogEntry for NpcClassDef {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CatalogEntry for NpcDef {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CatalogEntry for TraitDef {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CatalogEntry for ObjectDef {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CatalogEntry for CounterDef {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CatalogEntry for VariableDef {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CatalogEntry for MissionDef {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CatalogEntry for PostingDef {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

impl CatalogEntry for MissionTemplate {
    fn entry_id(&self) -> &str {
        self.id.as_str()
    }
}

/// The RON options every catalog parse uses: `implicit_some` (write `issuer: "FED"` rather than
/// `issuer: Some("FED")`; both work) and ron's default recursion limit (128), which keeps deeply
/// nested garbage from overflowing the stack.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}
