//! Catalog loading cost: bare RON deserialisation vs the full load with every validation.
//!
//! `cargo bench --bench catalog` — group `catalog_load`, ids `parse_only/10000` and
//! `load_validate/10000`. The goal: the full load costs at most 1.5x the bare parse.

use std::fmt::Write;
use std::hint::black_box;

use bevy_missions::catalog::MissionCatalog;
use bevy_missions::model::source::CatalogSource;
use bevy_missions::model::source::ron_options;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// A catalog of `n` missions over a small world: chains of ten linked by prerequisites and
/// follow-ups, every mission referring to factions, items, places and enemies.
fn generated_catalog(n: usize) -> String {
    let mut s = String::from(
        r#"(
    factions: [(id: "F0", name: "F0", rivals: ["F1"]), (id: "F1", name: "F1", rivals: ["F0"]), (id: "F2", name: "F2")],
    items: [(id: "I0", name: "I0"), (id: "I1", name: "I1"), (id: "I2", name: "I2")],
    place_kinds: [(id: "K0", name: "K0")],
    places: [(id: "P0", name: "P0", kind: "K0"), (id: "P1", name: "P1", kind: "K0")],
    species: [(id: "S0", name: "S0")],
    enemies: [(id: "E0", name: "E0", species: "S0"), (id: "E1", name: "E1", species: "S0")],
    missions: [
"#,
    );
    for i in 0..n {
        let chain_start = i % 10 == 0;
        let prereq = if chain_start {
            String::new()
        } else {
            format!(r#"prerequisites: [(mission: "M{}")], "#, i - 1)
        };
        let follow = if i % 10 == 9 || i + 1 >= n {
            String::new()
        } else {
            format!(r#"follow_ups: [(mission: "M{}")], "#, i + 1)
        };
        let origins = if chain_start { "AnyNpc" } else { "Secondary" };
        let _ = writeln!(
            s,
            r#"        (id: "M{i}", name: "Mission {i}", description: "Generated mission number {i}.", mission_type: Combat,
            issuer: "F{f}", origins: [{origins}], {follow}
            gates: (min_reputation: -100, min_level: {lvl}, {prereq}),
            objectives: [
                (goal: KillType(enemy: "E{e}", count: {k}), text: "Destroy them"),
                (goal: FindItem(item: "I{it}", count: 2), text: "Collect"),
                (goal: GoTo(place: "P{p}"), text: "Go"),
            ],
            rewards: (credits: {c}, xp: 50, reputation: 5, items: [(item: "I{it}", count: 1)]),
            dialogue: (offer: "Will you help?", success: "Thanks."),
        ),"#,
            f = i % 3,
            lvl = 1 + i % 5,
            e = i % 2,
            k = 1 + i % 20,
            it = i % 3,
            p = i % 2,
            c = 100 + i,
        );
    }
    s.push_str("    ],\n)\n");
    s
}

fn catalog_load(c: &mut Criterion) {
    let n = 10_000;
    let text = generated_catalog(n);
    // The generated catalog must be valid, or the benchmark measures the error path.
    let catalog = MissionCatalog::from_ron_str(&text).expect("generated catalog validates");
    assert_eq!(catalog.missions().len(), n);

    let mut group = c.benchmark_group("catalog_load");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_with_input(BenchmarkId::new("parse_only", n), &text, |b, text| {
        b.iter(|| {
            let source: CatalogSource = ron_options().from_str(black_box(text)).expect("parses");
            black_box(source)
        })
    });
    group.bench_with_input(BenchmarkId::new("load_validate", n), &text, |b, text| {
        b.iter(|| black_box(MissionCatalog::from_ron_str(black_box(text)).expect("validates")))
    });
    group.finish();
}

criterion_group!(benches, catalog_load);
criterion_main!(benches);
