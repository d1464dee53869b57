//! The mission board's data: postings (seed 004), random-mission templates and daily-quest slots
//! (seed 000).

mod templates;

use serde::{Deserialize, Serialize};

pub use templates::{Situation, choose_template, generate_mission};

use crate::catalog::defaults;
use crate::catalog::{ItemStack, MissionType};
use crate::ids::*;
use crate::tuning::{Difficulty, ObjectiveLabel, Rarity};

/// A card on the mission board: a contract flown as a run on a planet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingDef {
    /// Unique id.
    pub id: PostingId,
    /// Card title.
    pub title: String,
    /// Card text.
    #[serde(default)]
    pub blurb: String,
    /// The planet the run is flown on.
    pub planet: PlanetId,
    /// The objective label (tunes enemies and crates).
    pub label: ObjectiveLabel,
    /// The difficulty (sets the extraction timer).
    pub difficulty: Difficulty,
    /// How rare the contract is.
    #[serde(default)]
    pub rarity: Rarity,
    /// The mission accepted when the player takes the posting.
    pub mission: MissionId,
}

/// The four seed-000 random-mission templates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TemplateKind {
    /// Hunt a low-reputation captain in the player's current cluster.
    BountyHunt {
        /// Classes of NPC that can be the quarry.
        classes: Vec<NpcClassId>,
        /// Highest standing the player may have with the captain's faction.
        max_reputation: i32,
    },
    /// Visit a wreck and recover items from it.
    Salvage {
        /// Kind of place that counts as a wreck.
        wreck_kind: PlaceKindId,
        /// Items that can be asked for.
        items: Vec<ItemId>,
        /// Fewest items asked for.
        min_count: u32,
        /// Most items asked for.
        max_count: u32,
    },
    /// Carry contraband to a place while avoiding patrols.
    Smuggling {
        /// Items that can be the contraband.
        contraband: Vec<ItemId>,
        /// Kinds of place the cargo may go to.
        destination_kinds: Vec<PlaceKindId>,
        /// Counter incremented each time a patrol scans the player.
        patrol_counter: CounterId,
        /// Scans that fail the mission.
        max_scans: u32,
    },
    /// Answer a distress beacon within a window.
    DistressBeacon {
        /// Kind of place that counts as a beacon.
        beacon_kind: PlaceKindId,
        /// Seconds the beacon stays open once generated.
        window_secs: f64,
    },
}

/// A random-mission template: the generator fills it from the player's situation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissionTemplate {
    /// Unique id.
    pub id: TemplateId,
    /// Name with `{target}`, `{place}`, `{item}`, `{count}` placeholders.
    pub name: String,
    /// Description with the same placeholders.
    #[serde(default)]
    pub description: String,
    /// What kind of mission it generates and from what.
    pub kind: TemplateKind,
    /// Mission family of the generated mission.
    #[serde(default)]
    pub mission_type: MissionType,
    /// Factions that may issue it (empty = any faction).
    #[serde(default)]
    pub issuers: Vec<FactionId>,
    /// Only players allied with this faction are offered it.
    #[serde(default)]
    pub faction_only: Option<FactionId>,
    /// Fewest credits paid.
    #[serde(default)]
    pub min_credits: u64,
    /// Most credits paid.
    #[serde(default)]
    pub max_credits: u64,
    /// Reputation with the issuer on completion.
    #[serde(default)]
    pub reputation: i32,
    /// Experience on completion.
    #[serde(default)]
    pub xp: u64,
    /// Items granted on completion.
    #[serde(default)]
    pub items: Vec<ItemStack>,
    /// Relative chance of being drawn (default 1).
    #[serde(default = "defaults::one_u32")]
    pub weight: u32,
}

/// A daily-quest slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DailySlot {
    /// Complete N trades.
    Trade,
    /// Win N PvE encounters.
    Combat,
    /// Visit N sectors.
    Travel,
    /// Send N messages or join a fleet action.
    Social,
}

impl DailySlot {
    /// Every slot; the daily rules must fill all of them.
    pub const ALL: [DailySlot; 4] = [
        DailySlot::Trade,
        DailySlot::Combat,
        DailySlot::Travel,
        DailySlot::Social,
    ];
}

