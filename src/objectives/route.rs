//! What a route is: one objective (or fail condition) of one attempt waiting on one kind of fact
//! about one id, with the check a matching fact must pass. The index keeps them.

use bevy::prelude::Entity;

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

/// The keys an objective listens on, with the check each needs.
pub(super) fn objective_keys(goal: &ObjectiveKind) -> Vec<(KeyTag, &str, RouteCheck)> {
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
