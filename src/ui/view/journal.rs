//! The journal's view model: the local player's active missions by display group, each with its
//! objectives, timers and deadlines; and the finished ones with their checkpoint logs.

use bevy::prelude::*;

use crate::catalog::{MissionCatalog, MissionDef};
use crate::ids::{FactionId, MissionId};
use crate::lifecycle::{GeneratedMissions, MissionAcceptance};
use crate::model::objective::ObjectiveDef;
use crate::model::player::MissionJournal;
use crate::model::progress::ObjectiveProgress;
use crate::model::status::MissionStatus;

/// The group missions without a `display_group` are listed under.
pub const DEFAULT_GROUP: &str = "Missions";

/// One objective as the journal and HUD show it.
#[derive(Clone, Debug, PartialEq, Reflect)]
pub struct ObjectiveRow {
    /// The objective's text, or its verb and ids when it has none.
    pub text: String,
    /// Progress so far.
    pub count: u32,
    /// Progress needed.
    pub target: u32,
    /// Done.
    pub done: bool,
    /// Not needed to complete the mission.
    pub optional: bool,
    /// Places already counted, for objectives that need distinct places (the checklist).
    pub checked: Vec<String>,
    /// Game time its timer ends (survive and defend windows).
    pub ends_at: Option<f64>,
    /// It can progress now (sequential missions progress one objective at a time).
    pub current: bool,
}

/// One active mission in the journal.
#[derive(Clone, Debug, PartialEq, Reflect)]
pub struct JournalRow {
    /// The mission.
    pub mission: MissionId,
    /// Its name.
    pub title: String,
    /// The inquire line (what the giver says when asked how it goes).
    pub inquire: String,
    /// Shown on the HUD.
    pub tracked: bool,
    /// Removed from the catalog by an update; frozen until it returns.
    pub withdrawn: bool,
    /// Share of the required objectives done, 0 to 1.
    pub fraction: f32,
    /// The objectives, hidden ones left out until they progress.
    pub objectives: Vec<ObjectiveRow>,
    /// Game time the attempt fails.
    pub deadline: Option<f64>,
    /// Game time the contract expires.
    pub expires_at: Option<f64>,
    /// Game time a contract waiting at the hub expires unless its run starts.
    pub launch_by: Option<f64>,
    /// Reputation lost by abandoning, and with whom.
    pub abandon_cost: Option<(FactionId, i32)>,
}

/// A display group of active missions.
#[derive(Clone, Debug, PartialEq, Reflect)]
pub struct JournalGroup {
    /// The group's name.
    pub name: String,
    /// Its missions, by name.
    pub missions: Vec<JournalRow>,
}

/// One finished attempt.
#[derive(Clone, Debug, PartialEq, Reflect)]
pub struct FinishedRow {
    /// The mission.
    pub mission: MissionId,
    /// Its name.
    pub title: String,
    /// Completed, failed, expired or abandoned.
    pub status: MissionStatus,
    /// Game time it ended.
    pub ended_at: f64,
    /// The checkpoint log, one line per step.
    pub log: Vec<String>,
}

/// The local player's journal.
#[derive(Resource, Clone, Debug, Default, PartialEq, Reflect)]
#[reflect(Resource)]
pub struct JournalView {
    /// Active missions by display group, groups by name.
    pub groups: Vec<JournalGroup>,
    /// Finished attempts, newest first.
    pub finished: Vec<FinishedRow>,
}

impl JournalView {
    /// Active missions in display order (the order keyboard focus moves in).
    pub fn rows(&self) -> impl Iterator<Item = &JournalRow> {
        self.groups.iter().flat_map(|g| g.missions.iter())
    }

