//! Checks over the mission graph: prerequisite and subquest cycles, and missions no player can
//! ever reach.

use std::collections::{HashMap, HashSet};

use super::ids::Ids;
use super::report::LoadedSource;
use super::report::Report;
use crate::catalog::error::CatalogErrorKind;
use crate::model::effect::Effect;
use crate::model::mission::{MissionDef, Origin};
use crate::model::objective::ObjectiveKind;

/// Missions that must be completed before this one can be accepted.
fn prerequisites(m: &MissionDef) -> impl Iterator<Item = &str> {
    m.gates.prerequisites.iter().map(|p| p.mission.as_str())
}

/// Missions this one depends on: prerequisites and subquests (a cycle among them can never end).
fn requirements(m: &MissionDef) -> impl Iterator<Item = &str> {
    prerequisites(m).chain(m.objectives.iter().filter_map(|o| match &o.goal {
        ObjectiveKind::Subquest { mission, .. } => Some(mission.as_str()),
        _ => None,
    }))
}

pub(super) fn check_cycles(report: &mut Report<'_>, ids: &Ids<'_>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = HashMap::with_capacity(ids.missions.len());
    let mut names: Vec<&str> = ids.missions.keys().copied().collect();
    names.sort_unstable();
    for &root in &names {
        if marks.contains_key(root) {
            continue;
        }
        // Iterative DFS: a stack of (mission, its requirements still to visit).
        let mut path: Vec<&str> = vec![root];
        let mut stack: Vec<Vec<&str>> = vec![reqs_of(ids, root)];
        marks.insert(root, Mark::Open);
        while let Some(todo) = stack.last_mut() {
            let Some(next) = todo.pop() else {
                stack.pop();
                if let Some(done) = path.pop() {
                    marks.insert(done, Mark::Done);
                }
                continue;
            };
            match marks.get(next) {
                Some(Mark::Done) => {}
                Some(Mark::Open) => {
                    let start = path.iter().position(|p| *p == next).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        path[start..].iter().map(|s| s.to_string()).collect();
                    cycle.push(next.to_string());
                    if let Some((file, _)) = ids.missions.get(next) {
                        report.at_definition(
                            *file,
                            next,
                            CatalogErrorKind::PrerequisiteCycle { cycle },
                        );
                    }
                }
                None => {
                    marks.insert(next, Mark::Open);
                    path.push(next);
                    stack.push(reqs_of(ids, next));
                }
            }
        }
    }
}

fn reqs_of<'a>(ids: &Ids<'a>, id: &str) -> Vec<&'a str> {
    ids.missions
        .get(id)
        .map(|(_, m)| {
            requirements(m)
                .filter(|r| ids.missions.contains_key(r))
                .collect()
        })
        .unwrap_or_default()
}

/// Missions no player can ever reach: not offered by any origin, posting, daily slot, auto-start
/// or item, nor led to by a reachable mission; or waiting on a prerequisite that can never be
/// completed.
pub(super) fn check_reachability(report: &mut Report<'_>, ids: &Ids<'_>, files: &[LoadedSource]) {
    let mut reach = Reach::new(ids, files);
    reach.propagate(ids);
    let mut unreachable: Vec<(&str, usize, &MissionDef)> = ids
        .missions
        .iter()
        .filter(|(id, (_, m))| m.active && !reach.reached.contains(*id))
        .map(|(id, (file, m))| (*id, *file, *m))
        .collect();
    unreachable.sort_unstable_by_key(|(id, _, _)| *id);
    for (id, file, m) in unreachable {
        let why = if !reach.entry[id] {
            "it is only offered as a follow-up (origins: [Secondary]) but no reachable mission leads to it".to_owned()
        } else if let Some(blocker) = prerequisites(m).find(|r| !reach.reached.contains(r)) {
            format!("it needs `{blocker}` completed, which can never happen")
        } else {
            "no active mission leads to it".to_owned()
        };
        report.at_definition(
            file,
            id,
            CatalogErrorKind::Unreachable {
                id: id.to_owned(),
                why,
            },
        );
    }
}

