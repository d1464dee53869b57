//! Routing facts to the objectives waiting on them.
//!
//! [`ObjectiveIndex`] maps `(player, kind of fact, id)` to the objectives that such a fact
//! advances. It is updated when acceptances start and end, so a fact costs
//! O(objectives it matches), never O(all active objectives).

use bevy::platform::collections::HashMap;
use bevy::prelude::*;
use smallvec::SmallVec;

use super::facts::FactKind;
use crate::catalog::{FailCondition, MissionCatalog, MissionDef, ObjectiveOrder};
use crate::ids::*;
use crate::model::objective::{DeliveryTarget, ObjectiveKind};

/// The kind of fact a route listens for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyTag {
    /// A kill of an enemy type.
    Kill,
    /// A kill of a species.
    KillSpecies,
    /// A kill of an enemy of a faction.
    KillFaction,
    /// A kill of a named target.
    KillTarget,
    /// A kill of an NPC.
    KillNpc,
    /// Items collected.
    Item,
    /// Items delivered.
    Deliver,
    /// A place entered.
    Enter,
    /// A place of a kind entered.
    EnterKind,
    /// A place scanned.
    Scan,
    /// A place of a kind scanned.
    ScanKind,
    /// An object used.
    Interact,
    /// An NPC found.
    FindNpc,
    /// An NPC recruited.
    Recruit,
    /// An NPC of a class recruited.
    RecruitClass,
    /// A friendly monster found.
    FindMonster,
    /// A counter increment.
    Counter,
    /// A mission completed (subquests).
    Completed,
    /// An escorted target arrived.
    TargetArrived,
    /// A protected target destroyed.
    TargetLost,
    /// An NPC died.
    NpcDied,
}

/// Which part of an acceptance a route feeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Progress on objective N.
    Objective(u16),
    /// Fail condition N of the mission.
    Fail(u16),
    /// The protected target of objective N was lost: the mission fails.
    Protect(u16),
}

/// An extra condition a matching fact must meet.
#[derive(Clone, Debug, PartialEq)]
pub enum RouteCheck {
    /// Nothing more.
    None,
    /// Count each place only once (visit N distinct beacons).
    Distinct,
    /// Delivery must be at this place.
    DeliverPlace(PlaceId),
    /// Delivery must be to this faction (its place or its NPC).
    DeliverFaction(FactionId),
    /// Delivery must be to this NPC.
    DeliverNpc(NpcId),
    /// Escort must arrive at this place.
    ArriveAt(PlaceId),
}

/// One objective (or fail condition) waiting on a kind of fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// The acceptance entity.
    pub acceptance: Entity,
    /// What it feeds.
    pub slot: Slot,
    /// Amount that finishes it.
    pub target: u32,
    /// Whether the mission's objectives run in order.
    pub sequential: bool,
    /// Extra condition.
    pub check: RouteCheck,
}

/// One way a fact can advance something: the route and the amount it adds.
#[derive(Clone, Debug)]
pub struct Hit<'a> {
    /// The route.
    pub route: &'a Route,
    /// How much it adds.
    pub amount: u32,
    /// The place involved, for distinct counting and checks.
    pub place: Option<&'a str>,
    /// Faction of the place or NPC involved (deliveries).
    pub faction: Option<&'a str>,
    /// NPC involved (deliveries).
    pub npc: Option<&'a str>,
}

#[derive(Default)]
struct Resolver {
    enemies: HashMap<String, (String, Option<String>)>,
    places: HashMap<String, (String, Option<String>)>,
    npcs: HashMap<String, (String, Option<String>)>,
}

/// A player's routes, found by the player entity's index. Keys (kind of fact, interned id) sit
/// inline and apart from the routes, so a fact that matches nothing touches one cache line.
#[derive(Default)]
struct PlayerRoutes {
    player: Option<Entity>,
    keys: SmallVec<[(KeyTag, u32); 5]>,
    routes: Vec<Route>,
}

impl PlayerRoutes {
    fn clear(&mut self) {
        self.keys.clear();
        self.routes.clear();
    }

    fn retain(&mut self, keep: impl Fn(&Route) -> bool) -> usize {
        let before = self.routes.len();
        let mut i = 0;
        while i < self.routes.len() {
            if keep(&self.routes[i]) {
                i += 1;
            } else {
                self.routes.swap_remove(i);
                self.keys.swap_remove(i);
            }
        }
        before - self.routes.len()
    }
}

