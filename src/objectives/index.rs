//! Routing facts to the objectives waiting on them.
//!
//! [`ObjectiveIndex`] maps `(player, kind of fact, id)` to the objectives that such a fact
//! advances. It is updated when acceptances start and end, so a fact costs
//! O(objectives it matches), never O(all active objectives).

use std::hash::{Hash, Hasher};

use bevy::platform::collections::{Equivalent, HashMap};
use bevy::prelude::*;

use crate::catalog::{FailCondition, MissionCatalog, MissionDef, ObjectiveOrder};
use crate::ids::*;
use crate::objectives::{DeliveryTarget, FactKind, ObjectiveKind};

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

/// An owned routing key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteKey {
    player: Entity,
    tag: KeyTag,
    id: String,
}

impl Hash for RouteKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.player, self.tag, self.id.as_str()).hash(state);
    }
}

/// A borrowed routing key for lookups without allocating.
#[derive(Clone, Copy, Debug)]
struct RouteKeyRef<'a> {
    player: Entity,
    tag: KeyTag,
    id: &'a str,
}

impl Hash for RouteKeyRef<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.player, self.tag, self.id).hash(state);
    }
}

impl Equivalent<RouteKey> for RouteKeyRef<'_> {
    fn equivalent(&self, key: &RouteKey) -> bool {
        self.player == key.player && self.tag == key.tag && self.id == key.id
    }
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

