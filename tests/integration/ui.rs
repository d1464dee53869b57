//! The mission UI: panels driven by egui_kittest (found by their text, clicked like a player
//! would), and the app-level wiring through leafwing: key and gamepad presses in, mission
//! requests out; a bindings file; the HUD arrow.

use bevy::input::gamepad::{GamepadConnection, GamepadConnectionEvent};
use bevy::prelude::*;
use bevy_missions::catalog::CatalogError;
use bevy_missions::catalog::CatalogErrorKind;
use bevy_missions::catalog::CatalogRejected;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::objectives::MissionTarget;
use bevy_missions::prelude::*;
use bevy_missions::testing::MissionsTest;
use bevy_missions::ui::LocalPlayer;
use bevy_missions::ui::MissionsAction;
use bevy_missions::ui::MissionsUi;
use bevy_missions::ui::MissionsUiPlugin;
use bevy_missions::ui::MissionsUiSystems;
use bevy_missions::ui::Panel;
use bevy_missions::ui::UiAction;
use bevy_missions::ui::UiTheme;
use bevy_missions::ui::panels::abandon_confirm_panel;
use bevy_missions::ui::panels::board_panel;
use bevy_missions::ui::panels::completion_panel;
use bevy_missions::ui::panels::dashboard_panel;
use bevy_missions::ui::panels::graph_panel;
use bevy_missions::ui::panels::journal_panel;
use bevy_missions::ui::panels::toasts_panel;
use bevy_missions::ui::view::BoardFilter;
use bevy_missions::ui::view::BoardView;
use bevy_missions::ui::view::CompletionKind;
use bevy_missions::ui::view::DashboardView;
use bevy_missions::ui::view::GraphView;
use bevy_missions::ui::view::HudView;
use bevy_missions::ui::view::JournalView;
use bevy_missions::ui::view::NodeState;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use leafwing_input_manager::prelude::*;

use super::common::{demo_catalog, demo_catalog_every_posting};
#[cfg(feature = "hot_reload")]
use super::hot_reload::update_until;

const CATALOG: &str = r#"(
    factions: [(id: "FED", name: "Federation"), (id: "GUILD", name: "Guild")],
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [(id: "DOCK", name: "Dock", kind: "BEACON", position: (300.0, 0.0))],
    items: [(id: "ORE", name: "Ore")],
    species: [(id: "HUMAN", name: "Human")],
    enemies: [(id: "RAIDER", name: "Raider", species: "HUMAN")],
    missions: [
        (id: "SALVAGE", name: "Salvage Run", issuer: "GUILD", mission_type: CargoDelivery, origins: [Board],
         display_group: "Contracts",
         objectives: [(goal: FindItem(item: "ORE", count: 3), text: "Recover ore"),
                      (goal: GoTo(place: "DOCK"), text: "Secret rendezvous", hidden: true)],
         rewards: (credits: 400, xp: 60, reputation: 5),
         dialogue: (offer: "Bring back ore.", inquire: "Any luck with the ore?"),
         follow_ups: [(mission: "DELIVER")],
         success_message: "The Guild thanks you."),
        (id: "DELIVER", name: "Deliver the Goods", issuer: "GUILD", origins: [Board],
         gates: (prerequisites: [(mission: "SALVAGE")]),
         objectives: [(goal: GoTo(place: "DOCK"), text: "Fly to the dock")]),
        (id: "PATROL", name: "Fleet Patrol", issuer: "FED", mission_type: Combat, origins: [Board],
         display_group: "Military",
         objectives: [(goal: KillTarget(target: "BOSS"), text: "Destroy the raider chief")],
         effects: (on_start: [SpawnTarget(target: "BOSS", enemy: "RAIDER")]),
         dialogue: (advice: "Come back when you have flown more."),
         rewards: (credits: 900)),
        (id: "VETERAN", name: "Veteran Sweep", issuer: "FED", mission_type: Combat, origins: [Board],
         gates: (min_level: 5),
         dialogue: (advice: "Come back when you have flown more."),
         objectives: [(goal: GoTo(place: "DOCK"))]),
        (id: "SECRET", name: "Invisible Bookkeeping", origins: [Board], visible: false,
         objectives: [(goal: GoTo(place: "DOCK"))]),
    ],
)"#;

