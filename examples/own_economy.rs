//! A game with its own economy: its own purse and cargo hold, not the plugin's. The mission
//! gates read the hold, the reward is paid into the purse, exactly once. Headless.
//!
//! ```sh
//! cargo run --example own_economy
//! ```
//!
//! Exits with success when the contract was refused without the permit, accepted with it, and
//! paid into the game's purse once.

use std::collections::BTreeMap;

use bevy::prelude::*;
use bevy_missions::economy::{EconomyChange, EconomyPlugin, Holdings, MissionEconomy};
use bevy_missions::ids::ItemId;
use bevy_missions::prelude::*;

/// The game's own purse.
#[derive(Component, Default, Debug, Clone, PartialEq)]
pub(crate) struct Purse(pub(crate) u64);

/// The game's own cargo hold.
#[derive(Component, Default, Debug, Clone, PartialEq)]
pub(crate) struct Hold(pub(crate) BTreeMap<ItemId, u32>);

/// How the missions reach the purse and the hold.
pub(crate) struct Economy;

impl MissionEconomy for Economy {
    type Read = (&'static Purse, &'static Hold);
    type Write = (&'static mut Purse, &'static mut Hold);
    type Changed = Or<(Changed<Purse>, Changed<Hold>)>;

    fn read((purse, hold): &(&Purse, &Hold)) -> Holdings {
        Holdings {
            credits: Some(purse.0),
            items: Some(hold.0.clone()),
            ..default()
        }
    }

    fn apply((purse, hold): &mut (Mut<Purse>, Mut<Hold>), change: &EconomyChange) {
        match change {
            EconomyChange::Credits(delta) => purse.0 = purse.0.saturating_add_signed(*delta),
            EconomyChange::Items(item, delta) => {
                let count = hold.0.entry(item.clone()).or_default();
                *count = count.saturating_add_signed(i32::try_from(*delta).unwrap_or(0));
            }
            _ => {}
        }
    }
}

pub(crate) const CATALOG: &str = r#"(
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

fn main() -> AppExit {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        MissionsPlugins::manual(),
        EconomyPlugin::<Economy>::default(),
    ))
    .insert_resource(MissionCatalog::from_ron_str(CATALOG).expect("the catalog is valid"));
    app.finish();
    app.cleanup();
    let pilot = app
        .world_mut()
        .spawn((MissionHolder::new("ida"), Purse(5), Hold::default()))
        .id();
    app.update();
    let refused = can_accept(&mut app, pilot);
    println!("without a permit: {refused:?}");
    app.world_mut()
        .get_mut::<Hold>(pilot)
        .expect("the hold")
        .0
        .insert("PERMIT".into(), 1);
    app.update();
    let allowed = can_accept(&mut app, pilot);
    println!("with a permit: {allowed:?}");
    app.world_mut()
        .write_message(MissionRequest::accept(pilot, "RUN_THE_GATE"));
    app.update();
    for _ in 0..2 {
        // The fact twice: the reward is paid once.
        app.world_mut()
            .write_message(MissionFact::entered(pilot, "JUMP"));
        app.update();
    }
    let purse = app.world().get::<Purse>(pilot).map_or(0, |p| p.0);
    println!("the purse holds {purse}");
    if refused.is_err() && allowed.is_ok() && purse == 305 {
        AppExit::Success
    } else {
        AppExit::error()
    }
}

fn can_accept(app: &mut App, pilot: Entity) -> Result<(), RejectReason> {
    let mut ask = bevy::ecs::system::SystemState::<Missions>::new(app.world_mut());
    ask.get(app.world())
        .expect("the read API")
        .can_accept(pilot, "RUN_THE_GATE")
}
