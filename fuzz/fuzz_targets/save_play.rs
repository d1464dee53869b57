//! A save, restored and played on: any bytes that load as a save are restored into a game with
//! the demo catalog, then the rest of the input drives random requests, facts and clock
//! advances. Nothing may panic, and the state must still save and load.
#![no_main]

use std::path::Path;

use bevy::prelude::*;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::prelude::*;
use bevy_missions::model::save::SaveGame;
use bevy_missions::save::restore;
use bevy_missions::testing::MissionsTest;
use libfuzzer_sys::fuzz_target;

const FILES: [(&str, &str); 4] = [
    ("contracts", include_str!("../../assets/missions/contracts.missions.ron")),
    ("daily", include_str!("../../assets/missions/daily.missions.ron")),
    ("story", include_str!("../../assets/missions/story.missions.ron")),
    ("world", include_str!("../../assets/missions/world.missions.ron")),
];

fuzz_target!(|data: &[u8]| {
    // The first two bytes say how long the save part is (little-endian, in bytes); the seeds
    // in fuzz/seeds/save_play are real saves framed this way.
    let Some((len, rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let cut = usize::from(u16::from_le_bytes(*len)).min(rest.len());
    let (save_bytes, ops) = rest.split_at(cut);
    let Ok(save) = SaveGame::from_ron(Path::new("fuzz.save.ron"), save_bytes) else {
        return;
    };
    let catalog = MissionCatalog::from_texts(FILES).expect("the demo catalog is valid");
    let missions: Vec<MissionId> = catalog.missions().map(|m| m.id.clone()).collect();
    let mut t = MissionsTest::new(catalog);
    restore(t.app.world_mut(), save);
    t.update();
    let players: Vec<Entity> = t
        .app
        .world_mut()
        .query_filtered::<Entity, With<MissionHolder>>()
        .iter(t.app.world())
        .collect();
    let Some(&first) = players.first() else {
        return;
    };
    for op in ops.chunks(3) {
        let [kind, who, what] = [op[0], *op.get(1).unwrap_or(&0), *op.get(2).unwrap_or(&0)];
        let player = players.get(usize::from(who) % players.len()).copied().unwrap_or(first);
        let mission = missions[usize::from(what) % missions.len()].as_str();
        match kind % 6 {
            0 => t.accept(player, mission),
            1 => t.abandon(player, mission),
            2 => t.turn_in(player, mission),
            3 => t.fact(MissionFact::killed(player, "SWARM_DRONE")),
            4 => t.fact(MissionFact::entered(player, "HUB_STATION")),
            _ => t.advance(f64::from(what) * 60.0),
        }
    }
    let saved = t.snapshot().to_ron().expect("a played game saves");
    SaveGame::from_ron(Path::new("again.save.ron"), saved.as_bytes()).expect("and loads again");
});