/// Every mission request the UI sent.
#[derive(Resource, Default)]
struct Requests(Vec<MissionRequest>);

fn record(mut reader: MessageReader<MissionRequest>, mut seen: ResMut<Requests>) {
    seen.0.extend(reader.read().cloned());
}

fn ui_app(catalog: MissionCatalog) -> (MissionsTest, Entity) {
    let mut t = MissionsTest::with_plugins(
        catalog,
        MissionsPlugins::manual()
            .add(TransformPlugin)
            .add(MissionsUiPlugin {
                draw: false,
                ..default()
            }),
    );
    t.app.init_resource::<Requests>().add_systems(
        Update,
        record
            .after(MissionsUiSystems::Apply)
            .before(MissionSystems::Catalog),
    );
    let player = t
        .app
        .world_mut()
        .spawn((
            MissionHolder::new("pilot"),
            LocalPlayer,
            Transform::default(),
        ))
        .id();
    t.update();
    (t, player)
}

fn test_catalog() -> MissionCatalog {
    MissionCatalog::from_ron_str(CATALOG).expect("the UI test catalog is valid")
}

fn press(t: &mut MissionsTest, key: KeyCode) {
    key.press(t.app.world_mut());
    t.update();
    key.release(t.app.world_mut());
    t.update();
}

fn ui(t: &MissionsTest) -> &MissionsUi {
    t.app.world().resource::<MissionsUi>()
}

fn requests(t: &MissionsTest) -> Vec<MissionRequest> {
    t.app.world().resource::<Requests>().0.clone()
}

fn board(t: &MissionsTest) -> BoardView {
    t.app.world().resource::<BoardView>().clone()
}

// ---------------------------------------------------------------- app level, through leafwing

#[test]
fn a_key_press_opens_the_board_and_enter_accepts_the_focused_posting() {
    let (mut t, player) = ui_app(demo_catalog());
    assert!(!ui(&t).open.board);
    press(&mut t, KeyCode::KeyB);
    assert!(ui(&t).open.board, "B opens the board");
    let first = board(&t)
        .visible(&BoardFilter::default())
        .find(|r| r.locked.is_none())
        .cloned()
        .expect("something to take");
    let index = board(&t)
        .visible(&BoardFilter::default())
        .position(|r| r.mission == first.mission)
        .unwrap();
    for _ in 0..index {
        press(&mut t, KeyCode::ArrowDown);
    }
    assert_eq!(ui(&t).row(Panel::Board), index);
    press(&mut t, KeyCode::Enter);
    let expected = match first.posting() {
        Some(posting) => MissionRequest::AcceptPosting {
            player,
            posting,
            overrides: Default::default(),
        },
        None => MissionRequest::Accept {
            player,
            mission: first.mission.clone(),
        },
    };
    assert_eq!(requests(&t), vec![expected]);
    assert_eq!(
        t.status(player, first.mission.as_str()),
        Some(MissionStatus::Active)
    );
    assert!(
        ui(&t).reply.is_some(),
        "the accepted line is shown on the board"
    );
    press(&mut t, KeyCode::Escape);
    assert!(!ui(&t).open.board, "Escape closes the focused window");
}

#[test]
fn a_gamepad_button_press_goes_in_and_a_request_comes_out() {
    let (mut t, player) = ui_app(test_catalog());
    let pad = t.app.world_mut().spawn_empty().id();
    t.app.world_mut().write_message(GamepadConnectionEvent::new(
        pad,
        GamepadConnection::Connected {
            name: "Pad".into(),
            vendor_id: None,
            product_id: None,
        },
    ));
    t.update();
    t.update();
    let tap = |t: &mut MissionsTest, b: GamepadButton| {
        b.press_as_gamepad(t.app.world_mut(), Some(pad));
        t.update();
        b.release_as_gamepad(t.app.world_mut(), Some(pad));
        t.update();
    };
    tap(&mut t, GamepadButton::North);
    assert!(ui(&t).open.board, "North opens the board");
    let rows = board(&t).rows;
    let index = rows.iter().position(|r| r.locked.is_none()).unwrap();
    let first = rows[index].clone();
    for _ in 0..index {
        tap(&mut t, GamepadButton::DPadDown);
    }
    tap(&mut t, GamepadButton::South);
    assert!(
        requests(&t).contains(&MissionRequest::Accept {
            player,
            mission: first.mission.clone()
        }),
        "{:?}",
        requests(&t)
    );
    tap(&mut t, GamepadButton::Select);
    assert!(ui(&t).open.journal && ui(&t).focus == Panel::Journal);
    tap(&mut t, GamepadButton::West);
    assert_eq!(
        ui(&t).confirm_abandon.as_ref(),
        Some(&first.mission),
        "abandon asks first"
    );
    tap(&mut t, GamepadButton::Start);
    assert!(requests(&t).contains(&MissionRequest::Abandon {
        player,
        mission: first.mission.clone()
    }));
}

