//! The mission UI's cost per frame.
//!
//! `cargo bench --all-features --bench ui`
//! - group `ui_frame`: one frame with the board (500 entries) and the journal (200 active
//!   missions) open together: both view models built from the plugin's state (every gate of the
//!   500 entries checked, as after a change to the catalog) and egui's layout of both panels
//!   (`egui::Context::run_ui`, no renderer). Goal: at most 1 ms. `layout_only` is the layout
//!   alone (views unchanged, so cached); `app_update_200_active` is the whole app's frame
//!   without drawing (objectives, lifecycle and the views' change checks), for comparison.
//! - group `ui_reload`: a saved catalog edit reaching the open board: from writing the file to
//!   the edited title in the board's view model, through bevy's file watcher (which alone waits
//!   about 0.35 s). Goal: median of 20 edits at most 0.5 s; the bench prints the median.

use std::fmt::Write;
use std::hint::black_box;

use bevy::ecs::system::SystemState;
use bevy::prelude::*;
use bevy_egui::egui;
use bevy_missions::board::MissionBoard;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::lifecycle::GeneratedMissions;
use bevy_missions::lifecycle::MissionAcceptance;
use bevy_missions::model::player::MissionJournal;
use bevy_missions::prelude::*;
use bevy_missions::testing::MissionsTest;
use bevy_missions::ui::LocalPlayer;
use bevy_missions::ui::MissionsUiPlugin;
use bevy_missions::ui::UiTheme;
use bevy_missions::ui::panels::board_panel;
use bevy_missions::ui::panels::journal_panel;
use bevy_missions::ui::view::BoardFilter;
use bevy_missions::ui::view::BoardView;
use bevy_missions::ui::view::JournalView;
use criterion::{Criterion, criterion_group, criterion_main};

/// What the board and journal view models are built from.
type ViewInputs = (
    MissionBoard<'static, 'static>,
    Res<'static, MissionCatalog>,
    Res<'static, GeneratedMissions>,
    Query<'static, 'static, &'static MissionAcceptance>,
    Query<'static, 'static, &'static MissionJournal>,
);

const OFFERED: usize = 500;
const ACTIVE: usize = 200;

/// 700 board missions over 5 factions with a few objectives each.
fn catalog() -> MissionCatalog {
    let mut s = String::from("(rules: (concurrent_cap: 1000),\n factions: [");
    for f in 0..5 {
        let _ = write!(s, "(id: \"F{f}\", name: \"Faction {f}\"),");
    }
    s.push_str("], items: [(id: \"ORE\", name: \"Ore\")], place_kinds: [(id: \"K\", name: \"k\")], places: [(id: \"P\", name: \"p\", kind: \"K\")], missions: [");
    for m in 0..OFFERED + ACTIVE {
        let _ = write!(
            s,
            "(id: \"M{m}\", name: \"Contract number {m}\", issuer: \"F{}\", origins: [Board], \
             display_group: \"Group {}\", dialogue: (offer: \"Take this job, pilot.\", inquire: \"How goes it?\"), \
             rewards: (credits: {}, xp: 50, reputation: 3), \
             objectives: [(goal: FindItem(item: \"ORE\", count: 10), text: \"Recover ore\"), (goal: GoToKind(kind: \"K\", count: 3)), (goal: Survive(seconds: 120.0))]),",
            m % 5,
            m % 8,
            100 + m
        );
    }
    s.push_str("])");
    MissionCatalog::from_ron_str(&s).expect("bench catalog")
}

