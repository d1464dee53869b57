//! Exactly-once payment with a ledger bounded by what is in progress: across completion, save,
//! quit, load, relog, a replayed or duplicated request, and a format-3 save's migration.

use std::fs;
use std::time::Duration;

use bevy::prelude::*;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::model::player::RewardLedger;
use bevy_missions::model::save::{SAVE_VERSION, SaveGame};
use bevy_missions::prelude::*;
use bevy_missions::testing::MissionsTest;

use crate::save::{SAVE_CATALOG, fixture_path};

fn game(path: &std::path::Path) -> MissionsTest {
    MissionsTest::with_save(
        MissionCatalog::from_ron_str(SAVE_CATALOG).expect("valid"),
        SavePlugin {
            debounce: Duration::from_secs(3600),
            max_delay: Duration::from_secs(3600),
            ..SavePlugin::at(path)
        },
    )
}

fn ledger(t: &MissionsTest, player: Entity) -> RewardLedger {
    t.get::<RewardLedger>(player)
        .expect("a player has a ledger")
}

/// Everything that could pay SECOND again: its facts, a turn-in, an accept, repeated.
fn replay_everything(t: &mut MissionsTest, pilot: Entity) {
    for _ in 0..2 {
        t.fact(MissionFact::killed(pilot, "SWARMER"));
        t.fact(MissionFact::entered(pilot, "RELAY"));
        t.turn_in(pilot, "SECOND");
        t.accept(pilot, "SECOND");
    }
}

#[test]
fn a_format_3_save_migrates_and_each_attempt_is_paid_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pilot.save.ron");
    fs::copy(fixture_path("save_v3.ron"), &path).unwrap();
    let mut t = game(&path);
    assert!(t.save_status().refused.is_none());
    let pilot = t.player("pilot").unwrap();
    let wingmate = t.player("wingmate").unwrap();
    // The old `paid: [1]` is gone: the pilot is owed SECOND (2), the wingmate TALLY (3).
    let second = t.acceptance(pilot, "SECOND").unwrap().serial();
    assert_eq!(ledger(&t, pilot).owed_len(), 1);
    assert!(ledger(&t, pilot).owes(second));
    assert!(ledger(&t, wingmate).owes(3));
    assert_eq!(ledger(&t, pilot).credits_paid(), 50);

    // SECOND is paid once, however often its completion is replayed.
    t.fact(MissionFact::killed(pilot, "SWARMER"));
    t.fact(MissionFact::killed(pilot, "SWARMER"));
    t.fact(MissionFact::entered(pilot, "RELAY"));
    assert_eq!(t.status(pilot, "SECOND"), Some(MissionStatus::Completed));
    assert_eq!(t.credits(pilot), 150);
    replay_everything(&mut t, pilot);
    assert_eq!(t.credits(pilot), 150);
    let l = ledger(&t, pilot);
    assert_eq!((l.owed_len(), l.payments(), l.credits_paid()), (0, 2, 150));

    // Quit, load: the new save is format 4, nothing is owed, nothing is paid again.
    t.exit();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("version: {SAVE_VERSION}")), "{text}");
    assert!(!text.contains("paid: ["), "{text}");
    let mut t = game(&path);
    let pilot = t.player("pilot").unwrap();
    assert_eq!(t.credits(pilot), 150);
    replay_everything(&mut t, pilot);
    assert_eq!(t.credits(pilot), 150);

    // Relog: the player's entity goes and comes back; still paid once.
    t.app.world_mut().despawn(pilot);
    t.update();
    let pilot = t.spawn_player("pilot");
    t.update();
    assert_eq!(t.credits(pilot), 150);
    replay_everything(&mut t, pilot);
    assert_eq!(t.credits(pilot), 150);
    assert_eq!(ledger(&t, pilot).owed_len(), 0);
}

