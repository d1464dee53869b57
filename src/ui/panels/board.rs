//! The mission board panel.

use bevy_egui::egui::{self, WidgetInfo, WidgetType};

use crate::model::mission::MissionType;
use crate::ui::state::UiAction;
use crate::ui::theme::{UiTheme, clock_text};
use crate::ui::view::{BoardFilter, BoardRow, BoardView};

/// Height of one board row in points (two lines of text and a margin).
fn row_height(ui: &egui::Ui) -> f32 {
    ui.text_style_height(&egui::TextStyle::Body) * 2.0 + ui.spacing().item_spacing.y * 2.0 + 8.0
}

/// Draws the board: the filters, then one row per visible mission (only the rows in view are
/// laid out, so a board of thousands costs what a screenful costs). `focus` is the keyboard's
/// row among the visible ones; `reply` the accepted or rejected line of the last accept.
pub fn board_panel(
    ui: &mut egui::Ui,
    view: &BoardView,
    filter: &mut BoardFilter,
    focus: Option<usize>,
    reply: Option<&str>,
    theme: &UiTheme,
) -> Vec<UiAction> {
    let mut actions = Vec::new();
    filters(ui, view, filter);
    if let Some(secs) = view.daily_refresh_in {
        ui.label(theme.text(
            format!("Dailies refresh in {}", clock_text(secs)),
            theme.muted,
        ));
    }
    if let Some(reply) = reply.filter(|r| !r.is_empty()) {
        ui.label(theme.text(reply, theme.accent));
    }
    ui.separator();
    let rows: Vec<&BoardRow> = view.visible(filter).collect();
    if rows.is_empty() {
        ui.label(theme.text("Nothing on offer here right now.", theme.muted));
        return actions;
    }
    let height = row_height(ui);
    let mut scroll = egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .max_height(420.0);
    if let Some(f) = focus {
        scroll = scroll.vertical_scroll_offset(
            (f as f32 * (height + ui.spacing().item_spacing.y) - 160.0).max(0.0),
        );
    }
    scroll.show_rows(ui, height, rows.len(), |ui, range| {
        for i in range {
            row(ui, rows[i], focus == Some(i), height, theme, &mut actions);
        }
    });
    actions
}

fn filters(ui: &mut egui::Ui, view: &BoardView, filter: &mut BoardFilter) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Faction:");
        if ui
            .selectable_label(filter.faction.is_none(), "All factions")
            .clicked()
        {
            filter.faction = None;
        }
        for f in &view.factions {
            let on = filter.faction.as_ref() == Some(f);
            if ui.selectable_label(on, f.as_str()).clicked() {
                filter.faction = if on { None } else { Some(f.clone()) };
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Type:");
        if ui
            .selectable_label(filter.mission_type.is_none(), "All types")
            .clicked()
        {
            filter.mission_type = None;
        }
        for t in MissionType::ALL {
            let on = filter.mission_type == Some(t);
            if ui.selectable_label(on, format!("{t:?}")).clicked() {
                filter.mission_type = if on { None } else { Some(t) };
            }
        }
    });
}

fn row(
    ui: &mut egui::Ui,
    row: &BoardRow,
    focused: bool,
    height: f32,
    theme: &UiTheme,
    actions: &mut Vec<UiAction>,
) {
    let colour = if row.locked.is_some() {
        theme.muted
    } else {
        ui.visuals().text_color()
    };
    let width = ui.available_width();
    ui.allocate_ui(egui::vec2(width, height), |ui| {
        theme.focus_frame(focused).show(ui, |ui| {
            ui.set_width(width - 10.0);
            ui.horizontal(|ui| {
                if row.urgent {
                    ui.label(theme.text("URGENT", theme.danger).strong());
                }
                ui.label(theme.text(&row.title, colour).strong());
                let mut tags = vec![row.source.tag()];
                tags.extend(row.issuer.as_ref().map(ToString::to_string));
                tags.push(format!("{:?}", row.mission_type));
                tags.extend(row.label.clone());
                tags.push(format!("difficulty {}", row.difficulty));
                tags.extend(
                    row.timer_seconds
                        .map(|t| format!("extract {}", clock_text(f64::from(t)))),
                );
                tags.extend(row.crates.map(|c| format!("{c} crates")));
                ui.label(theme.text(tags.join(" · "), theme.muted));
            });
            ui.horizontal(|ui| {
                let accept = ui.add_enabled(row.locked.is_none(), egui::Button::new("Accept"));
                let label = format!("Accept {}", row.title);
                accept.widget_info(|| {
                    WidgetInfo::labeled(WidgetType::Button, row.locked.is_none(), &label)
                });
                if accept.clicked() {
                    actions.push(UiAction::Accept {
                        mission: row.mission.clone(),
                        posting: row.posting(),
                    });
                }
                if row.done_today {
                    ui.label(theme.text("Done for today", theme.success));
                } else if row.in_progress {
                    ui.label(theme.text("In progress", theme.accent));
                } else if let Some(reason) = &row.locked {
                    ui.label(theme.text(format!("Locked: {reason}"), theme.warning));
                }
                ui.label(theme.text(&row.rewards, theme.success));
                if !row.line.is_empty() {
                    ui.label(theme.text(format!("“{}”", row.line), colour).italics());
                }
            });
        });
    });
}
