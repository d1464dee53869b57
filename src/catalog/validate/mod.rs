//! Validation of a set of parsed catalog files, by concern: ids ([`ids`]), the once-only
//! sections ([`sections`]), world references ([`world`]), missions ([`missions`]), the board
//! ([`board`]) and the mission graph ([`graph`]). Every error is located in its file.

mod board;
mod graph;
mod ids;
mod missions;
mod report;
mod sections;
mod world;

use super::error::CatalogError;
pub(crate) use report::LoadedSource;
use report::Report;

/// Validates the files together. Returns every problem found.
pub(crate) fn validate(files: &[LoadedSource]) -> Vec<CatalogError> {
    let mut report = Report {
        files,
        errors: Vec::new(),
    };
    let ids = ids::collect_ids(&mut report, files);
    let rules = sections::single_sections(&mut report, files);
    for (file, loaded) in files.iter().enumerate() {
        world::check_world(&mut report, &ids, file, &loaded.source);
        for mission in &loaded.source.missions {
            missions::check_mission(&mut report, &ids, &rules, file, mission);
        }
        board::check_board(&mut report, &ids, file, &loaded.source);
    }
    graph::check_cycles(&mut report, &ids);
    graph::check_reachability(&mut report, &ids, files);
    report.errors
}
