//! The systems that draw the panels with egui (in `EguiPrimaryContextPass`) and send what the
//! player clicked as [`UiAction`]s.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::panels::{
    abandon_confirm_panel, board_panel, completion_panel, dashboard_panel, graph_panel, hud_arrow,
    hud_panel, journal_panel, toasts_panel,
};
use super::state::{LocalPlayer, MissionsUi, Panel, UiAction};
use super::theme::UiTheme;
use super::view::{BoardView, DashboardView, GraphView, HudView, JournalView};
use crate::clock::MissionClock;

/// The view models the windows draw.
#[derive(bevy::ecs::system::SystemParam)]
pub(crate) struct Views<'w> {
    board: Res<'w, BoardView>,
    journal: Res<'w, JournalView>,
    graph: Res<'w, GraphView>,
    dashboard: Res<'w, DashboardView>,
    hud: Res<'w, HudView>,
    theme: Res<'w, UiTheme>,
}

/// Draws the open windows, the abandon confirmation and the front completion screen.
pub(crate) fn draw_windows(
    mut contexts: EguiContexts,
    mut ui: ResMut<MissionsUi>,
    views: Views,
    clock: Res<MissionClock>,
    time: Res<Time<Real>>,
    mut pan: Local<egui::Vec2>,
    mut out: MessageWriter<UiAction>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let theme = &*views.theme;
    let mut actions = Vec::new();
    let ui = &mut *ui;
    for panel in Panel::ALL {
        if !(ui.enabled.window(panel) && ui.open.window(panel)) {
            continue;
        }
        let mut open = true;
        let focused = ui.focus == panel;
        let title = if focused {
            format!("▶ {}", panel.title())
        } else {
            panel.title().to_owned()
        };
        egui::Window::new(title)
            .id(egui::Id::new(("missions_ui", panel as u8)))
            .open(&mut open)
            .default_width(match panel {
                Panel::Board | Panel::Graph => 900.0,
                Panel::Journal | Panel::Dashboard => 600.0,
            })
            .show(ctx, |w| match panel {
                Panel::Board => actions.extend(board_panel(
                    w,
                    &views.board,
                    &mut ui.filter,
                    focused.then_some(ui.rows[0]),
                    ui.reply.as_deref(),
                    theme,
                )),
                Panel::Journal => actions.extend(journal_panel(
                    w,
                    &views.journal,
                    ui.rows[1],
                    clock.now,
                    theme,
                )),
                Panel::Graph => graph_panel(w, &views.graph, &mut pan, theme),
                Panel::Dashboard => dashboard_panel(w, &views.dashboard, theme),
            });
        if !open {
            actions.push(UiAction::Close(panel));
        }
    }
    if let Some(mission) = &ui.confirm_abandon
        && let Some(row) = views.journal.rows().find(|r| &r.mission == mission)
    {
        egui::Modal::new(egui::Id::new("missions_ui_abandon")).show(ctx, |w| {
            actions.extend(abandon_confirm_panel(w, row, theme));
        });
    }
    let now = time.elapsed_secs_f64();
    if let Some(front) = ui.completion_showing().cloned() {
        let front = &front;
        let shown = *ui.completion_shown_at.get_or_insert(now);
        egui::Modal::new(egui::Id::new("missions_ui_completion")).show(ctx, |w| {
            w.set_min_width(320.0);
            actions.extend(completion_panel(w, front, now - shown, theme));
        });
    }
    out.write_batch(actions);
    Ok(())
}

/// Where the local player is on screen, for the arrow: through the first active camera.
fn player_on_screen(
    player: &Query<&GlobalTransform, With<LocalPlayer>>,
    cameras: &Query<(&Camera, &GlobalTransform)>,
) -> Option<egui::Pos2> {
    let at = player.single().ok()?.translation();
    cameras
        .iter()
        .filter(|(c, _)| c.is_active)
        .find_map(|(c, t)| c.world_to_viewport(t, at).ok())
        .map(|p| egui::pos2(p.x, p.y))
}

/// Draws the HUD (tracked objectives, banner, the arrow around the player's ship, or the screen's
/// centre when it has no position) and the toasts.
pub(crate) fn draw_hud(
    mut contexts: EguiContexts,
    ui: Res<MissionsUi>,
    views: Views,
    clock: Res<MissionClock>,
    time: Res<Time<Real>>,
    player: Query<&GlobalTransform, With<LocalPlayer>>,
    cameras: Query<(&Camera, &GlobalTransform)>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let theme = &*views.theme;
    if ui.enabled.hud && (!views.hud.lines.is_empty() || views.hud.survive_ends_at.is_some()) {
        egui::Area::new(egui::Id::new("missions_hud"))
            .anchor(egui::Align2::LEFT_TOP, egui::vec2(12.0, 12.0))
            .interactable(false)
            .show(ctx, |w| {
                egui::Frame::popup(w.style())
                    .show(w, |w| hud_panel(w, &views.hud, clock.now, theme));
            });
        let screen = ctx.content_rect();
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::new("missions_arrow"),
        ));
        let centre = player_on_screen(&player, &cameras).unwrap_or(screen.center());
        hud_arrow(&painter, centre, 40.0, &views.hud, theme);
    }
    if ui.enabled.toasts && !ui.toasts.is_empty() {
        egui::Area::new(egui::Id::new("missions_toasts"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -12.0))
            .interactable(false)
            .show(ctx, |w| {
                toasts_panel(w, &ui.toasts, time.elapsed_secs_f64(), theme)
            });
    }
    Ok(())
}
