//! [`MissionCatalog`]: the merged, validated catalog the runtime reads.

use std::collections::BTreeMap;

use bevy::prelude::{ReflectResource, Resource};
use bevy::reflect::Reflect;

use crate::model::board::{DailyRules, MissionTemplate, PostingDef};
use crate::model::mission::MissionDef;
use crate::model::rules::GameRules;
use crate::model::source::{CatalogEntry, CatalogSource};
use crate::model::tuning::TuningTables;
use crate::model::world::*;

/// The merged, validated catalog: one map by id per kind of entry of [`CatalogSource`] (and the
/// postings and templates in file order). Replaced as a whole when a reload validates; never
/// partially updated.
#[derive(Resource, Clone, Debug, Default, Reflect)]
#[reflect(Resource)]
pub struct MissionCatalog {
    generation: u64,
    files: Vec<String>,
    rules: GameRules,
    tuning: TuningTables,
    daily: Option<DailyRules>,
    factions: BTreeMap<String, FactionDef>,
    items: BTreeMap<String, ItemDef>,
    species: BTreeMap<String, SpeciesDef>,
    enemies: BTreeMap<String, EnemyDef>,
    place_kinds: BTreeMap<String, PlaceKindDef>,
    places: BTreeMap<String, PlaceDef>,
    planets: BTreeMap<String, PlanetDef>,
    npc_classes: BTreeMap<String, NpcClassDef>,
    npcs: BTreeMap<String, NpcDef>,
    traits: BTreeMap<String, TraitDef>,
    objects: BTreeMap<String, ObjectDef>,
    counters: BTreeMap<String, CounterDef>,
    variables: BTreeMap<String, VariableDef>,
    missions: BTreeMap<String, MissionDef>,
    postings: Vec<PostingDef>,
    templates: Vec<MissionTemplate>,
}

impl MissionCatalog {
    /// Merges validated files, in order (later sections of `rules`, `tuning` and `daily`
    /// replace earlier ones; validation allows one of each).
    pub(crate) fn merge(files: impl IntoIterator<Item = (String, CatalogSource)>) -> Self {
        let mut catalog = MissionCatalog::default();
        for (path, source) in files {
            let CatalogSource {
                rules,
                tuning,
                daily,
                factions,
                items,
                species,
                enemies,
                place_kinds,
                places,
                planets,
                npc_classes,
                npcs,
                traits,
                objects,
                counters,
                variables,
                missions,
                postings,
                templates,
            } = source;
            catalog.files.push(path);
            if let Some(rules) = rules {
                catalog.rules = rules;
            }
            if let Some(tuning) = tuning {
                catalog.tuning = tuning;
            }
            if daily.is_some() {
                catalog.daily = daily;
            }
            catalog
                .factions
                .extend(factions.into_iter().map(|d| (d.entry_id().to_owned(), d)));
            catalog
                .items
                .extend(items.into_iter().map(|d| (d.entry_id().to_owned(), d)));
            catalog
                .species
                .extend(species.into_iter().map(|d| (d.entry_id().to_owned(), d)));
            catalog
                .enemies
                .extend(enemies.into_iter().map(|d| (d.entry_id().to_owned(), d)));
            catalog.place_kinds.extend(
                place_kinds
                    .into_iter()
                    .map(|d| (d.entry_id().to_owned(), d)),
            );
            catalog
                .places
                .extend(places.into_iter().map(|d| (d.entry_id().to_owned(), d)));
            catalog
                .planets
                .extend(planets.into_iter().map(|d| (d.entry_id().to_owned(), d)));
            catalog.npc_classes.extend(
                npc_classes
                    .into_iter()
                    .map(|d| (d.entry_id().to_owned(), d)),
            );
            catalog
                .npcs
                .extend(npcs.into_iter().map(|d| (d.entry_id().to_owned(), d)));
            catalog
                .traits
                .extend(traits.into_iter().map(|d| (d.entry_id().to_owned(), d)));
            catalog
                .objects
                .extend(objects.into_iter().map(|d| (d.entry_id().to_owned(), d)));
            catalog
                .counters
                .extend(counters.into_iter().map(|d| (d.entry_id().to_owned(), d)));
            catalog
                .variables
                .extend(variables.into_iter().map(|d| (d.entry_id().to_owned(), d)));
            catalog
                .missions
                .extend(missions.into_iter().map(|d| (d.entry_id().to_owned(), d)));
            catalog.postings.extend(postings);
            catalog.templates.extend(templates);
        }
        catalog
    }

    /// One of: Factions. Looked up by id.
    pub fn faction(&self, id: &str) -> Option<&FactionDef> {
        self.factions.get(id)
    }

    /// Every one of: Factions. Ordered by id.
    pub fn factions(&self) -> impl ExactSizeIterator<Item = &FactionDef> {
        self.factions.values()
    }

    /// One of: Items. Looked up by id.
    pub fn item(&self, id: &str) -> Option<&ItemDef> {
        self.items.get(id)
    }

    /// Every one of: Items. Ordered by id.
    pub fn items(&self) -> impl ExactSizeIterator<Item = &ItemDef> {
        self.items.values()
    }

