//! Objective evaluation at server scale.
//!
//! `cargo bench --bench objectives`
//! - group `route_facts`: one frame with 10,000 mixed facts over N active objectives, through the
//!   plugin (`indexed/N`), and the obvious way (`naive/100000`: every fact checked against every
//!   active objective), written here as the baseline.
//! - group `idle_frame`: one frame with N active objectives, no fact and no timer due.
//!
//! "One frame" is the `Update` schedule, where every system of the plugin runs (Bevy's own
//! `First`..`Last` bookkeeping is the same for any app and is left out).

use std::fmt::Write;
use std::hint::black_box;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::lifecycle::MissionAcceptance;
use bevy_missions::model::objective::DeliveryTarget;
use bevy_missions::model::objective::ObjectiveKind;
use bevy_missions::objectives::FactKind;
use bevy_missions::prelude::*;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const KINDS: usize = 20;
const MISSIONS_PER_PLAYER: usize = 5;

/// 100 missions, each with one objective that never completes during the benchmark.
fn catalog() -> MissionCatalog {
    let mut s = String::from("(rules: (concurrent_cap: 5),\n items: [");
    for k in 0..KINDS {
        let _ = write!(s, "(id: \"I{k}\", name: \"i\"),");
    }
    s.push_str("], place_kinds: [(id: \"K\", name: \"k\")], places: [");
    for k in 0..KINDS {
        let _ = write!(s, "(id: \"P{k}\", name: \"p\", kind: \"K\"),");
    }
    s.push_str("], species: [(id: \"S\", name: \"s\")], counters: [");
    for k in 0..KINDS {
        let _ = write!(s, "(id: \"C{k}\", name: \"c\"),");
    }
    s.push_str("], enemies: [");
    for k in 0..KINDS {
        let _ = write!(s, "(id: \"E{k}\", name: \"e\", species: \"S\"),");
    }
    s.push_str("], missions: [");
    for m in 0..100 {
        let k = m % KINDS;
        let goal = match m % 5 {
            0 => format!("KillType(enemy: \"E{k}\", count: 4000000000)"),
            1 => format!("FindItem(item: \"I{k}\", count: 4000000000)"),
            2 => format!("Counter(counter: \"C{k}\", count: 4000000000)"),
            3 => format!("Deliver(item: \"I{k}\", count: 4000000000, to: Place(\"P{k}\"))"),
            _ => "KillSpecies(species: \"S\", count: 4000000000)".to_owned(),
        };
        let _ = write!(
            s,
            "(id: \"M{m}\", name: \"m\", repeatable: 0, objectives: [(goal: {goal})]),"
        );
    }
    s.push_str("])");
    MissionCatalog::from_ron_str(&s).expect("benchmark catalog is valid")
}

/// A headless app (what a server runs: no recorder, no renderer) with `objectives / 5` players
/// holding five missions each. Like a dedicated headless server, it runs `Update` on Bevy's
/// single-threaded executor: on this 2-core machine the multi-threaded executor spends about
/// 200-300 µs per frame waking worker threads, for any systems, which would hide the plugin's
/// own cost (the mission systems run one after another either way).
fn setup(objectives: usize) -> (App, Vec<Entity>) {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, MissionsPlugins::manual()))
        .insert_resource(catalog())
        .insert_resource(MissionClock::manual());
    app.edit_schedule(Update, |s| {
        s.set_executor(bevy::ecs::schedule::SingleThreadedExecutor::new());
    });
    app.update();
    let players: Vec<Entity> = (0..objectives / MISSIONS_PER_PLAYER)
        .map(|i| {
            app.world_mut()
                .spawn(MissionHolder::new(format!("p{i}")))
                .id()
        })
        .collect();
    app.update();
    for (i, &player) in players.iter().enumerate() {
        for j in 0..MISSIONS_PER_PLAYER {
            let mission = format!("M{}", (i * 7 + j * 20 + j) % 100);
            app.world_mut().write_message(MissionRequest::Accept {
                player,
                mission: mission.into(),
            });
        }
    }
    app.update();
    let active = app
        .world_mut()
        .query::<&MissionAcceptance>()
        .iter(app.world())
        .count();
    assert_eq!(active, objectives, "every player holds five missions");
    (app, players)
}