#[test]
fn replacing_the_input_map_changes_which_key_does_it() {
    let (mut t, _) = ui_app(test_catalog());
    let bindings = bevy_missions::ui::UiBindings::parse(
        "pilot.bindings.ron",
        "(bindings: { OpenBoard: (keys: [KeyM]) })",
    )
    .unwrap();
    let world = t.app.world_mut();
    let mut q = world
        .query_filtered::<&mut InputMap<MissionsAction>, With<bevy_missions::ui::MissionsUiInput>>(
        );
    *q.single_mut(world).unwrap() = bindings.input_map();
    press(&mut t, KeyCode::KeyB);
    assert!(!ui(&t).open.board, "B no longer opens the board");
    press(&mut t, KeyCode::KeyM);
    assert!(ui(&t).open.board, "M does");
}

#[cfg(feature = "hot_reload")]
#[test]
fn a_bindings_file_rebinds_and_reloads_while_the_game_runs_and_a_broken_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("input")).unwrap();
    let file = dir.path().join("input/pilot.bindings.ron");
    std::fs::write(&file, "(bindings: { OpenBoard: (keys: [KeyM]) })").unwrap();
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        AssetPlugin {
            file_path: dir.path().display().to_string(),
            ..default()
        },
        MissionsPlugins::manual(),
        MissionsUiPlugin {
            draw: false,
            bindings: Some("input/pilot.bindings.ron".into()),
            ..default()
        },
    ))
    .insert_resource(test_catalog());
    let key_opens = |app: &mut App, key: KeyCode| {
        app.world_mut().resource_mut::<MissionsUi>().open.board = false;
        key.press(app.world_mut());
        app.update();
        key.release(app.world_mut());
        app.update();
        app.world().resource::<MissionsUi>().open.board
    };
    update_until(&mut app, "the bindings", |w| {
        w.resource::<MissionsUi>()
            .toasts
            .iter()
            .any(|t| t.text == "Key bindings loaded")
    });
    assert!(key_opens(&mut app, KeyCode::KeyM) && !key_opens(&mut app, KeyCode::KeyB));
    std::fs::write(&file, "(bindings: { OpenBoard: (keys: [KeyN]) })").unwrap();
    update_until(&mut app, "the edit", |w| {
        let mut q = w.try_query::<&InputMap<MissionsAction>>().unwrap();
        q.iter(w).any(|m| {
            m.get(&MissionsAction::OpenBoard)
                .is_some_and(|b| format!("{b:?}").contains("KeyN"))
        })
    });
    assert!(key_opens(&mut app, KeyCode::KeyN) && !key_opens(&mut app, KeyCode::KeyM));
    std::fs::write(&file, "(bindings: {\n OpenBoard: (keys: [NotAKey]) })").unwrap();
    update_until(&mut app, "the error toast", |w| {
        w.resource::<MissionsUi>()
            .toasts
            .iter()
            .any(|t| t.error && t.text.contains("pilot.bindings.ron:2:"))
    });
    assert!(
        key_opens(&mut app, KeyCode::KeyN),
        "the last good bindings stay"
    );
}

