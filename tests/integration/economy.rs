//! A game's own economy: rewards paid into the game's wallet component and gates answered from
//! the game's inventory, exactly once, across save and load.

use std::collections::BTreeMap;

use bevy::prelude::*;
use bevy_missions::economy::{EconomyChange, EconomyPlugin, Holdings, MissionEconomy};
use bevy_missions::ids::ItemId;
use bevy_missions::prelude::*;

/// The game's own purse.
#[derive(Component, Default, Debug, Clone, PartialEq)]
struct Gold(u64);

/// The game's own cargo hold.
#[derive(Component, Default, Debug, Clone, PartialEq)]
struct Hold(BTreeMap<ItemId, u32>);

struct GameEconomy;

impl MissionEconomy for GameEconomy {
    type Read = (&'static Gold, &'static Hold);
    type Write = (&'static mut Gold, &'static mut Hold);
    type Changed = Or<(Changed<Gold>, Changed<Hold>)>;

    fn read((gold, hold): &(&Gold, &Hold)) -> Holdings {
        Holdings {
            credits: Some(gold.0),
            items: Some(hold.0.clone()),
            ..default()
        }
    }

    fn apply((gold, hold): &mut (Mut<Gold>, Mut<Hold>), change: &EconomyChange) {
        match change {
            EconomyChange::Credits(delta) => gold.0 = gold.0.saturating_add_signed(*delta),
            EconomyChange::Items(item, delta) => {
                let n = hold.0.entry(item.clone()).or_default();
                *n = n.saturating_add_signed(i32::try_from(*delta).unwrap_or(0));
            }
            _ => {}
        }
    }
}

const CATALOG: &str = r#"(
    items: [(id: "PERMIT", name: "Transit permit")],
    place_kinds: [(id: "GATE", name: "Gate")],
    places: [(id: "JUMP", name: "Jump gate", kind: "GATE")],
    missions: [(
        id: "RUN_THE_GATE",
        name: "Run the gate",
        gates: (required_items: [(item: "PERMIT", count: 1)]),
        objectives: [(goal: GoTo(place: "JUMP"))],
        rewards: (credits: 300),
    )],
)"#;

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
