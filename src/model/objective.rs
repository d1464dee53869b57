//! Objective definitions: every goal a mission can ask, fully definable in data.

use bevy::reflect::Reflect;
use serde::{Deserialize, Serialize};

use super::defaults;
use crate::ids::*;

/// Where a delivery must arrive.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Reflect)]
pub enum DeliveryTarget {
    /// A place.
    Place(PlaceId),
    /// Any place controlled by a faction (diplomatic courier packages).
    Faction(FactionId),
    /// An NPC in person.
    Npc(NpcId),
}

/// What an objective asks for. Each kind names the fact that advances it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[non_exhaustive]
pub enum ObjectiveKind {
    /// Reach a specific place.
    GoTo {
        /// The place.
        place: PlaceId,
    },
    /// Reach any place of a kind; with `count`, visit that many distinct
    /// ones.
    GoToKind {
        /// The kind of place.
        kind: PlaceKindId,
        /// Distinct places to visit (default 1).
        #[serde(default = "defaults::one_u32")]
        count: u32,
    },
    /// Visit and scan a place.
    Scan {
        /// The place.
        place: PlaceId,
    },
    /// Scan N distinct places of a kind.
    ScanKind {
        /// The kind of place.
        kind: PlaceKindId,
        /// Distinct places to scan (default 1).
        #[serde(default = "defaults::one_u32")]
        count: u32,
    },
    /// Activate the correct object.
    Interact {
        /// The object.
        object: ObjectId,
    },
    /// Find one or more items of a type.
    FindItem {
        /// The item.
        item: ItemId,
        /// How many (default 1).
        #[serde(default = "defaults::one_u32")]
        count: u32,
    },
    /// Find items of any of several types.
    FindAnyItem {
        /// Items that count.
        items: Vec<ItemId>,
        /// How many in total (default 1).
        #[serde(default = "defaults::one_u32")]
        count: u32,
    },
    /// Deliver N of an item somewhere.
    Deliver {
        /// The item.
        item: ItemId,
        /// How many.
        #[serde(default = "defaults::one_u32")]
        count: u32,
        /// Where.
        to: DeliveryTarget,
    },
    /// Find and retrieve a friendly monster.
    FindMonster {
        /// The enemy type (must be `friendly`).
        enemy: EnemyTypeId,
    },
    /// Find a specific NPC.
    FindNpc {
        /// The NPC.
        npc: NpcId,
    },
    /// Recruit a specific NPC.
    RecruitNpc {
        /// The NPC.
        npc: NpcId,
    },
    /// Recruit NPCs of a class.
    RecruitNpcClass {
        /// The class.
        class: NpcClassId,
        /// How many (default 1).
        #[serde(default = "defaults::one_u32")]
        count: u32,
    },
    /// Kill a specific NPC.
    Assassinate {
        /// The NPC.
        npc: NpcId,
    },
    /// Kill one named target spawned by this mission.
    KillTarget {
        /// The target, declared by a `SpawnTarget` effect of the same mission.
        target: TargetId,
    },
    /// Kill N of an enemy type.
    KillType {
        /// The enemy type.
        enemy: EnemyTypeId,
        /// Kills above the count at accept.
        count: u32,
    },
    /// Kill N of a species.
    KillSpecies {
        /// The species.
        species: SpeciesId,
        /// Kills needed.
        count: u32,
    },
    /// Kill N enemies fighting for a faction.
    KillFaction {
        /// The faction.
        faction: FactionId,
        /// Kills needed.
        count: u32,
    },
    /// Stay alive until a timer runs out. Without
    /// `seconds` the run's extraction timer is used.
    Survive {
        /// Seconds to survive, or none for the run's extraction timer.
        #[serde(default)]
        seconds: Option<f64>,
    },
    /// Bring a target safely to a place; fails if it is destroyed.
    Escort {
        /// The escorted target, declared by a `SpawnTarget` effect.
        target: TargetId,
        /// Where it must arrive.
        to: PlaceId,
    },
    /// Keep a target alive for a time; fails if it is destroyed.
    Defend {
        /// The defended target, declared by a `SpawnTarget` effect.
        target: TargetId,
        /// Seconds to hold.
        seconds: f64,
    },
    /// Complete another mission N times.
    Subquest {
        /// The sub-mission.
        mission: MissionId,
        /// Completions needed (default 1).
        #[serde(default = "defaults::one_u32")]
        count: u32,
    },
    /// Count N increments of a named counter (daily quests: trades, messages, fleet actions).
    Counter {
        /// The counter.
        counter: CounterId,
        /// How many (default 1).
        count: u32,
    },
}

