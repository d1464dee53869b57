//! Validation of a set of parsed catalog files: duplicate ids across files, dangling references,
//! prerequisite cycles, unreachable missions, incomplete tuning tables and impossible gates.
//! Every error is located in its file.

use std::collections::{HashMap, HashSet};

use super::LoadedSource;
use super::error::{CatalogError, CatalogErrorKind};
use super::locate;
use super::mission::{FailCondition, MissionDef, MissionType, Origin};
use super::source::{CatalogSource, nearest_name};
use crate::board::{DailySlot, TemplateKind};
use crate::effects::Effect;
use crate::objectives::{DeliveryTarget, ObjectiveKind};
use crate::rules::GameRules;
use crate::tuning::greater;

type Index<'a, V> = HashMap<&'a str, (usize, V)>;

/// Every id defined anywhere, with the file it came from.
#[derive(Default)]
struct Ids<'a> {
    factions: Index<'a, ()>,
    items: Index<'a, ()>,
    species: Index<'a, ()>,
    enemies: Index<'a, bool>,
    place_kinds: Index<'a, ()>,
    places: Index<'a, ()>,
    planets: Index<'a, ()>,
    npc_classes: Index<'a, ()>,
    npcs: Index<'a, ()>,
    traits: Index<'a, ()>,
    objects: Index<'a, ()>,
    counters: Index<'a, ()>,
    variables: Index<'a, ()>,
    missions: Index<'a, &'a MissionDef>,
    postings: Index<'a, ()>,
    templates: Index<'a, ()>,
}

/// Collects errors and knows how to place them in the files.
struct Report<'a> {
    files: &'a [LoadedSource],
    errors: Vec<CatalogError>,
}

impl<'a> Report<'a> {
    fn at(&mut self, file: usize, offset: Option<usize>, kind: CatalogErrorKind) {
        let Some(f) = self.files.get(file) else {
            return;
        };
        let (line, col) = locate::line_col(&f.text, offset.unwrap_or(0));
        self.errors
            .push(CatalogError::new(&f.path, line, col, kind));
    }

    fn at_definition(&mut self, file: usize, id: &str, kind: CatalogErrorKind) {
        let offset = self
            .files
            .get(file)
            .and_then(|f| locate::definition(&f.text, id));
        self.at(file, offset, kind);
    }

    fn at_reference(&mut self, file: usize, owner: &str, id: &str, kind: CatalogErrorKind) {
        let offset = self.files.get(file).and_then(|f| {
            let from = locate::definition(&f.text, owner).unwrap_or(0);
            locate::reference(&f.text, from, id).or(Some(from))
        });
        self.at(file, offset, kind);
    }

    fn at_section(&mut self, file: usize, section: &str, kind: CatalogErrorKind) {
        let offset = self
            .files
            .get(file)
            .and_then(|f| locate::section(&f.text, section));
        self.at(file, offset, kind);
    }

    fn location_of(&self, file: usize, id: &str) -> String {
        let Some(f) = self.files.get(file) else {
            return String::from("?");
        };
        let (line, col) = locate::line_col(&f.text, locate::definition(&f.text, id).unwrap_or(0));
        format!("{}:{line}:{col}", f.path)
    }

    fn section_location(&self, file: usize, section: &str) -> String {
        let Some(f) = self.files.get(file) else {
            return String::from("?");
        };
        let (line, col) = locate::line_col(&f.text, locate::section(&f.text, section).unwrap_or(0));
        format!("{}:{line}:{col}", f.path)
    }
}

