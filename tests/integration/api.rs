//! The API a Bevy developer meets: plugins that work in any order or say what is missing, a read
//! API, typed outcomes observed on the player entity, and unknown ids answered with the nearest
//! known one.

use bevy_missions::catalog::CatalogPlugin;
use bevy_missions::catalog::MissionCatalog;
use std::time::Duration;

use bevy::prelude::*;
use bevy_missions::catalog::CatalogErrorKind;
use bevy_missions::catalog::{CatalogSources, CatalogStatus};
use bevy_missions::lifecycle::UnknownFactIds;
use bevy_missions::prelude::*;
use bevy_missions::testing::MissionsTest;

const ONE: &str = r#"(
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [(id: "DOCK", name: "Dock", kind: "BEACON")],
    items: [(id: "ORE", name: "Ore")],
    missions: [
        (id: "HELLO", name: "Hello", objectives: [(goal: GoTo(place: "DOCK"))],
         rewards: (credits: 10, items: [(item: "ORE", count: 2)])),
        (id: "WELCOME", name: "Welcome aboard", origins: [GameStart],
         objectives: [(goal: GoTo(place: "DOCK"))]),
    ],
)"#;

/// Runs frames until `done` holds (the asset server loads on other threads), at most 5 s.
fn update_until(app: &mut App, mut done: impl FnMut(&mut App) -> bool) {
    for _ in 0..500 {
        app.update();
        if done(app) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the condition never held");
}

/// A folder holding one catalog file, as an asset root.
fn asset_root() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("missions")).unwrap();
    std::fs::write(dir.path().join("missions/one.missions.ron"), ONE).unwrap();
    dir
}

fn asset_plugin(root: &tempfile::TempDir) -> AssetPlugin {
    AssetPlugin {
        file_path: root.path().display().to_string(),
        ..default()
    }
}

fn status_of(app: &mut App, player: Entity, mission: &str) -> Option<MissionStatus> {
    let mut state = bevy::ecs::system::SystemState::<Missions>::new(app.world_mut());
    state.get(app.world()).unwrap().status(player, mission)
}

#[test]
fn asset_plugin_added_after_the_missions_still_loads_the_catalog() {
    let root = asset_root();
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, MissionsPlugins, asset_plugin(&root)));
    app.finish();
    app.cleanup();
    let player = app.world_mut().spawn(MissionHolder::new("ann")).id();
    app.world_mut()
        .write_message(MissionRequest::accept(player, "HELLO"));
    update_until(&mut app, |app| {
        status_of(app, player, "HELLO") == Some(MissionStatus::Active)
    });
}

#[test]
fn without_an_asset_plugin_the_catalog_fails_with_the_reason() {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, MissionsPlugins));
    app.finish();
    app.cleanup();
    let player = app.world_mut().spawn(MissionHolder::new("ann")).id();
    app.world_mut()
        .write_message(MissionRequest::accept(player, "HELLO"));
    app.update();
    let status = app.world().resource::<CatalogStatus>();
    assert!(
        matches!(
            status.errors.as_slice(),
            [e] if e.kind == CatalogErrorKind::NoAssetPlugin
        ),
        "{:?}",
        status.errors
    );
    let refused: Vec<RejectReason> = app
        .world_mut()
        .resource_mut::<Messages<MissionRejected>>()
        .drain()
        .map(|r| r.reason)
        .collect();
    assert_eq!(refused, vec![RejectReason::CatalogUnavailable]);
}

#[test]
#[should_panic(expected = "needs MissionSchedulePlugin added before it")]
fn a_member_added_without_the_schedule_plugin_stops_start_up() {
    App::new().add_plugins((
        MinimalPlugins,
        MissionsPlugins::manual().disable::<MissionSchedulePlugin>(),
    ));
}

#[test]
#[should_panic(expected = "ordered against MissionSystems sets in a schedule where")]
fn a_system_ordered_in_a_schedule_where_the_missions_do_not_run_stops_start_up() {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        MissionsPlugins::manual().set(MissionSchedulePlugin::in_schedule(FixedUpdate)),
    ))
    .add_systems(Update, (|| {}).before(MissionSystems::Ingest));
    app.update();
}

