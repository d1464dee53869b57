//! Saves: progress survives a restart, corrupted saves are reported and left untouched, writes
//! are debounced, and format 1 migrates.

use bevy_missions::model::player::Wallet;
use bevy_missions::save::SaveCommand;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bevy::prelude::*;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::lifecycle::MissionAcceptance;
use bevy_missions::model::player::Experience;
use bevy_missions::model::player::Inventory;
use bevy_missions::model::player::RewardLedger;
use bevy_missions::model::save::SAVE_VERSION;
use bevy_missions::model::save::SaveGame;
use bevy_missions::prelude::*;
use bevy_missions::save::backup_path;
use bevy_missions::save::read_save;
use bevy_missions::testing::MissionsTest;

pub const SAVE_CATALOG: &str = r#"(
    factions: [(id: "GUILD", name: "Guild")],
    items: [(id: "ORE", name: "Ore")],
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [(id: "DOCK", name: "Dock", kind: "BEACON"), (id: "RELAY", name: "Relay", kind: "BEACON")],
    species: [(id: "DRONE", name: "Drone")],
    enemies: [(id: "SWARMER", name: "Swarmer", species: "DRONE")],
    missions: [
        (id: "FIRST", name: "First", issuer: "GUILD", objectives: [(goal: GoTo(place: "DOCK"))],
         rewards: (credits: 50, reputation: 10, xp: 30), follow_ups: [(mission: "SECOND", mode: Offer)]),
        (id: "SECOND", name: "Second", issuer: "GUILD", origins: [Secondary], order: Sequential,
         objectives: [(goal: KillType(enemy: "SWARMER", count: 5)), (goal: GoTo(place: "RELAY"))],
         rewards: (credits: 100)),
        (id: "TALLY", name: "Tally", turn_in: true, objectives: [(goal: FindItem(item: "ORE", count: 2))],
         rewards: (credits: 20)),
    ],
)"#;

fn catalog() -> MissionCatalog {
    MissionCatalog::from_ron_str(SAVE_CATALOG).expect("valid catalog")
}

/// Saving to `path`, writing only on exit or an explicit save (a long debounce).
fn game(path: &Path) -> MissionsTest {
    game_with(path, Duration::from_secs(3600))
}

fn game_with(path: &Path, debounce: Duration) -> MissionsTest {
    MissionsTest::with_save(
        catalog(),
        SavePlugin {
            debounce,
            max_delay: debounce,
            ..SavePlugin::at(path)
        },
    )
}

/// A save with FIRST completed, SECOND offered and 3 swarmers of 5 killed.
fn played(path: &Path) -> MissionsTest {
    let mut t = game(path);
    let pilot = t.spawn_player("pilot");
    t.accept(pilot, "FIRST");
    t.fact(MissionFact::entered(pilot, "DOCK"));
    t.accept(pilot, "SECOND");
    for _ in 0..3 {
        t.fact(MissionFact::killed(pilot, "SWARMER"));
    }
    t
}

struct FileState {
    bytes: Vec<u8>,
    modified: std::time::SystemTime,
}

fn file_state(path: &Path) -> FileState {
    FileState {
        bytes: fs::read(path).expect("save file exists"),
        modified: fs::metadata(path)
            .and_then(|m| m.modified())
            .expect("mtime"),
    }
}

fn assert_untouched(path: &Path, before: &FileState) {
    let after = file_state(path);
    assert!(
        after.bytes == before.bytes,
        "{} was changed",
        path.display()
    );
    assert_eq!(
        after.modified,
        before.modified,
        "{} was rewritten",
        path.display()
    );
}

fn save_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("pilot.save.ron")
}