/// What routing one fact found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Routed {
    /// The fact's player has no routes at all: no mission in progress waits on a fact, or the
    /// entity is not a player (any more).
    NoRoutes,
    /// The fact names an id the catalog does not know (every catalog id is interned).
    Unnamed,
    /// The player's routes were checked.
    Checked,
}

/// Whose routes a key belongs to: one player's, or the world's (facts about the world, such as
/// an NPC dying, reach every acceptance waiting on them whoever reported them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum RouteOwner {
    /// Routes advanced by one player's facts.
    Player(Entity),
    /// Routes advanced by anyone's facts.
    World,
}

/// The routing index. One per app, kept by the lifecycle.
///
/// Routes are grouped by player and ids are interned: a fact costs one direct index for its
/// player and a scan of that player's routes comparing small integers (bounded by the concurrent
/// cap times the objectives per mission, whatever the number of players or active missions).
#[derive(Resource, Default, Reflect)]
#[reflect(Resource)]
pub struct ObjectiveIndex {
    #[reflect(ignore)]
    players: Vec<PlayerRoutes>,
    #[reflect(ignore)]
    world_routes: PlayerRoutes,
    #[reflect(ignore)]
    by_acceptance: HashMap<Entity, Vec<RouteOwner>>,
    #[reflect(ignore)]
    symbols: HashMap<Box<str>, u32>,
    /// Routes registered (what an inspector shows of the index).
    routes: usize,
    #[reflect(ignore)]
    resolver: Resolver,
}

/// The keys an objective listens on, with the check each needs.
fn objective_keys(goal: &ObjectiveKind) -> Vec<(KeyTag, &str, RouteCheck)> {
    use ObjectiveKind as O;
    match goal {
        O::GoTo { place } => vec![(KeyTag::Enter, place.as_str(), RouteCheck::None)],
        O::GoToKind { kind, .. } => vec![(KeyTag::EnterKind, kind.as_str(), RouteCheck::Distinct)],
        O::Scan { place } => vec![(KeyTag::Scan, place.as_str(), RouteCheck::None)],
        O::ScanKind { kind, .. } => vec![(KeyTag::ScanKind, kind.as_str(), RouteCheck::Distinct)],
        O::Interact { object } => vec![(KeyTag::Interact, object.as_str(), RouteCheck::None)],
        O::FindItem { item, .. } => vec![(KeyTag::Item, item.as_str(), RouteCheck::None)],
        O::FindAnyItem { items, .. } => items
            .iter()
            .map(|i| (KeyTag::Item, i.as_str(), RouteCheck::None))
            .collect(),
        O::Deliver { item, to, .. } => {
            let check = match to {
                DeliveryTarget::Place(p) => RouteCheck::DeliverPlace(p.clone()),
                DeliveryTarget::Faction(f) => RouteCheck::DeliverFaction(f.clone()),
                DeliveryTarget::Npc(n) => RouteCheck::DeliverNpc(n.clone()),
            };
            vec![(KeyTag::Deliver, item.as_str(), check)]
        }
        O::FindMonster { enemy } => vec![(KeyTag::FindMonster, enemy.as_str(), RouteCheck::None)],
        O::FindNpc { npc } => vec![(KeyTag::FindNpc, npc.as_str(), RouteCheck::None)],
        O::RecruitNpc { npc } => vec![(KeyTag::Recruit, npc.as_str(), RouteCheck::None)],
        O::RecruitNpcClass { class, .. } => {
            vec![(KeyTag::RecruitClass, class.as_str(), RouteCheck::None)]
        }
        O::Assassinate { npc } => vec![(KeyTag::KillNpc, npc.as_str(), RouteCheck::None)],
        O::KillTarget { target } => vec![(KeyTag::KillTarget, target.as_str(), RouteCheck::None)],
        O::KillType { enemy, .. } => vec![(KeyTag::Kill, enemy.as_str(), RouteCheck::None)],
        O::KillSpecies { species, .. } => {
            vec![(KeyTag::KillSpecies, species.as_str(), RouteCheck::None)]
        }
        O::KillFaction { faction, .. } => {
            vec![(KeyTag::KillFaction, faction.as_str(), RouteCheck::None)]
        }
        O::Escort { target, to } => vec![(
            KeyTag::TargetArrived,
            target.as_str(),
            RouteCheck::ArriveAt(to.clone()),
        )],
        O::Subquest { mission, .. } => {
            vec![(KeyTag::Completed, mission.as_str(), RouteCheck::None)]
        }
        O::Counter { counter, .. } => vec![(KeyTag::Counter, counter.as_str(), RouteCheck::None)],
        O::Survive { .. } | O::Defend { .. } => Vec::new(),
    }
}

