//! The mission UI's cost per frame.
//!
//! `cargo bench --all-features --bench ui`
//! - group `ui_frame`: one frame with the board (500 entries) and the journal (200 active
//!   missions) open together: the view models rebuilt from the plugin's state (as after a change
//!   to the catalog) and egui's layout of both panels (`egui::Context::run_ui`, no renderer).
//!   Goal: at most 1 ms. `layout_only` is the same frame when nothing changed (views cached).

use std::fmt::Write;
use std::hint::black_box;

use bevy::prelude::*;
use bevy_egui::egui;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::prelude::*;
use bevy_missions::testing::MissionsTest;
use bevy_missions::ui::panels::{board_panel, journal_panel};
use bevy_missions::ui::view::{BoardFilter, BoardView, JournalView};
use bevy_missions::ui::{LocalPlayer, MissionsUiPlugin, UiTheme};
use criterion::{Criterion, criterion_group, criterion_main};

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
    let mut layout = |world: &World, filter: &mut BoardFilter| {
        let board = world.resource::<BoardView>();
        let journal = world.resource::<JournalView>();
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
    let mut group = c.benchmark_group("ui_frame");
    group.bench_function("board_500_journal_200", |b| {
        b.iter(|| {
            t.app
                .world_mut()
                .resource_mut::<MissionCatalog>()
                .set_changed();
            t.app.update();
            layout(t.app.world(), &mut filter)
        });
    });
    group.bench_function("layout_only", |b| {
        b.iter(|| {
            t.app.update();
            layout(t.app.world(), &mut filter)
        });
    });
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