#[test]
fn progress_survives_a_restart_and_pays_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    let mut t = played(&path);
    let pilot = t.player("pilot").unwrap();
    let second_serial = t.acceptance(pilot, "SECOND").unwrap().serial();
    let ledger = t.get::<RewardLedger>(pilot).unwrap();
    assert_eq!((ledger.payments(), ledger.owed_len()), (1, 1));
    assert!(ledger.owes(second_serial));
    t.exit();
    assert_eq!(t.save_status().writes, 1);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("version: {SAVE_VERSION}")), "{text}");

    // A new run: the player is spawned by the game before the catalog is ready.
    let mut t = game(&path);
    let pilot = t.player("pilot").expect("pilot restored");
    assert_eq!(t.credits(pilot), 50);
    assert_eq!(t.reputation(pilot, "GUILD"), 10);
    assert_eq!(t.get::<Experience>(pilot).unwrap().xp, 30);
    assert_eq!(t.completions(pilot, "FIRST"), 1);
    let second = t.acceptance(pilot, "SECOND").expect("in progress");
    assert_eq!(second.status(), MissionStatus::Active);
    assert_eq!(second.progress()[0].count, 3);
    assert_eq!(second.checkpoints().len(), 3);
    assert!(second.checkpoints().all(|c| c.by == pilot));

    // It goes on where it stopped, and FIRST is not paid again.
    t.fact(MissionFact::killed(pilot, "SWARMER"));
    t.fact(MissionFact::killed(pilot, "SWARMER"));
    t.fact(MissionFact::entered(pilot, "RELAY"));
    assert_eq!(t.status(pilot, "SECOND"), Some(MissionStatus::Completed));
    assert_eq!(t.credits(pilot), 150);
    let ledger = t.get::<RewardLedger>(pilot).unwrap();
    assert_eq!((ledger.payments(), ledger.owed_len()), (2, 0));
    assert_eq!(ledger.credits_paid(), 150);
    // Serials continue: a new acceptance never reuses a paid serial.
    t.accept(pilot, "TALLY");
    let tally = t.acceptance(pilot, "TALLY").unwrap();
    assert!(
        tally.serial() > second.serial(),
        "{} > {}",
        tally.serial(),
        second.serial()
    );
}

#[test]
fn a_player_spawned_by_the_game_gets_the_saved_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    played(&path).exit();
    // The game spawns its player first, then the plugin loads on the first frame.
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        MissionsPlugins::manual().set(SavePlugin::at(&path)),
    ))
    .insert_resource(catalog())
    .insert_resource(MissionClock::manual());
    let pilot = app.world_mut().spawn(MissionHolder::new("pilot")).id();
    app.update();
    assert_eq!(app.world().get::<Wallet>(pilot).unwrap().credits, 50);
    let holders = app
        .world_mut()
        .query::<&MissionHolder>()
        .iter(app.world())
        .count();
    assert_eq!(holders, 1, "no second holder is spawned for the same id");
}

#[test]
fn a_burst_of_progress_is_written_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    let mut t = played(&path);
    assert_eq!(t.save_status().writes, 0, "the debounce holds writes back");
    assert!(t.save_status().has_unsaved_changes());
    assert!(!path.exists());
    t.exit();
    assert_eq!(t.save_status().writes, 1);
    // Nothing new: exiting again writes nothing.
    t.exit();
    assert_eq!(t.save_status().writes, 1);
}

/// Runs frames until the background write of the last change has landed.
fn settle(t: &mut MissionsTest) {
    for _ in 0..400 {
        t.update();
        let status = t.save_status();
        if !status.is_writing() && !status.has_unsaved_changes() {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the save was never written");
}

#[test]
fn each_outcome_is_saved_once_the_debounce_passes() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    let mut t = game_with(&path, Duration::ZERO);
    let pilot = t.spawn_player("pilot");
    t.accept(pilot, "FIRST");
    settle(&mut t);
    let save = read_save(&path).unwrap().expect("written after the accept");
    assert_eq!(save.acceptances.len(), 1);
    t.fact(MissionFact::entered(pilot, "DOCK"));
    settle(&mut t);
    let save = read_save(&path).unwrap().unwrap();
    assert!(save.acceptances.is_empty());
    assert_eq!(save.players[0].wallet.credits, 50);
    // Time passing alone is not a change worth a write.
    let writes = t.save_status().writes;
    t.advance(10.0);
    t.update();
    assert_eq!(t.save_status().writes, writes);
}

#[test]
fn save_now_writes_at_once_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    let mut t = played(&path);
    t.app.world_mut().write_message(SaveCommand::SaveNow);
    t.update();
    assert!(path.exists());
    let pilot = t.player("pilot").unwrap();
    t.fact(MissionFact::killed(pilot, "SWARMER"));
    t.exit();
    let backup = read_save(&backup_path(&path)).unwrap().unwrap();
    let current = read_save(&path).unwrap().unwrap();
    assert_eq!(backup.acceptances[0].progress[0].count, 3);
    assert_eq!(current.acceptances[0].progress[0].count, 4);
}

