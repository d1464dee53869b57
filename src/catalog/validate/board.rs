//! Postings, random-mission templates and daily slots.

use super::ids::Ids;
use super::report::{RefCheck, Report};
use super::world::positive;
use crate::catalog::error::CatalogErrorKind;
use crate::model::board::{DailyRules, DailySlot, MissionTemplate, TemplateKind};
use crate::model::source::CatalogSource;

/// Checks one file's postings, templates and daily slots.
pub(super) fn check_board<'a>(
    report: &mut Report<'a>,
    ids: &Ids<'a>,
    file: usize,
    s: &'a CatalogSource,
) {
    check_postings(report, ids, file, s);
    for t in &s.templates {
        let mut c = RefCheck::of(report, file, "template", t.id.as_str());
        check_template(&mut c, ids, t);
    }
    if let Some(daily) = &s.daily {
        check_daily(report, ids, file, daily);
    }
}

fn check_postings<'a>(report: &mut Report<'a>, ids: &Ids<'a>, file: usize, s: &'a CatalogSource) {
    for p in &s.postings {
        let mut c = RefCheck::of(report, file, "posting", p.id.as_str());
        c.check(&ids.planets, "planet", p.planet.as_str());
        c.check(&ids.missions, "mission", p.mission.as_str());
        if let Some((_, m)) = ids.missions.get(p.mission.as_str())
            && let Some(label) = m.label
            && label != p.label
        {
            c.invalid(format!(
                "label {:?} differs from mission `{}`'s label {label:?}",
                p.label, p.mission
            ));
        }
        if let Some(secs) = p.launch_within
            && !(secs.is_finite() && secs > 0.0 && secs <= crate::model::bounds::MAX_TIME)
        {
            c.invalid(format!(
                "launch_within {secs} must be a finite number of seconds above 0"
            ));
        }
    }
}

fn check_template<'a>(c: &mut RefCheck<'_, 'a>, ids: &Ids<'a>, t: &'a MissionTemplate) {
    for f in t.issuers.iter().chain(&t.faction_only) {
        c.check(&ids.factions, "faction", f.as_str());
    }
    for stack in &t.items {
        c.check(&ids.items, "item", stack.item.as_str());
    }
    if t.min_credits > t.max_credits {
        c.invalid(format!(
            "min_credits {} is above max_credits {}",
            t.min_credits, t.max_credits
        ));
    }
    if t.weight == 0 {
        c.invalid("weight 0 means it is never drawn");
    }
    check_template_kind(c, ids, t);
}

fn check_template_kind<'a>(c: &mut RefCheck<'_, 'a>, ids: &Ids<'a>, t: &'a MissionTemplate) {
    match &t.kind {
        TemplateKind::BountyHunt { classes, .. } => {
            if classes.is_empty() {
                c.invalid("BountyHunt needs at least one npc class");
            }
            for class in classes {
                c.check(&ids.npc_classes, "npc class", class.as_str());
            }
        }
        TemplateKind::Salvage {
            wreck_kind,
            items,
            min_count,
            max_count,
        } => {
            c.check(&ids.place_kinds, "place kind", wreck_kind.as_str());
            if items.is_empty() {
                c.invalid("Salvage needs at least one item");
            }
            for item in items {
                c.check(&ids.items, "item", item.as_str());
            }
            if *min_count == 0 || min_count > max_count {
                c.invalid(format!(
                    "Salvage needs 1 <= min_count <= max_count, found {min_count}..{max_count}"
                ));
            }
        }
        TemplateKind::Smuggling {
            contraband,
            destination_kinds,
            patrol_counter,
            max_scans,
        } => {
            if t.faction_only.is_none() {
                c.invalid("Smuggling is offered to one faction only: set `faction_only`");
            }
            if contraband.is_empty() || destination_kinds.is_empty() {
                c.invalid("Smuggling needs contraband and at least one destination kind");
            }
            for item in contraband {
                c.check(&ids.items, "item", item.as_str());
            }
            for kind in destination_kinds {
                c.check(&ids.place_kinds, "place kind", kind.as_str());
            }
            c.check(&ids.counters, "counter", patrol_counter.as_str());
            if *max_scans == 0 {
                c.invalid("max_scans must be at least 1");
            }
        }
        TemplateKind::DistressBeacon {
            beacon_kind,
            window_secs,
        } => {
            c.check(&ids.place_kinds, "place kind", beacon_kind.as_str());
            positive(c, "window_secs", *window_secs);
        }
    }
}

fn check_daily<'a>(report: &mut Report<'a>, ids: &Ids<'a>, file: usize, daily: &'a DailyRules) {
    if daily.refresh_hour > 23 {
        let kind = CatalogErrorKind::Invalid {
            owner: "daily".into(),
            why: format!("refresh_hour must be 0..=23, found {}", daily.refresh_hour),
        };
        report.at_section(file, "daily", kind);
    }
    for slot in DailySlot::ALL {
        let pool = daily.slots.iter().find(|p| p.slot == slot);
        if pool.is_none_or(|p| p.missions.is_empty()) {
            let kind = CatalogErrorKind::Invalid {
                owner: "daily".into(),
                why: format!("slot {slot:?} has no missions"),
            };
            report.at_section(file, "daily", kind);
        }
    }
    for pool in &daily.slots {
        for mission in &pool.missions {
            let owner_id = mission.as_str();
            let mut c = RefCheck {
                report,
                file,
                owner_id,
                owner: format!("daily slot {:?}", pool.slot),
            };
            c.check(&ids.missions, "mission", mission.as_str());
            if let Some((_, m)) = ids.missions.get(mission.as_str())
                && m.repeatable != 0
            {
                c.invalid(format!(
                    "daily mission `{mission}` must be `repeatable: 0` to be offered every day"
                ));
            }
        }
    }
}
