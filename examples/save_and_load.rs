//! Save, quit and load: a pilot takes a two-step mission and does the first step; the game quits
//! (the save is written on exit); a new app loads the save, the pilot does the second step and is
//! paid once. Headless, with a catalog built in code and the save in a temporary folder.
//!
//! ```sh
//! cargo run --example save_and_load
//! ```
//!
//! Exits with success when the progress came back and the reward was paid exactly once.

use std::path::Path;

use bevy::prelude::*;
use bevy_missions::model::player::Wallet;
use bevy_missions::prelude::*;

const CATALOG: &str = r#"(
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [
        (id: "NORTH", name: "North beacon", kind: "BEACON"),
        (id: "SOUTH", name: "South beacon", kind: "BEACON"),
    ],
    missions: [(
        id: "SURVEY",
        name: "Survey both beacons",
        objectives: [(goal: GoTo(place: "NORTH")), (goal: GoTo(place: "SOUTH"))],
        rewards: (credits: 200),
    )],
)"#;

/// One run of the game: the plugins with a save file, played for a few frames.
fn game(save: &Path) -> App {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        MissionsPlugins::manual().set(SavePlugin::at(save)),
    ))
    .insert_resource(MissionCatalog::from_ron_str(CATALOG).expect("the catalog is valid"));
    app.finish();
    app.cleanup();
    app.update();
    app
}

/// The pilot's entity (spawned by the save when it holds them).
fn pilot(app: &mut App) -> Option<Entity> {
    let mut holders = app.world_mut().query::<(Entity, &MissionHolder)>();
    holders
        .iter(app.world())
        .find(|(_, h)| h.id.0 == "ada")
        .map(|(e, _)| e)
}

fn main() -> AppExit {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let save = folder.path().join("pilot.save.ron");

    // First session: accept, do the first step, quit.
    let mut first = game(&save);
    let ada = first.world_mut().spawn(MissionHolder::new("ada")).id();
    first
        .world_mut()
        .write_message(MissionRequest::accept(ada, "SURVEY"));
    first.update();
    first
        .world_mut()
        .write_message(MissionFact::entered(ada, "NORTH"));
    first.update();
    first.world_mut().write_message(AppExit::Success);
    first.update();
    drop(first);
    println!("quit with the save at {}", save.display());

    // Second session: the save loads, progress is back, the second step completes it.
    let mut second = game(&save);
    second.update();
    let Some(ada) = pilot(&mut second) else {
        eprintln!("the pilot did not come back from the save");
        return AppExit::error();
    };
    let mut ask = bevy::ecs::system::SystemState::<Missions>::new(second.world_mut());
    let done_before = ask
        .get(second.world())
        .ok()
        .and_then(|m| m.acceptance(ada, "SURVEY").map(|a| a.progress()[0].done));
    println!("after loading, the first step is done: {done_before:?}");
    second
        .world_mut()
        .write_message(MissionFact::entered(ada, "SOUTH"));
    second.update();
    // A repeated fact and a repeated accept pay nothing more.
    second
        .world_mut()
        .write_message(MissionFact::entered(ada, "SOUTH"));
    second
        .world_mut()
        .write_message(MissionRequest::accept(ada, "SURVEY"));
    second.update();
    let status = ask
        .get(second.world())
        .ok()
        .and_then(|m| m.status(ada, "SURVEY"));
    let credits = second.world().get::<Wallet>(ada).map_or(0, |w| w.credits);
    println!("status {status:?}, credits {credits}");
    if done_before == Some(true) && status == Some(MissionStatus::Completed) && credits == 200 {
        AppExit::Success
    } else {
        AppExit::error()
    }
}