impl ObjectiveKind {
    /// The goal's kind and what it names, without its count or seconds: `GoTo(DOCK)`,
    /// `KillType(SWARMER)`, `Deliver(ORE,Place(DEPOT))`.
    pub fn identity(&self) -> String {
        let ids: Vec<&str> = match self {
            ObjectiveKind::GoTo { place } | ObjectiveKind::Scan { place } => vec![place.as_str()],
            ObjectiveKind::GoToKind { kind, .. } | ObjectiveKind::ScanKind { kind, .. } => {
                vec![kind.as_str()]
            }
            ObjectiveKind::Interact { object } => vec![object.as_str()],
            ObjectiveKind::FindItem { item, .. } => vec![item.as_str()],
            ObjectiveKind::FindAnyItem { items, .. } => items.iter().map(|i| i.as_str()).collect(),
            ObjectiveKind::Deliver { item, to, .. } => {
                let to = match to {
                    DeliveryTarget::Place(p) => p.as_str(),
                    DeliveryTarget::Faction(f) => f.as_str(),
                    DeliveryTarget::Npc(n) => n.as_str(),
                };
                vec![item.as_str(), to]
            }
            ObjectiveKind::FindMonster { enemy } | ObjectiveKind::KillType { enemy, .. } => {
                vec![enemy.as_str()]
            }
            ObjectiveKind::FindNpc { npc }
            | ObjectiveKind::RecruitNpc { npc }
            | ObjectiveKind::Assassinate { npc } => vec![npc.as_str()],
            ObjectiveKind::RecruitNpcClass { class, .. } => vec![class.as_str()],
            ObjectiveKind::KillTarget { target } | ObjectiveKind::Defend { target, .. } => {
                vec![target.as_str()]
            }
            ObjectiveKind::KillSpecies { species, .. } => vec![species.as_str()],
            ObjectiveKind::KillFaction { faction, .. } => vec![faction.as_str()],
            ObjectiveKind::Survive { .. } => Vec::new(),
            ObjectiveKind::Escort { target, to } => vec![target.as_str(), to.as_str()],
            ObjectiveKind::Subquest { mission, .. } => vec![mission.as_str()],
            ObjectiveKind::Counter { counter, .. } => vec![counter.as_str()],
        };
        format!("{}({})", self.kind_name(), ids.join(","))
    }

