//! Reputation changes with bounds and rivalry caps.
//!
//! The rule, in one place: a **gain** with faction F stops where F's standing plus any rival's
//! (positive) standing would exceed [`crate::model::rules::ReputationRules::rivalry_sum_cap`], and never
//! above the maximum; a gain never lowers a standing that is already above the cap. A **loss** is
//! only bounded by the minimum. Rivalry is symmetric: F and R are rivals if either lists the other.

use crate::catalog::MissionCatalog;
use crate::ids::FactionId;
use crate::player::Reputation;

/// The rivals of a faction, in both directions.
pub fn rivals_of<'a>(
    faction: &'a FactionId,
    catalog: &'a MissionCatalog,
) -> impl Iterator<Item = &'a FactionId> {
    let listed = catalog
        .faction(faction.as_str())
        .into_iter()
        .flat_map(|f| f.rivals.iter());
    let listing = catalog
        .factions()
        .filter(move |f| f.rivals.contains(faction))
        .map(|f| &f.id);
    listed.chain(listing)
}

/// The standing a faction may reach by gains, given the player's standing with its rivals.
pub fn gain_ceiling(reputation: &Reputation, faction: &FactionId, catalog: &MissionCatalog) -> i32 {
    let rules = &catalog.rules().reputation;
    rivals_of(faction, catalog)
        .map(|r| {
            rules
                .rivalry_sum_cap
                .saturating_sub(reputation.get(r, catalog).max(0))
        })
        .fold(rules.max, i32::min)
}

/// Applies a change with caps; returns the change actually made.
pub fn change_reputation(
    reputation: &mut Reputation,
    faction: &FactionId,
    delta: i32,
    catalog: &MissionCatalog,
) -> i32 {
    let rules = &catalog.rules().reputation;
    let current = reputation.get(faction, catalog);
    let next = if delta >= 0 {
        let ceiling = gain_ceiling(reputation, faction, catalog);
        current.max(current.saturating_add(delta).min(ceiling))
    } else {
        current.saturating_add(delta).max(rules.min)
    };
    reputation.standings.insert(faction.clone(), next);
    next - current
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> MissionCatalog {
        MissionCatalog::from_ron_str(
            r#"(factions: [(id: "A", name: "a", rivals: ["B"]), (id: "B", name: "b"), (id: "C", name: "c", starting_reputation: 990)])"#,
        )
        .expect("valid")
    }

    #[test]
    fn gains_are_capped_by_the_rival_standing() {
        let catalog = catalog();
        let mut rep = Reputation::default();
        let (a, b) = (FactionId::from("A"), FactionId::from("B"));
        rep.standings.insert(b.clone(), 700);
        // Sum cap 1000: A can reach at most 300 while B is at 700.
        assert_eq!(change_reputation(&mut rep, &a, 500, &catalog), 300);
        assert_eq!(rep.get(&a, &catalog), 300);
        assert_eq!(change_reputation(&mut rep, &a, 50, &catalog), 0);
        // Rivalry is symmetric: B is capped by A too.
        assert_eq!(change_reputation(&mut rep, &b, 100, &catalog), 0);
        // Losses are not capped by rivals.
        assert_eq!(change_reputation(&mut rep, &a, -100, &catalog), -100);
    }

    #[test]
    fn standings_stay_within_bounds() {
        let catalog = catalog();
        let mut rep = Reputation::default();
        let c = FactionId::from("C");
        assert_eq!(change_reputation(&mut rep, &c, 50, &catalog), 10);
        assert_eq!(rep.get(&c, &catalog), 1000);
        assert_eq!(change_reputation(&mut rep, &c, -5000, &catalog), -2000);
        assert_eq!(rep.get(&c, &catalog), -1000);
    }
}