#[test]
fn the_hud_arrow_points_at_a_target_left_of_the_ship_and_then_right_of_it() {
    let (mut t, player) = ui_app(test_catalog());
    t.accept(player, "PATROL");
    let boss = t
        .app
        .world_mut()
        .spawn((
            MissionTarget::Target("BOSS".into()),
            Transform::from_xyz(-200.0, 10.0, 0.0),
        ))
        .id();
    // Positions propagate in PostUpdate; the HUD reads them the frame after.
    t.update();
    t.update();
    let hud = t.app.world().resource::<HudView>().clone();
    let arrow = hud.arrow.expect("the arrow resolves the named target");
    assert!(arrow.x < -0.9, "{arrow:?}");
    assert_eq!(hud.arrow_for.as_deref(), Some("Destroy the raider chief"));
    t.app
        .world_mut()
        .entity_mut(boss)
        .insert(Transform::from_xyz(250.0, -10.0, 0.0));
    t.update();
    t.update();
    let arrow = t.app.world().resource::<HudView>().arrow.unwrap();
    assert!(arrow.x > 0.9, "{arrow:?}");
    // Untracked missions leave the HUD.
    t.request(MissionRequest::Track {
        player,
        mission: "PATROL".into(),
        tracked: false,
    });
    t.update();
    assert_eq!(t.app.world().resource::<HudView>().arrow, None);
}

#[test]
fn a_place_objective_points_at_the_catalog_position_and_survive_shows_the_banner() {
    let (mut t, player) = ui_app(demo_catalog_every_posting());
    let posting = demo_catalog().postings()[0].id.clone();
    t.request(MissionRequest::AcceptPosting {
        player,
        posting,
        overrides: Default::default(),
    });
    t.request(MissionRequest::start_run(player));
    t.update();
    let hud = t.app.world().resource::<HudView>().clone();
    let now = t.app.world().resource::<MissionClock>().now;
    let banner = bevy_missions::ui::panels::survive_banner(&hud, now)
        .expect("a posting's run has a survive timer");
    assert!(
        banner.starts_with("SURVIVE ") && banner.ends_with(" until extraction"),
        "{banner}"
    );
    assert!(!hud.lines.is_empty());
}

// ---------------------------------------------------------------- panels, driven by kittest

struct BoardState {
    view: BoardView,
    filter: BoardFilter,
    actions: Vec<UiAction>,
    reply: Option<String>,
}

fn board_harness(view: BoardView, reply: Option<String>) -> Harness<'static, BoardState> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1000.0, 800.0))
        .build_ui_state(
            |ui, s: &mut BoardState| {
                let a = board_panel(
                    ui,
                    &s.view,
                    &mut s.filter,
                    Some(0),
                    s.reply.as_deref(),
                    &UiTheme::default(),
                );
                s.actions.extend(a);
            },
            BoardState {
                view,
                filter: BoardFilter::default(),
                actions: Vec::new(),
                reply,
            },
        );
    h.run();
    h
}

use bevy_egui::egui;

#[test]
fn the_board_accepts_filters_by_faction_and_shows_the_locked_reason_and_the_reply() {
    let (mut t, player) = ui_app(test_catalog());
    let mut h = board_harness(board(&t), None);
    assert!(h.query_by_label("Salvage Run").is_some());
    assert!(
        h.query_by_label_contains("Locked: requires level 5 (you are level 1)")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Come back when you have flown more.")
            .is_some(),
        "advice line for locked rows"
    );
    assert!(
        h.query_by_label_contains("“Bring back ore.”").is_some(),
        "offer line"
    );
    // Filter by faction: only the Guild's rows remain.
    h.get_by_label("GUILD").click();
    h.run();
    assert!(h.query_by_label("Fleet Patrol").is_none());
    assert!(h.query_by_label("Salvage Run").is_some());
    h.get_by_label("Accept Salvage Run").click();
    h.run();
    let actions = std::mem::take(&mut h.state_mut().actions);
    assert_eq!(
        actions,
        vec![UiAction::Accept {
            mission: "SALVAGE".into(),
            posting: None
        }]
    );
    // The click goes through the app like a key press does.
    for a in actions {
        t.app.world_mut().write_message(a);
    }
    t.update();
    assert_eq!(t.status(player, "SALVAGE"), Some(MissionStatus::Active));
    let reply = ui(&t).reply.clone().expect("a reply line");
    let h = board_harness(board(&t), Some(reply.clone()));
    assert!(h.query_by_label(&reply).is_some());
    assert!(
        h.query_by_label("Salvage Run").is_none(),
        "an active mission leaves the board"
    );
}