    /// The variant's name, as written in RON.
    fn kind_name(&self) -> &'static str {
        match self {
            ObjectiveKind::GoTo { .. } => "GoTo",
            ObjectiveKind::GoToKind { .. } => "GoToKind",
            ObjectiveKind::Scan { .. } => "Scan",
            ObjectiveKind::ScanKind { .. } => "ScanKind",
            ObjectiveKind::Interact { .. } => "Interact",
            ObjectiveKind::FindItem { .. } => "FindItem",
            ObjectiveKind::FindAnyItem { .. } => "FindAnyItem",
            ObjectiveKind::Deliver { .. } => "Deliver",
            ObjectiveKind::FindMonster { .. } => "FindMonster",
            ObjectiveKind::FindNpc { .. } => "FindNpc",
            ObjectiveKind::RecruitNpc { .. } => "RecruitNpc",
            ObjectiveKind::RecruitNpcClass { .. } => "RecruitNpcClass",
            ObjectiveKind::Assassinate { .. } => "Assassinate",
            ObjectiveKind::KillTarget { .. } => "KillTarget",
            ObjectiveKind::KillType { .. } => "KillType",
            ObjectiveKind::KillSpecies { .. } => "KillSpecies",
            ObjectiveKind::KillFaction { .. } => "KillFaction",
            ObjectiveKind::Survive { .. } => "Survive",
            ObjectiveKind::Escort { .. } => "Escort",
            ObjectiveKind::Defend { .. } => "Defend",
            ObjectiveKind::Subquest { .. } => "Subquest",
            ObjectiveKind::Counter { .. } => "Counter",
        }
    }

    /// The amount of progress that completes the objective (1 for single-event goals; timers
    /// count whole seconds).
    pub fn target_count(&self) -> u32 {
        match self {
            ObjectiveKind::GoToKind { count, .. }
            | ObjectiveKind::ScanKind { count, .. }
            | ObjectiveKind::FindItem { count, .. }
            | ObjectiveKind::FindAnyItem { count, .. }
            | ObjectiveKind::Deliver { count, .. }
            | ObjectiveKind::RecruitNpcClass { count, .. }
            | ObjectiveKind::KillType { count, .. }
            | ObjectiveKind::KillSpecies { count, .. }
            | ObjectiveKind::KillFaction { count, .. }
            | ObjectiveKind::Subquest { count, .. }
            | ObjectiveKind::Counter { count, .. } => *count,
            ObjectiveKind::Survive { seconds } => seconds.map_or(1, |s| s.ceil().max(1.0) as u32),
            ObjectiveKind::Defend { seconds, .. } => seconds.ceil().max(1.0) as u32,
            ObjectiveKind::GoTo { .. }
            | ObjectiveKind::Scan { .. }
            | ObjectiveKind::Interact { .. }
            | ObjectiveKind::FindMonster { .. }
            | ObjectiveKind::FindNpc { .. }
            | ObjectiveKind::RecruitNpc { .. }
            | ObjectiveKind::Assassinate { .. }
            | ObjectiveKind::KillTarget { .. }
            | ObjectiveKind::Escort { .. } => 1,
        }
    }

    /// A short verb phrase for journals when the objective has no text of its own.
    pub fn verb(&self) -> &'static str {
        match self {
            ObjectiveKind::GoTo { .. } | ObjectiveKind::GoToKind { .. } => "Reach",
            ObjectiveKind::Scan { .. } | ObjectiveKind::ScanKind { .. } => "Scan",
            ObjectiveKind::Interact { .. } => "Activate",
            ObjectiveKind::FindItem { .. } | ObjectiveKind::FindAnyItem { .. } => "Find",
            ObjectiveKind::Deliver { .. } => "Deliver",
            ObjectiveKind::FindMonster { .. } | ObjectiveKind::FindNpc { .. } => "Find",
            ObjectiveKind::RecruitNpc { .. } | ObjectiveKind::RecruitNpcClass { .. } => "Recruit",
            ObjectiveKind::Assassinate { .. }
            | ObjectiveKind::KillTarget { .. }
            | ObjectiveKind::KillType { .. }
            | ObjectiveKind::KillSpecies { .. }
            | ObjectiveKind::KillFaction { .. } => "Destroy",
            ObjectiveKind::Survive { .. } => "Survive",
            ObjectiveKind::Escort { .. } => "Escort",
            ObjectiveKind::Defend { .. } => "Defend",
            ObjectiveKind::Subquest { .. } => "Complete",
            ObjectiveKind::Counter { .. } => "Do",
        }
    }
}

/// One objective of a mission.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveDef {
    /// What it asks for.
    pub goal: ObjectiveKind,
    /// Text in the journal and HUD ("Scan the derelict beacon").
    #[serde(default)]
    pub text: String,
    /// Optional objectives are not needed to complete the mission.
    #[serde(default)]
    pub optional: bool,
    /// Hidden objectives are not shown until they progress.
    #[serde(default)]
    pub hidden: bool,
    /// What ties progress to this objective across edits and saves. Defaults to the goal's kind
    /// and what it names, not its count (`KillType(SWARMER)`), so reordering objectives or
    /// raising a count keeps each count on its objective; set it when two objectives of a
    /// mission would otherwise share one, or to keep progress when the goal itself changes.
    #[serde(default)]
    pub key: Option<ObjectiveKey>,
}

impl ObjectiveDef {
    /// A required, visible objective with no text.
    pub fn new(goal: ObjectiveKind) -> Self {
        ObjectiveDef {
            goal,
            text: String::new(),
            optional: false,
            hidden: false,
            key: None,
        }
    }

    /// The key progress is matched by: `key` when set, else the goal's identity.
    pub fn key(&self) -> ObjectiveKey {
        self.key
            .clone()
            .unwrap_or_else(|| ObjectiveKey::from(self.goal.identity()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_event_goals_need_one_fact() {
        let goal = ObjectiveKind::GoTo { place: "p".into() };
        assert_eq!(goal.target_count(), 1);
        let goal = ObjectiveKind::KillType {
            enemy: "e".into(),
            count: 7,
        };
        assert_eq!(goal.target_count(), 7);
    }

    #[test]
    fn timers_count_whole_seconds_rounded_up() {
        assert_eq!(
            ObjectiveKind::Survive {
                seconds: Some(90.5)
            }
            .target_count(),
            91
        );
        assert_eq!(ObjectiveKind::Survive { seconds: None }.target_count(), 1);
    }
}