#[test]
fn a_format_3_attempt_already_paid_is_not_paid_again() {
    // An (edited) format-3 save whose attempt in progress is in the old `paid` set.
    let text = fs::read_to_string(fixture_path("save_v3.ron"))
        .unwrap()
        .replacen("paid: [1],", "paid: [1, 2],", 1);
    let save = SaveGame::from_ron(std::path::Path::new("old.ron"), text.as_bytes()).unwrap();
    let pilot = save.players.iter().find(|p| p.id.0 == "pilot").unwrap();
    assert!(pilot.ledger.owed.is_empty(), "{:?}", pilot.ledger);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pilot.save.ron");
    fs::write(&path, text).unwrap();
    let mut t = game(&path);
    let pilot = t.player("pilot").unwrap();
    t.fact(MissionFact::killed(pilot, "SWARMER"));
    t.fact(MissionFact::killed(pilot, "SWARMER"));
    t.fact(MissionFact::entered(pilot, "RELAY"));
    assert_eq!(t.status(pilot, "SECOND"), Some(MissionStatus::Completed));
    assert_eq!(t.credits(pilot), 50, "paid before the save: not paid again");
}

/// Format 3 recorded a completion for every random draw (`template#seed`), one more record
/// per draw for ever; the migration drops them (no gate reads them) and keeps the rest.
#[test]
fn a_format_3_save_loses_its_random_draw_history_and_keeps_the_rest() {
    let first = r#""FIRST": (count: 1, last_completed_at: Some(3600.0), unsuccessful: 0),"#;
    let text = fs::read_to_string(fixture_path("save_v3.ron")).unwrap();
    assert!(text.contains(first));
    let text = text.replacen(
        first,
        &format!(
            r#"{first} "T_SALVAGE#00000000000000aa": (count: 1, last_completed_at: Some(60.0), unsuccessful: 0),"#
        ),
        1,
    );
    let save = SaveGame::from_ron(std::path::Path::new("old.ron"), text.as_bytes()).unwrap();
    let pilot = save.players.iter().find(|p| p.id.0 == "pilot").unwrap();
    let kept: Vec<&str> = pilot.completions.keys().map(|m| m.as_str()).collect();
    assert_eq!(kept, vec!["FIRST"]);
}

#[test]
fn the_ledger_and_the_save_stay_the_same_size_however_many_completions() {
    let catalog = SAVE_CATALOG.replace(
        r#"(id: "TALLY", name: "Tally","#,
        r#"(id: "TALLY", name: "Tally", repeatable: 0,"#,
    );
    let mut t = MissionsTest::from_ron(&catalog).unwrap();
    let pilot = t.spawn_player("pilot");
    let mut sizes = Vec::new();
    for round in 1..=300 {
        t.accept(pilot, "TALLY");
        t.fact(MissionFact::collected(pilot, "ORE", 2));
        t.turn_in(pilot, "TALLY");
        if round % 100 == 0 {
            sizes.push(t.snapshot().to_ron().unwrap().len());
        }
    }
    let l = ledger(&t, pilot);
    assert_eq!((l.payments(), l.owed_len()), (300, 0));
    assert_eq!(t.credits(pilot), 300 * 20);
    // Only the digits of the counts and serials grow (100 → 300 adds none).
    assert_eq!(sizes[2], sizes[1], "{sizes:?}");
    assert!(sizes[1] - sizes[0] < 32, "{sizes:?}");
}

#[test]
fn a_duplicated_accept_and_complete_in_one_frame_pays_once() {
    let mut t = MissionsTest::from_ron(SAVE_CATALOG).unwrap();
    let pilot = t.spawn_player("pilot");
    for _ in 0..2 {
        t.app
            .world_mut()
            .write_message(MissionRequest::accept(pilot, "TALLY"));
    }
    t.update();
    t.fact(MissionFact::collected(pilot, "ORE", 2));
    for _ in 0..3 {
        t.app
            .world_mut()
            .write_message(MissionRequest::turn_in(pilot, "TALLY"));
    }
    t.update();
    assert_eq!(t.credits(pilot), 20);
    let l = ledger(&t, pilot);
    assert_eq!((l.payments(), l.owed_len()), (1, 0));
}
