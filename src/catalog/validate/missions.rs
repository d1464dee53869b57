//! One mission: its references, objectives, fail conditions, timing and gates.

use super::ids::Ids;
use super::report::{RefCheck, Report};
use super::world::{check_effects, positive};
use crate::catalog::error::CatalogErrorKind;
use crate::model::effect::Effect;
use crate::model::mission::{FailCondition, MissionDef, MissionType, Trigger};
use crate::model::objective::{DeliveryTarget, ObjectiveKind};
use crate::model::rules::GameRules;
use crate::model::tuning::greater;

/// Most objectives (and, separately, fail conditions) one mission may have.
pub(crate) const MAX_PER_MISSION: usize = u16::MAX as usize;

/// Checks one mission.
pub(super) fn check_mission<'a>(
    report: &mut Report<'a>,
    ids: &Ids<'a>,
    rules: &GameRules,
    file: usize,
    m: &'a MissionDef,
) {
    let mut c = RefCheck::of(report, file, "mission", m.id.as_str());
    check_references(&mut c, ids, m);
    check_objectives(&mut c, ids, m);
    c.owner = format!("mission `{}`", m.id);
    check_fail_conditions(&mut c, ids, m);
    check_timing(&mut c, m);
    check_consistency(&mut c, m);
    for why in impossible_gates(ids, rules, m) {
        c.report.at_definition(
            file,
            m.id.as_str(),
            CatalogErrorKind::ImpossibleGate {
                id: m.id.to_string(),
                why,
            },
        );
    }
}

/// Ids the mission names outside its objectives: issuer, giver, gates, rewards, follow-ups and
/// effects.
fn check_references<'a>(c: &mut RefCheck<'_, 'a>, ids: &Ids<'a>, m: &'a MissionDef) {
    for f in m.issuer.iter().chain(&m.target_faction) {
        c.check(&ids.factions, "faction", f.as_str());
    }
    if let Some(n) = &m.giver {
        c.check(&ids.npcs, "npc", n.as_str());
    }
    for t in &m.gates.required_traits {
        c.check(&ids.traits, "trait", t.as_str());
    }
    for p in &m.gates.prerequisites {
        c.check(&ids.missions, "mission", p.mission.as_str());
        if p.amount == 0 {
            c.invalid(format!("prerequisite `{}` has amount 0", p.mission));
        }
    }
    for stack in m.gates.required_items.iter().chain(&m.rewards.items) {
        c.check(&ids.items, "item", stack.item.as_str());
        if stack.count == 0 {
            c.invalid(format!("item `{}` has count 0", stack.item));
        }
    }
    if let Some(f) = &m.gates.faction_only {
        c.check(&ids.factions, "faction", f.as_str());
    }
    for place in &m.rewards.reveals {
        c.check(&ids.places, "place", place.as_str());
    }
    for stack in m.penalty.iter().flat_map(|p| &p.items) {
        c.check(&ids.items, "item", stack.item.as_str());
    }
    for f in &m.follow_ups {
        c.check(&ids.missions, "mission", f.mission.as_str());
        if f.mission == m.id {
            c.invalid("a mission cannot be its own follow-up; use `repeatable` instead");
        }
    }
    if let Some(item) = &m.triggered_by_item {
        c.check(&ids.items, "item", item.as_str());
    }
    for gate in &m.gates.variables {
        c.check(&ids.variables, "variable", gate.variable.as_str());
    }
    match &m.trigger {
        Some(Trigger::VariableReaches { variable, .. }) => {
            c.check(&ids.variables, "variable", variable.as_str())
        }
        Some(Trigger::AtTime { at }) if !(at.is_finite() && *at >= 0.0) => c.invalid(format!(
            "trigger time must be a finite game time, found {at}"
        )),
        Some(Trigger::AfterMission { mission, seconds }) => {
            c.check(&ids.missions, "mission", mission.as_str());
            if !(seconds.is_finite() && *seconds >= 0.0) {
                c.invalid(format!(
                    "trigger delay must not be negative, found {seconds}"
                ));
            }
        }
        _ => {}
    }
    for list in effect_lists(m) {
        check_effects(c, ids, list);
    }
}

/// The mission's four effect lists.
fn effect_lists(m: &MissionDef) -> [&Vec<Effect>; 4] {
    [
        &m.effects.on_start,
        &m.effects.on_success,
        &m.effects.on_failure,
        &m.effects.on_abandon,
    ]
}