/// Registers ids of one kind, reporting duplicates.
fn register<'a, T, V>(
    report: &mut Report<'a>,
    index: &mut Index<'a, V>,
    what: &'static str,
    file: usize,
    defs: &'a [T],
    id: impl Fn(&'a T) -> &'a str,
    value: impl Fn(&'a T) -> V,
) {
    for def in defs {
        let key = id(def);
        if let Some((first_file, _)) = index.get(key) {
            let first = report.location_of(*first_file, key);
            report.at_definition(
                file,
                key,
                CatalogErrorKind::DuplicateId {
                    what,
                    id: key.to_owned(),
                    first,
                },
            );
        } else {
            index.insert(key, (file, value(def)));
        }
    }
}

/// Checks one reference; `owner_id` is the id of the definition holding it (used to locate it).
struct RefCheck<'r, 'a> {
    report: &'r mut Report<'a>,
    file: usize,
    owner_id: &'a str,
    owner: String,
}

impl<'a> RefCheck<'_, 'a> {
    fn check<V>(&mut self, index: &Index<'a, V>, what: &'static str, id: &str) {
        if index.contains_key(id) {
            return;
        }
        let keys: Vec<&str> = index.keys().copied().collect();
        let suggestion = nearest_name(id, &keys).map(str::to_owned);
        let kind = CatalogErrorKind::Dangling {
            owner: self.owner.clone(),
            what,
            id: id.to_owned(),
            suggestion,
        };
        self.report.at_reference(self.file, self.owner_id, id, kind);
    }

    fn invalid(&mut self, why: impl Into<String>) {
        let kind = CatalogErrorKind::Invalid {
            owner: self.owner.clone(),
            why: why.into(),
        };
        self.report.at_definition(self.file, self.owner_id, kind);
    }
}

/// Validates the files together. Returns every problem found.
pub(crate) fn validate(files: &[LoadedSource]) -> Vec<CatalogError> {
    let mut report = Report {
        files,
        errors: Vec::new(),
    };
    let ids = collect_ids(&mut report, files);
    let rules = single_sections(&mut report, files);

    for (file, loaded) in files.iter().enumerate() {
        check_world(&mut report, &ids, file, &loaded.source);
        for mission in &loaded.source.missions {
            check_mission(&mut report, &ids, &rules, file, mission);
        }
        check_board(&mut report, &ids, file, &loaded.source);
    }
    check_cycles(&mut report, &ids);
    check_reachability(&mut report, &ids, files);
    report.errors
}

fn collect_ids<'a>(report: &mut Report<'a>, files: &'a [LoadedSource]) -> Ids<'a> {
    let mut ids = Ids::default();
    for (file, loaded) in files.iter().enumerate() {
        let s = &loaded.source;
        register(
            report,
            &mut ids.factions,
            "faction",
            file,
            &s.factions,
            |d| d.id.as_str(),
            |_| (),
        );
        register(
            report,
            &mut ids.items,
            "item",
            file,
            &s.items,
            |d| d.id.as_str(),
            |_| (),
        );
        register(
            report,
            &mut ids.species,
            "species",
            file,
            &s.species,
            |d| d.id.as_str(),
            |_| (),
        );
        register(
            report,
            &mut ids.enemies,
            "enemy",
            file,
            &s.enemies,
            |d| d.id.as_str(),
            |d| d.friendly,
        );
        register(
            report,
            &mut ids.place_kinds,
            "place kind",
            file,
            &s.place_kinds,
            |d| d.id.as_str(),
            |_| (),
        );
        register(
            report,
            &mut ids.places,
            "place",
            file,
            &s.places,
            |d| d.id.as_str(),
            |_| (),
        );
        register(
            report,
            &mut ids.planets,
            "planet",
            file,
            &s.planets,
            |d| d.id.as_str(),
            |_| (),
        );
        register(
            report,
            &mut ids.npc_classes,
            "npc class",
            file,
            &s.npc_classes,
            |d| d.id.as_str(),
            |_| (),
        );
        register(
            report,
            &mut ids.npcs,
            "npc",
            file,
            &s.npcs,
            |d| d.id.as_str(),
            |_| (),
        );
        register(
            report,
            &mut ids.traits,
            "trait",
            file,
            &s.traits,
            |d| d.id.as_str(),
            |_| (),
        );
        register(
            report,
            &mut ids.objects,
            "object",
            file,
            &s.objects,
            |d| d.id.as_str(),
            |_| (),
        );
        register(
            report,
            &mut ids.counters,
            "counter",
            file,
            &s.counters,
            |d| d.id.as_str(),
            |_| (),
        );
        register(
            report,
            &mut ids.variables,
            "variable",
            file,
            &s.variables,
            |d| d.id.as_str(),
            |_| (),
        );
        register(
            report,
            &mut ids.missions,
            "mission",
            file,
            &s.missions,
            |d| d.id.as_str(),
            |d| d,
        );
        register(
            report,
            &mut ids.postings,
            "posting",
            file,
            &s.postings,
            |d| d.id.as_str(),
            |_| (),
        );
        register(
            report,
            &mut ids.templates,
            "template",
            file,
            &s.templates,
            |d| d.id.as_str(),
            |_| (),
        );
    }
    ids
}

