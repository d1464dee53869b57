//! The HUD tracker, the extraction banner, the arrow, the completion screen and the toasts.

use bevy_egui::egui::{self, Color32, Pos2, Stroke};

use crate::ui::state::{Toast, UiAction};
use crate::ui::theme::{UiTheme, clock_text};
use crate::ui::view::{CompletionKind, CompletionView, HudView};

use super::journal::objective;

/// Seconds the completion screen's credits and XP take to count up.
pub const COUNT_UP_SECS: f64 = 1.5;

/// The survive banner's text, `SURVIVE M:SS until extraction`, when a survive timer runs.
pub fn survive_banner(view: &HudView, now: f64) -> Option<String> {
    view.survive_ends_at
        .map(|at| format!("SURVIVE {} until extraction", clock_text(at - now)))
}

/// Draws the tracked objectives (mission name, then its current objectives) and the banner.
pub fn hud_panel(ui: &mut egui::Ui, view: &HudView, now: f64, theme: &UiTheme) {
    if let Some(banner) = survive_banner(view, now) {
        ui.label(theme.heading(banner).color(theme.warning));
    }
    let mut last = None;
    for line in &view.lines {
        if last != Some(&line.mission) {
            ui.label(theme.text(&line.mission, theme.accent).strong());
            last = Some(&line.mission);
        }
        objective(ui, &line.objective, now, theme);
    }
    if let (Some(what), Some(d)) = (&view.arrow_for, view.distance) {
        ui.label(theme.text(format!("→ {what}: {d:.0} m"), theme.muted));
    }
}

/// Paints the arrow toward the target on a ring around `centre` (screen space, so y is flipped
/// from the world's y up).
pub fn hud_arrow(
    painter: &egui::Painter,
    centre: Pos2,
    radius: f32,
    view: &HudView,
    theme: &UiTheme,
) {
    let Some(dir) = view.arrow.filter(|d| d.length_squared() > 0.0) else {
        return;
    };
    let d = egui::vec2(dir.x, -dir.y);
    let tip = centre + d * (radius + 18.0);
    let base = centre + d * radius;
    let side = egui::vec2(-d.y, d.x) * 9.0;
    painter.add(egui::Shape::convex_polygon(
        vec![tip, base + side, base - side],
        theme.accent,
        Stroke::new(1.5, Color32::BLACK),
    ));
}

/// Draws a completion screen `elapsed` seconds after it opened. Returns the dismissal when the
/// player pressed "Continue".
pub fn completion_panel(
    ui: &mut egui::Ui,
    view: &CompletionView,
    elapsed: f64,
    theme: &UiTheme,
) -> Option<UiAction> {
    let (title, colour) = match &view.kind {
        CompletionKind::Completed => ("Mission complete", theme.success),
        CompletionKind::Failed(_) => ("Mission failed", theme.danger),
        CompletionKind::Expired => ("Contract expired", theme.danger),
        CompletionKind::Withdrawn => ("Mission withdrawn", theme.warning),
        CompletionKind::Abandoned => ("Mission abandoned", theme.muted),
    };
    ui.label(theme.heading(title).color(colour));
    ui.label(theme.text(&view.title, ui.visuals().text_color()).strong());
    if let CompletionKind::Failed(reason) = &view.kind {
        ui.label(theme.text(reason, theme.danger));
    }
    if view.kind == CompletionKind::Withdrawn {
        ui.label(theme.text(
            "A game update removed it; its progress is kept until it returns.",
            theme.muted,
        ));
    }
    if view.kind == CompletionKind::Completed {
        let (credits, xp) = view.counted(elapsed, COUNT_UP_SECS);
        ui.label(
            theme
                .heading(format!("+{credits} credits"))
                .color(theme.success),
        );
        ui.label(theme.text(format!("+{xp} XP"), theme.success));
    }
    for (faction, change) in &view.reputation {
        let c = if *change < 0 {
            theme.danger
        } else {
            theme.success
        };
        ui.label(theme.text(format!("{change:+} reputation with {faction}"), c));
    }
    for (item, count) in &view.items {
        ui.label(theme.text(format!("{count}× {item}"), theme.accent));
    }
    for text in [&view.message, &view.line] {
        if !text.is_empty() {
            ui.label(
                theme
                    .text(format!("“{text}”"), ui.visuals().text_color())
                    .italics(),
            );
        }
    }
    ui.button("Continue")
        .clicked()
        .then_some(UiAction::DismissCompletion)
}

/// Draws the toasts still on screen at real time `now`, newest last.
pub fn toasts_panel(ui: &mut egui::Ui, toasts: &[Toast], now: f64, theme: &UiTheme) {
    for t in toasts.iter().filter(|t| t.until > now) {
        let colour = if t.error { theme.danger } else { theme.accent };
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            ui.label(theme.text(&t.text, colour));
        });
    }
}
