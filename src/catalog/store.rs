//! [`MissionCatalog`]: the merged, validated catalog the runtime reads.

use std::collections::BTreeMap;

use bevy::prelude::{ReflectResource, Resource};
use bevy::reflect::Reflect;

use crate::model::board::{DailyRules, MissionTemplate, PostingDef};
use crate::model::mission::MissionDef;
use crate::model::rules::GameRules;
use crate::model::source::{CatalogEntry, CatalogSource, catalog_kinds};
use crate::model::tuning::TuningTables;
use crate::model::world::*;

macro_rules! define_catalog {
    (
        keyed { $($field:ident: $ty:ty, $what:literal, $one:ident, $all:ident, $doc:literal;)* }
        ordered { $($ofield:ident: $oty:ty, $owhat:literal, $odoc:literal;)* }
    ) => {
        /// The merged, validated catalog. Replaced as a whole when a reload validates; never
        /// partially updated.
        #[derive(Resource, Clone, Debug, Default, Reflect)]
#[reflect(Resource)]
        pub struct MissionCatalog {
            generation: u64,
            files: Vec<String>,
            rules: GameRules,
            tuning: TuningTables,
            daily: Option<DailyRules>,
            $($field: BTreeMap<String, $ty>,)*
            $($ofield: Vec<$oty>,)*
        }

        impl MissionCatalog {
            /// Merges validated files, in order (later sections of `rules`, `tuning` and `daily`
            /// replace earlier ones; validation allows one of each).
            pub(crate) fn merge(files: impl IntoIterator<Item = (String, CatalogSource)>) -> Self {
                let mut catalog = MissionCatalog::default();
                for (path, s) in files {
                    catalog.files.push(path);
                    if let Some(rules) = s.rules {
                        catalog.rules = rules;
                    }
                    if let Some(tuning) = s.tuning {
                        catalog.tuning = tuning;
                    }
                    if s.daily.is_some() {
                        catalog.daily = s.daily;
                    }
                    $(catalog.$field.extend(
                        s.$field.into_iter().map(|d| (d.entry_id().to_owned(), d)),
                    );)*
                    $(catalog.$ofield.extend(s.$ofield);)*
                }
                catalog
            }

            $(
                #[doc = concat!("One of: ", $doc, " Looked up by id.")]
                pub fn $one(&self, id: &str) -> Option<&$ty> {
                    self.$field.get(id)
                }

                #[doc = concat!("Every one of: ", $doc, " Ordered by id.")]
                pub fn $all(&self) -> impl ExactSizeIterator<Item = &$ty> {
                    self.$field.values()
                }
            )*

            $(
                #[doc = concat!($odoc, " In file order.")]
                pub fn $ofield(&self) -> &[$oty] {
                    &self.$ofield
                }
            )*
        }
    };
}

catalog_kinds!(define_catalog);

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

    /// The tuning tables (the seed-004 defaults when no file defines them).
    pub fn tuning(&self) -> &TuningTables {
        &self.tuning
    }

    /// Daily-quest rules, if any file defines them.
    pub fn daily(&self) -> Option<&DailyRules> {
        self.daily.as_ref()
    }
}
