//! Loading through Bevy's asset server, and reloading: a good edit replaces the catalog, a broken
//! one keeps the old catalog in use and reports the error with its position.

use bevy_missions::catalog::CatalogRejected;
use bevy_missions::catalog::CatalogStatus;
use std::path::Path;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy_missions::prelude::*;

const GOOD_V1: &str = r#"(
    places: [(id: "DOCK", name: "Dock", kind: "BEACON")],
    place_kinds: [(id: "BEACON", name: "Beacon")],
    missions: [(id: "M", name: "First version", objectives: [(goal: GoTo(place: "DOCK"))])],
)"#;
const GOOD_V2: &str = r#"(
    places: [(id: "DOCK", name: "Dock", kind: "BEACON")],
    place_kinds: [(id: "BEACON", name: "Beacon")],
    missions: [
        (id: "M", name: "Second version", objectives: [(goal: GoTo(place: "DOCK"))]),
        (id: "N", name: "New mission", objectives: [(goal: GoTo(place: "DOCK"))]),
    ],
)"#;
const BROKEN: &str = r#"(
    places: [(id: "DOCK", name: "Dock", kind: "BEACON")],
    missions: [(id: "M", name: "Broken", objectives: [(goal: GoTo(place: "DOCK"))]),
)"#;

/// Collects every rejection so the test can assert on what the UI would show.
#[derive(Resource, Default)]
struct Rejections(Vec<CatalogRejected>);

fn collect(mut reader: MessageReader<CatalogRejected>, mut seen: ResMut<Rejections>) {
    seen.0.extend(reader.read().cloned());
}

fn app_in(root: &Path) -> App {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        AssetPlugin {
            file_path: root.display().to_string(),
            ..default()
        },
        MissionsPlugins,
    ))
    .init_resource::<Rejections>()
    .add_systems(Update, collect.after(MissionSystems::Catalog));
    app
}

/// Runs frames until `done` holds, failing after 20 s.
pub(crate) fn update_until(app: &mut App, what: &str, done: impl Fn(&World) -> bool) {
    let start = Instant::now();
    while !done(app.world()) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        app.update();
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn generation(world: &World) -> u64 {
    world.resource::<CatalogStatus>().generation
}

fn name_of_m(world: &World) -> String {
    world
        .resource::<MissionCatalog>()
        .mission("M")
        .map(|m| m.name.clone())
        .unwrap_or_default()
}

fn write(root: &Path, text: &str) {
    std::fs::write(root.join("missions/a.missions.ron"), text).expect("write catalog file");
}

fn setup() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("missions")).expect("mkdir");
    write(dir.path(), GOOD_V1);
    let mut app = app_in(dir.path());
    update_until(&mut app, "the first load", |w| generation(w) == 1);
    assert_eq!(name_of_m(app.world()), "First version");
    (dir, app)
}

fn reload(app: &mut App) {
    app.world()
        .resource::<AssetServer>()
        .reload("missions/a.missions.ron");
}

#[test]
fn a_failed_reload_keeps_the_old_catalog_and_a_good_one_replaces_it() {
    let (dir, mut app) = setup();

    write(dir.path(), BROKEN);
    reload(&mut app);
    // (With the file watcher on, a half-written file may be seen and rejected first.)
    update_until(&mut app, "the rejection", |w| {
        w.resource::<CatalogStatus>()
            .errors
            .iter()
            .any(|e| e.to_string().starts_with("missions/a.missions.ron:4:1:"))
    });
    // Let any duplicate watcher events arrive.
    for _ in 0..20 {
        app.update();
        std::thread::sleep(Duration::from_millis(5));
    }
    // The old data survives, and the error says where the problem is.
    assert_eq!(name_of_m(app.world()), "First version");
    assert_eq!(generation(app.world()), 1);
    let rejections = &app.world().resource::<Rejections>().0;
    let last = rejections.last().expect("a CatalogRejected message");
    assert_eq!(last.errors.len(), 1);
    assert!(
        last.errors[0]
            .to_string()
            .starts_with("missions/a.missions.ron:4:1:")
    );
    for pair in rejections.windows(2) {
        assert_ne!(
            pair[0].errors, pair[1].errors,
            "one message per distinct failure"
        );
    }

    write(dir.path(), GOOD_V2);
    reload(&mut app);
    update_until(&mut app, "the good reload", |w| generation(w) == 2);
    assert_eq!(name_of_m(app.world()), "Second version");
    assert!(
        app.world()
            .resource::<MissionCatalog>()
            .mission("N")
            .is_some()
    );
    assert!(app.world().resource::<CatalogStatus>().errors.is_empty());
}