#[test]
fn systems_ordered_in_the_mission_schedule_start_normally() {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        MissionsPlugins::manual().set(MissionSchedulePlugin::in_schedule(FixedUpdate)),
    ))
    .add_systems(FixedUpdate, (|| {}).before(MissionSystems::Ingest));
    app.update();
}

#[test]
fn a_player_spawned_before_the_catalog_loads_is_offered_the_game_start_missions() {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, MissionsPlugins::manual()))
        // The catalog "loads from files" and has not loaded yet.
        .init_resource::<CatalogSources>();
    app.finish();
    app.cleanup();
    let player = app.world_mut().spawn(MissionHolder::new("ann")).id();
    for _ in 0..3 {
        app.update();
    }
    let offered = |app: &mut App| {
        app.world_mut()
            .resource_mut::<Messages<MissionOffered>>()
            .drain()
            .filter(|o| o.player == player)
            .map(|o| o.mission.to_string())
            .collect::<Vec<_>>()
    };
    assert!(offered(&mut app).is_empty(), "nothing to offer yet");
    // The files arrive.
    app.insert_resource(MissionCatalog::from_ron_str(ONE).unwrap());
    app.world_mut().resource_mut::<CatalogStatus>().generation = 1;
    app.update();
    assert_eq!(offered(&mut app), vec!["WELCOME"]);
}

#[test]
fn a_misspelt_mission_is_refused_with_the_nearest_known_id() {
    let mut t = MissionsTest::from_ron(ONE).unwrap();
    let ann = t.spawn_player("ann");
    t.request(MissionRequest::accept(ann, "HELO"));
    assert_eq!(
        t.rejections(),
        vec![RejectReason::UnknownMission {
            mission: "HELO".into(),
            nearest: Some("HELLO".into()),
        }]
    );
    assert!(
        t.rejections()[0]
            .to_string()
            .contains("did you mean `HELLO`")
    );
}

#[test]
fn a_misspelt_fact_id_is_warned_about_once_with_the_nearest_known_id() {
    let mut t = MissionsTest::from_ron(ONE).unwrap();
    let ann = t.spawn_player("ann");
    t.accept(ann, "HELLO");
    t.fact(MissionFact::entered(ann, "DOKC"));
    t.fact(MissionFact::entered(ann, "DOKC"));
    t.fact(MissionFact::collected(ann, "ORE", 1));
    let unknown = t.app.world().resource::<UnknownFactIds>();
    assert_eq!(unknown.ids().collect::<Vec<_>>(), vec!["DOKC"]);
    assert_eq!(t.status(ann, "HELLO"), Some(MissionStatus::Active));
}

/// Every outcome one player's observers heard, in order.
#[derive(Resource, Default)]
struct Heard(Vec<String>);

