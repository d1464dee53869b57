//! Routing facts to the objectives waiting on them.
//!
//! [`ObjectiveIndex`] maps `(player, kind of fact, id)` to the objectives that such a fact
//! advances. It is updated when acceptances start and end, so a fact costs
//! O(objectives it matches), never O(all active objectives).

use bevy::platform::collections::HashMap;
use bevy::prelude::*;
use smallvec::SmallVec;

use super::facts::FactKind;
use super::route::{Hit, KeyTag, Route, RouteCheck, Slot, objective_keys};
use crate::catalog::{FailCondition, MissionCatalog, MissionDef, ObjectiveOrder};
use crate::ids::*;
use crate::model::objective::ObjectiveKind;

/// An interned id, with what the catalog says about it, all found with the one lookup a fact
/// makes for the id it names.
#[derive(Clone, Debug, Default)]
struct Symbol {
    /// The interned id.
    id: u32,
    /// As an enemy type: its species and faction (interned).
    enemy: Option<(u32, Option<u32>)>,
    /// As a place: its kind (interned) and faction.
    place: Option<(u32, Option<FactionId>)>,
    /// As an NPC: its class (interned) and faction.
    npc: Option<(u32, Option<FactionId>)>,
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
    symbols: HashMap<Box<str>, Symbol>,
    /// Routes registered (what an inspector shows of the index).
    routes: usize,
}

impl ObjectiveIndex {
    /// Rebuilds what the index knows of the catalog's ids (enemy → species and faction, place →
    /// kind and faction, NPC → class and faction) after the catalog changed. Every id a fact can
    /// name is interned, so routing a fact tells a known id from an unknown one with the lookup it
    /// makes anyway (see `for_each_hit`'s result). An id a reload removes stays interned (symbols
    /// are never reused) but loses what the catalog said about it.
    pub fn refresh_catalog(&mut self, catalog: &MissionCatalog) {
        for symbol in self.symbols.values_mut() {
            symbol.enemy = None;
            symbol.place = None;
            symbol.npc = None;
        }
        for e in catalog.enemies() {
            let species = self.intern(e.species.as_str());
            let faction = e.faction.as_ref().map(|f| self.intern(f.as_str()));
            self.symbol_mut(e.id.as_str()).enemy = Some((species, faction));
        }
        for p in catalog.places() {
            let kind = self.intern(p.kind.as_str());
            self.symbol_mut(p.id.as_str()).place = Some((kind, p.faction.clone()));
        }
        for n in catalog.npcs() {
            let class = self.intern(n.class.as_str());
            self.symbol_mut(n.id.as_str()).npc = Some((class, n.faction.clone()));
        }
        let others: Vec<&str> = catalog
            .items()
            .map(|e| e.id.as_str())
            .chain(catalog.objects().map(|e| e.id.as_str()))
            .chain(catalog.counters().map(|e| e.id.as_str()))
            .collect();
        for id in others {
            self.intern(id);
        }
    }

    fn symbol_mut(&mut self, id: &str) -> &mut Symbol {
        self.intern(id);
        self.symbols.get_mut(id).expect("interned just now")
    }