/// Starts a game on a damaged save, plays and exits: the file must be exactly as it was.
fn refused_and_untouched(path: &Path, expect_position: bool) -> MissionsTest {
    let before = file_state(path);
    let mut t = game_with(path, Duration::ZERO);
    let refused = t.save_status().refused.as_ref().expect("save refused");
    let message = refused.error.to_string();
    assert!(
        message.starts_with(&path.display().to_string()),
        "the message names the file: {message}"
    );
    if expect_position {
        let (line, col) = refused.error.position().expect("a position");
        assert!(message.contains(&format!(":{line}:{col}:")), "{message}");
    }
    // Play on: nothing is written over the damaged file, not even on exit.
    let pilot = t.player("pilot").unwrap_or_else(|| t.spawn_player("pilot"));
    t.accept(pilot, "FIRST");
    t.fact(MissionFact::entered(pilot, "DOCK"));
    t.exit();
    assert_eq!(t.save_status().writes, 0);
    assert_untouched(path, &before);
    t
}

#[test]
fn a_truncated_save_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    played(&path).exit();
    let text = fs::read(&path).unwrap();
    fs::write(&path, &text[..text.len() / 2]).unwrap();
    refused_and_untouched(&path, true);
}

#[test]
fn a_garbage_save_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    fs::write(&path, [0x89, b'P', b'N', b'G', 0, 0xff, 0xfe, b'\n', 7]).unwrap();
    refused_and_untouched(&path, true);
    fs::write(&path, "(version: 2, players: [(id: 7)])").unwrap();
    refused_and_untouched(&path, true);
}

#[test]
fn an_empty_save_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    fs::write(&path, "").unwrap();
    refused_and_untouched(&path, true);
}

#[test]
fn a_save_from_a_newer_version_is_refused_by_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    played(&path).exit();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace(&format!("version: {SAVE_VERSION}"), "version: 99");
    fs::write(&path, text).unwrap();
    let t = refused_and_untouched(&path, false);
    let message = t.save_status().refused.as_ref().unwrap().error.to_string();
    assert!(message.contains("version 99"), "{message}");
}

#[test]
fn an_unreadable_save_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the save should be: reading fails whoever runs the test.
    let path = save_path(&dir);
    fs::create_dir(&path).unwrap();
    let mut t = game_with(&path, Duration::ZERO);
    let message = t.save_status().refused.as_ref().unwrap().error.to_string();
    assert!(message.contains("cannot read the save"), "{message}");
    let pilot = t.spawn_player("pilot");
    t.accept(pilot, "FIRST");
    t.exit();
    assert!(path.is_dir(), "the folder is still there");
    assert_eq!(fs::read_dir(&path).unwrap().count(), 0);
}

/// Where [`an_unreadable_save_is_refused_by_this_user`] finds the save, when it is run as
/// another user.
const UNREADABLE_SAVE: &str = "BEVY_MISSIONS_UNREADABLE_SAVE";