/// Written only against the prelude and the read API: a mission from accept to reward, each
/// outcome heard by an observer on the player entity.
#[test]
fn a_mission_played_through_the_prelude_and_heard_on_the_player() {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, MissionsPlugins.set(CatalogPlugin::manual())))
        .insert_resource(MissionCatalog::from_ron_str(ONE).unwrap())
        .init_resource::<Heard>();
    app.finish();
    app.cleanup();
    let ann = app
        .world_mut()
        .spawn(MissionHolder::new("ann"))
        .observe(|e: On<MissionAccepted>, mut heard: ResMut<Heard>| {
            heard.0.push(format!("accepted {}", e.mission));
        })
        .observe(|e: On<ObjectiveProgressed>, mut heard: ResMut<Heard>| {
            heard.0.push(format!("{} {}/{}", e.key, e.count, e.target));
        })
        .observe(|e: On<MissionCompleted>, mut heard: ResMut<Heard>| {
            let paid = e.payout.as_ref().map_or(0, |p| p.credits);
            heard.0.push(format!("completed {} +{paid}", e.mission));
        })
        .observe(|e: On<MissionStatusChanged>, mut heard: ResMut<Heard>| {
            heard.0.push(format!("{:?}", e.status));
        })
        .id();
    // Someone else's outcomes are not heard on ann.
    let bob = app.world_mut().spawn(MissionHolder::new("bob")).id();
    app.update();

    let mut ask = bevy::ecs::system::SystemState::<Missions>::new(app.world_mut());
    assert_eq!(
        ask.get(app.world()).unwrap().can_accept(ann, "HELLO"),
        Ok(())
    );
    app.world_mut()
        .write_message(MissionRequest::accept(ann, "HELLO"));
    app.world_mut()
        .write_message(MissionRequest::accept(bob, "HELLO"));
    app.update();
    {
        let missions = ask.get(app.world()).unwrap();
        assert_eq!(missions.status(ann, "HELLO"), Some(MissionStatus::Active));
        assert_eq!(
            missions.can_accept(ann, "HELLO"),
            Err(RejectReason::AlreadyActive)
        );
        let active: Vec<&MissionId> = missions.active(ann).map(|a| a.mission()).collect();
        assert_eq!(active, vec![&MissionId::from("HELLO")]);
    }
    app.world_mut()
        .write_message(MissionFact::entered(ann, "DOCK"));
    app.update();
    app.update();
    let missions = ask.get(app.world()).unwrap();
    assert_eq!(
        missions.status(ann, "HELLO"),
        Some(MissionStatus::Completed)
    );
    assert_eq!(missions.status(bob, "HELLO"), Some(MissionStatus::Active));
    assert_eq!(missions.completions(ann, "HELLO"), 1);
    assert_eq!(
        app.world().resource::<Heard>().0,
        vec![
            "accepted HELLO",
            "Active",
            "GoTo(DOCK) 1/1",
            "Completed",
            "completed HELLO +10",
        ]
    );
}

#[test]
fn outcomes_requests_and_facts_cross_a_process_boundary() {
    let mut t = MissionsTest::from_ron(ONE).unwrap();
    let ann = t.spawn_player("ann");
    t.accept(ann, "HELLO");
    t.fact(MissionFact::entered(ann, "DOCK"));
    let done = t.outcomes().completed[0].clone();
    let text = ron::to_string(&done).unwrap();
    let back: MissionCompleted = ron::from_str(&text).unwrap();
    assert_eq!(back, done);
    for request in [
        MissionRequest::accept(ann, "HELLO"),
        MissionRequest::join(ann, ann, "HELLO"),
        MissionRequest::accept_posting(ann, "P"),
    ] {
        let text = ron::to_string(&request).unwrap();
        assert_eq!(ron::from_str::<MissionRequest>(&text).unwrap(), request);
    }
    let fact = MissionFact::collected(ann, "ORE", 3);
    let text = ron::to_string(&fact).unwrap();
    assert_eq!(ron::from_str::<MissionFact>(&text).unwrap(), fact);
}

#[test]
fn entities_in_requests_and_outcomes_are_mapped() {
    use bevy::ecs::entity::{EntityHashMap, MapEntities};
    let (a, b) = (
        Entity::from_raw_u32(1).unwrap(),
        Entity::from_raw_u32(2).unwrap(),
    );
    let (x, y) = (
        Entity::from_raw_u32(7).unwrap(),
        Entity::from_raw_u32(8).unwrap(),
    );
    let mut map = EntityHashMap::default();
    map.insert(a, x);
    map.insert(b, y);
    let mut request = MissionRequest::join(a, b, "HELLO");
    request.map_entities(&mut map);
    assert_eq!(request, MissionRequest::join(x, y, "HELLO"));
    let mut done = MissionAccepted {
        player: a,
        mission: "HELLO".into(),
        acceptance: b,
    };
    done.map_entities(&mut map);
    assert_eq!((done.player, done.acceptance), (x, y));
}