#[test]
fn todays_dailies_are_listed_and_one_done_today_says_so() {
    let (mut t, player) = ui_app(demo_catalog());
    let dailies: Vec<_> = board(&t)
        .rows
        .into_iter()
        .filter(|r| matches!(r.source, bevy_missions::ui::view::OfferSource::Daily(_)))
        .collect();
    assert_eq!(dailies.len(), 4, "one per slot");
    // Finish the travel daily by visiting places of its kind.
    let travel = dailies
        .iter()
        .find(|r| format!("{:?}", r.source).contains("Travel"))
        .unwrap()
        .clone();
    t.accept(player, travel.mission.as_str());
    let catalog = demo_catalog();
    let def = catalog.mission(travel.mission.as_str()).unwrap();
    let kind = match &def.objectives[0].goal {
        bevy_missions::model::objective::ObjectiveKind::GoToKind { kind, .. } => kind.clone(),
        other => panic!("travel dailies visit places: {other:?}"),
    };
    for place in catalog.places().filter(|p| p.kind == kind) {
        t.fact(MissionFact::entered(player, place.id.clone()));
    }
    assert_eq!(t.completions(player, travel.mission.as_str()), 1);
    t.update();
    let view = board(&t);
    let row = view
        .rows
        .iter()
        .find(|r| r.mission == travel.mission)
        .expect("still listed");
    assert!(row.done_today && row.locked.is_some());
    let h = board_harness(
        BoardView {
            rows: vec![row.clone()],
            ..view.clone()
        },
        None,
    );
    assert!(h.query_by_label("Done for today").is_some());
    assert!(h.query_by_label_contains("Dailies refresh in").is_some());
}

struct JournalState {
    view: JournalView,
    focus: usize,
    actions: Vec<UiAction>,
}

fn journal_harness(view: JournalView, focus: usize) -> Harness<'static, JournalState> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1000.0, 800.0))
        .build_ui_state(
            |ui, s: &mut JournalState| {
                let a = journal_panel(ui, &s.view, s.focus, 0.0, &UiTheme::default());
                s.actions.extend(a);
            },
            JournalState {
                view,
                focus,
                actions: Vec::new(),
            },
        );
    h.run();
    h
}

#[test]
fn the_journal_groups_missions_leaves_out_hidden_and_invisible_ones_and_toggles_tracking() {
    let (mut t, player) = ui_app(test_catalog());
    for m in ["SALVAGE", "PATROL", "SECRET"] {
        t.accept(player, m);
    }
    t.update();
    let view = t.app.world().resource::<JournalView>().clone();
    let groups: Vec<&str> = view.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        groups,
        ["Contracts", "Military"],
        "invisible missions are left out"
    );
    let h = journal_harness(view.clone(), 0);
    assert!(h.query_by_label("Contracts").is_some() && h.query_by_label("Military").is_some());
    assert!(h.query_by_label_contains("Recover ore  0/3").is_some());
    assert!(
        h.query_by_label_contains("Secret rendezvous").is_none(),
        "hidden until it progresses"
    );
    assert!(
        h.query_by_label_contains("Any luck with the ore?")
            .is_some(),
        "the inquire line"
    );
    assert!(h.query_by_label_contains("Invisible Bookkeeping").is_none());
    let mut h = journal_harness(view, 0);
    h.get_by_label("Tracked").click();
    h.run();
    h.get_by_label("Abandon").click();
    h.run();
    assert_eq!(
        h.state().actions,
        vec![
            UiAction::Track {
                mission: "SALVAGE".into(),
                tracked: false
            },
            UiAction::AskAbandon("SALVAGE".into())
        ]
    );
    for a in h.state().actions.clone() {
        t.app.world_mut().write_message(a);
    }
    t.update();
    assert!(!t.acceptance(player, "SALVAGE").unwrap().is_tracked());
    assert_eq!(
        ui(&t).confirm_abandon.as_ref().map(|m| m.as_str()),
        Some("SALVAGE")
    );
    // The hidden objective shows once it progresses.
    t.fact(MissionFact::entered(player, "DOCK"));
    t.update();
    let h = journal_harness(t.app.world().resource::<JournalView>().clone(), 0);
    assert!(h.query_by_label_contains("Secret rendezvous").is_some());
}