impl ObjectiveIndex {
    /// Rebuilds the id lookups (enemy → species and faction, place → kind and faction, NPC →
    /// class and faction) after the catalog changed.
    pub fn refresh_catalog(&mut self, catalog: &MissionCatalog) {
        let r = &mut self.resolver;
        r.enemies = catalog
            .enemies()
            .map(|e| {
                let faction = e.faction.as_ref().map(|f| f.0.clone());
                (e.id.0.clone(), (e.species.0.clone(), faction))
            })
            .collect();
        r.places = catalog
            .places()
            .map(|p| {
                let faction = p.faction.as_ref().map(|f| f.0.clone());
                (p.id.0.clone(), (p.kind.0.clone(), faction))
            })
            .collect();
        r.npcs = catalog
            .npcs()
            .map(|n| {
                let faction = n.faction.as_ref().map(|f| f.0.clone());
                (n.id.0.clone(), (n.class.0.clone(), faction))
            })
            .collect();
        // Every id a fact can name is interned, so routing a fact tells a known id from an
        // unknown one with the lookups it makes anyway (see `for_each_hit`'s result). An id a
        // reload removes stays known (interned symbols are never reused).
        let ids: Vec<String> = catalog
            .enemies()
            .map(|e| e.id.0.clone())
            .chain(catalog.items().map(|e| e.id.0.clone()))
            .chain(catalog.places().map(|e| e.id.0.clone()))
            .chain(catalog.npcs().map(|e| e.id.0.clone()))
            .chain(catalog.objects().map(|e| e.id.0.clone()))
            .chain(catalog.counters().map(|e| e.id.0.clone()))
            .collect();
        for id in &ids {
            self.intern(id);
        }
    }

    fn intern(&mut self, id: &str) -> u32 {
        if let Some(&symbol) = self.symbols.get(id) {
            return symbol;
        }
        let symbol = self.symbols.len() as u32;
        self.symbols.insert(id.into(), symbol);
        symbol
    }

    fn slot_mut(&mut self, owner: RouteOwner) -> &mut PlayerRoutes {
        let player = match owner {
            RouteOwner::World => return &mut self.world_routes,
            RouteOwner::Player(player) => player,
        };
        let i = player.index_u32() as usize;
        if i >= self.players.len() {
            self.players.resize_with(i + 1, PlayerRoutes::default);
        }
        let slot = &mut self.players[i];
        if slot.player != Some(player) {
            // A new player, or a reused entity index: start clean.
            slot.player = Some(player);
            slot.clear();
        }
        slot
    }

    fn slot(&self, owner: RouteOwner) -> Option<&PlayerRoutes> {
        let player = match owner {
            RouteOwner::World => return Some(&self.world_routes),
            RouteOwner::Player(player) => player,
        };
        self.players
            .get(player.index_u32() as usize)
            .filter(|s| s.player == Some(player))
    }

    fn add(&mut self, owner: RouteOwner, tag: KeyTag, id: &str, route: Route) {
        let acceptance = route.acceptance;
        let symbol = self.intern(id);
        let slot = self.slot_mut(owner);
        slot.keys.push((tag, symbol));
        slot.routes.push(route);
        self.routes += 1;
        let owners = self.by_acceptance.entry(acceptance).or_default();
        if !owners.contains(&owner) {
            owners.push(owner);
        }
    }

