//! Daily quests: which mission each slot offers on a game day, drawn the same on every client.

use crate::catalog::MissionCatalog;
use crate::clock::MissionClock;
use crate::ids::MissionId;
use crate::model::board::{DailyRules, DailySlot};

/// SplitMix64: a tiny, portable mixing function. Daily draws use it instead of an RNG so that the
/// same `(day, pool_version, slot)` gives the same mission on every client and every version.
pub fn mix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The daily mission of each slot for a game day, drawn from `(day, pool_version, slot)`.
pub fn daily_missions_on(rules: &DailyRules, day: i64) -> Vec<(DailySlot, MissionId)> {
    rules
        .slots
        .iter()
        .filter(|pool| !pool.missions.is_empty())
        .map(|pool| {
            let seed = (day as u64)
                ^ (u64::from(rules.pool_version) << 40)
                ^ ((pool.slot as u64 + 1) << 56);
            let pick = (mix64(seed) % pool.missions.len() as u64) as usize;
            (pool.slot, pool.missions[pick].clone())
        })
        .collect()
}

/// Today's daily missions by the mission clock (empty when the catalog has no daily rules).
pub fn daily_missions(
    catalog: &MissionCatalog,
    clock: &MissionClock,
) -> Vec<(DailySlot, MissionId)> {
    catalog.daily().map_or_else(Vec::new, |rules| {
        daily_missions_on(rules, clock.day(rules.refresh_hour))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::board::DailySlotPool;

    #[test]
    fn daily_draws_are_stable_and_change_with_the_day_and_pool_version() {
        let rules = DailyRules {
            refresh_hour: 0,
            pool_version: 1,
            slots: DailySlot::ALL
                .iter()
                .map(|&slot| DailySlotPool {
                    slot,
                    missions: (0..5)
                        .map(|i| MissionId::new(format!("{slot:?}{i}")))
                        .collect(),
                })
                .collect(),
        };
        assert_eq!(daily_missions_on(&rules, 42), daily_missions_on(&rules, 42));
        let week: Vec<_> = (0..7).map(|d| daily_missions_on(&rules, d)).collect();
        assert!(
            week.windows(2).any(|w| w[0] != w[1]),
            "draws change from day to day"
        );
        let bumped = DailyRules {
            pool_version: 2,
            ..rules.clone()
        };
        assert!((0..7).any(|d| daily_missions_on(&rules, d) != daily_missions_on(&bumped, d)));
        assert_eq!(daily_missions_on(&rules, 3).len(), 4, "one per slot");
    }
}