#[test]
fn abandoning_asks_first_and_states_the_reputation_cost() {
    let (mut t, player) = ui_app(test_catalog());
    t.accept(player, "SALVAGE");
    t.update();
    let row = t
        .app
        .world()
        .resource::<JournalView>()
        .rows()
        .next()
        .unwrap()
        .clone();
    let mut h = Harness::new_ui_state(
        |ui, s: &mut Option<UiAction>| {
            if let Some(a) = abandon_confirm_panel(ui, &row, &UiTheme::default()) {
                *s = Some(a);
            }
        },
        None,
    );
    h.run();
    assert!(h.query_by_label("Abandon Salvage Run?").is_some());
    assert!(
        h.query_by_label("You lose 5 reputation with GUILD.")
            .is_some()
    );
    h.get_by_label("Yes, abandon").click();
    h.run();
    assert_eq!(*h.state(), Some(UiAction::ConfirmAbandon));
    t.app
        .world_mut()
        .write_message(UiAction::AskAbandon("SALVAGE".into()));
    t.update();
    assert_eq!(
        t.status(player, "SALVAGE"),
        Some(MissionStatus::Active),
        "asking abandons nothing"
    );
    t.app.world_mut().write_message(UiAction::ConfirmAbandon);
    t.update();
    assert_eq!(t.status(player, "SALVAGE"), Some(MissionStatus::Abandoned));
    t.update();
    assert_eq!(t.reputation(player, "GUILD"), -5);
    let finished = &t.app.world().resource::<JournalView>().finished;
    assert_eq!(finished[0].status, MissionStatus::Abandoned);
}

#[test]
fn the_completion_screen_counts_credits_up_to_the_total_with_reputation_and_the_message() {
    let (mut t, player) = ui_app(test_catalog());
    t.accept(player, "SALVAGE");
    t.fact(MissionFact::collected(player, "ORE", 3));
    t.fact(MissionFact::entered(player, "DOCK"));
    t.update();
    let screen = ui(&t)
        .completions
        .front()
        .cloned()
        .expect("a completion screen");
    assert_eq!(screen.kind, CompletionKind::Completed);
    let shown = |elapsed: f64| {
        let screen = screen.clone();
        let mut h = Harness::new_ui_state(
            move |ui, s: &mut bool| {
                *s |= completion_panel(ui, &screen, elapsed, &UiTheme::default()).is_some();
            },
            false,
        );
        h.run();
        h
    };
    let h = shown(0.0);
    assert!(h.query_by_label("+0 credits").is_some());
    let mut h = shown(10.0);
    assert!(h.query_by_label("+400 credits").is_some());
    assert!(h.query_by_label("+60 XP").is_some());
    assert!(h.query_by_label("+5 reputation with GUILD").is_some());
    assert!(h.query_by_label("“The Guild thanks you.”").is_some());
    h.get_by_label("Continue").click();
    h.run();
    assert!(*h.state());
    t.app.world_mut().write_message(UiAction::DismissCompletion);
    t.update();
    assert!(ui(&t).completions.is_empty());
}

#[test]
fn held_completion_screens_wait_for_the_game_and_keys_do_not_dismiss_them() {
    let (mut t, player) = ui_app(test_catalog());
    t.app
        .world_mut()
        .resource_mut::<MissionsUi>()
        .hold_completions = true;
    t.accept(player, "SALVAGE");
    t.fact(MissionFact::collected(player, "ORE", 3));
    t.fact(MissionFact::entered(player, "DOCK"));
    t.update();
    assert_eq!(ui(&t).completions.len(), 1, "queued");
    assert!(ui(&t).completion_showing().is_none(), "but held");
    assert!(
        !ui(&t).is_blocking(),
        "a held screen does not stop the game"
    );
    press(&mut t, KeyCode::Escape);
    assert_eq!(
        ui(&t).completions.len(),
        1,
        "Escape does not dismiss a held screen"
    );
    t.app
        .world_mut()
        .resource_mut::<MissionsUi>()
        .hold_completions = false;
    assert!(ui(&t).completion_showing().is_some(), "shown once released");
    assert!(ui(&t).is_blocking());
    press(&mut t, KeyCode::Escape);
    assert!(ui(&t).completions.is_empty(), "and dismissed as usual");
}

#[test]
fn a_broken_catalog_edit_becomes_a_toast_with_its_position() {
    let (mut t, _) = ui_app(test_catalog());
    let error = CatalogError::new(
        "missions/a.missions.ron",
        7,
        12,
        CatalogErrorKind::Syntax("Expected `)`".into()),
    );
    t.app.world_mut().write_message(CatalogRejected {
        errors: vec![error],
    });
    t.update();
    let toasts = ui(&t).toasts.clone();
    assert!(toasts.iter().any(|t| t.error), "{toasts:?}");
    let h = Harness::new_ui(move |ui| toasts_panel(ui, &toasts, 0.0, &UiTheme::default()));
    assert!(
        h.query_by_label("missions/a.missions.ron:7:12: Expected `)`")
            .is_some()
    );
}