/// The routing index. One per app, kept by the lifecycle.
#[derive(Resource, Default)]
pub struct ObjectiveIndex {
    routes: HashMap<RouteKey, Vec<Route>>,
    by_acceptance: HashMap<Entity, Vec<RouteKey>>,
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
    }

    /// Number of registered routes (for diagnostics and tests).
    pub fn len(&self) -> usize {
        self.routes.values().map(Vec::len).sum()
    }

    /// Whether nothing is registered.
    pub fn is_empty(&self) -> bool {
        self.routes.is_empty()
    }

    fn add(&mut self, player: Entity, tag: KeyTag, id: &str, route: Route) {
        let key = RouteKey {
            player,
            tag,
            id: id.to_owned(),
        };
        let acceptance = route.acceptance;
        self.routes.entry(key.clone()).or_default().push(route);
        self.by_acceptance.entry(acceptance).or_default().push(key);
    }

    /// Registers every objective and fail condition of an acceptance for the given players.
    pub fn register(&mut self, acceptance: Entity, players: &[Entity], def: &MissionDef) {
        let sequential = def.order == ObjectiveOrder::Sequential;
        for &player in players {
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
                    self.add(player, tag, id, route);
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
                    self.add(player, KeyTag::TargetLost, target.as_str(), route);
                }
            }
            for (i, condition) in def.fail_when.iter().enumerate() {
                let (who, tag, id, target) = match condition {
                    FailCondition::CounterReaches { counter, count } => {
                        (player, KeyTag::Counter, counter.as_str(), *count)
                    }
                    FailCondition::TargetDestroyed { target } => {
                        (player, KeyTag::TargetLost, target.as_str(), 1)
                    }
                    FailCondition::NpcDied { npc } => {
                        (Entity::PLACEHOLDER, KeyTag::NpcDied, npc.as_str(), 1)
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

    /// Removes every route of an acceptance.
    pub fn unregister(&mut self, acceptance: Entity) {
        let Some(keys) = self.by_acceptance.remove(&acceptance) else {
            return;
        };
        for key in keys {
            if let Some(routes) = self.routes.get_mut(&key) {
                routes.retain(|r| r.acceptance != acceptance);
                if routes.is_empty() {
                    self.routes.remove(&key);
                }
            }
        }
    }

    fn lookup(&self, player: Entity, tag: KeyTag, id: &str) -> &[Route] {
        self.routes
            .get(&RouteKeyRef { player, tag, id })
            .map_or(&[], Vec::as_slice)
    }

    /// Calls `visit` for every route a fact hits, with the amount it adds. Unknown ids and zero
    /// amounts hit nothing. Costs one hash lookup per kind of key the fact has.
    pub fn for_each_hit<'a>(
        &'a self,
        player: Entity,
        fact: &'a FactKind,
        mut visit: impl FnMut(Hit<'a>),
    ) {
        let mut push = |routes: &'a [Route],
                        amount: u32,
                        place: Option<&'a str>,
                        faction: Option<&'a str>,
                        npc: Option<&'a str>| {
            if amount == 0 {
                return;
            }
            for route in routes {
                visit(Hit {
                    route,
                    amount,
                    place,
                    faction,
                    npc,
                });
            }
        };
        let r = &self.resolver;
        match fact {
            FactKind::Killed { enemy, target, npc } => {
                push(
                    self.lookup(player, KeyTag::Kill, enemy.as_str()),
                    1,
                    None,
                    None,
                    None,
                );
                if let Some((species, faction)) = r.enemies.get(enemy.as_str()) {
                    push(
                        self.lookup(player, KeyTag::KillSpecies, species),
                        1,
                        None,
                        None,
                        None,
                    );
                    if let Some(f) = faction {
                        push(
                            self.lookup(player, KeyTag::KillFaction, f),
                            1,
                            None,
                            None,
                            None,
                        );
                    }
                }
                if let Some(t) = target {
                    push(
                        self.lookup(player, KeyTag::KillTarget, t.as_str()),
                        1,
                        None,
                        None,
                        None,
                    );
                }
                if let Some(n) = npc {
                    push(
                        self.lookup(player, KeyTag::KillNpc, n.as_str()),
                        1,
                        None,
                        None,
                        None,
                    );
                }
            }
            FactKind::Collected { item, amount } => {
                push(
                    self.lookup(player, KeyTag::Item, item.as_str()),
                    *amount,
                    None,
                    None,
                    None,
                );
            }
            FactKind::Delivered { item, amount, to } => {
                let place = to.place.as_ref().map(|p| p.as_str());
                let npc = to.npc.as_ref().map(|n| n.as_str());
                let faction = place
                    .and_then(|p| r.places.get(p))
                    .and_then(|(_, f)| f.as_deref())
                    .or_else(|| {
                        npc.and_then(|n| r.npcs.get(n))
                            .and_then(|(_, f)| f.as_deref())
                    });
                push(
                    self.lookup(player, KeyTag::Deliver, item.as_str()),
                    *amount,
                    place,
                    faction,
                    npc,
                );
            }
            FactKind::Entered { place } | FactKind::Scanned { place } => {
                let (exact, kinded) = if matches!(fact, FactKind::Entered { .. }) {
                    (KeyTag::Enter, KeyTag::EnterKind)
                } else {
                    (KeyTag::Scan, KeyTag::ScanKind)
                };
                let p = Some(place.as_str());
                push(self.lookup(player, exact, place.as_str()), 1, p, None, None);
                if let Some((kind, _)) = r.places.get(place.as_str()) {
                    push(self.lookup(player, kinded, kind), 1, p, None, None);
                }
            }
            FactKind::NpcFound { npc } => {
                push(
                    self.lookup(player, KeyTag::FindNpc, npc.as_str()),
                    1,
                    None,
                    None,
                    None,
                );
            }
            FactKind::NpcRecruited { npc } => {
                push(
                    self.lookup(player, KeyTag::Recruit, npc.as_str()),
                    1,
                    None,
                    None,
                    None,
                );
                if let Some((class, _)) = r.npcs.get(npc.as_str()) {
                    push(
                        self.lookup(player, KeyTag::RecruitClass, class),
                        1,
                        None,
                        None,
                        None,
                    );
                }
            }
            FactKind::MonsterFound { enemy } => {
                push(
                    self.lookup(player, KeyTag::FindMonster, enemy.as_str()),
                    1,
                    None,
                    None,
                    None,
                );
            }
            FactKind::Interacted { object } => {
                push(
                    self.lookup(player, KeyTag::Interact, object.as_str()),
                    1,
                    None,
                    None,
                    None,
                );
            }
            FactKind::Counter { counter, amount } => {
                push(
                    self.lookup(player, KeyTag::Counter, counter.as_str()),
                    *amount,
                    None,
                    None,
                    None,
                );
            }
            FactKind::TargetArrived { target, place } => {
                let p = Some(place.as_str());
                push(
                    self.lookup(player, KeyTag::TargetArrived, target.as_str()),
                    1,
                    p,
                    None,
                    None,
                );
            }
            FactKind::TargetDestroyed { target } => {
                push(
                    self.lookup(player, KeyTag::TargetLost, target.as_str()),
                    1,
                    None,
                    None,
                    None,
                );
            }
            FactKind::NpcDied { npc } => {
                push(
                    self.lookup(Entity::PLACEHOLDER, KeyTag::NpcDied, npc.as_str()),
                    1,
                    None,
                    None,
                    None,
                );
            }
        }
    }

    /// Routes hit when a player completes a mission (subquests).
    pub fn completion_hits(&self, player: Entity, mission: &MissionId) -> &[Route] {
        self.lookup(player, KeyTag::Completed, mission.as_str())
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