#[test]
fn a_reload_that_breaks_validation_keeps_the_old_catalog() {
    let (dir, mut app) = setup();
    write(
        dir.path(),
        &GOOD_V1.replace("place: \"DOCK\"", "place: \"DOKC\""),
    );
    reload(&mut app);
    update_until(&mut app, "the rejection", |w| {
        !w.resource::<CatalogStatus>().errors.is_empty()
    });
    assert_eq!(name_of_m(app.world()), "First version");
    let shown = app.world().resource::<CatalogStatus>().errors[0].to_string();
    assert!(
        shown.contains("unknown place `DOKC` (did you mean `DOCK`?)"),
        "{shown}"
    );
}

#[test]
fn the_demo_folder_loads_through_the_asset_server() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let mut app = app_in(&root);
    update_until(&mut app, "the demo catalog", |w| generation(w) == 1);
    let catalog = app.world().resource::<MissionCatalog>();
    assert_eq!(catalog.files().len(), 4);
    assert!(catalog.mission("M_FIND_BLACK_BOX").is_some());
}

/// With the file watcher, saving the file is enough: no reload call.
#[cfg(feature = "hot_reload")]
#[test]
fn a_saved_edit_is_picked_up_by_the_file_watcher() {
    let (dir, mut app) = setup();
    // Give the watcher a moment to start before the edit.
    std::thread::sleep(Duration::from_millis(300));
    write(dir.path(), GOOD_V2);
    let start = Instant::now();
    update_until(&mut app, "the watched reload", |w| generation(w) == 2);
    assert_eq!(name_of_m(app.world()), "Second version");
    // Not a speed measurement (benches/reload.rs measures it): a bound ten times the measured
    // worst case, which a watcher that does not deliver edits cannot meet.
    assert!(start.elapsed() < Duration::from_secs(5));
}

/// A game that accepts a mission the moment its player spawns, while the files still load.
fn accept_on_spawn(root: &Path) -> (App, Entity) {
    let mut app = app_in(root);
    let player = app.world_mut().spawn(MissionHolder::new("ann")).id();
    app.world_mut().write_message(MissionRequest::Accept {
        player,
        mission: "M".into(),
    });
    app.world_mut()
        .write_message(MissionFact::entered(player, "DOCK"));
    (app, player)
}

/// The status of a mission in progress, or of the last finished one in a journal.
fn status_of(world: &mut World, mission: &str) -> Option<MissionStatus> {
    let live = world
        .query::<&MissionAcceptance>()
        .iter(world)
        .find(|a| a.mission().as_str() == mission)
        .map(|a| a.status());
    live.or_else(|| {
        world
            .query::<&bevy_missions::model::player::MissionJournal>()
            .iter(world)
            .find_map(|j| j.last_of(mission).map(|e| e.status))
    })
}

#[test]
fn a_game_that_accepts_on_its_first_frame_gets_its_mission() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("missions")).expect("mkdir");
    write(dir.path(), GOOD_V1);
    let (mut app, _) = accept_on_spawn(dir.path());
    update_until(&mut app, "the first load", |w| generation(w) == 1);
    app.update();
    assert_eq!(
        status_of(app.world_mut(), "M"),
        Some(MissionStatus::Completed),
        "the early accept and the early fact were both applied, in order"
    );
    let rejected = app.world().resource::<Messages<MissionRejected>>();
    assert!(rejected.is_empty(), "nothing was refused");
}

#[test]
fn requests_are_refused_with_a_reason_when_the_catalog_fails_to_load() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("missions")).expect("mkdir");
    write(dir.path(), BROKEN);
    let (mut app, player) = accept_on_spawn(dir.path());
    app.init_resource::<Refusals>()
        .add_systems(Update, collect_refusals.after(MissionSystems::Ingest));
    update_until(&mut app, "the refusal", |w| {
        !w.resource::<Refusals>().0.is_empty()
    });
    let refusal = &app.world().resource::<Refusals>().0[0];
    assert_eq!(refusal.player, player);
    assert_eq!(refusal.mission, Some("M".into()));
    assert_eq!(refusal.reason, RejectReason::CatalogUnavailable);
    assert_eq!(status_of(app.world_mut(), "M"), None);
}

#[derive(Resource, Default)]
struct Refusals(Vec<MissionRejected>);

fn collect_refusals(mut reader: MessageReader<MissionRejected>, mut seen: ResMut<Refusals>) {
    seen.0.extend(reader.read().cloned());
}
