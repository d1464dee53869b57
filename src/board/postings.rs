//! Board postings: which are open at a time, and the two a seed draws.

use super::daily::mix64;
use crate::catalog::MissionCatalog;
use crate::ids::PlanetId;
use crate::model::board::PostingDef;

/// The postings on the board at game time `now`: those whose mission is switched off, past its
/// expiry date or outside its window are hidden (the expiry sweeper's view of the board).
pub fn open_postings<'a>(
    catalog: &'a MissionCatalog,
    now: f64,
) -> impl Iterator<Item = &'a PostingDef> + 'a {
    catalog.postings().iter().filter(move |p| {
        catalog.mission(p.mission.as_str()).is_some_and(|m| {
            m.active
                && m.timing.expires_at.is_none_or(|at| now < at)
                && m.timing
                    .window
                    .is_none_or(|w| now >= w.opens_at && now < w.closes_at)
        })
    })
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