    /// Registers every objective and fail condition of an acceptance for the given players.
    pub fn register(&mut self, acceptance: Entity, players: &[Entity], def: &MissionDef) {
        let sequential = def.order == ObjectiveOrder::Sequential;
        for &player in players {
            let owner = RouteOwner::Player(player);
            for (i, objective) in def.objectives.iter().enumerate() {
                let slot = Slot::Objective(i as u16);
                let target = objective.goal.target_count();
                for (tag, id, check) in objective_keys(&objective.goal) {
                    let route = Route {
                        acceptance,
                        slot,
                        target,
                        sequential,
                        check,
                    };
                    self.add(owner, tag, id, route);
                }
                if let ObjectiveKind::Escort { target, .. } | ObjectiveKind::Defend { target, .. } =
                    &objective.goal
                {
                    let route = Route {
                        acceptance,
                        slot: Slot::Protect(i as u16),
                        target: 1,
                        sequential: false,
                        check: RouteCheck::None,
                    };
                    self.add(owner, KeyTag::TargetLost, target.as_str(), route);
                }
            }
            for (i, condition) in def.fail_when.iter().enumerate() {
                let (who, tag, id, target) = match condition {
                    FailCondition::CounterReaches { counter, count } => {
                        (owner, KeyTag::Counter, counter.as_str(), *count)
                    }
                    FailCondition::TargetDestroyed { target } => {
                        (owner, KeyTag::TargetLost, target.as_str(), 1)
                    }
                    FailCondition::NpcDied { npc } => {
                        (RouteOwner::World, KeyTag::NpcDied, npc.as_str(), 1)
                    }
                };
                let route = Route {
                    acceptance,
                    slot: Slot::Fail(i as u16),
                    target,
                    sequential: false,
                    check: RouteCheck::None,
                };
                self.add(who, tag, id, route);
            }
        }
    }

    /// Forgets a player's routes (their entity is gone): their facts find nothing. Their
    /// attempts are routed again if they come back (`rejoin`).
    pub fn forget_player(&mut self, player: Entity) {
        if let Some(slot) = self.players.get_mut(player.index_u32() as usize)
            && slot.player == Some(player)
        {
            self.routes -= slot.routes.len();
            slot.clear();
            slot.player = None;
        }
    }

    /// Removes every route of an acceptance.
    pub fn unregister(&mut self, acceptance: Entity) {
        let Some(owners) = self.by_acceptance.remove(&acceptance) else {
            return;
        };
        for owner in owners {
            let removed = self.slot_mut(owner).retain(|r| r.acceptance != acceptance);
            self.routes -= removed;
        }
    }

