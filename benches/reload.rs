//! How long a saved catalog edit takes to reach the game: from writing the file to the new
//! catalog in place, through bevy's file watcher (feature `hot_reload`).
//!
//! ```sh
//! cargo bench --features hot_reload --bench reload
//! ```
//!
//! Each iteration saves one edit and runs frames until `CatalogReloaded` arrives; criterion
//! reports the distribution, and the bench also prints the median and the worst of its samples.
//! The watcher itself waits about 0.35 s before it reports a change.

use std::path::Path;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy_missions::catalog::CatalogStatus;
use bevy_missions::prelude::*;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};

const CATALOG: &str = r#"(
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [(id: "DOCK", name: "Dock", kind: "BEACON")],
    missions: [(id: "M", name: "Version NAME", objectives: [(goal: GoTo(place: "DOCK"))])],
)"#;

fn app_in(root: &Path) -> App {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        AssetPlugin {
            file_path: root.display().to_string(),
            watch_for_changes_override: Some(true),
            ..default()
        },
        MissionsPlugins,
    ));
    app
}

fn generation(app: &App) -> u64 {
    app.world().resource::<CatalogStatus>().generation
}

/// Saves an edit and returns how long until the new catalog is in place.
fn one_edit(app: &mut App, file: &Path, n: u64) -> Duration {
    let before = generation(app);
    let start = Instant::now();
    std::fs::write(file, CATALOG.replace("NAME", &n.to_string())).expect("write the catalog");
    while generation(app) == before {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the edit never arrived"
        );
        app.update();
        std::thread::sleep(Duration::from_millis(2));
    }
    start.elapsed()
}

fn reload(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("missions")).expect("mkdir");
    let file = dir.path().join("missions/a.missions.ron");
    std::fs::write(&file, CATALOG.replace("NAME", "0")).expect("write");
    let mut app = app_in(dir.path());
    while generation(&app) == 0 {
        app.update();
        std::thread::sleep(Duration::from_millis(2));
    }
    let mut n = 0;
    let mut samples = Vec::new();
    let mut group = c.benchmark_group("catalog_reload");
    group
        .sample_size(20)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_millis(1));
    group.bench_function("saved_edit_to_new_catalog", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                let took = one_edit(&mut app, &file, n);
                samples.push(took);
                total += took;
            }
            total
        })
    });
    group.finish();
    samples.sort();
    if let (Some(median), Some(worst)) = (samples.get(samples.len() / 2), samples.last()) {
        println!(
            "catalog_reload: {} edits, median {:.0} ms, worst {:.0} ms",
            samples.len(),
            median.as_secs_f64() * 1000.0,
            worst.as_secs_f64() * 1000.0
        );
    }
}

criterion_group!(benches, reload);
criterion_main!(benches);
