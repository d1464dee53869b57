//! The catalog: every mission, quest, faction, item, place, posting, template and tuning table
//! the game knows, merged from any number of RON files and validated as a whole.
//!
//! - [`CatalogSource`] is the shape of one `*.missions.ron` file; [`parse_source`] reads one.
//! - [`MissionCatalog`] is the merged, validated result, kept as a resource.
//! - [`CatalogPlugin`] loads a folder of files as Bevy assets and hot-reloads it: a broken edit
//!   keeps the last good catalog in use and reports every error with `path:line:col`.

pub(crate) mod defaults;
mod error;
mod files;
mod loader;
mod locate;
mod mission;
mod source;
mod validate;
mod world;

use std::collections::BTreeMap;

use bevy::prelude::Resource;

pub use error::{CatalogError, CatalogErrorKind, CatalogErrors};
pub use files::{find_catalog_files, lint_paths};
pub(crate) use loader::rebuild_catalog;
pub use loader::{
    CatalogFile, CatalogFileLoader, CatalogPlugin, CatalogRejected, CatalogReloaded, CatalogStatus,
};
pub use mission::*;
pub use source::{CatalogSource, nearest_name, parse_source, ron_options};
pub use world::*;

use crate::board::{DailyRules, MissionTemplate, PostingDef};
use crate::ids::*;
use crate::rules::GameRules;
use crate::tuning::TuningTables;

/// One parsed file, with the text it came from (used to locate validation errors).
#[derive(Clone, Debug)]
pub struct LoadedSource {
    /// Path shown in errors.
    pub path: String,
    /// The file's text.
    pub text: String,
    /// The parsed content.
    pub source: CatalogSource,
}

/// The merged, validated catalog. Replaced as a whole when a reload validates; never partially
/// updated.
#[derive(Resource, Clone, Debug, Default)]
pub struct MissionCatalog {
    generation: u64,
    files: Vec<String>,
    rules: GameRules,
    tuning: TuningTables,
    daily: Option<DailyRules>,
    factions: BTreeMap<FactionId, FactionDef>,
    items: BTreeMap<ItemId, ItemDef>,
    species: BTreeMap<SpeciesId, SpeciesDef>,
    enemies: BTreeMap<EnemyTypeId, EnemyDef>,
    place_kinds: BTreeMap<PlaceKindId, PlaceKindDef>,
    places: BTreeMap<PlaceId, PlaceDef>,
    planets: BTreeMap<PlanetId, PlanetDef>,
    npc_classes: BTreeMap<NpcClassId, NpcClassDef>,
    npcs: BTreeMap<NpcId, NpcDef>,
    traits: BTreeMap<TraitId, TraitDef>,
    objects: BTreeMap<ObjectId, ObjectDef>,
    counters: BTreeMap<CounterId, CounterDef>,
    variables: BTreeMap<VariableId, VariableDef>,
    missions: BTreeMap<MissionId, MissionDef>,
    postings: Vec<PostingDef>,
    templates: Vec<MissionTemplate>,
}

fn keyed<K: Ord, V>(defs: Vec<V>, key: impl Fn(&V) -> K, into: &mut BTreeMap<K, V>) {
    into.extend(defs.into_iter().map(|d| (key(&d), d)));
}

impl MissionCatalog {
    /// Parses and validates one RON text (reported as `<inline>` in errors).
    pub fn from_ron_str(text: &str) -> Result<Self, CatalogErrors> {
        Self::from_texts([("<inline>", text)])
    }

