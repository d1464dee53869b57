//! Board postings: which are open at a time, which the board shows today, and the two a seed
//! draws.

use super::daily::mix64;
use crate::catalog::MissionCatalog;
use crate::clock::MissionClock;
use crate::ids::PlanetId;
use crate::model::board::PostingDef;

/// The postings on the board at game time `now`: those whose mission is switched off, past its
/// expiry date or outside its window are hidden (the expiry sweeper's view of the board).
pub fn open_postings<'a>(
    catalog: &'a MissionCatalog,
    now: f64,
) -> impl Iterator<Item = &'a PostingDef> + 'a {
    catalog.postings().iter().filter(move |p| {
        catalog
            .mission(p.mission.as_str())
            .is_some_and(|m| m.active && m.timing.open(now))
    })
}

/// The postings the board shows now for a session seed: every open posting, or, when the
/// catalog's rules set `postings_per_planet`, that many of each planet's open postings, drawn
/// from the seed and the game day. The draw changes at each daily refresh (the day starts at the
/// daily rules' refresh hour, midnight UTC without them) and is the same for everyone with the
/// seed; postings keep the catalog's order.
pub fn board_postings<'a>(
    catalog: &'a MissionCatalog,
    clock: &MissionClock,
    seed: u64,
) -> Vec<&'a PostingDef> {
    let open: Vec<&PostingDef> = open_postings(catalog, clock.now).collect();
    let Some(per_planet) = catalog.rules().postings_per_planet else {
        return open;
    };
    let day = clock.day(catalog.daily().map_or(0, |d| d.refresh_hour));
    let day_seed = mix64(seed ^ mix64(day as u64));
    let mut shown: Vec<&PostingDef> = Vec::with_capacity(open.len());
    let mut planets: Vec<&PlanetId> = Vec::new();
    for posting in &open {
        if planets.contains(&&posting.planet) {
            continue;
        }
        planets.push(&posting.planet);
        let here: Vec<&PostingDef> = open
            .iter()
            .copied()
            .filter(|p| p.planet == posting.planet)
            .collect();
        let planet_seed = posting
            .planet
            .as_str()
            .bytes()
            .fold(day_seed, |h, b| mix64(h ^ u64::from(b)));
        shown.extend(pick_n(&here, per_planet as usize, planet_seed));
    }
    // Back into the catalog's order.
    shown.sort_by_key(|p| open.iter().position(|o| o.id == p.id));
    shown
}

/// `n` distinct postings drawn from a seed (all of them when there are no more than `n`), in
/// the order given: the same seed gives the same draw.
pub fn pick_n<'a>(postings: &[&'a PostingDef], n: usize, seed: u64) -> Vec<&'a PostingDef> {
    if postings.len() <= n {
        return postings.to_vec();
    }
    // A partial Fisher-Yates shuffle of the indices, driven by the mixed seed.
    let mut order: Vec<usize> = (0..postings.len()).collect();
    for i in 0..n {
        let left = (postings.len() - i) as u64;
        let j = i + (mix64(seed.wrapping_add(i as u64)) % left) as usize;
        order.swap(i, j);
    }
    let mut chosen = order[..n].to_vec();
    chosen.sort_unstable();
    chosen.into_iter().map(|i| postings[i]).collect()
}

/// Two distinct postings drawn from a seed: the same seed gives the same pair.
pub fn pick_two<'a>(
    postings: &[&'a PostingDef],
    seed: u64,
) -> Option<(&'a PostingDef, &'a PostingDef)> {
    let n = postings.len() as u64;
    if n < 2 {
        return None;
    }
    let a = mix64(seed) % n;
    let mut b = mix64(seed ^ 0xA5A5_A5A5_5A5A_5A5A) % (n - 1);
    if b >= a {
        b += 1;
    }
    Some((postings[a as usize], postings[b as usize]))
}

/// Two distinct open postings from the whole board.
pub fn pick_two_postings(
    catalog: &MissionCatalog,
    seed: u64,
    now: f64,
) -> Option<(&PostingDef, &PostingDef)> {
    let open: Vec<&PostingDef> = open_postings(catalog, now).collect();
    pick_two(&open, seed)
}