    /// One of: Enemy species. Looked up by id.
    pub fn species(&self, id: &str) -> Option<&SpeciesDef> {
        self.species.get(id)
    }

    /// Every one of: Enemy species. Ordered by id.
    pub fn all_species(&self) -> impl ExactSizeIterator<Item = &SpeciesDef> {
        self.species.values()
    }

    /// One of: Enemy types. Looked up by id.
    pub fn enemy(&self, id: &str) -> Option<&EnemyDef> {
        self.enemies.get(id)
    }

    /// Every one of: Enemy types. Ordered by id.
    pub fn enemies(&self) -> impl ExactSizeIterator<Item = &EnemyDef> {
        self.enemies.values()
    }

    /// One of: Kinds of place. Looked up by id.
    pub fn place_kind(&self, id: &str) -> Option<&PlaceKindDef> {
        self.place_kinds.get(id)
    }

    /// Every one of: Kinds of place. Ordered by id.
    pub fn place_kinds(&self) -> impl ExactSizeIterator<Item = &PlaceKindDef> {
        self.place_kinds.values()
    }

    /// One of: Places. Looked up by id.
    pub fn place(&self, id: &str) -> Option<&PlaceDef> {
        self.places.get(id)
    }

    /// Every one of: Places. Ordered by id.
    pub fn places(&self) -> impl ExactSizeIterator<Item = &PlaceDef> {
        self.places.values()
    }

    /// One of: Planets. Looked up by id.
    pub fn planet(&self, id: &str) -> Option<&PlanetDef> {
        self.planets.get(id)
    }

    /// Every one of: Planets. Ordered by id.
    pub fn planets(&self) -> impl ExactSizeIterator<Item = &PlanetDef> {
        self.planets.values()
    }

    /// One of: NPC classes. Looked up by id.
    pub fn npc_class(&self, id: &str) -> Option<&NpcClassDef> {
        self.npc_classes.get(id)
    }

    /// Every one of: NPC classes. Ordered by id.
    pub fn npc_classes(&self) -> impl ExactSizeIterator<Item = &NpcClassDef> {
        self.npc_classes.values()
    }

    /// One of: NPCs. Looked up by id.
    pub fn npc(&self, id: &str) -> Option<&NpcDef> {
        self.npcs.get(id)
    }

    /// Every one of: NPCs. Ordered by id.
    pub fn npcs(&self) -> impl ExactSizeIterator<Item = &NpcDef> {
        self.npcs.values()
    }

    /// One of: Player traits. Looked up by id.
    pub fn player_trait(&self, id: &str) -> Option<&TraitDef> {
        self.traits.get(id)
    }

    /// Every one of: Player traits. Ordered by id.
    pub fn traits(&self) -> impl ExactSizeIterator<Item = &TraitDef> {
        self.traits.values()
    }

    /// One of: Interactable objects. Looked up by id.
    pub fn object(&self, id: &str) -> Option<&ObjectDef> {
        self.objects.get(id)
    }

    /// Every one of: Interactable objects. Ordered by id.
    pub fn objects(&self) -> impl ExactSizeIterator<Item = &ObjectDef> {
        self.objects.values()
    }

    /// One of: Named counters. Looked up by id.
    pub fn counter(&self, id: &str) -> Option<&CounterDef> {
        self.counters.get(id)
    }

    /// Every one of: Named counters. Ordered by id.
    pub fn counters(&self) -> impl ExactSizeIterator<Item = &CounterDef> {
        self.counters.values()
    }

    /// One of: Named variables. Looked up by id.
    pub fn variable(&self, id: &str) -> Option<&VariableDef> {
        self.variables.get(id)
    }

    /// Every one of: Named variables. Ordered by id.
    pub fn variables(&self) -> impl ExactSizeIterator<Item = &VariableDef> {
        self.variables.values()
    }

    /// One of: Missions and quests. Looked up by id.
    pub fn mission(&self, id: &str) -> Option<&MissionDef> {
        self.missions.get(id)
    }

    /// Every one of: Missions and quests. Ordered by id.
    pub fn missions(&self) -> impl ExactSizeIterator<Item = &MissionDef> {
        self.missions.values()
    }

    /// Board postings. In file order.
    pub fn postings(&self) -> &[PostingDef] {
        &self.postings
    }

    /// Random-mission templates. In file order.
    pub fn templates(&self) -> &[MissionTemplate] {
        &self.templates
    }
}

impl MissionCatalog {
    /// Increases each time a new catalog replaces the old one (0 = built in code, never loaded).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub(crate) fn set_generation(&mut self, generation: u64) {
        self.generation = generation;
    }

    /// The files this catalog was merged from, in merge order.
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// The global rules in force.
    pub fn rules(&self) -> &GameRules {
        &self.rules
    }

    /// The tuning tables (the built-in defaults when no file defines them).
    pub fn tuning(&self) -> &TuningTables {
        &self.tuning
    }

    /// Daily-quest rules, if any file defines them.
    pub fn daily(&self) -> Option<&DailyRules> {
        self.daily.as_ref()
    }
}
