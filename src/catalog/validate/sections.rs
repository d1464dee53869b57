//! The sections a catalog holds once: `rules`, `tuning` and `daily`.

use super::super::error::CatalogErrorKind;
use super::report::LoadedSource;
use super::report::Report;
use crate::model::rules::GameRules;

/// `rules`, `tuning` and `daily` may each be defined once; returns the rules in force.
pub(super) fn single_sections(report: &mut Report<'_>, files: &[LoadedSource]) -> GameRules {
    let mut rules = None;
    let mut seen: [Option<usize>; 3] = [None; 3];
    for (file, loaded) in files.iter().enumerate() {
        let s = &loaded.source;
        let present = [s.rules.is_some(), s.tuning.is_some(), s.daily.is_some()];
        for (slot, (name, here)) in ["rules", "tuning", "daily"]
            .into_iter()
            .zip(present)
            .enumerate()
        {
            if !here {
                continue;
            }
            if let Some(first) = seen[slot] {
                let first = report.section_location(first, name);
                report.at_section(
                    file,
                    name,
                    CatalogErrorKind::DuplicateSection {
                        section: name,
                        first,
                    },
                );
            } else {
                seen[slot] = Some(file);
            }
        }
        if rules.is_none() {
            rules = s.rules.clone();
        }
        if let Some(tuning) = &s.tuning {
            for problem in tuning.problems() {
                report.at_section(file, "tuning", CatalogErrorKind::Tuning(problem));
            }
        }
        if let Some(r) = &s.rules {
            let mut problems = Vec::new();
            if r.reputation.min >= r.reputation.max {
                problems.push("reputation.min must be below reputation.max");
            }
            if r.concurrent_cap == 0 {
                problems.push("concurrent_cap must be at least 1");
            }
            if r.max_level == 0 {
                problems.push("max_level must be at least 1");
            }
            if r.postings_per_planet == Some(0) {
                problems.push(
                    "postings_per_planet must be at least 1 (leave it out to show every posting)",
                );
            }
            for why in problems {
                let kind = CatalogErrorKind::Invalid {
                    owner: "rules".into(),
                    why: why.into(),
                };
                report.at_section(file, "rules", kind);
            }
        }
    }
    let any_postings = files.iter().any(|f| !f.source.postings.is_empty());
    if any_postings && seen[1].is_none() {
        let file = files
            .iter()
            .position(|f| !f.source.postings.is_empty())
            .unwrap_or(0);
        report.at_section(file, "postings", CatalogErrorKind::MissingTuning);
    }
    rules.unwrap_or_default()
}