    /// Parses and validates several `(path, text)` files as one catalog, the way the game does.
    /// Every file is parsed even when an earlier one fails, so all errors are reported.
    pub fn from_texts<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, CatalogErrors> {
        let mut errors = Vec::new();
        let mut loaded = Vec::new();
        for (path, text) in files {
            match parse_source(path, text.as_bytes()) {
                Ok(source) => loaded.push(LoadedSource {
                    path: path.to_owned(),
                    text: text.to_owned(),
                    source,
                }),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(CatalogErrors(errors));
        }
        Self::build(loaded)
    }

    /// Validates parsed files and merges them. Every problem is returned, not just the first.
    pub fn build(files: Vec<LoadedSource>) -> Result<Self, CatalogErrors> {
        let errors = validate::validate(&files);
        if !errors.is_empty() {
            return Err(CatalogErrors(errors));
        }
        let mut catalog = MissionCatalog::default();
        for file in files {
            catalog.files.push(file.path);
            let s = file.source;
            if let Some(rules) = s.rules {
                catalog.rules = rules;
            }
            if let Some(tuning) = s.tuning {
                catalog.tuning = tuning;
            }
            if s.daily.is_some() {
                catalog.daily = s.daily;
            }
            keyed(s.factions, |d| d.id.clone(), &mut catalog.factions);
            keyed(s.items, |d| d.id.clone(), &mut catalog.items);
            keyed(s.species, |d| d.id.clone(), &mut catalog.species);
            keyed(s.enemies, |d| d.id.clone(), &mut catalog.enemies);
            keyed(s.place_kinds, |d| d.id.clone(), &mut catalog.place_kinds);
            keyed(s.places, |d| d.id.clone(), &mut catalog.places);
            keyed(s.planets, |d| d.id.clone(), &mut catalog.planets);
            keyed(s.npc_classes, |d| d.id.clone(), &mut catalog.npc_classes);
            keyed(s.npcs, |d| d.id.clone(), &mut catalog.npcs);
            keyed(s.traits, |d| d.id.clone(), &mut catalog.traits);
            keyed(s.objects, |d| d.id.clone(), &mut catalog.objects);
            keyed(s.counters, |d| d.id.clone(), &mut catalog.counters);
            keyed(s.variables, |d| d.id.clone(), &mut catalog.variables);
            keyed(s.missions, |d| d.id.clone(), &mut catalog.missions);
            catalog.postings.extend(s.postings);
            catalog.templates.extend(s.templates);
        }
        Ok(catalog)
    }

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

    /// The tuning tables (the seed-004 defaults when no file defines them).
    pub fn tuning(&self) -> &TuningTables {
        &self.tuning
    }

    /// Daily-quest rules, if any file defines them.
    pub fn daily(&self) -> Option<&DailyRules> {
        self.daily.as_ref()
    }

    /// A mission by id.
    pub fn mission(&self, id: &str) -> Option<&MissionDef> {
        self.missions.get(id)
    }

    /// Every mission, ordered by id.
    pub fn missions(&self) -> impl ExactSizeIterator<Item = &MissionDef> {
        self.missions.values()
    }

    /// A faction by id.
    pub fn faction(&self, id: &str) -> Option<&FactionDef> {
        self.factions.get(id)
    }

    /// Every faction, ordered by id.
    pub fn factions(&self) -> impl ExactSizeIterator<Item = &FactionDef> {
        self.factions.values()
    }

    /// An item by id.
    pub fn item(&self, id: &str) -> Option<&ItemDef> {
        self.items.get(id)
    }

    /// Every item, ordered by id.
    pub fn items(&self) -> impl ExactSizeIterator<Item = &ItemDef> {
        self.items.values()
    }

    /// A species by id.
    pub fn species(&self, id: &str) -> Option<&SpeciesDef> {
        self.species.get(id)
    }

    /// An enemy type by id.
    pub fn enemy(&self, id: &str) -> Option<&EnemyDef> {
        self.enemies.get(id)
    }

    /// Every enemy type, ordered by id.
    pub fn enemies(&self) -> impl ExactSizeIterator<Item = &EnemyDef> {
        self.enemies.values()
    }

    /// A kind of place by id.
    pub fn place_kind(&self, id: &str) -> Option<&PlaceKindDef> {
        self.place_kinds.get(id)
    }

    /// A place by id.
    pub fn place(&self, id: &str) -> Option<&PlaceDef> {
        self.places.get(id)
    }

    /// Every place, ordered by id.
    pub fn places(&self) -> impl ExactSizeIterator<Item = &PlaceDef> {
        self.places.values()
    }

    /// A planet by id.
    pub fn planet(&self, id: &str) -> Option<&PlanetDef> {
        self.planets.get(id)
    }

    /// Every planet, ordered by id.
    pub fn planets(&self) -> impl ExactSizeIterator<Item = &PlanetDef> {
        self.planets.values()
    }

    /// An NPC class by id.
    pub fn npc_class(&self, id: &str) -> Option<&NpcClassDef> {
        self.npc_classes.get(id)
    }

    /// An NPC by id.
    pub fn npc(&self, id: &str) -> Option<&NpcDef> {
        self.npcs.get(id)
    }

    /// Every NPC, ordered by id.
    pub fn npcs(&self) -> impl ExactSizeIterator<Item = &NpcDef> {
        self.npcs.values()
    }

    /// A trait by id.
    pub fn player_trait(&self, id: &str) -> Option<&TraitDef> {
        self.traits.get(id)
    }

    /// An interactable object by id.
    pub fn object(&self, id: &str) -> Option<&ObjectDef> {
        self.objects.get(id)
    }

    /// A counter by id.
    pub fn counter(&self, id: &str) -> Option<&CounterDef> {
        self.counters.get(id)
    }

    /// A variable by id.
    pub fn variable(&self, id: &str) -> Option<&VariableDef> {
        self.variables.get(id)
    }

    /// Board postings, in file order.
    pub fn postings(&self) -> &[PostingDef] {
        &self.postings
    }

    /// Random-mission templates, in file order.
    pub fn templates(&self) -> &[MissionTemplate] {
        &self.templates
    }
}

/// What [`lint_files`] found.
#[derive(Clone, Debug, Default)]
pub struct LintReport {
    /// Every problem, sorted by file and position.
    pub errors: Vec<CatalogError>,
    /// Missions in the catalog (0 when it did not validate).
    pub missions: usize,
    /// Postings in the catalog.
    pub postings: usize,
    /// Templates in the catalog.
    pub templates: usize,
}

/// Parses and validates raw files the way the game does (sorted by path, merged as one catalog)
/// and reports every problem. Used by `missions-lint`; never panics on any bytes.
pub fn lint_files(mut files: Vec<(String, Vec<u8>)>) -> LintReport {
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut report = LintReport::default();
    let mut loaded = Vec::new();
    for (path, bytes) in files {
        match parse_source(&path, &bytes) {
            Ok(source) => loaded.push(LoadedSource {
                text: String::from_utf8_lossy(&bytes).into_owned(),
                path,
                source,
            }),
            Err(e) => report.errors.push(e),
        }
    }
    if report.errors.is_empty() {
        match MissionCatalog::build(loaded) {
            Ok(catalog) => {
                report.missions = catalog.missions().len();
                report.postings = catalog.postings().len();
                report.templates = catalog.templates().len();
            }
            Err(errors) => report.errors = errors.0,
        }
    }
    report
        .errors
        .sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    report
}