/// The missions one daily slot draws from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DailySlotPool {
    /// The slot.
    pub slot: DailySlot,
    /// Candidate missions; one is drawn per game day.
    pub missions: Vec<MissionId>,
}

/// Daily-quest rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DailyRules {
    /// Hour of the game clock's day at which dailies refresh (default 0, i.e. 00:00 UTC).
    #[serde(default = "defaults::refresh_hour")]
    pub refresh_hour: u8,
    /// Bump to reshuffle every player's dailies when the pools change.
    #[serde(default)]
    pub pool_version: u32,
    /// One pool per slot.
    pub slots: Vec<DailySlotPool>,
}

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
    catalog: &crate::catalog::MissionCatalog,
    clock: &crate::clock::MissionClock,
) -> Vec<(DailySlot, MissionId)> {
    catalog.daily().map_or_else(Vec::new, |rules| {
        daily_missions_on(rules, clock.day(rules.refresh_hour))
    })
}

/// The postings on the board at game time `now`: those whose mission is switched off, past its
/// expiry date or outside its window are hidden (the expiry sweeper's view of the board).
pub fn open_postings<'a>(
    catalog: &'a crate::catalog::MissionCatalog,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::MissionCatalog;

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
    catalog: &crate::catalog::MissionCatalog,
    seed: u64,
    now: f64,
) -> Option<(&PostingDef, &PostingDef)> {
    let open: Vec<&PostingDef> = open_postings(catalog, now).collect();
    pick_two(&open, seed)
}

/// Two distinct open postings on one planet.
pub fn pick_two_postings_for_planet<'a>(
    catalog: &'a crate::catalog::MissionCatalog,
    planet: &PlanetId,
    seed: u64,
    now: f64,
) -> Option<(&'a PostingDef, &'a PostingDef)> {
    let open: Vec<&PostingDef> = open_postings(catalog, now)
        .filter(|p| &p.planet == planet)
        .collect();
    pick_two(&open, seed)
}

/// A posting as one player sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardEntry<'a> {
    /// The posting.
    pub posting: &'a PostingDef,
    /// Its mission.
    pub mission: &'a crate::catalog::MissionDef,
    /// Why the player cannot take it yet, if they cannot (from the lifecycle's gate check).
    pub locked: Option<crate::lifecycle::RejectReason>,
}

/// The board as seen by one player: open postings, each locked or not with the reason. A system
/// parameter for UIs and servers.
#[derive(bevy::ecs::system::SystemParam)]
pub struct MissionBoard<'w, 's> {
    catalog: bevy::prelude::Res<'w, crate::catalog::MissionCatalog>,
    clock: bevy::prelude::Res<'w, crate::clock::MissionClock>,
    shared: bevy::prelude::Res<'w, crate::lifecycle::SharedMissions>,
    players: bevy::prelude::Query<
        'w,
        's,
        (
            &'static crate::player::Reputation,
            &'static crate::player::Experience,
            &'static crate::player::PlayerTraits,
            &'static crate::player::Inventory,
            &'static crate::player::MissionHistory,
            &'static crate::player::ActiveMissions,
        ),
    >,
}

impl MissionBoard<'_, '_> {
    /// Every open posting for a player, with the reason it is locked, if it is.
    pub fn entries(&self, player: bevy::prelude::Entity) -> Vec<BoardEntry<'_>> {
        let Ok((reputation, experience, traits, inventory, history, active)) =
            self.players.get(player)
        else {
            return Vec::new();
        };
        open_postings(&self.catalog, self.clock.now)
            .filter_map(|posting| {
                let mission = self.catalog.mission(posting.mission.as_str())?;
                let view = crate::lifecycle::PlayerView {
                    reputation,
                    experience,
                    traits,
                    inventory,
                    history,
                    active_count: active.0.len(),
                    has_active: active.of(&mission.id).is_some(),
                };
                let locked = crate::lifecycle::check_gates(
                    mission,
                    &view,
                    &self.catalog,
                    &*self.shared,
                    self.clock.now,
                )
                .err();
                Some(BoardEntry {
                    posting,
                    mission,
                    locked,
                })
            })
            .collect()
    }
}
