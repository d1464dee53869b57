//! Every id the files define, by kind, generated from the catalog's table of kinds.

use super::report::LoadedSource;
use super::report::{Index, Report, register};
use crate::model::board::{MissionTemplate, PostingDef};
use crate::model::mission::MissionDef;
use crate::model::source::catalog_kinds;
use crate::model::world::*;

macro_rules! define_ids {
    (
        keyed { $($field:ident: $ty:ty, $what:literal, $one:ident, $all:ident, $doc:literal;)* }
        ordered { $($ofield:ident: $oty:ty, $owhat:literal, $odoc:literal;)* }
    ) => {
        /// Every id defined anywhere, with the file and definition it came from.
        #[derive(Default)]
        pub(super) struct Ids<'a> {
            $(pub(super) $field: Index<'a, $ty>,)*
            $(pub(super) $ofield: Index<'a, $oty>,)*
        }

        /// Indexes every definition, reporting ids defined twice.
        pub(super) fn collect_ids<'a>(report: &mut Report<'a>, files: &'a [LoadedSource]) -> Ids<'a> {
            let mut ids = Ids::default();
            for (file, loaded) in files.iter().enumerate() {
                let s = &loaded.source;
                $(register(report, &mut ids.$field, $what, file, &s.$field);)*
                $(register(report, &mut ids.$ofield, $owhat, file, &s.$ofield);)*
            }
            ids
        }
    };
}

catalog_kinds!(define_ids);
