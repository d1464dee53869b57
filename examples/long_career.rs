//! A long career: one player completes random, daily and posted missions, many thousands of
//! them, on the demo catalog, headless. At each checkpoint it prints the process's resident
//! memory, the save's size and what the player's state holds, and checks that every catalog
//! mission's answer to "may the player accept it?" (but the session-scope ones, which a new
//! session restarts) is the same before and after the ended random missions are forgotten, and
//! after a save and a load.
//!
//! ```text
//! cargo run --release --example long_career -- 100000
//! ```
//!
//! Memory and save size stay flat: the reward ledger holds only what is in progress, a random
//! mission's definition is forgotten once its attempt ended and no journal shows it, and its
//! outcome is kept in no history.

use std::path::Path;

use bevy::prelude::*;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::lifecycle::{GeneratedMissions, MissionAcceptance, MissionSeed, RejectReason};
use bevy_missions::model::mission::{Origin, Scope};
use bevy_missions::model::objective::ObjectiveKind;
use bevy_missions::model::player::PinnedMissions;
use bevy_missions::model::player::{MissionHistory, RewardLedger};
use bevy_missions::model::save::SaveGame;
use bevy_missions::objectives::{DeliveryPoint, FactKind};
use bevy_missions::prelude::*;

const FILES: [(&str, &str); 4] = [
    (
        "contracts",
        include_str!("../assets/missions/contracts.missions.ron"),
    ),
    (
        "daily",
        include_str!("../assets/missions/daily.missions.ron"),
    ),
    (
        "story",
        include_str!("../assets/missions/story.missions.ron"),
    ),
    (
        "world",
        include_str!("../assets/missions/world.missions.ron"),
    ),
];

