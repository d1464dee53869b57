//! References between world entries (factions, enemies, places, planets, NPCs, objects) and
//! from effects.

use super::ids::Ids;
use super::report::{RefCheck, Report};
use crate::model::effect::Effect;
use crate::model::source::CatalogSource;
use crate::model::tuning::greater;

pub(super) fn check_world<'a>(
    report: &mut Report<'a>,
    ids: &Ids<'a>,
    file: usize,
    s: &'a CatalogSource,
) {
    for f in &s.factions {
        let mut c = RefCheck::of(report, file, "faction", f.id.as_str());
        for rival in &f.rivals {
            c.check(&ids.factions, "faction", rival.as_str());
            if rival == &f.id {
                c.invalid("a faction cannot be its own rival");
            }
        }
    }
    for e in &s.enemies {
        let mut c = RefCheck::of(report, file, "enemy", e.id.as_str());
        c.check(&ids.species, "species", e.species.as_str());
        if let Some(f) = &e.faction {
            c.check(&ids.factions, "faction", f.as_str());
        }
    }
    for p in &s.places {
        let mut c = RefCheck::of(report, file, "place", p.id.as_str());
        c.check(&ids.place_kinds, "place kind", p.kind.as_str());
        if let Some(planet) = &p.planet {
            c.check(&ids.planets, "planet", planet.as_str());
        }
        if let Some(f) = &p.faction {
            c.check(&ids.factions, "faction", f.as_str());
        }
    }
    for p in &s.planets {
        let mut c = RefCheck::of(report, file, "planet", p.id.as_str());
        for e in &p.enemies {
            c.check(&ids.enemies, "enemy", e.as_str());
        }
        if !greater(p.enemy_count_mult, 0.0) {
            c.invalid(format!(
                "enemy_count_mult must be positive, found {}",
                p.enemy_count_mult
            ));
        }
    }
    for n in &s.npcs {
        let mut c = RefCheck::of(report, file, "npc", n.id.as_str());
        c.check(&ids.npc_classes, "npc class", n.class.as_str());
        if let Some(f) = &n.faction {
            c.check(&ids.factions, "faction", f.as_str());
        }
        if let Some(home) = &n.home {
            c.check(&ids.places, "place", home.as_str());
        }
    }
    for o in &s.objects {
        let mut c = RefCheck::of(report, file, "object", o.id.as_str());
        if let Some(place) = &o.place {
            c.check(&ids.places, "place", place.as_str());
        }
    }
}

pub(super) fn check_effects<'a>(c: &mut RefCheck<'_, 'a>, ids: &Ids<'a>, effects: &[Effect]) {
    for effect in effects {
        match effect {
            Effect::RevealPlace { place, kinds, .. } => {
                if let Some(p) = place {
                    c.check(&ids.places, "place", p.as_str());
                }
                for k in kinds {
                    c.check(&ids.place_kinds, "place kind", k.as_str());
                }
                if place.is_none() && kinds.is_empty() {
                    c.invalid("RevealPlace needs a `place` or at least one of `kinds`");
                }
            }
            Effect::AssignTarget(a) => {
                c.check(&ids.place_kinds, "place kind", a.kind.as_str());
                if let Some(p) = &a.place {
                    c.check(&ids.places, "place", p.as_str());
                }
                if let Some(k) = &a.replace {
                    c.check(&ids.place_kinds, "place kind", k.as_str());
                }
            }
            Effect::SpawnTarget {
                enemy,
                npc,
                at,
                target,
            } => {
                if let Some(e) = enemy {
                    c.check(&ids.enemies, "enemy", e.as_str());
                }
                if let Some(n) = npc {
                    c.check(&ids.npcs, "npc", n.as_str());
                }
                if let Some(p) = at {
                    c.check(&ids.places, "place", p.as_str());
                }
                if enemy.is_none() && npc.is_none() {
                    c.invalid(format!(
                        "SpawnTarget `{target}` needs an `enemy` or an `npc`"
                    ));
                }
            }
            Effect::GiveItem { item, count } | Effect::TakeItem { item, count } => {
                c.check(&ids.items, "item", item.as_str());
                if *count == 0 {
                    c.invalid(format!("an item effect on `{item}` has count 0"));
                }
            }
            Effect::Reputation { faction, .. } => {
                c.check(&ids.factions, "faction", faction.as_str())
            }
            Effect::SetVariable { variable, .. } | Effect::AddVariable { variable, .. } => {
                c.check(&ids.variables, "variable", variable.as_str())
            }
            Effect::GrantTrait { granted } => c.check(&ids.traits, "trait", granted.as_str()),
            Effect::StartMission { mission, .. } => {
                c.check(&ids.missions, "mission", mission.as_str())
            }
            Effect::Credits { .. } | Effect::Hook { .. } => {}
        }
    }
}

pub(super) fn positive(c: &mut RefCheck<'_, '_>, what: &str, value: f64) {
    if !(value > 0.0 && value.is_finite()) {
        c.invalid(format!(
            "{what} must be a positive number of seconds, found {value}"
        ));
    }
}
