//! What a save costs.
//!
//! `cargo bench --bench save`: N players, each with 5 missions in progress and a checkpoint log,
//! plus completions and reputation.
//! - `capture/N`: reading the world into a save (the part of an autosave on the main thread).
//! - `encode/N`: the save to RON text (on the I/O task pool during play).
//! - `parse/N`: RON text to a save (loading).
//! - `restore/N`: a save into a fresh world (loading).

use std::hint::black_box;
use std::path::Path;

use bevy::prelude::*;
use bevy_missions::model::save::SaveGame;
use bevy_missions::prelude::*;
use bevy_missions::save::capture;
use bevy_missions::save::restore;
use bevy_missions::testing::MissionsTest;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const CATALOG: &str = r#"(
    rules: (concurrent_cap: 6),
    factions: [(id: "GUILD", name: "Guild")],
    species: [(id: "S", name: "S")],
    enemies: [(id: "E0", name: "e", species: "S"), (id: "E1", name: "e", species: "S"),
              (id: "E2", name: "e", species: "S"), (id: "E3", name: "e", species: "S"),
              (id: "E4", name: "e", species: "S")],
    missions: [
        (id: "DONE", name: "d", issuer: "GUILD", objectives: [(goal: KillType(enemy: "E0", count: 1))], rewards: (credits: 5, reputation: 3)),
        (id: "M0", name: "m", repeatable: 0, objectives: [(goal: KillType(enemy: "E0", count: 1000))]),
        (id: "M1", name: "m", repeatable: 0, objectives: [(goal: KillType(enemy: "E1", count: 1000))]),
        (id: "M2", name: "m", repeatable: 0, objectives: [(goal: KillType(enemy: "E2", count: 1000))]),
        (id: "M3", name: "m", repeatable: 0, objectives: [(goal: KillType(enemy: "E3", count: 1000))]),
        (id: "M4", name: "m", repeatable: 0, objectives: [(goal: KillType(enemy: "E4", count: 1000))]),
    ],
)"#;

fn world_with(players: usize) -> MissionsTest {
    let mut t = MissionsTest::from_ron(CATALOG).expect("benchmark catalog is valid");
    let entities: Vec<Entity> = (0..players)
        .map(|i| {
            t.app
                .world_mut()
                .spawn(MissionHolder::new(format!("player-{i}")))
                .id()
        })
        .collect();
    let world = t.app.world_mut();
    for &player in &entities {
        for mission in ["DONE", "M0", "M1", "M2", "M3", "M4"] {
            world.write_message(MissionRequest::Accept {
                player,
                mission: mission.into(),
            });
        }
    }
    t.update();
    for round in 0..20 {
        let world = t.app.world_mut();
        for &player in &entities {
            world.write_message(MissionFact::killed(player, format!("E{}", round % 5)));
        }
        t.update();
    }
    t
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("save");
    group.sample_size(20);
    for players in [100usize, 1000] {
        let mut t = world_with(players);
        let save = capture(t.app.world_mut());
        assert_eq!(save.acceptances.len(), players * 5);
        let text = save.to_ron().expect("encodes");
        group.bench_with_input(BenchmarkId::new("capture", players), &players, |b, _| {
            b.iter(|| black_box(capture(t.app.world_mut())))
        });
        group.bench_with_input(BenchmarkId::new("encode", players), &players, |b, _| {
            b.iter(|| black_box(save.to_ron()))
        });
        group.bench_with_input(BenchmarkId::new("parse", players), &players, |b, _| {
            b.iter(|| black_box(SaveGame::from_ron(Path::new("bench.ron"), text.as_bytes())))
        });
        group.bench_with_input(BenchmarkId::new("restore", players), &players, |b, _| {
            b.iter_batched(
                || {
                    (
                        MissionsTest::from_ron(CATALOG).expect("valid"),
                        save.clone(),
                    )
                },
                |(mut fresh, save)| black_box(restore(fresh.app.world_mut(), save)),
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