#[cfg(unix)]
#[test]
fn a_save_without_read_permission_is_refused_and_left_alone() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    played(&path).exit();
    let before = file_state(&path);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    // root reads whatever the mode says (as CI runs): the check runs as `nobody` instead.
    let root = fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    if root {
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
        // A copy of this test binary that `nobody` can run wherever the checkout lives.
        let exe = dir.path().join("tests-as-nobody");
        fs::copy(std::env::current_exe().unwrap(), &exe).unwrap();
        fs::set_permissions(&exe, fs::Permissions::from_mode(0o755)).unwrap();
        let status = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&exe)
            .args([
                "--exact",
                "save::an_unreadable_save_is_refused_by_this_user",
                "--ignored",
                "--quiet",
            ])
            .env(UNREADABLE_SAVE, &path)
            .output()
            .expect("setpriv runs the check as nobody");
        assert!(
            status.status.success(),
            "refused when read as nobody: {}{}",
            String::from_utf8_lossy(&status.stdout),
            String::from_utf8_lossy(&status.stderr)
        );
    } else {
        refused_for_permission(&path);
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    assert_untouched(&path, &before);
}

/// Run by the test above as another user (it needs the save's path).
#[test]
#[ignore = "run as another user by a_save_without_read_permission_is_refused_and_left_alone"]
fn an_unreadable_save_is_refused_by_this_user() {
    let path = std::env::var_os(UNREADABLE_SAVE).expect("the save's path");
    refused_for_permission(Path::new(&path));
}

fn refused_for_permission(path: &Path) {
    let t = game_with(path, Duration::ZERO);
    let refused = t
        .save_status()
        .refused
        .as_ref()
        .expect("the save is refused");
    let message = refused.error.to_string();
    assert!(message.contains("ermission denied"), "{message}");
}

#[test]
fn the_player_can_go_on_from_the_backup_and_the_damaged_save_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    let mut t = played(&path);
    t.app.world_mut().write_message(SaveCommand::SaveNow);
    t.update();
    let pilot = t.player("pilot").unwrap();
    t.fact(MissionFact::killed(pilot, "SWARMER"));
    t.exit(); // backup: 3 kills; save: 4 kills
    fs::write(&path, "(version: 2, clock_now: 1.0, players: [").unwrap();
    let damaged = fs::read(&path).unwrap();

    let mut t = refused_and_untouched(&path, true);
    assert!(t.save_status().refused.as_ref().unwrap().backup.is_some());
    t.app.world_mut().write_message(SaveCommand::UseBackup);
    t.update();
    assert!(t.save_status().refused.is_none());
    let pilot = t.player("pilot").unwrap();
    assert_eq!(
        t.acceptance(pilot, "SECOND").unwrap().progress()[0].count,
        3
    );
    assert_eq!(
        t.credits(pilot),
        50,
        "the backup replaces what was played meanwhile"
    );
    let kept = fs::read(path.with_extension("ron.rejected")).expect("damaged save kept");
    assert_eq!(kept, damaged);
    assert_eq!(read_save(&path).unwrap().unwrap().acceptances.len(), 1);
}

#[test]
fn the_player_can_start_fresh_and_the_damaged_save_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    fs::write(&path, "not a save at all").unwrap();
    let mut t = refused_and_untouched(&path, true);
    assert!(t.save_status().refused.as_ref().unwrap().backup.is_none());
    // Without a backup, UseBackup changes nothing.
    t.app.world_mut().write_message(SaveCommand::UseBackup);
    t.update();
    assert!(t.save_status().refused.is_some());
    assert_eq!(fs::read(&path).unwrap(), b"not a save at all");

    t.app.world_mut().write_message(SaveCommand::StartFresh);
    t.update();
    assert!(t.save_status().refused.is_none());
    let kept = fs::read(path.with_extension("ron.rejected")).unwrap();
    assert_eq!(kept, b"not a save at all");
    let fresh = read_save(&path)
        .unwrap()
        .expect("the current state is saved");
    assert_eq!(fresh.players[0].wallet.credits, 50);
}

pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A game started on a copy of a fixture save: the game, the pilot and the wingmate.
fn from_fixture(name: &str, path: &Path) -> (MissionsTest, Entity, Entity) {
    fs::copy(fixture_path(name), path).unwrap();
    let mut t = game(path);
    assert!(t.save_status().refused.is_none(), "{name} loads");
    let pilot = t.player("pilot").expect("pilot restored");
    let wingmate = t.player("wingmate").expect("wingmate restored");
    (t, pilot, wingmate)
}

#[test]
fn a_format_1_save_migrates_and_plays_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    let (mut t, pilot, wingmate) = from_fixture("save_v1.ron", &path);
    let fixture = fixture_path("save_v1.ron");
    assert_eq!(t.credits(pilot), 50);
    assert_eq!(t.reputation(pilot, "GUILD"), 10);
    assert_eq!(t.get::<Inventory>(pilot).unwrap().count(&"ORE".into()), 1);
    assert_eq!(t.completions(pilot, "FIRST"), 1);
    assert_eq!(
        t.app.world().resource::<MissionClock>().now,
        7200.0,
        "the clock resumes"
    );
    // Targets come from the catalog; the log is credited to the holder.
    let second = t.acceptance(pilot, "SECOND").unwrap();
    assert_eq!(
        (second.progress()[0].count, second.progress()[0].target),
        (3, 5)
    );
    assert!(!second.progress()[0].done);
    assert_eq!(second.checkpoints().len(), 2);
    assert!(second.checkpoints().all(|c| c.by == pilot));
    // The wingmate's turn-in mission was already met: it waits for the turn-in.
    let tally = t.acceptance(wingmate, "TALLY").unwrap();
    assert!(tally.objectives_met());
    assert_eq!(tally.deadline(), Some(90000.0));
    t.turn_in(wingmate, "TALLY");
    assert_eq!(t.credits(wingmate), 20);
    // The pilot finishes SECOND; serials go on after the old ones.
    t.fact(MissionFact::killed(pilot, "SWARMER"));
    t.fact(MissionFact::killed(pilot, "SWARMER"));
    t.fact(MissionFact::entered(pilot, "RELAY"));
    assert_eq!(t.credits(pilot), 150);
    t.accept(pilot, "TALLY");
    assert!(t.acceptance(pilot, "TALLY").unwrap().serial() >= 4);
    t.exit();
    // Written as the current format; the old file is the backup.
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("version: {SAVE_VERSION}")));
    assert!(
        fs::read_to_string(backup_path(&path)).unwrap() == fs::read_to_string(&fixture).unwrap(),
        "the format-1 file is kept as the backup"
    );
}

#[test]
fn shared_state_generated_missions_and_pins_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("server.save.ron");
    let demo = crate::common::demo_catalog();
    let mut t = MissionsTest::with_save(
        demo.clone(),
        SavePlugin {
            debounce: Duration::from_secs(3600),
            ..SavePlugin::at(&path)
        },
    );
    let ann = t.spawn_player("ann");
    let bob = t.spawn_player("bob");
    t.request(MissionRequest::Generate {
        player: ann,
        planet: None,
        seed: 7,
    });
    let generated = t.snapshot().generated;
    assert_eq!(generated.len(), 1, "one random mission pinned to ann");
    let random = generated.keys().next().unwrap().clone();
    t.accept(ann, random.as_str());
    let shared: Vec<String> = demo
        .missions()
        .filter(|m| matches!(m.scope, bevy_missions::model::mission::Scope::Shared { .. }))
        .map(|m| m.id.to_string())
        .collect();
    for m in &shared {
        t.accept(ann, m);
        t.accept(bob, m);
    }
    let before = t.snapshot();
    t.exit();
    let mut t = MissionsTest::with_save(demo, SavePlugin::at(&path));
    let mut after = t.snapshot();
    // The session-scope tutorial is not saved: it starts again on the new session and takes
    // fresh serials.
    assert!(after.last_serial > before.last_serial);
    after.last_serial = before.last_serial;
    assert_eq!(after, before);
    let ann = t.player("ann").unwrap();
    assert_eq!(t.status(ann, random.as_str()), Some(MissionStatus::Active));
    for m in &shared {
        let acc = t.acceptance(ann, m).expect("shared acceptance restored");
        assert_eq!(acc.holders().len(), 2, "{m} is still shared by both");
    }
}