fn main() {
    let target: u64 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let mut checkpoints: Vec<u64> = [1_000, 10_000, 100_000, 1_000_000]
        .into_iter()
        .filter(|c| *c <= target)
        .collect();
    if checkpoints.last() != Some(&target) {
        checkpoints.push(target);
    }
    println!(
        "| completions | resident memory | save size | generated defs (before forced prune) | history | owed |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    let mut career = Career::new();
    let first = career.play_until(checkpoints[0]);
    let mut rows = vec![first];
    for &c in &checkpoints[1..] {
        rows.push(career.play_until(c));
    }
    let base = &rows[0];
    for row in &rows {
        println!(
            "| {} | {:.1} MB ({:+.1}%) | {} B ({:+.1}%) | {} ({}) | {} | {} |",
            row.completions,
            row.resident_bytes as f64 / 1e6,
            percent(row.resident_bytes, base.resident_bytes),
            row.save_bytes,
            percent(row.save_bytes, base.save_bytes),
            row.generated,
            row.generated_before,
            row.history,
            row.owed,
        );
    }
}

fn percent(now: usize, base: usize) -> f64 {
    (now as f64 / base.max(1) as f64 - 1.0) * 100.0
}

/// What one checkpoint measured.
pub struct Checkpoint {
    /// Completions paid so far.
    pub completions: u64,
    /// The process's resident memory (0 where /proc is missing).
    pub resident_bytes: usize,
    /// The save's length as RON.
    pub save_bytes: usize,
    /// Generated mission definitions held before the check's forced pruning.
    pub generated_before: usize,
    /// Generated mission definitions held after it.
    pub generated: usize,
    /// Records in the player's history.
    pub history: usize,
    /// Attempts the player's ledger owes.
    pub owed: usize,
}

/// One player's career in a headless app (no recorder: nothing but the plugin keeps state).
pub struct Career {
    /// The app.
    pub app: App,
    /// The player.
    pub pilot: Entity,
    catalog: MissionCatalog,
    round: u64,
}

impl Default for Career {
    fn default() -> Self {
        Self::new()
    }
}

impl Career {
    /// A fresh game with one pilot.
    pub fn new() -> Self {
        let catalog = MissionCatalog::from_texts(FILES).expect("the demo catalog is valid");
        let mut app = new_app(catalog.clone());
        let pilot = app.world_mut().spawn(MissionHolder::new("pilot")).id();
        app.update();
        Career {
            app,
            pilot,
            catalog,
            round: 0,
        }
    }

    /// Completions paid so far.
    pub fn completions(&self) -> u64 {
        self.app
            .world()
            .get::<RewardLedger>(self.pilot)
            .map_or(0, RewardLedger::payments)
    }

    /// Plays until `completions` missions were completed, then measures and checks the answers
    /// across a forced pruning of the ended random missions, and across a save and a load.
    pub fn play_until(&mut self, completions: u64) -> Checkpoint {
        while self.completions() < completions {
            self.play_round();
        }
        // Forgetting the ended random missions now, not at the next draw, changes no answer.
        let unpruned = self.answers();
        let generated_before = self.app.world().resource::<GeneratedMissions>().0.len();
        bevy_missions::lifecycle::forget_ended_draws(self.app.world_mut());
        let before = self.answers();
        assert_eq!(
            unpruned, before,
            "forgetting ended draws changes no gate's answer"
        );
        let save = self.save();
        let text = save.to_ron().expect("a pruned game saves");
        if let Ok(dir) = std::env::var("CAREER_SAVES") {
            let _ = std::fs::write(format!("{dir}/career_{completions}.ron"), &text);
        }
        let mut loaded = new_app(self.catalog.clone());
        let parsed = SaveGame::from_ron(Path::new("career.save.ron"), text.as_bytes())
            .expect("and loads again");
        bevy_missions::save::restore(loaded.world_mut(), parsed);
        loaded.update();
        let pilot = find_pilot(&mut loaded);
        let after = answers(&mut loaded, pilot, &self.catalog);
        assert_eq!(before, after, "a save and a load change no gate's answer");
        let world = self.app.world();
        Checkpoint {
            completions: self.completions(),
            generated_before,
            resident_bytes: resident_bytes(),
            save_bytes: text.len(),
            generated: world.resource::<GeneratedMissions>().0.len(),
            history: world
                .get::<MissionHistory>(self.pilot)
                .map_or(0, |h| h.missions.len()),
            owed: world
                .get::<RewardLedger>(self.pilot)
                .map_or(0, RewardLedger::owed_len),
        }
    }

    /// The save of the game as it stands.
    pub fn save(&mut self) -> SaveGame {
        bevy_missions::save::capture(self.app.world_mut())
    }

    /// "May the pilot accept it?" for every catalog mission but the session-scope ones (a new
    /// session, as after a load, starts those afresh by design).
    pub fn answers(&mut self) -> Vec<(MissionId, Result<(), RejectReason>)> {
        answers(&mut self.app, self.pilot, &self.catalog)
    }

    /// One random mission, one daily and one posted contract (each when one is to be had),
    /// then an hour passes.
    pub fn play_round(&mut self) {
        self.round += 1;
        let pilot = self.pilot;
        // A random mission, drawn with this round's seed.
        self.send(MissionRequest::generate(pilot, None, self.round));
        let drawn = self
            .app
            .world()
            .get::<PinnedMissions>(pilot)
            .and_then(|p| p.0.last().cloned());
        if let Some(drawn) = drawn {
            self.send(MissionRequest::accept(pilot, drawn));
        }
        // Today's dailies the pilot may take.
        let dailies: Vec<MissionId> = self
            .catalog
            .missions()
            .filter(|m| m.origins.contains(&Origin::Daily))
            .map(|m| m.id.clone())
            .collect();
        for daily in dailies {
            if self.can_accept(&daily) {
                self.send(MissionRequest::accept(pilot, daily));
            }
        }
        // A posting from the board.
        let clock = self.app.world().resource::<MissionClock>().clone();
        let seed = self.app.world().resource::<MissionSeed>().0;
        let posted = bevy_missions::draw::board_postings(&self.catalog, &clock, seed);
        if let Some(posting) = posted.get(self.round as usize % posted.len().max(1)) {
            self.send(MissionRequest::accept_posting(pilot, posting.id.clone()));
            self.send(MissionRequest::start_run(pilot));
        }
        self.finish_everything();
        self.advance(3600.0);
    }

    fn can_accept(&mut self, mission: &MissionId) -> bool {
        answers(&mut self.app, self.pilot, &self.catalog)
            .iter()
            .any(|(m, answer)| m == mission && answer.is_ok())
    }

    fn send(&mut self, request: MissionRequest) {
        self.app.world_mut().write_message(request);
        self.app.update();
    }

    fn advance(&mut self, seconds: f64) {
        self.app
            .world_mut()
            .resource_mut::<MissionClock>()
            .advance(seconds);
        self.app.update();
    }

    /// Does what each mission in progress asks; what it cannot do is abandoned.
    fn finish_everything(&mut self) {
        for _ in 0..4 {
            let work = self.work();
            if work.is_empty() {
                return;
            }
            for (_, facts, _) in &work {
                for fact in facts {
                    self.app.world_mut().write_message(fact.clone());
                }
            }
            self.app.update();
            for (mission, _, turn_in) in &work {
                if *turn_in {
                    self.send(MissionRequest::turn_in(self.pilot, mission.clone()));
                }
            }
            self.advance(120.0);
        }
        for (mission, _, _) in self.work() {
            self.send(MissionRequest::abandon(self.pilot, mission));
        }
    }

    /// Each mission in progress: its id, the facts that finish its open objectives, and
    /// whether it needs turning in.
    fn work(&mut self) -> Vec<(MissionId, Vec<MissionFact>, bool)> {
        let pilot = self.pilot;
        let world = self.app.world_mut();
        let mut q = world.query::<&MissionAcceptance>();
        let generated = world.resource::<GeneratedMissions>();
        let mut work = Vec::new();
        for acc in q.iter(world) {
            if acc.status() != MissionStatus::Active || !acc.holders().contains(&pilot) {
                continue;
            }
            let Some(def) = generated.lookup(&self.catalog, acc.mission().as_str()) else {
                continue;
            };
            let mut facts = Vec::new();
            for (objective, progress) in def.objectives.iter().zip(acc.progress()) {
                if !progress.done {
                    let left = progress.target.saturating_sub(progress.count);
                    facts.extend(facts_for(&self.catalog, pilot, &objective.goal, left));
                }
            }
            work.push((acc.mission().clone(), facts, def.turn_in));
        }
        work
    }
}

/// The facts that advance one objective by `left`.
fn facts_for(
    catalog: &MissionCatalog,
    pilot: Entity,
    goal: &ObjectiveKind,
    left: u32,
) -> Vec<MissionFact> {
    use ObjectiveKind as O;
    let times = |fact: MissionFact| vec![fact; left.min(50) as usize];
    match goal {
        O::GoTo { place } => vec![MissionFact::entered(pilot, place.clone())],
        O::Scan { place } => vec![MissionFact::scanned(pilot, place.clone())],
        O::Interact { object } => vec![MissionFact::interacted(pilot, object.clone())],
        O::FindItem { item, .. } => vec![MissionFact::collected(pilot, item.clone(), left)],
        O::FindAnyItem { items, .. } => items
            .first()
            .map(|i| MissionFact::collected(pilot, i.clone(), left))
            .into_iter()
            .collect(),
        O::Deliver { item, to, .. } => {
            let point = DeliveryPoint::accepted_by(catalog, to);
            vec![MissionFact::new(
                pilot,
                FactKind::Delivered {
                    item: item.clone(),
                    amount: left,
                    to: point,
                },
            )]
        }
        O::KillType { enemy, .. } => times(MissionFact::killed(pilot, enemy.clone())),
        O::KillSpecies { species, .. } => catalog
            .enemies()
            .find(|e| &e.species == species)
            .map(|e| times(MissionFact::killed(pilot, e.id.clone())))
            .unwrap_or_default(),
        O::KillFaction { faction, .. } => catalog
            .enemies()
            .find(|e| e.faction.as_ref() == Some(faction))
            .map(|e| times(MissionFact::killed(pilot, e.id.clone())))
            .unwrap_or_default(),
        O::Assassinate { npc } => catalog
            .enemies()
            .next()
            .map(|e| {
                vec![MissionFact::new(
                    pilot,
                    FactKind::Killed {
                        enemy: e.id.clone(),
                        target: None,
                        npc: Some(npc.clone()),
                    },
                )]
            })
            .unwrap_or_default(),
        O::Counter { counter, .. } => vec![MissionFact::counter(pilot, counter.clone(), left)],
        // Timers run out as the clock advances; the rest this career does not attempt.
        _ => Vec::new(),
    }
}

fn new_app(catalog: MissionCatalog) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, MissionsPlugins::manual()))
        .insert_resource(catalog)
        .insert_resource(MissionClock::manual());
    app.update();
    app
}

fn find_pilot(app: &mut App) -> Entity {
    app.world_mut()
        .query::<(Entity, &MissionHolder)>()
        .iter(app.world())
        .find(|(_, h)| h.id.0 == "pilot")
        .map(|(e, _)| e)
        .expect("the pilot is in the save")
}

fn answers(
    app: &mut App,
    pilot: Entity,
    catalog: &MissionCatalog,
) -> Vec<(MissionId, Result<(), RejectReason>)> {
    let ids: Vec<MissionId> = catalog
        .missions()
        .filter(|m| m.scope != Scope::PlayerSession)
        .map(|m| m.id.clone())
        .collect();
    let mut state = bevy::ecs::system::SystemState::<Missions>::new(app.world_mut());
    let missions = state.get(app.world()).expect("the plugin is added");
    ids.into_iter()
        .map(|id| {
            let answer = missions.can_accept(pilot, id.as_str());
            (id, answer)
        })
        .collect()
}

/// Resident memory from /proc (Linux), in bytes.
fn resident_bytes() -> usize {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<usize>().ok())
        .map_or(0, |pages| pages * 4096)
}
