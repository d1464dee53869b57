//! Random missions from templates: filled from the player's situation, deterministic
//! for a seed.

use super::daily::mix64;
use crate::catalog::{
    FailCondition, MissionCatalog, MissionDef, ObjectiveOrder, Origin, Rewards, TimeWindow,
};
use crate::ids::*;
use crate::model::board::{MissionTemplate, TemplateKind};
use crate::model::effect::Effect;
use crate::model::objective::{DeliveryTarget, ObjectiveDef, ObjectiveKind};
use crate::model::player::Reputation;

/// Where the player is and who they are, for filling a template.
#[derive(Clone, Copy, Debug)]
pub struct Situation<'a> {
    /// The planet (cluster) the player is in, if any.
    pub planet: Option<&'a PlanetId>,
    /// The player's standings.
    pub reputation: &'a Reputation,
    /// Game time now (distress beacon windows start now).
    pub now: f64,
}

fn pick<T>(items: &[T], seed: u64, salt: u64) -> Option<&T> {
    if items.is_empty() {
        return None;
    }
    items.get((mix64(seed ^ salt) % items.len() as u64) as usize)
}

/// A number in `low..=high` drawn from the seed; `low` when the range is empty. Never
/// overflows, even for the whole `u64` range.
fn in_range(low: u64, high: u64, seed: u64, salt: u64) -> u64 {
    if high <= low {
        return low;
    }
    let drawn = mix64(seed ^ salt);
    match (high - low).checked_add(1) {
        Some(span) => low + drawn % span,
        // The whole u64 range: every draw is in it.
        None => drawn,
    }
}

/// Places of some kinds, preferring the player's planet when it has any.
fn places_near<'a>(
    catalog: &'a MissionCatalog,
    kinds: &[&PlaceKindId],
    planet: Option<&PlanetId>,
) -> Vec<&'a PlaceId> {
    let all: Vec<_> = catalog
        .places()
        .filter(|p| kinds.contains(&&p.kind))
        .collect();
    let near: Vec<&PlaceId> = all
        .iter()
        .filter(|p| planet.is_some() && p.planet.as_ref() == planet)
        .map(|p| &p.id)
        .collect();
    if near.is_empty() {
        all.into_iter().map(|p| &p.id).collect()
    } else {
        near
    }
}

/// The id of one draw of a template for one player: the filled mission's `TEMPLATE#seed`, then
/// the serial that makes it unique (two players drawing the same template and seed get two
/// missions).
pub(crate) fn unique_draw_id(filled: &MissionId, serial: u64) -> MissionId {
    MissionId::from(format!("{filled}-{serial}"))
}

/// The template a drawn mission's id names (`TEMPLATE#seed-serial`, or `TEMPLATE#seed` from a
/// save of format 3), or `None` for any other id.
pub fn template_of(id: &MissionId) -> Option<&str> {
    draw_parts(id).map(|(template, _)| template)
}

/// The serial a drawn mission's id ends with (0 for a format-3 `TEMPLATE#seed`), or `None`
/// for any other id.
pub(crate) fn draw_serial(id: &MissionId) -> Option<u64> {
    draw_parts(id)?.1.parse().ok()
}

/// A drawn mission's id split into its template and the digits of its serial.
fn draw_parts(id: &MissionId) -> Option<(&str, &str)> {
    let (template, rest) = id.as_str().split_once('#')?;
    let (seed, serial) = rest.split_once('-').unwrap_or((rest, "0"));
    let drawn = seed.len() == 16
        && seed.bytes().all(|b| b.is_ascii_hexdigit())
        && !serial.is_empty()
        && serial.bytes().all(|b| b.is_ascii_digit());
    (drawn && !template.is_empty()).then_some((template, serial))
}

