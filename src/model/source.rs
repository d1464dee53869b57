//! The shape of one catalog file (`*.missions.ron`). Every section is optional; the files are
//! merged into one catalog.

use bevy::reflect::Reflect;
use serde::{Deserialize, Serialize};

use super::board::{DailyRules, MissionTemplate, PostingDef};
use super::mission::MissionDef;
use super::rules::GameRules;
use super::tuning::TuningTables;
use super::world::*;

/// The catalog's kinds of entries, declared once. Every list of kinds in the crate (this file's
/// sections, [`crate::catalog::MissionCatalog`]'s maps, merge and accessors, validation's id
/// index) is generated from this table, so a new kind is one line here plus its type.
///
/// Each row of `keyed` is `field: Type, "what", singular accessor, plural accessor, doc;` (a map
/// by id in the catalog); `ordered` rows are kept in file order.
macro_rules! catalog_kinds {
    ($then:ident) => {
        $then! {
            keyed {
                factions: FactionDef, "faction", faction, factions, "Factions.";
                items: ItemDef, "item", item, items, "Items.";
                species: SpeciesDef, "species", species, all_species, "Enemy species.";
                enemies: EnemyDef, "enemy", enemy, enemies, "Enemy types.";
                place_kinds: PlaceKindDef, "place kind", place_kind, place_kinds, "Kinds of place.";
                places: PlaceDef, "place", place, places, "Places.";
                planets: PlanetDef, "planet", planet, planets, "Planets.";
                npc_classes: NpcClassDef, "npc class", npc_class, npc_classes, "NPC classes.";
                npcs: NpcDef, "npc", npc, npcs, "NPCs.";
                traits: TraitDef, "trait", player_trait, traits, "Player traits.";
                objects: ObjectDef, "object", object, objects, "Interactable objects.";
                counters: CounterDef, "counter", counter, counters, "Named counters.";
                variables: VariableDef, "variable", variable, variables, "Named variables.";
                missions: MissionDef, "mission", mission, missions, "Missions and quests.";
            }
            ordered {
                postings: PostingDef, "posting", "Board postings.";
                templates: MissionTemplate, "template", "Random-mission templates.";
            }
        }
    };
}
pub(crate) use catalog_kinds;

/// An entry of the catalog with a unique id.
pub trait CatalogEntry {
    /// Its id.
    fn entry_id(&self) -> &str;
}

macro_rules! define_source {
    (
        keyed { $($field:ident: $ty:ty, $what:literal, $one:ident, $all:ident, $doc:literal;)* }
        ordered { $($ofield:ident: $oty:ty, $owhat:literal, $odoc:literal;)* }
    ) => {
        /// The content of one catalog file. Every section is optional.
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
            $(
                #[doc = $doc]
                #[serde(default)]
                pub $field: Vec<$ty>,
            )*
            $(
                #[doc = $odoc]
                #[serde(default)]
                pub $ofield: Vec<$oty>,
            )*
        }

        $(impl CatalogEntry for $ty {
            fn entry_id(&self) -> &str {
                self.id.as_str()
            }
        })*
        $(impl CatalogEntry for $oty {
            fn entry_id(&self) -> &str {
                self.id.as_str()
            }
        })*
    };
}

catalog_kinds!(define_source);

/// The RON options every catalog parse uses: `implicit_some` (write `issuer: "FED"` rather than
/// `issuer: Some("FED")`; both work) and ron's default recursion limit (128), which keeps deeply
/// nested garbage from overflowing the stack.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}