    fn intern(&mut self, id: &str) -> u32 {
        if let Some(symbol) = self.symbols.get(id) {
            return symbol.id;
        }
        let symbol = self.symbols.len() as u32;
        self.symbols.insert(
            id.into(),
            Symbol {
                id: symbol,
                ..Symbol::default()
            },
        );
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
        let mut keys: [(KeyTag, u32); 5] = [(KeyTag::Kill, 0); 5];
        let mut n = 0;
        let mut push = |tag: KeyTag, symbol: u32| {
            if n < keys.len() {
                keys[n] = (tag, symbol);
                n += 1;
            }
        };
        // Every catalog id is interned: a miss is an id the catalog does not know (target ids,
        // the game's own, are not checked).
        let symbols = &self.symbols;
        let mut missed = false;
        let mut lookup = |id: &str| {
            let found = symbols.get(id);
            missed |= found.is_none();
            found
        };
        let (mut amount, mut place, mut faction, mut npc) = (1, None, None, None);
        let mut who = RouteOwner::Player(player);
        match fact {
            FactKind::Killed {
                enemy,
                target,
                npc: killed,
            } => {
                if let Some(s) = lookup(enemy.as_str()) {
                    push(KeyTag::Kill, s.id);
                    if let Some((species, f)) = s.enemy {
                        push(KeyTag::KillSpecies, species);
                        if let Some(f) = f {
                            push(KeyTag::KillFaction, f);
                        }
                    }
                }
                if let Some(s) = target.as_ref().and_then(|t| symbols.get(t.as_str())) {
                    push(KeyTag::KillTarget, s.id);
                }
                if let Some(s) = killed.as_ref().and_then(|k| lookup(k.as_str())) {
                    push(KeyTag::KillNpc, s.id);
                }
            }
            FactKind::Collected { item, amount: a } => {
                if let Some(s) = lookup(item.as_str()) {
                    push(KeyTag::Item, s.id);
                }
                amount = *a;
            }
            FactKind::Delivered {
                item,
                amount: a,
                to,
            } => {
                if let Some(s) = lookup(item.as_str()) {
                    push(KeyTag::Deliver, s.id);
                }
                amount = *a;
                place = to.place.as_ref().map(|p| p.as_str());
                npc = to.npc.as_ref().map(|n| n.as_str());
                let at_place = place.and_then(&mut lookup).and_then(|s| s.place.as_ref());
                let at_npc = npc.and_then(&mut lookup).and_then(|s| s.npc.as_ref());
                faction = at_place
                    .and_then(|(_, f)| f.as_ref())
                    .or_else(|| at_npc.and_then(|(_, f)| f.as_ref()))
                    .map(FactionId::as_str);
            }
            FactKind::Entered { place: p } | FactKind::Scanned { place: p } => {
                let (exact, kinded) = if matches!(fact, FactKind::Entered { .. }) {
                    (KeyTag::Enter, KeyTag::EnterKind)
                } else {
                    (KeyTag::Scan, KeyTag::ScanKind)
                };
                place = Some(p.as_str());
                if let Some(s) = lookup(p.as_str()) {
                    push(exact, s.id);
                    if let Some((kind, _)) = s.place {
                        push(kinded, kind);
                    }
                }
            }
            FactKind::NpcFound { npc: found } => {
                if let Some(s) = lookup(found.as_str()) {
                    push(KeyTag::FindNpc, s.id);
                }
            }
            FactKind::NpcRecruited { npc: hired } => {
                if let Some(s) = lookup(hired.as_str()) {
                    push(KeyTag::Recruit, s.id);
                    if let Some((class, _)) = s.npc {
                        push(KeyTag::RecruitClass, class);
                    }
                }
            }
            FactKind::MonsterFound { enemy } => {
                if let Some(s) = lookup(enemy.as_str()) {
                    push(KeyTag::FindMonster, s.id);
                }
            }
            FactKind::Interacted { object } => {
                if let Some(s) = lookup(object.as_str()) {
                    push(KeyTag::Interact, s.id);
                }
            }
            FactKind::Counter { counter, amount: a } => {
                if let Some(s) = lookup(counter.as_str()) {
                    push(KeyTag::Counter, s.id);
                }
                amount = *a;
            }
            FactKind::TargetArrived { target, place: p } => {
                if let Some(s) = symbols.get(target.as_str()) {
                    push(KeyTag::TargetArrived, s.id);
                }
                place = Some(p.as_str());
            }
            FactKind::TargetDestroyed { target } => {
                if let Some(s) = symbols.get(target.as_str()) {
                    push(KeyTag::TargetLost, s.id);
                }
            }
            FactKind::NpcDied { npc: died } => {
                who = RouteOwner::World;
                if let Some(s) = lookup(died.as_str()) {
                    push(KeyTag::NpcDied, s.id);
                }
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
            .map(|symbol| (KeyTag::Completed, symbol.id));
        self.slot(RouteOwner::Player(player))
            .into_iter()
            .flat_map(|s| s.keys.iter().zip(&s.routes))
            .filter(move |(k, _)| Some(**k) == key)
            .map(|(_, route)| route)
    }
}