    /// Calls `visit` for every route a fact hits, with the amount it adds. Unknown ids and zero
    /// amounts hit nothing. Costs one hash lookup per kind of key the fact has. Says what it
    /// found, so that a fact that could match nothing can be looked into (off the hot path).
    #[expect(
        clippy::too_many_lines,
        reason = "the hot path of routing: one function keeps the keys in registers; split in two \
                  it wrote a struct per fact (about 40 more instructions a fact under callgrind)"
    )]
    pub fn for_each_hit<'a>(
        &'a self,
        player: Entity,
        fact: &'a FactKind,
        mut visit: impl FnMut(Hit<'a>),
    ) -> Routed {
        let r = &self.resolver;
        let mut keys: [(KeyTag, u32); 5] = [(KeyTag::Kill, 0); 5];
        let mut n = 0;
        let symbols = &self.symbols;
        let mut missed = false;
        let mut key = |tag: KeyTag, id: &str| {
            // Every catalog id is interned: a miss is an id the catalog does not know (or a
            // target id, the game's own, which is not checked).
            match symbols.get(id) {
                Some(&symbol) if n < keys.len() => {
                    keys[n] = (tag, symbol);
                    n += 1;
                }
                Some(_) => {}
                None => {
                    missed |= !matches!(
                        tag,
                        KeyTag::KillTarget
                            | KeyTag::TargetArrived
                            | KeyTag::TargetLost
                            | KeyTag::KillSpecies
                            | KeyTag::KillFaction
                            | KeyTag::EnterKind
                            | KeyTag::ScanKind
                            | KeyTag::RecruitClass
                    );
                }
            }
        };
        let (mut amount, mut place, mut faction, mut npc) = (1, None, None, None);
        let mut who = RouteOwner::Player(player);
        match fact {
            FactKind::Killed {
                enemy,
                target,
                npc: killed,
            } => {
                key(KeyTag::Kill, enemy.as_str());
                if let Some((species, f)) = r.enemies.get(enemy.as_str()) {
                    key(KeyTag::KillSpecies, species);
                    if let Some(f) = f {
                        key(KeyTag::KillFaction, f);
                    }
                }
                if let Some(t) = target {
                    key(KeyTag::KillTarget, t.as_str());
                }
                if let Some(k) = killed {
                    key(KeyTag::KillNpc, k.as_str());
                }
            }
            FactKind::Collected { item, amount: a } => {
                key(KeyTag::Item, item.as_str());
                amount = *a;
            }
            FactKind::Delivered {
                item,
                amount: a,
                to,
            } => {
                key(KeyTag::Deliver, item.as_str());
                amount = *a;
                place = to.place.as_ref().map(|p| p.as_str());
                npc = to.npc.as_ref().map(|n| n.as_str());
                faction = place
                    .and_then(|p| r.places.get(p))
                    .and_then(|(_, f)| f.as_deref())
                    .or_else(|| {
                        npc.and_then(|n| r.npcs.get(n))
                            .and_then(|(_, f)| f.as_deref())
                    });
            }
            FactKind::Entered { place: p } | FactKind::Scanned { place: p } => {
                let (exact, kinded) = if matches!(fact, FactKind::Entered { .. }) {
                    (KeyTag::Enter, KeyTag::EnterKind)
                } else {
                    (KeyTag::Scan, KeyTag::ScanKind)
                };
                place = Some(p.as_str());
                key(exact, p.as_str());
                if let Some((kind, _)) = r.places.get(p.as_str()) {
                    key(kinded, kind);
                }
            }
            FactKind::NpcFound { npc: found } => key(KeyTag::FindNpc, found.as_str()),
            FactKind::NpcRecruited { npc: hired } => {
                key(KeyTag::Recruit, hired.as_str());
                if let Some((class, _)) = r.npcs.get(hired.as_str()) {
                    key(KeyTag::RecruitClass, class);
                }
            }
            FactKind::MonsterFound { enemy } => key(KeyTag::FindMonster, enemy.as_str()),
            FactKind::Interacted { object } => key(KeyTag::Interact, object.as_str()),
            FactKind::Counter { counter, amount: a } => {
                key(KeyTag::Counter, counter.as_str());
                amount = *a;
            }
            FactKind::TargetArrived { target, place: p } => {
                key(KeyTag::TargetArrived, target.as_str());
                place = Some(p.as_str());
            }
            FactKind::TargetDestroyed { target } => key(KeyTag::TargetLost, target.as_str()),
            FactKind::NpcDied { npc: died } => {
                who = RouteOwner::World;
                key(KeyTag::NpcDied, died.as_str());
            }
        }
        let checked = if missed {
            Routed::Unnamed
        } else {
            Routed::Checked
        };
        let Some(slot) = self.slot(who) else {
            return Routed::NoRoutes;
        };
        if n == 0 || amount == 0 {
            return checked;
        }
        let keys = &keys[..n];
        for (i, entry) in slot.keys.iter().enumerate() {
            if keys.contains(entry)
                && let Some(route) = slot.routes.get(i)
            {
                visit(Hit {
                    route,
                    amount,
                    place,
                    faction,
                    npc,
                });
            }
        }
        checked
    }

    /// Routes hit when a player completes a mission (subquests).
    pub fn completion_hits(
        &self,
        player: Entity,
        mission: &MissionId,
    ) -> impl Iterator<Item = &Route> {
        let key = self
            .symbols
            .get(mission.as_str())
            .map(|&symbol| (KeyTag::Completed, symbol));
        self.slot(RouteOwner::Player(player))
            .into_iter()
            .flat_map(|s| s.keys.iter().zip(&s.routes))
            .filter(move |(k, _)| Some(**k) == key)
            .map(|(_, route)| route)
    }
}
impl RouteCheck {
    /// Whether a hit passes the check (distinct counting is done by the caller).
    pub fn passes(&self, hit: &Hit<'_>) -> bool {
        match self {
            RouteCheck::None | RouteCheck::Distinct => true,
            RouteCheck::DeliverPlace(p) | RouteCheck::ArriveAt(p) => hit.place == Some(p.as_str()),
            RouteCheck::DeliverFaction(f) => hit.faction == Some(f.as_str()),
            RouteCheck::DeliverNpc(n) => hit.npc == Some(n.as_str()),
        }
    }
}
