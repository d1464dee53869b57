//! The journal panel and the abandon confirmation.

use bevy_egui::egui;

use crate::model::status::MissionStatus;
use crate::ui::state::{Panel, UiAction};
use crate::ui::theme::{UiTheme, clock_text};
use crate::ui::view::{JournalRow, JournalView, ObjectiveRow};

enum Line<'a> {
    Group(&'a str),
    Mission(usize, &'a JournalRow),
}

/// Draws the journal: active missions by display group on the left (only the lines in view are
/// laid out), the focused mission's objectives, timers and buttons on the right, and the finished
/// attempts with their checkpoint logs below. `now` is the mission clock's time, for countdowns.
pub fn journal_panel(
    ui: &mut egui::Ui,
    view: &JournalView,
    focus: usize,
    now: f64,
    theme: &UiTheme,
) -> Vec<UiAction> {
    let mut actions = Vec::new();
    let mut lines = Vec::new();
    let mut index = 0;
    for g in &view.groups {
        lines.push(Line::Group(&g.name));
        for m in &g.missions {
            lines.push(Line::Mission(index, m));
            index += 1;
        }
    }
    let focused = view.rows().nth(focus.min(index.saturating_sub(1)));
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        if lines.is_empty() {
            ui.label(theme.text("No active missions.", theme.muted));
        }
        let height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        egui::ScrollArea::vertical()
            .id_salt("journal_active")
            .max_height(360.0)
            .auto_shrink([false, true])
            .show_rows(ui, height, lines.len(), |ui, range| {
                for line in &lines[range] {
                    match line {
                        Line::Group(name) => {
                            ui.label(theme.text(*name, theme.accent).strong());
                        }
                        Line::Mission(i, m) => {
                            let mut text = format!("{}  {:.0}%", m.title, m.fraction * 100.0);
                            if m.withdrawn {
                                text.push_str("  (withdrawn)");
                            }
                            let colour = if m.withdrawn {
                                theme.warning
                            } else {
                                ui.visuals().text_color()
                            };
                            let selected = focused.is_some_and(|f| std::ptr::eq(f, *m));
                            if ui
                                .selectable_label(selected, theme.text(text, colour))
                                .clicked()
                            {
                                actions.push(UiAction::Focus(Panel::Journal, *i));
                            }
                        }
                    }
                }
            });
        if let Some(m) = focused {
            detail(&mut cols[1], m, now, theme, &mut actions);
        }
    });
    ui.separator();
    finished(ui, view, theme);
    actions
}

fn detail(
    ui: &mut egui::Ui,
    m: &JournalRow,
    now: f64,
    theme: &UiTheme,
    actions: &mut Vec<UiAction>,
) {
    ui.label(theme.heading(&m.title));
    if m.withdrawn {
        ui.label(theme.text(
            "Withdrawn by a game update: frozen until it comes back.",
            theme.warning,
        ));
    }
    if !m.inquire.is_empty() {
        ui.label(
            theme
                .text(format!("“{}”", m.inquire), ui.visuals().text_color())
                .italics(),
        );
    }
    for (what, at) in [
        ("Deadline", m.deadline),
        ("Expires", m.expires_at),
        ("Launch", m.launch_by),
    ] {
        if let Some(at) = at {
            let colour = if at - now < 60.0 {
                theme.danger
            } else {
                theme.warning
            };
            ui.label(theme.text(format!("{what} in {}", clock_text(at - now)), colour));
        }
    }
    for o in &m.objectives {
        objective(ui, o, now, theme);
    }
    ui.horizontal(|ui| {
        let mut tracked = m.tracked;
        if ui.checkbox(&mut tracked, "Tracked").changed() {
            actions.push(UiAction::Track {
                mission: m.mission.clone(),
                tracked,
            });
        }
        if ui.button("Abandon").clicked() {
            actions.push(UiAction::AskAbandon(m.mission.clone()));
        }
    });
}

/// One objective: a tick, its text, its count, its places checklist and its timer.
pub fn objective(ui: &mut egui::Ui, o: &ObjectiveRow, now: f64, theme: &UiTheme) {
    let (mark, colour) = if o.done {
        ("✔", theme.success)
    } else if o.current {
        ("○", ui.visuals().text_color())
    } else {
        ("·", theme.muted)
    };
    let mut text = format!("{mark} {}", o.text);
    if o.target > 1 && o.ends_at.is_none() {
        text.push_str(&format!("  {}/{}", o.count, o.target));
    }
    if o.optional {
        text.push_str("  (optional)");
    }
    if let Some(at) = o.ends_at.filter(|_| !o.done) {
        text.push_str(&format!("  {} left", clock_text(at - now)));
    }
    ui.label(theme.text(text, colour));
    for place in &o.checked {
        ui.label(theme.text(format!("    ✔ {place}"), theme.muted));
    }
}

fn finished(ui: &mut egui::Ui, view: &JournalView, theme: &UiTheme) {
    egui::CollapsingHeader::new(format!("Finished ({})", view.finished.len()))
        .id_salt("journal_finished")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("journal_finished_list")
                .max_height(160.0)
                .show(ui, |ui| {
                    for f in &view.finished {
                        let colour = match f.status {
                            MissionStatus::Completed => theme.success,
                            MissionStatus::Failed | MissionStatus::Expired => theme.danger,
                            _ => theme.muted,
                        };
                        egui::CollapsingHeader::new(theme.text(
                            format!("{} — {:?} at {}", f.title, f.status, clock_text(f.ended_at)),
                            colour,
                        ))
                        .id_salt(("finished", &f.mission, f.ended_at.to_bits()))
                        .show(ui, |ui| {
                            for line in &f.log {
                                ui.monospace(line);
                            }
                            if f.log.is_empty() {
                                ui.label(theme.text("no checkpoints", theme.muted));
                            }
                        });
                    }
                });
        });
}

/// The abandon confirmation: what is lost, and the two ways on.
pub fn abandon_confirm_panel(
    ui: &mut egui::Ui,
    row: &JournalRow,
    theme: &UiTheme,
) -> Option<UiAction> {
    ui.label(theme.heading(format!("Abandon {}?", row.title)));
    match &row.abandon_cost {
        Some((faction, change)) => ui.label(theme.text(
            format!(
                "You {} {} reputation with {faction}.",
                if *change < 0 { "lose" } else { "gain" },
                change.unsigned_abs()
            ),
            theme.danger,
        )),
        None => ui.label(theme.text("No reputation is lost.", theme.muted)),
    };
    let mut out = None;
    ui.horizontal(|ui| {
        if ui.button("Yes, abandon").clicked() {
            out = Some(UiAction::ConfirmAbandon);
        }
        if ui.button("Keep it").clicked() {
            out = Some(UiAction::CancelAbandon);
        }
    });
    out
}