#[test]
fn a_despawned_player_is_still_saved_and_gets_their_state_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    let mut t = played(&path);
    let pilot = t.player("pilot").unwrap();
    t.app.world_mut().despawn(pilot);
    t.update();
    let save = t.snapshot();
    assert_eq!(save.players.len(), 1);
    assert_eq!(save.players[0].wallet.credits, 50);
    assert_eq!(
        save.acceptances.len(),
        1,
        "their mission in progress is kept"
    );
    let back = t.spawn_player("pilot");
    assert_eq!(t.credits(back), 50);
    // Their mission in progress is theirs again and goes on.
    let second = t
        .acceptance(back, "SECOND")
        .expect("moved to the new entity");
    assert_eq!(second.progress()[0].count, 3);
    assert!(second.checkpoints().all(|c| c.by == back));
    assert_eq!(
        t.get::<bevy_missions::player::ActiveMissions>(back)
            .unwrap()
            .len(),
        1
    );
    for _ in 0..2 {
        t.fact(MissionFact::killed(back, "SWARMER"));
    }
    t.fact(MissionFact::entered(back, "RELAY"));
    assert_eq!(t.status(back, "SECOND"), Some(MissionStatus::Completed));
    assert_eq!(t.credits(back), 150);
}

#[test]
fn restoring_repairs_inconsistent_records_without_panicking() {
    let text = r#"(version: 2, clock_now: 10.0, clock_epoch_unix: 0, last_serial: 1,
        players: [(id: "a", wallet: (credits: 5), experience: (xp: 0, level: 1), reputation: (standings: {})),
                  (id: "a", wallet: (credits: 9), experience: (xp: 0, level: 1), reputation: (standings: {}))],
        acceptances: [
            (serial: 7, mission: "FIRST", holders: ["a"], status: Active, accepted_at: 1.0, progress: []),
            (serial: 7, mission: "FIRST", holders: ["a"], status: Active, accepted_at: 1.0, progress: []),
            (serial: 8, mission: "FIRST", holders: ["ghost"], status: Active, accepted_at: 1.0, progress: []),
            (serial: 9, mission: "NOT_IN_CATALOG", holders: ["a"], status: Active, accepted_at: 1.0, progress: [(count: 1, target: 1, done: true, optional: false, seen: [], ends_at: None)]),
        ])"#;
    let save = SaveGame::from_ron(Path::new("odd.ron"), text.as_bytes()).unwrap();
    let mut t = MissionsTest::new(catalog());
    let report = bevy_missions::save::restore(t.app.world_mut(), save);
    t.update();
    assert_eq!(report.players, 1);
    assert_eq!(report.warnings.len(), 3, "{:?}", report.warnings);
    let a = t.player("a").unwrap();
    assert_eq!(t.credits(a), 5);
    // The serial counter is past every restored serial.
    t.accept(a, "TALLY");
    assert!(t.acceptance(a, "TALLY").unwrap().serial() > 9);
    // A mission missing from the catalog stays frozen, not completed.
    assert_eq!(t.status(a, "NOT_IN_CATALOG"), Some(MissionStatus::Active));
    let count = t
        .app
        .world_mut()
        .query::<&MissionAcceptance>()
        .iter(t.app.world())
        .count();
    assert_eq!(count, 3, "FIRST, NOT_IN_CATALOG and TALLY");
}

#[test]
fn a_format_2_save_from_an_earlier_build_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    let (mut t, pilot, wingmate) = from_fixture("save_v2.ron", &path);
    assert_eq!(t.credits(pilot), 50);
    assert_eq!(
        t.acceptance(pilot, "SECOND").unwrap().progress()[0].count,
        3
    );
    assert_eq!(
        t.acceptance(wingmate, "TALLY").unwrap().progress()[0].count,
        1
    );
    t.fact(MissionFact::collected(wingmate, "ORE", 1));
    t.turn_in(wingmate, "TALLY");
    assert_eq!(t.credits(wingmate), 20);
}

