//! The plugin group: configuration by `.set` / `.disable`, the schedule the game chooses, and the
//! one gate check shared by the board and accept.

use bevy::prelude::*;
use bevy_missions::catalog::CatalogStatus;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::clock::MissionClock;
use bevy_missions::lifecycle::PlayerView;
use bevy_missions::lifecycle::SharedMissions;
use bevy_missions::lifecycle::check_gates;
use bevy_missions::model::player::PlayerState;
use bevy_missions::model::player::Wallet;
use bevy_missions::prelude::*;
use bevy_missions::save::SaveStatus;

use crate::common::demo_catalog;

const ONE: &str = r#"(
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [(id: "DOCK", name: "Dock", kind: "BEACON")],
    missions: [(id: "HELLO", name: "Hello", objectives: [(goal: GoTo(place: "DOCK"))], rewards: (credits: 10))],
)"#;

fn app_with(plugins: impl PluginGroup) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, plugins))
        .insert_resource(MissionCatalog::from_ron_str(ONE).unwrap())
        .insert_resource(MissionClock::manual());
    app
}

fn accept_hello(app: &mut App) -> Entity {
    let player = app.world_mut().spawn(MissionHolder::new("ann")).id();
    app.world_mut().write_message(MissionRequest::Accept {
        player,
        mission: "HELLO".into(),
    });
    player
}

fn accepted(app: &mut App) -> usize {
    app.world_mut()
        .query::<&MissionAcceptance>()
        .iter(app.world())
        .count()
}

#[test]
fn the_mission_systems_run_in_the_schedule_the_game_chooses() {
    let mut app =
        app_with(MissionsPlugins::manual().set(MissionSchedulePlugin::in_schedule(FixedUpdate)));
    accept_hello(&mut app);
    // The first frame has no elapsed time, so the fixed step does not run yet.
    app.update();
    assert_eq!(accepted(&mut app), 0, "nothing runs in Update");
    app.world_mut().run_schedule(FixedUpdate);
    assert_eq!(
        accepted(&mut app),
        1,
        "the request is applied in FixedUpdate"
    );
}

#[test]
fn by_default_the_mission_systems_run_in_update() {
    let mut app = app_with(MissionsPlugins::manual());
    accept_hello(&mut app);
    app.world_mut().run_schedule(Update);
    assert_eq!(accepted(&mut app), 1);
}

#[test]
fn a_member_of_the_group_can_be_left_out() {
    let mut app = app_with(MissionsPlugins::manual().disable::<SavePlugin>());
    app.update();
    assert!(!app.world().contains_resource::<SaveStatus>());
    accept_hello(&mut app);
    app.update();
    assert_eq!(accepted(&mut app), 1, "the rest still works");
}

#[test]
fn the_board_gate_refuses_a_daily_that_is_not_drawn_today() {
    let catalog = demo_catalog();
    let clock = MissionClock::manual();
    let today = bevy_missions::draw::daily_missions(&catalog, &clock);
    let not_today = catalog
        .missions()
        .find(|m| {
            m.origins
                .iter()
                .all(|o| *o == bevy_missions::model::mission::Origin::Daily)
                && !m.origins.is_empty()
                && !today.iter().any(|(_, d)| *d == m.id)
        })
        .expect("the demo has more dailies than slots");
    let new_pilot = PlayerState::default();
    let view = PlayerView {
        variables: &new_pilot.variables,
        pinned: &new_pilot.pinned,
        reputation: &new_pilot.reputation,
        experience: &new_pilot.experience,
        traits: &new_pilot.traits,
        inventory: &new_pilot.inventory,
        history: &new_pilot.history,
        active_count: 0,
        has_active: false,
    };
    let shared = SharedMissions::default();
    assert_eq!(
        check_gates(not_today, &view, &catalog, &shared, &clock),
        Err(RejectReason::NotTodaysDaily)
    );
    let (_, drawn) = &today[0];
    let drawn = catalog.mission(drawn.as_str()).unwrap();
    assert_eq!(check_gates(drawn, &view, &catalog, &shared, &clock), Ok(()));
}

/// An app whose catalog "loads from files" and has not loaded yet.
fn loading_app() -> App {
    let mut app = app_with(MissionsPlugins::manual());
    app.init_resource::<bevy_missions::catalog::CatalogSources>();
    app.update();
    app
}

fn finish_loading(app: &mut App) {
    app.world_mut().resource_mut::<CatalogStatus>().generation = 1;
}

#[test]
fn requests_and_facts_wait_while_the_catalog_loads() {
    let mut app = loading_app();
    let player = accept_hello(&mut app);
    app.world_mut()
        .write_message(MissionFact::entered(player, "DOCK"));
    for _ in 0..5 {
        app.update();
    }
    assert_eq!(
        accepted(&mut app),
        0,
        "nothing is applied before the catalog is ready"
    );
    finish_loading(&mut app);
    app.update();
    let status = app
        .world()
        .get::<bevy_missions::model::player::MissionJournal>(player)
        .and_then(|j| j.last_of("HELLO").map(|e| e.status));
    assert_eq!(
        status,
        Some(MissionStatus::Completed),
        "accepted, then advanced by the fact"
    );
}

#[test]
fn the_wait_is_bounded() {
    let mut app = loading_app();
    app.insert_resource(
        MissionCatalog::from_ron_str(
            r#"(
                counters: [(id: "PING", name: "Ping")],
                missions: [(id: "COUNT", name: "Count",
                            objectives: [(goal: Counter(counter: "PING", count: 5000))])],
            )"#,
        )
        .unwrap(),
    );
    let player = app.world_mut().spawn(MissionHolder::new("ann")).id();
    app.world_mut()
        .write_message(MissionRequest::accept(player, "COUNT"));
    let max = bevy_missions::lifecycle::MAX_PENDING;
    for _ in 0..max + 10 {
        app.world_mut()
            .write_message(MissionFact::counter(player, "PING", 1));
    }
    app.update();
    finish_loading(&mut app);
    app.update();
    let mut missions = bevy::ecs::system::SystemState::<Missions>::new(app.world_mut());
    let missions = missions.get(app.world()).unwrap();
    let counted = missions
        .acceptance(player, "COUNT")
        .map(|a| a.progress()[0].count);
    assert_eq!(counted, Some(max as u32), "the oldest facts were dropped");
}

#[test]
fn without_time_plugin_missions_run_and_the_save_is_written_on_exit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no_time.save.ron");
    let mut app = App::new();
    // No MinimalPlugins: no TimePlugin, so no Time resource.
    app.add_plugins((
        TaskPoolPlugin::default(),
        MissionsPlugins::manual().set(SavePlugin::at(&path)),
    ))
    .insert_resource(MissionCatalog::from_ron_str(ONE).unwrap());
    app.update();
    let player = accept_hello(&mut app);
    app.world_mut()
        .write_message(MissionFact::entered(player, "DOCK"));
    for _ in 0..3 {
        app.update();
    }
    assert_eq!(app.world().get::<Wallet>(player).unwrap().credits, 10);
    app.world_mut().write_message(AppExit::Success);
    app.update();
    let saved = bevy_missions::save::read_save(&path)
        .expect("readable")
        .expect("written on exit");
    assert_eq!(saved.players[0].wallet.credits, 10);
}