    /// Builds the journal of `player` from its acceptances and its finished attempts.
    pub fn build<'a>(
        catalog: &MissionCatalog,
        generated: &GeneratedMissions,
        player: Entity,
        acceptances: impl Iterator<Item = &'a MissionAcceptance>,
        journal: Option<&MissionJournal>,
    ) -> Self {
        let def = |id: &MissionId| generated.lookup(catalog, id.as_str());
        let penalty = catalog.rules().reputation.abandon_penalty;
        let mut groups: Vec<JournalGroup> = Vec::new();
        for acc in acceptances.filter(|a| a.holders.contains(&player) && !a.status.is_terminal()) {
            let d = def(&acc.mission);
            if d.is_some_and(|d| !d.visible) {
                continue;
            }
            let row = active_row(acc, d, penalty);
            let group = d
                .and_then(|d| d.display_group.clone())
                .unwrap_or_else(|| DEFAULT_GROUP.to_owned());
            match groups.iter_mut().find(|g| g.name == group) {
                Some(g) => g.missions.push(row),
                None => groups.push(JournalGroup {
                    name: group,
                    missions: vec![row],
                }),
            }
        }
        groups.sort_by(|a, b| a.name.cmp(&b.name));
        for g in &mut groups {
            g.missions.sort_by(|a, b| a.title.cmp(&b.title));
        }
        let finished = journal
            .map(|j| {
                j.0.iter()
                    .rev()
                    .filter(|e| def(&e.mission).is_none_or(|d| d.visible))
                    .map(|e| {
                        let d = def(&e.mission);
                        FinishedRow {
                            mission: e.mission.clone(),
                            title: d.map_or_else(|| e.mission.to_string(), |d| d.name.clone()),
                            status: e.status,
                            ended_at: e.ended_at,
                            log: e
                                .checkpoints
                                .iter()
                                .map(|(at, objective, amount, by)| {
                                    let what = d
                                        .and_then(|d| d.objectives.get(usize::from(*objective)))
                                        .map_or_else(
                                            || format!("objective {objective}"),
                                            objective_text,
                                        );
                                    format!("{at:.0}s  {what} +{amount} ({by})")
                                })
                                .collect(),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        JournalView { groups, finished }
    }
}

fn active_row(acc: &MissionAcceptance, def: Option<&MissionDef>, penalty: i32) -> JournalRow {
    let order = def.map(|d| d.order).unwrap_or_default();
    let objectives = acc
        .progress
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let od = def.and_then(|d| d.objectives.get(i));
            if od.is_some_and(|o| o.hidden) && p.count == 0 && !p.done {
                return None;
            }
            Some(objective_row(p, od, acc.is_current(i, order)))
        })
        .collect();
    JournalRow {
        mission: acc.mission.clone(),
        title: def.map_or_else(|| acc.mission.to_string(), |d| d.name.clone()),
        inquire: def.map(|d| d.dialogue.inquire.clone()).unwrap_or_default(),
        tracked: acc.tracked,
        withdrawn: acc.withdrawn,
        fraction: acc.fraction(),
        objectives,
        deadline: acc.deadline,
        expires_at: acc.expires_at,
        launch_by: acc.launch_by(),
        abandon_cost: def
            .and_then(|d| d.issuer.clone())
            .filter(|_| penalty != 0)
            .map(|f| (f, penalty)),
    }
}

/// One objective's row from its progress and definition.
pub fn objective_row(
    p: &ObjectiveProgress,
    def: Option<&ObjectiveDef>,
    current: bool,
) -> ObjectiveRow {
    ObjectiveRow {
        text: def.map_or_else(|| p.key.to_string(), objective_text),
        count: p.count,
        target: p.target,
        done: p.done,
        optional: p.optional,
        checked: p.seen.clone(),
        ends_at: p.ends_at,
        current,
    }
}

/// The objective's text, or its verb and what it names ("Kill (SWARMER)").
pub fn objective_text(def: &ObjectiveDef) -> String {
    if def.text.is_empty() {
        let identity = def.goal.identity();
        let names = identity
            .split_once('(')
            .map_or("", |(_, rest)| rest.trim_end_matches(')'));
        format!("{} {}", def.goal.verb(), names.replace(',', ", "))
    } else {
        def.text.clone()
    }
}
