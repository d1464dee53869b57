//! The designer's loop: the lint and live reload. A catalog file is copied into a temporary
//! asset folder; the game loads it; the file is edited on disk and the new version arrives while
//! the game runs; then a broken edit is saved: the game keeps the last good catalog and reports
//! the error with `path:line:col`, and `missions-lint` (here its library call) reports the same.
//!
//! ```sh
//! cargo run --example live_edit --features hot_reload
//! ```
//!
//! Exits with success once both edits arrived, with an error after 30 seconds.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bevy::app::ScheduleRunnerPlugin;
use bevy::prelude::*;
use bevy_missions::catalog::{CatalogRejected, CatalogReloaded, lint_paths};
use bevy_missions::prelude::*;

const FIRST: &str = r#"(
    place_kinds: [(id: "STATION", name: "Station")],
    places: [(id: "DOCK", name: "Kepler Dock", kind: "STATION")],
    missions: [(
        id: "FIRST_FLIGHT",
        name: "First flight",
        objectives: [(goal: GoTo(place: "DOCK"), text: "Dock at Kepler")],
    )],
)"#;

/// Where the example is in its loop.
#[derive(Resource)]
struct Edit {
    folder: PathBuf,
    step: u8,
    saved_at: Instant,
    started: Instant,
}

impl Edit {
    fn file(&self) -> PathBuf {
        self.folder.join("missions/first.missions.ron")
    }

    /// Saves a new version of the file, as a designer's editor would.
    fn save(&mut self, text: &str) {
        std::fs::write(self.file(), text).expect("the catalog file is writable");
        self.saved_at = Instant::now();
        self.step += 1;
    }

    /// Runs the lint over the folder, as `missions-lint` would.
    fn lint(&self) -> Vec<String> {
        let (report, _) = lint_paths(&[self.folder.join("missions")]);
        report.errors.iter().map(ToString::to_string).collect()
    }
}

fn main() -> AppExit {
    let folder = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir_all(folder.path().join("missions")).expect("the missions folder");
    std::fs::write(folder.path().join("missions/first.missions.ron"), FIRST).expect("written");
    App::new()
        .add_plugins((
            MinimalPlugins.set(ScheduleRunnerPlugin::run_loop(Duration::from_millis(10))),
            AssetPlugin {
                file_path: folder.path().display().to_string(),
                watch_for_changes_override: Some(true),
                ..default()
            },
            MissionsPlugins,
        ))
        .insert_resource(Edit {
            folder: folder.path().to_owned(),
            step: 0,
            saved_at: Instant::now(),
            started: Instant::now(),
        })
        .add_systems(Update, designer.after(MissionSystems::Catalog))
        .run()
}

fn designer(
    mut edit: ResMut<Edit>,
    catalog: Res<MissionCatalog>,
    mut reloaded: MessageReader<CatalogReloaded>,
    mut rejected: MessageReader<CatalogRejected>,
    mut exit: MessageWriter<AppExit>,
) {
    let name = |catalog: &MissionCatalog| {
        catalog
            .mission("FIRST_FLIGHT")
            .map_or(String::new(), |m| m.name.clone())
    };
    for reload in reloaded.read() {
        let waited = edit.saved_at.elapsed().as_millis();
        match edit.step {
            0 => {
                println!("loaded: {}", name(&catalog));
                println!("lint: {:?}", edit.lint());
                edit.save(&FIRST.replace("First flight", "Maiden voyage"));
            }
            1 => {
                println!(
                    "generation {}: the edit arrived after {waited} ms: {}",
                    reload.generation,
                    name(&catalog)
                );
                // A typo: a field name that does not exist.
                edit.save(&FIRST.replace("objectives:", "objectivs:"));
            }
            _ => {}
        }
    }
    for refused in rejected.read() {
        if edit.step == 2 {
            println!(
                "the broken edit arrived after {} ms; the game keeps \"{}\" and says:",
                edit.saved_at.elapsed().as_millis(),
                name(&catalog)
            );
            for error in &refused.errors {
                println!("  {error}");
            }
            let lint = edit.lint();
            println!("missions-lint says:");
            for error in &lint {
                println!("  {error}");
            }
            let same = lint.len() == refused.errors.len() && name(&catalog) == "Maiden voyage";
            exit.write(if same {
                AppExit::Success
            } else {
                AppExit::error()
            });
            edit.step = 3;
        }
    }
    if edit.started.elapsed() > Duration::from_secs(30) {
        eprintln!("the edits did not arrive within 30 s (step {})", edit.step);
        exit.write(AppExit::error());
    }
}
