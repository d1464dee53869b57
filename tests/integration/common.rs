//! Helpers shared by the integration tests.

use std::path::PathBuf;

use bevy_missions::catalog::MissionCatalog;

/// The demo catalog folder.
pub fn demo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/missions")
}

/// Every demo catalog file as `(path, text)`, sorted.
pub fn demo_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(demo_dir())
        .expect("assets/missions exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".missions.ron"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("demo file is readable");
            (p.display().to_string(), text)
        })
        .collect();
    files.sort();
    files
}

/// The demo catalog, validated.
pub fn demo_catalog() -> MissionCatalog {
    let files = demo_files();
    MissionCatalog::from_texts(files.iter().map(|(p, t)| (p.as_str(), t.as_str())))
        .unwrap_or_else(|e| panic!("demo catalog must validate:\n{e}"))
}

/// The demo catalog with every open posting on the board (its rules draw two per planet a day):
/// for tests of what a posting does, not of which the board shows.
pub fn demo_catalog_every_posting() -> MissionCatalog {
    let files: Vec<(String, String)> = demo_files()
        .into_iter()
        .map(|(p, t)| {
            let every = t.replace("postings_per_planet: 2,", "");
            (p, every)
        })
        .collect();
    let catalog = MissionCatalog::from_texts(files.iter().map(|(p, t)| (p.as_str(), t.as_str())))
        .unwrap_or_else(|e| panic!("demo catalog must validate:\n{e}"));
    assert_eq!(catalog.rules().postings_per_planet, None);
    catalog
}

/// Errors (as `path:line:col: message` lines) of a catalog built from `(path, text)` files.
pub fn errors_of(files: &[(&str, &str)]) -> Vec<String> {
    match MissionCatalog::from_texts(files.iter().copied()) {
        Ok(_) => Vec::new(),
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    }
}

/// A small valid world used by validation tests: one faction, one item, one place.
pub const WORLD: &str = r#"(
    factions: [(id: "FED", name: "Federation", rivals: ["PIRATES"]), (id: "PIRATES", name: "Pirates", rivals: ["FED"])],
    items: [(id: "ORE", name: "Ore")],
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [(id: "DOCK", name: "Dock", kind: "BEACON")],
    species: [(id: "DRONE", name: "Drone")],
    enemies: [(id: "SWARMER", name: "Swarmer", species: "DRONE")],
)"#;