/// 10,000 mixed facts: kills, pickups, deliveries and counters, some matching nothing.
fn facts(players: &[Entity], n: usize) -> Vec<MissionFact> {
    (0..n)
        .map(|i| {
            let player = players[(i * 7919) % players.len()];
            let k = (i * 31) % KINDS;
            match i % 4 {
                0 => MissionFact::killed(player, format!("E{k}")),
                1 => MissionFact::collected(player, format!("I{k}"), 1),
                2 => MissionFact::counter(player, format!("C{k}"), 1),
                _ => MissionFact::delivered(player, format!("I{k}"), 1, format!("P{k}")),
            }
        })
        .collect()
}

/// An acceptance as the obvious way keeps it: its players, its mission and its counts.
struct Attempt {
    holders: Vec<Entity>,
    mission: MissionId,
    counts: Vec<(u32, u32)>,
}

/// Every acceptance of the world, copied out once (not timed).
fn attempts(world: &mut World) -> Vec<Attempt> {
    let mut q = world.query::<&MissionAcceptance>();
    q.iter(world)
        .map(|a| Attempt {
            holders: a.holders().to_vec(),
            mission: a.mission().clone(),
            counts: a.progress().iter().map(|p| (p.count, p.target)).collect(),
        })
        .collect()
}

/// The obvious way: for every fact, look at every active objective of every acceptance.
fn naive(attempts: &mut [Attempt], catalog: &MissionCatalog, facts: &[MissionFact]) -> u64 {
    let mut advanced = 0;
    for fact in facts {
        for acc in attempts.iter_mut() {
            if !acc.holders.contains(&fact.player) {
                continue;
            }
            let Some(def) = catalog.mission(acc.mission.as_str()) else {
                continue;
            };
            for (i, objective) in def.objectives.iter().enumerate() {
                let amount = match (&objective.goal, &fact.kind) {
                    (ObjectiveKind::KillType { enemy, .. }, FactKind::Killed { enemy: e, .. })
                        if enemy == e =>
                    {
                        1
                    }
                    (
                        ObjectiveKind::KillSpecies { species, .. },
                        FactKind::Killed { enemy, .. },
                    ) if catalog
                        .enemy(enemy.as_str())
                        .is_some_and(|d| &d.species == species) =>
                    {
                        1
                    }
                    (
                        ObjectiveKind::FindItem { item, .. },
                        FactKind::Collected { item: it, amount },
                    ) if item == it => *amount,
                    (
                        ObjectiveKind::Counter { counter, .. },
                        FactKind::Counter { counter: c, amount },
                    ) if counter == c => *amount,
                    (
                        ObjectiveKind::Deliver {
                            item,
                            to: DeliveryTarget::Place(p),
                            ..
                        },
                        FactKind::Delivered {
                            item: it,
                            amount,
                            to,
                        },
                    ) if item == it && to.place.as_ref() == Some(p) => *amount,
                    _ => 0,
                };
                if amount > 0 {
                    let (count, target) = &mut acc.counts[i];
                    *count = count.saturating_add(amount).min(*target);
                    advanced += 1;
                }
            }
        }
    }
    advanced
}

fn route_facts(c: &mut Criterion) {
    let mut group = c.benchmark_group("route_facts");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    for objectives in [1_000usize, 100_000] {
        let (mut app, players) = setup(objectives);
        let batch = facts(&players, 10_000);
        group.bench_function(BenchmarkId::new("indexed", objectives), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    // Untimed: the game writing its facts, and last frame's messages aging out.
                    app.world_mut()
                        .resource_mut::<Messages<MissionFact>>()
                        .update();
                    app.world_mut()
                        .resource_mut::<Messages<ObjectiveProgressed>>()
                        .update();
                    for fact in &batch {
                        app.world_mut().write_message(fact.clone());
                    }
                    // Timed: the plugin's frame of evaluation (the `Update` schedule, where every
                    // mission system runs).
                    let start = Instant::now();
                    app.world_mut().run_schedule(Update);
                    total += start.elapsed();
                }
                total
            })
        });
        if objectives == 100_000 {
            let catalog = app.world().resource::<MissionCatalog>().clone();
            let mut attempts = attempts(app.world_mut());
            group.bench_function(BenchmarkId::new("naive", objectives), |b| {
                b.iter(|| black_box(naive(&mut attempts, &catalog, &batch)))
            });
        }
    }
    group.finish();
}

fn idle_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("idle_frame");
    for objectives in [100usize, 100_000] {
        let (mut app, _) = setup(objectives);
        group.bench_function(BenchmarkId::from_parameter(objectives), |b| {
            b.iter(|| app.world_mut().run_schedule(Update))
        });
    }
    group.finish();
}

criterion_group!(benches, route_facts, idle_frame);
criterion_main!(benches);
