//! A game's own economy (the `own_economy` example's): rewards paid into the game's purse and
//! gates answered from its cargo hold, exactly once, across save and load.

use bevy::prelude::*;
use bevy_missions::economy::EconomyPlugin;
use bevy_missions::prelude::*;

use crate::own_economy::{CATALOG, Economy as GameEconomy, Hold, Purse as Gold};

fn game(save: &std::path::Path) -> App {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        MissionsPlugins::manual().set(SavePlugin::at(save)),
        EconomyPlugin::<GameEconomy>::default(),
    ))
    .insert_resource(MissionCatalog::from_ron_str(CATALOG).unwrap());
    app.finish();
    app.cleanup();
    app.update();
    app
}

fn status(app: &mut App, player: Entity) -> Option<MissionStatus> {
    let mut ask = bevy::ecs::system::SystemState::<Missions>::new(app.world_mut());
    ask.get(app.world()).unwrap().status(player, "RUN_THE_GATE")
}

fn refusals(app: &mut App) -> Vec<RejectReason> {
    app.world_mut()
        .resource_mut::<Messages<MissionRejected>>()
        .drain()
        .map(|r| r.reason)
        .collect()
}

#[test]
fn the_games_own_wallet_and_hold_are_paid_and_asked_exactly_once_across_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("economy.save.ron");
    let mut app = game(&save);
    let pilot = app
        .world_mut()
        .spawn((MissionHolder::new("ida"), Gold(5), Hold::default()))
        .id();
    app.update();

    // Refused while the game's own hold lacks the permit.
    app.world_mut()
        .write_message(MissionRequest::accept(pilot, "RUN_THE_GATE"));
    app.update();
    assert!(matches!(
        refusals(&mut app).as_slice(),
        [RejectReason::MissingItems {
            have: 0,
            need: 1,
            ..
        }]
    ));
    // The game gives the permit in its own hold: accepted.
    app.world_mut()
        .get_mut::<Hold>(pilot)
        .unwrap()
        .0
        .insert("PERMIT".into(), 1);
    app.update();
    app.world_mut()
        .write_message(MissionRequest::accept(pilot, "RUN_THE_GATE"));
    app.update();
    assert_eq!(status(&mut app, pilot), Some(MissionStatus::Active));

    // Completed: the game's own wallet is paid, once.
    app.world_mut()
        .write_message(MissionFact::entered(pilot, "JUMP"));
    app.update();
    app.update();
    assert_eq!(status(&mut app, pilot), Some(MissionStatus::Completed));
    assert_eq!(app.world().get::<Gold>(pilot), Some(&Gold(305)));
    // The game spends some of it; a replayed fact and accept pay nothing more.
    app.world_mut().get_mut::<Gold>(pilot).unwrap().0 -= 100;
    app.world_mut()
        .write_message(MissionFact::entered(pilot, "JUMP"));
    app.world_mut()
        .write_message(MissionRequest::accept(pilot, "RUN_THE_GATE"));
    app.update();
    app.update();
    assert_eq!(app.world().get::<Gold>(pilot), Some(&Gold(205)));

    // Quit: the plugin saves its part, the game saves its own wallet and hold.
    let kept = (
        app.world().get::<Gold>(pilot).cloned().unwrap(),
        app.world().get::<Hold>(pilot).cloned().unwrap(),
    );
    app.world_mut().write_message(AppExit::Success);
    app.update();
    drop(app);

    // Load: the game puts its components back on the pilot the save brought back.
    let mut app = game(&save);
    app.update();
    let mut holders = app.world_mut().query::<(Entity, &MissionHolder)>();
    let pilot = holders
        .iter(app.world())
        .find(|(_, h)| h.id.0 == "ida")
        .map(|(e, _)| e)
        .expect("the pilot is back");
    app.world_mut().entity_mut(pilot).insert(kept.clone());
    app.update();
    app.world_mut()
        .write_message(MissionFact::entered(pilot, "JUMP"));
    app.world_mut()
        .write_message(MissionRequest::accept(pilot, "RUN_THE_GATE"));
    app.update();
    app.update();
    assert_eq!(status(&mut app, pilot), Some(MissionStatus::Completed));
    assert_eq!(
        app.world().get::<Gold>(pilot),
        Some(&kept.0),
        "nothing paid twice after the load"
    );
}