/// Fills a template for a player. `None` when the situation offers nothing to fill it with (no
/// low-reputation captain, no wreck, no beacon). The same seed gives the same mission.
pub fn generate_mission(
    catalog: &MissionCatalog,
    template: &MissionTemplate,
    situation: &Situation<'_>,
    seed: u64,
) -> Option<MissionDef> {
    let mut def = MissionDef::new(
        format!("{}#{seed:016x}", template.id),
        template.name.clone(),
    );
    def.description = template.description.clone();
    def.mission_type = template.mission_type;
    def.origins = vec![Origin::Template];
    def.issuer = pick(&template.issuers, seed, 1).cloned();
    def.gates.faction_only = template.faction_only.clone();
    def.rewards = Rewards {
        credits: in_range(template.min_credits, template.max_credits, seed, 2),
        xp: template.xp,
        reputation: template.reputation,
        items: template.items.clone(),
        ..Rewards::default()
    };
    let filler = Filler {
        catalog,
        situation,
        seed,
    };
    let fill = match &template.kind {
        TemplateKind::BountyHunt {
            classes,
            max_reputation,
        } => filler.bounty_hunt(&mut def, classes, *max_reputation)?,
        TemplateKind::Salvage {
            wreck_kind,
            items,
            min_count,
            max_count,
        } => filler.salvage(&mut def, wreck_kind, items, (*min_count, *max_count))?,
        TemplateKind::Smuggling {
            contraband,
            destination_kinds,
            patrol_counter,
            max_scans,
        } => filler.smuggling(
            &mut def,
            contraband,
            destination_kinds,
            (patrol_counter, *max_scans),
        )?,
        TemplateKind::DistressBeacon {
            beacon_kind,
            window_secs,
        } => filler.distress_beacon(&mut def, beacon_kind, *window_secs)?,
    };
    for (key, value) in &fill {
        def.name = def.name.replace(key, value);
        def.description = def.description.replace(key, value);
    }
    Some(def)
}

/// The words a template's name and description fill in (`{target}`, `{place}`, ...).
type Fill = Vec<(&'static str, String)>;

/// What filling a template draws from: the catalog, the player's situation and the seed.
struct Filler<'a> {
    catalog: &'a MissionCatalog,
    situation: &'a Situation<'a>,
    seed: u64,
}

impl Filler<'_> {
    /// A captain of one of the classes, of a faction the player stands low with, in this
    /// cluster.
    fn bounty_hunt(
        &self,
        def: &mut MissionDef,
        classes: &[NpcClassId],
        max_reputation: i32,
    ) -> Option<Fill> {
        let (catalog, situation) = (self.catalog, self.situation);
        let quarry: Vec<_> = catalog
            .npcs()
            .filter(|n| classes.contains(&n.class))
            .filter(|n| {
                n.faction
                    .as_ref()
                    .is_some_and(|f| situation.reputation.get(f, catalog) <= max_reputation)
            })
            .filter(|n| {
                // In the current cluster: at home on this planet, or roaming (no home).
                let home_planet = n
                    .home
                    .as_ref()
                    .and_then(|h| catalog.place(h.as_str()))
                    .and_then(|p| p.planet.as_ref());
                home_planet.is_none() || home_planet == situation.planet
            })
            .collect();
        let npc = *pick(&quarry, self.seed, 3)?;
        def.target_faction = npc
            .faction
            .clone()
            .filter(|f| Some(f) != def.issuer.as_ref());
        def.objectives = vec![ObjectiveDef {
            text: format!("Destroy {}", npc.name),
            ..ObjectiveDef::new(ObjectiveKind::Assassinate {
                npc: npc.id.clone(),
            })
        }];
        Some(vec![("{target}", npc.name.clone())])
    }

    /// Fly to a wreck near the player, then find some of one item.
    fn salvage(
        &self,
        def: &mut MissionDef,
        wreck_kind: &PlaceKindId,
        items: &[ItemId],
        (min_count, max_count): (u32, u32),
    ) -> Option<Fill> {
        let (catalog, seed) = (self.catalog, self.seed);
        let wrecks = places_near(catalog, &[wreck_kind], self.situation.planet);
        let wreck = *pick(&wrecks, seed, 4)?;
        let item = pick(items, seed, 5)?;
        let count = in_range(u64::from(min_count), u64::from(max_count), seed, 6) as u32;
        def.order = ObjectiveOrder::Sequential;
        def.objectives = vec![
            ObjectiveDef::new(ObjectiveKind::GoTo {
                place: wreck.clone(),
            }),
            ObjectiveDef::new(ObjectiveKind::FindItem {
                item: item.clone(),
                count,
            }),
        ];
        Some(vec![
            ("{place}", place_name(catalog, wreck)),
            ("{item}", item_name(catalog, item)),
            ("{count}", count.to_string()),
        ])
    }

    /// Carry contraband (given at the start, taken on failure) to a destination; too many patrol
    /// scans fail it.
    fn smuggling(
        &self,
        def: &mut MissionDef,
        contraband: &[ItemId],
        destination_kinds: &[PlaceKindId],
        (patrol_counter, max_scans): (&CounterId, u32),
    ) -> Option<Fill> {
        let (catalog, seed) = (self.catalog, self.seed);
        let kinds: Vec<&PlaceKindId> = destination_kinds.iter().collect();
        let places = places_near(catalog, &kinds, self.situation.planet);
        let to = *pick(&places, seed, 7)?;
        let item = pick(contraband, seed, 8)?;
        let count = in_range(1, 3, seed, 9) as u32;
        def.objectives = vec![ObjectiveDef::new(ObjectiveKind::Deliver {
            item: item.clone(),
            count,
            to: DeliveryTarget::Place(to.clone()),
        })];
        def.effects.on_start = vec![Effect::GiveItem {
            item: item.clone(),
            count,
        }];
        def.effects.on_failure = vec![Effect::TakeItem {
            item: item.clone(),
            count,
        }];
        def.fail_when = vec![FailCondition::CounterReaches {
            counter: patrol_counter.clone(),
            count: max_scans.saturating_add(1),
        }];
        Some(vec![
            ("{place}", place_name(catalog, to)),
            ("{item}", item_name(catalog, item)),
            ("{count}", count.to_string()),
        ])
    }

    /// Reach a beacon near the player before the window closes.
    fn distress_beacon(
        &self,
        def: &mut MissionDef,
        beacon_kind: &PlaceKindId,
        window_secs: f64,
    ) -> Option<Fill> {
        let beacons = places_near(self.catalog, &[beacon_kind], self.situation.planet);
        let beacon = *pick(&beacons, self.seed, 10)?;
        def.objectives = vec![ObjectiveDef::new(ObjectiveKind::GoTo {
            place: beacon.clone(),
        })];
        let now = self.situation.now;
        def.timing.window = Some(TimeWindow {
            opens_at: now,
            closes_at: now + window_secs,
        });
        Some(vec![("{place}", place_name(self.catalog, beacon))])
    }
}