/// Two distinct open postings on one planet.
pub fn pick_two_postings_for_planet<'a>(
    catalog: &'a MissionCatalog,
    planet: &PlanetId,
    seed: u64,
    now: f64,
) -> Option<(&'a PostingDef, &'a PostingDef)> {
    let open: Vec<&PostingDef> = open_postings(catalog, now)
        .filter(|p| &p.planet == planet)
        .collect();
    pick_two(&open, seed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::DAY_SECS;

    fn rotating_catalog(per_planet: &str) -> MissionCatalog {
        MissionCatalog::from_ron_str(&format!(
            r#"(
            rules: ({per_planet}),
            planets: [(id: "ROCK", name: "Rock"), (id: "ICE", name: "Ice")],
            place_kinds: [(id: "K", name: "k")], places: [(id: "P", name: "p", kind: "K")],
            tuning: (
                labels: {{Explore: (enemy_count_mult: 1.0, weapon_box_count: 0), Find: (enemy_count_mult: 0.85, weapon_box_count: 2),
                         Protect: (enemy_count_mult: 1.15, weapon_box_count: 1), Battle: (enemy_count_mult: 1.4, weapon_box_count: 0)}},
                extraction_timer: {{Routine: 180.0, Standard: 240.0, Hazardous: 300.0, Critical: 360.0, BlackFlag: 420.0}},
                rarity_mult: {{Common: 1.0, Uncommon: 1.1, Rare: 1.25, Legendary: 1.5}},
            ),
            missions: [(id: "M", name: "m", origins: [Board], objectives: [(goal: GoTo(place: "P"))])],
            postings: [
                (id: "R1", title: "r", planet: "ROCK", label: Find, difficulty: Routine, mission: "M"),
                (id: "I1", title: "i", planet: "ICE", label: Find, difficulty: Routine, mission: "M"),
                (id: "R2", title: "r", planet: "ROCK", label: Find, difficulty: Routine, mission: "M"),
                (id: "R3", title: "r", planet: "ROCK", label: Battle, difficulty: Routine, mission: "M"),
                (id: "R4", title: "r", planet: "ROCK", label: Explore, difficulty: Routine, mission: "M"),
            ],
        )"#
        ))
        .expect("valid")
    }

    fn shown(catalog: &MissionCatalog, seed: u64, day: u32) -> Vec<&str> {
        let mut clock = MissionClock::manual();
        clock.advance(f64::from(day) * DAY_SECS + 60.0);
        board_postings(catalog, &clock, seed)
            .iter()
            .map(|p| p.id.as_str())
            .collect()
    }

    #[test]
    fn the_board_shows_every_open_posting_unless_the_rules_draw_per_planet() {
        let all = rotating_catalog("");
        assert_eq!(shown(&all, 7, 0), vec!["R1", "I1", "R2", "R3", "R4"]);

        let catalog = rotating_catalog("postings_per_planet: 2");
        let mut seen_on_rock = std::collections::BTreeSet::new();
        let mut draws = std::collections::BTreeSet::new();
        for day in 0..30 {
            let today = shown(&catalog, 7, day);
            // Two of Rock's four, Ice's only one, in the catalog's order.
            assert_eq!(today.iter().filter(|id| id.starts_with('R')).count(), 2);
            assert!(today.contains(&"I1"), "{today:?}");
            let mut sorted = today.clone();
            sorted.sort_by_key(|id| ["R1", "I1", "R2", "R3", "R4"].iter().position(|x| x == id));
            assert_eq!(today, sorted);
            // The same seed and day draw the same board.
            assert_eq!(today, shown(&catalog, 7, day));
            seen_on_rock.extend(today.iter().filter(|id| id.starts_with('R')).copied());
            draws.insert(today);
        }
        // Day by day every posting comes round, and the draw changes.
        assert_eq!(seen_on_rock.len(), 4);
        assert!(draws.len() > 3, "{draws:?}");
        // Another session's seed draws other boards.
        let other: Vec<Vec<&str>> = (0..30).map(|d| shown(&catalog, 8, d)).collect();
        let this: Vec<Vec<&str>> = (0..30).map(|d| shown(&catalog, 7, d)).collect();
        assert_ne!(other, this);
    }

    #[test]
    fn pick_n_draws_distinct_postings() {
        let catalog = rotating_catalog("");
        let all: Vec<&PostingDef> = catalog.postings().iter().collect();
        for seed in 0..200 {
            let three = pick_n(&all, 3, seed);
            assert_eq!(three.len(), 3);
            let mut ids: Vec<&str> = three.iter().map(|p| p.id.as_str()).collect();
            ids.dedup();
            assert_eq!(ids.len(), 3, "{ids:?}");
        }
        assert_eq!(pick_n(&all, 9, 1).len(), all.len());
    }

    #[test]
    fn expired_and_closed_postings_are_hidden() {
        let catalog = MissionCatalog::from_ron_str(
            r#"(
            planets: [(id: "ROCK", name: "Rock")],
            place_kinds: [(id: "K", name: "k")], places: [(id: "P", name: "p", kind: "K")],
            tuning: (
                labels: {Explore: (enemy_count_mult: 1.0, weapon_box_count: 0), Find: (enemy_count_mult: 0.85, weapon_box_count: 2),
                         Protect: (enemy_count_mult: 1.15, weapon_box_count: 1), Battle: (enemy_count_mult: 1.4, weapon_box_count: 0)},
                extraction_timer: {Routine: 180.0, Standard: 240.0, Hazardous: 300.0, Critical: 360.0, BlackFlag: 420.0},
                rarity_mult: {Common: 1.0, Uncommon: 1.1, Rare: 1.25, Legendary: 1.5},
            ),
            missions: [
                (id: "ALWAYS", name: "a", origins: [Board], objectives: [(goal: GoTo(place: "P"))]),
                (id: "SOON_GONE", name: "s", origins: [Board], timing: (expires_at: 100.0), objectives: [(goal: GoTo(place: "P"))]),
                (id: "LATER", name: "l", origins: [Board], timing: (window: (opens_at: 50.0, closes_at: 200.0)), objectives: [(goal: GoTo(place: "P"))]),
            ],
            postings: [
                (id: "A", title: "a", planet: "ROCK", label: Find, difficulty: Routine, mission: "ALWAYS"),
                (id: "S", title: "s", planet: "ROCK", label: Find, difficulty: Routine, mission: "SOON_GONE"),
                (id: "L", title: "l", planet: "ROCK", label: Find, difficulty: Routine, mission: "LATER"),
            ],
        )"#,
        )
        .expect("valid");
        let open = |now: f64| -> Vec<&str> {
            open_postings(&catalog, now)
                .map(|p| p.id.as_str())
                .collect()
        };
        assert_eq!(open(0.0), vec!["A", "S"]);
        assert_eq!(open(60.0), vec!["A", "S", "L"]);
        assert_eq!(open(150.0), vec!["A", "L"]);
        assert_eq!(open(250.0), vec!["A"]);
    }
}