#[test]
fn every_component_and_resource_of_the_plugins_reflects_as_one() {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, MissionsPlugins::manual()));
    #[cfg(feature = "ui")]
    app.add_plugins(bevy_missions::ui::MissionsUiPlugin {
        draw: false,
        ..default()
    });
    app.finish();
    app.cleanup();
    let player = app.world_mut().spawn(MissionHolder::new("ann")).id();
    app.world_mut()
        .write_message(MissionRequest::accept(player, "NONE"));
    app.update();
    let world = app.world();
    let registry = world.resource::<AppTypeRegistry>().read();
    let mut ours = 0;
    let mut missing = Vec::new();
    for info in world.components().iter_registered() {
        let name = info.name().to_string();
        if !name.starts_with("bevy_missions::") {
            continue;
        }
        ours += 1;
        let is_resource = world.resource_entities().get(info.id()).is_some();
        let registration = info.type_id().and_then(|t| registry.get(t));
        let reflects = registration.is_some_and(|r| {
            if is_resource {
                r.data::<ReflectResource>().is_some()
            } else {
                r.data::<ReflectComponent>().is_some()
            }
        });
        if !reflects {
            missing.push(name);
        }
    }
    assert!(ours > 20, "the plugins' types are seen by name ({ours})");
    assert!(
        missing.is_empty(),
        "not reflected as what they are: {missing:#?}"
    );
}

/// The field names of a reflected struct.
fn field_names(info: &bevy::reflect::TypeInfo) -> Vec<&'static str> {
    match info {
        bevy::reflect::TypeInfo::Struct(s) => s.field_names().to_vec(),
        other => panic!("not a struct: {other:?}"),
    }
}

#[test]
fn the_catalog_keeps_one_map_per_kind_of_catalog_entry() {
    use bevy::reflect::Typed;
    use bevy_missions::model::source::CatalogSource;
    let sections: Vec<&str> = field_names(CatalogSource::type_info())
        .into_iter()
        .filter(|f| !["rules", "tuning", "daily"].contains(f))
        .collect();
    let kept: Vec<&str> = field_names(MissionCatalog::type_info())
        .into_iter()
        .filter(|f| !["generation", "files", "rules", "tuning", "daily"].contains(f))
        .collect();
    assert_eq!(kept, sections);
}

#[test]
fn a_holder_arrives_with_every_persistent_player_component() {
    use bevy::reflect::Typed;
    use bevy_missions::model::player::PlayerState;
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, MissionsPlugins::manual()));
    let player = app.world_mut().spawn(MissionHolder::new("ann")).id();
    let registry = app.world().resource::<AppTypeRegistry>().clone();
    let registry = registry.read();
    let bevy::reflect::TypeInfo::Struct(state) = PlayerState::type_info() else {
        panic!("PlayerState is a struct");
    };
    assert!(state.field_len() >= 10);
    for field in state.iter() {
        let component = registry
            .get(field.type_id())
            .and_then(|r| r.data::<ReflectComponent>())
            .unwrap_or_else(|| panic!("{} reflects as a component", field.type_path()));
        assert!(
            component.contains(app.world().entity(player)),
            "MissionHolder requires {}",
            field.type_path()
        );
    }
}

#[test]
fn a_fact_about_an_entity_that_is_not_a_player_is_warned_about_once() {
    let mut t = MissionsTest::from_ron(ONE).unwrap();
    let ann = t.spawn_player("ann");
    t.accept(ann, "HELLO");
    let crate_entity = t.app.world_mut().spawn_empty().id();
    t.fact(MissionFact::entered(crate_entity, "DOCK"));
    t.app.world_mut().despawn(ann);
    t.update();
    t.fact(MissionFact::entered(ann, "DOCK"));
    t.fact(MissionFact::entered(ann, "DOCK"));
    let unknown = t.app.world().resource::<UnknownFactIds>();
    let mut warned: Vec<Entity> = unknown.players().collect();
    warned.sort();
    let mut expected = vec![ann, crate_entity];
    expected.sort();
    assert_eq!(warned, expected, "each warned about once");
    assert_eq!(unknown.ids().count(), 0, "the ids are fine");
}

/// The README's first app is `examples/quick_start.rs`, word for word (CI runs the example with
/// the README's RON file alone in an empty folder).
#[test]
fn the_readme_app_is_the_quick_start_example() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let example = std::fs::read_to_string(root.join("examples/quick_start.rs")).unwrap();
    let first = &readme[readme.find("## Your first mission").expect("the section")..];
    let start = first.find("```rust,no_run\n").expect("the app") + "```rust,no_run\n".len();
    let app = &first[start..start + first[start..].find("```").unwrap()];
    assert_eq!(app.trim_end(), example.trim_end());
}
