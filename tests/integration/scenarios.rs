//! The shipped replay scripts complete every mission of the demo catalog.

use std::collections::BTreeSet;
use std::process::Command;

use bevy_missions::model::status::MissionStatus;
use bevy_missions::replay::parse_script;
use bevy_missions::replay::run_script;

use crate::common::{demo_catalog, demo_dir};

fn scenario_paths() -> Vec<std::path::PathBuf> {
    let dir = demo_dir().join("../scenarios");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("assets/scenarios")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn every_scenario_passes_and_together_they_complete_every_mission() {
    let catalog = demo_catalog();
    let mut completed = BTreeSet::new();
    for path in scenario_paths() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let script =
            parse_script(&path.display().to_string(), &text).unwrap_or_else(|e| panic!("{e}"));
        let report = run_script(catalog.clone(), &script).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            report.failures.is_empty(),
            "{}: {:#?}",
            path.display(),
            report.failures
        );
        for player in report.players.values() {
            for acc in &player.acceptances {
                if acc.status == MissionStatus::Completed {
                    completed.insert(acc.mission.to_string());
                }
            }
        }
    }
    let missing: Vec<String> = catalog
        .missions()
        .filter(|m| m.active && !completed.contains(m.id.as_str()))
        .map(|m| m.id.to_string())
        .collect();
    assert!(missing.is_empty(), "no scenario completes {missing:?}");
}

#[test]
fn the_replay_binary_prints_the_final_state_and_fails_on_a_broken_expectation() {
    let scenario = scenario_paths().into_iter().next().expect("a scenario");
    let run = |script: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_missions-replay"))
            .arg(demo_dir())
            .arg(script)
            .output()
            .expect("missions-replay runs")
    };
    let ok = run(&scenario);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(
        stdout.contains("credits:") && stdout.contains("status: Completed"),
        "{stdout}"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("broken.ron");
    std::fs::write(
        &broken,
        r#"(players: ["ann"], steps: [Accept(player: "ann", mission: "M_KEPLER_SURVEY")],
            expect: [Status(player: "ann", mission: "M_KEPLER_SURVEY", status: Completed)])"#,
    )
    .expect("write");
    let failed = run(&broken);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains("M_KEPLER_SURVEY is Some(Active), expected Completed"),
        "{stderr}"
    );

    std::fs::write(&broken, "(players: [\"ann\"], steps: [Dance()])").expect("write");
    let unparsable = run(&broken);
    assert_eq!(unparsable.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unparsable.stderr).contains("broken.ron:1:"));
}
