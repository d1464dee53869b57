//! Every id the files define, by kind.

use super::report::LoadedSource;
use super::report::{Index, Report, register};
use crate::model::board::{MissionTemplate, PostingDef};
use crate::model::mission::MissionDef;
use crate::model::source::CatalogSource;
use crate::model::world::*;

/// Every id defined anywhere, with the file and definition it came from: one index per kind of
/// entry of [`CatalogSource`].
#[derive(Default)]
pub(super) struct Ids<'a> {
    pub(super) factions: Index<'a, FactionDef>,
    pub(super) items: Index<'a, ItemDef>,
    pub(super) species: Index<'a, SpeciesDef>,
    pub(super) enemies: Index<'a, EnemyDef>,
    pub(super) place_kinds: Index<'a, PlaceKindDef>,
    pub(super) places: Index<'a, PlaceDef>,
    pub(super) planets: Index<'a, PlanetDef>,
    pub(super) npc_classes: Index<'a, NpcClassDef>,
    pub(super) npcs: Index<'a, NpcDef>,
    pub(super) traits: Index<'a, TraitDef>,
    pub(super) objects: Index<'a, ObjectDef>,
    pub(super) counters: Index<'a, CounterDef>,
    pub(super) variables: Index<'a, VariableDef>,
    pub(super) missions: Index<'a, MissionDef>,
    pub(super) postings: Index<'a, PostingDef>,
    pub(super) templates: Index<'a, MissionTemplate>,
}

/// Indexes every definition, reporting ids defined twice.
pub(super) fn collect_ids<'a>(report: &mut Report<'a>, files: &'a [LoadedSource]) -> Ids<'a> {
    let mut ids = Ids::default();
    for (file, loaded) in files.iter().enumerate() {
        let CatalogSource {
            rules: _,
            tuning: _,
            daily: _,
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
        } = &loaded.source;
        register(report, &mut ids.factions, "faction", file, factions);
        register(report, &mut ids.items, "item", file, items);
        register(report, &mut ids.species, "species", file, species);
        register(report, &mut ids.enemies, "enemy", file, enemies);
        register(
            report,
            &mut ids.place_kinds,
            "place kind",
            file,
            place_kinds,
        );
        register(report, &mut ids.places, "place", file, places);
        register(report, &mut ids.planets, "planet", file, planets);
        register(report, &mut ids.npc_classes, "npc class", file, npc_classes);
        register(report, &mut ids.npcs, "npc", file, npcs);
        register(report, &mut ids.traits, "trait", file, traits);
        register(report, &mut ids.objects, "object", file, objects);
        register(report, &mut ids.counters, "counter", file, counters);
        register(report, &mut ids.variables, "variable", file, variables);
        register(report, &mut ids.missions, "mission", file, missions);
        register(report, &mut ids.postings, "posting", file, postings);
        register(report, &mut ids.templates, "template", file, templates);
    }
    ids
}
