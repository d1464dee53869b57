//! The mission graph window and the dashboard.

use bevy_egui::egui::{self, Color32, Stroke};

use crate::catalog::EdgeKind;
use crate::ui::theme::{UiTheme, clock_text};
use crate::ui::view::{DashboardView, GraphView, NodeState};

/// Size of a node box and the gap between columns and rows, in points.
const NODE: egui::Vec2 = egui::vec2(190.0, 34.0);
const GAP: egui::Vec2 = egui::vec2(60.0, 16.0);

fn node_colour(state: NodeState, theme: &UiTheme) -> Color32 {
    match state {
        NodeState::Locked => theme.muted,
        NodeState::Available => theme.accent,
        NodeState::Active => theme.warning,
        NodeState::Completed => theme.success,
        NodeState::Failed => theme.danger,
    }
}

/// Draws the graph: one box per mission labelled `name (state)`, arrows for prerequisites
/// (solid), follow-ups (accent) and subquests (thin). Dragging pans; `pan` keeps the offset.
pub fn graph_panel(ui: &mut egui::Ui, view: &GraphView, pan: &mut egui::Vec2, theme: &UiTheme) {
    ui.label(theme.text(
        "Drag to pan. Grey: locked · blue: available · yellow: active · green: completed · red: failed",
        theme.muted,
    ));
    if view.nodes.is_empty() {
        ui.label(theme.text("No chains in this catalog.", theme.muted));
        return;
    }
    let size = egui::vec2(ui.available_width().max(300.0), 360.0);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::drag());
    *pan += response.drag_delta();
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    let origin = rect.min + egui::vec2(12.0, 12.0) + *pan;
    let box_of = |layer: u32, row: u32| {
        let min = origin
            + egui::vec2(
                layer as f32 * (NODE.x + GAP.x),
                row as f32 * (NODE.y + GAP.y),
            );
        egui::Rect::from_min_size(min, NODE)
    };
    let find = |id: &crate::ids::MissionId| view.nodes.iter().find(|n| &n.mission == id);
    for e in &view.edges {
        let (Some(a), Some(b)) = (find(&e.from), find(&e.to)) else {
            continue;
        };
        let (from, to) = (
            box_of(a.layer, a.row).right_center(),
            box_of(b.layer, b.row).left_center(),
        );
        let stroke = match e.kind {
            EdgeKind::Prerequisite => Stroke::new(2.0, ui.visuals().text_color()),
            EdgeKind::FollowUp => Stroke::new(2.0, theme.accent),
            EdgeKind::Subquest => Stroke::new(1.0, theme.muted),
        };
        painter.arrow(from, to - from, stroke);
    }
    let mut canvas = ui.new_child(egui::UiBuilder::new().max_rect(rect));
    canvas.set_clip_rect(rect);
    for n in &view.nodes {
        let r = box_of(n.layer, n.row);
        if !rect.intersects(r) {
            continue;
        }
        let colour = node_colour(n.state, theme);
        let button =
            egui::Button::new(theme.text(format!("{} ({})", n.name, n.state.name()), colour))
                .stroke(Stroke::new(1.5, colour));
        ui.put(r.intersect(rect), button);
    }
}

/// Draws the dashboard: one row per mission with its live counts and average completion time.
pub fn dashboard_panel(ui: &mut egui::Ui, view: &DashboardView, theme: &UiTheme) {
    if view.rows.is_empty() {
        ui.label(theme.text("No mission has been offered yet.", theme.muted));
        return;
    }
    egui::ScrollArea::vertical()
        .max_height(400.0)
        .show(ui, |ui| {
            egui::Grid::new("mission_dashboard")
                .striped(true)
                .show(ui, |ui| {
                    ui.label(theme.text("mission", theme.accent));
                    for c in DashboardView::COLUMNS {
                        ui.label(theme.text(c, theme.accent));
                    }
                    ui.label(theme.text("avg time", theme.accent));
                    ui.end_row();
                    for r in &view.rows {
                        ui.label(&r.name);
                        for c in r.counts {
                            ui.label(c.to_string());
                        }
                        ui.label(r.average_secs.map_or_else(|| "-".to_owned(), clock_text));
                        ui.end_row();
                    }
                });
        });
}