#[test]
fn the_dashboard_counts_what_happened_to_each_mission() {
    let (mut t, player) = ui_app(test_catalog());
    t.accept(player, "PATROL");
    t.abandon(player, "PATROL");
    t.accept(player, "PATROL");
    t.update();
    let view = t.app.world().resource::<DashboardView>().clone();
    let row = view.rows.iter().find(|r| r.name == "Fleet Patrol").unwrap();
    assert_eq!(row.counts[1], 2, "accepted twice");
    assert_eq!(row.counts[4], 1, "abandoned once");
    let h = Harness::new_ui(move |ui| dashboard_panel(ui, &view, &UiTheme::default()));
    assert!(h.query_by_label("Fleet Patrol").is_some());
    assert!(h.query_by_label("abandoned").is_some());
}

#[test]
fn the_graph_shows_each_chained_mission_with_its_state() {
    let (mut t, player) = ui_app(test_catalog());
    t.app
        .world_mut()
        .resource_mut::<MissionsUi>()
        .open(Panel::Graph);
    t.update();
    let view = t.app.world().resource::<GraphView>().clone();
    let h = {
        let view = view.clone();
        let mut h = Harness::builder()
            .with_size(egui::vec2(900.0, 500.0))
            .build_ui(move |ui| {
                graph_panel(ui, &view, &mut egui::Vec2::default(), &UiTheme::default())
            });
        h.run();
        h
    };
    assert!(h.query_by_label("Salvage Run (available)").is_some());
    assert!(h.query_by_label("Deliver the Goods (locked)").is_some());
    assert!(
        h.query_by_label_contains("Fleet Patrol").is_none(),
        "missions without a chain are left out"
    );
    t.accept(player, "SALVAGE");
    t.fact(MissionFact::collected(player, "ORE", 3));
    t.fact(MissionFact::entered(player, "DOCK"));
    t.update();
    let states: Vec<_> = t
        .app
        .world()
        .resource::<GraphView>()
        .nodes
        .iter()
        .map(|n| (n.mission.to_string(), n.state.name()))
        .collect();
    assert_eq!(
        states,
        [
            ("SALVAGE".to_owned(), "completed"),
            ("DELIVER".to_owned(), "available")
        ]
    );
}

#[test]
fn the_snapshot_comparison_tells_panels_apart_and_passes_a_panel_against_itself() {
    use bevy_missions::screenshot::ScreenshotError;
    use bevy_missions::screenshot::Tolerance;
    use bevy_missions::screenshot::compare;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/snapshots/ui");
    let names = [
        "completion",
        "board",
        "journal",
        "graph",
        "dashboard",
        "hud",
    ];
    for a in names {
        let path = dir.join(format!("{a}.png"));
        assert!(
            compare(&path, &path, Tolerance::PANELS).is_ok(),
            "{a} against itself"
        );
        for b in names.iter().filter(|b| **b != a) {
            let result = compare(&path, &dir.join(format!("{b}.png")), Tolerance::PANELS);
            assert!(
                matches!(result, Err(ScreenshotError::Differs { .. })),
                "{a} against {b}: {result:?}"
            );
        }
    }
}