/// `rules`, `tuning` and `daily` may each be defined once; returns the rules in force.
fn single_sections(report: &mut Report<'_>, files: &[LoadedSource]) -> GameRules {
    let mut rules = None;
    let mut seen: [Option<usize>; 3] = [None; 3];
    for (file, loaded) in files.iter().enumerate() {
        let s = &loaded.source;
        let present = [s.rules.is_some(), s.tuning.is_some(), s.daily.is_some()];
        for (slot, (name, here)) in ["rules", "tuning", "daily"]
            .into_iter()
            .zip(present)
            .enumerate()
        {
            if !here {
                continue;
            }
            if let Some(first) = seen[slot] {
                let first = report.section_location(first, name);
                report.at_section(
                    file,
                    name,
                    CatalogErrorKind::DuplicateSection {
                        section: name,
                        first,
                    },
                );
            } else {
                seen[slot] = Some(file);
            }
        }
        if rules.is_none() {
            rules = s.rules.clone();
        }
        if let Some(tuning) = &s.tuning {
            for problem in tuning.problems() {
                report.at_section(file, "tuning", CatalogErrorKind::Tuning(problem));
            }
        }
        if let Some(r) = &s.rules {
            let mut problems = Vec::new();
            if r.reputation.min >= r.reputation.max {
                problems.push("reputation.min must be below reputation.max");
            }
            if r.concurrent_cap == 0 {
                problems.push("concurrent_cap must be at least 1");
            }
            if r.max_level == 0 {
                problems.push("max_level must be at least 1");
            }
            for why in problems {
                let kind = CatalogErrorKind::Invalid {
                    owner: "rules".into(),
                    why: why.into(),
                };
                report.at_section(file, "rules", kind);
            }
        }
    }
    let any_postings = files.iter().any(|f| !f.source.postings.is_empty());
    if any_postings && seen[1].is_none() {
        let file = files
            .iter()
            .position(|f| !f.source.postings.is_empty())
            .unwrap_or(0);
        report.at_section(file, "postings", CatalogErrorKind::MissingTuning);
    }
    rules.unwrap_or_default()
}

fn check_world<'a>(report: &mut Report<'a>, ids: &Ids<'a>, file: usize, s: &'a CatalogSource) {
    for f in &s.factions {
        let mut c = RefCheck {
            report,
            file,
            owner_id: f.id.as_str(),
            owner: format!("faction `{}`", f.id),
        };
        for rival in &f.rivals {
            c.check(&ids.factions, "faction", rival.as_str());
            if rival == &f.id {
                c.invalid("a faction cannot be its own rival");
            }
        }
    }
    for e in &s.enemies {
        let mut c = RefCheck {
            report,
            file,
            owner_id: e.id.as_str(),
            owner: format!("enemy `{}`", e.id),
        };
        c.check(&ids.species, "species", e.species.as_str());
        if let Some(f) = &e.faction {
            c.check(&ids.factions, "faction", f.as_str());
        }
    }
    for p in &s.places {
        let mut c = RefCheck {
            report,
            file,
            owner_id: p.id.as_str(),
            owner: format!("place `{}`", p.id),
        };
        c.check(&ids.place_kinds, "place kind", p.kind.as_str());
        if let Some(planet) = &p.planet {
            c.check(&ids.planets, "planet", planet.as_str());
        }
        if let Some(f) = &p.faction {
            c.check(&ids.factions, "faction", f.as_str());
        }
    }
    for p in &s.planets {
        let mut c = RefCheck {
            report,
            file,
            owner_id: p.id.as_str(),
            owner: format!("planet `{}`", p.id),
        };
        for e in &p.enemies {
            c.check(&ids.enemies, "enemy", e.as_str());
        }
        if !greater(p.enemy_count_mult, 0.0) {
            c.invalid(format!(
                "enemy_count_mult must be positive, found {}",
                p.enemy_count_mult
            ));
        }
    }
    for n in &s.npcs {
        let mut c = RefCheck {
            report,
            file,
            owner_id: n.id.as_str(),
            owner: format!("npc `{}`", n.id),
        };
        c.check(&ids.npc_classes, "npc class", n.class.as_str());
        if let Some(f) = &n.faction {
            c.check(&ids.factions, "faction", f.as_str());
        }
        if let Some(home) = &n.home {
            c.check(&ids.places, "place", home.as_str());
        }
    }
    for o in &s.objects {
        let mut c = RefCheck {
            report,
            file,
            owner_id: o.id.as_str(),
            owner: format!("object `{}`", o.id),
        };
        if let Some(place) = &o.place {
            c.check(&ids.places, "place", place.as_str());
        }
    }
}