fn place_name(catalog: &MissionCatalog, id: &PlaceId) -> String {
    catalog
        .place(id.as_str())
        .map_or_else(|| id.to_string(), |p| p.name.clone())
}

fn item_name(catalog: &MissionCatalog, id: &ItemId) -> String {
    catalog
        .item(id.as_str())
        .map_or_else(|| id.to_string(), |i| i.name.clone())
}

/// Draws a template by weight, skipping faction-only templates the player is not allied with.
pub fn choose_template<'a>(
    catalog: &'a MissionCatalog,
    reputation: &Reputation,
    seed: u64,
) -> Option<&'a MissionTemplate> {
    let allied_at = catalog.rules().reputation.allied_at;
    let eligible: Vec<&MissionTemplate> = catalog
        .templates()
        .iter()
        .filter(|t| {
            t.faction_only
                .as_ref()
                .is_none_or(|f| reputation.get(f, catalog) >= allied_at)
        })
        .collect();
    let total: u64 = eligible.iter().map(|t| u64::from(t.weight)).sum();
    if total == 0 {
        return None;
    }
    let mut roll = mix64(seed ^ 0x7e3) % total;
    eligible.into_iter().find(|t| {
        let w = u64::from(t.weight);
        if roll < w {
            true
        } else {
            roll -= w;
            false
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drawn_id_names_its_template_and_no_other_id_does() {
        let filled = MissionId::from(format!("T_SALVAGE#{:016x}", 7));
        let drawn = unique_draw_id(&filled, 42);
        assert_eq!(drawn.as_str(), "T_SALVAGE#0000000000000007-42");
        assert_eq!(template_of(&drawn), Some("T_SALVAGE"));
        assert_eq!(template_of(&filled), Some("T_SALVAGE"), "format 3's ids");
        assert_eq!(
            (draw_serial(&drawn), draw_serial(&filled)),
            (Some(42), Some(0))
        );
        for other in [
            "M_FIRST",
            "A#B",
            "#0000000000000007-1",
            "T#000000000000000g-1",
            "T#7-1",
        ] {
            assert_eq!(template_of(&MissionId::from(other)), None, "{other}");
            assert_eq!(draw_serial(&MissionId::from(other)), None, "{other}");
        }
    }

    #[test]
    fn draws_stay_in_range_without_overflow() {
        for seed in 0..1000 {
            let v = in_range(10, 20, seed, 1);
            assert!((10..=20).contains(&v));
            // The whole range and its top edge: no overflow, no division by zero.
            in_range(0, u64::MAX, seed, 2);
            assert!(in_range(u64::MAX - 1, u64::MAX, seed, 3) >= u64::MAX - 1);
        }
        assert_eq!(in_range(5, 5, 1, 1), 5);
        assert_eq!(in_range(9, 3, 1, 1), 9);
    }
}