#[test]
fn the_demo_snapshots_are_told_apart_at_their_tolerance() {
    use bevy_missions::screenshot::ScreenshotError;
    use bevy_missions::screenshot::Tolerance;
    use bevy_missions::screenshot::compare;
    // As the demo compares them (examples/demo/shots.rs): the run loosely, the hub closely.
    let tolerance = |name| {
        if name == "run" {
            Tolerance::SCENE
        } else {
            Tolerance::SCREEN
        }
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/snapshots/demo");
    let names = ["board", "run", "journal", "complete"];
    for a in names {
        let path = dir.join(format!("{a}.png"));
        assert!(
            compare(&path, &path, tolerance(a)).is_ok(),
            "{a} against itself"
        );
        for b in names.iter().filter(|b| **b != a) {
            let result = compare(&path, &dir.join(format!("{b}.png")), tolerance(a));
            assert!(
                matches!(result, Err(ScreenshotError::Differs { .. })),
                "{a} against {b}: {result:?}"
            );
        }
    }
}

/// With the missions in `FixedUpdate`, the view models follow that schedule (and nothing of the
/// UI orders itself against sets that never run in `Update`, which would stop start-up).
#[test]
fn with_the_missions_in_fixed_update_the_views_follow_that_schedule() {
    let mut t = MissionsTest::with_plugins(
        MissionCatalog::from_ron_str(CATALOG).unwrap(),
        MissionsPlugins::manual()
            .set(MissionSchedulePlugin::in_schedule(FixedUpdate))
            .add(TransformPlugin)
            .add(MissionsUiPlugin {
                draw: false,
                ..default()
            }),
    );
    let player = t
        .app
        .world_mut()
        .spawn((
            MissionHolder::new("pilot"),
            LocalPlayer,
            Transform::default(),
        ))
        .id();
    t.app
        .world_mut()
        .write_message(MissionRequest::accept(player, "SALVAGE"));
    t.app.world_mut().run_schedule(FixedUpdate);
    let rows: Vec<String> = t
        .app
        .world()
        .resource::<JournalView>()
        .rows()
        .map(|r| r.mission.to_string())
        .collect();
    assert_eq!(rows, vec!["SALVAGE"], "built in the same FixedUpdate step");
}

/// The UI may be added before the missions: its view models still follow their schedule.
#[test]
fn the_ui_added_before_the_missions_still_builds_its_views() {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        TransformPlugin,
        MissionsUiPlugin {
            draw: false,
            ..default()
        },
        MissionsPlugins::manual(),
    ))
    .insert_resource(MissionCatalog::from_ron_str(CATALOG).unwrap());
    app.finish();
    app.cleanup();
    let player = app
        .world_mut()
        .spawn((
            MissionHolder::new("pilot"),
            LocalPlayer,
            Transform::default(),
        ))
        .id();
    app.world_mut()
        .write_message(MissionRequest::accept(player, "SALVAGE"));
    app.update();
    let rows: Vec<String> = app
        .world()
        .resource::<JournalView>()
        .rows()
        .map(|r| r.mission.to_string())
        .collect();
    assert_eq!(rows, vec!["SALVAGE"]);
}

/// The graph's states come from the gate check accept runs: a follow-up whose prerequisite is
/// done but whose level gate refuses is locked, not available.
#[test]
fn the_graph_shows_a_mission_refused_by_a_level_gate_as_locked() {
    let catalog = MissionCatalog::from_ron_str(
        r#"(
        place_kinds: [(id: "BEACON", name: "Beacon")],
        places: [(id: "DOCK", name: "Dock", kind: "BEACON")],
        missions: [
            (id: "FIRST", name: "First", origins: [Board],
             objectives: [(goal: GoTo(place: "DOCK"))]),
            (id: "VETERAN", name: "Veteran", origins: [Board],
             gates: (prerequisites: [(mission: "FIRST")], min_level: 5),
             objectives: [(goal: GoTo(place: "DOCK"))]),
        ],
    )"#,
    )
    .unwrap();
    let (mut t, player) = ui_app(catalog);
    t.app
        .world_mut()
        .resource_mut::<MissionsUi>()
        .open(Panel::Graph);
    t.accept(player, "FIRST");
    t.fact(MissionFact::entered(player, "DOCK"));
    t.update();
    let graph = t.app.world().resource::<GraphView>();
    let state = |id: &str| {
        graph
            .nodes
            .iter()
            .find(|n| n.mission.as_str() == id)
            .map(|n| n.state)
    };
    assert_eq!(state("FIRST"), Some(NodeState::Completed));
    assert_eq!(state("VETERAN"), Some(NodeState::Locked), "needs level 5");
    // The game levels the pilot up: the open graph follows.
    t.app
        .world_mut()
        .get_mut::<bevy_missions::model::player::Experience>(player)
        .unwrap()
        .level = 5;
    t.update();
    let graph = t.app.world().resource::<GraphView>();
    let veteran = graph.nodes.iter().find(|n| n.mission.as_str() == "VETERAN");
    assert_eq!(veteran.map(|n| n.state), Some(NodeState::Available));
}