fn check_effects<'a>(c: &mut RefCheck<'_, 'a>, ids: &Ids<'a>, effects: &[Effect]) {
    for effect in effects {
        match effect {
            Effect::RevealPlace { place, kinds, .. } => {
                if let Some(p) = place {
                    c.check(&ids.places, "place", p.as_str());
                }
                for k in kinds {
                    c.check(&ids.place_kinds, "place kind", k.as_str());
                }
                if place.is_none() && kinds.is_empty() {
                    c.invalid("RevealPlace needs a `place` or at least one of `kinds`");
                }
            }
            Effect::AssignTarget(a) => {
                c.check(&ids.place_kinds, "place kind", a.kind.as_str());
                if let Some(p) = &a.place {
                    c.check(&ids.places, "place", p.as_str());
                }
                if let Some(k) = &a.replace {
                    c.check(&ids.place_kinds, "place kind", k.as_str());
                }
            }
            Effect::SpawnTarget {
                enemy,
                npc,
                at,
                target,
            } => {
                if let Some(e) = enemy {
                    c.check(&ids.enemies, "enemy", e.as_str());
                }
                if let Some(n) = npc {
                    c.check(&ids.npcs, "npc", n.as_str());
                }
                if let Some(p) = at {
                    c.check(&ids.places, "place", p.as_str());
                }
                if enemy.is_none() && npc.is_none() {
                    c.invalid(format!(
                        "SpawnTarget `{target}` needs an `enemy` or an `npc`"
                    ));
                }
            }
            Effect::GiveItem { item, count } | Effect::TakeItem { item, count } => {
                c.check(&ids.items, "item", item.as_str());
                if *count == 0 {
                    c.invalid(format!("an item effect on `{item}` has count 0"));
                }
            }
            Effect::Reputation { faction, .. } => {
                c.check(&ids.factions, "faction", faction.as_str())
            }
            Effect::SetVariable { variable, .. } | Effect::AddVariable { variable, .. } => {
                c.check(&ids.variables, "variable", variable.as_str())
            }
            Effect::GrantTrait { r#trait } => c.check(&ids.traits, "trait", r#trait.as_str()),
            Effect::StartMission { mission, .. } => {
                c.check(&ids.missions, "mission", mission.as_str())
            }
            Effect::Credits { .. } | Effect::Hook { .. } => {}
        }
    }
}

fn positive(c: &mut RefCheck<'_, '_>, what: &str, value: f64) {
    if !(value > 0.0 && value.is_finite()) {
        c.invalid(format!(
            "{what} must be a positive number of seconds, found {value}"
        ));
    }
}

fn check_mission<'a>(
    report: &mut Report<'a>,
    ids: &Ids<'a>,
    rules: &GameRules,
    file: usize,
    m: &'a MissionDef,
) {
    let owner_id = m.id.as_str();
    let mut c = RefCheck {
        report,
        file,
        owner_id,
        owner: format!("mission `{}`", m.id),
    };
    if let Some(f) = &m.issuer {
        c.check(&ids.factions, "faction", f.as_str());
    }
    if let Some(f) = &m.target_faction {
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
    if let Some(penalty) = &m.penalty {
        for stack in &penalty.items {
            c.check(&ids.items, "item", stack.item.as_str());
        }
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
    let effects = [
        &m.effects.on_start,
        &m.effects.on_success,
        &m.effects.on_failure,
        &m.effects.on_abandon,
    ];
    for list in effects {
        check_effects(&mut c, ids, list);
    }
    let declared_targets: Vec<&str> = effects
        .iter()
        .flat_map(|l| l.iter())
        .filter_map(|e| match e {
            Effect::SpawnTarget { target, .. } => Some(target.as_str()),
            _ => None,
        })
        .collect();
    let target_known = |c: &mut RefCheck<'_, 'a>, target: &str| {
        if !declared_targets.contains(&target) {
            c.invalid(format!(
                "target `{target}` is not spawned by any `SpawnTarget` effect of this mission"
            ));
        }
    };

    if m.objectives.is_empty() && !m.turn_in {
        c.invalid("a mission needs at least one objective (or `turn_in: true`)");
    }
    if !m.objectives.is_empty() && m.objectives.iter().all(|o| o.optional) {
        c.invalid("every objective is optional, so the mission would complete at once");
    }
    for (i, objective) in m.objectives.iter().enumerate() {
        c.owner = format!("mission `{}` objective {}", m.id, i + 1);
        if objective.goal.target_count() == 0 {
            c.invalid("count must be at least 1");
        }
        match &objective.goal {
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
                if let Some((_, false)) = ids.enemies.get(enemy.as_str()) {
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
            ObjectiveKind::KillTarget { target } => target_known(&mut c, target.as_str()),
            ObjectiveKind::KillType { enemy, .. } => c.check(&ids.enemies, "enemy", enemy.as_str()),
            ObjectiveKind::KillSpecies { species, .. } => {
                c.check(&ids.species, "species", species.as_str())
            }
            ObjectiveKind::KillFaction { faction, .. } => {
                c.check(&ids.factions, "faction", faction.as_str())
            }
            ObjectiveKind::Survive { seconds } => {
                if let Some(s) = seconds {
                    positive(&mut c, "Survive seconds", *s);
                }
            }
            ObjectiveKind::Escort { target, to } => {
                target_known(&mut c, target.as_str());
                c.check(&ids.places, "place", to.as_str());
            }
            ObjectiveKind::Defend { target, seconds } => {
                target_known(&mut c, target.as_str());
                positive(&mut c, "Defend seconds", *seconds);
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
    c.owner = format!("mission `{}`", m.id);
    for condition in &m.fail_when {
        match condition {
            FailCondition::CounterReaches { counter, count } => {
                c.check(&ids.counters, "counter", counter.as_str());
                if *count == 0 {
                    c.invalid("CounterReaches count must be at least 1");
                }
            }
            FailCondition::TargetDestroyed { target } => target_known(&mut c, target.as_str()),
            FailCondition::NpcDied { npc } => c.check(&ids.npcs, "npc", npc.as_str()),
        }
    }
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
        positive(&mut c, "finish_time", secs);
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

    // Impossible gates.
    let mut impossible = Vec::new();
    let gates = &m.gates;
    let rep = &rules.reputation;
    if gates.min_reputation > rep.max {
        impossible.push(format!(
            "min_reputation {} is above the highest standing {}",
            gates.min_reputation, rep.max
        ));
    }
    if m.issuer.is_none() && gates.min_reputation > super::defaults::min_reputation() {
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
    if let (Some(expires), Some(window)) = (timing.expires_at, timing.window)
        && expires <= window.opens_at
    {
        impossible.push(format!(
            "it expires at {expires} before its window opens at {}",
            window.opens_at
        ));
    }
    for why in impossible {
        c.report.at_definition(
            file,
            owner_id,
            CatalogErrorKind::ImpossibleGate {
                id: m.id.to_string(),
                why,
            },
        );
    }
}

fn check_board<'a>(report: &mut Report<'a>, ids: &Ids<'a>, file: usize, s: &'a CatalogSource) {
    for p in &s.postings {
        let mut c = RefCheck {
            report,
            file,
            owner_id: p.id.as_str(),
            owner: format!("posting `{}`", p.id),
        };
        c.check(&ids.planets, "planet", p.planet.as_str());
        c.check(&ids.missions, "mission", p.mission.as_str());
        if let Some((_, m)) = ids.missions.get(p.mission.as_str())
            && let Some(label) = m.label
            && label != p.label
        {
            c.invalid(format!(
                "label {:?} differs from mission `{}`'s label {label:?}",
                p.label, p.mission
            ));
        }
    }
    for t in &s.templates {
        let mut c = RefCheck {
            report,
            file,
            owner_id: t.id.as_str(),
            owner: format!("template `{}`", t.id),
        };
        for f in t.issuers.iter().chain(&t.faction_only) {
            c.check(&ids.factions, "faction", f.as_str());
        }
        for stack in &t.items {
            c.check(&ids.items, "item", stack.item.as_str());
        }
        if t.min_credits > t.max_credits {
            c.invalid(format!(
                "min_credits {} is above max_credits {}",
                t.min_credits, t.max_credits
            ));
        }
        if t.weight == 0 {
            c.invalid("weight 0 means it is never drawn");
        }
        match &t.kind {
            TemplateKind::BountyHunt { classes, .. } => {
                if classes.is_empty() {
                    c.invalid("BountyHunt needs at least one npc class");
                }
                for class in classes {
                    c.check(&ids.npc_classes, "npc class", class.as_str());
                }
            }
            TemplateKind::Salvage {
                wreck_kind,
                items,
                min_count,
                max_count,
            } => {
                c.check(&ids.place_kinds, "place kind", wreck_kind.as_str());
                if items.is_empty() {
                    c.invalid("Salvage needs at least one item");
                }
                for item in items {
                    c.check(&ids.items, "item", item.as_str());
                }
                if *min_count == 0 || min_count > max_count {
                    c.invalid(format!(
                        "Salvage needs 1 <= min_count <= max_count, found {min_count}..{max_count}"
                    ));
                }
            }
            TemplateKind::Smuggling {
                contraband,
                destination_kinds,
                patrol_counter,
                max_scans,
            } => {
                if t.faction_only.is_none() {
                    c.invalid("Smuggling is offered to one faction only: set `faction_only`");
                }
                if contraband.is_empty() || destination_kinds.is_empty() {
                    c.invalid("Smuggling needs contraband and at least one destination kind");
                }
                for item in contraband {
                    c.check(&ids.items, "item", item.as_str());
                }
                for kind in destination_kinds {
                    c.check(&ids.place_kinds, "place kind", kind.as_str());
                }
                c.check(&ids.counters, "counter", patrol_counter.as_str());
                if *max_scans == 0 {
                    c.invalid("max_scans must be at least 1");
                }
            }
            TemplateKind::DistressBeacon {
                beacon_kind,
                window_secs,
            } => {
                c.check(&ids.place_kinds, "place kind", beacon_kind.as_str());
                positive(&mut c, "window_secs", *window_secs);
            }
        }
    }
    if let Some(daily) = &s.daily {
        if daily.refresh_hour > 23 {
            let kind = CatalogErrorKind::Invalid {
                owner: "daily".into(),
                why: format!("refresh_hour must be 0..=23, found {}", daily.refresh_hour),
            };
            report.at_section(file, "daily", kind);
        }
        for slot in DailySlot::ALL {
            let pool = daily.slots.iter().find(|p| p.slot == slot);
            if pool.is_none_or(|p| p.missions.is_empty()) {
                let kind = CatalogErrorKind::Invalid {
                    owner: "daily".into(),
                    why: format!("slot {slot:?} has no missions"),
                };
                report.at_section(file, "daily", kind);
            }
        }
        for pool in &daily.slots {
            for mission in &pool.missions {
                let owner_id = mission.as_str();
                let mut c = RefCheck {
                    report,
                    file,
                    owner_id,
                    owner: format!("daily slot {:?}", pool.slot),
                };
                c.check(&ids.missions, "mission", mission.as_str());
                if let Some((_, m)) = ids.missions.get(mission.as_str())
                    && m.repeatable != 0
                {
                    c.invalid(format!(
                        "daily mission `{mission}` must be `repeatable: 0` to be offered every day"
                    ));
                }
            }
        }
    }
}

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

fn check_cycles(report: &mut Report<'_>, ids: &Ids<'_>) {
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
fn check_reachability(report: &mut Report<'_>, ids: &Ids<'_>, files: &[LoadedSource]) {
    let n = ids.missions.len();
    let mut entry: HashMap<&str, bool> = HashMap::with_capacity(n);
    let mut unmet: HashMap<&str, usize> = HashMap::with_capacity(n);
    let mut dependents: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut listed: HashSet<&str> = HashSet::new();
    for loaded in files {
        for p in &loaded.source.postings {
            listed.insert(p.mission.as_str());
        }
        for pool in loaded.source.daily.iter().flat_map(|d| &d.slots) {
            for m in &pool.missions {
                listed.insert(m.as_str());
            }
        }
    }
    for (&id, (_, m)) in &ids.missions {
        let offered = m.origins.iter().any(|o| *o != Origin::Secondary)
            || m.auto_start
            || m.triggered_by_item.is_some()
            || listed.contains(id);
        entry.insert(id, offered);
        let mut reqs: Vec<&str> = prerequisites(m)
            .filter(|r| ids.missions.contains_key(r))
            .collect();
        reqs.sort_unstable();
        reqs.dedup();
        unmet.insert(id, reqs.len());
        for r in reqs {
            dependents.entry(r).or_default().push(id);
        }
    }
    let mut reached: HashSet<&str> = HashSet::with_capacity(n);
    let mut queue: Vec<&str> = ids
        .missions
        .iter()
        .filter(|(id, (_, m))| m.active && entry[*id] && unmet[*id] == 0)
        .map(|(id, _)| *id)
        .collect();
    while let Some(id) = queue.pop() {
        if !reached.insert(id) {
            continue;
        }
        let Some((_, m)) = ids.missions.get(id) else {
            continue;
        };
        let ready = |x: &str, entry: &HashMap<&str, bool>, unmet: &HashMap<&str, usize>| {
            ids.missions.get(x).is_some_and(|(_, d)| d.active)
                && entry.get(x).copied().unwrap_or(false)
                && unmet.get(x).copied() == Some(0)
        };
        let leads_to = m.follow_ups.iter().map(|f| f.mission.as_str()).chain(
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
        );
        for next in leads_to {
            if let Some(e) = entry.get_mut(next) {
                *e = true;
            }
            if ready(next, &entry, &unmet) && !reached.contains(next) {
                queue.push(next);
            }
        }
        for &d in dependents.get(id).map(Vec::as_slice).unwrap_or(&[]) {
            if let Some(u) = unmet.get_mut(d) {
                *u = u.saturating_sub(1);
            }
            if ready(d, &entry, &unmet) && !reached.contains(d) {
                queue.push(d);
            }
        }
    }
    let mut unreachable: Vec<(&str, usize, &MissionDef)> = ids
        .missions
        .iter()
        .filter(|(id, (_, m))| m.active && !reached.contains(*id))
        .map(|(id, (file, m))| (*id, *file, *m))
        .collect();
    unreachable.sort_unstable_by_key(|(id, _, _)| *id);
    for (id, file, m) in unreachable {
        let why = if !entry[id] {
            "it is only offered as a follow-up (origins: [Secondary]) but no reachable mission leads to it".to_owned()
        } else if let Some(blocker) = prerequisites(m).find(|r| !reached.contains(r)) {
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