/// Named targets (kill, escort, defend, destroyed) must be spawned by one of the mission's own
/// `SpawnTarget` effects.
fn check_target(c: &mut RefCheck<'_, '_>, m: &MissionDef, target: &str) {
    let declared = effect_lists(m)
        .into_iter()
        .flatten()
        .any(|e| matches!(e, Effect::SpawnTarget { target: t, .. } if t.as_str() == target));
    if !declared {
        c.invalid(format!(
            "target `{target}` is not spawned by any `SpawnTarget` effect of this mission"
        ));
    }
}

fn check_objectives<'a>(c: &mut RefCheck<'_, 'a>, ids: &Ids<'a>, m: &'a MissionDef) {
    if m.objectives.is_empty() && !m.turn_in {
        c.invalid("a mission needs at least one objective (or `turn_in: true`)");
    }
    if !m.objectives.is_empty() && m.objectives.iter().all(|o| o.optional) {
        c.invalid("every objective is optional, so the mission would complete at once");
    }
    // Progress and routes name objectives and fail conditions by a 16-bit index.
    for (what, n) in [
        ("objectives", m.objectives.len()),
        ("fail conditions", m.fail_when.len()),
    ] {
        if n > MAX_PER_MISSION {
            c.invalid(format!(
                "{n} {what}: a mission holds at most {MAX_PER_MISSION}"
            ));
        }
    }
    let mut keys = std::collections::HashSet::new();
    for key in m.objectives.iter().map(|o| o.key()) {
        if !keys.insert(key.clone()) {
            c.invalid(format!(
                "two objectives share the key `{key}` (progress follows it); give one a `key`"
            ));
        }
    }
    let mut conditions = std::collections::HashSet::new();
    for key in m.fail_when.iter().map(|f| f.identity()) {
        if !conditions.insert(key.clone()) {
            c.invalid(format!("the fail condition `{key}` is listed twice"));
        }
    }
    for (i, objective) in m.objectives.iter().enumerate() {
        c.owner = format!("mission `{}` objective {}", m.id, i + 1);
        if objective.goal.target_count() == 0 {
            c.invalid("count must be at least 1");
        }
        check_goal(c, ids, m, &objective.goal);
    }
}

/// The ids and numbers one objective's goal names.
fn check_goal<'a>(c: &mut RefCheck<'_, 'a>, ids: &Ids<'a>, m: &MissionDef, goal: &ObjectiveKind) {
    match goal {
        ObjectiveKind::GoTo { place } | ObjectiveKind::Scan { place } => {
            c.check(&ids.places, "place", place.as_str())
        }
        ObjectiveKind::GoToKind { kind, .. } | ObjectiveKind::ScanKind { kind, .. } => {
            c.check(&ids.place_kinds, "place kind", kind.as_str())
        }
        ObjectiveKind::Interact { object } => c.check(&ids.objects, "object", object.as_str()),
        ObjectiveKind::FindItem { item, .. } => c.check(&ids.items, "item", item.as_str()),
        ObjectiveKind::FindAnyItem { items, .. } => {
            if items.is_empty() {
                c.invalid("FindAnyItem needs at least one item");
            }
            for item in items {
                c.check(&ids.items, "item", item.as_str());
            }
        }
        ObjectiveKind::Deliver { item, to, .. } => {
            c.check(&ids.items, "item", item.as_str());
            match to {
                DeliveryTarget::Place(p) => c.check(&ids.places, "place", p.as_str()),
                DeliveryTarget::Faction(f) => c.check(&ids.factions, "faction", f.as_str()),
                DeliveryTarget::Npc(n) => c.check(&ids.npcs, "npc", n.as_str()),
            }
        }
        ObjectiveKind::FindMonster { enemy } => {
            c.check(&ids.enemies, "enemy", enemy.as_str());
            if let Some((_, e)) = ids.enemies.get(enemy.as_str())
                && !e.friendly
            {
                c.invalid(format!(
                    "FindMonster needs a friendly enemy type; `{enemy}` is not `friendly`"
                ));
            }
        }
        ObjectiveKind::FindNpc { npc }
        | ObjectiveKind::RecruitNpc { npc }
        | ObjectiveKind::Assassinate { npc } => c.check(&ids.npcs, "npc", npc.as_str()),
        ObjectiveKind::RecruitNpcClass { class, .. } => {
            c.check(&ids.npc_classes, "npc class", class.as_str())
        }
        ObjectiveKind::KillTarget { target } => check_target(c, m, target.as_str()),
        ObjectiveKind::KillType { enemy, .. } => c.check(&ids.enemies, "enemy", enemy.as_str()),
        ObjectiveKind::KillSpecies { species, .. } => {
            c.check(&ids.species, "species", species.as_str())
        }
        ObjectiveKind::KillFaction { faction, .. } => {
            c.check(&ids.factions, "faction", faction.as_str())
        }
        ObjectiveKind::Survive { seconds } => {
            if let Some(s) = seconds {
                positive(c, "Survive seconds", *s);
            }
        }
        ObjectiveKind::Escort { target, to } => {
            check_target(c, m, target.as_str());
            c.check(&ids.places, "place", to.as_str());
        }
        ObjectiveKind::Defend { target, seconds } => {
            check_target(c, m, target.as_str());
            positive(c, "Defend seconds", *seconds);
        }
        ObjectiveKind::Subquest { mission, .. } => {
            c.check(&ids.missions, "mission", mission.as_str());
            if mission == &m.id {
                c.invalid("a mission cannot be its own subquest");
            }
        }
        ObjectiveKind::Counter { counter, .. } => {
            c.check(&ids.counters, "counter", counter.as_str())
        }
    }
}