fn frame(c: &mut Criterion) {
    let mut t = MissionsTest::with_plugins(
        catalog(),
        MissionsPlugins::manual().add(MissionsUiPlugin {
            draw: false,
            ..default()
        }),
    );
    let player = t
        .app
        .world_mut()
        .spawn((MissionHolder::new("pilot"), LocalPlayer))
        .id();
    t.update();
    for m in OFFERED..OFFERED + ACTIVE {
        t.app.world_mut().write_message(MissionRequest::Accept {
            player,
            mission: format!("M{m}").into(),
        });
    }
    t.update();
    t.update();
    assert_eq!(t.app.world().resource::<BoardView>().rows.len(), OFFERED);
    assert_eq!(
        t.app.world().resource::<JournalView>().rows().count(),
        ACTIVE
    );
    let ctx = egui::Context::default();
    let theme = UiTheme::default();
    let mut filter = BoardFilter::default();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        ..Default::default()
    };
    let layout = |board: &BoardView, journal: &JournalView, filter: &mut BoardFilter| {
        let out = ctx.run_ui(input(), |root| {
            let ctx = root.ctx().clone();
            egui::Window::new("Mission board").show(&ctx, |ui| {
                black_box(board_panel(ui, board, filter, Some(3), None, &theme));
            });
            egui::Window::new("Journal").show(&ctx, |ui| {
                black_box(journal_panel(ui, journal, 3, 0.0, &theme));
            });
        });
        let shapes = out.shapes.len();
        out.drop_without_applying_deltas();
        black_box(shapes)
    };
    // The view models' inputs, read the way the plugin's systems read them.
    let mut inputs: SystemState<ViewInputs> = SystemState::new(t.app.world_mut());
    let mut group = c.benchmark_group("ui_frame");
    group.bench_function("board_500_journal_200", |b| {
        b.iter(|| {
            let (board, catalog, generated, acceptances, journals) =
                inputs.get(t.app.world()).expect("view inputs");
            let board_view = BoardView::build(&board, &catalog, player, None);
            let journal_view = JournalView::build(
                &catalog,
                &generated,
                player,
                acceptances.iter(),
                journals.get(player).ok(),
            );
            layout(&board_view, &journal_view, &mut filter)
        });
    });
    group.bench_function("layout_only", |b| {
        b.iter(|| {
            let world = t.app.world();
            layout(
                world.resource::<BoardView>(),
                world.resource::<JournalView>(),
                &mut filter,
            )
        });
    });
    // Not part of the goal: the whole app's frame (objectives, lifecycle, the views' change
    // checks) with the UI plugin in it, for comparison.
    group.bench_function("app_update_200_active", |b| {
        b.iter(|| t.app.update());
    });
    group.finish();
}

const RELOADED: &str = r#"(
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [(id: "DOCK", name: "Dock", kind: "BEACON")],
    missions: [(id: "M", name: "Version NAME", origins: [Board], objectives: [(goal: GoTo(place: "DOCK"))])],
)"#;

fn board_has(app: &App, title: &str) -> bool {
    app.world()
        .resource::<BoardView>()
        .rows
        .iter()
        .any(|r| r.title == title)
}

fn reload(c: &mut Criterion) {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("missions")).expect("mkdir");
    let file = dir.path().join("missions/a.missions.ron");
    std::fs::write(&file, RELOADED.replace("NAME", "0")).expect("write");
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        AssetPlugin {
            file_path: dir.path().display().to_string(),
            watch_for_changes_override: Some(true),
            ..default()
        },
        MissionsPlugins,
        MissionsUiPlugin {
            draw: false,
            ..default()
        },
    ));
    app.world_mut()
        .spawn((MissionHolder::new("pilot"), LocalPlayer));
    while !board_has(&app, "Version 0") {
        app.update();
        std::thread::sleep(Duration::from_millis(2));
    }
    let mut n = 0u64;
    let mut samples = Vec::new();
    let mut group = c.benchmark_group("ui_reload");
    group
        .sample_size(20)
        .sampling_mode(criterion::SamplingMode::Flat)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_millis(1));
    group.bench_function("saved_edit_to_open_board", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                let title = format!("Version {n}");
                let start = Instant::now();
                std::fs::write(&file, RELOADED.replace("NAME", &n.to_string())).expect("write");
                while !board_has(&app, &title) {
                    assert!(
                        start.elapsed() < Duration::from_secs(30),
                        "the edit never reached the board"
                    );
                    app.update();
                    std::thread::sleep(Duration::from_millis(2));
                }
                let took = start.elapsed();
                samples.push(took);
                total += took;
            }
            total
        });
    });
    group.finish();
    samples.sort();
    if let Some(median) = samples.get(samples.len() / 2) {
        println!(
            "ui_reload: median {:.0} ms, worst {:.0} ms over {} edits",
            median.as_secs_f64() * 1000.0,
            samples.last().map_or(0.0, |w| w.as_secs_f64() * 1000.0),
            samples.len()
        );
    }
}

criterion_group!(benches, frame, reload);
criterion_main!(benches);