/// The search for reachable missions.
struct Reach<'a> {
    /// Whether a player can be offered the mission (directly, or led to it).
    entry: HashMap<&'a str, bool>,
    /// Prerequisites not reached yet.
    unmet: HashMap<&'a str, usize>,
    /// Missions waiting on each mission as a prerequisite.
    dependents: HashMap<&'a str, Vec<&'a str>>,
    /// Missions a player can reach and complete.
    reached: HashSet<&'a str>,
}

impl<'a> Reach<'a> {
    fn new(ids: &Ids<'a>, files: &'a [LoadedSource]) -> Self {
        let n = ids.missions.len();
        let mut reach = Reach {
            entry: HashMap::with_capacity(n),
            unmet: HashMap::with_capacity(n),
            dependents: HashMap::new(),
            reached: HashSet::with_capacity(n),
        };
        let mut listed: HashSet<&str> = HashSet::new();
        for loaded in files {
            listed.extend(loaded.source.postings.iter().map(|p| p.mission.as_str()));
            for pool in loaded.source.daily.iter().flat_map(|d| &d.slots) {
                listed.extend(pool.missions.iter().map(|m| m.as_str()));
            }
        }
        for (&id, (_, m)) in &ids.missions {
            let offered = m.origins.iter().any(|o| *o != Origin::Secondary)
                || m.auto_start
                || m.trigger.is_some()
                || m.triggered_by_item.is_some()
                || listed.contains(id);
            reach.entry.insert(id, offered);
            let mut reqs: Vec<&str> = prerequisites(m)
                .filter(|r| ids.missions.contains_key(r))
                .collect();
            reqs.sort_unstable();
            reqs.dedup();
            reach.unmet.insert(id, reqs.len());
            for r in reqs {
                reach.dependents.entry(r).or_default().push(id);
            }
        }
        reach
    }

    /// Active, offered and with every prerequisite reached.
    fn ready(&self, ids: &Ids<'_>, x: &str) -> bool {
        ids.missions.get(x).is_some_and(|(_, d)| d.active)
            && self.entry.get(x).copied().unwrap_or(false)
            && self.unmet.get(x).copied() == Some(0)
            && !self.reached.contains(x)
    }

    /// Walks from every mission a player can start, through follow-ups, `StartMission` effects
    /// and prerequisites met.
    fn propagate(&mut self, ids: &Ids<'a>) {
        let mut queue: Vec<&str> = ids
            .missions
            .iter()
            .filter(|(id, (_, m))| m.active && self.entry[*id] && self.unmet[*id] == 0)
            .map(|(id, _)| *id)
            .collect();
        while let Some(id) = queue.pop() {
            if !self.reached.insert(id) {
                continue;
            }
            let Some((_, m)) = ids.missions.get(id) else {
                continue;
            };
            for next in leads_to(m) {
                if let Some(e) = self.entry.get_mut(next) {
                    *e = true;
                }
                if self.ready(ids, next) {
                    queue.push(next);
                }
            }
            let dependents = self.dependents.get(id).cloned().unwrap_or_default();
            for d in dependents {
                if let Some(u) = self.unmet.get_mut(d) {
                    *u = u.saturating_sub(1);
                }
                if self.ready(ids, d) {
                    queue.push(d);
                }
            }
        }
    }
}

/// Missions a mission offers or starts: follow-ups and `StartMission` effects.
fn leads_to(m: &MissionDef) -> impl Iterator<Item = &str> {
    m.follow_ups.iter().map(|f| f.mission.as_str()).chain(
        [
            &m.effects.on_start,
            &m.effects.on_success,
            &m.effects.on_failure,
            &m.effects.on_abandon,
        ]
        .into_iter()
        .flatten()
        .filter_map(|e| match e {
            Effect::StartMission { mission, .. } => Some(mission.as_str()),
            _ => None,
        }),
    )
}