#[test]
fn a_failed_write_is_reported_and_the_game_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("saves");
    let path = blocker.join("pilot.save.ron");
    let mut t = game(&path);
    assert!(t.save_status().refused.is_none(), "no save yet: a new game");
    // Then the save's folder cannot be made (a file took its name): every write fails.
    fs::write(&blocker, "not a folder").unwrap();
    let pilot = t.spawn_player("pilot");
    t.accept(pilot, "FIRST");
    t.fact(MissionFact::entered(pilot, "DOCK"));
    t.exit();
    let error = t
        .save_status()
        .last_error
        .clone()
        .expect("write error kept");
    assert!(error.contains("pilot.save.ron"), "{error}");
    assert_eq!(t.save_status().writes, 0);
    assert_eq!(t.credits(pilot), 50);
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "not a folder");
}

#[test]
fn a_save_with_numbers_the_game_cannot_use_is_refused_at_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    played(&path).exit();
    let good = fs::read_to_string(&path).unwrap();
    let with_line = |key: &str, value: &str| -> (String, usize) {
        let mut at = 0;
        let text = good
            .lines()
            .enumerate()
            .map(|(i, l)| match l.find(key) {
                Some(col) if at == 0 => {
                    at = i + 1;
                    format!("{}{key}: {value},", &l[..col])
                }
                _ => l.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        (text, at)
    };
    let cases = [
        ("clock_now", "inf".to_owned()),
        ("clock_now", "NaN".to_owned()),
        ("clock_now", "1e19".to_owned()),
        ("clock_epoch_unix", i64::MAX.to_string()),
        ("last_serial", u64::MAX.to_string()),
        ("accepted_at", "inf".to_owned()),
        ("count", u32::MAX.to_string()),
    ];
    for (key, value) in cases {
        let (bad, line) = with_line(key, &value);
        assert!(line > 0, "the save has `{key}`");
        fs::write(&path, &bad).unwrap();
        let t = refused_and_untouched(&path, true);
        let error = &t.save_status().refused.as_ref().unwrap().error;
        assert_eq!(error.position().unwrap().0, line, "{error}");
        assert!(error.to_string().contains(&format!("`{key}`")), "{error}");
    }
}

#[test]
fn a_format_3_save_keeps_each_count_on_its_objective_after_a_game_update() {
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    fs::copy(fixture_path("save_v3.ron"), &path).unwrap();
    // The update lists SECOND's objectives the other way round (the order stays sequential in
    // the designer's sense: the kill count is still the one in progress).
    let updated = SAVE_CATALOG.replace(
        r#"objectives: [(goal: KillType(enemy: "SWARMER", count: 5)), (goal: GoTo(place: "RELAY"))],"#,
        r#"order: Parallel, objectives: [(goal: GoTo(place: "RELAY")), (goal: KillType(enemy: "SWARMER", count: 5))],"#,
    )
    .replace("origins: [Secondary], order: Sequential,", "origins: [Secondary],");
    let mut t = MissionsTest::with_save(
        MissionCatalog::from_ron_str(&updated).expect("valid"),
        SavePlugin {
            debounce: Duration::from_secs(3600),
            ..SavePlugin::at(&path)
        },
    );
    assert!(t.save_status().refused.is_none());
    let pilot = t.player("pilot").unwrap();
    let second = t.acceptance(pilot, "SECOND").unwrap();
    let by_key: Vec<(&str, u32)> = second
        .progress()
        .iter()
        .map(|p| (p.key.as_str(), p.count))
        .collect();
    assert_eq!(by_key, vec![("GoTo(RELAY)", 0), ("KillType(SWARMER)", 3)]);
}

#[test]
fn a_run_accepted_from_a_posting_is_there_to_fly_after_a_restart() {
    use bevy_missions::model::run::RunDefinition;
    use bevy_missions::model::run::RunOverrides;
    let dir = tempfile::tempdir().unwrap();
    let path = save_path(&dir);
    let demo = |path: &Path| {
        MissionsTest::with_save(
            crate::common::demo_catalog_every_posting(),
            SavePlugin {
                debounce: Duration::from_secs(3600),
                max_delay: Duration::from_secs(3600),
                ..SavePlugin::at(path)
            },
        )
    };
    let mut t = demo(&path);
    let pilot = t.spawn_player("pilot");
    t.request(MissionRequest::AcceptPosting {
        player: pilot,
        posting: "P_KEPLER_SURVEY".into(),
        overrides: RunOverrides {
            weapon_box_count: Some(9),
            ..default()
        },
    });
    let run = t.get::<RunDefinition>(pilot).expect("a run");
    assert_eq!(run.weapon_box_count, 9);
    t.exit();

    // A damaged run in the save is refused at the value, and the file is left as it was.
    let good = fs::read_to_string(&path).unwrap();
    for (key, value) in [
        ("enemy_count_mult", "inf"),
        ("wave_interval_seconds", "0.0"),
        ("timer_seconds", "-5.0"),
    ] {
        let start = good.find(&format!("{key}: ")).expect(key);
        let end = start + good[start..].find(',').unwrap();
        let bad = format!("{}{key}: {value}{}", &good[..start], &good[end..]);
        fs::write(&path, &bad).unwrap();
        let t = refused_and_untouched(&path, true);
        let error = &t.save_status().refused.as_ref().unwrap().error;
        assert!(error.to_string().contains(key), "{error}");
    }
    fs::write(&path, &good).unwrap();

    // The run comes back as it was assembled, overrides and all.
    let mut t = demo(&path);
    let pilot = t.player("pilot").expect("pilot restored");
    assert_eq!(t.get::<RunDefinition>(pilot), Some(run.clone()));
    assert_eq!(
        t.status(pilot, "M_KEPLER_SURVEY"),
        Some(MissionStatus::Active)
    );

    // Once its mission is over, the run is not brought back with it.
    t.abandon(pilot, "M_KEPLER_SURVEY");
    t.exit();
    let mut t = demo(&path);
    let pilot = t.player("pilot").expect("pilot restored");
    assert_eq!(t.get::<RunDefinition>(pilot), None);
}

/// A mission that starts some time after another was completed still starts when the game was
/// saved and loaded while it waited.
#[test]
fn a_delayed_trigger_waiting_at_a_save_fires_after_the_load() {
    const DELAYED: &str = r#"(
        place_kinds: [(id: "BEACON", name: "Beacon")],
        places: [(id: "DOCK", name: "Dock", kind: "BEACON")],
        missions: [
            (id: "FIRST", name: "First", objectives: [(goal: GoTo(place: "DOCK"))]),
            (id: "LATER", name: "Later", trigger: AfterMission(mission: "FIRST", seconds: 60.0),
             objectives: [(goal: GoTo(place: "DOCK"))]),
        ],
    )"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("delayed.save.ron");
    let catalog = || bevy_missions::catalog::MissionCatalog::from_ron_str(DELAYED).unwrap();
    let mut t = MissionsTest::with_save(catalog(), SavePlugin::at(&path));
    let ann = t.spawn_player("ann");
    t.accept(ann, "FIRST");
    t.fact(MissionFact::entered(ann, "DOCK"));
    t.advance(30.0);
    assert_eq!(t.status(ann, "LATER"), None, "still waiting");
    t.exit();
    drop(t);

    let mut t = MissionsTest::with_save(catalog(), SavePlugin::at(&path));
    t.update();
    let ann = t.player("ann").expect("back from the save");
    t.advance(20.0);
    assert_eq!(t.status(ann, "LATER"), None, "50 s after the completion");
    t.advance(15.0);
    assert_eq!(t.status(ann, "LATER"), Some(MissionStatus::Active));
}