fn check_fail_conditions<'a>(c: &mut RefCheck<'_, 'a>, ids: &Ids<'a>, m: &MissionDef) {
    for condition in &m.fail_when {
        match condition {
            FailCondition::CounterReaches { counter, count } => {
                c.check(&ids.counters, "counter", counter.as_str());
                if *count == 0 {
                    c.invalid("CounterReaches count must be at least 1");
                }
            }
            FailCondition::TargetDestroyed { target } => check_target(c, m, target.as_str()),
            FailCondition::NpcDied { npc } => c.check(&ids.npcs, "npc", npc.as_str()),
        }
    }
}

fn check_timing(c: &mut RefCheck<'_, '_>, m: &MissionDef) {
    let timing = &m.timing;
    if let Some(range) = timing.deadline_hours
        && !(range.low > 0.0 && range.low <= range.high && range.high.is_finite())
    {
        c.invalid(format!(
            "deadline_hours must satisfy 0 < low <= high, found low {} high {}",
            range.low, range.high
        ));
    }
    if let Some(secs) = timing.finish_time {
        positive(c, "finish_time", secs);
    }
    if let Some(cooldown) = timing.cooldown
        && !(cooldown >= 0.0 && cooldown.is_finite())
    {
        c.invalid(format!("cooldown must not be negative, found {cooldown}"));
    }
    if let Some(w) = timing.window
        && !greater(w.closes_at, w.opens_at)
    {
        c.invalid(format!(
            "window closes ({}) before it opens ({})",
            w.closes_at, w.opens_at
        ));
    }
}

/// Fields that only make sense together.
fn check_consistency(c: &mut RefCheck<'_, '_>, m: &MissionDef) {
    if m.party.max_size == 0 {
        c.invalid("party.max_size must be at least 1");
    }
    if m.mission_type == MissionType::Diplomatic && m.target_faction.is_none() {
        c.invalid("a Diplomatic mission needs a `target_faction`");
    }
    if m.rewards.target_reputation != 0 && m.target_faction.is_none() {
        c.invalid("rewards.target_reputation needs a `target_faction`");
    }
    if m.target_faction.is_some() && m.target_faction == m.issuer {
        c.invalid("target_faction must differ from the issuer");
    }
}

/// Gates no player can ever pass, each with the reason.
fn impossible_gates(ids: &Ids<'_>, rules: &GameRules, m: &MissionDef) -> Vec<String> {
    let mut impossible = Vec::new();
    let gates = &m.gates;
    let rep = &rules.reputation;
    if gates.min_reputation > rep.max {
        impossible.push(format!(
            "min_reputation {} is above the highest standing {}",
            gates.min_reputation, rep.max
        ));
    }
    if m.issuer.is_none() && gates.min_reputation > crate::model::defaults::min_reputation() {
        impossible.push(format!(
            "min_reputation {} needs an `issuer` to be checked against",
            gates.min_reputation
        ));
    }
    if gates.min_level > rules.max_level {
        impossible.push(format!(
            "min_level {} is above the highest level {}",
            gates.min_level, rules.max_level
        ));
    }
    if gates.faction_only.is_some() && rep.allied_at > rep.max {
        impossible
            .push("faction_only needs an alliance standing above the highest standing".into());
    }
    for p in &gates.prerequisites {
        if let Some((_, pre)) = ids.missions.get(p.mission.as_str())
            && pre.repeatable != 0
            && p.amount > pre.repeatable
        {
            impossible.push(format!(
                "needs `{}` completed {} times but it can be completed only {} times",
                p.mission, p.amount, pre.repeatable
            ));
        }
    }
    if let (Some(expires), Some(window)) = (m.timing.expires_at, m.timing.window)
        && expires <= window.opens_at
    {
        impossible.push(format!(
            "it expires at {expires} before its window opens at {}",
            window.opens_at
        ));
    }
    impossible
}
